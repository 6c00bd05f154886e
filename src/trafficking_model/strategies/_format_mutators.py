"""Mutators that break the rules of the CTDC and GLOTIP formats."""

from __future__ import annotations

from hypothesis import strategies as st

from trafficking_model._validation import (
    MAX_AGE,
)
from trafficking_model.formats._ctdc_record import (
    BAND_LIMIT,
    CTDC_FORMS,
    FLAG_SETS,
)
from trafficking_model.statistics import (
    FIRST_YEAR,
    LAST_YEAR,
)
from trafficking_model.strategies._ctdc import CTDC_FLAGS
from trafficking_model.strategies._draw import (
    BOOLEANS,
)
from trafficking_model.strategies._mutators import (
    EXCESS,
    JSON,
)
from trafficking_model.vocabularies import (
    ExploitationForm,
    Sex,
)


def band_below_zero(draw: st.DrawFn, data: JSON) -> str:
    data["low"] = -draw(EXCESS)
    return "$.low"


def band_backwards(draw: st.DrawFn, data: JSON) -> str:
    high = draw(st.integers(min_value=0, max_value=BAND_LIMIT - 1))
    data["high"] = high
    data["low"] = draw(st.integers(min_value=high + 1, max_value=BAND_LIMIT))
    return "$.high"


def record_out_of_range(draw: st.DrawFn, data: JSON) -> str:
    if draw(BOOLEANS):
        data["year"] = draw(
            st.sampled_from([FIRST_YEAR - draw(EXCESS), LAST_YEAR + draw(EXCESS)])
        )
        return "$.year"
    low = draw(st.integers(min_value=MAX_AGE + 1, max_value=BAND_LIMIT))
    data["age"] = {"high": None, "low": low}
    return "$.age"


def record_bad_enum(draw: st.DrawFn, data: JSON) -> str:
    if draw(BOOLEANS):
        data["gender"] = Sex.UNKNOWN.value
        return "$.gender"
    others = sorted(form.value for form in set(ExploitationForm) - CTDC_FORMS)
    data["exploitation"] = [*data["exploitation"], draw(st.sampled_from(others))]
    return "$.exploitation"


def flag_yes_and_no(draw: st.DrawFn, data: JSON) -> str:
    flag = draw(st.sampled_from(CTDC_FLAGS))
    name = next(name for name, vocabulary in FLAG_SETS if type(flag) is vocabulary)
    key = type(flag).__name__
    if flag.value not in data[name]:
        data[name] = [*data[name], flag.value]
    if flag.value not in data["recorded_no"][key]:
        data["recorded_no"][key] = [*data["recorded_no"][key], flag.value]
    return "$.recorded_no"
