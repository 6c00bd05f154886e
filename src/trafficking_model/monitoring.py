"""Monitoring a plan over time: dated observations, progress as of a date, comparisons.

A plan's facts are dated as they are reported. An
[`IndicatorObservation`][trafficking_model.IndicatorObservation] gives an
indicator's value on a day, a
[`StatusObservation`][trafficking_model.StatusObservation] a measure's status
from a day on, and a
[`SpendingObservation`][trafficking_model.SpendingObservation] the money spent
on a measure up to a day, per funding source. Observations are never changed:
a newer one for the same thing supersedes an older one from its date on, and
both stay.

[`NationalActionPlan.progress`][trafficking_model.NationalActionPlan.progress]
reads them as of a day into a [`PlanProgress`][trafficking_model.PlanProgress],
a snapshot that a [`PlanReview`][trafficking_model.PlanReview] can hold, and
[`compare_reviews`][trafficking_model.compare_reviews] compares two snapshots
in a [`ReviewComparison`][trafficking_model.ReviewComparison].

A snapshot states no more than the observations: a value or status not
observed by its day is `None`, never 0 or "not started".
"""

from __future__ import annotations

import datetime as dt
import typing
from collections import Counter
from typing import NamedTuple

import attrs

from trafficking_model import _fields as kinds
from trafficking_model._rules import owns, rule
from trafficking_model._validation import (
    FINITE,
    IDENTIFIER,
    NOT_BLANK,
    UNIQUE_IDS,
    Problems,
    add,
    as_given,
    field,
    freeze_tuple,
    has_unique_ids,
    is_date,
    is_identifier,
    is_instance,
    is_member,
    is_number,
    is_text,
    is_tuple_of,
    raise_if_any,
)
from trafficking_model.money import Money
from trafficking_model.vocabularies import MeasureStatus, Pillar

if typing.TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "IndicatorChange",
    "IndicatorObservation",
    "IndicatorProgress",
    "MeasureProgress",
    "PlanProgress",
    "ReviewComparison",
    "SpendingObservation",
    "StatusChange",
    "StatusObservation",
]

_DONE = frozenset({MeasureStatus.COMPLETED, MeasureStatus.CANCELLED})


# ---------------------------------------------------------------------------
# Observations


def _indicator_progress(
    value: Iterable[IndicatorProgress],
) -> tuple[IndicatorProgress, ...]:
    """Any ordered iterable of indicators' progress, stored as a tuple (`freeze_tuple`)."""
    return typing.cast("tuple[IndicatorProgress, ...]", freeze_tuple(value))


def _measure_progress(value: Iterable[MeasureProgress]) -> tuple[MeasureProgress, ...]:
    """Any ordered iterable of measures' progress, stored as a tuple (`freeze_tuple`)."""
    return typing.cast("tuple[MeasureProgress, ...]", freeze_tuple(value))


def _amounts(value: Iterable[Money]) -> tuple[Money, ...]:
    """Any ordered iterable of amounts, stored as a tuple (`freeze_tuple`)."""
    return typing.cast("tuple[Money, ...]", freeze_tuple(value))


as_given(_indicator_progress)
as_given(_measure_progress)
as_given(_amounts)


@owns(IDENTIFIER, NOT_BLANK, FINITE)
@attrs.frozen(kw_only=True)
class IndicatorObservation:
    """An indicator's value on a day, as a source reports it.

    Attributes:
        measure: Id of the measure the indicator belongs to.
        indicator: Id of the indicator within that measure.
        date: The day the value holds for.
        value: The value, a finite int or float.
        source: Where the value is reported, in free text.
        verification: The means of verification, such as a training
            register, if the source names one.

    Example:
        >>> import datetime as dt
        >>> IndicatorObservation(
        ...     measure="M-1", indicator="M-1.1", date=dt.date(2026, 6, 30),
        ...     value=45, source="Ministry progress report",
        ... ).value
        45
    """

    measure: str = attrs.field(metadata=kinds.identifier())
    indicator: str = attrs.field(metadata=kinds.identifier())
    date: dt.date = attrs.field(metadata=kinds.date())
    value: float = attrs.field(metadata=kinds.number())
    source: str = attrs.field(metadata=kinds.text())
    verification: str | None = attrs.field(
        default=None, metadata=kinds.text(optional=True)
    )

    def __attrs_post_init__(self) -> None:
        """Check every rule at once."""
        problems: Problems = []
        is_identifier(problems, field("measure"), self.measure)
        is_identifier(problems, field("indicator"), self.indicator)
        is_date(problems, field("date"), self.date)
        is_number(problems, field("value"), self.value)
        is_text(problems, field("source"), self.source)
        if self.verification is not None:
            is_text(problems, field("verification"), self.verification)
        raise_if_any(problems)


