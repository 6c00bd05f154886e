"""Strategies of the CTDC format: bands and records."""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from trafficking_model._validation import (
    ISO_COUNTRY_CODES,
    MAX_AGE,
)
from trafficking_model.formats._ctdc_record import (
    BAND_LIMIT,
    CTDC_FORMS,
    CTDC_GENDERS,
    Band,
    Means,
    Record,
    RecruiterRelation,
    Sector,
)
from trafficking_model.statistics import (
    FIRST_YEAR,
    LAST_YEAR,
)
from trafficking_model.strategies._draw import (
    BOOLEANS,
    below,
    check_size,
    maybe,
    ordinal,
    strategy_for,
)
from trafficking_model.vocabularies import (
    ExploitationForm,
)


@strategy_for(Band)
def ctdc_bands(*, max_value: int = BAND_LIMIT) -> st.SearchStrategy[Band]:
    """Draw bands of the CTDC file: closed (`9--17`) or open (`48+`).

    Args:
        max_value: The largest end drawn, at most 9999.

    Returns:
        A strategy of `formats.ctdc.Band`.

    Example:
        >>> from hypothesis import find
        >>> find(ctdc_bands(max_value=120), lambda band: band.high is None).low
        0
    """
    check_size("max_value", 0, max_value)
    if max_value > BAND_LIMIT:
        msg = f"max_value must be at most {BAND_LIMIT}, got {max_value}"
        raise InvalidArgument(msg)

    def build(draw: st.DrawFn) -> Band:
        low = below(draw, max_value)
        if draw(BOOLEANS) and draw(BOOLEANS):
            return Band(low)
        return Band(low, below(draw, max_value, low))

    return st.composite(build)()


CTDC_FLAGS: tuple[Means | ExploitationForm | Sector | RecruiterRelation, ...] = (
    *Means,
    *sorted(CTDC_FORMS, key=lambda form: form.value),
    *Sector,
    *RecruiterRelation,
)
_FLAG_STATES = st.lists(
    st.sampled_from([True, False, None]),
    min_size=len(CTDC_FLAGS),
    max_size=len(CTDC_FLAGS),
)
_CTDC_GENDERS = st.sampled_from(sorted(CTDC_GENDERS, key=ordinal))
_ISO_COUNTRIES = st.sampled_from(sorted(ISO_COUNTRY_CODES))


@strategy_for(Record)
def ctdc_records(*, country: str | None = None) -> st.SearchStrategy[Record]:
    """Draw rows of the CTDC dataset, each flag yes, no or not recorded.

    Countries are ISO 3166-1 codes, never user-assigned ones (`XAA` to
    `XZZ`), which a record refuses.

    Args:
        country: The country of exploitation of every record; any, or none,
            by default.

    Returns:
        A strategy of `formats.ctdc.Record`.

    Example:
        >>> from hypothesis import find
        >>> record = find(ctdc_records(country="UKR"), lambda r: bool(r.recorded_no))
        >>> record.country_of_exploitation
        'UKR'
    """
    codes = _ISO_COUNTRIES
    ages = ctdc_bands(max_value=MAX_AGE)
    months = ctdc_bands(max_value=1200)
    years = st.integers(min_value=FIRST_YEAR, max_value=LAST_YEAR)

    def build(draw: st.DrawFn) -> Record:
        states = draw(_FLAG_STATES)
        yes = [flag for flag, state in zip(CTDC_FLAGS, states, strict=True) if state]
        return Record(
            year=maybe(draw, lambda: draw(years)),
            gender=maybe(draw, lambda: draw(_CTDC_GENDERS)),
            age=maybe(draw, lambda: draw(ages)),
            citizenship=maybe(draw, lambda: draw(codes)),
            country_of_exploitation=(
                country if country is not None else maybe(draw, lambda: draw(codes))
            ),
            months=maybe(draw, lambda: draw(months)),
            means=frozenset(flag for flag in yes if type(flag) is Means),
            exploitation=frozenset(
                flag for flag in yes if type(flag) is ExploitationForm
            ),
            sectors=frozenset(flag for flag in yes if type(flag) is Sector),
            recruiter_relations=frozenset(
                flag for flag in yes if type(flag) is RecruiterRelation
            ),
            recorded_no=frozenset(
                flag
                for flag, state in zip(CTDC_FLAGS, states, strict=True)
                if state is False
            ),
        )

    return st.composite(build)()
