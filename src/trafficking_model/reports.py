"""Country reports: one country's figure set for one period."""

from __future__ import annotations

import typing

import attrs

from trafficking_model import _fields as kinds
from trafficking_model._rules import owns, rule
from trafficking_model._validation import (
    COUNTRY_CODE,
    COUNTRY_CODES,
    NOT_BLANK,
    Problems,
    add,
    as_given,
    field,
    freeze_tuple,
    is_country,
    is_instance,
    is_member,
    is_plain_text,
    is_text,
    is_tuple_of,
    raise_if_any,
)
from trafficking_model.periods import Period
from trafficking_model.prosecution import ProsecutionOutcome
from trafficking_model.statistics import (
    CaseStatistics,
    LawEnforcementFigures,
    VictimStatistics,
)
from trafficking_model.vocabularies import TipTier

if typing.TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["CountryReport"]


def _yearly(
    value: Iterable[LawEnforcementFigures],
) -> tuple[LawEnforcementFigures, ...]:
    """Any iterable of yearly figures, stored as a tuple (`freeze_tuple`)."""
    return typing.cast("tuple[LawEnforcementFigures, ...]", freeze_tuple(value))


as_given(_yearly)


_SECTION_REQUIRED = rule(
    "section_required",
    "A `CountryReport` gives at least one of `cases`, `prosecution`, `victims` and "
    "`law_enforcement`: a report with no figures says nothing.",
)
_UNIQUE_YEARS = rule(
    "unique_years",
    "`CountryReport.law_enforcement` gives each year once: two sets of figures for one "
    "year would contradict each other.",
)
_WITHIN_REPORT_PERIOD = rule(
    "within_report_period",
    "The years of `CountryReport.law_enforcement` lie within the report's period: a "
    "report covers only its own period.",
)


