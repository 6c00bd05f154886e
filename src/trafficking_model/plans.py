"""National Action Plans: their objectives, measures, indicators, observations and reviews."""

from __future__ import annotations

import datetime as dt
import typing
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from trafficking_model import _fields as kinds
from trafficking_model._rules import owns, rule
from trafficking_model._validation import (
    COUNTRY_CODE,
    FINITE,
    IDENTIFIER,
    NOT_BLANK,
    UNIQUE_IDS,
    Problems,
    add,
    as_given,
    field,
    freeze_set,
    freeze_tuple,
    has_unique_ids,
    is_country,
    is_date,
    is_frozenset_of,
    is_identifier,
    is_instance,
    is_member,
    is_number,
    is_text,
    is_tuple_of,
    raise_if_any,
    wrong_type,
)
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
from trafficking_model.stakeholders import Stakeholder
from trafficking_model.vocabularies import MeasureStatus, Pillar, ReviewKind

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable, Sequence

__all__ = [
    "BudgetLine",
    "Indicator",
    "Measure",
    "NationalActionPlan",
    "Objective",
    "PlanReview",
    "compare_reviews",
]


def _names(value: Iterable[str]) -> frozenset[str]:
    """Any iterable of names, stored as a frozenset (`freeze_set`)."""
    return typing.cast("frozenset[str]", freeze_set(value))


def _indicators(value: Iterable[Indicator]) -> tuple[Indicator, ...]:
    """Any ordered iterable of indicators, stored as a tuple (`freeze_tuple`)."""
    return typing.cast("tuple[Indicator, ...]", freeze_tuple(value))


def _budget_lines(value: Iterable[BudgetLine]) -> tuple[BudgetLine, ...]:
    """Any ordered iterable of budget lines, stored as a tuple (`freeze_tuple`)."""
    return typing.cast("tuple[BudgetLine, ...]", freeze_tuple(value))


def _stakeholders(value: Iterable[Stakeholder]) -> tuple[Stakeholder, ...]:
    """Any ordered iterable of stakeholders, stored as a tuple (`freeze_tuple`)."""
    return typing.cast("tuple[Stakeholder, ...]", freeze_tuple(value))


def _measures(value: Iterable[Measure]) -> tuple[Measure, ...]:
    """Any ordered iterable of measures, stored as a tuple (`freeze_tuple`)."""
    return typing.cast("tuple[Measure, ...]", freeze_tuple(value))


def _reviews(value: Iterable[PlanReview]) -> tuple[PlanReview, ...]:
    """Any ordered iterable of reviews, stored as a tuple (`freeze_tuple`)."""
    return typing.cast("tuple[PlanReview, ...]", freeze_tuple(value))


def _objectives(value: Iterable[Objective]) -> tuple[Objective, ...]:
    """Any ordered iterable of objectives, stored as a tuple (`freeze_tuple`)."""
    return typing.cast("tuple[Objective, ...]", freeze_tuple(value))


def _indicator_observations(
    value: Iterable[IndicatorObservation],
) -> tuple[IndicatorObservation, ...]:
    """Any ordered iterable of indicator observations, stored as a tuple (`freeze_tuple`)."""
    return typing.cast("tuple[IndicatorObservation, ...]", freeze_tuple(value))


def _status_observations(
    value: Iterable[StatusObservation],
) -> tuple[StatusObservation, ...]:
    """Any ordered iterable of status observations, stored as a tuple (`freeze_tuple`)."""
    return typing.cast("tuple[StatusObservation, ...]", freeze_tuple(value))


def _spending_observations(
    value: Iterable[SpendingObservation],
) -> tuple[SpendingObservation, ...]:
    """Any ordered iterable of spending observations, stored as a tuple (`freeze_tuple`)."""
    return typing.cast("tuple[SpendingObservation, ...]", freeze_tuple(value))


as_given(_names)
as_given(_indicators)
as_given(_budget_lines)
as_given(_stakeholders)
as_given(_measures)
as_given(_reviews)
as_given(_objectives)
as_given(_indicator_observations)
as_given(_status_observations)
as_given(_spending_observations)


