"""Strategies of National Action Plans and their parts."""

from __future__ import annotations

import typing

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from trafficking_model.plans import (
    BudgetLine,
    Indicator,
    Measure,
    NationalActionPlan,
    Objective,
    PlanReview,
)
from trafficking_model.strategies._basics import (
    COUNTRIES,
    IDENTIFIERS,
    SHORT_TEXTS,
    TEXTS,
    unique_ids,
)
from trafficking_model.strategies._draw import (
    NUMBERS,
    below,
    check_size,
    maybe,
    pick,
    strategy_for,
    subset,
)
from trafficking_model.strategies._money import (
    MONEY,
    money,
)
from trafficking_model.strategies._monitoring import (
    FUNDING_SOURCES,
    MEASURE_STATUSES,
    PILLARS,
    draw_observations,
    plan_progress,
)
from trafficking_model.strategies._periods import (
    DEFAULT_PERIOD,
    draw_day,
    draw_period,
)
from trafficking_model.strategies._stakeholders import (
    draw_stakeholder,
)
from trafficking_model.vocabularies import (
    ReviewKind,
)

if typing.TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Collection, Sequence

    from trafficking_model.monitoring import (
        PlanProgress,
    )
    from trafficking_model.periods import Period


def _indicator(draw: st.DrawFn, identifier: str) -> Indicator:
    return Indicator(
        id=identifier,
        description=draw(TEXTS),
        unit=draw(SHORT_TEXTS),
        baseline=maybe(draw, lambda: draw(NUMBERS)),
        target=maybe(draw, lambda: draw(NUMBERS)),
    )


@strategy_for(Indicator)
def indicators(
    *, ids: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Indicator]:
    """Draw indicators, with or without a baseline and a target.

    Args:
        ids: Where to draw the ids from; `identifiers()` when left out.

    Returns:
        A strategy of `Indicator`.

    Example:
        >>> from hypothesis import find
        >>> find(indicators(), lambda i: i.target is not None).target
        0
    """
    id_strategy = IDENTIFIERS if ids is None else ids
    return st.composite(lambda draw: _indicator(draw, draw(id_strategy)))()


def _measure(
    draw: st.DrawFn,
    identifier: str,
    stakeholder_ids: Sequence[str] | None,
    period: Period,
    max_indicators: int,
    *,
    objective_ids: Sequence[str] = (),
) -> Measure:
    if stakeholder_ids is None:
        responsible = draw(st.frozensets(IDENTIFIERS, min_size=1, max_size=3))
        partners = draw(st.frozensets(IDENTIFIERS, max_size=3))
    else:
        responsible = subset(draw, stakeholder_ids, at_least_one=True)
        partners = subset(draw, stakeholder_ids)
    return Measure(
        id=identifier,
        title=draw(TEXTS),
        pillar=draw(PILLARS),
        responsible=responsible,
        partners=partners,
        period=draw_period(draw, period),
        indicators=tuple(
            _indicator(draw, indicator_id)
            for indicator_id in unique_ids(draw, 0, max_indicators)
        ),
        status=maybe(draw, lambda: draw(MEASURE_STATUSES)),
        budget=maybe(draw, lambda: draw(MONEY)),
        objective=maybe(draw, lambda: pick(draw, objective_ids))
        if objective_ids
        else None,
        budget_lines=tuple(draw(budget_lines()) for _ in range(below(draw, 2))),
    )


