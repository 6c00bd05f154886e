"""Monitoring a plan over time: observations, progress as of a day, review
snapshots and their comparison, with the acceptance tests of issue 14."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from profiles import examples
from serialization_helpers import only_problem
from trafficking_model import (
    BudgetLine,
    IndicatorChange,
    IndicatorObservation,
    IndicatorProgress,
    MeasureProgress,
    MeasureStatus,
    Money,
    NationalActionPlan,
    Pillar,
    PlanProgress,
    ReviewComparison,
    SpendingObservation,
    StatusChange,
    StatusObservation,
    ValidationError,
    compare_reviews,
    from_json,
    to_json,
)
from trafficking_model import strategies as tms
from trafficking_model.examples import azerbaijan_nap_2020_2024, demonstration_plan

D = dt.date
IN_PROGRESS = MeasureStatus.IN_PROGRESS
NOT_STARTED = MeasureStatus.NOT_STARTED
DELAYED = MeasureStatus.DELAYED
COMPLETED = MeasureStatus.COMPLETED


def _eur(amount: str) -> Money:
    return Money(amount=Decimal(amount), currency="EUR")


# Acceptance: the demonstration plan's progress at three days, worked out by
# hand from its observations (see examples.demonstration_plan):
#
# statuses   M-1 in progress 2025-03-01, completed 2026-11-15
#            M-2 in progress 2025-02-01, delayed 2026-02-01 (due 2025-12-31)
#            M-3 not started 2025-12-01, in progress 2026-09-01
#            M-4 none (added later; due 2027-12-31)
# M-1.1      0 -> 120 inspectors: 20 on 2025-06-30, 45 on 2025-12-31,
#            90 on 2026-06-30, 120 on 2026-11-15
# M-2.1      0 -> 20 beds: 10 on 2025-10-01
# spent      M-1 state 30000 (2025-12-31), 70000 (2026-06-30); M-1 donor 25000
#            (2026-06-30); M-2 state 60000 (2025-12-31)
# allocated  M-1 100000 + 50000, M-2 80000, M-4 20000 (its one budget)
HAND_WORKED = [
    pytest.param(
        D(2025, 12, 31),
        {
            "XTA-M-1": (IN_PROGRESS, D(2025, 3, 1)),
            "XTA-M-2": (IN_PROGRESS, D(2025, 2, 1)),
            "XTA-M-3": (NOT_STARTED, D(2025, 12, 1)),
            "XTA-M-4": (None, None),
        },
        set(),  # M-2 is due on the day itself: not yet overdue
        {
            "XTA-M-1.1": (45, D(2025, 12, 31), 75, 45 / 120),
            "XTA-M-2.1": (10, D(2025, 10, 1), 10, 0.5),
        },
        "90000.00",
        id="2025-12-31",
    ),
    pytest.param(
        D(2026, 6, 30),
        {
            "XTA-M-1": (IN_PROGRESS, D(2025, 3, 1)),
            "XTA-M-2": (DELAYED, D(2026, 2, 1)),
            "XTA-M-3": (NOT_STARTED, D(2025, 12, 1)),
            "XTA-M-4": (None, None),
        },
        {"XTA-M-2"},
        {
            "XTA-M-1.1": (90, D(2026, 6, 30), 30, 0.75),
            "XTA-M-2.1": (10, D(2025, 10, 1), 10, 0.5),
        },
        "155000.00",
        id="2026-06-30",
    ),
    pytest.param(
        D(2027, 1, 20),
        {
            "XTA-M-1": (COMPLETED, D(2026, 11, 15)),
            "XTA-M-2": (DELAYED, D(2026, 2, 1)),
            "XTA-M-3": (IN_PROGRESS, D(2026, 9, 1)),
            "XTA-M-4": (None, None),
        },
        {"XTA-M-2"},  # M-1's period ended too, but it was completed
        {
            "XTA-M-1.1": (120, D(2026, 11, 15), 0, 1.0),
            "XTA-M-2.1": (10, D(2025, 10, 1), 10, 0.5),
        },
        "155000.00",
        id="2027-01-20",
    ),
]


@pytest.mark.parametrize(
    ("as_of", "statuses", "overdue", "indicators", "spent"), HAND_WORKED
)
def test_demonstration_plan_progress_as_worked_out_by_hand(
    as_of: dt.date,
    statuses: dict[str, tuple[MeasureStatus | None, dt.date | None]],
    overdue: set[str],
    indicators: dict[str, tuple[float, dt.date, float, float]],
    spent: str,
) -> None:
    progress = demonstration_plan().progress(as_of=as_of)
    assert progress.plan == "XTA-NAP-1"
    assert progress.as_of == as_of
    assert {m.id: (m.status, m.status_since) for m in progress.measures} == statuses
    assert progress.overdue == overdue
    found = {
        i.id: (i.value, i.observed_on, i.distance, i.share)
        for m in progress.measures
        for i in m.indicators
    }
    assert found == indicators
    assert progress.allocated == (_eur("250000.00"),)
    assert progress.spent == (_eur(spent),)


def test_counts_by_pillar_and_objective() -> None:
    progress = demonstration_plan().progress(as_of=D(2026, 6, 30))
    assert progress.by_pillar == {
        Pillar.PREVENTION: {IN_PROGRESS: 1},
        Pillar.PROTECTION: {DELAYED: 1, NOT_STARTED: 1},
        Pillar.PARTNERSHIP: {None: 1},
    }
    assert progress.by_objective == {
        "XTA-O-1": {IN_PROGRESS: 1, None: 1},
        "XTA-O-2": {DELAYED: 1, NOT_STARTED: 1},
    }


def test_before_any_observation_nothing_is_reported() -> None:
    progress = demonstration_plan().progress(as_of=D(2025, 1, 1))
    assert all(m.status is None and m.status_since is None for m in progress.measures)
    assert all(
        i.value is None and i.share is None and i.distance is None
        for m in progress.measures
        for i in m.indicators
    )
    assert progress.spent == ()
    assert progress.overdue == frozenset()


# Acceptance: comparing the two reviews lists exactly the changes between them.


def test_comparing_the_two_reviews_lists_exactly_the_changes() -> None:
    first, second = demonstration_plan().reviews
    comparison = compare_reviews(first, second)
    assert comparison == ReviewComparison(earlier=first.progress, later=second.progress)
    assert comparison.new_measures == ("XTA-M-4",)
    assert comparison.dropped_measures == ()
    assert comparison.status_changes == (
        StatusChange("XTA-M-1", IN_PROGRESS, COMPLETED),
        StatusChange("XTA-M-2", IN_PROGRESS, DELAYED),
        StatusChange("XTA-M-3", NOT_STARTED, IN_PROGRESS),
    )
    assert comparison.indicator_changes == (
        IndicatorChange("XTA-M-1", "XTA-M-1.1", 45, 120),
    )
    assert compare_reviews(first.progress, second.progress) == comparison
    backwards = compare_reviews(second.progress, second.progress)
    assert backwards.status_changes == backwards.indicator_changes == ()


def test_a_measure_dropped_between_snapshots() -> None:
    first, second = demonstration_plan().reviews
    assert second.progress is not None
    later = attrs.evolve(second.progress, measures=second.progress.measures[1:])
    comparison = compare_reviews(first, later)
    assert comparison.dropped_measures == ("XTA-M-1",)
    assert comparison.new_measures == ("XTA-M-4",)
    assert [change.measure for change in comparison.status_changes] == [
        "XTA-M-2",
        "XTA-M-3",
    ]
    assert comparison.indicator_changes == ()


def test_compare_reviews_needs_snapshots_in_order() -> None:
    plan = demonstration_plan()
    first, second = plan.reviews
    without = attrs.evolve(first, progress=None)
    assert only_problem(lambda: compare_reviews(without, second)) == (
        "$.earlier.progress",
        "type",
        "expected PlanProgress, got NoneType",
    )
    assert only_problem(lambda: compare_reviews(first, "later"))[:2] == (  # type: ignore[arg-type]
        "$.later",
        "type",
    )
    assert only_problem(lambda: compare_reviews(second, first))[:2] == (
        "$.later",
        "comparison_order",
    )


def test_the_reference_review_has_no_snapshot() -> None:
    review = azerbaijan_nap_2020_2024().reviews[0]
    assert review.date == D(2022, 10, 4)
    assert review.progress is None
    assert azerbaijan_nap_2020_2024().progress(as_of=review.date) == PlanProgress(
        plan="AZE-NAP-4", as_of=D(2022, 10, 4)
    )


def test_snapshots_round_trip_through_json() -> None:
    plan = demonstration_plan()
    assert from_json(to_json(plan), NationalActionPlan) == plan
    comparison = compare_reviews(*plan.reviews)
    assert from_json(to_json(comparison), ReviewComparison) == comparison


def test_progress_needs_a_date() -> None:
    with pytest.raises(ValidationError) as caught:
        demonstration_plan().progress(as_of="2026-01-01")  # type: ignore[arg-type]
    assert [(p.path, p.rule) for p in caught.value.problems] == [("$.as_of", "type")]
    with pytest.raises(ValidationError):
        demonstration_plan().progress(as_of=dt.datetime(2026, 1, 1))


def test_the_share_and_distance_are_none_when_not_computable() -> None:
    observed = {"value": 5, "observed_on": D(2026, 1, 1)}
    assert IndicatorProgress(id="i", unit="u", target=10, **observed).share is None
    assert IndicatorProgress(id="i", unit="u", baseline=0, **observed).share is None
    assert (
        IndicatorProgress(id="i", unit="u", baseline=3, target=3, **observed).share
        is None
    )
    assert IndicatorProgress(id="i", unit="u", baseline=0, target=10).share is None
    assert IndicatorProgress(id="i", unit="u", baseline=0, **observed).distance is None
    falling = IndicatorProgress(id="i", unit="u", baseline=10, target=0, **observed)
    assert (falling.share, falling.distance) == (0.5, -5)


def test_the_budget_falls_back_on_a_measure_total_and_adds_up_per_currency() -> None:
    plan = demonstration_plan()
    lines = (
        BudgetLine(funding_source="State budget", allocated=_eur("1.00")),
        BudgetLine(
            funding_source="Donor",
            allocated=Money(amount=Decimal("2.50"), currency="AZN"),
        ),
    )
    measures = (attrs.evolve(plan.measures[0], budget_lines=lines), *plan.measures[1:])
    progress = attrs.evolve(plan, measures=measures, reviews=()).progress(
        as_of=D(2027, 1, 1)
    )
    assert progress.allocated == (
        Money(amount=Decimal("2.50"), currency="AZN"),
        _eur("100001.00"),
    )


def test_observations_are_checked_against_the_plan() -> None:
    plan = demonstration_plan()
    spending = SpendingObservation(
        measure="XTA-M-1",
        funding_source="State budget",
        date=D(2025, 12, 31),
        spent=_eur("1.00"),
        source="x",
    )
    path, rule, message = only_problem(
        lambda: attrs.evolve(
            plan, spending_observations=(*plan.spending_observations, spending)
        )
    )
    assert (path, rule) == ("$.spending_observations[4].date", "unique_observation")
    assert message == (
        "a second spending of the same measure and funding source on 2025-12-31, "
        "as at [0]"
    )
    value = IndicatorObservation(
        measure="XTA-M-1",
        indicator="XTA-M-1.1",
        date=D(2025, 6, 30),
        value=1,
        source="x",
    )
    assert only_problem(
        lambda: attrs.evolve(
            plan, indicator_observations=(*plan.indicator_observations, value)
        )
    )[:2] == ("$.indicator_observations[5].date", "unique_observation")
    status = StatusObservation(
        measure="XTA-M-9", date=D(2025, 6, 30), status=DELAYED, source="x"
    )
    assert only_problem(lambda: attrs.evolve(plan, status_observations=(status,)))[
        :2
    ] == ("$.status_observations[0].measure", "known_measure")


def test_snapshot_fields() -> None:
    day = D(2026, 1, 1)
    assert only_problem(
        lambda: MeasureProgress(
            id="m", title="t", pillar=Pillar.PREVENTION, due=day, status_since=day
        )
    ) == (
        "$.status",
        "observation_pair",
        "status_since is given without status: an observed value comes with its day",
    )
    assert only_problem(lambda: IndicatorProgress(id="i", unit="u", observed_on=day))[
        :2
    ] == ("$.value", "observation_pair")
    assert only_problem(
        lambda: PlanProgress(plan="p", as_of=day, spent=(_eur("1"), _eur("2")))
    )[:2] == ("$.spent", "one_amount_per_currency")


# Properties: progress never uses an observation dated after `as_of`.

PLANS = tms.national_action_plans(max_stakeholders=3, max_measures=4, max_reviews=0)


def _after(plan: NationalActionPlan, as_of: dt.date) -> NationalActionPlan:
    """The plan without the observations dated after `as_of`."""
    return attrs.evolve(
        plan,
        indicator_observations=tuple(
            o for o in plan.indicator_observations if o.date <= as_of
        ),
        status_observations=tuple(
            o for o in plan.status_observations if o.date <= as_of
        ),
        spending_observations=tuple(
            o for o in plan.spending_observations if o.date <= as_of
        ),
    )


@given(plan=PLANS, data=st.data())
@settings(max_examples=examples(1))
def test_progress_never_reports_an_observation_dated_after_as_of(
    plan: NationalActionPlan, data: st.DataObject
) -> None:
    as_of = data.draw(st.dates(min_value=D(1899, 1, 1), max_value=D(2100, 12, 31)))
    progress = plan.progress(as_of=as_of)
    for measure in progress.measures:
        assert measure.status_since is None or measure.status_since <= as_of
        for indicator in measure.indicators:
            assert indicator.observed_on is None or indicator.observed_on <= as_of
    # Nothing after `as_of` changes it: the progress of the plan without those
    # observations is the same.
    assert _after(plan, as_of).progress(as_of=as_of) == progress


@given(plan=PLANS, data=st.data())
@settings(max_examples=examples(1))
def test_progress_reports_the_latest_observation_by_as_of(
    plan: NationalActionPlan, data: st.DataObject
) -> None:
    as_of = data.draw(st.dates(min_value=D(1899, 1, 1), max_value=D(2100, 12, 31)))
    progress = plan.progress(as_of=as_of)
    for measure in progress.measures:
        dated = [
            o
            for o in plan.status_observations
            if o.measure == measure.id and o.date <= as_of
        ]
        if dated:
            latest = max(dated, key=lambda o: o.date)
            assert (measure.status, measure.status_since) == (
                latest.status,
                latest.date,
            )
        else:
            assert (measure.status, measure.status_since) == (None, None)
        assert measure.is_overdue(as_of) == (
            measure.due < as_of
            and measure.status not in {COMPLETED, MeasureStatus.CANCELLED}
        )
        for indicator in measure.indicators:
            values = [
                o
                for o in plan.indicator_observations
                if (o.measure, o.indicator) == (measure.id, indicator.id)
                and o.date <= as_of
            ]
            expected = max(values, key=lambda o: o.date).value if values else None
            assert indicator.value == expected


@given(snapshot=tms.plan_progress(), data=st.data())
@settings(max_examples=examples(0.5))
def test_a_snapshot_refuses_an_observation_after_its_day(
    snapshot: PlanProgress, data: st.DataObject
) -> None:
    measures = [m for m in snapshot.measures if m.status is not None]
    if not measures or snapshot.as_of >= D(2100, 12, 31):
        return
    measure = data.draw(st.sampled_from(measures))
    later = snapshot.as_of + dt.timedelta(days=data.draw(st.integers(1, 30)))
    index = snapshot.measures.index(measure)
    changed = list(snapshot.measures)
    changed[index] = attrs.evolve(measure, status_since=later)
    assert only_problem(lambda: attrs.evolve(snapshot, measures=tuple(changed)))[
        :2
    ] == (
        f"$.measures[{index}].status_since",
        "observed_by_as_of",
    )
