"""The reference example equals the seed's figures, field by field."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

from trafficking_model import (
    AgeGroup,
    CitizenshipCategory,
    ExploitationForm,
    OffenceType,
    Period,
    ReviewKind,
    Sex,
    StakeholderKind,
    TipTier,
)
from trafficking_model.examples import (
    SOURCE,
    azerbaijan_nap_2020_2024,
    azerbaijan_report_2020_2021,
)


def test_report_header() -> None:
    report = azerbaijan_report_2020_2021()
    assert report.country == "AZE"
    assert report.period == Period(start=dt.date(2020, 1, 1), end=dt.date(2021, 12, 31))
    assert report.source == SOURCE
    assert "4 October 2022" in report.source
    assert report.tip_tier is TipTier.TIER_2
    assert report.law_enforcement == ()


def test_report_cases() -> None:
    cases = azerbaijan_report_2020_2021().cases
    assert dict(cases.by_offence) == {
        OffenceType.TRAFFICKING_IN_PERSONS: 311,
        OffenceType.FORCED_LABOUR: 8,
        OffenceType.DOCUMENT_OFFENCE: 83,
    }
    assert cases.total == 311 + 8 + 83


def test_report_prosecution() -> None:
    outcome = azerbaijan_report_2020_2021().prosecution
    assert (outcome.defendants, outcome.indicted, outcome.sentenced) == (35, 28, 28)
    assert (outcome.imprisonment, outcome.conditional, outcome.postponed) == (24, 2, 2)
    assert (outcome.acquitted, outcome.fined) == (0, 0)


def test_report_victims() -> None:
    victims = azerbaijan_report_2020_2021().victims
    assert victims.total == 189
    assert dict(victims.by_sex) == {Sex.FEMALE: 184, Sex.MALE: 5}
    assert dict(victims.by_age_group) == {AgeGroup.CHILD: 2, AgeGroup.ADULT: 187}
    assert dict(victims.by_citizenship) == {
        CitizenshipCategory.NATIONAL: 188,
        CitizenshipCategory.FOREIGN: 1,
    }
    assert dict(victims.by_exploitation) == {
        ExploitationForm.SEXUAL: 179,
        ExploitationForm.FORCED_LABOUR: 10,
    }


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
    "State Committee on Family, Women and Children Affairs": (
        StakeholderKind.STATE_COMMITTEE
    ),
    "Agency for State Support to NGOs": StakeholderKind.STATE_AGENCY,
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
        "35 defendants, 28 indicted, 28 sentenced",
        "imprisonment 24, conditional 2, postponed 2",
        "Victims identified: 189",
        "by sex: Female 184, Male 5",
        "Adult (18 or over) 187, Child (under 18) 2",
        "National 188, Foreign national 1",
        "Sexual exploitation 179, Forced labour 10",
        "US TIP report: Tier 2",
        "Stakeholders: 19",
        (
            "Mid-term review on 2022-10-04, 19 participants, organised by IOM, "
            "funded by USAID"
        ),
        "All figures are consistent",
    ):
        assert expected in out