@owns(IDENTIFIER, NOT_BLANK)
@attrs.frozen(kw_only=True)
class Objective:
    """An objective of a National Action Plan, which its measures serve.

    Attributes:
        id: Identifier, unique within the plan.
        title: What the objective aims at.

    Example:
        >>> Objective(id="O-1", title="Fewer people recruited into forced labour").id
        'O-1'
    """

    id: str = attrs.field(metadata=kinds.identifier())
    title: str = attrs.field(metadata=kinds.text())

    def __attrs_post_init__(self) -> None:
        """Check every rule at once."""
        problems: Problems = []
        is_identifier(problems, field("id"), self.id)
        is_text(problems, field("title"), self.title)
        raise_if_any(problems)


@owns(NOT_BLANK)
@attrs.frozen(kw_only=True)
class BudgetLine:
    """Money allocated to a measure from one funding source.

    What is spent is dated, and recorded apart as a
    [`SpendingObservation`][trafficking_model.SpendingObservation].

    Attributes:
        funding_source: Where the money comes from, such as `"State budget"`
            or a donor's name.
        allocated: The amount allocated.

    Example:
        >>> from decimal import Decimal
        >>> str(BudgetLine(
        ...     funding_source="State budget",
        ...     allocated=Money(amount=Decimal("100000.00"), currency="EUR"),
        ... ).allocated)
        '100000.00 EUR'
    """

    funding_source: str = attrs.field(metadata=kinds.text())
    allocated: Money = attrs.field(metadata=kinds.nested(Money))

    def __attrs_post_init__(self) -> None:
        """Check every rule at once."""
        problems: Problems = []
        is_text(problems, field("funding_source"), self.funding_source)
        is_instance(problems, field("allocated"), self.allocated, Money)
        raise_if_any(problems)


@owns(IDENTIFIER, NOT_BLANK, FINITE)
@attrs.frozen(kw_only=True)
class Indicator:
    """A measurable indicator of a measure's progress.

    Attributes:
        id: Identifier, unique within its measure.
        description: What is counted or measured.
        unit: The unit, such as `"trainings"` or `"percent"`.
        baseline: The value at the start, if known.
        target: The value aimed for, if set.

    Example:
        >>> Indicator(
        ...     id="1.1",
        ...     description="Labour inspectors trained on indicators of trafficking",
        ...     unit="inspectors",
        ...     baseline=0,
        ...     target=120,
        ... ).target
        120
    """

    id: str = attrs.field(metadata=kinds.identifier())
    description: str = attrs.field(metadata=kinds.text())
    unit: str = attrs.field(metadata=kinds.text())
    baseline: float | None = attrs.field(
        default=None, metadata=kinds.number(optional=True)
    )
    target: float | None = attrs.field(
        default=None, metadata=kinds.number(optional=True)
    )

    def __attrs_post_init__(self) -> None:
        """Check every rule at once."""
        problems: Problems = []
        is_identifier(problems, field("id"), self.id)
        is_text(problems, field("description"), self.description)
        is_text(problems, field("unit"), self.unit)
        if self.baseline is not None:
            is_number(problems, field("baseline"), self.baseline)
        if self.target is not None:
            is_number(problems, field("target"), self.target)
        raise_if_any(problems)


_RESPONSIBLE_REQUIRED = rule(
    "responsible_required",
    "`Measure.responsible` names at least one stakeholder: a measure nobody is "
    "responsible for cannot be followed up.",
)