@owns(IDENTIFIER, NOT_BLANK)
@attrs.frozen(kw_only=True)
class StatusObservation:
    """A measure's status from a day on, as a source reports it.

    Attributes:
        measure: Id of the measure.
        date: The day from which the status holds.
        status: The status.
        source: Where the status is reported, in free text.

    Example:
        >>> import datetime as dt
        >>> StatusObservation(
        ...     measure="M-1", date=dt.date(2025, 3, 1),
        ...     status=MeasureStatus.IN_PROGRESS, source="Ministry progress report",
        ... ).status.label
        'In progress'
    """

    measure: str = attrs.field(metadata=kinds.identifier())
    date: dt.date = attrs.field(metadata=kinds.date())
    status: MeasureStatus = attrs.field(metadata=kinds.member(MeasureStatus))
    source: str = attrs.field(metadata=kinds.text())

    def __attrs_post_init__(self) -> None:
        """Check every rule at once."""
        problems: Problems = []
        is_identifier(problems, field("measure"), self.measure)
        is_date(problems, field("date"), self.date)
        is_member(problems, field("status"), self.status, MeasureStatus)
        is_text(problems, field("source"), self.source)
        raise_if_any(problems)


@owns(IDENTIFIER, NOT_BLANK)
@attrs.frozen(kw_only=True)
class SpendingObservation:
    """The money spent on a measure from one funding source, up to a day.

    The amount is the total spent so far, not the spending since the last
    observation: a newer observation replaces an older one.

    Attributes:
        measure: Id of the measure.
        funding_source: The funding source, as the measure's budget lines
            name it, such as `"State budget"`.
        date: The day up to which the amount was spent.
        spent: The amount spent up to that day.
        source: Where the amount is reported, in free text.

    Example:
        >>> import datetime as dt
        >>> from decimal import Decimal
        >>> str(SpendingObservation(
        ...     measure="M-1", funding_source="State budget", date=dt.date(2026, 6, 30),
        ...     spent=Money(amount=Decimal("40000.00"), currency="EUR"),
        ...     source="Ministry of Finance",
        ... ).spent)
        '40000.00 EUR'
    """

    measure: str = attrs.field(metadata=kinds.identifier())
    funding_source: str = attrs.field(metadata=kinds.text())
    date: dt.date = attrs.field(metadata=kinds.date())
    spent: Money = attrs.field(metadata=kinds.nested(Money))
    source: str = attrs.field(metadata=kinds.text())

    def __attrs_post_init__(self) -> None:
        """Check every rule at once."""
        problems: Problems = []
        is_identifier(problems, field("measure"), self.measure)
        is_text(problems, field("funding_source"), self.funding_source)
        is_date(problems, field("date"), self.date)
        is_instance(problems, field("spent"), self.spent, Money)
        is_text(problems, field("source"), self.source)
        raise_if_any(problems)


# ---------------------------------------------------------------------------
# Progress as of a day


_OBSERVATION_PAIR = rule(
    "observation_pair",
    "`MeasureProgress.status` comes with `status_since`, `IndicatorProgress.value` "
    "with `observed_on`: an observed value comes with the day it was observed.",
)


