"""The quickstart, run as a user would run it against an installed trafficking-model.

`scripts/check-dist` and the local-index publish test run this file with the
Python of a fresh virtual environment, from a directory outside the source tree,
so it can only import what the wheel installed. It exits non-zero, with a
message, on the first thing that is not as documented.

With ``--hypothesis`` it also checks the ``hypothesis`` extra: Hypothesis is
installed and, when the wheel registers the ``hypothesis`` entry point, the
shipped strategies build valid objects through ``st.from_type``.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import sys
from pathlib import Path

import trafficking_model as tm


def _check(condition: bool, what: str) -> None:
    if not condition:
        raise SystemExit(f"quickstart: {what}")
    print(f"ok: {what}")


def check_installed_copy(expected_prefix: Path | None) -> None:
    """The package is the installed one, not a source tree next to this file."""
    location = Path(tm.__file__).resolve()
    print(f"trafficking_model {tm.__version__} from {location}")
    _check("site-packages" in location.parts, "imported from site-packages")
    if expected_prefix is not None:
        _check(
            location.is_relative_to(expected_prefix.resolve()),
            f"imported from the environment at {expected_prefix}",
        )
    _check(
        tm.__version__ == importlib.metadata.version("trafficking-model"),
        "__version__ matches the installed metadata",
    )


def check_reference_example() -> None:
    """Load the Azerbaijan example and check the figures the README quotes."""
    report = tm.examples.azerbaijan_report_2020_2021()
    cases, outcome, victims = report.cases, report.prosecution, report.victims
    _check(report.country == "AZE", "the report is Azerbaijan's")
    if cases is None or outcome is None or victims is None:
        raise SystemExit("quickstart: the example lost a section")
    _check(cases.total == 402, "402 criminal cases")
    _check(cases.derived == {"total"}, "the 402 is derived, not stated")
    _check(
        (outcome.defendants, outcome.indicted, outcome.sentenced) == (35, 28, 28),
        "35 defendants, 28 indicted, 28 sentenced",
    )
    _check(outcome.acquitted is None, "acquittals not reported, never 0")
    _check(victims.total == 189, "189 victims identified")
    _check(
        victims.by_sex == {tm.Sex.FEMALE: 184, tm.Sex.MALE: 5},
        "184 female and 5 male victims",
    )
    plan = tm.examples.azerbaijan_nap_2020_2024()
    _check(len(plan.stakeholders) == 19, "19 stakeholders in the 4th NAP")


def check_validation_error() -> None:
    """A broken rule raises ValidationError with a path, a message and a rule id."""
    try:
        tm.ProsecutionOutcome(defendants=35, indicted=28, sentenced=30)
    except tm.ValidationError as error:
        print(f"ValidationError, as documented:\n  {error}")
        _check(isinstance(error, ValueError), "ValidationError is a ValueError")
        _check(
            str(error)
            == "$.sentenced: sentenced + acquitted (30) exceeds indicted (28)",
            "the message names the path, the values and the rule",
        )
        _check(
            [problem.rule for problem in error.problems]
            == ["sentenced_within_indicted"],
            "the problem carries the rule id sentenced_within_indicted",
        )
    else:
        raise SystemExit("quickstart: sentenced > indicted was accepted")


def _declares_hypothesis_entry_point() -> bool:
    entry_points = importlib.metadata.distribution("trafficking-model").entry_points
    return any(entry_point.group == "hypothesis" for entry_point in entry_points)


def check_hypothesis_extra() -> None:
    """The extra installed Hypothesis; shipped strategies work when declared."""
    _check(
        importlib.util.find_spec("hypothesis") is not None,
        "the hypothesis extra installed Hypothesis",
    )
    if not _declares_hypothesis_entry_point():
        print("note: this build declares no hypothesis entry point; nothing more")
        return
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    _check(
        importlib.util.find_spec("trafficking_model.strategies") is not None,
        "the declared strategies module is in the wheel",
    )
    drawn: list[tm.Victim] = []

    @settings(max_examples=20, database=None, suppress_health_check=list(HealthCheck))
    @given(st.from_type(tm.Victim))
    def collect(victim: tm.Victim) -> None:
        drawn.append(victim)

    collect()
    _check(
        bool(drawn) and all(isinstance(victim, tm.Victim) for victim in drawn),
        f"st.from_type(Victim) drew {len(drawn)} valid victims via the entry point",
    )


def main(argv: list[str] | None = None) -> int:
    """Run every check; return 0 when the installed package works as documented."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--prefix", type=Path, help="the venv the package must be in")
    parser.add_argument("--hypothesis", action="store_true", help="check the extra")
    args = parser.parse_args(argv)
    check_installed_copy(args.prefix)
    check_reference_example()
    check_validation_error()
    if args.hypothesis:
        check_hypothesis_extra()
    print("quickstart: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
