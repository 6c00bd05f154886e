"""The `convert` command: records from one format to another, atomically."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path
from typing import IO, TYPE_CHECKING

from trafficking_model._cli import _csv
from trafficking_model._cli._common import chosen, open_input, say
from trafficking_model._cli._input import STDIN, UsageError
from trafficking_model._cli._records import records
from trafficking_model.errors import ValidationError
from trafficking_model.serialization import to_json

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator


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
    """Records written one at a time as JSON, JSON Lines or CSV."""

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


def convert(options: argparse.Namespace) -> int:
    """`convert IN OUT`: write the records of IN to OUT in its format."""
    kind = _output_format(options)
    source, progress = open_input(options.input, options)
    bad = 0
    try:
        with _atomic(options.output) as out:
            output = _Output(out, kind)
            for line, item in records(source, chosen(options), progress, each=True):
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
