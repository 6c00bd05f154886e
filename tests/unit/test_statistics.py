"""Aggregates and the country report: every rule both ways, and aggregation."""

from __future__ import annotations

import collections
import datetime as dt
import types
from typing import Any

import attrs
import pytest
from immutabledict import immutabledict

from serialization_helpers import only_problem
from trafficking_model import (
    AgeGroup,
    Case,
    CaseStatistics,
    CitizenshipCategory,
    Count,
    CountryReport,
    Defendant,
    Disposition,
    ExploitationForm,
    IdentificationStatus,
    LawEnforcementFigures,
    OffenceType,
    Period,
    ProsecutionOutcome,
    Sex,
    SexAgeGroup,
    TipTier,
    ValidationError,
    Victim,
    VictimStatistics,
)

# --- CaseStatistics ---------------------------------------------------------


def test_case_statistics_total_defaults_to_the_sum() -> None:
    statistics = CaseStatistics(
        by_offence={OffenceType.TRAFFICKING_IN_PERSONS: 311, OffenceType.OTHER: 0}
    )
    assert statistics.total == 311
    assert statistics.derived == {"total"}
    # no breakdown, no total: not reported, never 0
    assert CaseStatistics().total is None
    assert CaseStatistics().derived == frozenset()
    assert CaseStatistics(total=12).by_offence == {}
    # a stated total is not derived
    assert CaseStatistics(total=311, by_offence=statistics.by_offence).derived == set()


def test_case_statistics_breakdowns_are_immutable_and_hashable() -> None:
    counts = {OffenceType.FORCED_LABOUR: 8}
    statistics = CaseStatistics(by_offence=counts)
    counts[OffenceType.FORCED_LABOUR] = 9
    assert statistics.by_offence == {OffenceType.FORCED_LABOUR: 8}
    assert isinstance(statistics.by_offence, immutabledict)
    assert hash(statistics) == hash(
        CaseStatistics(by_offence=dict(statistics.by_offence))
    )


@pytest.mark.parametrize(
    "mapping",
    [dict, types.MappingProxyType, collections.OrderedDict, collections.Counter],
    ids=lambda kind: kind.__name__,
)
def test_any_mapping_is_stored_as_an_immutabledict(mapping: Any) -> None:
    given = mapping({Sex.FEMALE: 184, Sex.MALE: 5})
    statistics = VictimStatistics(total=189, by_sex=given)
    assert type(statistics.by_sex) is immutabledict
    assert statistics.by_sex == {Sex.FEMALE: 184, Sex.MALE: 5}
    cases = CaseStatistics(by_offence=mapping({OffenceType.FORCED_LABOUR: 8}))
    assert type(cases.by_offence) is immutabledict
    hash(statistics)
    hash(cases)


def test_a_frozen_breakdown_is_kept_and_the_ones_after_it_are_frozen() -> None:
    by_sex = immutabledict({Sex.FEMALE: 184, Sex.MALE: 5})
    statistics = VictimStatistics(
        total=189,
        by_sex=by_sex,
        by_age_group={AgeGroup.ADULT: 187, AgeGroup.CHILD: 2},
        by_exploitation=types.MappingProxyType(
            {ExploitationForm.SEXUAL: 179, ExploitationForm.FORCED_LABOUR: 10}
        ),
    )
    assert statistics.by_sex is by_sex  # already immutable: not copied
    assert type(statistics.by_age_group) is immutabledict
    assert type(statistics.by_exploitation) is immutabledict
    hash(statistics)


