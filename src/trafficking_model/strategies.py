"""Hypothesis strategies that draw valid values of every type of the model.

Install them with the `hypothesis` extra:
`pip install "trafficking-model[hypothesis]"`. Importing `trafficking_model`
itself never needs Hypothesis; only this module does.

Every strategy builds its values valid by construction: it draws the parts,
then derives what depends on them (a breakdown is drawn as a split of its
total, a plan's measures name only the plan's stakeholders and fall inside its
period), so nothing is filtered away. Parameters give control where tests need
it: the country, the period, and the sizes of collections.

Once the package is installed, Hypothesis loads this module through its
`hypothesis` entry point, so `st.from_type(Victim)` and `st.builds` of your own
classes that hold model types draw from these strategies.

[`violations`][trafficking_model.strategies.violations] draws the other side:
raw data, in the JSON form `to_dict` writes, that breaks exactly one named rule.

Example:
    >>> from hypothesis import Phase, find, settings, strategies as st
    >>> from trafficking_model import AgeGroup, Victim
    >>> first = settings(max_examples=10_000, phases=[Phase.generate], database=None)  # no shrinking
    >>> teenager = find(
    ...     st.from_type(Victim), lambda v: v.age in range(13, 18), settings=first
    ... )
    >>> teenager.age_group
    <AgeGroup.CHILD: 'child'>
"""

# ruff: noqa: E402
# The entry-point hook is defined before Hypothesis is imported, on purpose:
# importing Hypothesis runs its entry points, which may load this module while it
# is still being imported (when a test imports it before Hypothesis).

from __future__ import annotations


def _hypothesis_setup_hook() -> None:
    """Register a strategy for every model type; Hypothesis calls this on import.

    The package declares it under the `hypothesis` entry point, so that
    `st.from_type(Victim)` works wherever the package is installed. When this
    module is itself still being imported, it registers them at its end.
    """
    register = globals().get("_register_strategies")
    if register is not None:
        register()


import copy
import datetime as dt
import functools
import typing
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from trafficking_model._figures import NAMES
from trafficking_model._validation import (
    COUNTRY_CODES,
    CURRENCY_CODES,
    ISO_COUNTRY_CODES,
    MAX_AGE,
)
from trafficking_model.cases import Case, Defendant
from trafficking_model.counts import Count, Figure
from trafficking_model.errors import ValidationError
from trafficking_model.formats._ctdc_record import (
    CTDC_FORMS,
    Band,
    Means,
    Record,
    RecruiterRelation,
    Sector,
)
from trafficking_model.formats._glotip_rows import GlotipRow
from trafficking_model.money import Money
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
from trafficking_model.plans import (
    BudgetLine,
    Indicator,
    Measure,
    NationalActionPlan,
    Objective,
    PlanReview,
)
from trafficking_model.prosecution import ProsecutionOutcome
from trafficking_model.reports import CountryReport
from trafficking_model.serialization import to_dict
from trafficking_model.stakeholders import Stakeholder
from trafficking_model.statistics import (
    FIRST_YEAR,
    LAST_YEAR,
    CaseStatistics,
    LawEnforcementFigures,
    VictimStatistics,
)
from trafficking_model.tiers import (
    AUTOMATIC_DOWNGRADE_FROM,
    DOWNGRADED_WATCH_LIST_FROM,
    FIRST_TIP_REPORT,
    TierHistory,
    TierPlacement,
)
from trafficking_model.victims import ADULT_AGE, Victim
from trafficking_model.vocabularies import (
    AgeGroup,
    CitizenshipCategory,
    Disposition,
    ExploitationForm,
    IdentificationStatus,
    MeasureStatus,
    OffenceType,
    Pillar,
    ReviewKind,
    Sex,
    SexAgeGroup,
    StakeholderKind,
    TipTier,
)

__all__ = [
    "DEFAULT_PERIOD",
    "budget_lines",
    "case_statistics",
    "cases",
    "country_codes",
    "country_reports",
    "counts",
    "ctdc_bands",
    "ctdc_records",
    "currency_codes",
    "defendants",
    "glotip_rows",
    "identifiers",
    "indicator_observations",
    "indicator_progress",
    "indicators",
    "law_enforcement_figures",
    "measure_progress",
    "measures",
    "money",
    "national_action_plans",
    "objectives",
    "periods",
    "plan_progress",
    "plan_reviews",
    "prosecution_outcomes",
    "review_comparisons",
    "spending_observations",
    "stakeholders",
    "status_observations",
    "texts",
    "tier_histories",
    "tier_placements",
    "victim_statistics",
    "victims",
    "violation_rules",
    "violations",
]

K = TypeVar("K")
T = TypeVar("T")
E = TypeVar("E", bound=Enum)

DEFAULT_PERIOD = Period(start=dt.date(FIRST_YEAR, 1, 1), end=dt.date(LAST_YEAR, 12, 31))
"""The days that strategies draw dates from unless told otherwise: 1900 to 2100."""

_CHARACTERS = st.characters(codec="utf-8")
_COUNT_LIMIT = 10_000

# Strategies are built once, here or in each public function, and never inside a
# draw: building one costs far more than drawing from it.
_IDENTIFIERS = st.builds(
    "{}-{:04}".format,
    st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=3),
    st.integers(min_value=0, max_value=999_999),
) | st.text(_CHARACTERS, min_size=1, max_size=24).map(str.strip).filter(bool)
_BOOLEANS = st.booleans()
_MONTHS = st.integers(min_value=1, max_value=1200)
_NUMBERS = st.integers(min_value=-(10**9), max_value=10**9) | st.floats(
    allow_nan=False, allow_infinity=False
)


def _check_size(name: str, low: int, high: int | None) -> None:
    if low < 0 or (high is not None and high < low):
        msg = f"{name}: need 0 <= min ({low}) <= max ({high})"
        raise InvalidArgument(msg)


def _below(draw: st.DrawFn, high: int, low: int = 0) -> int:
    """Draw an int in `low..high`."""
    result: int = draw(st.integers(min_value=low, max_value=high))
    return result


def _pick(draw: st.DrawFn, items: Sequence[T]) -> T:
    """Draw one of `items`, which must not be empty."""
    return items[_below(draw, len(items) - 1)]


def _maybe(draw: st.DrawFn, make: Callable[[], T]) -> T | None:
    """Draw `None`, or whatever `make` draws."""
    return make() if draw(_BOOLEANS) else None


# ---------------------------------------------------------------------------
# Building blocks


def identifiers() -> st.SearchStrategy[str]:
    """Draw identifiers: non-empty text with no whitespace around it.

    Half look like record numbers (`"V-0012"`), half are any Unicode text that
    can be written as UTF-8, to exercise code that assumes ASCII.

    Returns:
        A strategy of identifiers.

    Example:
        >>> from hypothesis import find
        >>> identifier = find(identifiers(), lambda text: len(text) > 3)
        >>> identifier == identifier.strip() and len(identifier) > 3
        True
    """
    return _IDENTIFIERS


def texts(*, max_size: int = 80) -> st.SearchStrategy[str]:
    """Draw free text that is not empty or blank, such as a title or a name.

    Args:
        max_size: The most characters a text has.

    Returns:
        A strategy of texts with at least one character other than whitespace.

    Example:
        >>> from hypothesis import find
        >>> find(texts(), lambda text: text.startswith(" ")).strip() != ""
        True
    """
    _check_size("texts", 1, max_size)
    return st.text(_CHARACTERS, min_size=1, max_size=max_size).filter(str.strip)


_TEXTS = texts()
_SHORT_TEXTS = texts(max_size=24)


def country_codes() -> st.SearchStrategy[str]:
    """Draw ISO 3166-1 alpha-3 country codes, such as `"AZE"`.

    The user-assigned codes `XAA` to `XZZ`, which the model accepts for
    fictional data, are drawn too.

    Returns:
        A strategy of every code the model accepts.

    Example:
        >>> from hypothesis import find
        >>> find(country_codes(), lambda code: code.startswith("AZ"))
        'AZE'
    """
    return _COUNTRIES


def currency_codes() -> st.SearchStrategy[str]:
    """Draw ISO 4217 alphabetic currency codes, such as `"AZN"`.

    Returns:
        A strategy of every code the model accepts.

    Example:
        >>> from hypothesis import find
        >>> find(currency_codes(), lambda code: code.startswith("AZ"))
        'AZN'
    """
    return _CURRENCIES


_COUNTRIES = st.sampled_from(sorted(COUNTRY_CODES))
_CURRENCIES = st.sampled_from(sorted(CURRENCY_CODES))


def _day(draw: st.DrawFn, within: Period) -> dt.date:
    span = (within.end - within.start).days
    return within.start + dt.timedelta(days=_below(draw, span))


def _period(draw: st.DrawFn, within: Period) -> Period:
    first, second = _day(draw, within), _day(draw, within)
    return Period(start=min(first, second), end=max(first, second))


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
    return st.composite(lambda draw: _period(draw, within))()


def money(
    *,
    currency: str | None = None,
    max_amount: int = 10**12,
    places: int | None = 2,
) -> st.SearchStrategy[Money]:
    """Draw amounts of money.

    Args:
        currency: Use this currency; any ISO 4217 code when left out.
        max_amount: The largest amount.
        places: Digits after the decimal point, or `None` for any number of
            digits and exponents such as `Decimal("5E+3")`, to test code that
            formats amounts.

    Returns:
        A strategy of `Money`.

    Example:
        >>> from hypothesis import find
        >>> str(find(money(currency="AZN"), lambda m: m.amount >= 1000))
        '1000.00 AZN'
    """
    amounts = st.decimals(
        min_value=0,
        max_value=max_amount,
        allow_nan=False,
        allow_infinity=False,
        places=places,
    )
    if places is None:  # also amounts with a positive exponent, such as 5E+3
        top = len(str(max_amount)) - 4
        if top >= 0:
            amounts |= st.builds(
                Decimal.scaleb,
                st.integers(min_value=0, max_value=999).map(Decimal),
                st.integers(min_value=1, max_value=max(top, 1)),
            ).filter(lambda amount: amount <= max_amount)
    currencies = _CURRENCIES if currency is None else st.just(currency)
    return st.builds(Money, amount=amounts, currency=currencies)


_MONEY = money()


def _stakeholder(draw: st.DrawFn, identifier: str, country: str | None) -> Stakeholder:
    return Stakeholder(
        id=identifier,
        name=draw(_TEXTS),
        kind=draw(_STAKEHOLDER_KINDS),
        country=_maybe(draw, lambda: draw(_COUNTRIES) if country is None else country),
        acronym=_maybe(draw, lambda: draw(_SHORT_TEXTS)),
    )


_STAKEHOLDER_KINDS = st.sampled_from(StakeholderKind)


def stakeholders(
    *,
    ids: st.SearchStrategy[str] | None = None,
    country: str | None = None,
) -> st.SearchStrategy[Stakeholder]:
    """Draw stakeholders.

    Args:
        ids: Where to draw the ids from; `identifiers()` when left out.
        country: When given, each stakeholder belongs to this country or to
            none; otherwise to any country or none.

    Returns:
        A strategy of `Stakeholder`.

    Example:
        >>> from hypothesis import find
        >>> find(stakeholders(country="AZE"), lambda s: s.country is not None).country
        'AZE'
    """
    id_strategy = _IDENTIFIERS if ids is None else ids
    return st.composite(lambda draw: _stakeholder(draw, draw(id_strategy), country))()


def _indicator(draw: st.DrawFn, identifier: str) -> Indicator:
    return Indicator(
        id=identifier,
        description=draw(_TEXTS),
        unit=draw(_SHORT_TEXTS),
        baseline=_maybe(draw, lambda: draw(_NUMBERS)),
        target=_maybe(draw, lambda: draw(_NUMBERS)),
    )


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
    id_strategy = _IDENTIFIERS if ids is None else ids
    return st.composite(lambda draw: _indicator(draw, draw(id_strategy)))()


def _unique_ids(draw: st.DrawFn, min_size: int, max_size: int) -> list[str]:
    size = _below(draw, max_size, min_size)
    result: list[str] = draw(
        st.lists(_IDENTIFIERS, min_size=size, max_size=size, unique=True)
    )
    return result


def _subset(
    draw: st.DrawFn, known: Sequence[str], *, at_least_one: bool = False
) -> frozenset[str]:
    """Draw a subset of `known` (not empty, if asked and possible)."""
    chosen = {name for name in known if draw(_BOOLEANS)}
    if at_least_one and known and not chosen:
        chosen.add(_pick(draw, known))
    return frozenset(chosen)


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
        responsible = draw(st.frozensets(_IDENTIFIERS, min_size=1, max_size=3))
        partners = draw(st.frozensets(_IDENTIFIERS, max_size=3))
    else:
        responsible = _subset(draw, stakeholder_ids, at_least_one=True)
        partners = _subset(draw, stakeholder_ids)
    return Measure(
        id=identifier,
        title=draw(_TEXTS),
        pillar=draw(_PILLARS),
        responsible=responsible,
        partners=partners,
        period=_period(draw, period),
        indicators=tuple(
            _indicator(draw, indicator_id)
            for indicator_id in _unique_ids(draw, 0, max_indicators)
        ),
        status=_maybe(draw, lambda: draw(_MEASURE_STATUSES)),
        budget=_maybe(draw, lambda: draw(_MONEY)),
        objective=_maybe(draw, lambda: _pick(draw, objective_ids))
        if objective_ids
        else None,
        budget_lines=tuple(draw(budget_lines()) for _ in range(_below(draw, 2))),
    )


