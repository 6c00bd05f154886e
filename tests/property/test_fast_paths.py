"""The fast paths of the record checks accept every valid record.

Records are checked in two steps: a fast predicate that only ever accepts, and
the detailed check that explains every rejection. The rejection tests show that
the fast path never accepts an invalid record; these show it accepts every valid
one, so valid data never pays for the detailed check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import trafficking_model as tm
from trafficking_model import (
    ADULT_AGE,
    AgeGroup,
    Case,
    CaseStatistics,
    Defendant,
    Disposition,
    ExploitationForm,
    IdentificationStatus,
    LawEnforcementFigures,
    OffenceType,
    ProsecutionOutcome,
    Sex,
    Victim,
    VictimStatistics,
)
from trafficking_model import strategies as tms
from trafficking_model.cases import _plainly_valid_case, _plainly_valid_defendant
from trafficking_model.prosecution import _plainly_valid as _plainly_valid_outcome
from trafficking_model.statistics import (
    _plainly_valid_cases,
    _plainly_valid_flows,
    _plainly_valid_victims,
)
from trafficking_model.victims import _plainly_valid

identifiers = st.text(min_size=1).map(str.strip).filter(bool)


@st.composite
def victims(draw: st.DrawFn) -> Victim:
    age = draw(st.none() | st.integers(min_value=0, max_value=120))
    if age is None:
        group = draw(st.sampled_from(AgeGroup))
    else:
        group = AgeGroup.CHILD if age < ADULT_AGE else AgeGroup.ADULT
    status = draw(st.sampled_from(IdentificationStatus))
    not_a_victim = status is IdentificationStatus.NOT_A_VICTIM
    return Victim(
        id=draw(identifiers),
        sex=draw(st.sampled_from(Sex)),
        age=age,
        age_group=group,
        age_group_at_exploitation=draw(
            st.none()
            | st.sampled_from(
                [AgeGroup.CHILD, AgeGroup.UNKNOWN]
                if group is AgeGroup.CHILD
                else list(AgeGroup)
            )
        ),
        citizenship=draw(st.frozensets(st.sampled_from(["AZE", "GEO", "XKX"]))),
        exploitation=draw(
            st.frozensets(st.sampled_from(ExploitationForm), min_size=1 - not_a_victim)
        ),
        identification=status,
        identified_on=draw(st.none() | st.dates()),
        identified_by=draw(st.none() | identifiers),
    )


@st.composite
def defendants(draw: st.DrawFn) -> Defendant:
    disposition = draw(st.sampled_from(Disposition))
    imprisoned = disposition is Disposition.IMPRISONMENT
    return Defendant(
        id=draw(identifiers),
        sex=draw(st.sampled_from(Sex)),
        indicted=disposition.requires_indictment or draw(st.booleans()),
        disposition=disposition,
        sentence_months=draw(st.integers(min_value=1)) if imprisoned else None,
    )


cases = st.builds(
    Case,
    id=identifiers,
    offence=st.sampled_from(OffenceType),
    registered_on=st.dates(),
    legal_reference=st.none() | identifiers,
    victim_ids=st.frozensets(identifiers),
    defendants=st.lists(defendants(), unique_by=lambda d: d.id).map(tuple),
)


@given(victims())
def test_every_valid_victim_takes_the_fast_path(victim: Victim) -> None:
    assert _plainly_valid(victim)


@given(defendants())
def test_every_valid_defendant_takes_the_fast_path(defendant: Defendant) -> None:
    assert _plainly_valid_defendant(defendant)


@given(cases)
def test_every_valid_case_takes_the_fast_path(case: Case) -> None:
    assert _plainly_valid_case(case)


def test_datetimes_never_take_the_fast_path() -> None:
    case = Case(id="1", offence=OffenceType.OTHER, registered_on=dt.date(2021, 1, 1))
    object.__setattr__(case, "registered_on", dt.datetime(2021, 1, 1))
    assert not _plainly_valid_case(case)


# The aggregates: every exact figure set with nothing partial takes the fast
# path, and nothing else does (a range, a figure not reported where the fast path
# needs it, a partial or overlapping breakdown, an unknown name).


def _exact(cls: type) -> st.SearchStrategy[Any]:
    strategies = {
        CaseStatistics: tms.case_statistics,
        ProsecutionOutcome: tms.prosecution_outcomes,
        VictimStatistics: tms.victim_statistics,
        LawEnforcementFigures: tms.law_enforcement_figures,
    }
    return strategies[cls](exact=True)


FAST: dict[type, Callable[[Any], bool]] = {
    CaseStatistics: _plainly_valid_cases,
    ProsecutionOutcome: _plainly_valid_outcome,
    VictimStatistics: _plainly_valid_victims,
    LawEnforcementFigures: _plainly_valid_flows,
}


@pytest.mark.parametrize("cls", list(FAST), ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_every_exact_aggregate_takes_the_fast_path(
    cls: type, data: st.DataObject
) -> None:
    value = data.draw(_exact(cls))
    if cls is CaseStatistics and "total" in value.derived:
        value = attrs.evolve(value, derived=frozenset())
    assert FAST[cls](value)


@pytest.mark.parametrize("cls", list(FAST), ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_published_figures_take_the_detailed_check_when_they_must(
    cls: type, data: st.DataObject
) -> None:
    value = data.draw(st.from_type(cls))
    names = ("partial", "overlapping")
    ranged = any(
        isinstance(getattr(value, field.name), tm.Count)
        or (
            isinstance(getattr(value, field.name), Mapping)
            and any(
                isinstance(c, tm.Count) for c in getattr(value, field.name).values()
            )
        )
        or (field.name in names and getattr(value, field.name))
        for field in attrs.fields(cls)
    )
    if ranged:
        assert not FAST[cls](value)


@pytest.mark.parametrize(
    ("build", "fast"),
    [
        (
            lambda: ProsecutionOutcome(defendants=5, indicted=None, sentenced=1),
            _plainly_valid_outcome,
        ),
        (lambda: VictimStatistics(total=None), _plainly_valid_victims),
        (lambda: CaseStatistics(total=None), _plainly_valid_cases),
    ],
)
def test_unreported_figures_that_rules_need_take_the_detailed_check(
    build: Callable[[], object], fast: Callable[[Any], bool]
) -> None:
    assert not fast(build())