@owns(COUNTRY_CODE, NOT_BLANK, _UNIQUE_YEARS, _WITHIN_REPORT_PERIOD, _SECTION_REQUIRED)
@attrs.frozen(kw_only=True)
class CountryReport:
    """The figure set of one country for one period.

    Attributes:
        country: ISO 3166-1 alpha-3 code of the reporting country.
        period: The period the figures cover.
        source: Where the figures come from, in free text.
        cases: Registered criminal cases, if the source gives them.
        prosecution: The prosecution funnel for one cohort of people
            prosecuted, if the source gives it.
        victims: Victims identified, if the source gives them.
        tip_tier: The country's tier in the US TIP report, if the source gives
            it for these figures.
        law_enforcement: Yearly figures, one per year within the period.

    A report holds what its source has: each section is optional, and at least
    one of `cases`, `prosecution`, `victims` and `law_enforcement` is given.

    Example:
        >>> from trafficking_model.examples import azerbaijan_report_2020_2021
        >>> report = azerbaijan_report_2020_2021()
        >>> report.country, report.victims.total, report.tip_tier
        ('AZE', 189, None)
        >>> only_victims = CountryReport(
        ...     country="AZE",
        ...     period=Period.from_years(2021),
        ...     source="A table of victims identified",
        ...     victims=VictimStatistics(total=60),
        ... )
        >>> only_victims.cases is None
        True
    """

    country: str = attrs.field(metadata=kinds.country())
    period: Period = attrs.field(metadata=kinds.nested(Period))
    source: str = attrs.field(metadata=kinds.text())
    cases: CaseStatistics | None = attrs.field(
        default=None, metadata=kinds.nested(CaseStatistics, optional=True)
    )
    prosecution: ProsecutionOutcome | None = attrs.field(
        default=None, metadata=kinds.nested(ProsecutionOutcome, optional=True)
    )
    victims: VictimStatistics | None = attrs.field(
        default=None, metadata=kinds.nested(VictimStatistics, optional=True)
    )
    tip_tier: TipTier | None = attrs.field(
        default=None, metadata=kinds.member(TipTier, optional=True)
    )
    law_enforcement: tuple[LawEnforcementFigures, ...] = attrs.field(
        default=(),
        converter=_yearly,
        metadata=kinds.nested_tuple(LawEnforcementFigures),
    )

    def __attrs_post_init__(self) -> None:
        """Check every rule at once."""
        if _plainly_valid(self):
            return
        problems: Problems = []
        is_country(problems, field("country"), self.country)
        period_ok = is_instance(problems, field("period"), self.period, Period)
        is_text(problems, field("source"), self.source)
        sections: tuple[tuple[str, object, type], ...] = (
            ("cases", self.cases, CaseStatistics),
            ("prosecution", self.prosecution, ProsecutionOutcome),
            ("victims", self.victims, VictimStatistics),
        )
        for name, section, cls in sections:
            if section is not None:
                is_instance(problems, field(name), section, cls)
        if self.law_enforcement == () and all(
            section is None for _, section, _ in sections
        ):
            add(
                problems,
                "$",
                _SECTION_REQUIRED,
                "a report gives at least one of cases, prosecution, victims "
                "and law_enforcement",
            )
        if self.tip_tier is not None:
            is_member(problems, field("tip_tier"), self.tip_tier, TipTier)
        path = field("law_enforcement")
        if is_tuple_of(problems, path, self.law_enforcement, LawEnforcementFigures):
            seen: set[int] = set()
            for index, figures in enumerate(self.law_enforcement):
                where = f"{path}[{index}].year"
                if figures.year in seen:
                    add(problems, where, _UNIQUE_YEARS, f"{figures.year} repeats")
                seen.add(figures.year)
                if period_ok and figures.year not in self.period.years:
                    add(
                        problems,
                        where,
                        _WITHIN_REPORT_PERIOD,
                        f"year {figures.year} is outside the period {self.period}",
                    )
        raise_if_any(problems)

    def figures_for(self, year: int) -> LawEnforcementFigures | None:
        """The yearly law-enforcement figures of one year, if the report has them.

        Args:
            year: The calendar year.

        Returns:
            That year's figures, or `None` if the report gives none for it.

        Example:
            >>> report = CountryReport(
            ...     country="ATA",  # fictional
            ...     period=Period.from_years(2020, 2021),
            ...     source="A made-up table",
            ...     law_enforcement=(LawEnforcementFigures(year=2021, convictions=3),),
            ... )
            >>> report.figures_for(2021).convictions, report.figures_for(2020)
            (3, None)
        """
        for figures in self.law_enforcement:
            if figures.year == year:
                return figures
        return None


def _plainly_valid(report: CountryReport) -> bool:
    """Accept a valid report fast; anything else goes to the detailed check.

    This only ever accepts. Every rejection, and its message, comes from the
    detailed check, so this must never accept a report that check rejects. Its
    parts checked themselves when they were made.
    """
    country: object = report.country
    period: object = report.period
    tier: object = report.tip_tier
    yearly: object = report.law_enforcement
    if (
        type(country) is not str
        or country not in COUNTRY_CODES
        or type(period) is not Period
        or not is_plain_text(report.source)
        or (report.cases is not None and type(report.cases) is not CaseStatistics)
        or (
            report.prosecution is not None
            and type(report.prosecution) is not ProsecutionOutcome
        )
        or (report.victims is not None and type(report.victims) is not VictimStatistics)
        or (tier is not None and type(tier) is not TipTier)
        or type(yearly) is not tuple
    ):
        return False
    if not yearly:
        return not (
            report.cases is None
            and report.prosecution is None
            and report.victims is None
        )
    first, last = period.start.year, period.end.year
    seen: set[int] = set()
    for figures in yearly:
        if type(figures) is not LawEnforcementFigures:
            return False
        year = figures.year
        if type(year) is not int or year in seen or not first <= year <= last:
            return False
        seen.add(year)
    return True