_PILLARS = st.sampled_from(Pillar)
_MEASURE_STATUSES = st.sampled_from(MeasureStatus)


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
    _check_size("max_indicators", 0, max_indicators)
    if stakeholder_ids is not None and not stakeholder_ids:
        msg = "stakeholder_ids: a measure needs at least one stakeholder to name"
        raise InvalidArgument(msg)
    known = None if stakeholder_ids is None else sorted(stakeholder_ids)
    id_strategy = _IDENTIFIERS if ids is None else ids
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
            result: str = draw(_IDENTIFIERS)
            return result
        return _pick(draw, stakeholder_ids)

    if stakeholder_ids is None:
        participants = draw(st.frozensets(_IDENTIFIERS, max_size=4))
    else:
        participants = _subset(draw, stakeholder_ids)
    can_name = stakeholder_ids is None or bool(stakeholder_ids)
    day = _day(draw, period)
    if snapshot is None:
        progress = _maybe(draw, lambda: draw(plan_progress(as_of=day)))
    else:
        progress = _maybe(draw, lambda: snapshot(day))
    return PlanReview(
        date=day,
        progress=progress,
        kind=draw(_REVIEW_KINDS),
        participants=participants,
        organizer=_maybe(draw, named) if can_name else None,
        funder=_maybe(draw, named) if can_name else None,
        summary=_maybe(draw, lambda: draw(_TEXTS)),
    )


_REVIEW_KINDS = st.sampled_from(ReviewKind)


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
    _check_size("stakeholders", min_stakeholders, max_stakeholders)
    _check_size("measures", min_measures, max_measures)
    _check_size("reviews", min_reviews, max_reviews)
    if min_measures and not max_stakeholders:
        msg = "measures need stakeholders: max_stakeholders must be at least 1"
        raise InvalidArgument(msg)
    least_stakeholders = max(min_stakeholders, 1 if min_measures else 0)

    def build(draw: st.DrawFn) -> NationalActionPlan:
        plan_period = _period(draw, DEFAULT_PERIOD) if period is None else period
        stakeholder_ids = _unique_ids(draw, least_stakeholders, max_stakeholders)
        measure_ids = (
            _unique_ids(draw, min_measures, max_measures) if stakeholder_ids else []
        )
        objective_ids = _unique_ids(draw, 0, 2)
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
            id=draw(_IDENTIFIERS),
            country=draw(_COUNTRIES) if country is None else country,
            title=draw(_TEXTS),
            period=plan_period,
            stakeholders=tuple(
                _stakeholder(draw, stakeholder_id, country)
                for stakeholder_id in stakeholder_ids
            ),
            objectives=tuple(
                Objective(id=objective_id, title=draw(_TEXTS))
                for objective_id in objective_ids
            ),
            measures=measures,
            **_observations(draw, measures, plan_period),
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
                for _ in range(_below(draw, max_reviews, min_reviews))
            ),
        )

    return st.composite(build)()


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
    id_strategy = _IDENTIFIERS if ids is None else ids
    return st.builds(Objective, id=id_strategy, title=_TEXTS)


_FUNDING_SOURCES = st.sampled_from(["State budget", "Donor grant"]) | _SHORT_TEXTS


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
        funding_source=_FUNDING_SOURCES,
        allocated=_MONEY if currency is None else money(currency=currency),
    )


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
        lambda draw: _indicator_observation(
            draw, draw(_IDENTIFIERS), draw(_IDENTIFIERS), _day(draw, within)
        )
    )()


def _indicator_observation(
    draw: st.DrawFn, measure: str, indicator: str, day: dt.date
) -> IndicatorObservation:
    return IndicatorObservation(
        measure=measure,
        indicator=indicator,
        date=day,
        value=draw(_NUMBERS),
        source=draw(_TEXTS),
        verification=_maybe(draw, lambda: draw(_TEXTS)),
    )


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
        lambda draw: _status_observation(draw, draw(_IDENTIFIERS), _day(draw, within))
    )()


def _status_observation(
    draw: st.DrawFn, measure: str, day: dt.date
) -> StatusObservation:
    return StatusObservation(
        measure=measure, date=day, status=draw(_MEASURE_STATUSES), source=draw(_TEXTS)
    )


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
        lambda draw: _spending_observation(
            draw, draw(_IDENTIFIERS), draw(_FUNDING_SOURCES), _day(draw, within)
        )
    )()


def _spending_observation(
    draw: st.DrawFn, measure: str, funding_source: str, day: dt.date
) -> SpendingObservation:
    return SpendingObservation(
        measure=measure,
        funding_source=funding_source,
        date=day,
        spent=draw(_MONEY),
        source=draw(_TEXTS),
    )


def _observations(
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
    for _ in range(_below(draw, 6)):
        measure = _pick(draw, measures)
        day = _day(draw, around)
        kind = _below(draw, 2)
        if kind == 0 and measure.indicators:
            indicator = _pick(draw, measure.indicators).id
            key: tuple[object, ...] = (kind, measure.id, indicator, day)
            made: Any = _indicator_observation(draw, measure.id, indicator, day)
            name = "indicator_observations"
        elif kind == 2:
            funding = draw(_FUNDING_SOURCES)
            key = (kind, measure.id, funding, day)
            made = _spending_observation(draw, measure.id, funding, day)
            name = "spending_observations"
        else:
            key = (1, measure.id, day)
            made = _status_observation(draw, measure.id, day)
            name = "status_observations"
        if key not in seen:
            seen.add(key)
            found[name].append(made)
    return {name: tuple(items) for name, items in found.items()}


def _days_by(draw: st.DrawFn, as_of: dt.date) -> dt.date:
    """A day on or before `as_of`, within the default period."""
    return as_of - dt.timedelta(days=_below(draw, min(800, (as_of - _FIRST_DAY).days)))


_FIRST_DAY = DEFAULT_PERIOD.start


def _indicator_progress(
    draw: st.DrawFn, identifier: str, as_of: dt.date
) -> IndicatorProgress:
    observed = draw(_BOOLEANS)
    return IndicatorProgress(
        id=identifier,
        unit=draw(_SHORT_TEXTS),
        baseline=_maybe(draw, lambda: draw(_NUMBERS)),
        target=_maybe(draw, lambda: draw(_NUMBERS)),
        value=draw(_NUMBERS) if observed else None,
        observed_on=_days_by(draw, as_of) if observed else None,
    )


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
        lambda draw: _indicator_progress(draw, draw(_IDENTIFIERS), as_of)
    )()


def _measure_progress(
    draw: st.DrawFn, identifier: str, as_of: dt.date
) -> MeasureProgress:
    observed = draw(_BOOLEANS)
    return MeasureProgress(
        id=identifier,
        title=draw(_TEXTS),
        pillar=draw(_PILLARS),
        objective=_maybe(draw, lambda: draw(_IDENTIFIERS)),
        due=_day(draw, DEFAULT_PERIOD),
        status=draw(_MEASURE_STATUSES) if observed else None,
        status_since=_days_by(draw, as_of) if observed else None,
        indicators=tuple(
            _indicator_progress(draw, indicator_id, as_of)
            for indicator_id in _unique_ids(draw, 0, 2)
        ),
    )


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
        lambda draw: _measure_progress(draw, draw(_IDENTIFIERS), as_of)
    )()


def _amounts(draw: st.DrawFn) -> tuple[Money, ...]:
    currencies = sorted(draw(st.frozensets(_CURRENCIES, max_size=2)))
    return tuple(draw(money(currency=currency)) for currency in currencies)


def plan_progress(*, as_of: dt.date | None = None) -> st.SearchStrategy[PlanProgress]:
    """Draw snapshots of a plan's progress, with nothing observed after their day.

    Args:
        as_of: The day of the snapshot; drawn within 1900 to 2100 when left out.

    Returns:
        A strategy of `PlanProgress`.

    Example:
        >>> from hypothesis import find
        >>> import datetime as dt
        >>> find(plan_progress(as_of=dt.date(2026, 1, 1)), bool).as_of
        datetime.date(2026, 1, 1)
    """

    def build(draw: st.DrawFn) -> PlanProgress:
        day = _day(draw, DEFAULT_PERIOD) if as_of is None else as_of
        return PlanProgress(
            plan=draw(_IDENTIFIERS),
            as_of=day,
            measures=tuple(
                _measure_progress(draw, measure_id, day)
                for measure_id in _unique_ids(draw, 0, 3)
            ),
            allocated=_amounts(draw),
            spent=_amounts(draw),
        )

    return st.composite(build)()


def review_comparisons() -> st.SearchStrategy[ReviewComparison]:
    """Draw comparisons of two snapshots, the earlier one first.

    Returns:
        A strategy of `ReviewComparison`.

    Example:
        >>> from hypothesis import find
        >>> comparison = find(review_comparisons(), bool)
        >>> comparison.earlier.as_of <= comparison.later.as_of
        True
    """

    def build(draw: st.DrawFn) -> ReviewComparison:
        first, second = _day(draw, DEFAULT_PERIOD), _day(draw, DEFAULT_PERIOD)
        return ReviewComparison(
            earlier=draw(plan_progress(as_of=min(first, second))),
            later=draw(plan_progress(as_of=max(first, second))),
        )

    return st.composite(build)()


_REPORT_YEARS = st.integers(min_value=FIRST_TIP_REPORT, max_value=LAST_YEAR)


def tier_placements(*, country: str | None = None) -> st.SearchStrategy[TierPlacement]:
    """Draw single TIP placements; only a Watch List placement carries a waiver.

    Args:
        country: The country placed; any country when left out.

    Returns:
        A strategy of `TierPlacement`.

    Example:
        >>> from hypothesis import find
        >>> find(tier_placements(), lambda p: p.waiver).tier.label
        'Tier 2 Watch List'
    """

    def build(draw: st.DrawFn) -> TierPlacement:
        tier = draw(_TIERS)
        return TierPlacement(
            country=draw(_COUNTRIES) if country is None else country,
            report_year=draw(_REPORT_YEARS),
            tier=tier,
            waiver=tier is TipTier.TIER_2_WATCH_LIST and draw(_BOOLEANS),
            source=draw(_TEXTS),
        )

    return st.composite(build)()


# Watch List placements are drawn often, so that histories reach the rules.
_HISTORY_TIERS = st.sampled_from(
    [TipTier.TIER_2_WATCH_LIST] * 3
    + [TipTier.TIER_1, TipTier.TIER_2, TipTier.TIER_3]
    + [TipTier.SPECIAL_CASE]
)


def tier_histories(
    *, country: str | None = None, max_placements: int = 12
) -> st.SearchStrategy[TierHistory]:
    """Draw tier histories that keep the statute's rules.

    Each placement is drawn after the ones before it: a Watch List placement
    that the rules allow only with a waiver gets one, and one they do not
    allow at all becomes Tier 3. Some report years are left out.

    Args:
        country: The country; any country when left out.
        max_placements: The most placements.

    Returns:
        A strategy of `TierHistory`.

    Example:
        >>> from hypothesis import find
        >>> history = find(
        ...     tier_histories(country="AZE"),
        ...     lambda h: any(p.waiver for p in h.placements),
        ... )
        >>> history.country, [p.tier.label for p in history.placements if p.waiver]
        ('AZE', ['Tier 2 Watch List'])
    """
    _check_size("max_placements", 0, max_placements)

    def build(draw: st.DrawFn) -> TierHistory:
        code = draw(_COUNTRIES) if country is None else country
        source = draw(_TEXTS)
        year = draw(st.integers(min_value=FIRST_TIP_REPORT, max_value=2040))
        placements: list[TierPlacement] = []
        for _ in range(_below(draw, max_placements)):
            year += 1 + (_below(draw, 5) == 0)  # now and then a year left out
            if year > LAST_YEAR:
                break
            tier = draw(_HISTORY_TIERS)
            waiver = tier is TipTier.TIER_2_WATCH_LIST and draw(_BOOLEANS)
            for choice in ((tier, waiver), (tier, not waiver), (TipTier.TIER_3, False)):
                if choice[0] is not TipTier.TIER_2_WATCH_LIST and choice[1]:
                    continue
                candidate = TierPlacement(
                    country=code,
                    report_year=year,
                    tier=choice[0],
                    waiver=choice[1],
                    source=source,
                )
                if _keeps_the_rules(code, [*placements, candidate]):
                    placements.append(candidate)
                    break
        return TierHistory(country=code, placements=tuple(placements))

    return st.composite(build)()


def _keeps_the_rules(country: str, placements: list[TierPlacement]) -> bool:
    try:
        TierHistory(country=country, placements=tuple(placements))
    except ValidationError:
        return False
    return True


# ---------------------------------------------------------------------------
# Records


def _ordinal(member: Enum) -> int:
    return list(type(member)).index(member)