@owns(IDENTIFIER, NOT_BLANK, _RESPONSIBLE_REQUIRED, UNIQUE_IDS)
@attrs.frozen(kw_only=True)
class Measure:
    """One measure of a National Action Plan and the bodies responsible for it.

    Attributes:
        id: Identifier, unique within the plan.
        title: What the measure does.
        pillar: The pillar it serves.
        responsible: Ids of the stakeholders responsible; at least one.
        partners: Ids of the stakeholders that take part.
        period: When it is to be carried out, inside the plan's period.
        indicators: Its indicators, with unique ids.
        status: How far it has got, as the plan states it without a date, if
            it does; dated statuses are `StatusObservation`s of the plan, and
            only those count for its progress.
        budget: Money set aside for it, if any, as one total.
        objective: Id of the objective of the plan it serves, if the plan has
            objectives.
        budget_lines: Money allocated to it, one line per funding source.

    Example:
        >>> measure = Measure(
        ...     id="M-1",
        ...     title="Train labour inspectors to identify forced labour",
        ...     pillar=Pillar.PREVENTION,
        ...     responsible=frozenset({"labour-ministry"}),
        ...     period=Period.from_years(2021, 2022),
        ...     status=MeasureStatus.IN_PROGRESS,
        ... )
        >>> measure.pillar.label
        'Prevention'
        >>> attrs.evolve(measure, responsible=frozenset())
        Traceback (most recent call last):
        ...
        trafficking_model.errors.ValidationError: $.responsible: a measure needs at least one responsible stakeholder
    """

    id: str = attrs.field(metadata=kinds.identifier())
    title: str = attrs.field(metadata=kinds.text())
    pillar: Pillar = attrs.field(metadata=kinds.member(Pillar))
    responsible: frozenset[str] = attrs.field(
        converter=_names, metadata=kinds.identifiers(at_least=1)
    )
    partners: frozenset[str] = attrs.field(
        default=frozenset(), converter=_names, metadata=kinds.identifiers()
    )
    period: Period = attrs.field(metadata=kinds.nested(Period))
    indicators: tuple[Indicator, ...] = attrs.field(
        default=(), converter=_indicators, metadata=kinds.nested_tuple(Indicator)
    )
    status: MeasureStatus | None = attrs.field(
        default=None, metadata=kinds.member(MeasureStatus, optional=True)
    )
    budget: Money | None = attrs.field(
        default=None, metadata=kinds.nested(Money, optional=True)
    )
    objective: str | None = attrs.field(
        default=None, metadata=kinds.identifier(optional=True)
    )
    budget_lines: tuple[BudgetLine, ...] = attrs.field(
        default=(), converter=_budget_lines, metadata=kinds.nested_tuple(BudgetLine)
    )

    def __attrs_post_init__(self) -> None:
        """Check every rule at once."""
        problems: Problems = []
        is_identifier(problems, field("id"), self.id)
        is_text(problems, field("title"), self.title)
        if self.objective is not None:
            is_identifier(problems, field("objective"), self.objective)
        is_tuple_of(problems, field("budget_lines"), self.budget_lines, BudgetLine)
        is_member(problems, field("pillar"), self.pillar, Pillar)
        path = field("responsible")
        if is_frozenset_of(problems, path, self.responsible, is_identifier) and (
            not self.responsible
        ):
            add(
                problems,
                path,
                _RESPONSIBLE_REQUIRED,
                "a measure needs at least one responsible stakeholder",
            )
        is_frozenset_of(problems, field("partners"), self.partners, is_identifier)
        is_instance(problems, field("period"), self.period, Period)
        path = field("indicators")
        if is_tuple_of(problems, path, self.indicators, Indicator):
            has_unique_ids(problems, path, self.indicators, "indicator")
        if self.status is not None:
            is_member(problems, field("status"), self.status, MeasureStatus)
        if self.budget is not None:
            is_instance(problems, field("budget"), self.budget, Money)
        raise_if_any(problems)


_SNAPSHOT_DATE = rule(
    "snapshot_date",
    "`PlanReview.progress` is a snapshot as of the review's own day.",
)