@owns(IDENTIFIER, NOT_BLANK, FINITE, _OBSERVATION_PAIR)
@attrs.frozen(kw_only=True)
class IndicatorProgress:
    """How far one indicator has got as of a day.

    Attributes:
        id: Id of the indicator within its measure.
        unit: Its unit.
        baseline: The value at the start, if known.
        target: The value aimed for, if set.
        value: The latest value observed by the day, if any.
        observed_on: The day of that value; given exactly when `value` is.

    Example:
        >>> import datetime as dt
        >>> progress = IndicatorProgress(
        ...     id="M-1.1", unit="inspectors", baseline=0, target=120,
        ...     value=45, observed_on=dt.date(2026, 6, 30),
        ... )
        >>> progress.distance, progress.share
        (75, 0.375)
    """

    id: str = attrs.field(metadata=kinds.identifier())
    unit: str = attrs.field(metadata=kinds.text())
    baseline: float | None = attrs.field(
        default=None, metadata=kinds.number(optional=True)
    )
    target: float | None = attrs.field(
        default=None, metadata=kinds.number(optional=True)
    )
    value: float | None = attrs.field(
        default=None, metadata=kinds.number(optional=True)
    )
    observed_on: dt.date | None = attrs.field(
        default=None, metadata=kinds.date(optional=True)
    )

    def __attrs_post_init__(self) -> None:
        """Check every rule at once."""
        problems: Problems = []
        is_identifier(problems, field("id"), self.id)
        is_text(problems, field("unit"), self.unit)
        typed = True
        for name in ("baseline", "target", "value"):
            number = getattr(self, name)
            if number is not None:
                typed = is_number(problems, field(name), number) and typed
        if self.observed_on is not None:
            typed = is_date(problems, field("observed_on"), self.observed_on) and typed
        if typed:
            _paired(problems, "value", self.value, "observed_on", self.observed_on)
        raise_if_any(problems)

    @property
    def distance(self) -> float | None:
        """How far the latest value is from the target; `None` if either is unknown.

        Example:
            >>> IndicatorProgress(id="i", unit="u", target=10).distance is None
            True
        """
        if self.value is None or self.target is None:
            return None
        return self.target - self.value

    @property
    def share(self) -> float | None:
        """The share of the way from baseline to target achieved by the latest value.

        It is `(value - baseline) / (target - baseline)`: 0 at the baseline, 1
        at the target, below 0 or above 1 when the value fell back or went
        beyond. `None` when any of the three is unknown, or the target equals
        the baseline.

        Example:
            >>> import datetime as dt
            >>> IndicatorProgress(
            ...     id="i", unit="u", baseline=10, target=20, value=15,
            ...     observed_on=dt.date(2026, 1, 1),
            ... ).share
            0.5
        """
        if self.value is None or self.baseline is None or self.target is None:
            return None
        if self.target == self.baseline:
            return None
        return (self.value - self.baseline) / (self.target - self.baseline)


@owns(IDENTIFIER, NOT_BLANK, UNIQUE_IDS, _OBSERVATION_PAIR)
@attrs.frozen(kw_only=True)
class MeasureProgress:
    """How far one measure has got as of a day.

    Attributes:
        id: Id of the measure.
        title: What the measure does.
        pillar: The pillar it serves.
        objective: Id of the objective it belongs to, if the plan has any.
        due: The last day of the measure's period.
        status: Its latest status observed by the day, if any.
        status_since: The day of that status; given exactly when `status` is.
        indicators: How far each of its indicators has got, with unique ids.

    Example:
        >>> import datetime as dt
        >>> progress = MeasureProgress(
        ...     id="M-2", title="Open a shelter", pillar=Pillar.PROTECTION,
        ...     due=dt.date(2025, 12, 31),
        ... )
        >>> progress.status is None, progress.is_overdue(dt.date(2026, 1, 1))
        (True, True)
    """

    id: str = attrs.field(metadata=kinds.identifier())
    title: str = attrs.field(metadata=kinds.text())
    pillar: Pillar = attrs.field(metadata=kinds.member(Pillar))
    objective: str | None = attrs.field(
        default=None, metadata=kinds.identifier(optional=True)
    )
    due: dt.date = attrs.field(metadata=kinds.date())
    status: MeasureStatus | None = attrs.field(
        default=None, metadata=kinds.member(MeasureStatus, optional=True)
    )
    status_since: dt.date | None = attrs.field(
        default=None, metadata=kinds.date(optional=True)
    )
    indicators: tuple[IndicatorProgress, ...] = attrs.field(
        default=(),
        converter=_indicator_progress,
        metadata=kinds.nested_tuple(IndicatorProgress),
    )

    def __attrs_post_init__(self) -> None:
        """Check every rule at once."""
        problems: Problems = []
        is_identifier(problems, field("id"), self.id)
        is_text(problems, field("title"), self.title)
        is_member(problems, field("pillar"), self.pillar, Pillar)
        if self.objective is not None:
            is_identifier(problems, field("objective"), self.objective)
        is_date(problems, field("due"), self.due)
        typed = True
        if self.status is not None:
            typed = is_member(problems, field("status"), self.status, MeasureStatus)
        if self.status_since is not None:
            typed = (
                is_date(problems, field("status_since"), self.status_since) and typed
            )
        if typed:
            _paired(problems, "status", self.status, "status_since", self.status_since)
        path = field("indicators")
        if is_tuple_of(problems, path, self.indicators, IndicatorProgress):
            has_unique_ids(problems, path, self.indicators, "indicator")
        raise_if_any(problems)

    def is_overdue(self, as_of: dt.date) -> bool:
        """Whether the measure's period ended before `as_of` without completion.

        A measure is overdue when its last day is before `as_of` and no
        completion (or cancellation) has been observed by then; a measure
        with no status observed is overdue too once its period has ended.

        Example:
            >>> import datetime as dt
            >>> progress = MeasureProgress(
            ...     id="M-2", title="Open a shelter", pillar=Pillar.PROTECTION,
            ...     due=dt.date(2025, 12, 31), status=MeasureStatus.COMPLETED,
            ...     status_since=dt.date(2025, 11, 1),
            ... )
            >>> progress.is_overdue(dt.date(2026, 1, 1))
            False
        """
        return self.due < as_of and self.status not in _DONE


