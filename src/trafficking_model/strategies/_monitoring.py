"""Strategies of the monitoring of a plan: observations, progress, comparisons."""

from __future__ import annotations

import datetime as dt
import typing
from typing import Any

from hypothesis import strategies as st

from trafficking_model.monitoring import (
    IndicatorObservation,
    IndicatorProgress,
    MeasureProgress,
    PlanProgress,
    ReviewComparison,
    SpendingObservation,
    StatusObservation,
)
from trafficking_model.periods import Period
from trafficking_model.strategies._basics import (
    CURRENCIES,
    IDENTIFIERS,
    SHORT_TEXTS,
    TEXTS,
    unique_ids,
)
from trafficking_model.strategies._draw import (
    BOOLEANS,
    NUMBERS,
    below,
    maybe,
    pick,
    strategy_for,
)
from trafficking_model.strategies._money import (
    MONEY,
    money,
)
from trafficking_model.strategies._periods import (
    DEFAULT_PERIOD,
    draw_day,
)
from trafficking_model.vocabularies import (
    MeasureStatus,
    Pillar,
)

if typing.TYPE_CHECKING:
    from collections.abc import Sequence

    from trafficking_model.money import Money
    from trafficking_model.plans import (
        Measure,
    )

PILLARS = st.sampled_from(Pillar)
MEASURE_STATUSES = st.sampled_from(MeasureStatus)


FUNDING_SOURCES = st.sampled_from(["State budget", "Donor grant"]) | SHORT_TEXTS


@strategy_for(IndicatorObservation)
def indicator_observations(
    *, within: Period = DEFAULT_PERIOD
) -> st.SearchStrategy[IndicatorObservation]:
    """Draw values of indicators, dated within a period.

    Args:
        within: The period the day is drawn from.

    Returns:
        A strategy of `IndicatorObservation`, of any measure and indicator.

    Example:
        >>> from hypothesis import find
        >>> observation = find(
        ...     indicator_observations(within=Period.from_years(2026)),
        ...     lambda o: o.verification is not None,
        ... )
        >>> observation.date.year
        2026
    """
    return st.composite(
        lambda draw: draw_indicator_observation(
            draw, draw(IDENTIFIERS), draw(IDENTIFIERS), draw_day(draw, within)
        )
    )()


def draw_indicator_observation(
    draw: st.DrawFn, measure: str, indicator: str, day: dt.date
) -> IndicatorObservation:
    return IndicatorObservation(
        measure=measure,
        indicator=indicator,
        date=day,
        value=draw(NUMBERS),
        source=draw(TEXTS),
        verification=maybe(draw, lambda: draw(TEXTS)),
    )


@strategy_for(StatusObservation)
def status_observations(
    *, within: Period = DEFAULT_PERIOD
) -> st.SearchStrategy[StatusObservation]:
    """Draw statuses of measures, dated within a period.

    Args:
        within: The period the day is drawn from.

    Returns:
        A strategy of `StatusObservation`, of any measure.

    Example:
        >>> from hypothesis import find
        >>> find(status_observations(), lambda o: o.status is MeasureStatus.DELAYED).status
        <MeasureStatus.DELAYED: 'delayed'>
    """
    return st.composite(
        lambda draw: draw_status_observation(
            draw, draw(IDENTIFIERS), draw_day(draw, within)
        )
    )()


def draw_status_observation(
    draw: st.DrawFn, measure: str, day: dt.date
) -> StatusObservation:
    return StatusObservation(
        measure=measure, date=day, status=draw(MEASURE_STATUSES), source=draw(TEXTS)
    )


@strategy_for(SpendingObservation)
def spending_observations(
    *, within: Period = DEFAULT_PERIOD
) -> st.SearchStrategy[SpendingObservation]:
    """Draw spending on measures, dated within a period.

    Args:
        within: The period the day is drawn from.

    Returns:
        A strategy of `SpendingObservation`, of any measure.

    Example:
        >>> from hypothesis import find
        >>> find(spending_observations(), lambda o: o.spent.amount > 0).spent.amount > 0
        True
    """
    return st.composite(
        lambda draw: draw_spending_observation(
            draw, draw(IDENTIFIERS), draw(FUNDING_SOURCES), draw_day(draw, within)
        )
    )()


def draw_spending_observation(
    draw: st.DrawFn, measure: str, funding_source: str, day: dt.date
) -> SpendingObservation:
    return SpendingObservation(
        measure=measure,
        funding_source=funding_source,
        date=day,
        spent=draw(MONEY),
        source=draw(TEXTS),
    )


def draw_observations(
    draw: st.DrawFn, measures: Sequence[Measure], period: Period
) -> dict[str, tuple[Any, ...]]:
    """Observations of a plan's measures, one of each thing per day."""
    if not measures:
        return {}
    around = Period(
        start=max(period.start - dt.timedelta(days=365), DEFAULT_PERIOD.start),
        end=min(period.end + dt.timedelta(days=365), DEFAULT_PERIOD.end),
    )
    found: dict[str, list[Any]] = {
        "indicator_observations": [],
        "status_observations": [],
        "spending_observations": [],
    }
    seen: set[tuple[object, ...]] = set()
    for _ in range(below(draw, 6)):
        measure = pick(draw, measures)
        day = draw_day(draw, around)
        kind = below(draw, 2)
        if kind == 0 and measure.indicators:
            indicator = pick(draw, measure.indicators).id
            key: tuple[object, ...] = (kind, measure.id, indicator, day)
            made: Any = draw_indicator_observation(draw, measure.id, indicator, day)
            name = "indicator_observations"
        elif kind == 2:
            funding = draw(FUNDING_SOURCES)
            key = (kind, measure.id, funding, day)
            made = draw_spending_observation(draw, measure.id, funding, day)
            name = "spending_observations"
        else:
            key = (1, measure.id, day)
            made = draw_status_observation(draw, measure.id, day)
            name = "status_observations"
        if key not in seen:
            seen.add(key)
            found[name].append(made)
    return {name: tuple(items) for name, items in found.items()}


