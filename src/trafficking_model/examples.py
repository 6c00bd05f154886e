"""The reference example: Azerbaijan's figures for 2020-2021, its 4th NAP and TIP tiers.

The figures come from IOM Azerbaijan's news item of 4 October 2022 on the
mid-term review of the 4th National Action Plan on Combating Trafficking in
Persons 2020-2024: a round table with state bodies, civil society and donors,
organised by IOM and funded by USAID. Nothing here goes beyond what that source
says: a sum it does not make is marked derived, a figure it does not give is
`None` (not reported), and every name is written as the source writes it. It
names no measures of the plan, so the example plan holds none. It says only that
the latest US TIP report at the time (the 2022 report) placed Azerbaijan on Tier
2, which is not a figure of 2020-2021, so the report carries no tier; the
placement is in Azerbaijan's tier history, with the reports before and after it.

Anything more, such as a plan with objectives, measures and observations, is in
`demonstration_plan`, which is fictional and names no real country.

Example:
    >>> from trafficking_model import examples
    >>> examples.azerbaijan_report_2020_2021().prosecution.indicted
    28
    >>> examples.azerbaijan_nap_2020_2024().reviews[0].kind.label
    'Mid-term review'
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from trafficking_model.money import Money
from trafficking_model.monitoring import (
    IndicatorObservation,
    SpendingObservation,
    StatusObservation,
)
from trafficking_model.periods import Period
from trafficking_model.plans import (
    BudgetLine,
    Indicator,
    Measure,
    NationalActionPlan,
    Objective,
    PlanReview,
)
from trafficking_model.prosecution import ProsecutionOutcome
from trafficking_model.reports import CountryReport
from trafficking_model.stakeholders import Stakeholder
from trafficking_model.statistics import CaseStatistics, VictimStatistics
from trafficking_model.tiers import TierHistory, TierPlacement
from trafficking_model.vocabularies import (
    AgeGroup,
    CitizenshipCategory,
    ExploitationForm,
    MeasureStatus,
    OffenceType,
    Pillar,
    ReviewKind,
    Sex,
    StakeholderKind,
    TipTier,
)

__all__ = [
    "SOURCE",
    "TIP_SOURCES",
    "azerbaijan_nap_2020_2024",
    "azerbaijan_report_2020_2021",
    "azerbaijan_tier_history",
    "demonstration_plan",
]

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


TIP_SOURCES: dict[int, str] = {
    year: (
        f"US Department of State, {year} Trafficking in Persons Report, "
        "Azerbaijan country narrative"
    )
    for year in range(2018, 2024)
}
"""Where each of Azerbaijan's TIP placements is stated, by report year."""

# report year, tier, waiver
_PLACEMENTS: tuple[tuple[int, TipTier, bool], ...] = (
    (2018, TipTier.TIER_2, False),
    (2019, TipTier.TIER_2_WATCH_LIST, False),
    (2020, TipTier.TIER_2_WATCH_LIST, False),
    (2021, TipTier.TIER_2_WATCH_LIST, True),
    (2022, TipTier.TIER_2, False),
    (2023, TipTier.TIER_2, False),
)


def azerbaijan_tier_history() -> TierHistory:
    """Azerbaijan's tiers in the US TIP reports of 2018 to 2023.

    Tier 2 in the 2018 report; Tier 2 Watch List in the 2019, 2020 and 2021
    reports, in 2021 "for the third consecutive year", on a waiver from the
    otherwise required downgrade to Tier 3; Tier 2 in the 2022 report
    (upgraded) and in the 2023 one. Each placement names its report's
    Azerbaijan chapter as its source (`TIP_SOURCES`). The round table of 4
    October 2022 calls the 2022 report "the latest": `placement(2022)`.

    Returns:
        A new `TierHistory`; equal every time it is called.

    Example:
        >>> history = azerbaijan_tier_history()
        >>> latest = history.placement(2022)
        >>> latest.tier.label, str(latest.reporting_period)
        ('Tier 2', '2021-04-01/2022-03-31')
        >>> [p.report_year for p in history.placements if p.waiver]
        [2021]
    """
    return TierHistory(
        country=_AZE,
        placements=tuple(
            TierPlacement(
                country=_AZE,
                report_year=year,
                tier=tier,
                waiver=waiver,
                source=TIP_SOURCES[year],
            )
            for year, tier, waiver in _PLACEMENTS
        ),
    )