_OBSERVED_BY_AS_OF = rule(
    "observed_by_as_of",
    "Every `status_since` and `observed_on` of a `PlanProgress` is on or before its "
    "`as_of`: a snapshot never reports what was observed after its day.",
)
_ONE_AMOUNT_PER_CURRENCY = rule(
    "one_amount_per_currency",
    "`PlanProgress.allocated` and `spent` hold one amount per currency, in the order "
    "of the codes: amounts add up within a currency only, one total each.",
)


@owns(IDENTIFIER, NOT_BLANK, UNIQUE_IDS, _OBSERVED_BY_AS_OF, _ONE_AMOUNT_PER_CURRENCY)
@attrs.frozen(kw_only=True)
class PlanProgress:
    """A plan's progress as of a day: a snapshot made only of what was observed by then.

    Make one with
    [`NationalActionPlan.progress`][trafficking_model.NationalActionPlan.progress].

    Attributes:
        plan: Id of the plan.
        as_of: The day of the snapshot; nothing observed after it is in it.
        measures: How far each measure has got, with unique ids.
        allocated: The budget allocated to the measures, one amount per
            currency, in the order of the currency codes.
        spent: The money spent by `as_of`, as the latest spending
            observations give it, one amount per currency, in the order of
            the currency codes.

    Example:
        >>> from trafficking_model.examples import demonstration_plan
        >>> import datetime as dt
        >>> progress = demonstration_plan().progress(as_of=dt.date(2026, 6, 30))
        >>> sorted(progress.overdue)
        ['XTA-M-2']
        >>> [str(money) for money in progress.spent]
        ['155000.00 EUR']
    """

    plan: str = attrs.field(metadata=kinds.identifier())
    as_of: dt.date = attrs.field(metadata=kinds.date())
    measures: tuple[MeasureProgress, ...] = attrs.field(
        default=(),
        converter=_measure_progress,
        metadata=kinds.nested_tuple(MeasureProgress),
    )
    allocated: tuple[Money, ...] = attrs.field(
        default=(), converter=_amounts, metadata=kinds.nested_tuple(Money)
    )
    spent: tuple[Money, ...] = attrs.field(
        default=(), converter=_amounts, metadata=kinds.nested_tuple(Money)
    )

    def __attrs_post_init__(self) -> None:
        """Check every rule at once."""
        problems: Problems = []
        is_identifier(problems, field("plan"), self.plan)
        day_ok = is_date(problems, field("as_of"), self.as_of)
        path = field("measures")
        if is_tuple_of(problems, path, self.measures, MeasureProgress):
            has_unique_ids(problems, path, self.measures, "measure")
            if day_ok:
                for index, measure in enumerate(self.measures):
                    _by_as_of(problems, f"{path}[{index}]", measure, self.as_of)
        for name in ("allocated", "spent"):
            path = field(name)
            amounts = getattr(self, name)
            if is_tuple_of(problems, path, amounts, Money):
                currencies = [money.currency for money in amounts]
                if currencies != sorted(set(currencies)):
                    add(
                        problems,
                        path,
                        _ONE_AMOUNT_PER_CURRENCY,
                        "amounts come one per currency, in the order of the "
                        f"currency codes, not {', '.join(currencies)}",
                    )
        raise_if_any(problems)

    @property
    def overdue(self) -> frozenset[str]:
        """Ids of the measures whose period ended before `as_of` without completion.

        Example:
            >>> import datetime as dt
            >>> PlanProgress(plan="p", as_of=dt.date(2026, 1, 1)).overdue
            frozenset()
        """
        return frozenset(
            measure.id for measure in self.measures if measure.is_overdue(self.as_of)
        )

    def measure(self, measure_id: str) -> MeasureProgress | None:
        """The progress of one measure, or `None` if the snapshot has none.

        Example:
            >>> import datetime as dt
            >>> PlanProgress(plan="p", as_of=dt.date(2026, 1, 1)).measure("M-1") is None
            True
        """
        for measure in self.measures:
            if measure.id == measure_id:
                return measure
        return None

    @property
    def by_pillar(self) -> dict[Pillar, dict[MeasureStatus | None, int]]:
        """How many measures of each pillar have each status; `None` for not observed.

        Example:
            >>> from trafficking_model.examples import demonstration_plan
            >>> import datetime as dt
            >>> progress = demonstration_plan().progress(as_of=dt.date(2026, 6, 30))
            >>> progress.by_pillar[Pillar.PREVENTION]
            {<MeasureStatus.IN_PROGRESS: 'in_progress'>: 1}
        """
        counts: dict[Pillar, Counter[MeasureStatus | None]] = {}
        for measure in self.measures:
            counts.setdefault(measure.pillar, Counter())[measure.status] += 1
        return {pillar: dict(counter) for pillar, counter in counts.items()}

    @property
    def by_objective(self) -> dict[str | None, dict[MeasureStatus | None, int]]:
        """How many measures of each objective have each status; `None` for not observed.

        Measures of no objective count under the key `None`.

        Example:
            >>> from trafficking_model.examples import demonstration_plan
            >>> import datetime as dt
            >>> progress = demonstration_plan().progress(as_of=dt.date(2026, 6, 30))
            >>> progress.by_objective["XTA-O-2"]
            {<MeasureStatus.DELAYED: 'delayed'>: 1, <MeasureStatus.NOT_STARTED: 'not_started'>: 1}
        """
        counts: dict[str | None, Counter[MeasureStatus | None]] = {}
        for measure in self.measures:
            counts.setdefault(measure.objective, Counter())[measure.status] += 1
        return {objective: dict(counter) for objective, counter in counts.items()}


