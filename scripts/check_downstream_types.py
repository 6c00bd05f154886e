"""Type-check downstream code against an installed trafficking-model.

Usage: ``python scripts/check_downstream_types.py PYTHON WORKDIR``, where PYTHON
is the interpreter of an environment that has the wheel installed and WORKDIR is
an empty directory outside the source tree.

The snippets in ``scripts/downstream/`` are copied into WORKDIR and checked
there with ``mypy --strict --python-executable PYTHON``, so mypy sees only what
the wheel installed (PEP 561: the package and its ``py.typed``), with no project
configuration. Each ``# reveal: TYPE`` comment must match the type mypy reveals
on that line; each ``# error: CODE`` comment must get exactly that error; no
other line may get an error.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tokenize
from pathlib import Path

SNIPPETS = Path(__file__).resolve().parent / "downstream"
EXPECTATION = re.compile(r"#\s*(reveal|error):\s*(.+?)\s*")
OUTPUT = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+): (?P<kind>error|note): (?P<text>.*?)"
    r"(?:\s+\[(?P<code>[a-z-]+)\])?$"
)


def _normalise(type_text: str) -> str:
    # mypy < 2 writes builtins.int where mypy 2 writes int.
    return type_text.replace("builtins.", "")


def expectations(path: Path) -> dict[tuple[str, int], tuple[str, str]]:
    """Map (file, line) to (kind, expected) from the ``# reveal/error:`` comments."""
    found = {}
    with path.open("rb") as source:
        for token in tokenize.tokenize(source.readline):
            match = EXPECTATION.fullmatch(token.string)
            if token.type == tokenize.COMMENT and match:
                found[path.name, token.start[0]] = (
                    match.group(1),
                    _normalise(match.group(2)),
                )
    return found


def main(argv: list[str]) -> int:
    """Run mypy on the snippets and compare what it says with what they expect."""
    python, workdir = argv[1], Path(argv[2])
    expected: dict[tuple[str, int], tuple[str, str]] = {}
    snippets = sorted(SNIPPETS.glob("*.py"))
    for snippet in snippets:
        shutil.copy(snippet, workdir / snippet.name)
        expected.update(expectations(snippet))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--python-executable",
            python,
            "--no-incremental",
            "--show-error-codes",
            "--no-error-summary",
            "--no-pretty",
            *(snippet.name for snippet in snippets),
        ],
        cwd=workdir,
        capture_output=True,
        text=True,
        check=False,
    )
    print(result.stdout, end="")
    got: dict[tuple[str, int], tuple[str, str]] = {}
    problems: list[str] = []
    for line in result.stdout.splitlines():
        match = OUTPUT.match(line)
        if match is None:
            problems.append(f"unparsed mypy output: {line}")
            continue
        where = (Path(match["file"]).name, int(match["line"]))
        if match["kind"] == "note":
            revealed = re.fullmatch(r'Revealed type is "(.*)"', match["text"])
            if revealed:
                got[where] = ("reveal", _normalise(revealed.group(1)))
            continue
        got[where] = ("error", match["code"] or "")
    problems.extend(
        f"{where[0]}:{where[1]}: expected {expected.get(where)}, "
        f"mypy gave {got.get(where)}"
        for where in sorted(expected.keys() | got.keys())
        if expected.get(where) != got.get(where)
    )
    if result.returncode not in (0, 1) or result.stderr:
        problems.append(f"mypy exited {result.returncode}: {result.stderr.strip()}")
    for problem in problems:
        print(f"PROBLEM {problem}", file=sys.stderr)
    if problems:
        return 1
    print(
        f"check_downstream_types: mypy --strict saw the installed types "
        f"({len(expected)} expectations met)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