@owns(IDENTIFIER, NOT_BLANK, _SNAPSHOT_DATE)
@attrs.frozen(kw_only=True)
class PlanReview:
    """A review of a plan's implementation, such as a mid-term review.

    Attributes:
        date: The day it took place: inside the plan's period, or after its
            end for a final review or an evaluation.
        kind: Mid-term, annual, final, or an evaluation.
        participants: Ids of the stakeholders that took part.
        organizer: Id of the stakeholder that organised it, if known.
        funder: Id of the stakeholder that funded it, if known.
        summary: A short account of it, if any.
        progress: The plan's progress as of the review's day, if recorded:
            a snapshot that [`compare_reviews`][trafficking_model.compare_reviews]
            can compare with another review's.

    Example:
        >>> import datetime as dt
        >>> review = PlanReview(
        ...     date=dt.date(2022, 10, 4),
        ...     kind=ReviewKind.MID_TERM,
        ...     participants=frozenset({"interior-ministry", "iom"}),
        ...     organizer="iom",
        ... )
        >>> review.kind.label
        'Mid-term review'
    """

    date: dt.date = attrs.field(metadata=kinds.date())
    kind: ReviewKind = attrs.field(metadata=kinds.member(ReviewKind))
    participants: frozenset[str] = attrs.field(
        converter=_names, metadata=kinds.identifiers()
    )
    organizer: str | None = attrs.field(
        default=None, metadata=kinds.identifier(optional=True)
    )
    funder: str | None = attrs.field(
        default=None, metadata=kinds.identifier(optional=True)
    )
    summary: str | None = attrs.field(default=None, metadata=kinds.text(optional=True))
    progress: PlanProgress | None = attrs.field(
        default=None, metadata=kinds.nested(PlanProgress, optional=True)
    )

    def __attrs_post_init__(self) -> None:
        """Check every rule at once."""
        problems: Problems = []
        day_ok = is_date(problems, field("date"), self.date)
        if (
            self.progress is not None
            and is_instance(problems, field("progress"), self.progress, PlanProgress)
            and day_ok
            and self.progress.as_of != self.date
        ):
            add(
                problems,
                field("progress.as_of"),
                _SNAPSHOT_DATE,
                f"the snapshot is as of {self.progress.as_of}, not the review's "
                f"day {self.date}",
            )
        is_member(problems, field("kind"), self.kind, ReviewKind)
        is_frozenset_of(
            problems, field("participants"), self.participants, is_identifier
        )
        if self.organizer is not None:
            is_identifier(problems, field("organizer"), self.organizer)
        if self.funder is not None:
            is_identifier(problems, field("funder"), self.funder)
        if self.summary is not None:
            is_text(problems, field("summary"), self.summary)
        raise_if_any(problems)

    @property
    def stakeholder_ids(self) -> frozenset[str]:
        """Every stakeholder id this review refers to.

        Example:
            >>> import datetime as dt
            >>> sorted(
            ...     PlanReview(
            ...         date=dt.date(2022, 10, 4),
            ...         kind=ReviewKind.ANNUAL,
            ...         participants=frozenset({"a"}),
            ...         funder="b",
            ...     ).stakeholder_ids
            ... )
            ['a', 'b']
        """
        named = {self.organizer, self.funder} - {None}
        return self.participants | {name for name in named if name is not None}


_KNOWN_STAKEHOLDER = rule(
    "known_stakeholder",
    "A measure's `responsible` and `partners` and a review's `participants`, "
    "`organizer` and `funder` are stakeholders of the plan: any other id is a typing "
    "error or a missing stakeholder.",
)
_KNOWN_OBJECTIVE = rule(
    "known_objective",
    "`Measure.objective`, in a plan, is one of the plan's objectives.",
)
_WITHIN_PLAN_PERIOD = rule(
    "within_plan_period",
    "A measure's `period`, and a review's `date` unless a final review or an "
    "evaluation after the plan's end, lie within the plan's period: the plan covers "
    "only its own years, and a review of the whole plan comes when it has ended.",
)
_UNIQUE_OBSERVATION = rule(
    "unique_observation",
    "A plan has one observation of the same thing on the same day: two would "
    "contradict each other, and a newer one supersedes an older one only from a later "
    "day.",
)
_KNOWN_MEASURE = rule(
    "known_measure",
    "The `measure` of every observation of a plan is one of the plan's measures.",
)
_KNOWN_INDICATOR = rule(
    "known_indicator",
    "`IndicatorObservation.indicator`, in a plan, is one of the measure's indicators.",
)