@pytest.mark.parametrize(
    ("kwargs", "rule", "path", "message"),
    [
        (
            {"total": 10, "by_offence": {OffenceType.FORCED_LABOUR: 8}},
            "breakdown_sum",
            "$.by_offence",
            "counts sum to 8 but total is 10",
        ),
        ({"total": -1}, "non_negative", "$.total", "-1 is negative"),
        ({"total": "3"}, "type", "$.total", "expected int"),
        (
            {"by_offence": {OffenceType.FORCED_LABOUR: -8}},
            "non_negative",
            "$.by_offence.forced_labour",
            "-8 is negative",
        ),
        (
            {"by_offence": {"forced_labour": 8}},
            "type",
            "$.by_offence",
            "key of type str is not a OffenceType",
        ),
        (
            {"by_offence": {OffenceType.FORCED_LABOUR: True}},
            "type",
            "$.by_offence.forced_labour",
            "bool",
        ),
        (
            {"by_offence": [(OffenceType.FORCED_LABOUR, 8)]},
            "type",
            "$.by_offence",
            "list",
        ),
    ],
)
def test_case_statistics_rejects(
    rejects: Any, kwargs: dict[str, object], rule: str, path: str, message: str
) -> None:
    rejects(lambda: CaseStatistics(**kwargs), rule, path, message)  # type: ignore[arg-type]


# --- ProsecutionOutcome -----------------------------------------------------


def test_prosecution_accepts_the_funnel_at_its_limits() -> None:
    assert ProsecutionOutcome(defendants=0, indicted=0, sentenced=0).pending == 0
    full = ProsecutionOutcome(
        defendants=5,
        indicted=5,
        sentenced=3,
        acquitted=2,
        imprisonment=1,
        conditional=1,
        postponed=0,
        fined=1,
    )
    assert full.pending == 0
    partial_split = ProsecutionOutcome(
        defendants=35, indicted=28, sentenced=28, imprisonment=24
    )
    # a kind of sentence the source does not give is not reported, never 0
    assert partial_split.conditional is None
    assert partial_split.acquitted is None
    # 28 sentenced of 28 indicted: nobody was acquitted or is pending
    assert partial_split.pending == 0


@pytest.mark.parametrize(
    ("kwargs", "rule", "path", "message"),
    [
        (
            {"defendants": 27, "indicted": 28, "sentenced": 0},
            "indicted_within_defendants",
            "$.indicted",
            "indicted (28) exceeds defendants (27)",
        ),
        (
            {"defendants": 35, "indicted": 28, "sentenced": 30},
            "sentenced_within_indicted",
            "$.sentenced",
            "sentenced + acquitted (30) exceeds indicted (28)",
        ),
        (
            {"defendants": 35, "indicted": 28, "sentenced": 20, "acquitted": 9},
            "sentenced_within_indicted",
            "$.sentenced",
            "sentenced + acquitted (29) exceeds indicted (28)",
        ),
        (
            {
                "defendants": 35,
                "indicted": 28,
                "sentenced": 28,
                "imprisonment": 24,
                "conditional": 2,
                "postponed": 2,
                "fined": 1,
            },
            "sentence_split_within_sentenced",
            "$.imprisonment",
            "imprisonment + conditional + postponed + fined (29) exceeds sentenced (28)",
        ),
        (
            {"defendants": 1, "indicted": 0, "sentenced": 0, "fined": -1},
            "non_negative",
            "$.fined",
            "-1 is negative",
        ),
        (
            {"defendants": 1.0, "indicted": 0, "sentenced": 0},
            "type",
            "$.defendants",
            "expected int, Count or None, got float",
        ),
    ],
)
def test_prosecution_rejects(
    rejects: Any, kwargs: dict[str, object], rule: str, path: str, message: str
) -> None:
    rejects(lambda: ProsecutionOutcome(**kwargs), rule, path, message)  # type: ignore[arg-type]


def test_prosecution_reports_every_broken_funnel_rule() -> None:
    with pytest.raises(ValidationError) as caught:
        ProsecutionOutcome(defendants=1, indicted=2, sentenced=3, imprisonment=4)
    assert [p.rule for p in caught.value.problems] == [
        "indicted_within_defendants",
        "sentenced_within_indicted",
        "sentence_split_within_sentenced",
    ]


# --- VictimStatistics -------------------------------------------------------

