"""Strategies of country reports."""

from __future__ import annotations

import typing
from typing import Any

from hypothesis import strategies as st

from trafficking_model.reports import CountryReport
from trafficking_model.statistics import (
    FIRST_YEAR,
    LAST_YEAR,
)
from trafficking_model.strategies._basics import (
    COUNTRIES,
    TEXTS,
)
from trafficking_model.strategies._draw import (
    BOOLEANS,
    COUNT_LIMIT,
    below,
    check_size,
    maybe,
    pick,
    strategy_for,
)
from trafficking_model.strategies._periods import (
    DEFAULT_PERIOD,
    draw_period,
)
from trafficking_model.strategies._prosecution import (
    prosecution_outcomes,
)
from trafficking_model.strategies._statistics import (
    case_statistics,
    draw_figures,
    victim_statistics,
)
from trafficking_model.strategies._tiers import (
    TIERS,
)

if typing.TYPE_CHECKING:
    from trafficking_model.periods import Period

_SECTION_STRATEGIES: tuple[st.SearchStrategy[Any], ...] = (
    case_statistics(),
    prosecution_outcomes(),
    victim_statistics(),
)
_EXACT_SECTIONS: tuple[st.SearchStrategy[Any], ...] = (
    case_statistics(exact=True),
    prosecution_outcomes(exact=True),
    victim_statistics(exact=True),
)
_SECTIONS = st.sampled_from(["all", "all", "some", "some", "law enforcement"])


@strategy_for(CountryReport)
def country_reports(
    *,
    country: str | None = None,
    period: Period | None = None,
    min_law_enforcement: int = 0,
    max_law_enforcement: int = 3,
    exact: bool = False,
) -> st.SearchStrategy[CountryReport]:
    """Draw country reports.

    A report holds what its source has: every section, some of them, or only
    yearly figures, with figures published as a source might (see
    `case_statistics`).

    Yearly law-enforcement figures are drawn for distinct years within the
    report's period (and within 1900 to 2100).

    Args:
        country: The reporting country; any country when left out.
        period: The period covered; drawn within 1900 to 2100 when left out.
        min_law_enforcement: The fewest yearly figures; fewer are drawn when
            the period has fewer years.
        max_law_enforcement: The most yearly figures.
        exact: Give every section, with exact figures and complete breakdowns.

    Returns:
        A strategy of `CountryReport`.

    Example:
        >>> from hypothesis import Phase, find, settings
        >>> from trafficking_model import Period
        >>> report = find(
        ...     country_reports(country="AZE", period=Period.from_years(2020, 2021)),
        ...     lambda r: len(r.law_enforcement) == 2,
        ...     settings=settings(max_examples=10_000, phases=[Phase.generate], database=None),
        ... )
        >>> sorted(figures.year for figures in report.law_enforcement)
        [2020, 2021]
    """
    check_size("law_enforcement", min_law_enforcement, max_law_enforcement)
    parts = _EXACT_SECTIONS if exact else _SECTION_STRATEGIES

    def build(draw: st.DrawFn) -> CountryReport:
        report_period = draw_period(draw, DEFAULT_PERIOD) if period is None else period
        years = [
            year for year in report_period.years if FIRST_YEAR <= year <= LAST_YEAR
        ]
        size = below(
            draw,
            min(max_law_enforcement, len(years)),
            min(min_law_enforcement, len(years)),
        )
        chosen: list[int] = []
        while len(chosen) < size:  # distinct years, drawn without filtering
            remaining = [year for year in years if year not in chosen]
            chosen.append(pick(draw, remaining))
        # a report holds what its source has: every section, some, or only
        # yearly figures; at least one section in any case
        sections = "all" if exact else draw(_SECTIONS)
        if sections == "law enforcement" and not chosen:
            sections = "all"
        given = {"cases", "prosecution", "victims"}
        if sections == "some":
            given = {name for name in sorted(given) if draw(BOOLEANS)}
            if not given and not chosen:
                given = {pick(draw, ["cases", "prosecution", "victims"])}
        elif sections == "law enforcement":
            given = set()
        return CountryReport(
            country=draw(COUNTRIES) if country is None else country,
            period=report_period,
            source=draw(TEXTS),
            cases=draw(parts[0]) if "cases" in given else None,
            prosecution=draw(parts[1]) if "prosecution" in given else None,
            victims=draw(parts[2]) if "victims" in given else None,
            tip_tier=maybe(draw, lambda: draw(TIERS)),
            law_enforcement=tuple(
                draw_figures(draw, year, COUNT_LIMIT, exact=exact) for year in chosen
            ),
        )

    return st.composite(build)()