@owns(
    IDENTIFIER,
    NOT_BLANK,
    COUNTRY_CODE,
    UNIQUE_IDS,
    _KNOWN_STAKEHOLDER,
    _WITHIN_PLAN_PERIOD,
    _KNOWN_OBJECTIVE,
    _KNOWN_MEASURE,
    _KNOWN_INDICATOR,
    _UNIQUE_OBSERVATION,
)
@attrs.frozen(kw_only=True)
class NationalActionPlan:
    """A country's National Action Plan (NAP) against trafficking in persons.

    A plan is consistent by construction: its stakeholders, objectives and
    measures have unique ids, every stakeholder a measure or review names
    belongs to the plan, every objective a measure names is one of the plan's,
    every observation is of a measure (and indicator) of the plan, with one
    observation of a thing per day, and every measure and review falls within
    the plan's period.

    Attributes:
        id: Identifier of the plan.
        country: ISO 3166-1 alpha-3 code of the country.
        title: The plan's title.
        period: The years the plan covers.
        stakeholders: Every body the plan names, with unique ids.
        measures: Its measures, with unique ids.
        reviews: Reviews of its implementation.
        objectives: Its objectives, with unique ids; each measure names the
            one it serves.
        indicator_observations: Dated values of its measures' indicators.
        status_observations: Dated statuses of its measures.
        spending_observations: Dated spending on its measures.

    Example:
        >>> import datetime as dt
        >>> from trafficking_model import Stakeholder, StakeholderKind
        >>> ministry = Stakeholder(
        ...     id="ministry", name="Ministry of Labour", kind=StakeholderKind.MINISTRY
        ... )
        >>> plan = NationalActionPlan(
        ...     id="ATL-NAP-1",
        ...     country="ATA",
        ...     title="Fictional plan",
        ...     period=Period.from_years(2025, 2027),
        ...     stakeholders=(ministry,),
        ...     reviews=(
        ...         PlanReview(
        ...             date=dt.date(2026, 3, 1),
        ...             kind=ReviewKind.ANNUAL,
        ...             participants=frozenset({"ministry", "police"}),
        ...         ),
        ...     ),
        ... )
        Traceback (most recent call last):
        ...
        trafficking_model.errors.ValidationError: $.reviews[0].participants: 'police' is not a stakeholder of the plan
    """

    id: str = attrs.field(metadata=kinds.identifier())
    country: str = attrs.field(metadata=kinds.country())
    title: str = attrs.field(metadata=kinds.text())
    period: Period = attrs.field(metadata=kinds.nested(Period))
    stakeholders: tuple[Stakeholder, ...] = attrs.field(
        converter=_stakeholders, metadata=kinds.nested_tuple(Stakeholder)
    )
    measures: tuple[Measure, ...] = attrs.field(
        default=(), converter=_measures, metadata=kinds.nested_tuple(Measure)
    )
    reviews: tuple[PlanReview, ...] = attrs.field(
        default=(), converter=_reviews, metadata=kinds.nested_tuple(PlanReview)
    )
    objectives: tuple[Objective, ...] = attrs.field(
        default=(), converter=_objectives, metadata=kinds.nested_tuple(Objective)
    )
    indicator_observations: tuple[IndicatorObservation, ...] = attrs.field(
        default=(),
        converter=_indicator_observations,
        metadata=kinds.nested_tuple(IndicatorObservation),
    )
    status_observations: tuple[StatusObservation, ...] = attrs.field(
        default=(),
        converter=_status_observations,
        metadata=kinds.nested_tuple(StatusObservation),
    )
    spending_observations: tuple[SpendingObservation, ...] = attrs.field(
        default=(),
        converter=_spending_observations,
        metadata=kinds.nested_tuple(SpendingObservation),
    )

    def __attrs_post_init__(self) -> None:
        """Check every rule at once."""
        problems: Problems = []
        is_identifier(problems, field("id"), self.id)
        is_country(problems, field("country"), self.country)
        is_text(problems, field("title"), self.title)
        period_ok = is_instance(problems, field("period"), self.period, Period)
        path = field("stakeholders")
        known: frozenset[str] | None = None
        if is_tuple_of(problems, path, self.stakeholders, Stakeholder):
            has_unique_ids(problems, path, self.stakeholders, "stakeholder")
            known = frozenset(stakeholder.id for stakeholder in self.stakeholders)
        path = field("objectives")
        objectives: frozenset[str] | None = None
        if is_tuple_of(problems, path, self.objectives, Objective):
            has_unique_ids(problems, path, self.objectives, "objective")
            objectives = frozenset(objective.id for objective in self.objectives)
        path = field("measures")
        measures_ok = is_tuple_of(problems, path, self.measures, Measure)
        if measures_ok:
            has_unique_ids(problems, path, self.measures, "measure")
            for index, measure in enumerate(self.measures):
                where = f"{path}[{index}]"
                if (
                    objectives is not None
                    and measure.objective is not None
                    and measure.objective not in objectives
                ):
                    add(
                        problems,
                        f"{where}.objective",
                        _KNOWN_OBJECTIVE,
                        f"{measure.objective!r} is not an objective of the plan",
                    )
                if known is not None:
                    _refers_to_known(
                        problems, f"{where}.responsible", measure.responsible, known
                    )
                    _refers_to_known(
                        problems, f"{where}.partners", measure.partners, known
                    )
                if period_ok and not self.period.contains_period(measure.period):
                    add(
                        problems,
                        f"{where}.period",
                        _WITHIN_PLAN_PERIOD,
                        f"measure period {measure.period} is outside "
                        f"the plan period {self.period}",
                    )
        path = field("reviews")
        if is_tuple_of(problems, path, self.reviews, PlanReview):
            for index, review in enumerate(self.reviews):
                where = f"{path}[{index}]"
                if known is not None:
                    _refers_to_known(
                        problems, f"{where}.participants", review.participants, known
                    )
                    for role in ("organizer", "funder"):
                        named = getattr(review, role)
                        if named is not None:
                            _refers_to_known(
                                problems, f"{where}.{role}", (named,), known
                            )
                if period_ok and not _review_in_time(review, self.period):
                    add(
                        problems,
                        f"{where}.date",
                        _WITHIN_PLAN_PERIOD,
                        f"review date {review.date} is outside "
                        f"the plan period {self.period}",
                    )
        self._check_observations(problems, self.measures if measures_ok else None)
        raise_if_any(problems)

    def _check_observations(
        self, problems: Problems, measures: tuple[Measure, ...] | None
    ) -> None:
        """Every observation is of a known measure and indicator, one per day."""
        indicators: dict[str, set[str]] | None = None
        if measures is not None:
            indicators = {}
            for measure in measures:  # a repeated id is reported on its own
                indicators.setdefault(measure.id, set()).update(
                    indicator.id for indicator in measure.indicators
                )
        kinds: tuple[tuple[str, tuple[object, ...], type, str], ...] = (
            (
                "indicator_observations",
                self.indicator_observations,
                IndicatorObservation,
                "value of the same indicator",
            ),
            (
                "status_observations",
                self.status_observations,
                StatusObservation,
                "status of the same measure",
            ),
            (
                "spending_observations",
                self.spending_observations,
                SpendingObservation,
                "spending of the same measure and funding source",
            ),
        )
        for name, observations, cls, what in kinds:
            path = field(name)
            if not is_tuple_of(problems, path, observations, cls):
                continue
            seen: dict[Hashable, int] = {}
            checked = typing.cast("tuple[Observation, ...]", observations)
            for index, observation in enumerate(checked):
                where = f"{path}[{index}]"
                key = _observed_thing(observation)
                first = seen.setdefault((key, _day_of(observation)), index)
                if first != index:
                    add(
                        problems,
                        f"{where}.date",
                        _UNIQUE_OBSERVATION,
                        f"a second {what} on {_day_of(observation)}, as at [{first}]",
                    )
                if indicators is None:
                    continue
                measure_id = key[0]
                if measure_id not in indicators:
                    add(
                        problems,
                        f"{where}.measure",
                        _KNOWN_MEASURE,
                        f"{measure_id!r} is not a measure of the plan",
                    )
                elif (
                    isinstance(observation, IndicatorObservation)
                    and observation.indicator not in indicators[measure_id]
                ):
                    add(
                        problems,
                        f"{where}.indicator",
                        _KNOWN_INDICATOR,
                        f"{observation.indicator!r} is not an indicator of "
                        f"measure {measure_id!r}",
                    )

    def progress(self, *, as_of: dt.date) -> PlanProgress:
        """The plan's progress as of a day, from the observations dated by then.

        For each measure: its latest status observed on or before `as_of`
        (`None` if none), and for each of its indicators the latest value
        observed on or before `as_of` (`None` if none), with its distance to
        the target and the share of the way from baseline to target. A
        measure whose period ended before `as_of` without an observed
        completion is overdue. The budget allocated is the sum of the
        measures' budget lines (or their `budget`, for a measure with no
        lines), and the money spent the sum of the latest spending observed
        by `as_of` for each measure and funding source, per currency.

        Nothing observed after `as_of` is used.

        Args:
            as_of: The day of the snapshot.

        Returns:
            The snapshot.

        Raises:
            ValidationError: If `as_of` is not a `datetime.date`.

        Example:
            >>> import datetime as dt
            >>> from trafficking_model.examples import demonstration_plan
            >>> progress = demonstration_plan().progress(as_of=dt.date(2025, 12, 31))
            >>> [(m.id, m.status and m.status.label) for m in progress.measures]
            [('XTA-M-1', 'In progress'), ('XTA-M-2', 'In progress'), ('XTA-M-3', 'Not started'), ('XTA-M-4', None)]
            >>> progress.measures[0].indicators[0].share
            0.375
        """
        problems: Problems = []
        is_date(problems, "$.as_of", as_of)
        raise_if_any(problems)
        statuses = _latest(self.status_observations, as_of)
        values = _latest(self.indicator_observations, as_of)
        spending = _latest(self.spending_observations, as_of)
        measures = []
        allocated: dict[str, Decimal] = defaultdict(Decimal)
        for measure in self.measures:
            status = statuses.get((measure.id,))
            indicators = []
            for indicator in measure.indicators:
                value = values.get((measure.id, indicator.id))
                indicators.append(
                    IndicatorProgress(
                        id=indicator.id,
                        unit=indicator.unit,
                        baseline=indicator.baseline,
                        target=indicator.target,
                        value=None if value is None else value.value,
                        observed_on=None if value is None else value.date,
                    )
                )
            measures.append(
                MeasureProgress(
                    id=measure.id,
                    title=measure.title,
                    pillar=measure.pillar,
                    objective=measure.objective,
                    due=measure.period.end,
                    status=None if status is None else status.status,
                    status_since=None if status is None else status.date,
                    indicators=tuple(indicators),
                )
            )
            lines = [line.allocated for line in measure.budget_lines]
            if not lines and measure.budget is not None:
                lines = [measure.budget]
            for money in lines:
                allocated[money.currency] += money.amount
        spent: dict[str, Decimal] = defaultdict(Decimal)
        for observation in spending.values():
            spent[observation.spent.currency] += observation.spent.amount
        return PlanProgress(
            plan=self.id,
            as_of=as_of,
            measures=tuple(measures),
            allocated=_amounts(allocated),
            spent=_amounts(spent),
        )

    def stakeholder(self, stakeholder_id: str) -> Stakeholder | None:
        """Find a stakeholder of the plan by its id.

        Args:
            stakeholder_id: The id to look for.

        Returns:
            The stakeholder, or `None` if the plan has none with that id.

        Example:
            >>> from trafficking_model.examples import azerbaijan_nap_2020_2024
            >>> azerbaijan_nap_2020_2024().stakeholder("iom").name
            'International Organization for Migration'
        """
        for stakeholder in self.stakeholders:
            if stakeholder.id == stakeholder_id:
                return stakeholder
        return None


