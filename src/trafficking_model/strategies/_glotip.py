"""Strategies of the GLOTIP format: rows."""

from __future__ import annotations

from hypothesis import strategies as st

from trafficking_model.formats._glotip_rows import GlotipRow
from trafficking_model.formats.glotip import ADULTS, CHILDREN, FEMALE, MALE, TOTAL
from trafficking_model.statistics import (
    FIRST_YEAR,
    LAST_YEAR,
)
from trafficking_model.strategies._basics import (
    country_codes,
)
from trafficking_model.strategies._counts import (
    counts,
)
from trafficking_model.strategies._draw import (
    CHARACTERS,
    strategy_for,
)

_CELL_TEXT = st.text(CHARACTERS, max_size=30)
_GLOTIP_SEXES = st.sampled_from([TOTAL, FEMALE, MALE])
_GLOTIP_AGES = st.sampled_from([TOTAL, CHILDREN, ADULTS])


@strategy_for(GlotipRow)
def glotip_rows(*, country: str | None = None) -> st.SearchStrategy[GlotipRow]:
    """Draw rows of UNODC's GLOTIP long format, with any text in the cells.

    Args:
        country: The `Iso3_code` of every row; any country code by default.

    Returns:
        A strategy of `formats.glotip.GlotipRow`.

    Example:
        >>> from hypothesis import find
        >>> find(glotip_rows(country="AZE"), lambda row: row.value is None).iso3_code
        'AZE'
    """
    codes = country_codes() if country is None else st.just(country)
    years = st.integers(min_value=FIRST_YEAR, max_value=LAST_YEAR)
    values = st.none() | counts()
    lines = st.none() | st.integers(min_value=1, max_value=10**6)

    def build(draw: st.DrawFn) -> GlotipRow:
        return GlotipRow(
            iso3_code=draw(codes),
            country=draw(_CELL_TEXT),
            region=draw(_CELL_TEXT),
            subregion=draw(_CELL_TEXT),
            indicator=draw(_CELL_TEXT),
            dimension=draw(_CELL_TEXT),
            category=draw(_CELL_TEXT),
            sex=draw(_GLOTIP_SEXES),
            age=draw(_GLOTIP_AGES),
            year=draw(years),
            unit=draw(_CELL_TEXT),
            value=draw(values),
            source=draw(_CELL_TEXT),
            line=draw(lines),
        )

    return st.composite(build)()