_XTA = "XTA"
_DEMO_SOURCE = "Fictional progress report (demonstration data)"


def _eur(amount: str) -> Money:
    return Money(amount=Decimal(amount), currency="EUR")


def demonstration_plan() -> NationalActionPlan:
    """A fictional plan that shows objectives, measures, observations and reviews.

    **Nothing in it is real.** Its country code `XTA` is a user-assigned code
    that names no country, and its bodies, measures, figures and dates are
    invented to show how a plan is monitored:

    - two objectives and four measures, one of them (`XTA-M-4`) added to the
      plan after its first review;
    - dated statuses, indicator values and spending;
    - two annual reviews, on 20 January 2026 and 20 January 2027, each with a
      snapshot of the plan's progress on its day. The first was taken before
      `XTA-M-4` was added.

    Returns:
        A new `NationalActionPlan`; equal every time it is called.

    Example:
        >>> plan = demonstration_plan()
        >>> [measure.id for measure in plan.measures]
        ['XTA-M-1', 'XTA-M-2', 'XTA-M-3', 'XTA-M-4']
        >>> sorted(plan.progress(as_of=dt.date(2027, 1, 20)).overdue)
        ['XTA-M-2']
    """
    stakeholders = (
        Stakeholder(
            id="labour-ministry",
            name="Ministry of Labour (fictional)",
            kind=StakeholderKind.MINISTRY,
            country=_XTA,
        ),
        Stakeholder(
            id="police",
            name="National Police (fictional)",
            kind=StakeholderKind.LAW_ENFORCEMENT,
            country=_XTA,
        ),
        Stakeholder(
            id="shelter",
            name="Safe Harbour Shelter (fictional)",
            kind=StakeholderKind.CIVIL_SOCIETY,
            country=_XTA,
        ),
        Stakeholder(
            id="donor",
            name="Example Donor Fund (fictional)",
            kind=StakeholderKind.DONOR,
        ),
    )
    measures = (
        Measure(
            id="XTA-M-1",
            title="Train labour inspectors to recognise forced labour",
            pillar=Pillar.PREVENTION,
            objective="XTA-O-1",
            responsible=frozenset({"labour-ministry"}),
            partners=frozenset({"shelter"}),
            period=Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
            indicators=(
                Indicator(
                    id="XTA-M-1.1",
                    description="Labour inspectors trained",
                    unit="inspectors",
                    baseline=0,
                    target=120,
                ),
            ),
            budget_lines=(
                BudgetLine(funding_source="State budget", allocated=_eur("100000.00")),
                BudgetLine(
                    funding_source="Example Donor Fund", allocated=_eur("50000.00")
                ),
            ),
        ),
        Measure(
            id="XTA-M-2",
            title="Open a shelter for adult victims",
            pillar=Pillar.PROTECTION,
            objective="XTA-O-2",
            responsible=frozenset({"shelter"}),
            period=Period.from_years(2025),
            indicators=(
                Indicator(
                    id="XTA-M-2.1",
                    description="Shelter beds available",
                    unit="beds",
                    baseline=0,
                    target=20,
                ),
            ),
            budget_lines=(
                BudgetLine(funding_source="State budget", allocated=_eur("80000.00")),
            ),
        ),
        Measure(
            id="XTA-M-3",
            title="Run a hotline for presumed victims",
            pillar=Pillar.PROTECTION,
            objective="XTA-O-2",
            responsible=frozenset({"police"}),
            partners=frozenset({"shelter"}),
            period=Period.from_years(2026, 2027),
        ),
        Measure(
            id="XTA-M-4",
            title="Agree on sharing case data with neighbouring countries",
            pillar=Pillar.PARTNERSHIP,
            objective="XTA-O-1",
            responsible=frozenset({"police"}),
            partners=frozenset({"donor"}),
            period=Period.from_years(2027),
            budget=_eur("20000.00"),
        ),
    )
    statuses = (
        ("XTA-M-1", dt.date(2025, 3, 1), MeasureStatus.IN_PROGRESS),
        ("XTA-M-2", dt.date(2025, 2, 1), MeasureStatus.IN_PROGRESS),
        ("XTA-M-3", dt.date(2025, 12, 1), MeasureStatus.NOT_STARTED),
        ("XTA-M-2", dt.date(2026, 2, 1), MeasureStatus.DELAYED),
        ("XTA-M-3", dt.date(2026, 9, 1), MeasureStatus.IN_PROGRESS),
        ("XTA-M-1", dt.date(2026, 11, 15), MeasureStatus.COMPLETED),
    )
    values = (
        ("XTA-M-1", "XTA-M-1.1", dt.date(2025, 6, 30), 20),
        ("XTA-M-2", "XTA-M-2.1", dt.date(2025, 10, 1), 10),
        ("XTA-M-1", "XTA-M-1.1", dt.date(2025, 12, 31), 45),
        ("XTA-M-1", "XTA-M-1.1", dt.date(2026, 6, 30), 90),
        ("XTA-M-1", "XTA-M-1.1", dt.date(2026, 11, 15), 120),
    )
    spending = (
        ("XTA-M-1", "State budget", dt.date(2025, 12, 31), "30000.00"),
        ("XTA-M-2", "State budget", dt.date(2025, 12, 31), "60000.00"),
        ("XTA-M-1", "State budget", dt.date(2026, 6, 30), "70000.00"),
        ("XTA-M-1", "Example Donor Fund", dt.date(2026, 6, 30), "25000.00"),
    )
    plan = NationalActionPlan(
        id="XTA-NAP-1",
        country=_XTA,
        title="Fictional National Action Plan 2025-2027 (demonstration)",
        period=Period.from_years(2025, 2027),
        stakeholders=stakeholders,
        objectives=(
            Objective(id="XTA-O-1", title="Fewer people recruited into forced labour"),
            Objective(id="XTA-O-2", title="Victims identified and sheltered"),
        ),
        measures=measures,
        status_observations=tuple(
            StatusObservation(measure=m, date=day, status=status, source=_DEMO_SOURCE)
            for m, day, status in statuses
        ),
        indicator_observations=tuple(
            IndicatorObservation(
                measure=m,
                indicator=i,
                date=day,
                value=value,
                source=_DEMO_SOURCE,
                verification="Training and shelter registers (fictional)",
            )
            for m, i, day, value in values
        ),
        spending_observations=tuple(
            SpendingObservation(
                measure=m,
                funding_source=funding,
                date=day,
                spent=_eur(amount),
                source=_DEMO_SOURCE,
            )
            for m, funding, day, amount in spending
        ),
    )
    # The first review looked at the plan before XTA-M-4 was added to it.
    before_revision = attrs.evolve(plan, measures=measures[:3])
    participants = frozenset(stakeholder.id for stakeholder in stakeholders)
    first, second = dt.date(2026, 1, 20), dt.date(2027, 1, 20)
    return attrs.evolve(
        plan,
        reviews=(
            PlanReview(
                date=first,
                kind=ReviewKind.ANNUAL,
                participants=participants,
                organizer="labour-ministry",
                progress=before_revision.progress(as_of=first),
            ),
            PlanReview(
                date=second,
                kind=ReviewKind.ANNUAL,
                participants=participants,
                organizer="labour-ministry",
                funder="donor",
                progress=plan.progress(as_of=second),
            ),
        ),
    )