def victims(
    *,
    ids: st.SearchStrategy[str] | None = None,
    country: str | None = None,
    period: Period = DEFAULT_PERIOD,
    statuses: Collection[IdentificationStatus] | None = None,
) -> st.SearchStrategy[Victim]:
    """Draw victim records.

    When the age is known, the age group is derived from it; otherwise any
    group is drawn.

    Args:
        ids: Where to draw the ids from; `identifiers()` when left out.
        country: When given, citizenship is often this country, so that
            aggregates have national and foreign victims; otherwise any.
        period: Days of identification are drawn within this period.
        statuses: The identification statuses to draw from; all by default.

    Returns:
        A strategy of `Victim`.

    Example:
        >>> from hypothesis import Phase, find, settings
        >>> victim = find(
        ...     victims(country="AZE"),
        ...     lambda v: "AZE" in v.citizenship,
        ...     settings=settings(max_examples=10_000, phases=[Phase.generate], database=None),
        ... )
        >>> victim.citizenship >= {"AZE"}
        True
    """
    id_strategy = _IDENTIFIERS if ids is None else ids
    citizenships = _COUNTRIES if country is None else st.just(country) | _COUNTRIES
    identification = st.sampled_from(
        list(IdentificationStatus)
        if statuses is None
        else sorted(statuses, key=_ordinal)
    )
    # any age, and often the ones at the edges of the rules: 0, 17, 18, 120
    ages = st.integers(min_value=0, max_value=MAX_AGE) | st.sampled_from(
        [0, ADULT_AGE - 1, ADULT_AGE, MAX_AGE]
    )
    age_groups = st.sampled_from(AgeGroup)
    sexes = st.sampled_from(Sex)
    forms = st.frozensets(st.sampled_from(ExploitationForm), min_size=1)
    no_forms = st.frozensets(st.sampled_from(ExploitationForm))

    def build(draw: st.DrawFn) -> Victim:
        age = _maybe(draw, lambda: draw(ages))
        if age is None:
            age_group = draw(age_groups)
        else:
            age_group = AgeGroup.CHILD if age < ADULT_AGE else AgeGroup.ADULT
        # a child when identified was a child when exploited
        when_exploited = _maybe(draw, lambda: draw(age_groups))
        if age_group is AgeGroup.CHILD and when_exploited is AgeGroup.ADULT:
            when_exploited = AgeGroup.CHILD
        status = draw(identification)
        not_a_victim = status is IdentificationStatus.NOT_A_VICTIM
        held = [draw(citizenships) for _ in range(_below(draw, 2))]
        return Victim(
            id=draw(id_strategy),
            sex=draw(sexes),
            age=age,
            age_group=age_group,
            age_group_at_exploitation=when_exploited,
            citizenship=frozenset(held),
            exploitation=draw(no_forms if not_a_victim else forms),
            identification=status,
            identified_on=_maybe(draw, lambda: _day(draw, period)),
            identified_by=_maybe(draw, lambda: draw(_IDENTIFIERS)),
        )

    return st.composite(build)()


def _defendant(
    draw: st.DrawFn,
    identifier: str,
    outcomes: st.SearchStrategy[Disposition] | None = None,
    months: st.SearchStrategy[int] = _MONTHS,
) -> Defendant:
    disposition = draw(_DISPOSITIONS if outcomes is None else outcomes)
    imprisoned = disposition is Disposition.IMPRISONMENT
    return Defendant(
        id=identifier,
        sex=draw(_SEXES),
        indicted=disposition.requires_indictment or draw(_BOOLEANS),
        disposition=disposition,
        sentence_months=_maybe(draw, lambda: draw(months)) if imprisoned else None,
    )


_DISPOSITIONS = st.sampled_from(Disposition)
_SEXES = st.sampled_from(Sex)


def defendants(
    *,
    ids: st.SearchStrategy[str] | None = None,
    dispositions: Collection[Disposition] | None = None,
    max_sentence_months: int = 1200,
) -> st.SearchStrategy[Defendant]:
    """Draw defendants, with an outcome that fits their indictment.

    A defendant with an outcome that needs an indictment is indicted, and
    only imprisonment comes with `sentence_months`.

    Args:
        ids: Where to draw the ids from; `identifiers()` when left out.
        dispositions: The outcomes to draw from; all by default.
        max_sentence_months: The longest prison sentence.

    Returns:
        A strategy of `Defendant`.

    Example:
        >>> from hypothesis import find
        >>> find(defendants(), lambda d: d.sentence_months is not None).disposition
        <Disposition.IMPRISONMENT: 'imprisonment'>
    """
    _check_size("sentence_months", 1, max_sentence_months)
    id_strategy = _IDENTIFIERS if ids is None else ids
    outcomes = (
        None
        if dispositions is None
        else st.sampled_from(sorted(dispositions, key=_ordinal))
    )
    months = st.integers(min_value=1, max_value=max_sentence_months)
    return st.composite(
        lambda draw: _defendant(draw, draw(id_strategy), outcomes, months)
    )()


def cases(
    *,
    ids: st.SearchStrategy[str] | None = None,
    period: Period = DEFAULT_PERIOD,
    victim_ids: Collection[str] | None = None,
    min_defendants: int = 0,
    max_defendants: int = 4,
) -> st.SearchStrategy[Case]:
    """Draw criminal cases with their defendants.

    Args:
        ids: Where to draw the ids from; `identifiers()` when left out.
        period: The day of registration falls within this period.
        victim_ids: The victim ids a case may name (any subset); any
            identifiers when left out.
        min_defendants: The fewest defendants.
        max_defendants: The most defendants; their ids are unique.

    Returns:
        A strategy of `Case`.

    Example:
        >>> from hypothesis import find
        >>> from hypothesis import Phase, settings
        >>> case = find(
        ...     cases(victim_ids={"V-1"}, min_defendants=2, max_defendants=2),
        ...     bool,
        ...     settings=settings(max_examples=10_000, phases=[Phase.generate], database=None),
        ... )
        >>> len(case.defendants), case.victim_ids <= {"V-1"}
        (2, True)
    """
    _check_size("defendants", min_defendants, max_defendants)
    id_strategy = _IDENTIFIERS if ids is None else ids
    known = None if victim_ids is None else sorted(victim_ids)
    offences = st.sampled_from(OffenceType)
    references = texts(max_size=30)
    any_victims = st.frozensets(_IDENTIFIERS, max_size=4)

    def build(draw: st.DrawFn) -> Case:
        return Case(
            id=draw(id_strategy),
            offence=draw(offences),
            registered_on=_day(draw, period),
            legal_reference=_maybe(draw, lambda: draw(references)),
            victim_ids=draw(any_victims) if known is None else _subset(draw, known),
            defendants=tuple(
                _defendant(draw, defendant_id)
                for defendant_id in _unique_ids(draw, min_defendants, max_defendants)
            ),
        )

    return st.composite(build)()


# ---------------------------------------------------------------------------
# Aggregates


def _split(draw: st.DrawFn, total: int, members: Sequence[K]) -> dict[K, int]:
    """Split `total` among `members` at drawn cut points: the parts sum to it."""
    cuts = sorted(_below(draw, total) for _ in members[1:])
    bounds = [0, *cuts, total]
    return {member: bounds[i + 1] - bounds[i] for i, member in enumerate(members)}


def _breakdown(draw: st.DrawFn, total: int, vocabulary: type[E]) -> dict[E, int]:
    """An empty breakdown, or one that sums to `total`, zeros left in or out."""
    if draw(_BOOLEANS):
        return {}
    members = [member for member in vocabulary if draw(_BOOLEANS)]
    if not members:
        members = [_pick(draw, list(vocabulary))]
    parts = _split(draw, total, members)
    if draw(_BOOLEANS):
        parts = {member: count for member, count in parts.items() if count}
    return parts


# Published figures are drawn from exact ones: each exact value is kept, widened
# into a range that holds it, or left out as not reported. The exact values obey
# every rule, so the published ones can always be satisfied: valid by
# construction, with nothing filtered.
_PUBLISHED = st.sampled_from(["exact", "exact", "exact", "range", "not reported"])
_SPREAD = st.integers(min_value=0, max_value=20)


def _blur(draw: st.DrawFn, value: int) -> Figure:
    """Publish an exact `value`: as it is, as a range around it, or not at all."""
    how = draw(_PUBLISHED)
    if how == "exact":
        return value
    if how == "not reported":
        return None
    if value < 5 and draw(_BOOLEANS):
        return Count(0, 4)  # a small cell suppressed as "<5"
    low = value - _below(draw, min(value, 20))
    high = None if draw(_BOOLEANS) and draw(_BOOLEANS) else value + draw(_SPREAD)
    return low if high == low else Count(low, high)


def _blur_breakdown(
    draw: st.DrawFn, counts: Mapping[E, int], *, exact: bool
) -> tuple[dict[E, Figure], bool]:
    """Publish a breakdown, perhaps in part; return it and whether it is partial."""
    if exact or not counts:
        return dict(counts), False
    partial = draw(_BOOLEANS) and draw(_BOOLEANS)
    members = list(counts)
    if partial:
        members = [member for member in members if draw(_BOOLEANS)]
    return {member: _blur(draw, counts[member]) for member in members}, partial


def _names(cls: type) -> frozenset[str]:
    """The figure names that `cls.derived` may hold, as the class declares them."""
    names: frozenset[str] = attrs.fields_dict(cls)["derived"].metadata[NAMES]
    return names


def _some(draw: st.DrawFn, names: Iterable[str]) -> frozenset[str]:
    """A few of `names`, often none: the figures marked derived."""
    if draw(_BOOLEANS):
        return frozenset()
    return frozenset(name for name in sorted(names) if draw(_BOOLEANS))


def case_statistics(
    *, max_total: int = _COUNT_LIMIT, exact: bool = False
) -> st.SearchStrategy[CaseStatistics]:
    """Draw case counts: a total alone, or a breakdown by offence that agrees with it.

    Figures are drawn as sources publish them: mostly exact, sometimes a range
    (`<5`, `10-14`, `>100`) or not reported, a breakdown sometimes given in part
    or counting a case under several offences, and some figures marked derived.

    Args:
        max_total: The largest total.
        exact: Draw only exact figures and complete, not overlapping
            breakdowns, with nothing marked derived.

    Returns:
        A strategy of `CaseStatistics`.

    Example:
        >>> from hypothesis import find
        >>> statistics = find(
        ...     case_statistics(exact=True), lambda s: len(s.by_offence) > 1
        ... )
        >>> sum(statistics.by_offence.values()) == statistics.total
        True
    """
    _check_size("total", 0, max_total)

    def build(draw: st.DrawFn) -> CaseStatistics:
        total = _below(draw, max_total)
        counts = _breakdown(draw, total, OffenceType)
        overlapping = not exact and bool(counts) and draw(_BOOLEANS) and draw(_BOOLEANS)
        if overlapping:  # a case under several offences: raise some counts
            for offence, count in counts.items():
                if draw(_BOOLEANS):
                    counts[offence] = _below(draw, total, count)
        by_offence, partial = _blur_breakdown(draw, counts, exact=exact)
        names = frozenset({"by_offence"})
        derived = frozenset() if exact else _some(draw, _names(CaseStatistics))
        if (
            not exact
            and by_offence
            and not partial
            and not overlapping
            and draw(_BOOLEANS)
        ):  # the total left out: derived from the breakdown
            return CaseStatistics(by_offence=by_offence, derived=derived)
        return CaseStatistics(
            total=total if exact else _blur(draw, total),
            by_offence=by_offence,
            partial=names if partial else frozenset(),
            overlapping=names if overlapping else frozenset(),
            derived=derived,
        )

    return st.composite(build)()


def prosecution_outcomes(
    *, max_defendants: int = _COUNT_LIMIT, exact: bool = False
) -> st.SearchStrategy[ProsecutionOutcome]:
    """Draw prosecution funnels that narrow as the rules say.

    The number of defendants is drawn first, then each later stage as a part of
    the one before: indicted of the defendants, sentenced and acquitted of the
    indicted, and the kinds of sentence of the sentenced. Each figure is then
    published as a source might: mostly exact, sometimes a range or not
    reported.

    Args:
        max_defendants: The most defendants.
        exact: Draw only exact figures, with nothing marked derived.

    Returns:
        A strategy of `ProsecutionOutcome`.

    Example:
        >>> from hypothesis import find
        >>> find(prosecution_outcomes(exact=True), lambda o: o.pending > 0).indicted
        1
    """
    _check_size("defendants", 0, max_defendants)

    def build(draw: st.DrawFn) -> ProsecutionOutcome:
        total = _below(draw, max_defendants)
        indicted = _below(draw, total)
        decided = _split(draw, indicted, ["sentenced", "acquitted", "pending"])
        sentenced = decided["sentenced"]
        kinds = ["imprisonment", "conditional", "postponed", "fined", "other"]
        split = _split(draw, sentenced, kinds)
        counts: dict[str, int] = {
            "defendants": total,
            "indicted": indicted,
            "sentenced": sentenced,
            "acquitted": decided["acquitted"],
            **{kind: split[kind] for kind in kinds[:-1]},
        }
        if exact:
            return ProsecutionOutcome(**counts)  # type: ignore[arg-type]
        published = {name: _blur(draw, count) for name, count in counts.items()}
        return ProsecutionOutcome(**published, derived=_some(draw, counts))

    return st.composite(build)()


