"""The `convert` command: records from one format to another, atomically.

JSON, JSON Lines and the flat CSV tables hold any model class; GLOTIP rows hold
`CountryReport`s, the CTDC file `ctdc.Record`s, and HTCDS records victims,
defendants, cases and stakeholders. A record the output format cannot hold is
a usage error (status 2): nothing is guessed.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from trafficking_model import Case, CountryReport, Defendant, Stakeholder, Victim
from trafficking_model._cli._common import chosen, open_input, say
from trafficking_model._cli._input import STDIN, UsageError
from trafficking_model._cli._records import records
from trafficking_model.errors import ValidationError
from trafficking_model.formats import ctdc, glotip, htcds, tables
from trafficking_model.serialization import to_json

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Iterator


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


_HOLDS: dict[str, tuple[type[Any], ...]] = {
    "glotip": (CountryReport,),
    "ctdc": (ctdc.Record,),
    "htcds": (Victim, Defendant, Case, Stakeholder),
}
"""The classes each format that does not hold any model class holds."""


class _Output:
    """Records written one at a time in one of the command's formats."""

    def __init__(self, out: IO[str], kind: str, *, name: str, lossy: bool) -> None:
        self.out = out
        self.kind = kind
        self.name = name
        self.lossy = lossy
        self.count = 0
        self._csv: tuple[Any, type[Any], tuple[str, ...]] | None = None
        self._held: list[Any] = []

    def _check(self, obj: object) -> None:
        holds = _HOLDS.get(self.kind)
        if holds is not None and not isinstance(obj, holds):
            names = ", ".join(cls.__name__ for cls in holds)
            msg = (
                f"cannot convert {type(obj).__name__} records to {self.kind}: "
                f"it holds {names} records only"
            )
            raise UsageError(msg)

    def write(self, obj: object, *, single: bool) -> None:
        self._check(obj)
        if self.kind == "jsonl" or (self.kind == "json" and single):
            # one JSON object in, one out: the object itself, not an array
            self.out.write(to_json(obj) + "\n")
        elif self.kind == "csv":
            self._write_row(obj)
        elif self.kind == "htcds":
            record = htcds.to_htcds(
                obj,  # type: ignore[arg-type] # checked above
                on_error=self._lost if self.lossy else None,
            )
            self.out.write(json.dumps(record, ensure_ascii=False) + "\n")
        elif self.kind in ("glotip", "ctdc"):
            self._held.append(obj)  # written whole at the end
        else:
            self.out.write(("[\n" if self.count == 0 else ",\n") + to_json(obj))
        self.count += 1

    def _lost(self, error: ValidationError) -> None:
        """With `--lossy`: name what an HTCDS record leaves out, and go on."""
        for problem in error.problems:
            say(
                f"{self.name}: record {self.count + 1}: {problem} [{problem.rule}]",
                sys.stderr,
            )

    def _write_row(self, obj: object) -> None:
        """One row of the flat table of `formats.tables`, the header first."""
        if self._csv is None:
            names = tables.columns(type(obj))
            self._csv = (csv.writer(self.out, lineterminator="\n"), type(obj), names)
            self._csv[0].writerow(names)
        writer, cls, names = self._csv
        if type(obj) is not cls:
            msg = (
                f"a CSV file holds one type: {type(obj).__name__} "
                f"among {cls.__name__} records"
            )
            raise UsageError(msg)
        (cells,) = tables.to_rows(obj)
        writer.writerow([tables._text(cells[name]) for name in names])

    def finish(self, *, single: bool) -> None:
        if self.kind == "glotip":
            glotip.write_rows(glotip.from_reports(self._held), self.out)
        elif self.kind == "ctdc":
            ctdc.write(self._held, self.out)
        elif self.kind == "json" and not single:
            self.out.write("[]\n" if self.count == 0 else "\n]\n")


def _check_pair(reading: str, writing: str, close: Callable[[], None]) -> None:
    """Refuse at once a pair of formats whose records cannot be converted."""
    made = _HOLDS.get(reading)
    holds = _HOLDS.get(writing)
    if made is None or holds is None or made[0] in holds:
        return
    close()
    msg = (
        f"cannot convert {reading} to {writing}: {reading} holds "
        f"{made[0].__name__} records, {writing} "
        f"{', '.join(cls.__name__ for cls in holds)} records"
    )
    raise UsageError(msg)


def convert(options: argparse.Namespace) -> int:
    """`convert IN OUT`: write the records of IN to OUT in its format."""
    kind = _output_format(options)
    source, progress = open_input(options.input, options)
    _check_pair(source.kind, kind, source.close)
    bad = 0
    try:
        with _atomic(options.output) as out:
            output = _Output(out, kind, name=options.output, lossy=options.lossy)
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
    except ValidationError as error:  # a record the output cannot hold
        for problem in error.problems:
            say(f"{options.output}: {problem} [{problem.rule}]", sys.stderr)
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
