"""Figures as they are published: each real input of the issue loads, each typo fails."""

from __future__ import annotations

import datetime as dt
import json
import pickle
from types import SimpleNamespace
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from immutabledict import immutabledict

import trafficking_model as tm
from trafficking_model import (
    AgeGroup,
    CaseStatistics,
    Count,
    CountryReport,
    Defendant,
    Disposition,
    ExploitationForm,
    IdentificationStatus,
    LawEnforcementFigures,
    NationalActionPlan,
    OffenceType,
    Period,
    PlanReview,
    ProsecutionOutcome,
    ReviewKind,
    Sex,
    ValidationError,
    Victim,
    VictimStatistics,
    _figures,
)
from trafficking_model._figures import frozen_dict, plain_standalone
from trafficking_model._validation import INT_LIMIT

# --- Count -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("12", 12, 12),
        (" 12 ", 12, 12),
        ("10,572", 10_572, 10_572),
        ("<5", 0, 4),
        ("< 5", 0, 4),
        ("<1", 0, 0),
        ("10-14", 10, 14),
        ("10 - 14", 10, 14),
        ("10\u201314", 10, 14),
        (">100", 101, None),
        (">=100", 100, None),
        ("\u2265100", 100, None),
        ("100+", 100, None),
    ],
)
def test_count_parses_the_published_forms(
    text: str, low: int, high: int | None
) -> None:
    count = Count.parse(text)
    assert (count.low, count.high) == (low, high)
    assert Count.parse(str(count)) == count


def test_small_cells_may_exclude_zero() -> None:
    assert Count.parse("<5", zeros_printed=True) == Count(1, 4)
    assert Count.parse("<5") == Count(0, 4)