def victim_statistics(
    *, min_total: int = 0, max_total: int = _COUNT_LIMIT, exact: bool = False
) -> st.SearchStrategy[VictimStatistics]:
    """Draw victim counts whose breakdowns agree with the total.

    The total is drawn first. Each breakdown by sex, age group or citizenship is
    either left out or a split of the total. Sometimes the total is split by sex
    and age group together, and the sex and age group margins and the cross-tab
    of women, men, girls and boys all come from that one split (the cross-tab
    partial when some victims are of another or unknown sex or age). The exploitation breakdown is a
    split of the total with some forms raised, since one victim may suffer
    several forms, but never above the total. Each figure is then published as
    a source might: mostly exact, sometimes a range or not reported, and a
    breakdown sometimes only in part.

    Args:
        min_total: The smallest total.
        max_total: The largest total.
        exact: Draw only exact figures and complete breakdowns, with nothing
            marked derived.

    Returns:
        A strategy of `VictimStatistics`.

    Example:
        >>> from hypothesis import find
        >>> statistics = find(
        ...     victim_statistics(exact=True), lambda s: len(s.by_sex) > 1
        ... )
        >>> sum(statistics.by_sex.values()) == statistics.total
        True
    """
    _check_size("total", min_total, max_total)

    def build(draw: st.DrawFn) -> VictimStatistics:
        total = _below(draw, max_total, min_total)
        exploitation = _breakdown(draw, total, ExploitationForm)
        # one victim may suffer several forms: raise some counts, never past total
        for form, count in exploitation.items():
            if draw(_BOOLEANS):
                exploitation[form] = _below(draw, total, count)
        by_sex, by_age_group, cells = _sex_and_age(draw, total, exact=exact)
        breakdowns: dict[str, Mapping[Any, int]] = {
            "by_sex": by_sex,
            "by_age_group": by_age_group,
            "by_citizenship": _breakdown(draw, total, CitizenshipCategory),
            "by_exploitation": exploitation,
            "by_sex_and_age": cells,
        }
        published: dict[str, Mapping[Any, Figure]] = {}
        partial: set[str] = set()
        if cells and sum(cells.values()) != total:
            partial.add("by_sex_and_age")  # some victims in no cell
        for name, counts in breakdowns.items():
            published[name], is_partial = _blur_breakdown(draw, counts, exact=exact)
            if is_partial:
                partial.add(name)
        return VictimStatistics(
            total=total if exact else _blur(draw, total),
            **published,
            partial=frozenset(partial),
            derived=frozenset() if exact else _some(draw, _names(VictimStatistics)),
        )

    return st.composite(build)()


def _sex_and_age(
    draw: st.DrawFn, total: int, *, exact: bool
) -> tuple[dict[Sex, int], dict[AgeGroup, int], dict[SexAgeGroup, int]]:
    """Breakdowns by sex and by age group, and sometimes the cross-tab with them.

    With the cross-tab, all three come from one split of `total` by sex and age
    group together, so that they agree; without it, each margin is drawn alone.
    """
    if draw(_BOOLEANS):
        return _breakdown(draw, total, Sex), _breakdown(draw, total, AgeGroup), {}
    table = _split(draw, total, [(sex, age) for sex in Sex for age in AgeGroup])

    def margin(vocabulary: type[E], position: int) -> dict[E, int]:
        if draw(_BOOLEANS):
            return {}
        counts = {
            member: sum(n for key, n in table.items() if key[position] is member)
            for member in vocabulary
        }
        if draw(_BOOLEANS):
            counts = {member: n for member, n in counts.items() if n}
        return counts

    by_sex, by_age_group = margin(Sex, 0), margin(AgeGroup, 1)
    cells = {cell: table[cell.sex, cell.age_group] for cell in SexAgeGroup}
    if draw(_BOOLEANS):
        cells = {cell: n for cell, n in cells.items() if n}
    if exact and sum(cells.values()) != total:
        cells = {}  # only complete breakdowns when exact
    return by_sex, by_age_group, cells


_LABOUR = ("investigations", "prosecutions", "convictions", "victims_identified")


def _figures(
    draw: st.DrawFn, year: int, max_count: int, *, exact: bool = False
) -> LawEnforcementFigures:
    counts: dict[str, Figure] = {}
    for name in _LABOUR:
        total = _below(draw, max_count)
        labour = _below(draw, total) if draw(_BOOLEANS) else None
        if exact:
            counts[name] = total
            counts[f"labour_{name}"] = labour
        else:
            counts[name] = _blur(draw, total)
            counts[f"labour_{name}"] = None if labour is None else _blur(draw, labour)
    derived = frozenset() if exact else _some(draw, _names(LawEnforcementFigures))
    return LawEnforcementFigures(year=year, **counts, derived=derived)


def law_enforcement_figures(
    *, year: int | None = None, max_count: int = _COUNT_LIMIT, exact: bool = False
) -> st.SearchStrategy[LawEnforcementFigures]:
    """Draw one year's law-enforcement figures.

    Each labour figure is left out or drawn as a part of its total. Each figure
    is published as a source might: mostly exact, sometimes a range or not
    reported.

    Args:
        year: The year; any year from 1900 to 2100 when left out.
        max_count: The largest count.
        exact: Draw every total exactly (labour figures are still left out at
            times), with nothing marked derived.

    Returns:
        A strategy of `LawEnforcementFigures`.

    Example:
        >>> from hypothesis import find
        >>> figures = find(
        ...     law_enforcement_figures(year=2021, exact=True),
        ...     lambda f: f.labour_convictions is not None,
        ... )
        >>> figures.year, figures.labour_convictions <= figures.convictions
        (2021, True)
    """
    _check_size("count", 0, max_count)

    def build(draw: st.DrawFn) -> LawEnforcementFigures:
        drawn_year = _below(draw, LAST_YEAR, FIRST_YEAR) if year is None else year
        return _figures(draw, drawn_year, max_count, exact=exact)

    return st.composite(build)()


def counts(*, max_value: int = _COUNT_LIMIT) -> st.SearchStrategy[Count]:
    """Draw counts as publishers give them: exact, ranged, `<5`, or open-ended.

    Args:
        max_value: The largest bound drawn.

    Returns:
        A strategy of `Count`.

    Example:
        >>> from hypothesis import find
        >>> find(counts(), lambda c: c.high is None).low >= 0
        True
    """
    _check_size("max_value", 0, max_value)

    def build(draw: st.DrawFn) -> Count:
        low = _below(draw, max_value)
        if draw(_BOOLEANS) and draw(_BOOLEANS):
            return Count(low)
        return Count(low, _below(draw, max_value, low))

    return st.composite(build)()


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
_TIERS = st.sampled_from(TipTier)


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
        >>> report = find(
        ...     country_reports(country="AZE", period=Period.from_years(2020, 2021)),
        ...     lambda r: len(r.law_enforcement) == 2,
        ...     settings=settings(max_examples=10_000, phases=[Phase.generate], database=None),
        ... )
        >>> sorted(figures.year for figures in report.law_enforcement)
        [2020, 2021]
    """
    _check_size("law_enforcement", min_law_enforcement, max_law_enforcement)
    parts = _EXACT_SECTIONS if exact else _SECTION_STRATEGIES

    def build(draw: st.DrawFn) -> CountryReport:
        report_period = _period(draw, DEFAULT_PERIOD) if period is None else period
        years = [
            year for year in report_period.years if FIRST_YEAR <= year <= LAST_YEAR
        ]
        size = _below(
            draw,
            min(max_law_enforcement, len(years)),
            min(min_law_enforcement, len(years)),
        )
        chosen: list[int] = []
        while len(chosen) < size:  # distinct years, drawn without filtering
            remaining = [year for year in years if year not in chosen]
            chosen.append(_pick(draw, remaining))
        # a report holds what its source has: every section, some, or only
        # yearly figures; at least one section in any case
        sections = "all" if exact else draw(_SECTIONS)
        if sections == "law enforcement" and not chosen:
            sections = "all"
        given = {"cases", "prosecution", "victims"}
        if sections == "some":
            given = {name for name in sorted(given) if draw(_BOOLEANS)}
            if not given and not chosen:
                given = {_pick(draw, ["cases", "prosecution", "victims"])}
        elif sections == "law enforcement":
            given = set()
        return CountryReport(
            country=draw(_COUNTRIES) if country is None else country,
            period=report_period,
            source=draw(_TEXTS),
            cases=draw(parts[0]) if "cases" in given else None,
            prosecution=draw(parts[1]) if "prosecution" in given else None,
            victims=draw(parts[2]) if "victims" in given else None,
            tip_tier=_maybe(draw, lambda: draw(_TIERS)),
            law_enforcement=tuple(
                _figures(draw, year, _COUNT_LIMIT, exact=exact) for year in chosen
            ),
        )

    return st.composite(build)()


# ---------------------------------------------------------------------------
# Violations: data in the JSON form that breaks exactly one named rule

# ---------------------------------------------------------------------------
# Records of the formats

_BAND_LIMIT = 9_999


def ctdc_bands(*, max_value: int = _BAND_LIMIT) -> st.SearchStrategy[Band]:
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
    _check_size("max_value", 0, max_value)
    if max_value > _BAND_LIMIT:
        msg = f"max_value must be at most {_BAND_LIMIT}, got {max_value}"
        raise InvalidArgument(msg)

    def build(draw: st.DrawFn) -> Band:
        low = _below(draw, max_value)
        if draw(_BOOLEANS) and draw(_BOOLEANS):
            return Band(low)
        return Band(low, _below(draw, max_value, low))

    return st.composite(build)()


_CTDC_FLAGS: tuple[Means | ExploitationForm | Sector | RecruiterRelation, ...] = (
    *Means,
    *sorted(CTDC_FORMS, key=lambda form: form.value),
    *Sector,
    *RecruiterRelation,
)
_FLAG_STATES = st.lists(
    st.sampled_from([True, False, None]),
    min_size=len(_CTDC_FLAGS),
    max_size=len(_CTDC_FLAGS),
)
_CTDC_GENDERS = st.sampled_from([Sex.FEMALE, Sex.MALE, Sex.OTHER])
_ISO_COUNTRIES = st.sampled_from(sorted(ISO_COUNTRY_CODES))


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
        yes = [flag for flag, state in zip(_CTDC_FLAGS, states, strict=True) if state]
        return Record(
            year=_maybe(draw, lambda: draw(years)),
            gender=_maybe(draw, lambda: draw(_CTDC_GENDERS)),
            age=_maybe(draw, lambda: draw(ages)),
            citizenship=_maybe(draw, lambda: draw(codes)),
            country_of_exploitation=(
                country if country is not None else _maybe(draw, lambda: draw(codes))
            ),
            months=_maybe(draw, lambda: draw(months)),
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
                for flag, state in zip(_CTDC_FLAGS, states, strict=True)
                if state is False
            ),
        )

    return st.composite(build)()


_CELL_TEXT = st.text(_CHARACTERS, max_size=30)
_GLOTIP_SEXES = st.sampled_from(["Total", "Female", "Male"])
_GLOTIP_AGES = st.sampled_from(["Total", "0 to 17 years", "18 years or over"])


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
    years = st.integers(min_value=1900, max_value=2100)
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


JSON = dict[str, Any]
Mutator = Callable[[st.DrawFn, JSON], str]
"""Breaks one rule of an object in its JSON form, in place; returns the path."""


def _to_dict(value: object) -> JSON:
    """The JSON form of `value`, as the package's `to_dict` writes it."""
    data: JSON = to_dict(value)
    return data


@attrs.frozen
class _Broken:
    """One violation: the valid value it started from, the data, the rule, where."""

    value: object
    data: JSON
    rule: str
    path: str


_WHITESPACE = st.sampled_from([" ", "\t", "\n", "\u00a0", "\u3000"])
_BLANKS = st.sampled_from(["", " ", "\t", " \n ", "\u00a0", "\u2003"])
_EXCESS = st.integers(min_value=1, max_value=1000)


def _padded(draw: st.DrawFn, text: str) -> str:
    space = draw(_WHITESPACE)
    return draw(st.sampled_from([space + text, text + space]))


def _pad_field(*names: str) -> Mutator:
    """Add whitespace around an identifier field (or one item of an id list)."""

    def mutate(draw: st.DrawFn, data: JSON) -> str:
        name = draw(st.sampled_from(names))
        value = data[name]
        if isinstance(value, list):
            index = draw(st.integers(min_value=0, max_value=len(value)))
            if index == len(value):
                value.append(draw(identifiers()))
            value[index] = _padded(draw, value[index])
        else:
            data[name] = _padded(draw, value or draw(identifiers()))
        return f"$.{name}"

    return mutate


def _blank_field(*names: str) -> Mutator:
    """Make a text field (or one item of an id list) empty or blank."""

    def mutate(draw: st.DrawFn, data: JSON) -> str:
        name = draw(st.sampled_from(names))
        if isinstance(data[name], list):
            data[name].append(draw(_BLANKS))
        else:
            data[name] = draw(_BLANKS)
        return f"$.{name}"

    return mutate


@functools.cache
def _bad_codes(codes: frozenset[str]) -> st.SearchStrategy[str]:
    known = sorted(codes)
    return st.one_of(
        st.sampled_from(known).map(str.lower),
        st.sampled_from(known).map(lambda code: code[:2]),
        st.sampled_from(known).map(lambda code: f" {code}"),
        st.from_regex(r"[A-Z]{3}", fullmatch=True).filter(lambda c: c not in codes),
        st.sampled_from(["", "ZZZ", "AZE1", "\u0410ZE"]),
    )


def _bad_code(name: str, codes: frozenset[str]) -> Mutator:
    def mutate(draw: st.DrawFn, data: JSON) -> str:
        if isinstance(data[name], list):  # a set of codes: add a bad one
            data[name] = [*data[name], draw(_bad_codes(codes))]
        else:
            data[name] = draw(_bad_codes(codes))
        return f"$.{name}"

    return mutate