SEED_VICTIMS: dict[str, Any] = {
    "total": 189,
    "by_sex": {Sex.FEMALE: 184, Sex.MALE: 5},
    "by_age_group": {AgeGroup.CHILD: 2, AgeGroup.ADULT: 187},
    "by_citizenship": {
        CitizenshipCategory.NATIONAL: 188,
        CitizenshipCategory.FOREIGN: 1,
    },
    "by_exploitation": {
        ExploitationForm.SEXUAL: 179,
        ExploitationForm.FORCED_LABOUR: 10,
    },
}


def test_victim_statistics_accepts_consistent_breakdowns() -> None:
    statistics = VictimStatistics(**SEED_VICTIMS)
    assert statistics.by_sex.get(Sex.OTHER, 0) == 0
    assert VictimStatistics(total=4).by_sex == {}
    several_forms = VictimStatistics(
        total=2,
        by_exploitation={ExploitationForm.SEXUAL: 2, ExploitationForm.FORCED_LABOUR: 2},
    )
    assert sum(several_forms.by_exploitation.values()) == 4


@pytest.mark.parametrize(
    ("changes", "rule", "path", "message"),
    [
        (
            {"by_sex": {Sex.FEMALE: 185, Sex.MALE: 5}},
            "breakdown_sum",
            "$.by_sex",
            "counts sum to 190 but total is 189",
        ),
        (
            {"by_age_group": {AgeGroup.CHILD: 2}},
            "breakdown_sum",
            "$.by_age_group",
            "counts sum to 2 but total is 189",
        ),
        (
            {"by_citizenship": {CitizenshipCategory.STATELESS: 190}},
            "breakdown_sum",
            "$.by_citizenship",
            "counts sum to 190 but total is 189",
        ),
        (
            {"by_exploitation": {ExploitationForm.SEXUAL: 190}},
            "exploitation_within_total",
            "$.by_exploitation.sexual",
            "sexual (190) exceeds total (189)",
        ),
        (
            {"by_exploitation": {ExploitationForm.SEXUAL: 179}},
            "exploitation_covers_total",
            "$.by_exploitation",
            "counts sum to 179, less than total (189)",
        ),
        ({"by_sex": {Sex.FEMALE: -1}}, "non_negative", "$.by_sex.female", ""),
        ({"by_sex": {AgeGroup.ADULT: 189}}, "type", "$.by_sex", "is not a Sex"),
        ({"total": "189"}, "type", "$.total", "expected int"),
        ({"total": -189}, "non_negative", "$.total", ""),
        ({"by_exploitation": None}, "type", "$.by_exploitation", "mapping"),
    ],
)
def test_victim_statistics_rejects(
    rejects: Any, changes: dict[str, object], rule: str, path: str, message: str
) -> None:
    rejects(lambda: VictimStatistics(**(SEED_VICTIMS | changes)), rule, path, message)


# --- LawEnforcementFigures --------------------------------------------------

FIGURES: dict[str, Any] = {
    "year": 2021,
    "investigations": 40,
    "prosecutions": 25,
    "convictions": 30,
    "victims_identified": 100,
}


def test_law_enforcement_has_no_funnel_rule() -> None:
    figures = LawEnforcementFigures(**FIGURES, labour_convictions=30)
    assert figures.convictions > figures.prosecutions
    assert figures.labour_investigations is None


@pytest.mark.parametrize(
    "name", ["investigations", "prosecutions", "convictions", "victims_identified"]
)
def test_law_enforcement_labour_subset_within_total(rejects: Any, name: str) -> None:
    total = FIGURES[name]
    rejects(
        lambda: LawEnforcementFigures(**FIGURES, **{f"labour_{name}": total + 1}),
        "labour_within_total",
        f"$.labour_{name}",
        f"labour_{name} ({total + 1}) exceeds {name} ({total})",
    )


