# ruff: noqa: F821
# (reveal_type needs no import: mypy knows it, and this file is never run.)
"""A downstream project's code: ``mypy --strict`` must accept it as it is.

``scripts/check_downstream_types.py`` type-checks this file against the wheel
installed in a fresh environment; the ``# reveal:`` comments give the type mypy
must reveal on that line, which proves it reads the package's own annotations.
"""

from __future__ import annotations

import trafficking_model as tm
from trafficking_model import ProsecutionOutcome, ValidationError


def conviction_rate(outcome: ProsecutionOutcome) -> float | None:
    """Share of the indicted who were sentenced, where both figures are exact."""
    sentenced, indicted = outcome.sentenced, outcome.indicted
    if isinstance(sentenced, int) and isinstance(indicted, int) and indicted:
        return sentenced / indicted
    return None


def low(figure: tm.Figure) -> int:
    """The smallest value a published figure can have."""
    if figure is None:
        return 0
    if isinstance(figure, tm.Count):
        return figure.low
    return figure


report = tm.examples.azerbaijan_report_2020_2021()
reveal_type(report)  # reveal: trafficking_model.reports.CountryReport
prosecution = report.prosecution
assert prosecution is not None
reveal_type(prosecution)  # reveal: trafficking_model.prosecution.ProsecutionOutcome
rate: float | None = conviction_rate(prosecution)
victims = report.victims
assert victims is not None
females: int = low(victims.by_sex[tm.Sex.FEMALE])
small = tm.Count.parse("<5")
reveal_type(small)  # reveal: trafficking_model.counts.Count

try:
    ProsecutionOutcome(defendants=35, indicted=28, sentenced=30)
except ValidationError as error:
    reveal_type(error.problems)  # reveal: tuple[trafficking_model.errors.Problem, ...]
    rules: list[str] = [problem.rule for problem in error.problems]

# Friendlier constructors: breakdowns keyed by their enums, any iterable for a set.
by_sex = tm.VictimStatistics(total=3, by_sex={tm.Sex.FEMALE: 3})
listed = tm.Victim(
    id="V-1",
    sex=tm.Sex.FEMALE,
    age_group=tm.AgeGroup.ADULT,
    citizenship=["AZE"],
    exploitation=[tm.ExploitationForm.SEXUAL],
    identification=tm.IdentificationStatus.PRESUMED,
)
reveal_type(listed.citizenship)  # reveal: frozenset[str]
women = by_sex.share_of_women_and_girls
assert women is not None
reveal_type(women)  # reveal: trafficking_model.ratios.Ratio
changes = tm.compare(report, report)
reveal_type(changes)  # reveal: trafficking_model.comparisons.Comparison
