"""The reference example equals the seed's figures, field by field."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from collections.abc import Iterator, Mapping

import attrs

from trafficking_model import (
    AgeGroup,
    CitizenshipCategory,
    ExploitationForm,
    OffenceType,
    Period,
    ReviewKind,
    Sex,
    StakeholderKind,
)
from trafficking_model.examples import (
    SOURCE,
    azerbaijan_nap_2020_2024,
    azerbaijan_report_2020_2021,
)

# The seed: IOM Azerbaijan's news item of 4 October 2022, in its own words.
SEED = {
    "cases": (
        "311 cases of human trafficking, 8 cases of forced labor, as well as 83 "
        "crimes related to illegal actions with documents for the purpose of "
        "human trafficking"
    ),
    "defendants": "35 defendants",
    "court": (
        "out of 28 people indicted by the courts, 24 were sentenced to "
        "imprisonment, 2 were given conditional sentences, and the punishment "
        "of 2 people was postponed"
    ),
    "victims": (
        "189 identified (184 women, 5 men, including 2 children; 188 citizens "
        "and 1 foreigner); 179 sexually exploited, 10 subjected to labour "
        "exploitation"
    ),
    "tier": "the latest US TIP report placed Azerbaijan on Tier 2",
}
SEED_NUMBERS = {int(n) for quote in SEED.values() for n in re.findall(r"\d+", quote)}


def _stated(obj: object, prefix: str) -> Iterator[tuple[str, int]]:
    """Every exact figure of an aggregate that is not marked derived."""
    derived = getattr(obj, "derived", frozenset())
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        if type(value) is int and field.name not in derived:
            yield f"{prefix}.{field.name}", value
        elif isinstance(value, Mapping):
            for member, count in value.items():
                name = f"{field.name}.{member.value}"
                if type(count) is int and name not in derived:
                    yield f"{prefix}.{name}", count


def test_every_stated_figure_is_a_number_of_the_seed() -> None:
    report = azerbaijan_report_2020_2021()
    stated = [
        *_stated(report.cases, "cases"),
        *_stated(report.prosecution, "prosecution"),
        *_stated(report.victims, "victims"),
    ]
    assert len(stated) == 16
    for path, value in stated:
        assert value in SEED_NUMBERS, f"{path} = {value} is not in the seed"


def test_report_header() -> None:
    report = azerbaijan_report_2020_2021()
    assert report.country == "AZE"
    assert report.period == Period(start=dt.date(2020, 1, 1), end=dt.date(2021, 12, 31))
    assert report.source == SOURCE
    assert "4 October 2022" in report.source
    # the seed's "latest TIP report" is the 2022 report, not a 2020-2021 figure
    assert report.tip_tier is None
    assert report.law_enforcement == ()


def test_report_cases() -> None:
    # the seed's sentence on cases gives three figures, and no total
    cases = azerbaijan_report_2020_2021().cases
    assert cases is not None
    assert dict(cases.by_offence) == {
        OffenceType.TRAFFICKING_IN_PERSONS: 311,
        OffenceType.FORCED_LABOUR: 8,
        OffenceType.DOCUMENT_OFFENCE: 83,
    }
    assert cases.total == 311 + 8 + 83
    assert cases.derived == {"total"}


def test_report_prosecution() -> None:
    # SEED["defendants"] and SEED["court"]; 28 sentenced is 24 + 2 + 2, derived
    outcome = azerbaijan_report_2020_2021().prosecution
    assert outcome is not None
    assert (outcome.defendants, outcome.indicted, outcome.sentenced) == (35, 28, 28)
    assert (outcome.imprisonment, outcome.conditional, outcome.postponed) == (24, 2, 2)
    assert outcome.derived == {"sentenced"}
    # the seed gives no acquittals and no fines: not reported, never 0
    assert (outcome.acquitted, outcome.fined) == (None, None)
    assert outcome.pending == 0


def test_report_victims() -> None:
    # the figures of the seed's sentence on victims
    victims = azerbaijan_report_2020_2021().victims
    assert victims is not None
    assert victims.total == 189
    assert dict(victims.by_sex) == {Sex.FEMALE: 184, Sex.MALE: 5}
    # "including 2 children": the number of adults is not given
    assert dict(victims.by_age_group) == {AgeGroup.CHILD: 2}
    assert victims.partial == {"by_age_group"}
    assert dict(victims.by_citizenship) == {
        CitizenshipCategory.NATIONAL: 188,
        CitizenshipCategory.FOREIGN: 1,
    }
    assert dict(victims.by_exploitation) == {
        ExploitationForm.SEXUAL: 179,
        ExploitationForm.FORCED_LABOUR: 10,
    }
    assert victims.derived == frozenset()


def test_examples_are_equal_on_every_call() -> None:
    assert azerbaijan_report_2020_2021() == azerbaijan_report_2020_2021()
    assert azerbaijan_nap_2020_2024() == azerbaijan_nap_2020_2024()
    assert hash(azerbaijan_nap_2020_2024()) == hash(azerbaijan_nap_2020_2024())


EXPECTED_BODIES = {
    "Ministry of Internal Affairs": StakeholderKind.LAW_ENFORCEMENT,
    "State Migration Service": StakeholderKind.STATE_AGENCY,
    "Commissioner for Human Rights (Ombudsman)": StakeholderKind.OMBUDSMAN,
    "Ministry of Labour and Social Protection of the Population": (
        StakeholderKind.MINISTRY
    ),
    "State Border Service": StakeholderKind.BORDER_SERVICE,
    "State Committee on Woman, Family and Child Affairs": (
        StakeholderKind.STATE_COMMITTEE
    ),
    "Agency on State Support to Non-Governmental Organizations": (
        StakeholderKind.STATE_AGENCY
    ),
    "General Prosecutor's Office": StakeholderKind.PROSECUTION_SERVICE,
    "Bar Association": StakeholderKind.LEGAL_PROFESSION,
    "State Security Service": StakeholderKind.LAW_ENFORCEMENT,
    "Ministry of Foreign Affairs": StakeholderKind.MINISTRY,
    "Ministry of Science and Education": StakeholderKind.MINISTRY,
    "Ministry of Youth and Sports": StakeholderKind.MINISTRY,
    "Supreme Court": StakeholderKind.JUDICIARY,
    "Ministry of Justice": StakeholderKind.MINISTRY,
    "UN Resident Coordinator's Office": StakeholderKind.UN_SYSTEM,
    "Civil society organisations": StakeholderKind.CIVIL_SOCIETY,
    "International Organization for Migration": (
        StakeholderKind.INTERNATIONAL_ORGANIZATION
    ),
    "United States Agency for International Development": StakeholderKind.DONOR,
}


def test_plan() -> None:
    plan = azerbaijan_nap_2020_2024()
    assert plan.country == "AZE"
    assert plan.period == Period.from_years(2020, 2024)
    assert "4th National Action Plan on Combating Trafficking in Persons" in plan.title
    assert {s.name: s.kind for s in plan.stakeholders} == EXPECTED_BODIES
    assert plan.measures == ()
    # the number of bodies is counted from the plan, never asserted in prose
    assert all("18" not in (review.summary or "") for review in plan.reviews)


def test_plan_mid_term_review() -> None:
    plan = azerbaijan_nap_2020_2024()
    (review,) = plan.reviews
    assert review.date == dt.date(2022, 10, 4)
    assert review.kind is ReviewKind.MID_TERM
    assert review.participants == {s.id for s in plan.stakeholders}
    organizer = plan.stakeholder(review.organizer or "")
    funder = plan.stakeholder(review.funder or "")
    assert organizer is not None
    assert organizer.acronym == "IOM"
    assert funder is not None
    assert funder.acronym == "USAID"


def test_command_line_validates_and_summarises_the_example() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "trafficking_model"],
        capture_output=True,
        text=True,
        check=True,
    )
    out = result.stdout
    assert result.stderr == ""
    for expected in (
        "Country report: AZE, 2020-01-01/2021-12-31",
        "Trafficking in persons 311",
        "Forced labour 8",
        "for the purpose of trafficking 83",
        "Cases: 402 (derived)",
        "defendants 35, indicted 28, sentenced 28 (derived), acquitted not reported",
        "imprisonment 24, conditional 2, postponed 2",
        "Victims identified: 189",
        "by sex: Female 184, Male 5",
        "by age group: Child (under 18) 2 (partial)",
        "National 188, Foreign national 1",
        "Sexual exploitation 179, Forced labour 10",
        "Stakeholders: 19",
        (
            "Mid-term review on 2022-10-04, 19 participants, organised by IOM, "
            "funded by USAID"
        ),
        "All figures are consistent",
    ):
        assert expected in out
    assert "Tier" not in out
    assert "fined" not in out