@strategy_for(Measure)
def measures(
    *,
    ids: st.SearchStrategy[str] | None = None,
    stakeholder_ids: Collection[str] | None = None,
    period: Period = DEFAULT_PERIOD,
    max_indicators: int = 3,
) -> st.SearchStrategy[Measure]:
    """Draw measures of a plan.

    Args:
        ids: Where to draw the ids from; `identifiers()` when left out.
        stakeholder_ids: The ids the measure may name as responsible or
            partner, at least one; any identifiers when left out.
        period: The measure's own period lies within this one.
        max_indicators: The most indicators a measure has; their ids are unique.

    Returns:
        A strategy of `Measure`.

    Raises:
        InvalidArgument: If `stakeholder_ids` is given but empty.

    Example:
        >>> from hypothesis import find
        >>> measure = find(
        ...     measures(stakeholder_ids={"iom", "police"}),
        ...     lambda m: len(m.responsible) == 2,
        ... )
        >>> sorted(measure.responsible)
        ['iom', 'police']
    """
    check_size("max_indicators", 0, max_indicators)
    if stakeholder_ids is not None and not stakeholder_ids:
        msg = "stakeholder_ids: a measure needs at least one stakeholder to name"
        raise InvalidArgument(msg)
    known = None if stakeholder_ids is None else sorted(stakeholder_ids)
    id_strategy = IDENTIFIERS if ids is None else ids
    return st.composite(
        lambda draw: _measure(draw, draw(id_strategy), known, period, max_indicators)
    )()


def _review(
    draw: st.DrawFn,
    stakeholder_ids: Sequence[str] | None,
    period: Period,
    snapshot: Callable[[dt.date], PlanProgress] | None = None,
) -> PlanReview:
    def named() -> str:
        if stakeholder_ids is None:
            result: str = draw(IDENTIFIERS)
            return result
        return pick(draw, stakeholder_ids)

    if stakeholder_ids is None:
        participants = draw(st.frozensets(IDENTIFIERS, max_size=4))
    else:
        participants = subset(draw, stakeholder_ids)
    can_name = stakeholder_ids is None or bool(stakeholder_ids)
    day = draw_day(draw, period)
    if snapshot is None:
        progress = maybe(draw, lambda: draw(plan_progress(as_of=day)))
    else:
        progress = maybe(draw, lambda: snapshot(day))
    return PlanReview(
        date=day,
        progress=progress,
        kind=draw(_REVIEW_KINDS),
        participants=participants,
        organizer=maybe(draw, named) if can_name else None,
        funder=maybe(draw, named) if can_name else None,
        summary=maybe(draw, lambda: draw(TEXTS)),
    )


_REVIEW_KINDS = st.sampled_from(ReviewKind)


@strategy_for(PlanReview)
def plan_reviews(
    *,
    stakeholder_ids: Collection[str] | None = None,
    period: Period = DEFAULT_PERIOD,
) -> st.SearchStrategy[PlanReview]:
    """Draw reviews of a plan.

    Args:
        stakeholder_ids: The ids a review may name as participant, organiser or
            funder; any identifiers when left out, none when empty.
        period: The day of the review falls within this period.

    Returns:
        A strategy of `PlanReview`.

    Example:
        >>> from hypothesis import find
        >>> review = find(
        ...     plan_reviews(stakeholder_ids={"iom"}), lambda r: r.funder is not None
        ... )
        >>> review.funder
        'iom'
    """
    known = None if stakeholder_ids is None else sorted(stakeholder_ids)
    return st.composite(lambda draw: _review(draw, known, period))()


