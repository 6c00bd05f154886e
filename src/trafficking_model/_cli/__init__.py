"""The `trafficking-model` command, also run as `python -m trafficking_model`.

Exit status: 0 valid (or done), 1 invalid data, 2 a usage error or an input
that cannot be read or written, 3 an internal error (a bug: please report it).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO

from trafficking_model._cli import _csv
from trafficking_model._cli._input import (
    STDIN,
    Input,
    UsageError,
    class_named,
    model_classes,
)
from trafficking_model._cli._progress import Progress, wanted
from trafficking_model._cli._records import records
from trafficking_model.errors import ValidationError
from trafficking_model.examples import (
    azerbaijan_nap_2020_2024,
    azerbaijan_report_2020_2021,
)
from trafficking_model.schema import json_schema
from trafficking_model.serialization import to_json
from trafficking_model.summaries import summary

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

PROG = "trafficking-model"
EPILOG = (
    "exit status: 0 valid, 1 invalid data, 2 a usage error or an input that "
    "cannot be read or written, 3 an internal error (a bug: please report it)"
)
_FORMATS = ("json", "jsonl", "csv")


def _version() -> str:
    from trafficking_model import __version__

    return __version__


def _class_names() -> str:
    return ", ".join(sorted(cls.__name__ for cls in model_classes().values()))


def _input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--type",
        metavar="CLASS",
        help="the model class of the records, in any case; by default told "
        "from the keys of the first record. One of: " + _class_names(),
    )
    parser.add_argument(
        "--jsonl",
        action="store_true",
        help="read JSON Lines even if the content looks like one JSON document",
    )
    shown = parser.add_mutually_exclusive_group()
    shown.add_argument(
        "--quiet", "-q", action="store_true", help="never show a progress bar"
    )
    shown.add_argument(
        "--progress",
        action="store_true",
        help="show a progress bar on standard error even for a small file or a pipe",
    )


def parser() -> argparse.ArgumentParser:
    """The command line parser."""
    main_parser = argparse.ArgumentParser(
        prog=PROG,
        description="Validate, summarise and convert trafficking-in-persons data, "
        "or print its JSON Schema. With no command, validate and summarise the "
        "built-in example.",
        epilog=EPILOG,
    )
    main_parser.add_argument(
        "--version", action="version", version=f"{PROG} {_version()}"
    )
    commands = main_parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check JSON, JSON Lines or CSV files",
        description="Check each file and print every problem as it is found, as "
        "FILE:LINE: PATH: MESSAGE [RULE]. JSON and JSON Lines are told apart by "
        "the content, CSV by the name.",
        epilog=EPILOG,
    )
    validate.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="a file to check, or - for standard input",
    )
    _input_options(validate)
    validate.add_argument(
        "--max-errors",
        type=int,
        metavar="N",
        help="stop a file after N bad records",
    )
    validate.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (the default), or json: one JSON object per line",
    )

    summarise = commands.add_parser(
        "summary",
        help="describe what a file holds",
        description="Print a summary of one record, or the number of records "
        "of each type in a stream. Each record's type is told from its keys.",
        epilog=EPILOG,
    )
    summarise.add_argument(
        "file", metavar="FILE", help="the file, or - for standard input"
    )
    _input_options(summarise)

    convert = commands.add_parser(
        "convert",
        help="convert between JSON, JSON Lines and CSV",
        description="Read records and write them in another format, one record "
        "at a time. The output is written to a temporary file beside it and "
        "renamed into place, so a failed conversion leaves no half-written file.",
        epilog=EPILOG,
    )
    convert.add_argument(
        "input", metavar="IN", help="the file to read, or - for standard input"
    )
    convert.add_argument(
        "output", metavar="OUT", help="the file to write, or - for standard output"
    )
    convert.add_argument(
        "--to",
        choices=_FORMATS,
        help="the output format; by default told from OUT's extension "
        "(.json, .jsonl or .ndjson, .csv)",
    )
    _input_options(convert)

    schema = commands.add_parser(
        "schema",
        help="print or write JSON Schema",
        description="Print the JSON Schema (draft 2020-12) of a model class, "
        "or write one file per model class into a folder.",
        epilog=EPILOG,
    )
    schema.add_argument(
        "type",
        nargs="?",
        metavar="CLASS",
        help="the model class to print, in any case. One of: " + _class_names(),
    )
    schema.add_argument(
        "--write",
        type=Path,
        metavar="DIR",
        help="write the schema of every model class into DIR, one file each",
    )
    return main_parser


def say(text: str, stream: TextIO | None = None) -> None:
    """Print a line that the stream can always encode, escaping what it cannot."""
    out = sys.stdout if stream is None else stream
    try:
        out.write(text + "\n")
    except UnicodeEncodeError:
        encoding = getattr(out, "encoding", None) or "utf-8"
        out.write(text.encode(encoding, "backslashreplace").decode(encoding) + "\n")


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


def _open(name: str, options: argparse.Namespace) -> tuple[Input, Progress]:
    source = Input(name, kind="jsonl" if options.jsonl else None)
    shown = wanted(source.size, quiet=options.quiet, forced=options.progress)
    return source, Progress(source.label, source.size, shown=shown)


def _chosen(options: argparse.Namespace) -> type[Any] | None:
    return None if options.type is None else class_named(options.type)


def _validate(options: argparse.Namespace) -> int:
    if options.max_errors is not None and options.max_errors < 1:
        msg = "--max-errors must be 1 or more"
        raise UsageError(msg)
    cls = _chosen(options)
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
    source, progress = _open(name, options)
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


def _summary(options: argparse.Namespace) -> int:
    source, progress = _open(options.file, options)
    kinds: Counter[str] = Counter()
    bad = 0
    last: object = None
    try:
        for _, item in records(source, _chosen(options), progress, each=True):
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


def _output_format(options: argparse.Namespace) -> str:
    if options.to is not None:
        chosen: str = options.to
        return chosen
    suffix = Path(options.output).suffix.lower()
    formats = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
    if suffix not in formats:
        msg = f"cannot tell the output format from {options.output!r}: give --to"
        raise UsageError(msg)
    return formats[suffix]


@contextlib.contextmanager
def _atomic(name: str) -> Iterator[IO[str]]:
    """A text file that appears at `name` only once it is complete."""
    if name == STDIN:
        yield sys.stdout
        return
    target = Path(name)
    folder = target.parent
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    except OSError as error:
        msg = f"{name}: cannot write: {error.strerror or error}"
        raise UsageError(msg) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


class _Output:
    def __init__(self, out: IO[str], kind: str) -> None:
        self.out = out
        self.kind = kind
        self.count = 0
        self._csv: _csv.Writer | None = None

    def write(self, obj: object, *, single: bool) -> None:
        if self.kind == "jsonl" or (self.kind == "json" and single):
            # one JSON object in, one out: the object itself, not an array
            self.out.write(to_json(obj) + "\n")
        elif self.kind == "csv":
            if self._csv is None:
                self._csv = _csv.Writer(self.out, type(obj))
            self._csv.write(obj)
        else:
            self.out.write(("[\n" if self.count == 0 else ",\n") + to_json(obj))
        self.count += 1

    def finish(self, *, single: bool) -> None:
        if self.kind != "json" or single:
            return
        self.out.write("[]\n" if self.count == 0 else "\n]\n")


def _convert(options: argparse.Namespace) -> int:
    kind = _output_format(options)
    source, progress = _open(options.input, options)
    bad = 0
    try:
        with _atomic(options.output) as out:
            output = _Output(out, kind)
            for line, item in records(source, _chosen(options), progress, each=True):
                if isinstance(item, ValidationError):
                    bad += 1
                    where = source.label if line is None else f"{source.label}:{line}"
                    for problem in item.problems:
                        say(f"{where}: {problem} [{problem.rule}]", sys.stderr)
                    continue
                output.write(item, single=source.single)
            output.finish(single=source.single)
            if bad:
                msg = f"{source.label}: {bad} invalid records: nothing written"
                raise _InvalidInputError(msg)
    except _InvalidInputError as stop:
        say(str(stop), sys.stderr)
        return 1
    except ValidationError as error:  # a record CSV cannot hold
        say(f"{options.output}: {error}", sys.stderr)
        return 1
    except OSError as error:
        msg = f"cannot convert: {error.strerror or error}"
        raise UsageError(msg) from None
    finally:
        progress.close(source.consumed)
        source.close()
    if options.output != STDIN:
        say(f"{options.output}: {output.count} records written ({kind})", sys.stderr)
    return 0


class _InvalidInputError(Exception):
    """The input holds invalid records: nothing is written."""


def _schema(options: argparse.Namespace) -> int:
    from trafficking_model.schema import _schema_file_name, _schema_text

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
                (folder / _schema_file_name(each)).write_text(
                    _schema_text(each), encoding="utf-8"
                )
        except OSError as error:
            msg = f"{folder}: cannot write: {error.strerror or error}"
            raise UsageError(msg) from None
        say(f"Wrote {len(classes)} schemas to {folder}")
    if cls is not None:
        say(json.dumps(json_schema(cls), indent=2, ensure_ascii=False))
    return 0


_COMMANDS = {
    "validate": _validate,
    "summary": _summary,
    "convert": _convert,
    "schema": _schema,
}


def main(argv: Sequence[str] | None = None) -> int:  # noqa: PLR0911 - one per status
    """Run the command line; return the exit status.

    Args:
        argv: The arguments, without the program name; by default `sys.argv`'s.

    Returns:
        0 valid, 1 invalid data, 2 a usage error or an unreadable input, 3 a bug.

    Example:
        >>> main(["schema", "period"])  # doctest: +ELLIPSIS
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "Period",
        ...
        0
    """
    arguments = sys.argv[1:] if argv is None else list(argv)
    if not arguments:
        return summarise_example()
    options = parser().parse_args(arguments)
    if options.command is None:
        return summarise_example()
    try:
        return _COMMANDS[options.command](options)
    except UsageError as error:
        say(f"{PROG} {options.command}: {error}", sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (| head): say nothing more
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
    except Exception:  # a bug, which must not look like invalid data (status 1)
        say(traceback.format_exc().rstrip(), sys.stderr)
        say("internal error: please report it", sys.stderr)
        return 3