@pytest.mark.parametrize(
    ("changes", "rule", "path"),
    [
        ({"year": 1899}, "range", "$.year"),
        ({"year": 2101}, "range", "$.year"),
        ({"year": "2021"}, "type", "$.year"),
        ({"investigations": -1}, "non_negative", "$.investigations"),
        ({"labour_prosecutions": -1}, "non_negative", "$.labour_prosecutions"),
        ({"labour_victims_identified": 1.5}, "type", "$.labour_victims_identified"),
    ],
)
def test_law_enforcement_rejects(
    rejects: Any, changes: dict[str, object], rule: str, path: str
) -> None:
    rejects(lambda: LawEnforcementFigures(**(FIGURES | changes)), rule, path)


# --- CountryReport ----------------------------------------------------------


def _report(**changes: Any) -> CountryReport:
    fields: dict[str, Any] = {
        "country": "AZE",
        "period": Period.from_years(2020, 2021),
        "source": "Test source",
        "cases": CaseStatistics(by_offence={OffenceType.FORCED_LABOUR: 8}),
        "prosecution": ProsecutionOutcome(defendants=3, indicted=2, sentenced=1),
        "victims": VictimStatistics(**SEED_VICTIMS),
    }
    return CountryReport(**(fields | changes))


def test_report_accepts_yearly_figures_within_its_period() -> None:
    report = _report(
        tip_tier=TipTier.TIER_2_WATCH_LIST,
        law_enforcement=(
            LawEnforcementFigures(**FIGURES),
            LawEnforcementFigures(**(FIGURES | {"year": 2020})),
        ),
    )
    assert [f.year for f in report.law_enforcement] == [2021, 2020]
    assert _report().tip_tier is None


@pytest.mark.parametrize(
    ("changes", "rule", "path"),
    [
        ({"country": "Azerbaijan"}, "country_code", "$.country"),
        ({"source": ""}, "not_blank", "$.source"),
        ({"period": "2020/2021"}, "type", "$.period"),
        ({"cases": {"total": 3}}, "type", "$.cases"),
        ({"prosecution": "28"}, "type", "$.prosecution"),
        ({"victims": 189}, "type", "$.victims"),
        ({"tip_tier": "tier_2"}, "type", "$.tip_tier"),
        (
            {"law_enforcement": (LawEnforcementFigures(**(FIGURES | {"year": 2022})),)},
            "within_report_period",
            "$.law_enforcement[0].year",
        ),
        (
            {"law_enforcement": (LawEnforcementFigures(**FIGURES),) * 2},
            "unique_years",
            "$.law_enforcement[1].year",
        ),
        (
            {"law_enforcement": {LawEnforcementFigures(**FIGURES)}},
            "type",
            "$.law_enforcement",
        ),
    ],
)
def test_report_rejects(
    rejects: Any, changes: dict[str, object], rule: str, path: str
) -> None:
    rejects(lambda: _report(**changes), rule, path)


# --- Aggregation ------------------------------------------------------------


def _person(number: int, **changes: Any) -> Victim:
    fields: dict[str, Any] = {
        "id": f"V-{number}",
        "sex": Sex.FEMALE,
        "age_group": AgeGroup.ADULT,
        "exploitation": frozenset({ExploitationForm.SEXUAL}),
        "identification": IdentificationStatus.FORMALLY_IDENTIFIED,
    }
    return Victim(**(fields | changes))


def test_from_victims_counts_every_breakdown() -> None:
    victims = [
        _person(1, citizenship=frozenset({"AZE", "RUS"})),
        _person(
            2,
            citizenship=frozenset({"GEO"}),
            sex=Sex.MALE,
            age=15,
            age_group=AgeGroup.CHILD,
        ),
        _person(
            3,
            exploitation=frozenset(
                {ExploitationForm.SEXUAL, ExploitationForm.FORCED_LABOUR}
            ),
            identification=IdentificationStatus.PRESUMED,
        ),
        _person(4, identification=IdentificationStatus.NOT_A_VICTIM),
    ]
    statistics = VictimStatistics.from_victims(victims, country="AZE")
    assert statistics == VictimStatistics(
        total=3,
        by_sex={Sex.FEMALE: 2, Sex.MALE: 1},
        by_age_group={AgeGroup.ADULT: 2, AgeGroup.CHILD: 1},
        by_citizenship={
            CitizenshipCategory.NATIONAL: 1,
            CitizenshipCategory.FOREIGN: 1,
            CitizenshipCategory.UNKNOWN: 1,
        },
        by_exploitation={ExploitationForm.SEXUAL: 3, ExploitationForm.FORCED_LABOUR: 1},
        by_sex_and_age={SexAgeGroup.WOMEN: 2, SexAgeGroup.BOYS: 1},
    )
    everyone = VictimStatistics.from_victims(
        victims, country="AZE", statuses=list(IdentificationStatus)
    )
    assert everyone.total == 4
    assert everyone.partial == frozenset()
    assert list(statistics.by_sex) == [Sex.FEMALE, Sex.MALE]


