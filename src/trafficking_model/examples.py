"""The reference example: Azerbaijan's figures for 2020-2021 and its 4th NAP.

The figures come from IOM Azerbaijan's news item of 4 October 2022 on the
mid-term review of the 4th National Action Plan on Combating Trafficking in
Persons 2020-2024: a round table with state bodies, civil society and donors,
organised by IOM and funded by USAID. Nothing here goes beyond what that source
says: a sum it does not make is marked derived, a figure it does not give is
`None` (not reported), and every name is written as the source writes it. It
names no measures of the plan, so the example plan holds none. It says only that
the latest US TIP report at the time (the 2022 report) placed Azerbaijan on Tier
2, which is not a figure of 2020-2021, so the report carries no tier.

Example:
    >>> from trafficking_model import examples
    >>> examples.azerbaijan_report_2020_2021().prosecution.indicted
    28
    >>> examples.azerbaijan_nap_2020_2024().reviews[0].kind.label
    'Mid-term review'
"""

from __future__ import annotations

import datetime as dt

from trafficking_model.periods import Period
from trafficking_model.plans import NationalActionPlan, PlanReview
from trafficking_model.prosecution import ProsecutionOutcome
from trafficking_model.reports import CountryReport
from trafficking_model.stakeholders import Stakeholder
from trafficking_model.statistics import CaseStatistics, VictimStatistics
from trafficking_model.vocabularies import (
    AgeGroup,
    CitizenshipCategory,
    ExploitationForm,
    OffenceType,
    ReviewKind,
    Sex,
    StakeholderKind,
)

__all__ = ["SOURCE", "azerbaijan_nap_2020_2024", "azerbaijan_report_2020_2021"]

SOURCE = (
    "IOM Azerbaijan, news item of 4 October 2022 on the mid-term review of the "
    "4th National Action Plan on Combating Trafficking in Persons 2020-2024"
)
"""Where the reference figures come from."""

_AZE = "AZE"

# id, name, kind, country, acronym
_STAKEHOLDERS: tuple[tuple[str, str, StakeholderKind, str | None, str | None], ...] = (
    (
        "interior-ministry",
        "Ministry of Internal Affairs",
        StakeholderKind.LAW_ENFORCEMENT,
        _AZE,
        None,
    ),
    (
        "migration-service",
        "State Migration Service",
        StakeholderKind.STATE_AGENCY,
        _AZE,
        None,
    ),
    (
        "ombudsman",
        "Commissioner for Human Rights (Ombudsman)",
        StakeholderKind.OMBUDSMAN,
        _AZE,
        None,
    ),
    (
        "labour-ministry",
        "Ministry of Labour and Social Protection of the Population",
        StakeholderKind.MINISTRY,
        _AZE,
        None,
    ),
    (
        "border-service",
        "State Border Service",
        StakeholderKind.BORDER_SERVICE,
        _AZE,
        None,
    ),
    (
        "family-committee",
        "State Committee on Woman, Family and Child Affairs",
        StakeholderKind.STATE_COMMITTEE,
        _AZE,
        None,
    ),
    (
        "ngo-agency",
        "Agency on State Support to Non-Governmental Organizations",
        StakeholderKind.STATE_AGENCY,
        _AZE,
        None,
    ),
    (
        "prosecutor-general",
        "General Prosecutor's Office",
        StakeholderKind.PROSECUTION_SERVICE,
        _AZE,
        None,
    ),
    (
        "bar-association",
        "Bar Association",
        StakeholderKind.LEGAL_PROFESSION,
        _AZE,
        None,
    ),
    (
        "security-service",
        "State Security Service",
        StakeholderKind.LAW_ENFORCEMENT,
        _AZE,
        None,
    ),
    (
        "foreign-ministry",
        "Ministry of Foreign Affairs",
        StakeholderKind.MINISTRY,
        _AZE,
        None,
    ),
    (
        "education-ministry",
        "Ministry of Science and Education",
        StakeholderKind.MINISTRY,
        _AZE,
        None,
    ),
    (
        "youth-ministry",
        "Ministry of Youth and Sports",
        StakeholderKind.MINISTRY,
        _AZE,
        None,
    ),
    ("supreme-court", "Supreme Court", StakeholderKind.JUDICIARY, _AZE, None),
    ("justice-ministry", "Ministry of Justice", StakeholderKind.MINISTRY, _AZE, None),
    (
        "un-rco",
        "UN Resident Coordinator's Office",
        StakeholderKind.UN_SYSTEM,
        None,
        None,
    ),
    (
        "civil-society",
        "Civil society organisations",
        StakeholderKind.CIVIL_SOCIETY,
        _AZE,
        None,
    ),
    (
        "iom",
        "International Organization for Migration",
        StakeholderKind.INTERNATIONAL_ORGANIZATION,
        None,
        "IOM",
    ),
    (
        "usaid",
        "United States Agency for International Development",
        StakeholderKind.DONOR,
        "USA",
        "USAID",
    ),
)