def _period_of(data: JSON) -> Period:
    return Period(
        start=dt.date.fromisoformat(data["start"]),
        end=dt.date.fromisoformat(data["end"]),
    )


def _day_outside(draw: st.DrawFn, period: Period) -> dt.date:
    gap = dt.timedelta(days=draw(st.integers(min_value=1, max_value=800)))
    return draw(st.sampled_from([period.start - gap, period.end + gap]))


def _swap_period(draw: st.DrawFn, data: JSON) -> str:
    start = dt.date.fromisoformat(data["start"])
    end = dt.date.fromisoformat(data["end"])
    if start < end:
        data["start"], data["end"] = data["end"], data["start"]
    else:
        data["end"] = (start - dt.timedelta(days=draw(_EXCESS))).isoformat()
    return "$.end"


def _negative_amount(draw: st.DrawFn, data: JSON) -> str:
    amount = draw(st.decimals(min_value=Decimal("0.01"), max_value=10**9, places=2))
    data["amount"] = f"-{amount}"
    return "$.amount"


def _infinite_number(draw: st.DrawFn, data: JSON) -> str:
    name = draw(st.sampled_from(["baseline", "target"]))
    data[name] = draw(st.sampled_from([float("nan"), float("inf"), float("-inf")]))
    return f"$.{name}"


def _no_responsible(draw: st.DrawFn, data: JSON) -> str:
    data["responsible"] = []
    return "$.responsible"


def _duplicate(
    name: str, make: Callable[[st.DrawFn, JSON], JSON], key: str = "id"
) -> Mutator:
    """Append a second item with the `key` of an item of list `name`."""

    def mutate(draw: st.DrawFn, data: JSON) -> str:
        items: list[JSON] = data[name]
        if not items:
            items.append(make(draw, data))
        twin = make(draw, data)
        twin[key] = draw(st.sampled_from(items))[key]
        items.append(twin)
        return f"$.{name}[{len(items) - 1}].{key}"

    return mutate


def _drawn(cls: type) -> Callable[[st.DrawFn, JSON], JSON]:
    """Draw a fresh valid value of `cls`, in its JSON form."""
    return lambda draw, _data: _to_dict(draw(_base(cls)))


@functools.cache
def _base(cls: type) -> st.SearchStrategy[Any]:
    """The strategy of valid values of `cls`, built once."""
    return _BASES[cls]()


@functools.cache
def _small(cls: type) -> st.SearchStrategy[Any]:
    """Valid values to break: smaller plans, and exact figures for arithmetic."""
    if cls is NationalActionPlan:
        return national_action_plans(max_stakeholders=3, max_measures=3, max_reviews=2)
    exact: dict[type, Callable[..., st.SearchStrategy[Any]]] = {
        CaseStatistics: case_statistics,
        ProsecutionOutcome: prosecution_outcomes,
        VictimStatistics: victim_statistics,
        LawEnforcementFigures: law_enforcement_figures,
        CountryReport: country_reports,
    }
    if cls in exact:
        return exact[cls](exact=True)
    return _base(cls)


def _plan_stakeholder_ids(data: JSON) -> list[str]:
    return [stakeholder["id"] for stakeholder in data["stakeholders"]]


def _plan_review(draw: st.DrawFn, data: JSON) -> JSON:
    return _to_dict(
        draw(
            plan_reviews(
                stakeholder_ids=_plan_stakeholder_ids(data),
                period=_period_of(data["period"]),
            )
        )
    )


def _plan_measure(draw: st.DrawFn, data: JSON) -> JSON:
    known = _plan_stakeholder_ids(data)
    if not known:
        data["stakeholders"].append(_to_dict(draw(_base(Stakeholder))))
        known = _plan_stakeholder_ids(data)
    return _to_dict(
        draw(measures(stakeholder_ids=known, period=_period_of(data["period"])))
    )


def _duplicate_plan_part(draw: st.DrawFn, data: JSON) -> str:
    if data["measures"] and draw(st.booleans()):
        return _duplicate("measures", _plan_measure)(draw, data)
    return _duplicate("stakeholders", _drawn(Stakeholder))(draw, data)


def _unknown_stakeholder(draw: st.DrawFn, data: JSON) -> str:
    known = set(_plan_stakeholder_ids(data))
    unknown = draw(identifiers())
    while unknown in known:
        unknown += "?"
    if not data["measures"] and not data["reviews"]:
        data["reviews"].append(_plan_review(draw, data))
    targets = [
        (f"measures[{index}]", role)
        for index in range(len(data["measures"]))
        for role in ("responsible", "partners")
    ] + [
        (f"reviews[{index}]", role)
        for index in range(len(data["reviews"]))
        for role in ("participants", "organizer", "funder")
    ]
    where, role = draw(st.sampled_from(targets))
    name, index = where.rstrip("]").split("[")
    part = data[name][int(index)]
    if isinstance(part[role], list):
        part[role] = [*part[role], unknown]
    else:
        part[role] = unknown
    return f"$.{where}.{role}"


def _outside_plan_period(draw: st.DrawFn, data: JSON) -> str:
    period = _period_of(data["period"])
    if not data["measures"] and not data["reviews"]:
        data["reviews"].append(_plan_review(draw, data))
    targets = [f"measures[{i}]" for i in range(len(data["measures"]))] + [
        f"reviews[{i}]" for i in range(len(data["reviews"]))
    ]
    where = draw(st.sampled_from(targets))
    name, index = where.rstrip("]").split("[")
    part = data[name][int(index)]
    day = _day_outside(draw, period)
    if name == "reviews":
        part["date"] = day.isoformat()
        part["progress"] = None  # a snapshot is of the review's own day
        if day > period.end:  # only a final review or an evaluation comes after
            part["kind"] = draw(
                st.sampled_from([ReviewKind.MID_TERM.value, ReviewKind.ANNUAL.value])
            )
        return f"$.{where}.date"
    own = _period_of(part["period"])
    if day < period.start:
        part["period"]["start"] = day.isoformat()
    else:
        part["period"]["end"] = max(day, own.start).isoformat()
    return f"$.{where}.period"


def _age_out_of_range(draw: st.DrawFn, data: JSON) -> str:
    data["age"] = draw(
        st.integers(min_value=MAX_AGE + 1, max_value=10**4)
        | st.integers(min_value=-(10**4), max_value=-1)
    )
    return "$.age"


def _age_against_group(draw: st.DrawFn, data: JSON) -> str:
    age = draw(st.integers(min_value=0, max_value=MAX_AGE))
    right = AgeGroup.CHILD if age < ADULT_AGE else AgeGroup.ADULT
    data["age"] = age
    data["age_group"] = draw(
        st.sampled_from([group.value for group in AgeGroup if group is not right])
    )
    data["age_group_at_exploitation"] = None
    return "$.age_group"


def _no_exploitation(draw: st.DrawFn, data: JSON) -> str:
    data["exploitation"] = []
    if data["identification"] == IdentificationStatus.NOT_A_VICTIM.value:
        data["identification"] = draw(
            st.sampled_from(
                [
                    IdentificationStatus.PRESUMED.value,
                    IdentificationStatus.FORMALLY_IDENTIFIED.value,
                ]
            )
        )
    return "$.exploitation"


def _adult_then_child(draw: st.DrawFn, data: JSON) -> str:
    data["age_group"] = AgeGroup.CHILD.value
    if data["age"] is not None:
        data["age"] = draw(st.integers(min_value=0, max_value=ADULT_AGE - 1))
    data["age_group_at_exploitation"] = AgeGroup.ADULT.value
    return "$.age_group_at_exploitation"


def _unindicted(draw: st.DrawFn, data: JSON) -> str:
    disposition = draw(
        st.sampled_from([d for d in Disposition if d.requires_indictment])
    )
    data["indicted"] = False
    data["disposition"] = disposition.value
    imprisoned = disposition is Disposition.IMPRISONMENT
    data["sentence_months"] = draw(_MONTHS) if imprisoned else None
    return "$.indicted"


def _months_without_prison(draw: st.DrawFn, data: JSON) -> str:
    data["indicted"] = True
    data["disposition"] = draw(
        st.sampled_from(
            [d.value for d in Disposition if d is not Disposition.IMPRISONMENT]
        )
    )
    data["sentence_months"] = draw(_MONTHS)
    return "$.sentence_months"


def _months_not_positive(draw: st.DrawFn, data: JSON) -> str:
    data["indicted"] = True
    data["disposition"] = Disposition.IMPRISONMENT.value
    data["sentence_months"] = draw(st.integers(min_value=-1200, max_value=0))
    return "$.sentence_months"


def _negative(
    *names: str, breakdowns: Mapping[str, type[Enum]] | None = None
) -> Mutator:
    """Make one count negative: a plain count, or one entry of a breakdown."""
    breakdowns = breakdowns or {}

    def mutate(draw: st.DrawFn, data: JSON) -> str:
        name = draw(st.sampled_from([*names, *breakdowns]))
        value = -draw(_EXCESS)
        if name in breakdowns:
            key = draw(st.sampled_from(breakdowns[name])).value
            data[name][key] = value
            return f"$.{name}.{key}"
        data[name] = value
        return f"$.{name}"

    return mutate


def _off_total(draw: st.DrawFn, counts: JSON) -> None:
    """Change one count of a breakdown that sums to its total, so that it does not."""
    delta = draw(_EXCESS)
    key = draw(st.sampled_from(sorted(counts)))
    if counts[key] >= delta and draw(st.booleans()):
        counts[key] -= delta
    else:
        counts[key] += delta


def _breakdown_off(vocabularies: Mapping[str, type[Enum]]) -> Mutator:
    def mutate(draw: st.DrawFn, data: JSON) -> str:
        name = draw(st.sampled_from(sorted(vocabularies)))
        counts = data[name]
        if not counts:
            key = draw(st.sampled_from(vocabularies[name])).value
            counts[key] = data["total"] + draw(_EXCESS)
        else:
            _off_total(draw, counts)
        return f"$.{name}"

    return mutate


def _ranged_off_total(vocabularies: Mapping[str, type[Enum]]) -> Mutator:
    """Widen one count of a complete breakdown into a range that misses the total."""

    def mutate(draw: st.DrawFn, data: JSON) -> str:
        names = sorted(name for name in vocabularies if data[name])
        if not names:
            return _breakdown_off(vocabularies)(draw, data)
        name = draw(st.sampled_from(names))
        counts = data[name]
        key = draw(st.sampled_from(sorted(counts)))
        low = counts[key] + draw(_EXCESS)
        counts[key] = {"low": low, "high": low + draw(_SPREAD)}
        return f"$.{name}"

    return mutate


def _partial_above_total(vocabularies: Mapping[str, type[Enum]]) -> Mutator:
    """Make a breakdown partial, with counts that sum to more than the total."""

    def mutate(draw: st.DrawFn, data: JSON) -> str:
        name = draw(st.sampled_from(sorted(vocabularies)))
        key = draw(st.sampled_from(vocabularies[name])).value
        data[name] = {key: data["total"] + draw(_EXCESS)}
        data["partial"] = sorted({*data["partial"], name})
        return f"$.{name}"

    return mutate


def _offence_above_total(draw: st.DrawFn, data: JSON) -> str:
    offence = draw(st.sampled_from(OffenceType)).value
    data["overlapping"] = ["by_offence"]
    data["by_offence"][offence] = data["total"] + draw(_EXCESS)
    return f"$.by_offence.{offence}"


def _offences_below_total(draw: st.DrawFn, data: JSON) -> str:
    data["overlapping"] = ["by_offence"]
    data["partial"] = []
    total = data["total"] = max(data["total"], 1)
    given = draw(st.integers(min_value=0, max_value=total - 1))
    offences = draw(st.lists(st.sampled_from(OffenceType), min_size=1, unique=True))
    data["by_offence"] = {
        offence.value: count for offence, count in _split(draw, given, offences).items()
    }
    return "$.by_offence"


def _unknown_name(*names: str) -> Mutator:
    """Name a figure or a breakdown the class does not have."""

    def mutate(draw: st.DrawFn, data: JSON) -> str:
        name = draw(st.sampled_from(names))
        wrong = draw(st.sampled_from(["by_martian", "Total", "total ", "", "cases"]))
        data[name] = sorted({*data[name], wrong})
        return f"$.{name}"

    return mutate


def _no_sections(draw: st.DrawFn, data: JSON) -> str:
    data["cases"] = data["prosecution"] = data["victims"] = None
    data["law_enforcement"] = []
    return "$"


def _range_backwards(draw: st.DrawFn, data: JSON) -> str:
    data["high"] = draw(st.integers(min_value=1, max_value=_COUNT_LIMIT))
    data["low"] = data["high"] + draw(_EXCESS)
    return "$.high"


def _negative_bound(draw: st.DrawFn, data: JSON) -> str:
    data["low"] = -draw(_EXCESS)
    data["high"] = None
    return "$.low"


def _exploitation_above_total(draw: st.DrawFn, data: JSON) -> str:
    form = draw(st.sampled_from(ExploitationForm)).value
    data["by_exploitation"][form] = data["total"] + draw(_EXCESS)
    return f"$.by_exploitation.{form}"