def test_from_victims_with_people_screened_out_has_a_partial_exploitation() -> None:
    screened = _person(
        5, identification=IdentificationStatus.NOT_A_VICTIM, exploitation=frozenset()
    )
    everyone = VictimStatistics.from_victims(
        [_person(1), screened], country="AZE", statuses=list(IdentificationStatus)
    )
    assert everyone.total == 2
    assert everyone.by_exploitation == {ExploitationForm.SEXUAL: 1}
    assert everyone.partial == {"by_exploitation"}


def test_from_victims_of_nothing_is_empty() -> None:
    assert VictimStatistics.from_victims([], country="AZE") == VictimStatistics(total=0)


def test_from_victims_rejects_bad_input(rejects: Any) -> None:
    rejects(
        lambda: VictimStatistics.from_victims([_person(1)], country="Azerbaijan"),
        "country_code",
        "$.country",
    )
    rejects(
        lambda: VictimStatistics.from_victims([_person(1), _person(1)], country="AZE"),
        "unique_ids",
        "$[1].id",
        "duplicate victim id, as at [0]",
    )
    rejects(
        lambda: VictimStatistics.from_victims([_person(1), "V-2"], country="AZE"),  # type: ignore[list-item]
        "type",
        "$[1]",
        "expected Victim",
    )


def _case(number: int, offence: OffenceType) -> Case:
    return Case(id=f"C-{number}", offence=offence, registered_on=dt.date(2021, 1, 1))


def test_from_cases() -> None:
    cases = [
        _case(1, OffenceType.FORCED_LABOUR),
        _case(2, OffenceType.DOCUMENT_OFFENCE),
        _case(3, OffenceType.FORCED_LABOUR),
    ]
    assert CaseStatistics.from_cases(iter(cases)) == CaseStatistics(
        total=3,
        by_offence={OffenceType.FORCED_LABOUR: 2, OffenceType.DOCUMENT_OFFENCE: 1},
    )
    assert CaseStatistics.from_cases([]) == CaseStatistics(total=0)


def test_from_cases_rejects_duplicates(rejects: Any) -> None:
    rejects(
        lambda: CaseStatistics.from_cases([_case(1, OffenceType.OTHER)] * 2),
        "unique_ids",
        "$[1].id",
        "duplicate case id, as at [0]",
    )


def _accused(number: int, disposition: Disposition, indicted: bool = True) -> Defendant:
    months = 24 if disposition is Disposition.IMPRISONMENT else None
    return Defendant(
        id=str(number),
        sex=Sex.MALE,
        indicted=indicted,
        disposition=disposition,
        sentence_months=months,
    )


def test_from_defendants_rebuilds_the_seed_funnel() -> None:
    defendants = [
        *(_accused(n, Disposition.IMPRISONMENT) for n in range(24)),
        *(_accused(n, Disposition.CONDITIONAL_SENTENCE) for n in range(24, 26)),
        *(_accused(n, Disposition.POSTPONED_PUNISHMENT) for n in range(26, 28)),
        *(_accused(n, Disposition.PENDING, indicted=False) for n in range(28, 35)),
    ]
    # counted from records, every figure is exact: none acquitted, none fined
    assert ProsecutionOutcome.from_defendants(defendants) == ProsecutionOutcome(
        defendants=35,
        indicted=28,
        sentenced=28,
        acquitted=0,
        imprisonment=24,
        conditional=2,
        postponed=2,
        fined=0,
    )


