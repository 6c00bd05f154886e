"""The public strategies draw valid values, honour their parameters, reach the
interesting corners of each type, and are registered with Hypothesis."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from decimal import Decimal
from enum import Enum

import attrs
import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from trafficking_model import (
    ADULT_AGE,
    AgeGroup,
    Case,
    CaseStatistics,
    Count,
    CountryReport,
    Defendant,
    Disposition,
    ExploitationForm,
    Figure,
    IdentificationStatus,
    Indicator,
    LawEnforcementFigures,
    Measure,
    Money,
    NationalActionPlan,
    Period,
    PlanReview,
    ProsecutionOutcome,
    Sex,
    Stakeholder,
    TipTier,
    Victim,
    VictimStatistics,
    vocabularies,
)
from trafficking_model import strategies as tms
from trafficking_model._models import RESULT_CLASSES
from trafficking_model.formats.ctdc import Band, Record
from trafficking_model.formats.glotip import GlotipRow
from trafficking_model.strategies._bases import BASES

MODEL_CLASSES = sorted(BASES, key=lambda cls: cls.__name__)
VOCABULARIES = [getattr(vocabularies, name) for name in vocabularies.__all__]
by_name = pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)


@by_name
@given(data=st.data())
def test_from_type_draws_valid_values(cls: type, data: st.DataObject) -> None:
    value = data.draw(st.from_type(cls))
    assert type(value) is cls
    assert attrs.evolve(value) == value  # runs every check again


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda e: e.__name__)
def test_vocabularies_are_registered(vocabulary: type[Enum]) -> None:
    drawn = {
        find(st.from_type(vocabulary), lambda m, member=member: m is member)
        for member in vocabulary
    }
    assert drawn == set(vocabulary)


def test_registered_through_the_entry_point() -> None:
    hooks = [
        entry.value
        for entry in importlib.metadata.entry_points(group="hypothesis")
        if entry.value.startswith("trafficking_model")
    ]
    assert hooks == ["trafficking_model.strategies:_hypothesis_setup_hook"]


# These run a fresh interpreter on the installed package: not under mutmut,
# whose mutants live elsewhere.
fresh_interpreter = pytest.mark.skipif(
    "MUTANT_UNDER_TEST" in os.environ, reason="runs the installed package"
)


@fresh_interpreter
def test_importing_the_package_does_not_import_hypothesis() -> None:
    code = "import sys, trafficking_model; print('hypothesis' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


@fresh_interpreter
@pytest.mark.parametrize(
    "first",
    ["hypothesis", "trafficking_model", "trafficking_model.strategies"],
)
def test_the_strategies_load_whichever_module_is_imported_first(first: str) -> None:
    code = (
        f"import {first}\n"
        "from hypothesis import find, strategies as st\n"
        "import trafficking_model as tm\n"
        "from trafficking_model import strategies\n"
        "print(type(find(st.from_type(tm.Case), bool)).__name__)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "Case"


@fresh_interpreter
def test_a_fresh_interpreter_gets_the_strategies_from_hypothesis_alone() -> None:
    code = (
        "from hypothesis import find, strategies as st\n"
        "import trafficking_model as tm\n"
        "victim = find(st.from_type(tm.Victim), lambda v: v.age in range(13, 18))\n"
        "print(victim.age_group.value)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "child"


@given(st.data())
def test_building_blocks(data: st.DataObject) -> None:
    identifier = data.draw(tms.identifiers())
    assert identifier
    assert identifier == identifier.strip()
    text = data.draw(tms.texts(max_size=5))
    assert text.strip()
    assert len(text) <= 5
    assert len(data.draw(tms.country_codes())) == 3
    assert len(data.draw(tms.currency_codes())) == 3
    within = data.draw(tms.periods())
    assert tms.DEFAULT_PERIOD.contains_period(within)
    assert within.contains_period(data.draw(tms.periods(within=within)))


@given(st.data())
def test_money_parameters(data: st.DataObject) -> None:
    amount = data.draw(tms.money(currency="AZN", max_amount=500))
    assert amount.currency == "AZN"
    assert 0 <= amount.amount <= 500
    assert amount.amount.as_tuple().exponent == -2


def test_money_without_places_draws_any_exponent() -> None:
    found = find(tms.money(places=None), lambda m: m.amount.as_tuple().exponent > 0)
    assert found.amount == found.amount.to_integral_value()
    assert find(tms.money(), lambda m: m.amount > 0).amount == Decimal("0.01")


@given(st.data())
def test_stakeholder_and_indicator_parameters(data: st.DataObject) -> None:
    stakeholder = data.draw(tms.stakeholders(ids=st.just("iom"), country="AZE"))
    assert stakeholder.id == "iom"
    assert stakeholder.country in {None, "AZE"}
    assert data.draw(tms.indicators(ids=st.just("1.1"))).id == "1.1"


@given(st.data())
def test_measure_and_review_parameters(data: st.DataObject) -> None:
    known = {"iom", "police", "ministry"}
    period = Period.from_years(2020, 2024)
    measure = data.draw(
        tms.measures(
            ids=st.just("M-1"), stakeholder_ids=known, period=period, max_indicators=1
        )
    )
    assert measure.id == "M-1"
    assert measure.responsible
    assert measure.responsible <= known
    assert measure.partners <= known
    assert period.contains_period(measure.period)
    assert len(measure.indicators) <= 1
    review = data.draw(tms.plan_reviews(stakeholder_ids=known, period=period))
    assert review.stakeholder_ids <= known
    assert period.contains(review.date)
    alone = data.draw(tms.plan_reviews(stakeholder_ids=()))
    assert not alone.stakeholder_ids


@given(
    st.data(),
    st.integers(min_value=0, max_value=3),
    st.integers(min_value=0, max_value=3),
    st.integers(min_value=0, max_value=2),
)
def test_plan_parameters(
    data: st.DataObject, stakeholders: int, measures: int, reviews: int
) -> None:
    period = Period.from_years(2020, 2024)
    plan = data.draw(
        tms.national_action_plans(
            country="AZE",
            period=period,
            min_stakeholders=stakeholders,
            max_stakeholders=stakeholders + 2,
            min_measures=measures,
            max_measures=measures + 1,
            min_reviews=reviews,
            max_reviews=reviews,
        )
    )
    assert plan.country == "AZE"
    assert plan.period == period
    assert max(stakeholders, 1 if measures else 0) <= len(plan.stakeholders)
    assert len(plan.stakeholders) <= stakeholders + 2
    assert measures <= len(plan.measures) <= measures + 1
    assert len(plan.reviews) == reviews
    assert all(s.country in {None, "AZE"} for s in plan.stakeholders)


@given(st.data())
def test_record_parameters(data: st.DataObject) -> None:
    period = Period.from_years(2021)
    victim = data.draw(
        tms.victims(
            ids=st.just("V-1"),
            country="AZE",
            period=period,
            statuses={IdentificationStatus.PRESUMED},
        )
    )
    assert victim.id == "V-1"
    assert victim.identification is IdentificationStatus.PRESUMED
    assert victim.identified_on is None or period.contains(victim.identified_on)
    defendant = data.draw(
        tms.defendants(dispositions={Disposition.IMPRISONMENT}, max_sentence_months=3)
    )
    assert defendant.indicted
    assert defendant.sentence_months in {None, 1, 2, 3}
    case = data.draw(
        tms.cases(
            ids=st.just("C-1"),
            period=period,
            victim_ids={"V-1", "V-2"},
            min_defendants=1,
            max_defendants=2,
        )
    )
    assert case.id == "C-1"
    assert period.contains(case.registered_on)
    assert case.victim_ids <= {"V-1", "V-2"}
    assert 1 <= len(case.defendants) <= 2


def _low(figure: Figure) -> int:
    """The smallest value a figure can have."""
    if figure is None:
        return 0
    return figure if isinstance(figure, int) else figure.low


def _is_exact(obj: object) -> bool:
    """Whether every figure of an aggregate is an int and nothing is partial."""
    values: list[object] = []
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        if field.name in {"partial", "overlapping", "derived"}:
            if value:
                return False
        elif isinstance(value, Mapping):
            values.extend(value.values())
        elif field.name != "year":
            values.append(value)
    return all(type(value) is int or value is None for value in values)


@given(st.data())
def test_aggregate_parameters(data: st.DataObject) -> None:
    assert _low(data.draw(tms.case_statistics(max_total=3)).total) <= 3
    assert data.draw(tms.case_statistics(max_total=3, exact=True)).total <= 3
    assert _low(data.draw(tms.prosecution_outcomes(max_defendants=3)).defendants) <= 3
    exact_outcome = data.draw(tms.prosecution_outcomes(max_defendants=3, exact=True))
    assert exact_outcome.defendants <= 3
    assert _is_exact(exact_outcome)
    statistics = data.draw(tms.victim_statistics(min_total=2, max_total=4, exact=True))
    assert 2 <= statistics.total <= 4
    assert _is_exact(statistics)
    figures = data.draw(tms.law_enforcement_figures(year=2021, max_count=5, exact=True))
    assert figures.year == 2021
    assert max(figures.investigations, figures.victims_identified) <= 5
    assert _is_exact(figures)
    period = Period.from_years(2019, 2021)
    report = data.draw(
        tms.country_reports(
            country="AZE", period=period, min_law_enforcement=2, max_law_enforcement=5
        )
    )
    assert report.country == "AZE"
    assert report.period == period
    assert 2 <= len(report.law_enforcement) <= 3  # the period has three years


def test_a_period_outside_the_figure_years_gets_no_figures() -> None:
    period = Period(start=dt.date(2101, 1, 1), end=dt.date(2102, 1, 1))
    report = find(
        tms.country_reports(period=period, min_law_enforcement=1), lambda r: True
    )
    assert report.law_enforcement == ()


@pytest.mark.parametrize(
    "make",
    [
        lambda: tms.texts(max_size=0),
        lambda: tms.measures(stakeholder_ids=set()),
        lambda: tms.measures(max_indicators=-1),
        lambda: tms.national_action_plans(min_measures=1, max_stakeholders=0),
        lambda: tms.national_action_plans(min_stakeholders=3, max_stakeholders=2),
        lambda: tms.national_action_plans(min_reviews=-1),
        lambda: tms.defendants(max_sentence_months=0),
        lambda: tms.cases(min_defendants=2, max_defendants=1),
        lambda: tms.case_statistics(max_total=-1),
        lambda: tms.prosecution_outcomes(max_defendants=-1),
        lambda: tms.victim_statistics(min_total=5, max_total=4),
        lambda: tms.law_enforcement_figures(max_count=-1),
        lambda: tms.country_reports(min_law_enforcement=4, max_law_enforcement=3),
    ],
)
def test_bad_parameters_are_refused(make: Callable[[], object]) -> None:
    with pytest.raises(InvalidArgument):
        make()


# The strategies reach the corners of each type: each condition below is met
# by some drawn value (find fails if none is).
CORNERS: list[tuple[st.SearchStrategy[object], Callable[[object], bool]]] = [
    (tms.victims(), lambda v: v.age == ADULT_AGE - 1),
    (tms.victims(), lambda v: v.age == ADULT_AGE and v.age_group is AgeGroup.ADULT),
    (tms.victims(), lambda v: v.age is None and v.age_group is AgeGroup.UNKNOWN),
    (tms.victims(), lambda v: len(v.exploitation) > 2),
    (tms.victims(), lambda v: v.identified_on is not None and v.citizenship),
    (tms.defendants(), lambda d: not d.indicted),
    (tms.defendants(), lambda d: d.disposition is Disposition.FINE),
    (tms.cases(), lambda c: len(c.defendants) > 2 and c.victim_ids),
    (tms.identifiers(), lambda s: not s.isascii()),
    (tms.identifiers(), lambda s: any(c.isspace() for c in s)),
    (tms.texts(), lambda s: s != s.strip()),
    (tms.victims(), lambda v: len(v.citizenship) > 1),
    (tms.victims(), lambda v: not v.exploitation),
    (
        tms.victims(),
        lambda v: (
            v.age_group is AgeGroup.ADULT
            and v.age_group_at_exploitation is AgeGroup.CHILD
        ),
    ),
    (
        tms.defendants(),
        lambda d: (
            d.disposition is Disposition.IMPRISONMENT and d.sentence_months is None
        ),
    ),
    (tms.case_statistics(exact=True), lambda s: not s.by_offence and s.total > 0),
    (tms.case_statistics(exact=True), lambda s: 0 in s.by_offence.values()),
    (tms.case_statistics(), lambda s: s.overlapping and len(s.by_offence) > 1),
    (tms.case_statistics(), lambda s: s.partial and s.by_offence),
    (tms.case_statistics(), lambda s: isinstance(s.total, Count)),
    (tms.case_statistics(), lambda s: "total" in s.derived and s.by_offence),
    (
        tms.prosecution_outcomes(exact=True),
        lambda o: o.pending > 0 and o.acquitted > 0,
    ),
    (
        tms.prosecution_outcomes(exact=True),
        lambda o: (
            0 < o.imprisonment + o.conditional + o.postponed + o.fined < o.sentenced
        ),
    ),
    (tms.prosecution_outcomes(), lambda o: o.indicted is None and o.sentenced),
    (tms.prosecution_outcomes(), lambda o: o.sentenced == Count(0, 4)),
    (tms.prosecution_outcomes(), lambda o: isinstance(o.pending, Count)),
    (
        tms.victim_statistics(exact=True),
        lambda s: sum(s.by_exploitation.values()) > s.total > 0,
    ),
    (
        tms.victim_statistics(exact=True),
        lambda s: s.total in s.by_exploitation.values() and len(s.by_exploitation) > 1,
    ),
    (tms.victim_statistics(exact=True), lambda s: len(s.by_citizenship) > 2),
    (tms.victim_statistics(), lambda s: s.total is None and s.by_sex),
    (
        tms.victim_statistics(),
        lambda s: any(isinstance(c, Count) for c in s.by_sex.values()),
    ),
    (tms.victim_statistics(), lambda s: "by_exploitation" in s.partial),
    (tms.victim_statistics(), lambda s: len(s.partial) > 1 and s.derived),
    (
        tms.law_enforcement_figures(exact=True),
        lambda f: f.labour_convictions == f.convictions > 0,
    ),
    (tms.law_enforcement_figures(), lambda f: f.investigations is None),
    (tms.counts(), lambda c: c.high is None and c.low > 0),
    (tms.counts(), lambda c: c.is_exact),
    (tms.country_reports(), lambda r: r.cases is None and r.victims is not None),
    (
        tms.country_reports(),
        lambda r: r.law_enforcement and not (r.cases or r.prosecution or r.victims),
    ),
    (tms.national_action_plans(), lambda p: any(m.budget for m in p.measures)),
    (
        tms.national_action_plans(),
        lambda p: any(r.organizer and r.funder for r in p.reviews),
    ),
    (tms.national_action_plans(), lambda p: any(m.indicators for m in p.measures)),
    (tms.country_reports(), lambda r: len(r.law_enforcement) > 1 and r.tip_tier),
    (tms.country_reports(), lambda r: r.tip_tier is TipTier.TIER_2_WATCH_LIST),
]


@pytest.mark.parametrize(("strategy", "condition"), CORNERS)
def test_strategies_reach_the_corners(
    strategy: st.SearchStrategy[object], condition: Callable[[object], bool]
) -> None:
    quick = settings(max_examples=5_000, database=None, phases=[Phase.generate])
    find(strategy, condition, settings=quick)


def test_every_model_class_and_vocabulary_has_a_strategy() -> None:
    import trafficking_model

    public = {getattr(trafficking_model, name) for name in trafficking_model.__all__}
    classes = {
        c
        for c in public
        if isinstance(c, type)
        and attrs.has(c)
        and c not in RESULT_CLASSES  # computed results, not data
    }
    # and the public record types of the formats
    formats = {Band, Record, GlotipRow}
    assert set(MODEL_CLASSES) == classes - {trafficking_model.Problem} | formats
    enums = {c for c in public if isinstance(c, type) and issubclass(c, Enum)}
    assert set(VOCABULARIES) == enums
    assert {
        trafficking_model.BudgetLine,
        Case,
        CaseStatistics,
        Count,
        CountryReport,
        Defendant,
        Indicator,
        trafficking_model.IndicatorObservation,
        trafficking_model.IndicatorProgress,
        LawEnforcementFigures,
        Measure,
        trafficking_model.MeasureProgress,
        Money,
        NationalActionPlan,
        trafficking_model.Objective,
        Period,
        trafficking_model.PlanProgress,
        PlanReview,
        ProsecutionOutcome,
        trafficking_model.ReviewComparison,
        trafficking_model.SpendingObservation,
        Stakeholder,
        trafficking_model.StatusObservation,
        trafficking_model.TierHistory,
        trafficking_model.TierPlacement,
        Victim,
        VictimStatistics,
        *formats,
    } == set(MODEL_CLASSES)
    assert Sex in enums
    assert ExploitationForm in enums


def test_every_data_class_has_one_shipped_strategy() -> None:
    # The registry lists the classes; each strategy module marks its own.
    from trafficking_model._models import DATA_CLASSES
    from trafficking_model.strategies._draw import STRATEGIES

    assert list(BASES) == list(DATA_CLASSES)
    assert set(STRATEGIES) == set(DATA_CLASSES)
