"""The command's input: a file or standard input, in one of `FORMATS`.

The format is told from the content, not the name (but for the flat CSV
tables, which have no mark of their own): a first line that is the header of
UNODC's GLOTIP long format or of IOM's CTDC dataset is that format; a first
line that is a whole JSON object followed by more content is JSON Lines; a
name ending in `.csv` is a flat table; anything else is one JSON document, an
object or an array of objects. The model class is told from the keys of the first record,
where they fit exactly one class.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import sys
from codecs import BOM_UTF8
from functools import cache
from pathlib import Path
from typing import IO, Any

from trafficking_model._validation import TYPE
from trafficking_model.errors import Problem, ValidationError
from trafficking_model.schema import json_schema

STDIN = "-"
FORMATS = ("json", "jsonl", "csv", "glotip", "ctdc", "htcds")
"""The formats the command knows, by the name `--from` and `--to` take."""
READABLE = ("json", "jsonl", "csv", "glotip", "ctdc")
"""The formats the command reads: HTCDS records are only written."""
_CHUNK = 1 << 16


class UsageError(Exception):
    """A problem with the command line or an unreadable input: exit status 2."""


class _Stream(io.RawIOBase):
    """A byte stream that can look ahead at its start and counts what is read."""

    def __init__(self, raw: IO[bytes]) -> None:
        super().__init__()
        # read1 returns what is there, without waiting for a whole chunk: an
        # error on a pipe or a FIFO is printed while the input is still open.
        self._read = getattr(raw, "read1", raw.read)
        self._head = b""
        self._eof = False
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def peek_more(self) -> bool:
        """Read one more chunk into the look-ahead; False at the end."""
        if self._eof:
            return False
        chunk = self._read(_CHUNK)
        if not chunk:
            self._eof = True
            return False
        self._head += chunk
        return True

    @property
    def head(self) -> bytes:
        return self._head

    def readinto(self, buffer: Any) -> int:  # noqa: ANN401 - a writable buffer
        view = memoryview(buffer).cast("B")
        if self._head:
            size = min(len(view), len(self._head))
            view[:size] = self._head[:size]
            self._head = self._head[size:]
        elif self._eof:
            return 0
        else:
            chunk = self._read(len(view))
            size = len(chunk)
            view[:size] = chunk
        self.consumed += size
        return size


class Input:
    """One input opened for reading, its format told from its content.

    Attributes:
        label: The name to show: the file name, or `<stdin>`.
        size: The size in bytes of a regular file, or `None`.
        kind: One of `READABLE`.
        stream: The bytes, from the start.
    """

    def __init__(self, name: str, *, kind: str | None = None) -> None:
        self._file: IO[bytes] | None = None
        if name == STDIN:
            self.label = "<stdin>"
            raw: IO[bytes] = sys.stdin.buffer
            self.size: int | None = None
        else:
            path = Path(name)
            self.label = os.fsencode(path).decode("utf-8", "backslashreplace")
            try:
                self._file = raw = path.open("rb")
                status = os.fstat(raw.fileno())
            except OSError as error:
                msg = f"{self.label}: cannot read: {error.strerror or error}"
                raise UsageError(msg) from None
            self.size = status.st_size if stat.S_ISREG(status.st_mode) else None
        self._raw = _Stream(raw)
        self.cls: type[Any] | None = None
        """The records' class, once it is chosen or told from the first record."""
        self.single = False
        """Whether the input is one JSON object (known once it is read)."""
        if kind is None:
            kind = self._header() or (
                "csv" if name.lower().endswith(".csv") else self._detect()
            )
        self.kind = kind
        self.stream = io.BufferedReader(self._raw, _CHUNK)

    @property
    def consumed(self) -> int:
        """How many bytes have been read so far."""
        return self._raw.consumed

    def close(self) -> None:
        """Close the file, if this opened one."""
        if self._file is not None:
            self._file.close()

    def first_line(self) -> bytes:
        """The first line, without a byte order mark; only before reading starts."""
        try:
            while b"\n" not in self._raw.head and self._raw.peek_more():
                pass
        except OSError as error:
            msg = f"{self.label}: cannot read: {error.strerror or error}"
            raise UsageError(msg) from None
        return self._raw.head.partition(b"\n")[0].removeprefix(BOM_UTF8)

    def _header(self) -> str | None:
        """`glotip` or `ctdc` where the first line is that format's header."""
        line = self.first_line().decode("utf-8", "replace").rstrip("\r")
        if "," not in line or line.lstrip().startswith(("{", "[")):
            return None
        cells = set(next(csv.reader([line]), []))
        from trafficking_model.formats import glotip

        if cells >= set(glotip.COLUMNS):
            return "glotip"
        if {"yearOfRegistration", "gender"} <= cells:
            return "ctdc"
        return None

    def _detect(self) -> str:
        if not _is_object(self.first_line()):
            return "json"
        rest = self._raw.head.partition(b"\n")[2]
        try:
            while not rest.strip() and self._raw.peek_more():
                rest = self._raw.head.partition(b"\n")[2]
        except OSError as error:
            msg = f"{self.label}: cannot read: {error.strerror or error}"
            raise UsageError(msg) from None
        return "jsonl" if rest.strip() else "json"


