"""`python -m trafficking_model`: the command line.

- With no arguments, it validates the built-in example and summarises it.
- `validate FILE --type CLASS [--jsonl]` checks a JSON or JSON Lines file and
  prints every problem with its path (and line), exiting with 1 if any.
- `schema [CLASS] [--write DIR]` prints the JSON Schema of a class, or writes the
  schema of every model class into `DIR`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

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


def _report(label: str, error: ValidationError) -> None:
    for problem in error.problems:
        print(f"{label}: {problem} [{problem.rule}]")


def _validate(file: Path, cls: type[Any], *, jsonl: bool) -> int:
    try:
        if not jsonl:
            from_json(file.read_bytes(), cls)
            print(f"{file}: valid {cls.__name__}")
            return 0
        bad: list[ValidationError] = []
        good = sum(1 for _ in iter_jsonl(file, cls, on_error=bad.append))
    except OSError as error:
        print(f"{file}: cannot read: {error.strerror or error}", file=sys.stderr)
        return 2
    except ValidationError as error:
        _report(str(file), error)
        return 1
    for bad_line in bad:
        _report(f"{file}:{bad_line.line}", bad_line)
    print(f"{file}: {good} valid {cls.__name__} records, {len(bad)} bad lines")
    return 1 if bad else 0


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
    if options.command == "validate":
        return _validate(
            options.file, _model_classes()[options.type], jsonl=options.jsonl
        )
    return _schema(options.type, options.write)


if __name__ == "__main__":
    sys.exit(main())
