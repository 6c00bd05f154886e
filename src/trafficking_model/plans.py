"""National Action Plans: their measures, indicators and reviews."""

from __future__ import annotations

import datetime as dt

import attrs

from trafficking_model._validation import (
    Problems,
    add,
    field,
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
)
from trafficking_model.money import Money
from trafficking_model.periods import Period
from trafficking_model.stakeholders import Stakeholder
from trafficking_model.vocabularies import MeasureStatus, Pillar, ReviewKind

__all__ = ["Indicator", "Measure", "NationalActionPlan", "PlanReview"]


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

    id: str
    description: str
    unit: str
    baseline: float | None = None
    target: float | None = None

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
        status: How far it has got.
        budget: Money set aside for it, if any.

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

    id: str
    title: str
    pillar: Pillar
    responsible: frozenset[str]
    partners: frozenset[str] = frozenset()
    period: Period
    indicators: tuple[Indicator, ...] = ()
    status: MeasureStatus
    budget: Money | None = None

    def __attrs_post_init__(self) -> None:
        """Check every rule at once."""
        problems: Problems = []
        is_identifier(problems, field("id"), self.id)
        is_text(problems, field("title"), self.title)
        is_member(problems, field("pillar"), self.pillar, Pillar)
        path = field("responsible")
        if is_frozenset_of(problems, path, self.responsible, is_identifier) and (
            not self.responsible
        ):
            add(
                problems,
                path,
                "responsible_required",
                "a measure needs at least one responsible stakeholder",
            )
        is_frozenset_of(problems, field("partners"), self.partners, is_identifier)
        is_instance(problems, field("period"), self.period, Period)
        path = field("indicators")
        if is_tuple_of(problems, path, self.indicators, Indicator):
            has_unique_ids(problems, path, self.indicators, "indicator")
        is_member(problems, field("status"), self.status, MeasureStatus)
        if self.budget is not None:
            is_instance(problems, field("budget"), self.budget, Money)
        raise_if_any(problems)


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

    date: dt.date
    kind: ReviewKind
    participants: frozenset[str]
    organizer: str | None = None
    funder: str | None = None
    summary: str | None = None

    def __attrs_post_init__(self) -> None:
        """Check every rule at once."""
        problems: Problems = []
        is_date(problems, field("date"), self.date)
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


@attrs.frozen(kw_only=True)
class NationalActionPlan:
    """A country's National Action Plan (NAP) against trafficking in persons.

    A plan is consistent by construction: its stakeholders and measures have
    unique ids, every stakeholder a measure or review names belongs to the plan,
    and every measure and review falls within the plan's period.

    Attributes:
        id: Identifier of the plan.
        country: ISO 3166-1 alpha-3 code of the country.
        title: The plan's title.
        period: The years the plan covers.
        stakeholders: Every body the plan names, with unique ids.
        measures: Its measures, with unique ids.
        reviews: Reviews of its implementation.

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

    id: str
    country: str
    title: str
    period: Period
    stakeholders: tuple[Stakeholder, ...]
    measures: tuple[Measure, ...] = ()
    reviews: tuple[PlanReview, ...] = ()

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
        path = field("measures")
        if is_tuple_of(problems, path, self.measures, Measure):
            has_unique_ids(problems, path, self.measures, "measure")
            for index, measure in enumerate(self.measures):
                where = f"{path}[{index}]"
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
                        "within_plan_period",
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
                        "within_plan_period",
                        f"review date {review.date} is outside "
                        f"the plan period {self.period}",
                    )
        raise_if_any(problems)

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
                "known_stakeholder",
                f"{name!r} is not a stakeholder of the plan",
            )


_AFTER_THE_END = frozenset({ReviewKind.FINAL, ReviewKind.EVALUATION})


def _review_in_time(review: PlanReview, period: Period) -> bool:
    """A review falls within the plan, or after it for a final review or evaluation."""
    if period.contains(review.date):
        return True
    return review.date > period.end and review.kind in _AFTER_THE_END
