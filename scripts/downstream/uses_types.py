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


def conviction_rate(outcome: ProsecutionOutcome) -> float:
    """Share of the indicted who were sentenced."""
    return outcome.sentenced / outcome.indicted if outcome.indicted else 0.0


report = tm.examples.azerbaijan_report_2020_2021()
reveal_type(report)  # reveal: trafficking_model.reports.CountryReport
reveal_type(report.prosecution.indicted)  # reveal: int
by_sex = report.victims.by_sex
reveal_type(by_sex)  # reveal: typing.Mapping[trafficking_model.vocabularies.Sex, int]
rate: float = conviction_rate(report.prosecution)
females: int = by_sex[tm.Sex.FEMALE]

try:
    ProsecutionOutcome(defendants=35, indicted=28, sentenced=30)
except ValidationError as error:
    reveal_type(error.problems)  # reveal: tuple[trafficking_model.errors.Problem, ...]
    rules: list[str] = [problem.rule for problem in error.problems]
