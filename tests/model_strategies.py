"""Hypothesis strategies for valid instances of every public model class.

Local to the serialization tests until the public `trafficking_model.strategies`
module lands. Every strategy builds valid data by construction: it draws the
parts, then derives the dependent counts, and never filters heavily.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

import trafficking_model as tm
from trafficking_model._validation import COUNTRY_CODES, CURRENCY_CODES
from trafficking_model.vocabularies import Disposition

countries = st.sampled_from(sorted(COUNTRY_CODES))
currencies = st.sampled_from(sorted(CURRENCY_CODES))
texts = st.text(min_size=1, max_size=20).filter(lambda text: text.strip() != "")
identifiers = st.text(min_size=1, max_size=12).map(str.strip).filter(bool)
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
counts = st.integers(min_value=0, max_value=10**6)


@st.composite
def periods(draw: st.DrawFn) -> tm.Period:
    first, second = sorted([draw(dates), draw(dates)])
    return tm.Period(start=first, end=second)


@st.composite
def periods_within(draw: st.DrawFn, outer: tm.Period) -> tm.Period:
    within = st.dates(min_value=outer.start, max_value=outer.end)
    first, second = sorted([draw(within), draw(within)])
    return tm.Period(start=first, end=second)


money = st.builds(
    tm.Money,
    amount=st.decimals(
        min_value=0, max_value=10**12, allow_nan=False, allow_infinity=False
    )
    | st.sampled_from([Decimal("150000.00"), Decimal("1E+2"), Decimal("-0")]),
    currency=currencies,
)

stakeholders = st.builds(
    tm.Stakeholder,
    id=identifiers,
    name=texts,
    kind=st.sampled_from(tm.StakeholderKind),
    country=st.none() | countries,
    acronym=st.none() | texts,
)

numbers = (
    st.none()
    | st.integers(-(10**9), 10**9)
    | st.floats(allow_nan=False, allow_infinity=False)
)

indicators = st.builds(
    tm.Indicator,
    id=identifiers,
    description=texts,
    unit=texts,
    baseline=numbers,
    target=numbers,
)


def _unique_by_id(items: list[Any]) -> tuple[Any, ...]:
    seen: dict[str, Any] = {}
    for item in items:
        seen.setdefault(item.id, item)
    return tuple(seen.values())


@st.composite
def measures(
    draw: st.DrawFn,
    period: tm.Period | None = None,
    stakeholder_ids: list[str] | None = None,
) -> tm.Measure:
    ids = st.sampled_from(stakeholder_ids) if stakeholder_ids else identifiers
    return tm.Measure(
        id=draw(identifiers),
        title=draw(texts),
        pillar=draw(st.sampled_from(tm.Pillar)),
        responsible=draw(st.frozensets(ids, min_size=1, max_size=3)),
        partners=draw(st.frozensets(ids, max_size=3)),
        period=draw(periods() if period is None else periods_within(period)),
        indicators=_unique_by_id(draw(st.lists(indicators, max_size=3))),
        status=draw(st.sampled_from(tm.MeasureStatus)),
        budget=draw(st.none() | money),
    )


@st.composite
def plan_reviews(
    draw: st.DrawFn,
    period: tm.Period | None = None,
    stakeholder_ids: list[str] | None = None,
) -> tm.PlanReview:
    ids = st.sampled_from(stakeholder_ids) if stakeholder_ids else identifiers
    day = dates if period is None else st.dates(period.start, period.end)
    return tm.PlanReview(
        date=draw(day),
        kind=draw(st.sampled_from(tm.ReviewKind)),
        participants=draw(st.frozensets(ids, max_size=4)),
        organizer=draw(st.none() | ids),
        funder=draw(st.none() | ids),
        summary=draw(st.none() | texts),
    )


@st.composite
def plans(draw: st.DrawFn) -> tm.NationalActionPlan:
    period = draw(periods())
    members = _unique_by_id(draw(st.lists(stakeholders, min_size=1, max_size=4)))
    ids = [member.id for member in members]
    return tm.NationalActionPlan(
        id=draw(identifiers),
        country=draw(countries),
        title=draw(texts),
        period=period,
        stakeholders=members,
        measures=_unique_by_id(draw(st.lists(measures(period, ids), max_size=3))),
        reviews=tuple(draw(st.lists(plan_reviews(period, ids), max_size=2))),
    )


@st.composite
def victims(draw: st.DrawFn) -> tm.Victim:
    age = draw(st.none() | st.integers(min_value=0, max_value=120))
    if age is None:
        group = draw(st.sampled_from(tm.AgeGroup))
    else:
        group = tm.AgeGroup.CHILD if age < tm.ADULT_AGE else tm.AgeGroup.ADULT
    return tm.Victim(
        id=draw(identifiers),
        sex=draw(st.sampled_from(tm.Sex)),
        age=age,
        age_group=group,
        citizenship=draw(st.none() | countries),
        exploitation=draw(
            st.frozensets(st.sampled_from(tm.ExploitationForm), min_size=1)
        ),
        identification=draw(st.sampled_from(tm.IdentificationStatus)),
        identified_on=draw(st.none() | dates),
        identified_by=draw(st.none() | identifiers),
    )


@st.composite
def defendants(draw: st.DrawFn) -> tm.Defendant:
    disposition = draw(st.sampled_from(Disposition))
    indicted = True if disposition.requires_indictment else draw(st.booleans())
    months = (
        draw(st.integers(min_value=1, max_value=600))
        if disposition is Disposition.IMPRISONMENT
        else None
    )
    return tm.Defendant(
        id=draw(identifiers),
        sex=draw(st.sampled_from(tm.Sex)),
        indicted=indicted,
        disposition=disposition,
        sentence_months=months,
    )


cases = st.builds(
    tm.Case,
    id=identifiers,
    offence=st.sampled_from(tm.OffenceType),
    registered_on=dates,
    legal_reference=st.none() | texts,
    victim_ids=st.frozensets(identifiers, max_size=4),
    defendants=st.lists(defendants(), max_size=4).map(_unique_by_id),
)


@st.composite
def _split(draw: st.DrawFn, total: int, parts: int) -> list[int]:
    cuts = sorted(draw(st.integers(0, total)) for _ in range(parts - 1))
    bounds = [0, *cuts, total]
    return [high - low for low, high in itertools.pairwise(bounds)]


@st.composite
def breakdowns(draw: st.DrawFn, vocabulary: Any, total: int) -> dict[Any, int]:
    """A breakdown that sums to `total`, or an empty one (not given)."""
    if draw(st.booleans()):
        return {}
    members = list(vocabulary)
    shares = draw(_split(total, len(members)))
    return {
        member: share
        for member, share in zip(members, shares, strict=True)
        if share or draw(st.booleans())
    }


@st.composite
def case_statistics(draw: st.DrawFn) -> tm.CaseStatistics:
    total = draw(counts)
    by_offence = draw(breakdowns(tm.OffenceType, total))
    if by_offence and draw(st.booleans()):
        return tm.CaseStatistics(by_offence=by_offence)
    return tm.CaseStatistics(by_offence=by_offence, total=total)


@st.composite
def prosecution_outcomes(draw: st.DrawFn) -> tm.ProsecutionOutcome:
    defendants_ = draw(counts)
    indicted = draw(st.integers(0, defendants_))
    sentenced, acquitted, _pending = draw(_split(indicted, 3))
    imprisonment, conditional, postponed, fined, _other = draw(_split(sentenced, 5))
    return tm.ProsecutionOutcome(
        defendants=defendants_,
        indicted=indicted,
        sentenced=sentenced,
        acquitted=acquitted,
        imprisonment=imprisonment,
        conditional=conditional,
        postponed=postponed,
        fined=fined,
    )


@st.composite
def victim_statistics(draw: st.DrawFn) -> tm.VictimStatistics:
    total = draw(st.integers(0, 10**5))
    exploitation: dict[Any, int] = {}
    if draw(st.booleans()):
        # Each form at most total, together at least total.
        exploitation = draw(breakdowns(tm.ExploitationForm, total))
        for form, count in list(exploitation.items()):
            exploitation[form] = min(total, count + draw(st.integers(0, total)))
    return tm.VictimStatistics(
        total=total,
        by_sex=draw(breakdowns(tm.Sex, total)),
        by_age_group=draw(breakdowns(tm.AgeGroup, total)),
        by_citizenship=draw(breakdowns(tm.CitizenshipCategory, total)),
        by_exploitation=exploitation,
    )


@st.composite
def law_enforcement_figures(
    draw: st.DrawFn, year: int | None = None
) -> tm.LawEnforcementFigures:
    totals = {
        name: draw(counts)
        for name in (
            "investigations",
            "prosecutions",
            "convictions",
            "victims_identified",
        )
    }
    labour = {
        f"labour_{name}": draw(st.none() | st.integers(0, total))
        for name, total in totals.items()
    }
    return tm.LawEnforcementFigures(
        year=draw(st.integers(1900, 2100)) if year is None else year,
        **totals,
        **labour,
    )


@st.composite
def country_reports(draw: st.DrawFn) -> tm.CountryReport:
    period = draw(periods())
    years = draw(st.lists(st.sampled_from(list(period.years)), unique=True, max_size=3))
    return tm.CountryReport(
        country=draw(countries),
        period=period,
        source=draw(texts),
        cases=draw(case_statistics()),
        prosecution=draw(prosecution_outcomes()),
        victims=draw(victim_statistics()),
        tip_tier=draw(st.none() | st.sampled_from(tm.TipTier)),
        law_enforcement=tuple(draw(law_enforcement_figures(year)) for year in years),
    )


STRATEGIES: dict[type[Any], st.SearchStrategy[Any]] = {
    tm.Period: periods(),
    tm.Money: money,
    tm.Stakeholder: stakeholders,
    tm.Indicator: indicators,
    tm.Measure: measures(),
    tm.PlanReview: plan_reviews(),
    tm.NationalActionPlan: plans(),
    tm.Victim: victims(),
    tm.Defendant: defendants(),
    tm.Case: cases,
    tm.CaseStatistics: case_statistics(),
    tm.ProsecutionOutcome: prosecution_outcomes(),
    tm.VictimStatistics: victim_statistics(),
    tm.LawEnforcementFigures: law_enforcement_figures(),
    tm.CountryReport: country_reports(),
}
"""A strategy of valid instances for every public model class."""

MODEL_CLASSES = list(STRATEGIES)


def json_values(max_leaves: int = 20) -> st.SearchStrategy[Any]:
    """Arbitrary JSON values: what `json.loads` can return."""
    scalars = (
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.text(max_size=10)
    )
    return st.recursive(
        scalars,
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(st.text(max_size=10), children, max_size=4)
        ),
        max_leaves=max_leaves,
    )