def _exploitation_below_total(draw: st.DrawFn, data: JSON) -> str:
    if data["total"] == 0:
        data["total"] = 1
        for name in ("by_sex", "by_age_group", "by_citizenship"):
            if data[name]:
                key = draw(st.sampled_from(sorted(data[name])))
                data[name][key] += 1
    total = data["total"]
    given = draw(st.integers(min_value=0, max_value=total - 1))
    forms = draw(st.lists(st.sampled_from(ExploitationForm), min_size=1, unique=True))
    data["by_exploitation"] = {
        form.value: count for form, count in _split(draw, given, forms).items()
    }
    return "$.by_exploitation"


def _without_cross_tab(mutate: Mutator) -> Mutator:
    """Run a mutator of victim statistics on data without the sex by age cross-tab.

    A change to a margin, or to the total, could break the cross-tab's rules
    too; without the cross-tab, only the rule the mutator means breaks.
    """

    def without(draw: st.DrawFn, data: JSON) -> str:
        data["by_sex_and_age"] = {}
        return mutate(draw, data)

    return without


_MARGINS: tuple[tuple[str, Enum, str], ...] = (
    ("by_sex", Sex.FEMALE, "sex"),
    ("by_sex", Sex.MALE, "sex"),
    ("by_age_group", AgeGroup.ADULT, "age_group"),
    ("by_age_group", AgeGroup.CHILD, "age_group"),
)


def _one_margin(draw: st.DrawFn, data: JSON) -> tuple[str, Enum, list[SexAgeGroup]]:
    """Clear every breakdown and pick one margin member and its cells."""
    for name in _VICTIM_BREAKDOWN_NAMES:
        data[name] = {}
    name, member, attribute = draw(st.sampled_from(_MARGINS))
    cells = [cell for cell in SexAgeGroup if getattr(cell, attribute) is member]
    return name, member, cells


def _cells_above_margin(draw: st.DrawFn, data: JSON) -> str:
    name, member, cells = _one_margin(draw, data)
    total = data["total"] = draw(st.integers(min_value=1, max_value=_COUNT_LIMIT))
    given = _below(draw, total, 1)
    data[name] = {member.value: _below(draw, given - 1)}
    data["by_sex_and_age"] = {
        cell.value: count for cell, count in _split(draw, given, cells).items()
    }
    data["partial"] = sorted({name, "by_sex_and_age"})
    return "$.by_sex_and_age"


def _cells_below_margin(draw: st.DrawFn, data: JSON) -> str:
    name, member, cells = _one_margin(draw, data)
    total = data["total"] = draw(st.integers(min_value=1, max_value=_COUNT_LIMIT))
    given = _below(draw, total - 1)
    data[name] = {member.value: _below(draw, total, given + 1)}
    others = [cell for cell in SexAgeGroup if cell not in cells]
    split = {**_split(draw, given, cells), **_split(draw, total - given, others)}
    data["by_sex_and_age"] = {cell.value: count for cell, count in split.items()}
    data["partial"] = [name]
    return "$.by_sex_and_age"


def _wider_funnel(draw: st.DrawFn, data: JSON) -> str:
    data["indicted"] = data["defendants"] + draw(_EXCESS)
    return "$.indicted"


def _overdecided(draw: st.DrawFn, data: JSON) -> str:
    gap = data["indicted"] - data["sentenced"] - data["acquitted"]
    data[draw(st.sampled_from(["sentenced", "acquitted"]))] += gap + draw(_EXCESS)
    return "$.sentenced"


_SENTENCE_SPLIT = ("imprisonment", "conditional", "postponed", "fined")


def _oversplit(draw: st.DrawFn, data: JSON) -> str:
    split = sum(data[name] for name in _SENTENCE_SPLIT)
    data[draw(st.sampled_from(_SENTENCE_SPLIT))] += (
        data["sentenced"] - split + draw(_EXCESS)
    )
    return "$.imprisonment"


def _year_out_of_range(draw: st.DrawFn, data: JSON) -> str:
    data["year"] = draw(
        st.integers(min_value=FIRST_YEAR - 1000, max_value=FIRST_YEAR - 1)
        | st.integers(min_value=LAST_YEAR + 1, max_value=LAST_YEAR + 1000)
    )
    return "$.year"


def _labour_above_total(draw: st.DrawFn, data: JSON) -> str:
    name = draw(st.sampled_from(_LABOUR))
    data[f"labour_{name}"] = data[name] + draw(_EXCESS)
    return f"$.labour_{name}"


def _report_years(data: JSON) -> list[int]:
    return [
        year
        for year in _period_of(data["period"]).years
        if FIRST_YEAR <= year <= LAST_YEAR
    ]


def _figures_in_period(draw: st.DrawFn, data: JSON) -> JSON:
    years = _report_years(data) or [FIRST_YEAR]
    year = draw(st.sampled_from(years))
    return _to_dict(draw(law_enforcement_figures(year=year, exact=True)))


def _year_outside_report(draw: st.DrawFn, data: JSON) -> str:
    figures: list[JSON] = data["law_enforcement"]
    index = draw(st.integers(min_value=0, max_value=len(figures)))
    if index == len(figures):
        figures.append(_figures_in_period(draw, data))
    used = {item["year"] for i, item in enumerate(figures) if i != index}
    inside = set(_period_of(data["period"]).years)
    outside = [
        year
        for year in range(FIRST_YEAR, LAST_YEAR + 1)
        if year not in inside and year not in used
    ]
    if not outside:  # the period covers every year: narrow it to the years used
        low, high = min(used, default=2000), max(used, default=2000)
        data["period"] = {"start": f"{low:04}-01-01", "end": f"{high:04}-12-31"}
        outside = [y for y in range(FIRST_YEAR, LAST_YEAR + 1) if not low <= y <= high]
    figures[index]["year"] = draw(st.sampled_from(outside))
    return f"$.law_enforcement[{index}].year"


def _not_finite(*names: str) -> Mutator:
    def mutate(draw: st.DrawFn, data: JSON) -> str:
        name = draw(st.sampled_from(names))
        data[name] = draw(st.sampled_from([float("nan"), float("inf"), float("-inf")]))
        return f"$.{name}"

    return mutate


def _unknown_id(draw: st.DrawFn, known: Collection[str]) -> str:
    unknown: str = draw(identifiers())
    while unknown in known:
        unknown += "?"
    return unknown


def _some_measure(draw: st.DrawFn, data: JSON) -> JSON:
    """A measure of the plan in `data`, added if it has none."""
    if not data["measures"]:
        data["measures"].append(_plan_measure(draw, data))
    measure: JSON = draw(st.sampled_from(data["measures"]))
    return measure


def _unknown_objective(draw: st.DrawFn, data: JSON) -> str:
    measure = _some_measure(draw, data)
    index = data["measures"].index(measure)
    measure["objective"] = _unknown_id(draw, [o["id"] for o in data["objectives"]])
    return f"$.measures[{index}].objective"


def _day_in_plan(draw: st.DrawFn, data: JSON) -> str:
    return _day(draw, _period_of(data["period"])).isoformat()


def _unknown_measure(draw: st.DrawFn, data: JSON) -> str:
    unknown = _unknown_id(draw, [m["id"] for m in data["measures"]])
    observations = data["status_observations"]
    observations.append(
        _to_dict(_status_observation(draw, unknown, dt.date(2000, 1, 1)))
    )
    observations[-1]["date"] = _day_in_plan(draw, data)
    return f"$.status_observations[{len(observations) - 1}].measure"


def _unknown_indicator(draw: st.DrawFn, data: JSON) -> str:
    measure = _some_measure(draw, data)
    unknown = _unknown_id(draw, [i["id"] for i in measure["indicators"]])
    observations = data["indicator_observations"]
    observation = _to_dict(
        _indicator_observation(draw, measure["id"], unknown, dt.date(2000, 1, 1))
    )
    observation["date"] = _day_in_plan(draw, data)
    observations.append(observation)
    return f"$.indicator_observations[{len(observations) - 1}].indicator"


def _observed_twice(draw: st.DrawFn, data: JSON) -> str:
    measure = _some_measure(draw, data)
    observations = data["status_observations"]
    first = _to_dict(_status_observation(draw, measure["id"], dt.date(2000, 1, 1)))
    first["date"] = _day_in_plan(draw, data)
    second = _to_dict(_status_observation(draw, measure["id"], dt.date(2000, 1, 1)))
    second["date"] = first["date"]
    observations.extend([first, second])
    return f"$.status_observations[{len(observations) - 1}].date"