def _days_by(draw: st.DrawFn, as_of: dt.date) -> dt.date:
    """A day on or before `as_of`, within the default period."""
    return as_of - dt.timedelta(days=below(draw, min(800, (as_of - _FIRST_DAY).days)))


_FIRST_DAY = DEFAULT_PERIOD.start


def _indicator_progress(
    draw: st.DrawFn, identifier: str, as_of: dt.date
) -> IndicatorProgress:
    observed = draw(BOOLEANS)
    return IndicatorProgress(
        id=identifier,
        unit=draw(SHORT_TEXTS),
        baseline=maybe(draw, lambda: draw(NUMBERS)),
        target=maybe(draw, lambda: draw(NUMBERS)),
        value=draw(NUMBERS) if observed else None,
        observed_on=_days_by(draw, as_of) if observed else None,
    )


@strategy_for(IndicatorProgress)
def indicator_progress(
    *, as_of: dt.date = DEFAULT_PERIOD.end
) -> st.SearchStrategy[IndicatorProgress]:
    """Draw how far indicators have got, with nothing observed after a day.

    Args:
        as_of: The latest day a value may have been observed.

    Returns:
        A strategy of `IndicatorProgress`.

    Example:
        >>> from hypothesis import find
        >>> progress = find(indicator_progress(), lambda i: i.share is not None)
        >>> progress.observed_on <= DEFAULT_PERIOD.end
        True
    """
    return st.composite(
        lambda draw: _indicator_progress(draw, draw(IDENTIFIERS), as_of)
    )()


def draw_measure_progress(
    draw: st.DrawFn, identifier: str, as_of: dt.date
) -> MeasureProgress:
    observed = draw(BOOLEANS)
    return MeasureProgress(
        id=identifier,
        title=draw(TEXTS),
        pillar=draw(PILLARS),
        objective=maybe(draw, lambda: draw(IDENTIFIERS)),
        due=draw_day(draw, DEFAULT_PERIOD),
        status=draw(MEASURE_STATUSES) if observed else None,
        status_since=_days_by(draw, as_of) if observed else None,
        indicators=tuple(
            _indicator_progress(draw, indicator_id, as_of)
            for indicator_id in unique_ids(draw, 0, 2)
        ),
    )


@strategy_for(MeasureProgress)
def measure_progress(
    *, as_of: dt.date = DEFAULT_PERIOD.end
) -> st.SearchStrategy[MeasureProgress]:
    """Draw how far measures have got, with nothing observed after a day.

    Args:
        as_of: The latest day a status or value may have been observed.

    Returns:
        A strategy of `MeasureProgress`.

    Example:
        >>> from hypothesis import find
        >>> import datetime as dt
        >>> day = dt.date(2100, 12, 31)
        >>> find(measure_progress(), lambda m: m.is_overdue(day)).is_overdue(day)
        True
    """
    return st.composite(
        lambda draw: draw_measure_progress(draw, draw(IDENTIFIERS), as_of)
    )()


def _amounts(draw: st.DrawFn) -> tuple[Money, ...]:
    currencies = sorted(draw(st.frozensets(CURRENCIES, max_size=2)))
    return tuple(draw(money(currency=currency)) for currency in currencies)


@strategy_for(PlanProgress)
def plan_progress(*, as_of: dt.date | None = None) -> st.SearchStrategy[PlanProgress]:
    """Draw snapshots of a plan's progress, with nothing observed after their day.

    Args:
        as_of: The day of the snapshot; drawn within 1900 to 2100 when left out.

    Returns:
        A strategy of `PlanProgress`.

    Example:
        >>> from hypothesis import Phase, find, settings
        >>> import datetime as dt
        >>> first = settings(phases=[Phase.generate], database=None)  # no shrinking
        >>> find(plan_progress(as_of=dt.date(2026, 1, 1)), bool, settings=first).as_of
        datetime.date(2026, 1, 1)
    """

    def build(draw: st.DrawFn) -> PlanProgress:
        day = draw_day(draw, DEFAULT_PERIOD) if as_of is None else as_of
        return PlanProgress(
            plan=draw(IDENTIFIERS),
            as_of=day,
            measures=tuple(
                draw_measure_progress(draw, measure_id, day)
                for measure_id in unique_ids(draw, 0, 3)
            ),
            allocated=_amounts(draw),
            spent=_amounts(draw),
        )

    return st.composite(build)()


@strategy_for(ReviewComparison)
def review_comparisons() -> st.SearchStrategy[ReviewComparison]:
    """Draw comparisons of two snapshots, the earlier one first.

    Returns:
        A strategy of `ReviewComparison`.

    Example:
        >>> from hypothesis import Phase, find, settings
        >>> first = settings(phases=[Phase.generate], database=None)  # no shrinking
        >>> comparison = find(review_comparisons(), bool, settings=first)
        >>> comparison.earlier.as_of <= comparison.later.as_of
        True
    """

    def build(draw: st.DrawFn) -> ReviewComparison:
        first, second = draw_day(draw, DEFAULT_PERIOD), draw_day(draw, DEFAULT_PERIOD)
        return ReviewComparison(
            earlier=draw(plan_progress(as_of=min(first, second))),
            later=draw(plan_progress(as_of=max(first, second))),
        )

    return st.composite(build)()
