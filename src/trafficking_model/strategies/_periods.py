"""Strategies of periods, and the default period strategies draw days from."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from trafficking_model.periods import Period
from trafficking_model.statistics import (
    FIRST_YEAR,
    LAST_YEAR,
)
from trafficking_model.strategies._draw import (
    below,
    strategy_for,
)

DEFAULT_PERIOD = Period(start=dt.date(FIRST_YEAR, 1, 1), end=dt.date(LAST_YEAR, 12, 31))
"""The days that strategies draw dates from unless told otherwise: 1900 to 2100."""


def draw_day(draw: st.DrawFn, within: Period) -> dt.date:
    span = (within.end - within.start).days
    return within.start + dt.timedelta(days=below(draw, span))


def draw_period(draw: st.DrawFn, within: Period) -> Period:
    first, second = draw_day(draw, within), draw_day(draw, within)
    return Period(start=min(first, second), end=max(first, second))


@strategy_for(Period)
def periods(*, within: Period = DEFAULT_PERIOD) -> st.SearchStrategy[Period]:
    """Draw periods that lie within a given period.

    Args:
        within: The days both ends are drawn from; 1900 to 2100 by default.

    Returns:
        A strategy of periods, from single days to all of `within`.

    Example:
        >>> from hypothesis import find
        >>> plan_years = Period.from_years(2020, 2024)
        >>> plan_years.contains_period(find(periods(within=plan_years), bool))
        True
    """
    return st.composite(lambda draw: draw_period(draw, within))()