def _paired(
    problems: Problems, name: str, value: object, day_name: str, day: object
) -> None:
    if (value is None) != (day is None):
        given, missing = (name, day_name) if day is None else (day_name, name)
        add(
            problems,
            field(missing),
            _OBSERVATION_PAIR,
            f"{given} is given without {missing}: an observed value comes with its day",
        )


def _by_as_of(
    problems: Problems, path: str, measure: MeasureProgress, as_of: dt.date
) -> None:
    """Record every observation in `measure` dated after `as_of`."""
    days = [("status_since", measure.status_since)] + [
        (f"indicators[{index}].observed_on", indicator.observed_on)
        for index, indicator in enumerate(measure.indicators)
    ]
    for name, day in days:
        if day is not None and day > as_of:
            add(
                problems,
                f"{path}.{name}",
                _OBSERVED_BY_AS_OF,
                f"observed on {day}, after the snapshot's day {as_of}",
            )


# ---------------------------------------------------------------------------
# Comparing two snapshots


class StatusChange(NamedTuple):
    """A measure whose status differs between two snapshots.

    Example:
        >>> StatusChange("M-1", None, MeasureStatus.IN_PROGRESS).after.label
        'In progress'
    """

    measure: str
    before: MeasureStatus | None
    after: MeasureStatus | None


class IndicatorChange(NamedTuple):
    """An indicator whose latest value differs between two snapshots.

    Example:
        >>> IndicatorChange("M-1", "M-1.1", 45, 90).after
        90
    """

    measure: str
    indicator: str
    before: float | None
    after: float | None


_COMPARISON_ORDER = rule(
    "comparison_order",
    "`ReviewComparison.later` is not before `earlier`: a comparison runs forward in "
    "time.",
)