def test_from_defendants_counts_each_outcome() -> None:
    defendants = [_accused(n, d) for n, d in enumerate(Disposition)]
    outcome = ProsecutionOutcome.from_defendants(defendants)
    assert attrs.asdict(outcome) == {
        "defendants": 8,
        "indicted": 8,
        "sentenced": 5,
        "acquitted": 1,
        "imprisonment": 1,
        "conditional": 1,
        "postponed": 1,
        "fined": 1,
        "derived": frozenset(),
    }
    assert outcome.pending == 2


def test_from_defendants_rejects_non_defendants(rejects: Any) -> None:
    rejects(
        lambda: ProsecutionOutcome.from_defendants([{"id": "1"}]),  # type: ignore[list-item]
        "type",
        "$[0]",
        "expected Defendant",
    )


# The sex by age cross-tab against its margins


def _cross(**kwargs: Any) -> VictimStatistics:
    return VictimStatistics(
        total=10,
        by_sex={Sex.FEMALE: 6, Sex.MALE: 4},
        by_age_group={AgeGroup.ADULT: 7, AgeGroup.CHILD: 3},
        **kwargs,
    )


def test_a_cross_tab_that_agrees_with_its_margins_is_accepted() -> None:
    cells = {
        SexAgeGroup.WOMEN: 4,
        SexAgeGroup.MEN: 3,
        SexAgeGroup.GIRLS: 2,
        SexAgeGroup.BOYS: 1,
    }
    assert _cross(by_sex_and_age=cells).by_sex_and_age == cells
    suppressed = {**cells, SexAgeGroup.BOYS: Count(0, 4)}
    assert _cross(by_sex_and_age=suppressed).by_sex_and_age[SexAgeGroup.BOYS] == Count(
        0, 4
    )
    partial = _cross(
        by_sex_and_age={SexAgeGroup.GIRLS: 2}, partial=frozenset({"by_sex_and_age"})
    )
    assert partial.by_sex_and_age == {SexAgeGroup.GIRLS: 2}


def test_cells_above_their_margin_are_rejected() -> None:
    assert only_problem(
        lambda: _cross(
            by_sex_and_age={SexAgeGroup.GIRLS: 3, SexAgeGroup.BOYS: Count(1, 4)},
            partial=frozenset({"by_sex_and_age"}),
        )
    ) == (
        "$.by_sex_and_age",
        "sex_age_within_margin",
        "girls and boys sum to at least 4, more than by_age_group.child (3)",
    )


def test_a_complete_cross_tab_must_reach_each_margin_given() -> None:
    assert only_problem(
        lambda: VictimStatistics(
            total=10,
            by_sex={Sex.FEMALE: 7},
            by_sex_and_age={SexAgeGroup.WOMEN: 5, SexAgeGroup.MEN: 5},
            partial=frozenset({"by_sex"}),
        )
    ) == (
        "$.by_sex_and_age",
        "sex_age_matches_margin",
        (
            "women and girls sum to 5, less than by_sex.female (7); "
            "a complete by_sex_and_age counts every victim"
        ),
    )


