"""The commands that read: `validate`, `summary`, and `schema`."""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from typing import TYPE_CHECKING, Any

from trafficking_model._cli._common import chosen, open_input, say
from trafficking_model._cli._input import UsageError, class_named, model_classes
from trafficking_model._cli._records import records
from trafficking_model.errors import ValidationError
from trafficking_model.examples import (
    azerbaijan_nap_2020_2024,
    azerbaijan_report_2020_2021,
)
from trafficking_model.schema import json_schema
from trafficking_model.summaries import summary

if TYPE_CHECKING:
    import argparse
    from pathlib import Path


def summarise_example() -> int:
    """Build the reference example, which validates it, and print a summary."""
    print(summary(azerbaijan_report_2020_2021()))
    print()
    print(summary(azerbaijan_nap_2020_2024()))
    print()
    print("All figures are consistent: every rule of the model holds.")
    return 0


class _Reporter:
    """Print each bad record's problems as soon as it is found; keep a count."""

    def __init__(self, label: str, *, as_json: bool) -> None:
        self.label = label
        self.as_json = as_json
        self.bad = 0
        self._flushed = 0.0

    def __call__(self, line: int | None, error: ValidationError) -> None:
        self.bad += 1
        if self.as_json:
            text = "\n".join(
                json.dumps(
                    {
                        "file": self.label,
                        "line": line,
                        "path": problem.path,
                        "message": problem.message,
                        "rule": problem.rule,
                    },
                    ensure_ascii=False,
                )
                for problem in error.problems
            )
        else:
            where = self.label if line is None else f"{self.label}:{line}"
            text = "\n".join(
                f"{where}: {problem} [{problem.rule}]" for problem in error.problems
            )
        say(text)
        now = time.monotonic()
        if now - self._flushed > 0.2:
            # Shown at once even into a pipe, without a write for every line.
            sys.stdout.flush()
            self._flushed = now


def validate(options: argparse.Namespace) -> int:
    """`validate FILE...`: check each file; the worst status of them."""
    if options.max_errors is not None and options.max_errors < 1:
        msg = "--max-errors must be 1 or more"
        raise UsageError(msg)
    cls = chosen(options)
    status = 0
    for name in options.files:
        status = max(status, _validate_guarded(name, cls, options))
    return status


def _validate_guarded(
    name: str, cls: type[Any] | None, options: argparse.Namespace
) -> int:
    """Validate one file; an unreadable one is status 2, and the next goes on."""
    try:
        return _validate_one(name, cls, options)
    except UsageError as error:
        say(str(error), sys.stderr)
        return 2


def _validate_one(name: str, cls: type[Any] | None, options: argparse.Namespace) -> int:
    source, progress = open_input(name, options)
    report = _Reporter(source.label, as_json=options.format == "json")
    good = 0
    kinds: Counter[str] = Counter()
    stopped = False
    try:
        for line, item in records(source, cls, progress):
            if isinstance(item, ValidationError):
                report(line, item)
                if options.max_errors is not None and report.bad >= options.max_errors:
                    stopped = True
                    break
            else:
                good += 1
                kinds[type(item).__name__] += 1
    except OSError as error:
        msg = f"{source.label}: cannot read: {error.strerror or error}"
        raise UsageError(msg) from None
    finally:
        progress.close(source.consumed)
        source.close()
    type_name = "record" if source.cls is None else source.cls.__name__
    if options.format == "json":
        say(
            json.dumps(
                {
                    "file": source.label,
                    "format": source.kind,
                    "type": type_name,
                    "valid": good,
                    "invalid": report.bad,
                    "stopped": stopped,
                },
                ensure_ascii=False,
            )
        )
    elif source.kind == "json" and good + report.bad == 1:
        if good:
            say(f"{source.label}: valid {type_name}")
    elif good == 0 and report.bad == 0:
        say(f"{source.label}: no records: the file is empty")
    else:
        bad = "bad lines" if source.kind != "json" else "bad records"
        say(f"{source.label}: {good} valid {type_name} records, {report.bad} {bad}")
        if stopped:
            say(
                f"{source.label}: stopped after {report.bad} bad records (--max-errors)"
            )
    return 1 if report.bad else 0


def summarise(options: argparse.Namespace) -> int:
    """`summary FILE`: describe one object, or count the records of a stream."""
    source, progress = open_input(options.file, options)
    kinds: Counter[str] = Counter()
    bad = 0
    last: object = None
    try:
        for _, item in records(source, chosen(options), progress, each=True):
            if isinstance(item, ValidationError):
                bad += 1
            else:
                kinds[type(item).__name__] += 1
                last = item
    except OSError as error:
        msg = f"{source.label}: cannot read: {error.strerror or error}"
        raise UsageError(msg) from None
    finally:
        progress.close(source.consumed)
        source.close()
    total = sum(kinds.values())
    if total == 1 and bad == 0:
        try:
            say(summary(last))
        except TypeError:
            say(f"{source.label}: one {type(last).__name__}")
        return 0
    counts = ", ".join(f"{count} {name}" for name, count in sorted(kinds.items()))
    say(f"{source.label}: {total} records ({counts or 'none'}); {bad} invalid")
    return 1 if bad else 0


def schema(options: argparse.Namespace) -> int:
    """`schema [CLASS] [--write DIR]`: print one schema, or write them all."""
    from trafficking_model._schema_files import schema_file_name, schema_text

    folder: Path | None = options.write
    name: str | None = options.type
    cls = None if name is None else class_named(name)
    if folder is None and cls is None:
        msg = "give a CLASS to print, or --write DIR"
        raise UsageError(msg)
    if folder is not None:
        classes = model_classes()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for each in classes.values():
                (folder / schema_file_name(each)).write_text(
                    schema_text(each), encoding="utf-8"
                )
        except OSError as error:
            msg = f"{folder}: cannot write: {error.strerror or error}"
            raise UsageError(msg) from None
        say(f"Wrote {len(classes)} schemas to {folder}")
    if cls is not None:
        say(json.dumps(json_schema(cls), indent=2, ensure_ascii=False))
    return 0
