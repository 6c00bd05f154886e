"""JSON Lines: one record per line, read and written in constant memory.

[`iter_jsonl`][trafficking_model.iter_jsonl] reads records one line at a time
and reports a problem with its line number. [`write_jsonl`][trafficking_model.write_jsonl]
writes records the same way; when it writes to a regular file, it writes a
temporary file beside it and renames it into place, so a failed write never
leaves a half-written file.
"""

from __future__ import annotations

import os
import typing
from codecs import BOM_UTF8
from pathlib import Path
from typing import IO, TYPE_CHECKING, TypeVar

import attrs

from trafficking_model._files import write_atomically
from trafficking_model._json import (
    BOM,
    Appender,
    accelerated_appender,
    accelerated_decoder,
    encode_with_converter,
    parse_json,
)
from trafficking_model._validation import JSON, TYPE
from trafficking_model.errors import Problem, ValidationError
from trafficking_model.serialization import from_dict

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

__all__ = ["iter_jsonl", "write_jsonl"]

T = TypeVar("T")

Source = str | os.PathLike[str] | IO[bytes]


def iter_jsonl(
    source: Source,
    cls: type[T],
    *,
    on_error: Callable[[ValidationError], object] | None = None,
) -> Iterator[T]:
    r"""Read records of type `cls` from JSON Lines, one line at a time.

    Every line holds one JSON value; a blank line is an error. Memory use does
    not grow with the file. A UTF-8 byte order mark at the very start of the
    input is skipped, as text editors on some systems write one; anywhere else
    it is an error.

    Args:
        source: A file path, or a file object opened in binary mode.
        cls: The record type, such as `Victim`.
        on_error: What to do with a bad line. By default the first one raises.
            When given, it is called with each bad line's error, and reading
            goes on with the next line; `errors.append` collects them.

    Yields:
        One valid `cls` per good line, in file order.

    Raises:
        ValidationError: For the first bad line, unless `on_error` is given. Its
            `line` attribute is the 1-based line number, and its message starts
            with `line N: `.

    Example:
        >>> import io
        >>> from trafficking_model import Period
        >>> data = io.BytesIO(
        ...     b'{"start": "2020-01-01", "end": "2020-12-31"}\n'
        ...     b'{"start": "2021-01-01", "end": "2020-12-31"}\n'
        ...     b'{"start": "2022-01-01", "end": "2022-12-31"}\n'
        ... )
        >>> errors = []
        >>> [str(period) for period in iter_jsonl(data, Period, on_error=errors.append)]
        ['2020-01-01/2020-12-31', '2022-01-01/2022-12-31']
        >>> print(errors[0])
        line 2: $.end: end 2020-12-31 is before start 2021-01-01
        >>> errors[0].line
        2
    """
    if isinstance(source, (str, os.PathLike)):
        with Path(source).open("rb") as file:
            yield from _read(file, cls, on_error)
    else:
        yield from _read(source, cls, on_error)


def _read(
    file: IO[bytes],
    cls: type[T],
    on_error: Callable[[ValidationError], object] | None,
) -> Iterator[T]:
    fast = accelerated_decoder(cls)
    for number, read in enumerate(file, start=1):
        line = read
        if number == 1:
            text: object = read  # a stream opened in text mode gives str
            if read[:3] == BOM_UTF8:
                line = read[3:]
            elif isinstance(text, str) and text[:1] == BOM:
                line = read[1:]
        if fast is not None:
            obj = fast(line)
            if obj is not None:
                yield typing.cast("T", obj)
                continue
        try:
            if not line.strip():
                raise ValidationError(
                    [
                        Problem(
                            path="$",
                            message="blank line: JSON Lines needs one value per line",
                            rule=JSON,
                        )
                    ]
                )
            record = from_dict(parse_json(line), cls)
        except ValidationError as error:
            located = type(error)(error.problems, line=number)
            if on_error is None:
                raise located from None
            on_error(located)
            continue
        yield record


def write_jsonl(
    objects: Iterable[object], target: Source, *, replace_read_only: bool = False
) -> int:
    r"""Write model objects as JSON Lines, one compact JSON object per line.

    Each line is exactly what [`to_json`][trafficking_model.to_json] gives,
    followed by `\n`, so the output is deterministic.

    Where `target` is a path, what happens depends on what it names:

    - A regular file, or no file yet: the records go to a temporary file in the
      same folder, which replaces the file atomically (a rename) only once
      every record is written and flushed to disk. If anything fails, the file
      is left as it was and the temporary file is removed. The new file keeps
      the mode and, where the process may set them, the owner and group of
      the file it replaces; other metadata (ACLs, extended attributes) is not
      copied. Atomic replacement makes a new file: other hard links to the old
      file keep the old content, and a process that has the old file open
      keeps reading it.
    - A symbolic link: the link is followed, and the file it points to is
      replaced as above, in that file's folder; the link stays a link.
    - Anything else that can be opened for writing, such as a FIFO, a
      character device (`/dev/null`, a terminal) or `/dev/stdout`: the records
      are written straight into it. Nothing is atomic there: a failure can
      leave part of the records written.

    A file that the caller could not write (no write permission, or marked
    read-only for everybody) is not replaced unless `replace_read_only` is
    true. A file object is written directly, without a temporary file.

    Args:
        objects: The records, each a model object; they are read one at a time.
        target: A file path, or a file object opened in binary mode.
        replace_read_only: Replace a regular file even if it is read-only.

    Returns:
        The number of records written.

    Raises:
        ValidationError: If a record is not a model object (a list of them
            is not a record either); its `line` attribute is the line it
            would have been written to.
        PermissionError: If `target` is a read-only file and `replace_read_only`
            is false; nothing is written.
        OSError: If the target cannot be written.

    Example:
        >>> import io
        >>> from trafficking_model import Period
        >>> out = io.BytesIO()
        >>> write_jsonl([Period.from_years(2020), Period.from_years(2021)], out)
        2
        >>> print(out.getvalue().decode(), end="")
        {"end":"2020-12-31","start":"2020-01-01"}
        {"end":"2021-12-31","start":"2021-01-01"}
    """
    if not isinstance(target, (str, os.PathLike)):
        return _write(objects, target)
    return write_atomically(
        target,
        lambda file: _write(objects, file),
        replace_read_only=replace_read_only,
    )


_CHUNK = 1 << 16


def _write(objects: Iterable[object], file: IO[bytes]) -> int:
    if attrs.has(type(objects)):
        raise _not_a_record(objects, 1)
    buffer = bytearray()
    # Per type: the accelerated appender (or None), and the converter's encoder.
    writers: dict[type[object], tuple[Appender | None, Callable[[object], bytes]]] = {}
    count = 0
    for count, obj in enumerate(objects, start=1):
        kind = type(obj)
        writer = writers.get(kind)
        if writer is None:
            if not attrs.has(kind):
                raise _not_a_record(obj, count)
            writer = writers[kind] = (
                accelerated_appender(kind),
                encode_with_converter,
            )
        append, encode = writer
        if append is None or not append(obj, buffer):
            try:
                buffer += encode(obj)
            except ValidationError as error:
                raise type(error)(error.problems, line=count) from None
        buffer.append(0x0A)  # "\n"
        if len(buffer) >= _CHUNK:
            file.write(buffer)
            buffer.clear()
    if buffer:
        file.write(buffer)
    return count


def _not_a_record(obj: object, line: int) -> ValidationError:
    return ValidationError(
        [
            Problem(
                path="$",
                message="expected a model object as a record, "
                f"got {type(obj).__name__}",
                rule=TYPE,
            )
        ],
        line=line,
    )