@pytest.mark.parametrize(
    "text", ["", "five", "-3", "5-", "1.5", "<0", "10-5", "1,2", "12 children", "٣"]
)
def test_count_refuses_other_text(text: str) -> None:
    with pytest.raises(ValidationError):
        Count.parse(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "five",
            "'five' is not a count; expected a form such as 12, <5, 10-14 or >100",
        ),
        (
            "x" * 40,
            f"{'x' * 40!r} is not a count; expected a form such as 12, <5, 10-14 or >100",
        ),
        (
            "x" * 41,
            f"{'x' * 37 + '...'!r} is not a count; expected a form such as 12, <5, 10-14 or >100",
        ),
        ("<0", "<0 leaves no count"),
    ],
)
def test_count_parse_says_what_it_expected(text: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Count.parse(text)
    assert [(p.path, p.rule, p.message) for p in caught.value.problems] == [
        ("$", "count_text", message)
    ]


def test_small_cells_with_zeros_printed() -> None:
    assert Count.parse("<2", zeros_printed=True) == Count(1, 1)
    assert Count.parse("<1") == Count(0, 0)
    with pytest.raises(ValidationError) as caught:
        Count.parse("<1", zeros_printed=True)
    assert [(p.path, p.rule, p.message) for p in caught.value.problems] == [
        ("$", "count_text", "<1 leaves no count")
    ]


def test_count_parse_needs_a_str() -> None:
    with pytest.raises(ValidationError) as caught:
        Count.parse(5)  # type: ignore[arg-type]
    assert [(p.path, p.rule, p.message) for p in caught.value.problems] == [
        ("$", "type", "expected str, got int")
    ]


def test_count_canonical_forms() -> None:
    assert [str(c) for c in (Count(7, 7), Count(0, 4), Count(10, 14), Count(101))] == [
        "7",
        "<5",
        "10-14",
        ">100",
    ]
    assert str(Count(0)) == ">=0"


def test_count_bounds_are_checked() -> None:
    for bad, rule in (
        (lambda: Count(-1, 3), "non_negative"),
        (lambda: Count(5, 4), "range_order"),
        (lambda: Count(True, 3), "type"),  # type: ignore[arg-type]
        (lambda: Count("1", 3), "type"),  # type: ignore[arg-type]
        (lambda: Count(1, 2.0), "type"),  # type: ignore[arg-type]
    ):
        with pytest.raises(ValidationError) as caught:
            bad()
        assert [p.rule for p in caught.value.problems] == [rule]


def test_count_is_hashable_frozen_and_unordered() -> None:
    assert {Count(0, 4), Count(0, 4)} == {Count(0, 4)}
    assert Count.exact(3).is_exact
    assert not Count(0, 4).is_exact
    assert 4 in Count(0, 4)
    assert 3 in Count(3, 5)
    assert 2 not in Count(3, 5)
    assert 5 not in Count(0, 4)
    assert True not in Count(0, 4)
    with pytest.raises(TypeError):
        _ = Count(0, 4) < Count(5, 9)  # type: ignore[operator]
    with pytest.raises(AttributeError):
        Count(0, 4).low = 1  # type: ignore[misc]


def test_an_exact_count_is_stored_as_its_int() -> None:
    statistics = VictimStatistics(total=Count.exact(7), by_sex={Sex.MALE: Count(7, 7)})
    assert statistics == VictimStatistics(total=7, by_sex={Sex.MALE: 7})
    assert type(statistics.total) is int


# --- Each row of the table loads ---------------------------------------


def test_a_tip_report_global_row_without_investigations() -> None:
    figures = LawEnforcementFigures(
        year=2021,
        prosecutions=10_572,
        labour_prosecutions=1_379,
        convictions=5_260,
        labour_convictions=709,
        victims_identified=90_354,
        labour_victims_identified=21_219,
    )
    assert figures.investigations is None
    assert tm.from_json(tm.to_json(figures), LawEnforcementFigures) == figures


def test_suppressed_and_ranged_cells() -> None:
    statistics = VictimStatistics(
        total=Count.parse("10-14"),
        by_sex={Sex.FEMALE: Count.parse("<5"), Sex.MALE: Count.parse("10-14")},
    )
    assert statistics.by_sex[Sex.FEMALE] == Count(0, 4)


def test_exploitation_given_in_part() -> None:
    statistics = VictimStatistics(
        total=100,
        by_exploitation={
            ExploitationForm.SEXUAL: 60,
            ExploitationForm.FORCED_LABOUR: 20,
        },
        partial=frozenset({"by_exploitation"}),
    )
    assert statistics.partial == {"by_exploitation"}


def test_a_breakdown_given_in_part() -> None:
    statistics = VictimStatistics(
        total=89, by_sex={Sex.FEMALE: 55}, partial=frozenset({"by_sex"})
    )
    assert statistics.by_sex == {Sex.FEMALE: 55}


def test_a_report_with_victim_figures_only() -> None:
    report = CountryReport(
        country="AZE",
        period=Period.from_years(2021),
        source="UNODC GLOTIP, detected victims",
        victims=VictimStatistics(
            total=62,
            by_sex={Sex.FEMALE: Count.parse("<5")},
            partial=frozenset({"by_sex"}),
        ),
    )
    assert (report.cases, report.prosecution) == (None, None)
    assert tm.from_json(tm.to_json(report), CountryReport) == report


def test_a_report_needs_at_least_one_section(rejects: Any) -> None:
    error = rejects(
        lambda: CountryReport(
            country="AZE", period=Period.from_years(2021), source="x"
        ),
        "section_required",
        "$",
    )
    assert str(error) == (
        "$: a report gives at least one of cases, prosecution, victims and "
        "law_enforcement"
    )


def test_an_adult_when_exploited_is_an_adult_when_identified(rejects: Any) -> None:
    error = rejects(
        lambda: Victim(
            id="V-3",
            sex=Sex.FEMALE,
            age_group=AgeGroup.CHILD,
            age_group_at_exploitation=AgeGroup.ADULT,
            exploitation=frozenset({ExploitationForm.SEXUAL}),
            identification=IdentificationStatus.PRESUMED,
        ),
        "age_group_order",
        "$.age_group_at_exploitation",
    )
    assert str(error) == (
        "$.age_group_at_exploitation: adult when exploited but child when identified"
    )


def test_a_report_with_yearly_figures_only() -> None:
    report = CountryReport(
        country="AZE",
        period=Period.from_years(2021),
        source="US TIP report",
        law_enforcement=(LawEnforcementFigures(year=2021, convictions=24),),
    )
    assert report.victims is None


def test_a_person_screened_and_found_not_to_be_a_victim() -> None:
    person = Victim(
        id="S-1",
        sex=Sex.MALE,
        age_group=AgeGroup.ADULT,
        exploitation=frozenset(),
        identification=IdentificationStatus.NOT_A_VICTIM,
    )
    assert person.exploitation == frozenset()


def test_a_prison_sentence_of_unknown_length() -> None:
    defendant = Defendant(
        id="D-1", sex=Sex.MALE, indicted=True, disposition=Disposition.IMPRISONMENT
    )
    assert defendant.sentence_months is None


def test_two_citizenships() -> None:
    victim = Victim(
        id="V-1",
        sex=Sex.FEMALE,
        age_group=AgeGroup.ADULT,
        citizenship=frozenset({"AZE", "RUS"}),
        exploitation=frozenset({ExploitationForm.SEXUAL}),
        identification=IdentificationStatus.PRESUMED,
    )
    assert tm.from_json(tm.to_json(victim), Victim) == victim


def _plan_with_review(kind: ReviewKind, day: dt.date) -> NationalActionPlan:
    return NationalActionPlan(
        id="ATA-NAP-1",
        country="ATA",
        title="Fictional plan",
        period=Period.from_years(2020, 2024),
        stakeholders=(),
        reviews=(PlanReview(date=day, kind=kind, participants=frozenset()),),
    )


@pytest.mark.parametrize("kind", [ReviewKind.FINAL, ReviewKind.EVALUATION])
def test_a_final_review_after_the_plan(kind: ReviewKind) -> None:
    plan = _plan_with_review(kind, dt.date(2025, 3, 15))
    assert plan.reviews[0].date.year == 2025


@pytest.mark.parametrize(
    ("kind", "day"),
    [
        (ReviewKind.MID_TERM, dt.date(2025, 3, 15)),
        (ReviewKind.ANNUAL, dt.date(2025, 3, 15)),
        (ReviewKind.FINAL, dt.date(2019, 12, 31)),
        (ReviewKind.EVALUATION, dt.date(2019, 12, 31)),
    ],
)
def test_other_reviews_stay_within_the_plan(
    rejects: Any, kind: ReviewKind, day: dt.date
) -> None:
    rejects(
        lambda: _plan_with_review(kind, day), "within_plan_period", "$.reviews[0].date"
    )


def test_an_adult_identified_who_was_exploited_as_a_child() -> None:
    victim = Victim(
        id="V-2",
        sex=Sex.FEMALE,
        age=19,
        age_group=AgeGroup.ADULT,
        age_group_at_exploitation=AgeGroup.CHILD,
        exploitation=frozenset({ExploitationForm.SEXUAL}),
        identification=IdentificationStatus.FORMALLY_IDENTIFIED,
    )
    assert victim.age_group_at_exploitation is AgeGroup.CHILD


# --- What must still fail ------------------------------------------------------


def test_a_complete_breakdown_with_a_typo(rejects: Any) -> None:
    error = rejects(
        lambda: VictimStatistics(total=189, by_sex={Sex.FEMALE: 184, Sex.MALE: 4}),
        "breakdown_sum",
        "$.by_sex",
    )
    assert str(error) == "$.by_sex: counts sum to 188 but total is 189"


def test_a_range_that_cannot_reach_the_total(rejects: Any) -> None:
    error = rejects(
        lambda: VictimStatistics(
            total=12, by_sex={Sex.FEMALE: Count.parse("<5"), Sex.MALE: 13}
        ),
        "breakdown_sum",
        "$.by_sex",
    )
    assert str(error) == "$.by_sex: counts sum to 13-17 but total is 12"


def test_a_partial_breakdown_larger_than_its_total(rejects: Any) -> None:
    error = rejects(
        lambda: VictimStatistics(
            total=89, by_sex={Sex.FEMALE: 90}, partial=frozenset({"by_sex"})
        ),
        "partial_breakdown_within_total",
        "$.by_sex",
    )
    assert str(error) == "$.by_sex: counts sum to 90, more than total (89)"


def test_a_cohort_with_more_sentenced_than_indicted(rejects: Any) -> None:
    error = rejects(
        lambda: ProsecutionOutcome(defendants=20, indicted=12, sentenced=15),
        "sentenced_within_indicted",
        "$.sentenced",
    )
    assert str(error) == "$.sentenced: sentenced + acquitted (15) exceeds indicted (12)"


def test_the_seeds_funnel_reports_nothing_it_was_not_given() -> None:
    outcome = ProsecutionOutcome(defendants=35, indicted=28, sentenced=28)
    assert outcome.fined is None
    assert outcome.acquitted is None


# --- Rules over ranges and unreported figures ----------------------------------


def test_the_funnel_holds_across_an_unreported_stage(rejects: Any) -> None:
    assert (
        ProsecutionOutcome(defendants=30, indicted=None, sentenced=30).indicted is None
    )
    error = rejects(
        lambda: ProsecutionOutcome(defendants=28, indicted=None, sentenced=30),
        "indicted_within_defendants",
        "$.indicted",
    )
    assert str(error) == (
        "$.indicted: indicted (not reported, but at least 30 with those "
        "sentenced or acquitted) exceeds defendants (28)"
    )


def test_the_funnel_holds_across_an_unreported_sentenced(rejects: Any) -> None:
    rejects(
        lambda: ProsecutionOutcome(
            defendants=30, indicted=20, sentenced=None, imprisonment=15, fined=10
        ),
        "sentenced_within_indicted",
        "$.sentenced",
    )


def test_funnel_rules_over_ranges() -> None:
    outcome = ProsecutionOutcome(
        defendants=Count.parse("10-14"),
        indicted=12,
        sentenced=Count.parse("<5"),
        acquitted=0,
    )
    assert outcome.pending == Count(8, 12)
    with pytest.raises(ValidationError) as caught:
        ProsecutionOutcome(defendants=Count.parse("<5"), indicted=12, sentenced=0)
    assert str(caught.value) == "$.indicted: indicted (12) exceeds defendants (<5)"


@pytest.mark.parametrize(
    ("indicted", "sentenced", "acquitted", "pending"),
    [
        (8, 5, 0, 3),
        (8, 5, None, Count(0, 3)),
        (None, 5, 0, None),
        (Count(8, 10), 5, 1, Count(2, 4)),
        (8, Count(0, 4), 2, Count(2, 6)),
        (28, 28, None, 0),
    ],
)
def test_pending_is_exact_a_range_or_unknown(
    indicted: Any, sentenced: Any, acquitted: Any, pending: Any
) -> None:
    outcome = ProsecutionOutcome(
        defendants=None, indicted=indicted, sentenced=sentenced, acquitted=acquitted
    )
    assert outcome.pending == pending


def test_labour_figures_over_ranges(rejects: Any) -> None:
    assert LawEnforcementFigures(
        year=2021, convictions=Count.parse("<5"), labour_convictions=4
    )
    error = rejects(
        lambda: LawEnforcementFigures(
            year=2021, convictions=Count.parse("<5"), labour_convictions=5
        ),
        "labour_within_total",
        "$.labour_convictions",
    )
    assert (
        str(error)
        == "$.labour_convictions: labour_convictions (5) exceeds convictions (<5)"
    )


def test_overlapping_offences(rejects: Any) -> None:
    statistics = CaseStatistics(
        total=10,
        by_offence={
            OffenceType.TRAFFICKING_IN_PERSONS: 10,
            OffenceType.FORCED_LABOUR: 4,
        },
        overlapping=frozenset({"by_offence"}),
    )
    assert statistics.total == 10
    rejects(
        lambda: CaseStatistics(
            total=10,
            by_offence={OffenceType.FORCED_LABOUR: 11},
            overlapping=frozenset({"by_offence"}),
        ),
        "part_within_total",
        "$.by_offence.forced_labour",
    )
    rejects(
        lambda: CaseStatistics(
            total=10,
            by_offence={OffenceType.FORCED_LABOUR: 4},
            overlapping=frozenset({"by_offence"}),
        ),
        "parts_cover_total",
        "$.by_offence",
    )


def test_a_total_is_not_derived_from_a_partial_or_overlapping_breakdown() -> None:
    counts = {OffenceType.FORCED_LABOUR: 8}
    assert (
        CaseStatistics(by_offence=counts, partial=frozenset({"by_offence"})).total
        is None
    )
    assert (
        CaseStatistics(by_offence=counts, overlapping=frozenset({"by_offence"})).total
        is None
    )
    ranged = CaseStatistics(
        by_offence={OffenceType.FORCED_LABOUR: Count.parse("<5"), OffenceType.OTHER: 3}
    )
    assert ranged.total == Count(3, 7)
    assert ranged.derived == {"total"}
    unknown = CaseStatistics(
        by_offence={OffenceType.FORCED_LABOUR: None, OffenceType.OTHER: 3}
    )
    assert unknown.total == Count(3)


@pytest.mark.parametrize(
    ("build", "name"),
    [
        (
            lambda: VictimStatistics(total=1, partial=frozenset({"by_martian"})),
            "partial",
        ),
        (lambda: VictimStatistics(total=1, derived=frozenset({"totals"})), "derived"),
        (
            lambda: CaseStatistics(total=1, overlapping=frozenset({"total"})),
            "overlapping",
        ),
        (
            lambda: ProsecutionOutcome(
                defendants=1, indicted=1, sentenced=1, derived=frozenset({"pending"})
            ),
            "derived",
        ),
        (
            lambda: LawEnforcementFigures(year=2021, derived=frozenset({"year"})),
            "derived",
        ),
    ],
)
def test_names_must_be_figures_of_the_class(
    rejects: Any, build: Any, name: str
) -> None:
    rejects(build, "known_name", f"$.{name}")


def test_derived_may_name_a_breakdown_member() -> None:
    statistics = VictimStatistics(
        total=189,
        by_age_group={AgeGroup.CHILD: 2, AgeGroup.ADULT: 187},
        derived=frozenset({"by_age_group.adult"}),
    )
    assert tm.summary(statistics).splitlines()[1] == (
        "  by age group: Adult (18 or over) 187 (derived), Child (under 18) 2"
    )


# --- JSON and the schema -------------------------------------------------------


def test_the_acceptance_example_round_trips_and_validates() -> None:
    statistics = VictimStatistics(
        total=12, by_sex={Sex.FEMALE: Count.parse("<5"), Sex.MALE: 9}
    )
    text = tm.to_json(statistics)
    assert tm.from_json(text, VictimStatistics) == statistics
    jsonschema.Draft202012Validator(tm.json_schema(VictimStatistics)).validate(
        json.loads(text)
    )


def test_summaries_mark_what_is_derived_partial_and_not_reported() -> None:
    text = tm.summary(tm.examples.azerbaijan_report_2020_2021())
    assert "Cases: 402 (derived)" in text
    assert "sentenced 28 (derived)" in text
    assert "acquitted not reported" in text
    assert "Child (under 18) 2 (partial)" in text
    figures = LawEnforcementFigures(year=2021, convictions=Count.parse("<5"))
    assert tm.summary(figures) == (
        "2021: investigations not reported, prosecutions not reported, "
        "convictions <5, victims identified not reported"
    )
    with pytest.raises(TypeError):
        tm.summary("a report")


@pytest.mark.parametrize(
    ("make", "path"),
    [
        (
            lambda n: tm.ProsecutionOutcome(defendants=n, indicted=0, sentenced=0),
            "$.defendants",
        ),
        (
            lambda n: tm.ProsecutionOutcome(defendants=n, indicted=n, sentenced=0),
            "$.indicted",
        ),
        (
            lambda n: tm.LawEnforcementFigures(year=2020, investigations=n),
            "$.investigations",
        ),
        (
            lambda n: tm.LawEnforcementFigures(year=2020, labour_investigations=n),
            "$.labour_investigations",
        ),
        (lambda n: tm.CaseStatistics(total=n), "$.total"),
        (lambda n: tm.VictimStatistics(total=n), "$.total"),
    ],
    ids=[
        "defendants",
        "indicted",
        "investigations",
        "labour investigations",
        "case total",
        "victim total",
    ],
)
def test_a_figure_one_past_the_longest_int_is_refused_on_the_fast_path_too(
    make: Any, path: str
) -> None:
    """Figures just inside the limit take the fast path; the limit itself never."""
    make(INT_LIMIT - 1)
    with pytest.raises(tm.ValidationError) as raised:
        make(INT_LIMIT)
    assert {(problem.path, problem.rule) for problem in raised.value.problems} >= {
        (path, "int_size")
    }


@pytest.mark.parametrize(
    ("value", "plain"),
    [
        (None, True),
        (0, True),
        (12, True),
        (INT_LIMIT - 1, True),
        (INT_LIMIT, False),
        (-1, False),
        (True, False),
        (tm.Count(1, 4), False),
        ("3", False),
    ],
    ids=["None", "0", "12", "longest", "too long", "-1", "True", "range", "str"],
)
def test_the_fast_test_of_a_lone_figure(value: Any, plain: bool) -> None:
    """Count fields no rule names take the fast path only as exact ints or None."""
    assert (
        plain_standalone(SimpleNamespace(first=7, second=value), ["first", "second"])
        is plain
    )
    assert (
        plain_standalone(SimpleNamespace(first=value, second=7), ["first", "second"])
        is plain
    )
    assert plain_standalone(SimpleNamespace(first=value), []) is True


# ---------------------------------------------------------------------------
# Breakdowns are frozen fast, into what immutabledict's constructor builds
# ---------------------------------------------------------------------------


def test_the_installed_immutabledict_is_wrapped_fast() -> None:
    assert _figures._WRAP is _figures._wrapped


@given(items=st.dictionaries(st.sampled_from(list(tm.Sex)), st.integers(0, 9)))
def test_a_frozen_dict_is_what_the_constructor_builds(items: dict[Any, int]) -> None:
    frozen = frozen_dict(dict(items))
    reference = immutabledict(items)
    assert type(frozen) is immutabledict
    assert frozen == reference
    assert repr(frozen) == repr(reference)
    assert hash(frozen) == hash(reference)
    assert vars(frozen) == vars(reference)
    assert pickle.loads(pickle.dumps(frozen)) == reference
    assert frozen | {tm.Sex.MALE: 1} == reference | {tm.Sex.MALE: 1}
    with pytest.raises(TypeError):
        frozen[tm.Sex.MALE] = 1  # type: ignore[index]


def test_an_empty_dict_is_frozen_as_the_shared_empty_breakdown() -> None:
    assert frozen_dict({}) is frozen_dict({})


def test_another_layout_of_immutabledict_falls_back_to_its_constructor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def elsewhere(items: dict[Any, Any]) -> immutabledict[Any, Any]:
        frozen: immutabledict[Any, Any] = object.__new__(immutabledict)
        frozen.__dict__["_items"] = items
        return frozen

    monkeypatch.setattr(_figures, "_wrapped", elsewhere)
    assert not _figures._wrapping_works()