@strategy_for(NationalActionPlan)
def national_action_plans(
    *,
    country: str | None = None,
    period: Period | None = None,
    min_stakeholders: int = 1,
    max_stakeholders: int = 5,
    min_measures: int = 0,
    max_measures: int = 5,
    min_reviews: int = 0,
    max_reviews: int = 3,
) -> st.SearchStrategy[NationalActionPlan]:
    """Draw National Action Plans that hold together.

    The stakeholders are drawn first, with unique ids; then the measures, with
    unique ids, each naming only those stakeholders and lying within the plan's
    period; then the reviews, within the period and naming only those
    stakeholders.

    Args:
        country: The plan's country; any country when left out.
        period: The plan's period; drawn within 1900 to 2100 when left out.
        min_stakeholders: The fewest stakeholders (raised to 1 when measures
            are wanted, since a measure needs a responsible stakeholder).
        max_stakeholders: The most stakeholders.
        min_measures: The fewest measures.
        max_measures: The most measures.
        min_reviews: The fewest reviews.
        max_reviews: The most reviews.

    Returns:
        A strategy of `NationalActionPlan`.

    Raises:
        InvalidArgument: If a minimum is negative or above its maximum, or
            measures are wanted but no stakeholder is allowed.

    Example:
        >>> from hypothesis import find
        >>> from hypothesis import Phase, settings
        >>> from trafficking_model import Period
        >>> plan = find(
        ...     national_action_plans(
        ...         country="AZE", period=Period.from_years(2020, 2024), min_measures=2
        ...     ),
        ...     bool,
        ...     settings=settings(max_examples=10_000, phases=[Phase.generate], database=None),
        ... )
        >>> plan.country, all(plan.period.contains_period(m.period) for m in plan.measures)
        ('AZE', True)
    """
    check_size("stakeholders", min_stakeholders, max_stakeholders)
    check_size("measures", min_measures, max_measures)
    check_size("reviews", min_reviews, max_reviews)
    if min_measures and not max_stakeholders:
        msg = "measures need stakeholders: max_stakeholders must be at least 1"
        raise InvalidArgument(msg)
    least_stakeholders = max(min_stakeholders, 1 if min_measures else 0)

    def build(draw: st.DrawFn) -> NationalActionPlan:
        plan_period = draw_period(draw, DEFAULT_PERIOD) if period is None else period
        stakeholder_ids = unique_ids(draw, least_stakeholders, max_stakeholders)
        measure_ids = (
            unique_ids(draw, min_measures, max_measures) if stakeholder_ids else []
        )
        objective_ids = unique_ids(draw, 0, 2)
        measures = tuple(
            _measure(
                draw,
                measure_id,
                stakeholder_ids,
                plan_period,
                3,
                objective_ids=objective_ids,
            )
            for measure_id in measure_ids
        )
        plan = NationalActionPlan(
            id=draw(IDENTIFIERS),
            country=draw(COUNTRIES) if country is None else country,
            title=draw(TEXTS),
            period=plan_period,
            stakeholders=tuple(
                draw_stakeholder(draw, stakeholder_id, country)
                for stakeholder_id in stakeholder_ids
            ),
            objectives=tuple(
                Objective(id=objective_id, title=draw(TEXTS))
                for objective_id in objective_ids
            ),
            measures=measures,
            **draw_observations(draw, measures, plan_period),
        )
        return attrs.evolve(
            plan,
            reviews=tuple(
                _review(
                    draw,
                    stakeholder_ids,
                    plan_period,
                    lambda day: plan.progress(as_of=day),
                )
                for _ in range(below(draw, max_reviews, min_reviews))
            ),
        )

    return st.composite(build)()


@strategy_for(Objective)
def objectives(
    *, ids: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Objective]:
    """Draw objectives of a plan.

    Args:
        ids: Where to draw the ids from; `identifiers()` when left out.

    Returns:
        A strategy of `Objective`.

    Example:
        >>> from hypothesis import find
        >>> find(objectives(ids=st.just("O-1")), bool).id
        'O-1'
    """
    id_strategy = IDENTIFIERS if ids is None else ids
    return st.builds(Objective, id=id_strategy, title=TEXTS)


@strategy_for(BudgetLine)
def budget_lines(*, currency: str | None = None) -> st.SearchStrategy[BudgetLine]:
    """Draw budget lines: an amount allocated from a funding source.

    Args:
        currency: Use this currency; any ISO 4217 code when left out.

    Returns:
        A strategy of `BudgetLine`.

    Example:
        >>> from hypothesis import find
        >>> find(budget_lines(currency="EUR"), bool).allocated.currency
        'EUR'
    """
    return st.builds(
        BudgetLine,
        funding_source=FUNDING_SOURCES,
        allocated=MONEY if currency is None else money(currency=currency),
    )