def _later(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


def _snapshot_on_another_day(draw: st.DrawFn, data: JSON) -> str:
    days = draw(_EXCESS)
    if data["progress"] is None:
        data["progress"] = _to_dict(
            draw(plan_progress(as_of=dt.date.fromisoformat(data["date"])))
        )
    data["progress"]["as_of"] = _later(data["progress"]["as_of"], days)
    return "$.progress.as_of"


def _observed_after(draw: st.DrawFn, data: JSON) -> str:
    as_of = dt.date.fromisoformat(data["as_of"])
    after = as_of + dt.timedelta(days=draw(_EXCESS))
    if not data["measures"] or after > DEFAULT_PERIOD.end:
        data["as_of"] = min(as_of, dt.date(2099, 1, 1)).isoformat()
        after = dt.date.fromisoformat(data["as_of"]) + dt.timedelta(days=1)
        ids = [measure["id"] for measure in data["measures"]]
        measure = _to_dict(
            _measure_progress(draw, _unknown_id(draw, ids), DEFAULT_PERIOD.start)
        )
        data["measures"].append(measure)
    index = _below(draw, len(data["measures"]) - 1)
    measure = data["measures"][index]
    if measure["indicators"] and draw(_BOOLEANS):
        inner = _below(draw, len(measure["indicators"]) - 1)
        indicator = measure["indicators"][inner]
        indicator["observed_on"] = after.isoformat()
        indicator["value"] = 1 if indicator["value"] is None else indicator["value"]
        return f"$.measures[{index}].indicators[{inner}].observed_on"
    measure["status_since"] = after.isoformat()
    measure["status"] = measure["status"] or MeasureStatus.IN_PROGRESS.value
    return f"$.measures[{index}].status_since"


def _two_amounts_in_a_currency(draw: st.DrawFn, data: JSON) -> str:
    name = draw(st.sampled_from(["allocated", "spent"]))
    amount = _to_dict(draw(_MONEY))
    data[name] = [*data[name], amount, amount]
    return f"$.{name}"


def _progress_twin(draw: st.DrawFn, data: JSON) -> JSON:
    return _to_dict(
        _measure_progress(
            draw, draw(_IDENTIFIERS), dt.date.fromisoformat(data["as_of"])
        )
    )


def _status_without_day(draw: st.DrawFn, data: JSON) -> str:
    data["status"] = draw(_MEASURE_STATUSES).value
    data["status_since"] = None
    return "$.status_since"


def _value_without_day(draw: st.DrawFn, data: JSON) -> str:
    data["value"] = draw(_NUMBERS)
    data["observed_on"] = None
    return "$.observed_on"


def _later_before_earlier(draw: st.DrawFn, data: JSON) -> str:
    latest = max(data["earlier"]["as_of"], data["later"]["as_of"])
    data["earlier"]["as_of"] = _later(latest, draw(_EXCESS))
    return "$.later"


def _waiver_off_the_watch_list(draw: st.DrawFn, data: JSON) -> str:
    data["waiver"] = True
    if data["tier"] == TipTier.TIER_2_WATCH_LIST.value:
        data["tier"] = draw(
            st.sampled_from(
                [
                    tier.value
                    for tier in TipTier
                    if tier is not TipTier.TIER_2_WATCH_LIST
                ]
            )
        )
    return "$.waiver"


def _report_year_out_of_range(draw: st.DrawFn, data: JSON) -> str:
    data["report_year"] = draw(
        st.integers(min_value=LAST_YEAR + 1, max_value=10**4)
        | st.integers(min_value=-(10**4), max_value=FIRST_TIP_REPORT - 1)
    )
    return "$.report_year"


_WATCH_LIST = TipTier.TIER_2_WATCH_LIST.value


def _history(
    draw: st.DrawFn, data: JSON, first: int, run: Sequence[tuple[str, bool]]
) -> None:
    """Replace the placements of `data` with `run`, from the report of `first` on."""
    source = draw(_TEXTS)
    data["placements"] = [
        {
            "country": data["country"],
            "report_year": first + offset,
            "tier": tier,
            "waiver": waiver,
            "source": source,
        }
        for offset, (tier, waiver) in enumerate(run)
    ]


def _three_watch_list_years(draw: st.DrawFn, data: JSON) -> str:
    first = draw(st.integers(AUTOMATIC_DOWNGRADE_FROM, LAST_YEAR - 2))
    _history(draw, data, first, [(_WATCH_LIST, False)] * 3)
    return "$.placements[2].tier"


def _three_waivers(draw: st.DrawFn, data: JSON) -> str:
    first = draw(st.integers(FIRST_TIP_REPORT, LAST_YEAR - 2))
    _history(draw, data, first, [(_WATCH_LIST, True)] * 3)
    return "$.placements[2].waiver"


def _watch_list_again_after_downgrade(draw: st.DrawFn, data: JSON) -> str:
    first = draw(
        st.integers(
            max(AUTOMATIC_DOWNGRADE_FROM, DOWNGRADED_WATCH_LIST_FROM - 5),
            LAST_YEAR - 5,
        )
    )
    run = [
        (_WATCH_LIST, False),
        (_WATCH_LIST, False),
        (_WATCH_LIST, True),
        (TipTier.TIER_3.value, False),
        (_WATCH_LIST, False),
        (_WATCH_LIST, False),
    ]
    _history(draw, data, first, run)
    return "$.placements[5].tier"


def _placement_of_another_country(draw: st.DrawFn, data: JSON) -> str:
    if not data["placements"]:
        _history(draw, data, draw(_REPORT_YEARS), [(TipTier.TIER_1.value, False)])
    index = _below(draw, len(data["placements"]) - 1)
    data["placements"][index]["country"] = draw(
        _COUNTRIES.filter(lambda code: code != data["country"])
    )
    return f"$.placements[{index}].country"


def _report_years_out_of_order(draw: st.DrawFn, data: JSON) -> str:
    if not data["placements"]:
        _history(draw, data, draw(_REPORT_YEARS), [(TipTier.TIER_1.value, False)])
    placements = data["placements"]
    twin = dict(draw(st.sampled_from(placements)))
    twin["tier"] = TipTier.TIER_1.value
    twin["waiver"] = False
    placements.append(twin)
    return f"$.placements[{len(placements) - 1}].report_year"


def _band_below_zero(draw: st.DrawFn, data: JSON) -> str:
    data["low"] = -draw(_EXCESS)
    return "$.low"


def _band_backwards(draw: st.DrawFn, data: JSON) -> str:
    high = draw(st.integers(min_value=0, max_value=_BAND_LIMIT - 1))
    data["high"] = high
    data["low"] = draw(st.integers(min_value=high + 1, max_value=_BAND_LIMIT))
    return "$.high"


def _record_out_of_range(draw: st.DrawFn, data: JSON) -> str:
    if draw(_BOOLEANS):
        data["year"] = draw(
            st.sampled_from([FIRST_YEAR - draw(_EXCESS), LAST_YEAR + draw(_EXCESS)])
        )
        return "$.year"
    low = draw(st.integers(min_value=MAX_AGE + 1, max_value=_BAND_LIMIT))
    data["age"] = {"high": None, "low": low}
    return "$.age"


def _record_bad_enum(draw: st.DrawFn, data: JSON) -> str:
    if draw(_BOOLEANS):
        data["gender"] = Sex.UNKNOWN.value
        return "$.gender"
    others = sorted(form.value for form in set(ExploitationForm) - CTDC_FORMS)
    data["exploitation"] = [*data["exploitation"], draw(st.sampled_from(others))]
    return "$.exploitation"


_YES_SETS: tuple[tuple[str, type[Enum]], ...] = (
    ("means", Means),
    ("exploitation", ExploitationForm),
    ("sectors", Sector),
    ("recruiter_relations", RecruiterRelation),
)


def _flag_yes_and_no(draw: st.DrawFn, data: JSON) -> str:
    flag = draw(st.sampled_from(_CTDC_FLAGS))
    name = next(name for name, vocabulary in _YES_SETS if type(flag) is vocabulary)
    key = type(flag).__name__
    if flag.value not in data[name]:
        data[name] = [*data[name], flag.value]
    if flag.value not in data["recorded_no"][key]:
        data["recorded_no"][key] = [*data["recorded_no"][key], flag.value]
    return "$.recorded_no"


def _glotip_year_out_of_range(draw: st.DrawFn, data: JSON) -> str:
    data["year"] = draw(st.sampled_from([1900 - draw(_EXCESS), 2100 + draw(_EXCESS)]))
    return "$.year"


# The JSON type of each field, and values of the wrong type for it.
_WRONG: dict[str, tuple[Any, ...]] = {
    "str": (7, True, 1.5, [], {}),
    "int": ("7", True, False, 7.0, 1.5, [], {}),
    "bool": (1, 0, "true", [], {}),
    "number": ("1", True, False, [], {}),
    "decimal": (150000, 1.5, True, [], {}),
    "date": (20200101, True, [], {}),
    "enum": (7, True, [], {}),
    "object": ("x", 7, [], True),
    "array": ("x", 7, {}, True),
    "objects": ("x", 7, {}, True),
    "mapping": ("x", 7, [], True),
    "figure": ("7", "<5", True, 1.5, []),
    "figures": ("x", 7, [], True),
    "flags": ("x", 7, [], True),
}
_WRONG_ITEMS: dict[str, tuple[Any, ...]] = {
    "figures": ("7", "<5", True, 1.5, []),
    "array": (7, True, 1.5, None, [], {}),
    "objects": ("x", 7, True, None, []),
    "mapping": ("7", True, 1.5, None, []),
    "flags": ("7", True, 1.5, None, {}),
}


def _kind(annotation: object) -> str:  # noqa: PLR0911
    """The JSON kind of a field's type, looking through `X | None`."""
    if annotation == Figure:
        return "figure"
    arguments = [a for a in typing.get_args(annotation) if a is not type(None)]
    origin = typing.get_origin(annotation)
    if origin is frozenset and typing.get_args(arguments[0]):
        return "flags"  # a set of members of several enums
    if origin in (tuple, frozenset):
        return "objects" if attrs.has(arguments[0]) else "array"
    if origin is Mapping:
        return "figures" if arguments[1] == Figure else "mapping"
    if origin is not None and len(arguments) == 1:  # X | None
        return _kind(arguments[0])
    cls = typing.cast("type", annotation)
    if attrs.has(cls):
        return "object"
    if issubclass(cls, Enum):
        return "enum"
    kinds: dict[type, str] = {
        str: "str",
        int: "int",
        bool: "bool",
        float: "number",
        Decimal: "decimal",
        dt.date: "date",
    }
    return kinds[cls]


@functools.cache
def _wrong_type(cls: type) -> Mutator:
    hints = typing.get_type_hints(cls)
    kinds = {field.name: _kind(hints[field.name]) for field in attrs.fields(cls)}

    def mutate(draw: st.DrawFn, data: JSON) -> str:
        name = draw(st.sampled_from(sorted(kinds)))
        kind = kinds[name]
        value = data[name]
        if kind in _WRONG_ITEMS and value and draw(st.booleans()):
            wrong = draw(st.sampled_from(_WRONG_ITEMS[kind]))
            if isinstance(value, list):
                value[draw(st.integers(min_value=0, max_value=len(value) - 1))] = wrong
            else:
                value[draw(st.sampled_from(sorted(value)))] = wrong
        else:
            data[name] = draw(st.sampled_from(_WRONG[kind]))
        return f"$.{name}"

    return mutate


# Rules of the JSON form itself, which `from_dict` reports before any class sees
# the data: a field left out, a key no field has, an enum value, a date or an
# amount written wrongly.
_EXTRA_KEYS = st.sampled_from(["notes", "comment", "ID", "Id", "name_", "extra"])


@functools.cache
def _json_form(cls: type) -> dict[str, tuple[Mutator, ...]]:
    hints = typing.get_type_hints(cls)
    fields = attrs.fields(cls)
    names = {field.name for field in fields}
    required = sorted(f.name for f in fields if f.default is attrs.NOTHING)
    enums = sorted(f.name for f in fields if _kind(hints[f.name]) == "enum")
    enum_arrays = sorted(
        f.name
        for f in fields
        if _kind(hints[f.name]) == "array" and _enum_of(hints[f.name]) is not None
    )
    dates = sorted(f.name for f in fields if _kind(hints[f.name]) == "date")
    breakdowns = sorted(
        f.name
        for f in fields
        if _kind(hints[f.name]) in ("mapping", "figures", "flags")
    )
    rules: dict[str, tuple[Mutator, ...]] = {}

    def leave_out(draw: st.DrawFn, data: JSON) -> str:
        name = draw(st.sampled_from(required))
        del data[name]
        return f"$.{name}"

    def add_key(draw: st.DrawFn, data: JSON) -> str:
        if draw(_BOOLEANS) and breakdowns:
            name = draw(st.sampled_from(breakdowns))
            key = draw(st.sampled_from(["martian", "Female", "total", "other "]))
            data[name][key] = draw(st.integers(min_value=0, max_value=9))
            return f"$.{name}"
        key = draw(_EXTRA_KEYS.filter(lambda key: key not in names))
        data[key] = draw(st.sampled_from([None, 1, "x", [], {}]))
        return f"$.{key}"

    def bad_member(draw: st.DrawFn, data: JSON) -> str:
        name = draw(st.sampled_from([*enums, *enum_arrays]))
        vocabulary = typing.cast("type[Enum]", _enum_of(hints[name]))
        member = draw(st.sampled_from(vocabulary))
        label = getattr(member, "label", member.value.replace("_", " ").title())
        wrong = draw(st.sampled_from([member.value.upper(), label, ""]))
        if name in enum_arrays:
            data[name] = [*data[name], wrong]
        else:
            data[name] = wrong
        return f"$.{name}"

    def bad_date(draw: st.DrawFn, data: JSON) -> str:
        name = draw(st.sampled_from(dates))
        data[name] = draw(
            st.sampled_from(
                ["2021-02-30", "2021-13-01", "2021-1-1", "01/02/2021", "", "2021"]
            )
        )
        return f"$.{name}"

    if required:
        rules["required"] = (leave_out,)
    rules["unknown_key"] = (add_key,)
    if enums or enum_arrays:
        rules["enum"] = (bad_member,)
    if dates:
        rules["date"] = (bad_date,)
    if cls is Money:
        rules["decimal"] = (_bad_amount,)
    return rules


def _bad_amount(draw: st.DrawFn, data: JSON) -> str:
    data["amount"] = draw(
        st.sampled_from(
            ["1,000.00", "NaN", "Infinity", "-Infinity", "1.2.3", "", "+5", ".5", "05"]
        )
    )
    return "$.amount"


def _enum_of(annotation: object) -> type[Enum] | None:
    """The enum a field holds, alone or in a collection, if any."""
    for argument in (annotation, *typing.get_args(annotation)):
        if isinstance(argument, type) and issubclass(argument, Enum):
            return argument
    return None


_BASES: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    Count: counts,
    Period: periods,
    Money: money,
    Stakeholder: stakeholders,
    Indicator: indicators,
    Objective: objectives,
    BudgetLine: budget_lines,
    Measure: measures,
    IndicatorObservation: indicator_observations,
    StatusObservation: status_observations,
    SpendingObservation: spending_observations,
    IndicatorProgress: indicator_progress,
    MeasureProgress: measure_progress,
    PlanProgress: plan_progress,
    ReviewComparison: review_comparisons,
    PlanReview: plan_reviews,
    NationalActionPlan: national_action_plans,
    TierPlacement: tier_placements,
    TierHistory: tier_histories,
    Victim: victims,
    Defendant: defendants,
    Case: cases,
    CaseStatistics: case_statistics,
    ProsecutionOutcome: prosecution_outcomes,
    VictimStatistics: victim_statistics,
    LawEnforcementFigures: law_enforcement_figures,
    CountryReport: country_reports,
    Band: ctdc_bands,
    Record: ctdc_records,
    GlotipRow: glotip_rows,
}

