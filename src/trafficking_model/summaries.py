"""Readable text summaries of figure sets, plans, their progress and TIP tiers.

A summary says what the figures say and no more: a figure the source does not
give reads "not reported", a range reads as published (`<5`, `10-14`), a figure
computed rather than stated carries "(derived)", and a breakdown given only in
part carries "(partial)".

Example:
    >>> from trafficking_model import ProsecutionOutcome
    >>> print(summary(ProsecutionOutcome(defendants=35, indicted=28, sentenced=28)))
    Prosecution: defendants 35, indicted 28, sentenced 28, acquitted not reported
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from trafficking_model._figures import show
from trafficking_model._validation import in_vocabulary_order
from trafficking_model.monitoring import IndicatorProgress, PlanProgress
from trafficking_model.plans import NationalActionPlan
from trafficking_model.prosecution import ProsecutionOutcome
from trafficking_model.reports import CountryReport
from trafficking_model.statistics import (
    CaseStatistics,
    LawEnforcementFigures,
    VictimStatistics,
)
from trafficking_model.tiers import TierHistory

if TYPE_CHECKING:
    from collections.abc import Mapping
    from enum import Enum

    from trafficking_model.counts import Figure

__all__ = ["summary"]


def summary(obj: object) -> str:
    """Describe a figure set, a report, a plan or its progress in a few readable lines.

    Args:
        obj: A `CountryReport`, `NationalActionPlan`, `PlanProgress`,
            `TierHistory`, `CaseStatistics`, `ProsecutionOutcome`,
            `VictimStatistics` or `LawEnforcementFigures`.

    Returns:
        The summary, one line per figure group, without a final newline.

    Raises:
        TypeError: If `obj` is none of these.

    Example:
        >>> from trafficking_model.examples import azerbaijan_report_2020_2021
        >>> print(summary(azerbaijan_report_2020_2021().cases))
        Cases: 402 (derived): Trafficking in persons 311, Forced labour 8, Illegal actions with documents for the purpose of trafficking 83
    """
    for cls, describe in _DESCRIBERS:
        if isinstance(obj, cls):
            return "\n".join(describe(obj))
    msg = (
        "summary needs a report, a plan, its progress, a tier history or a "
        f"figure set, got {type(obj).__name__}"
    )
    raise TypeError(msg)


def _figure(figure: Figure, name: str, derived: frozenset[str]) -> str:
    text = show(figure)
    return f"{text} (derived)" if name in derived else text


def _named(figure: Figure, label: str, name: str, derived: frozenset[str]) -> str:
    if figure is None:
        return f"{label} not reported"
    return f"{label} {_figure(figure, name, derived)}"


def _breakdown(name: str, counts: Mapping[Any, Figure], derived: frozenset[str]) -> str:
    members: list[Enum] = in_vocabulary_order(counts)
    return ", ".join(
        f"{member} {_figure(counts[member], f'{name}.{member.value}', derived)}"
        for member in members
    )


def _cases(statistics: CaseStatistics) -> list[str]:
    derived = statistics.derived
    line = f"Cases: {_figure(statistics.total, 'total', derived)}"
    if statistics.by_offence:
        line += f": {_breakdown('by_offence', statistics.by_offence, derived)}"
        if "by_offence" in statistics.partial:
            line += " (partial)"
        if "by_offence" in statistics.overlapping:
            line += " (a case may count under several offences)"
    return [line]


def _prosecution(outcome: ProsecutionOutcome) -> list[str]:
    derived = outcome.derived
    stages = [
        _named(outcome.defendants, "defendants", "defendants", derived),
        _named(outcome.indicted, "indicted", "indicted", derived),
        _named(outcome.sentenced, "sentenced", "sentenced", derived),
        _named(outcome.acquitted, "acquitted", "acquitted", derived),
    ]
    lines = [f"Prosecution: {', '.join(stages)}"]
    kinds = [
        f"{name} {_figure(figure, name, derived)}"
        for name, figure in (
            ("imprisonment", outcome.imprisonment),
            ("conditional", outcome.conditional),
            ("postponed", outcome.postponed),
            ("fined", outcome.fined),
        )
        if figure is not None
    ]
    if kinds:
        lines.append(f"  sentences: {', '.join(kinds)}")
    return lines


_VICTIM_BREAKDOWNS = (
    ("sex", "by_sex"),
    ("age group", "by_age_group"),
    ("citizenship", "by_citizenship"),
    ("exploitation", "by_exploitation"),
    ("sex and age", "by_sex_and_age"),
)


def _victims(statistics: VictimStatistics) -> list[str]:
    derived = statistics.derived
    lines = [f"Victims identified: {_figure(statistics.total, 'total', derived)}"]
    for label, name in _VICTIM_BREAKDOWNS:
        counts: Mapping[Any, Figure] = getattr(statistics, name)
        if counts:
            line = f"  by {label}: {_breakdown(name, counts, derived)}"
            if name in statistics.partial:
                line += " (partial)"
            lines.append(line)
    return lines


_FLOWS = ("investigations", "prosecutions", "convictions", "victims_identified")


def _law_enforcement(figures: LawEnforcementFigures) -> list[str]:
    derived = figures.derived
    parts = []
    for name in _FLOWS:
        total = getattr(figures, name)
        labour = getattr(figures, f"labour_{name}")
        label = name.replace("_", " ")
        text = _named(total, label, name, derived)
        if labour is not None:
            text += f" ({_figure(labour, f'labour_{name}', derived)} labour)"
        parts.append(text)
    return [f"{figures.year}: {', '.join(parts)}"]


def _report(report: CountryReport) -> list[str]:
    lines = [
        f"Country report: {report.country}, {report.period}",
        f"  Source: {report.source}",
    ]
    sections: list[list[str]] = []
    if report.cases is not None:
        sections.append(_cases(report.cases))
    if report.prosecution is not None:
        sections.append(_prosecution(report.prosecution))
    if report.victims is not None:
        sections.append(_victims(report.victims))
    sections.extend(_law_enforcement(figures) for figures in report.law_enforcement)
    lines.extend(f"  {line}" for section in sections for line in section)
    if report.tip_tier is not None:
        lines.append(f"  US TIP report: {report.tip_tier}")
    return lines


def _plan(plan: NationalActionPlan) -> list[str]:
    lines = [
        f"National Action Plan: {plan.title} ({plan.country}, {plan.period})",
        f"  Stakeholders: {len(plan.stakeholders)}; measures: {len(plan.measures)}",
    ]
    for review in plan.reviews:
        line = (
            f"  Review: {review.kind} on {review.date.isoformat()}, "
            f"{len(review.participants)} participants"
        )
        for role, stakeholder_id in (
            ("organised by", review.organizer),
            ("funded by", review.funder),
        ):
            if stakeholder_id is not None:
                line += f", {role} {_name(plan, stakeholder_id)}"
        lines.append(line)
    return lines


def _name(plan: NationalActionPlan, stakeholder_id: str) -> str:
    stakeholder = plan.stakeholder(stakeholder_id)
    if stakeholder is None:  # pragma: no cover - a plan checks its references
        return stakeholder_id
    return stakeholder.acronym or stakeholder.name


def _number(value: float) -> str:
    return f"{value:g}" if type(value) is float else str(value)


def _indicator(indicator: IndicatorProgress) -> str:
    if indicator.value is None or indicator.observed_on is None:
        line = f"{indicator.id}: not reported"
    else:
        line = f"{indicator.id}: {_number(indicator.value)}"
        if indicator.target is not None:
            line += f" of {_number(indicator.target)}"
        line += f" {indicator.unit}, on {indicator.observed_on.isoformat()}"
        if indicator.share is not None:
            line += f" ({indicator.share:.0%} of the way from the baseline)"
    return line


def _progress(progress: PlanProgress) -> list[str]:
    lines = [f"Progress of {progress.plan} as of {progress.as_of.isoformat()}"]
    for measure in progress.measures:
        if measure.status is None or measure.status_since is None:
            status = "status not reported"
        else:
            status = f"{measure.status} since {measure.status_since.isoformat()}"
        if measure.is_overdue(progress.as_of):
            status += f", overdue (due {measure.due.isoformat()})"
        lines.append(f"  {measure.id} {measure.title}: {status}")
        lines.extend(f"    {_indicator(i)}" for i in measure.indicators)
    groups = progress.by_pillar
    parts = []
    for pillar in in_vocabulary_order(groups):
        counts = groups[pillar]
        known = [
            f"{status} {counts[status]}"
            for status in in_vocabulary_order(s for s in counts if s is not None)
        ]
        if None in counts:
            known.append(f"not reported {counts[None]}")
        parts.append(f"{pillar}: {', '.join(known)}")
    if parts:
        lines.append(f"  By pillar: {'; '.join(parts)}")
    allocated = ", ".join(str(money) for money in progress.allocated) or "none given"
    spent = ", ".join(str(money) for money in progress.spent) or "not reported"
    lines.append(f"  Budget: allocated {allocated}; spent {spent}")
    return lines


def _tiers(history: TierHistory) -> list[str]:
    lines = [f"US TIP report tiers: {history.country}"]
    for placement in history.placements:
        waiver = " (waiver)" if placement.waiver else ""
        lines.append(f"  {placement.report_year}: {placement.tier}{waiver}")
    return lines


_DESCRIBERS: tuple[tuple[type[Any], Any], ...] = (
    (CountryReport, _report),
    (NationalActionPlan, _plan),
    (PlanProgress, _progress),
    (TierHistory, _tiers),
    (CaseStatistics, _cases),
    (ProsecutionOutcome, _prosecution),
    (VictimStatistics, _victims),
    (LawEnforcementFigures, _law_enforcement),
)
