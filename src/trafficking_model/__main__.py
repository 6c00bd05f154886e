"""`python -m trafficking_model`: the command line.

- With no arguments, it validates the built-in example and summarises it.
- `validate FILE --type CLASS [--jsonl]` checks a JSON or JSON Lines file and
  prints every problem with its path (and line), as it finds it, exiting with 1
  if any.
- `schema [CLASS] [--write DIR]` prints the JSON Schema of a class, or writes the
  schema of every model class into `DIR`.

Exit status: 0 valid, 1 invalid data, 2 a file that cannot be read or a usage
error, 3 an internal error (a bug: please report it).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from trafficking_model.errors import ValidationError
from trafficking_model.examples import (
    azerbaijan_nap_2020_2024,
    azerbaijan_report_2020_2021,
)
from trafficking_model.jsonl import iter_jsonl
from trafficking_model.schema import (
    _model_classes,
    _schema_file_name,
    _schema_text,
    json_schema,
)
from trafficking_model.serialization import from_json
from trafficking_model.summaries import summary

if TYPE_CHECKING:
    from collections.abc import Sequence


def summarise_example() -> int:
    """Build the reference example, which validates it, and print a summary."""
    try:
        report = azerbaijan_report_2020_2021()
        plan = azerbaijan_nap_2020_2024()
    except ValidationError as error:  # pragma: no cover - the example is valid
        print(f"The reference example is invalid:\n{error}", file=sys.stderr)
        return 1
    print(summary(report))
    print()
    print(summary(plan))
    print()
    print("All figures are consistent: every rule of the model holds.")
    return 0


def _parser() -> argparse.ArgumentParser:
    classes = sorted(_model_classes())
    parser = argparse.ArgumentParser(
        prog="python -m trafficking_model",
        description="Validate trafficking-in-persons data, or export its JSON "
        "Schema. With no arguments, validate and summarise the built-in example.",
    )
    commands = parser.add_subparsers(dest="command")
    validate = commands.add_parser(
        "validate",
        help="check a JSON or JSON Lines file",
        description="Check a JSON file (or a JSON Lines file, one record per line) "
        "and print every problem with its path. Exit status 1 if any.",
    )
    validate.add_argument("file", type=Path, help="the file to check")
    validate.add_argument(
        "--type",
        required=True,
        choices=classes,
        metavar="CLASS",
        help="the model class of the data (or of each record): " + ", ".join(classes),
    )
    validate.add_argument(
        "--jsonl", action="store_true", help="read JSON Lines, one record per line"
    )
    schema = commands.add_parser(
        "schema",
        help="print or write JSON Schema",
        description="Print the JSON Schema (draft 2020-12) of a model class, "
        "or write one file per model class into a folder.",
    )
    schema.add_argument("type", nargs="?", choices=classes, metavar="CLASS")
    schema.add_argument(
        "--write", type=Path, metavar="DIR", help="write every schema into DIR"
    )
    return parser


def _shown(path: Path) -> str:
    r"""A file name for the output: bytes that are not UTF-8 as `\xNN` escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _say(text: str, stream: TextIO | None = None) -> None:
    """Print a line that the stream can always encode, escaping what it cannot."""
    out = sys.stdout if stream is None else stream
    try:
        out.write(text + "\n")
    except UnicodeEncodeError:
        encoding = getattr(out, "encoding", None) or "utf-8"
        safe = text.encode(encoding, "backslashreplace").decode(encoding)
        out.write(safe + "\n")


class _Reporter:
    """Print the problems of each bad record as soon as it is found."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bad = 0
        self._flushed = 0.0

    def __call__(self, error: ValidationError) -> None:
        self.bad += 1
        where = self.label if error.line is None else f"{self.label}:{error.line}"
        _say(
            "\n".join(
                f"{where}: {problem} [{problem.rule}]" for problem in error.problems
            )
        )
        now = time.monotonic()
        if now - self._flushed > 0.2:
            # Shown at once even into a pipe, without a write for every line.
            sys.stdout.flush()
            self._flushed = now


_BOM = b"\xef\xbb\xbf"


def _validate(file: Path, cls: type[Any], *, jsonl: bool) -> int:
    label = _shown(file)
    report = _Reporter(label)
    try:
        if not jsonl:
            data = file.read_bytes()
            # A text file may start with a byte order mark: skip it.
            from_json(memoryview(data)[3:] if data.startswith(_BOM) else data, cls)
            _say(f"{label}: valid {cls.__name__}")
            return 0
        good = sum(1 for _ in iter_jsonl(file, cls, on_error=report))
    except OSError as error:
        _say(f"{label}: cannot read: {error.strerror or error}", sys.stderr)
        return 2
    except ValidationError as error:
        report(error)
        return 1
    if good == 0 and report.bad == 0:
        _say(f"{label}: no records: the file is empty")
        return 0
    _say(f"{label}: {good} valid {cls.__name__} records, {report.bad} bad lines")
    return 1 if report.bad else 0


def _schema(name: str | None, folder: Path | None) -> int:
    classes = _model_classes()
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        for cls in classes.values():
            (folder / _schema_file_name(cls)).write_text(
                _schema_text(cls), encoding="utf-8"
            )
        print(f"Wrote {len(classes)} schemas to {folder}")
    if name is not None:
        print(json.dumps(json_schema(classes[name]), indent=2, ensure_ascii=False))
    if folder is None and name is None:
        print("Give a CLASS to print, or --write DIR", file=sys.stderr)
        return 2
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Example:
        >>> main(["schema", "Period"])  # doctest: +ELLIPSIS
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "Period",
        ...
        0
    """
    arguments = sys.argv[1:] if argv is None else list(argv)
    if not arguments:
        return summarise_example()
    options = _parser().parse_args(arguments)
    try:
        if options.command == "validate":
            return _validate(
                options.file, _model_classes()[options.type], jsonl=options.jsonl
            )
        return _schema(options.type, options.write)
    except Exception:  # a bug, which must not look like invalid data (status 1)
        _say(traceback.format_exc().rstrip(), sys.stderr)
        _say("internal error: please report it", sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