_VICTIM_BREAKDOWN_NAMES = (
    "by_sex",
    "by_age_group",
    "by_citizenship",
    "by_exploitation",
    "by_sex_and_age",
)
_SINGLE_BREAKDOWNS: dict[str, type[Enum]] = {
    "by_sex": Sex,
    "by_age_group": AgeGroup,
    "by_citizenship": CitizenshipCategory,
}
_OWN: dict[type, dict[str, tuple[Mutator, ...]]] = {
    Count: {"range_order": (_range_backwards,), "non_negative": (_negative_bound,)},
    Period: {"period_order": (_swap_period,)},
    # No "finite" for Money: the JSON form writes amounts as decimal strings,
    # and "NaN" or "Infinity" break the "decimal" rule before Money sees them.
    Money: {
        "non_negative": (_negative_amount,),
        "currency_code": (_bad_code("currency", CURRENCY_CODES),),
    },
    Stakeholder: {
        "identifier": (_pad_field("id"),),
        "not_blank": (_blank_field("id", "name", "acronym"),),
        "country_code": (_bad_code("country", COUNTRY_CODES),),
    },
    Indicator: {
        "identifier": (_pad_field("id"),),
        "not_blank": (_blank_field("id", "description", "unit"),),
        "finite": (_infinite_number,),
    },
    Objective: {
        "identifier": (_pad_field("id"),),
        "not_blank": (_blank_field("id", "title"),),
    },
    BudgetLine: {"not_blank": (_blank_field("funding_source"),)},
    Measure: {
        "identifier": (_pad_field("id", "responsible", "partners", "objective"),),
        "not_blank": (
            _blank_field("id", "title", "responsible", "partners", "objective"),
        ),
        "responsible_required": (_no_responsible,),
        "unique_ids": (_duplicate("indicators", _drawn(Indicator)),),
    },
    IndicatorObservation: {
        "identifier": (_pad_field("measure", "indicator"),),
        "not_blank": (_blank_field("measure", "indicator", "source", "verification"),),
        "finite": (_not_finite("value"),),
    },
    StatusObservation: {
        "identifier": (_pad_field("measure"),),
        "not_blank": (_blank_field("measure", "source"),),
    },
    SpendingObservation: {
        "identifier": (_pad_field("measure"),),
        "not_blank": (_blank_field("measure", "funding_source", "source"),),
    },
    IndicatorProgress: {
        "identifier": (_pad_field("id"),),
        "not_blank": (_blank_field("id", "unit"),),
        "finite": (_not_finite("baseline", "target"),),
        "observation_pair": (_value_without_day,),
    },
    MeasureProgress: {
        "identifier": (_pad_field("id", "objective"),),
        "not_blank": (_blank_field("id", "title", "objective"),),
        "unique_ids": (_duplicate("indicators", _drawn(IndicatorProgress)),),
        "observation_pair": (_status_without_day,),
    },
    PlanProgress: {
        "identifier": (_pad_field("plan"),),
        "not_blank": (_blank_field("plan"),),
        "unique_ids": (_duplicate("measures", _progress_twin),),
        "observed_by_as_of": (_observed_after,),
        "one_amount_per_currency": (_two_amounts_in_a_currency,),
    },
    ReviewComparison: {"comparison_order": (_later_before_earlier,)},
    PlanReview: {
        "identifier": (_pad_field("participants", "organizer", "funder"),),
        "not_blank": (_blank_field("participants", "organizer", "summary"),),
        "snapshot_date": (_snapshot_on_another_day,),
    },
    NationalActionPlan: {
        "identifier": (_pad_field("id"),),
        "not_blank": (_blank_field("id", "title"),),
        "country_code": (_bad_code("country", COUNTRY_CODES),),
        "unique_ids": (_duplicate_plan_part,),
        "known_stakeholder": (_unknown_stakeholder,),
        "within_plan_period": (_outside_plan_period,),
        "known_objective": (_unknown_objective,),
        "known_measure": (_unknown_measure,),
        "known_indicator": (_unknown_indicator,),
        "unique_observation": (_observed_twice,),
    },
    TierPlacement: {
        "country_code": (_bad_code("country", COUNTRY_CODES),),
        "range": (_report_year_out_of_range,),
        "waiver_tier": (_waiver_off_the_watch_list,),
        "not_blank": (_blank_field("source"),),
    },
    TierHistory: {
        "country_code": (_bad_code("country", COUNTRY_CODES),),
        "same_country": (_placement_of_another_country,),
        "report_year_order": (_report_years_out_of_order,),
        "watch_list_limit": (_three_watch_list_years,),
        "waiver_limit": (_three_waivers,),
        "watch_list_after_downgrade": (_watch_list_again_after_downgrade,),
    },
    Victim: {
        "identifier": (_pad_field("id", "identified_by"),),
        "not_blank": (_blank_field("id", "identified_by"),),
        "range": (_age_out_of_range,),
        "age_matches_group": (_age_against_group,),
        "country_code": (_bad_code("citizenship", COUNTRY_CODES),),
        "exploitation_required": (_no_exploitation,),
        "age_group_order": (_adult_then_child,),
    },
    Defendant: {
        "identifier": (_pad_field("id"),),
        "not_blank": (_blank_field("id"),),
        "disposition_requires_indictment": (_unindicted,),
        "sentence_months_with_imprisonment": (_months_without_prison,),
        "positive": (_months_not_positive,),
    },
    Case: {
        "identifier": (_pad_field("id", "victim_ids"),),
        "not_blank": (_blank_field("id", "legal_reference", "victim_ids"),),
        "unique_ids": (_duplicate("defendants", _drawn(Defendant)),),
    },
    CaseStatistics: {
        "non_negative": (_negative("total", breakdowns={"by_offence": OffenceType}),),
        "breakdown_sum": (
            _breakdown_off({"by_offence": OffenceType}),
            _ranged_off_total({"by_offence": OffenceType}),
        ),
        "partial_breakdown_within_total": (
            _partial_above_total({"by_offence": OffenceType}),
        ),
        "part_within_total": (_offence_above_total,),
        "parts_cover_total": (_offences_below_total,),
        "known_name": (_unknown_name("partial", "overlapping", "derived"),),
    },
    ProsecutionOutcome: {
        "non_negative": (
            _negative(
                "defendants", "indicted", "sentenced", "acquitted", *_SENTENCE_SPLIT
            ),
        ),
        "indicted_within_defendants": (_wider_funnel,),
        "sentenced_within_indicted": (_overdecided,),
        "sentence_split_within_sentenced": (_oversplit,),
        "known_name": (_unknown_name("derived"),),
    },
    VictimStatistics: {
        "non_negative": (
            _without_cross_tab(
                _negative(
                    "total",
                    breakdowns={
                        **_SINGLE_BREAKDOWNS,
                        "by_exploitation": ExploitationForm,
                        "by_sex_and_age": SexAgeGroup,
                    },
                )
            ),
        ),
        "breakdown_sum": (
            _without_cross_tab(_breakdown_off(_SINGLE_BREAKDOWNS)),
            _without_cross_tab(_ranged_off_total(_SINGLE_BREAKDOWNS)),
        ),
        "partial_breakdown_within_total": (
            _without_cross_tab(_partial_above_total(_SINGLE_BREAKDOWNS)),
        ),
        "exploitation_within_total": (_without_cross_tab(_exploitation_above_total),),
        "exploitation_covers_total": (_without_cross_tab(_exploitation_below_total),),
        "sex_age_within_margin": (_cells_above_margin,),
        "sex_age_matches_margin": (_cells_below_margin,),
        "known_name": (_without_cross_tab(_unknown_name("partial", "derived")),),
    },
    LawEnforcementFigures: {
        "range": (_year_out_of_range,),
        "non_negative": (_negative(*_LABOUR, *(f"labour_{name}" for name in _LABOUR)),),
        "labour_within_total": (_labour_above_total,),
        "known_name": (_unknown_name("derived"),),
    },
    CountryReport: {
        "country_code": (_bad_code("country", COUNTRY_CODES),),
        "not_blank": (_blank_field("source"),),
        "unique_years": (
            _duplicate("law_enforcement", _figures_in_period, key="year"),
        ),
        "within_report_period": (_year_outside_report,),
        "section_required": (_no_sections,),
    },
    Band: {"range": (_band_below_zero,), "range_order": (_band_backwards,)},
    Record: {
        "range": (_record_out_of_range,),
        "enum": (_record_bad_enum,),
        "country_code": (
            _bad_code("citizenship", ISO_COUNTRY_CODES),
            _bad_code("country_of_exploitation", ISO_COUNTRY_CODES),
        ),
        "flag_state": (_flag_yes_and_no,),
    },
    GlotipRow: {"range": (_glotip_year_out_of_range,)},
}

# The model-typed fields of each class: (field, class, whether it is a tuple).
_PARTS: dict[type, tuple[tuple[str, type, bool], ...]] = {
    BudgetLine: (("allocated", Money, False),),
    Measure: (
        ("period", Period, False),
        ("indicators", Indicator, True),
        ("budget", Money, False),
        ("budget_lines", BudgetLine, True),
    ),
    SpendingObservation: (("spent", Money, False),),
    MeasureProgress: (("indicators", IndicatorProgress, True),),
    PlanProgress: (
        ("measures", MeasureProgress, True),
        ("allocated", Money, True),
        ("spent", Money, True),
    ),
    ReviewComparison: (
        ("earlier", PlanProgress, False),
        ("later", PlanProgress, False),
    ),
    PlanReview: (("progress", PlanProgress, False),),
    NationalActionPlan: (
        ("period", Period, False),
        ("stakeholders", Stakeholder, True),
        ("measures", Measure, True),
        ("reviews", PlanReview, True),
        ("objectives", Objective, True),
        ("indicator_observations", IndicatorObservation, True),
        ("status_observations", StatusObservation, True),
        ("spending_observations", SpendingObservation, True),
    ),
    TierHistory: (("placements", TierPlacement, True),),
    Case: (("defendants", Defendant, True),),
    CountryReport: (
        ("period", Period, False),
        ("cases", CaseStatistics, False),
        ("prosecution", ProsecutionOutcome, False),
        ("victims", VictimStatistics, False),
        ("law_enforcement", LawEnforcementFigures, True),
    ),
    # `age` too is a Band, but one drawn for it may break the record's own
    # `range` (ages end at 120), so parts are broken in `months` only.
    Record: (("months", Band, False),),
    GlotipRow: (("value", Count, False),),
}


def violation_rules(cls: type) -> frozenset[str]:
    """The rule ids that [`violations`][trafficking_model.strategies.violations] can break for `cls`.

    These are the class's own rules, the rules of its JSON form (`type` for a
    value of the wrong JSON type, `required`, `unknown_key`, and `enum`, `date`
    or `decimal` for a value written wrongly), and the rules of every model type
    it holds.

    Args:
        cls: A model class, such as `Victim`.

    Returns:
        The rule ids, as `Problem.rule` carries them.

    Raises:
        InvalidArgument: If `cls` is not a model class.

    Example:
        >>> sorted(violation_rules(Period))
        ['date', 'period_order', 'required', 'type', 'unknown_key']
        >>> "sentenced_within_indicted" in violation_rules(CountryReport)
        True
    """
    if cls not in _BASES:
        msg = f"{cls!r} is not a class of trafficking_model"
        raise InvalidArgument(msg)
    return _rules(cls)


@functools.cache
def _rules(cls: type) -> frozenset[str]:
    rules = {"type", *_OWN.get(cls, {}), *_json_form(cls)}
    for _name, part, _many in _PARTS.get(cls, ()):
        rules |= _rules(part)
    return frozenset(rules)


def _mutate(
    draw: st.DrawFn, cls: type, data: JSON, rule: str, *, nested: bool = True
) -> str:
    """Break `rule` in `data`, an object of `cls`, in place; return the path.

    With `nested` false, only the class's own fields are changed, never the
    inside of a part.
    """
    own = [*_OWN.get(cls, {}).get(rule, ()), *_json_form(cls).get(rule, ())]
    if rule == "type":
        own.append(_wrong_type(cls))
    choices: list[Mutator | tuple[str, type, bool]] = [*own]
    if nested or not own:
        choices.extend(part for part in _PARTS.get(cls, ()) if rule in _rules(part[1]))
    choice = draw(st.sampled_from(choices))
    if not isinstance(choice, tuple):
        return choice(draw, data)
    name, part, many = choice
    if many:
        items: list[JSON] = data[name]
        index = draw(st.integers(min_value=0, max_value=len(items)))
        if index == len(items):
            items.append(_to_dict(draw(_small(part))))
        where, inner = f"$.{name}[{index}]", items[index]
    else:
        if data[name] is None:
            data[name] = _to_dict(draw(_small(part)))
        where, inner = f"$.{name}", data[name]
    return where + _mutate(draw, part, inner, rule)[1:]


def _violations(
    cls: type, rules: Collection[str] | None = None, *, nested: bool = True
) -> st.SearchStrategy[_Broken]:
    available = violation_rules(cls)
    chosen = available if rules is None else frozenset(rules)
    if not chosen or not chosen <= available:
        msg = (
            f"rules {sorted(chosen - available)} are not rules of {cls.__name__}; "
            f"it has {sorted(available)}"
        )
        raise InvalidArgument(msg)

    @st.composite
    def build(draw: st.DrawFn) -> _Broken:
        rule = draw(st.sampled_from(sorted(chosen)))
        value = draw(_small(cls))
        data = copy.deepcopy(_to_dict(value))
        path = _mutate(draw, cls, data, rule, nested=nested)
        return _Broken(value=value, data=data, rule=rule, path=path)

    return build()


def violations(
    cls: type, *, rules: Collection[str] | None = None
) -> st.SearchStrategy[tuple[JSON, str]]:
    """Draw raw data for `cls` that breaks exactly one named rule.

    Each example is a pair `(data, rule)`: `data` is a dict in the JSON form that
    `to_dict` writes, made from a valid value and then changed to break one rule,
    and `rule` is that rule's id, the one `Problem.rule` carries. The rules are
    the class's own, such as `age_matches_group`, and those of its JSON form,
    such as `required` or `unknown_key`; `violation_rules(cls)` lists them.
    Rules of the parts are broken too: `violations(CountryReport)` may break
    `sentenced_within_indicted` in its `prosecution`.

    Use it to check that your own loaders reject bad data, and say why.

    Args:
        cls: The model class, such as `Victim` or `CountryReport`.
        rules: Only break these rules; all of `violation_rules(cls)` by default.

    Returns:
        A strategy of `(data, rule)` pairs.

    Raises:
        InvalidArgument: If `cls` is not a model class, or a rule is not one of
            its rules.

    Example:
        >>> from hypothesis import find
        >>> from trafficking_model import ProsecutionOutcome, ValidationError, from_dict
        >>> data, rule = find(
        ...     violations(ProsecutionOutcome, rules={"sentenced_within_indicted"}),
        ...     lambda pair: True,
        ... )
        >>> try:
        ...     from_dict(data, ProsecutionOutcome)
        ... except ValidationError as error:
        ...     print(rule, [problem.rule for problem in error.problems])
        sentenced_within_indicted ['sentenced_within_indicted']
    """
    return _violations(cls, rules).map(lambda broken: (broken.data, broken.rule))


# ---------------------------------------------------------------------------
# Registration with Hypothesis

_VOCABULARIES: tuple[type[Enum], ...] = (
    AgeGroup,
    CitizenshipCategory,
    Disposition,
    ExploitationForm,
    IdentificationStatus,
    MeasureStatus,
    OffenceType,
    Pillar,
    ReviewKind,
    Sex,
    StakeholderKind,
    TipTier,
)


def _register_strategies() -> None:
    for cls in _BASES:
        st.register_type_strategy(cls, _base(cls))
    for vocabulary in _VOCABULARIES:
        st.register_type_strategy(vocabulary, st.sampled_from(vocabulary))


_register_strategies()
