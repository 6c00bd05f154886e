"""Aggregating generated records gives valid aggregates whose counts are what the
records say, and those aggregates make a valid country report."""

from __future__ import annotations

from collections import Counter

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from trafficking_model import (
    Case,
    CaseStatistics,
    CitizenshipCategory,
    CountryReport,
    Defendant,
    Disposition,
    IdentificationStatus,
    Period,
    ProsecutionOutcome,
    SexAgeGroup,
    ValidationError,
    Victim,
    VictimStatistics,
)
from trafficking_model import strategies as tms

COUNTRY = "AZE"
PERIOD = Period.from_years(2020, 2021)
victim_records = st.lists(
    tms.victims(country=COUNTRY, period=PERIOD), max_size=30, unique_by=lambda v: v.id
)
case_records = st.lists(tms.cases(period=PERIOD), max_size=20, unique_by=lambda c: c.id)
statuses = st.frozensets(st.sampled_from(IdentificationStatus))


def _valid(value: object) -> None:
    """Check the value again, as construction did."""
    assert attrs.evolve(value) == value


@given(victim_records, statuses)
def test_victim_statistics_count_the_records(
    records: list[Victim], wanted: frozenset[IdentificationStatus]
) -> None:
    statistics = VictimStatistics.from_victims(
        records, country=COUNTRY, statuses=wanted
    )
    _valid(statistics)
    counted = [r for r in records if r.identification in wanted]
    assert statistics.total == len(counted)
    assert statistics.by_sex == Counter(r.sex for r in counted)
    assert statistics.by_age_group == Counter(r.age_group for r in counted)
    assert statistics.by_exploitation == Counter(
        form for r in counted for form in r.exploitation
    )
    expected = Counter(
        CitizenshipCategory.UNKNOWN
        if not r.citizenship
        else CitizenshipCategory.NATIONAL
        if COUNTRY in r.citizenship
        else CitizenshipCategory.FOREIGN
        for r in counted
    )
    assert statistics.by_citizenship == expected
    assert 0 not in statistics.by_sex.values()
    cells = {(cell.sex, cell.age_group): cell for cell in SexAgeGroup}
    assert statistics.by_sex_and_age == Counter(
        cells[r.sex, r.age_group] for r in counted if (r.sex, r.age_group) in cells
    )
    unexploited = any(not r.exploitation for r in counted)
    outside = any((r.sex, r.age_group) not in cells for r in counted)
    assert statistics.partial == (
        ({"by_exploitation"} if unexploited else set())
        | ({"by_sex_and_age"} if outside else set())
    )


@given(victim_records)
def test_victim_statistics_count_presumed_and_identified_by_default(
    records: list[Victim],
) -> None:
    statistics = VictimStatistics.from_victims(records, country=COUNTRY)
    assert statistics.total == sum(
        r.identification is not IdentificationStatus.NOT_A_VICTIM for r in records
    )


@given(case_records)
def test_case_statistics_count_the_records(records: list[Case]) -> None:
    statistics = CaseStatistics.from_cases(records)
    _valid(statistics)
    assert statistics.total == len(records)
    assert statistics.by_offence == Counter(case.offence for case in records)


@given(case_records)
def test_prosecution_outcome_counts_the_defendants_of_the_cases(
    records: list[Case],
) -> None:
    people: list[Defendant] = [d for case in records for d in case.defendants]
    outcome = ProsecutionOutcome.from_defendants(people)
    _valid(outcome)
    tally = Counter(d.disposition for d in people)
    assert outcome.defendants == len(people)
    assert outcome.indicted == sum(d.indicted for d in people)
    assert outcome.sentenced == sum(n for d, n in tally.items() if d.is_sentence)
    assert outcome.acquitted == tally[Disposition.ACQUITTED]
    assert outcome.imprisonment == tally[Disposition.IMPRISONMENT]
    assert outcome.conditional == tally[Disposition.CONDITIONAL_SENTENCE]
    assert outcome.postponed == tally[Disposition.POSTPONED_PUNISHMENT]
    assert outcome.fined == tally[Disposition.FINE]
    undecided = (Disposition.PENDING, Disposition.DISMISSED)
    assert outcome.pending == sum(
        d.indicted and d.disposition in undecided for d in people
    )


@given(victim_records, case_records, st.text(min_size=1).filter(str.strip))
def test_aggregates_of_records_make_a_valid_report(
    victims: list[Victim], cases: list[Case], source: str
) -> None:
    report = CountryReport(
        country=COUNTRY,
        period=PERIOD,
        source=source,
        cases=CaseStatistics.from_cases(cases),
        prosecution=ProsecutionOutcome.from_defendants(
            d for case in cases for d in case.defendants
        ),
        victims=VictimStatistics.from_victims(victims, country=COUNTRY),
    )
    _valid(report)


@given(st.data())
def test_records_with_a_repeated_id_are_refused(data: st.DataObject) -> None:
    victims = data.draw(st.lists(tms.victims(), min_size=1, max_size=3))
    twin = attrs.evolve(
        data.draw(tms.victims()), id=data.draw(st.sampled_from(victims)).id
    )
    records = data.draw(st.permutations([*victims, twin]))
    with pytest.raises(ValidationError) as caught:
        VictimStatistics.from_victims(records, country=COUNTRY)
    assert {p.rule for p in caught.value.problems} == {"unique_ids"}
    cases = data.draw(st.lists(tms.cases(max_defendants=1), min_size=1, max_size=3))
    twin_case = attrs.evolve(
        data.draw(tms.cases(max_defendants=1)), id=data.draw(st.sampled_from(cases)).id
    )
    with pytest.raises(ValidationError) as caught:
        CaseStatistics.from_cases([*cases, twin_case])
    assert {p.rule for p in caught.value.problems} == {"unique_ids"}