def _is_object(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def model_classes() -> dict[str, type[Any]]:
    """Every model class the command reads, by its name in lower case."""
    from trafficking_model._models import MODEL_CLASSES_BY_NAME

    return {name.lower(): cls for name, cls in MODEL_CLASSES_BY_NAME.items()}


def class_named(name: str) -> type[Any]:
    """The model class of that name, in any case."""
    classes = model_classes()
    cls = classes.get(name.lower())
    if cls is None:
        names = ", ".join(sorted(cls.__name__ for cls in classes.values()))
        msg = f"unknown type {name!r}; expected one of {names}"
        raise UsageError(msg)
    return cls


_SHAPES: dict[type[Any], tuple[frozenset[str], frozenset[str]]] = {}


def _shape(cls: type[Any]) -> tuple[frozenset[str], frozenset[str]]:
    """The required keys and all the keys of the JSON form of `cls`."""
    shape = _SHAPES.get(cls)
    if shape is None:
        schema = json_schema(cls)
        shape = frozenset(schema.get("required", ())), frozenset(schema["properties"])
        _SHAPES[cls] = shape
    return shape


def detect(record: object) -> type[Any] | None:
    """The one model class whose JSON shape fits the keys of `record`, if any."""
    if not isinstance(record, dict):
        return None
    return _detect_keys(frozenset(record))


@cache
def _detect_keys(keys: frozenset[str]) -> type[Any] | None:
    classes = model_classes().values()
    fits = [cls for cls in classes if _shape(cls)[0] <= keys <= _shape(cls)[1]]
    if fits:
        return fits[0] if len(fits) == 1 else None
    # No exact fit: a record with a key misspelt or missing still has a
    # closest class, the one sharing the most keys, which will say what is wrong.
    shared = sorted(
        ((len(keys & _shape(cls)[1]), cls.__name__, cls) for cls in classes),
        reverse=True,
    )
    best = shared[0]
    if best[0] == 0 or shared[1][0] == best[0]:
        return None
    return best[2]


def candidates(record: object) -> list[str]:
    """The names of the classes a record could be, for a message."""
    if not isinstance(record, dict):
        return []
    keys = frozenset(record)
    return sorted(
        cls.__name__
        for cls in model_classes().values()
        if _shape(cls)[0] <= keys <= _shape(cls)[1]
    )


def not_a_record(line: int | None, found: object) -> ValidationError:
    """The error for a record that fits no model class, or several."""
    names = candidates(found)
    if names:
        message = f"fits several types ({', '.join(names)}); give --type"
    else:
        message = "fits no model class; give --type"
    return ValidationError([Problem(path="$", message=message, rule=TYPE)], line=line)


def first_record(document: object) -> object:
    """The first record of a JSON document: itself, or its first item."""
    if isinstance(document, list):
        return document[0] if document else None
    return document