def azerbaijan_report_2020_2021() -> CountryReport:
    """Azerbaijan's figures for 2020-2021, exactly as the source gives them.

    - Cases: 311 of trafficking in persons, 8 of forced labour and 83 crimes of
      illegal actions with documents for the purpose of trafficking. The source
      makes no total: the 402 is derived.
    - Prosecution: 35 defendants and 28 indicted: 24 sentenced to imprisonment,
      2 given conditional sentences and 2 whose punishment was postponed. The 28
      sentenced is derived from those three; acquittals and fines are not
      reported.
    - Victims: 189 identified; 184 women and 5 men, including 2 children (the
      number of adults is not given, so the age breakdown is partial); 188
      citizens and 1 foreigner; 179 sexually exploited and 10 exploited for
      labour.

    Returns:
        A new `CountryReport`; equal every time it is called.

    Example:
        >>> report = azerbaijan_report_2020_2021()
        >>> report.cases.total, sorted(report.cases.derived)
        (402, ['total'])
        >>> report.prosecution.indicted, report.prosecution.acquitted
        (28, None)
    """
    return CountryReport(
        country=_AZE,
        period=Period.from_years(2020, 2021),
        source=SOURCE,
        cases=CaseStatistics(
            by_offence={
                OffenceType.TRAFFICKING_IN_PERSONS: 311,
                OffenceType.FORCED_LABOUR: 8,
                OffenceType.DOCUMENT_OFFENCE: 83,
            }
        ),
        prosecution=ProsecutionOutcome(
            defendants=35,
            indicted=28,
            sentenced=28,
            imprisonment=24,
            conditional=2,
            postponed=2,
            derived=frozenset({"sentenced"}),
        ),
        victims=VictimStatistics(
            total=189,
            by_sex={Sex.FEMALE: 184, Sex.MALE: 5},
            by_age_group={AgeGroup.CHILD: 2},
            by_citizenship={
                CitizenshipCategory.NATIONAL: 188,
                CitizenshipCategory.FOREIGN: 1,
            },
            by_exploitation={
                ExploitationForm.SEXUAL: 179,
                ExploitationForm.FORCED_LABOUR: 10,
            },
            partial=frozenset({"by_age_group"}),
        ),
    )


def azerbaijan_nap_2020_2024() -> NationalActionPlan:
    """Azerbaijan's 4th National Action Plan on Combating Trafficking in Persons.

    It covers 2020-2024 and names every body the source names as a stakeholder.
    Its one review is the mid-term review of 4 October 2022, organised by IOM and
    funded by USAID, in which all of them took part. The source lists no
    measures, so the plan holds none.

    Returns:
        A new `NationalActionPlan`; equal every time it is called.

    Example:
        >>> plan = azerbaijan_nap_2020_2024()
        >>> len(plan.stakeholders), plan.reviews[0].date.isoformat()
        (19, '2022-10-04')
    """
    stakeholders = tuple(
        Stakeholder(id=id_, name=name, kind=kind, country=country, acronym=acronym)
        for id_, name, kind, country, acronym in _STAKEHOLDERS
    )
    return NationalActionPlan(
        id="AZE-NAP-4",
        country=_AZE,
        title=(
            "4th National Action Plan on Combating Trafficking in Persons 2020-2024"
        ),
        period=Period.from_years(2020, 2024),
        stakeholders=stakeholders,
        reviews=(
            PlanReview(
                date=dt.date(2022, 10, 4),
                kind=ReviewKind.MID_TERM,
                participants=frozenset(stakeholder.id for stakeholder in stakeholders),
                organizer="iom",
                funder="usaid",
                summary=(
                    "Round table on the mid-term review of the plan, with state "
                    "bodies, civil society and donors."
                ),
            ),
        ),
    )
