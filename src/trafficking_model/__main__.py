"""`python -m trafficking_model`: validate the built-in example and summarise it."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from trafficking_model._validation import in_vocabulary_order
from trafficking_model.errors import ValidationError
from trafficking_model.examples import (
    azerbaijan_nap_2020_2024,
    azerbaijan_report_2020_2021,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from trafficking_model.plans import NationalActionPlan
    from trafficking_model.reports import CountryReport


def _breakdown(counts: Mapping[Any, int]) -> str:
    members = in_vocabulary_order(counts)
    return ", ".join(f"{member} {counts[member]}" for member in members)


def summarise_report(report: CountryReport) -> str:
    """Describe a country report in a few readable lines."""
    outcome = report.prosecution
    victims = report.victims
    lines = [
        f"Country report: {report.country}, {report.period}",
        f"  Source: {report.source}",
        f"  Cases: {report.cases.total} ({_breakdown(report.cases.by_offence)})",
        (
            f"  Prosecution: {outcome.defendants} defendants, {outcome.indicted} "
            f"indicted, {outcome.sentenced} sentenced, {outcome.acquitted} acquitted"
        ),
        (
            f"    sentences: imprisonment {outcome.imprisonment}, conditional "
            f"{outcome.conditional}, postponed {outcome.postponed}, "
            f"fined {outcome.fined}"
        ),
        f"  Victims identified: {victims.total}",
    ]
    for name, counts in (
        ("sex", victims.by_sex),
        ("age group", victims.by_age_group),
        ("citizenship", victims.by_citizenship),
        ("exploitation", victims.by_exploitation),
    ):
        if counts:
            lines.append(f"    by {name}: {_breakdown(counts)}")
    if report.tip_tier is not None:
        lines.append(f"  US TIP report: {report.tip_tier}")
    return "\n".join(lines)


def summarise_plan(plan: NationalActionPlan) -> str:
    """Describe a National Action Plan in a few readable lines."""
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
    return "\n".join(lines)


def _name(plan: NationalActionPlan, stakeholder_id: str) -> str:
    stakeholder = plan.stakeholder(stakeholder_id)
    if stakeholder is None:  # pragma: no cover - a plan checks its references
        return stakeholder_id
    return stakeholder.acronym or stakeholder.name


def main() -> int:
    """Build the reference example, which validates it, and print a summary."""
    try:
        report = azerbaijan_report_2020_2021()
        plan = azerbaijan_nap_2020_2024()
    except ValidationError as error:  # pragma: no cover - the example is valid
        print(f"The reference example is invalid:\n{error}", file=sys.stderr)
        return 1
    print(summarise_report(report))
    print()
    print(summarise_plan(plan))
    print()
    print("All figures are consistent: every rule of the model holds.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