def _refers_to_known(
    problems: Problems,
    path: str,
    ids: frozenset[str] | tuple[str, ...],
    known: frozenset[str],
) -> None:
    for name in sorted(ids):
        if name not in known:
            add(
                problems,
                path,
                _KNOWN_STAKEHOLDER,
                f"{name!r} is not a stakeholder of the plan",
            )


_AFTER_THE_END = frozenset({ReviewKind.FINAL, ReviewKind.EVALUATION})


def _review_in_time(review: PlanReview, period: Period) -> bool:
    """A review falls within the plan, or after it for a final review or evaluation."""
    if period.contains(review.date):
        return True
    return review.date > period.end and review.kind in _AFTER_THE_END


Observation = IndicatorObservation | StatusObservation | SpendingObservation
Seen = typing.TypeVar(
    "Seen", IndicatorObservation, StatusObservation, SpendingObservation
)


def _observed_thing(observation: Observation) -> tuple[str, ...]:
    """What an observation is of: a newer one of the same thing supersedes it."""
    if isinstance(observation, IndicatorObservation):
        return (observation.measure, observation.indicator)
    if isinstance(observation, SpendingObservation):
        return (observation.measure, observation.funding_source)
    return (observation.measure,)


def _day_of(observation: Observation) -> dt.date:
    return observation.date