_WITHIN = "sex_age_within_margin"
_MATCHES = "sex_age_matches_margin"


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (  # the ages agree, the sexes do not
            {
                SexAgeGroup.WOMEN: 5,
                SexAgeGroup.MEN: 2,
                SexAgeGroup.GIRLS: 2,
                SexAgeGroup.BOYS: 1,
            },
            [
                (_WITHIN, "women and girls sum to 7"),
                (_MATCHES, "men and boys sum to 3"),
            ],
        ),
        (  # the sexes agree, the ages do not
            {
                SexAgeGroup.WOMEN: 5,
                SexAgeGroup.MEN: 3,
                SexAgeGroup.GIRLS: 1,
                SexAgeGroup.BOYS: 1,
            },
            [
                (_WITHIN, "women and men sum to 8"),
                (_MATCHES, "girls and boys sum to 2"),
            ],
        ),
        (  # each margin holds what the cells give its other member
            {
                SexAgeGroup.WOMEN: 0,
                SexAgeGroup.MEN: 3,
                SexAgeGroup.GIRLS: 4,
                SexAgeGroup.BOYS: 3,
            },
            [
                (_MATCHES, "women and girls sum to 4"),
                (_WITHIN, "men and boys sum to 6"),
                (_MATCHES, "women and men sum to 3"),
                (_WITHIN, "girls and boys sum to 7"),
            ],
        ),
    ],
    ids=["by sex", "by age group", "swapped"],
)
def test_an_exact_complete_cross_tab_off_a_margin_is_rejected(
    cells: dict[SexAgeGroup, int], expected: list[tuple[str, str]]
) -> None:
    """Every figure exact and nothing partial: the fast path sees it first."""
    with pytest.raises(ValidationError) as raised:
        _cross(by_sex_and_age=cells)
    found = [
        (problem.path, problem.rule, problem.message[: len(start)])
        for problem, (_, start) in zip(raised.value.problems, expected, strict=True)
    ]
    assert found == [("$.by_sex_and_age", rule, start) for rule, start in expected]


@pytest.mark.parametrize(
    ("margin", "cells", "start"),
    [
        (  # the cells' women are nowhere in the sex margin
            {"by_sex": {Sex.UNKNOWN: 5}},
            {SexAgeGroup.WOMEN: 5},
            "women and girls sum to 5, more than by_sex.female (0)",
        ),
        (  # the cells' adults are nowhere in the age margin
            {"by_age_group": {AgeGroup.UNKNOWN: 5}},
            {SexAgeGroup.WOMEN: 5},
            "women and men sum to 5, more than by_age_group.adult (0)",
        ),
        (  # one man in the cells, none in the sex margin
            {"by_sex": {Sex.FEMALE: 4, Sex.UNKNOWN: 1}},
            {SexAgeGroup.WOMEN: 4, SexAgeGroup.MEN: 1},
            "men and boys sum to 1, more than by_sex.male (0)",
        ),
        (  # one girl in the cells, no child in the age margin
            {"by_age_group": {AgeGroup.ADULT: 4, AgeGroup.UNKNOWN: 1}},
            {SexAgeGroup.WOMEN: 4, SexAgeGroup.GIRLS: 1},
            "girls and boys sum to 1, more than by_age_group.child (0)",
        ),
    ],
    ids=["sex unknown", "age unknown", "no man", "no child"],
)
def test_a_cell_member_left_out_of_a_complete_margin_is_rejected(
    margin: dict[str, Any], cells: dict[SexAgeGroup, int], start: str
) -> None:
    """A member missing from a complete margin counts 0 victims, on every path."""
    assert only_problem(
        lambda: VictimStatistics(total=5, by_sex_and_age=cells, **margin)
    ) == ("$.by_sex_and_age", _WITHIN, start)


def test_a_member_missing_from_a_partial_margin_is_not_checked() -> None:
    statistics = VictimStatistics(
        total=10,
        by_sex={Sex.FEMALE: 7},
        by_sex_and_age={SexAgeGroup.WOMEN: 7, SexAgeGroup.MEN: 3},
        partial=frozenset({"by_sex"}),
    )
    assert statistics.by_sex_and_age[SexAgeGroup.MEN] == 3


def test_from_victims_marks_the_cross_tab_partial_for_unknown_sex_or_age() -> None:
    victims = [
        _person(1, sex=Sex.UNKNOWN),
        _person(2, sex=Sex.MALE, age=15, age_group=AgeGroup.CHILD),
    ]
    statistics = VictimStatistics.from_victims(victims, country="AZE")
    assert statistics.by_sex_and_age == {SexAgeGroup.BOYS: 1}
    assert "by_sex_and_age" in statistics.partial