@owns(_COMPARISON_ORDER)
@attrs.frozen(kw_only=True)
class ReviewComparison:
    """What changed between two snapshots of a plan's progress.

    Make one with [`compare_reviews`][trafficking_model.compare_reviews].

    Attributes:
        earlier: The earlier snapshot.
        later: The later snapshot, as of the same day or after.

    Example:
        >>> from trafficking_model import compare_reviews
        >>> from trafficking_model.examples import demonstration_plan
        >>> first, second = demonstration_plan().reviews
        >>> comparison = compare_reviews(first, second)
        >>> comparison.new_measures, comparison.dropped_measures
        (('XTA-M-4',), ())
    """

    earlier: PlanProgress = attrs.field(metadata=kinds.nested(PlanProgress))
    later: PlanProgress = attrs.field(metadata=kinds.nested(PlanProgress))

    def __attrs_post_init__(self) -> None:
        """Check every rule at once."""
        problems: Problems = []
        earlier_ok = is_instance(problems, field("earlier"), self.earlier, PlanProgress)
        later_ok = is_instance(problems, field("later"), self.later, PlanProgress)
        if earlier_ok and later_ok and self.later.as_of < self.earlier.as_of:
            add(
                problems,
                field("later"),
                _COMPARISON_ORDER,
                f"the later snapshot ({self.later.as_of}) comes before the "
                f"earlier one ({self.earlier.as_of})",
            )
        raise_if_any(problems)

    @property
    def new_measures(self) -> tuple[str, ...]:
        """Ids of the measures only the later snapshot has, in its order.

        Example:
            >>> import datetime as dt
            >>> from trafficking_model import compare_reviews
            >>> earlier = PlanProgress(plan="p", as_of=dt.date(2026, 1, 1))
            >>> later = PlanProgress(plan="p", as_of=dt.date(2027, 1, 1), measures=(
            ...     MeasureProgress(id="M-1", title="t", pillar=Pillar.PROTECTION,
            ...                     due=dt.date(2027, 12, 31)),
            ... ))
            >>> compare_reviews(earlier, later).new_measures
            ('M-1',)
        """
        before = {measure.id for measure in self.earlier.measures}
        return tuple(m.id for m in self.later.measures if m.id not in before)

    @property
    def dropped_measures(self) -> tuple[str, ...]:
        """Ids of the measures only the earlier snapshot has, in its order.

        Example:
            >>> import datetime as dt
            >>> from trafficking_model import compare_reviews
            >>> earlier = PlanProgress(plan="p", as_of=dt.date(2026, 1, 1), measures=(
            ...     MeasureProgress(id="M-1", title="t", pillar=Pillar.PROTECTION,
            ...                     due=dt.date(2027, 12, 31)),
            ... ))
            >>> later = PlanProgress(plan="p", as_of=dt.date(2027, 1, 1))
            >>> compare_reviews(earlier, later).dropped_measures
            ('M-1',)
        """
        after = {measure.id for measure in self.later.measures}
        return tuple(m.id for m in self.earlier.measures if m.id not in after)

    @property
    def status_changes(self) -> tuple[StatusChange, ...]:
        """The measures in both snapshots whose status changed, in the later order.

        Example:
            >>> from trafficking_model import compare_reviews
            >>> from trafficking_model.examples import demonstration_plan
            >>> first, second = demonstration_plan().reviews
            >>> for change in compare_reviews(first, second).status_changes:
            ...     print(change.measure, change.before, "->", change.after)
            XTA-M-1 In progress -> Completed
            XTA-M-2 In progress -> Delayed
            XTA-M-3 Not started -> In progress
        """
        changes = []
        for measure in self.later.measures:
            before = self.earlier.measure(measure.id)
            if before is not None and before.status != measure.status:
                changes.append(StatusChange(measure.id, before.status, measure.status))
        return tuple(changes)

    @property
    def indicator_changes(self) -> tuple[IndicatorChange, ...]:
        """The indicators in both snapshots whose latest value moved, in the later order.

        An indicator first observed in the later snapshot moved from `None`.

        Example:
            >>> from trafficking_model import compare_reviews
            >>> from trafficking_model.examples import demonstration_plan
            >>> first, second = demonstration_plan().reviews
            >>> compare_reviews(first, second).indicator_changes
            (IndicatorChange(measure='XTA-M-1', indicator='XTA-M-1.1', before=45, after=120),)
        """
        changes: list[IndicatorChange] = []
        for measure in self.later.measures:
            earlier = self.earlier.measure(measure.id)
            if earlier is None:
                continue
            values = {indicator.id: indicator.value for indicator in earlier.indicators}
            changes.extend(
                IndicatorChange(
                    measure.id, indicator.id, values[indicator.id], indicator.value
                )
                for indicator in measure.indicators
                if indicator.id in values and values[indicator.id] != indicator.value
            )
        return tuple(changes)