def _latest(
    observations: Sequence[Seen], as_of: dt.date
) -> dict[tuple[str, ...], Seen]:
    """The latest observation of each thing dated on or before `as_of`."""
    latest: dict[tuple[str, ...], Seen] = {}
    for observation in observations:
        if observation.date > as_of:
            continue
        key = _observed_thing(observation)
        known = latest.get(key)
        if known is None or known.date < observation.date:
            latest[key] = observation
    return latest


def _amounts(sums: dict[str, Decimal]) -> tuple[Money, ...]:
    return tuple(
        Money(amount=sums[currency], currency=currency) for currency in sorted(sums)
    )


def compare_reviews(
    earlier: PlanReview | PlanProgress, later: PlanReview | PlanProgress
) -> ReviewComparison:
    """Compare two reviews' snapshots of a plan's progress.

    Args:
        earlier: The earlier review, or its snapshot.
        later: The later review, or its snapshot.

    Returns:
        The comparison: measures new in the later snapshot or dropped from
        it, measures whose status changed, and indicators that moved.

    Raises:
        ValidationError: If either is not a review with a snapshot nor a
            snapshot (`type`), or `later` is dated before `earlier`
            (`comparison_order`).

    Example:
        >>> from trafficking_model.examples import demonstration_plan
        >>> first, second = demonstration_plan().reviews
        >>> comparison = compare_reviews(first, second)
        >>> [change.measure for change in comparison.status_changes]
        ['XTA-M-1', 'XTA-M-2', 'XTA-M-3']
    """
    problems: Problems = []
    snapshots = []
    for name, review in (("earlier", earlier), ("later", later)):
        snapshot = review.progress if isinstance(review, PlanReview) else review
        if not isinstance(snapshot, PlanProgress):
            path = (
                f"$.{name}.progress" if isinstance(review, PlanReview) else f"$.{name}"
            )
            wrong_type(problems, path, snapshot, "PlanProgress")
        snapshots.append(snapshot)
    raise_if_any(problems)
    first, second = snapshots
    return ReviewComparison(
        earlier=typing.cast("PlanProgress", first),
        later=typing.cast("PlanProgress", second),
    )
