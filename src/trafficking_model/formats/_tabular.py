"""Tables in and out: the reading and writing that every format module shares.

A format module (`glotip`, `ctdc`, `tables`) reads a table with
`open_table`, which takes what the
user has at hand (a path, a text or binary file, or rows already in memory) and
yields `TableRow`s, each with the
line it starts on. Problems with the file itself (bytes that are not UTF-8, a
broken quote, a row of the wrong width) come out as
[`ValidationError`][trafficking_model.ValidationError]s with that line, never as
`UnicodeDecodeError` or `csv.Error`. Writers go through
`write_table`, which writes a
path atomically.

Line numbers are those a text editor shows: the header is on line 1 of a plain
CSV file, and a quoted cell that spans lines makes the next row start further
down. Rows given as mappings (from `csv.DictReader`, say) are numbered as if a
header line came first, so a problem has the same line number whether the file
or its `DictReader` was passed.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import IO, TYPE_CHECKING, TypeAlias, TypeVar

import attrs

from trafficking_model._files import write_atomically
from trafficking_model._rules import rule
from trafficking_model._validation import TYPE
from trafficking_model.errors import Problem, ValidationError

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "ErrorHandler",
    "Table",
    "TableRow",
    "TableSource",
    "TableTarget",
    "column_path",
    "open_table",
    "report",
    "write_table",
]

TableSource: TypeAlias = (
    str
    | os.PathLike[str]
    | IO[str]
    | IO[bytes]
    | Iterable[Mapping[str, str]]
    | Iterable[Sequence[str]]
    | Iterable[bytes]
)
"""What a reader takes: a path, a file in text or binary mode, lines, or rows."""

TableTarget: TypeAlias = str | os.PathLike[str] | IO[str] | IO[bytes]
"""What a writer takes: a path (written atomically) or a file."""

ErrorHandler: TypeAlias = "Callable[[ValidationError], object] | None"
"""The `on_error` argument of every reader: `None` raises the first problem."""

_L = TypeVar("_L", str, bytes)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_BOM = "\ufeff"


def column_path(column: str) -> str:
    """The path of a column in a row: `$.name`, or `$['odd name']`.

    Example:
        >>> column_path("txtVALUE"), column_path("Unit of measurement")
        ('$.txtVALUE', "$['Unit of measurement']")
    """
    if _NAME.fullmatch(column):
        return f"$.{column}"
    return f"$[{column!r}]"


def problem(line: int, path: str, message: str, rule: str) -> ValidationError:
    """One problem found on one line.

    Example:
        >>> print(problem(4, "$.Year", "expected a year, got 'x'", "year"))
        line 4: $.Year: expected a year, got 'x'
    """
    return ValidationError([Problem(path=path, message=message, rule=rule)], line=line)


def report(error: ValidationError, on_error: ErrorHandler) -> None:
    """Hand `error` to `on_error`, or raise it when there is no handler.

    Example:
        >>> errors = []
        >>> report(problem(2, "$", "bad", "row_width"), errors.append)
        >>> [error.line for error in errors]
        [2]
    """
    if on_error is None:
        raise error
    on_error(error)


@attrs.frozen(slots=True)
class TableRow:
    """One row of a table: its cells by column, and the line it starts on.

    Example:
        >>> row = TableRow(line=2, cells={"Year": "2021"})
        >>> row.cells["Year"], row.line
        ('2021', 2)
    """

    line: int
    # A CTDC row's cells are a person's: never in a repr.
    cells: Mapping[str, str] = attrs.field(repr=False)


@attrs.define(slots=True)
class Table:
    """A table being read: its columns, then its rows, one at a time.

    Iterating gives a `TableRow`
    for each good row and a `ValidationError` for each bad one (a row of the
    wrong width, a line that is not UTF-8, a broken quote), so that the reader
    can hand the error to its `on_error` and go on.

    Example:
        >>> with open_table(["Year,Sex", "2021,Female", "2021"]) as table:
        ...     table.columns
        ...     [item.line if isinstance(item, TableRow) else str(item) for item in table]
        ('Year', 'Sex')
        [2, 'line 3: $: row has 1 cell, but the header has 2']
    """

    columns: tuple[str, ...]
    header_line: int
    _records: Iterator[_Record]

    def __iter__(self) -> Iterator[TableRow | ValidationError]:
        """The rows after the header, in order."""
        return _rows(self.columns, self._records)

    def tuples(self) -> Iterator[tuple[int, tuple[str, ...]] | ValidationError]:
        """The rows after the header as `(line, cells)`, cells in column order.

        The same rows and errors as iterating the table, without building a
        mapping per row: for readers of large files.

        Example:
            >>> with open_table(["Year,Sex", "2021,Female", "2021"]) as table:
            ...     [item if isinstance(item, tuple) else str(item) for item in table.tuples()]
            [(2, ('2021', 'Female')), 'line 3: $: row has 1 cell, but the header has 2']
        """
        return _checked_width(len(self.columns), self._records)


NO_COUNTERPART = rule(
    "no_counterpart",
    "A field or figure one side has no place for is reported, never dropped nor forced "
    "into a near match; a person's name never enters the model.",
    checked_on=(
        "`htcds.to_htcds`, `htcds.from_htcds`, `glotip.to_reports`, "
        "`glotip.from_reports`"
    ),
)
HEADER = rule(
    "header",
    "A table's header has the columns its reader expects, where it expects them: a "
    "misspelt column would otherwise be dropped, and its data read as not recorded.",
    checked_on="the header of a table read by a format module",
)


@contextlib.contextmanager
def open_table(
    source: TableSource,
    *,
    is_header: Callable[[tuple[str, ...]], bool] | None = None,
    search: int = 1,
) -> Iterator[Table]:
    r"""Open a table for reading, wherever it comes from.

    A path is opened and closed here; a file object is read from where it stands
    and left open. Bytes are read as UTF-8; a byte order mark at the very start
    is skipped; line ends may be `\n` or `\r\n`. An iterable of strings is read
    as the lines of a CSV file; an iterable of sequences as rows, the first the
    header; an iterable of mappings as rows under the first mapping's keys.

    Args:
        source: A path, a file object (text or binary), or rows.
        is_header: Tells the header row apart from title rows above it, as in a
            workbook whose header is on its third row. Without it, the first row
            is the header.
        search: How many rows to look at for the header.

    Yields:
        The table, positioned after its header.

    Raises:
        ValidationError: If the header cannot be read or found (rule `header`),
            or a column name repeats (rule `header`).
        OSError: If a path cannot be opened.

    Example:
        >>> import io
        >>> data = io.BytesIO(b"\xef\xbb\xbfTitle\r\n\r\nYear,Sex\r\n2021,Female\r\n")
        >>> with open_table(data, is_header=lambda cells: "Year" in cells, search=3) as table:
        ...     table.columns, table.header_line, [row.cells for row in table]
        (('Year', 'Sex'), 3, [{'Year': '2021', 'Sex': 'Female'}])
    """
    with contextlib.ExitStack() as stack:
        if isinstance(source, (str, os.PathLike)):
            stream: object = stack.enter_context(open(source, "rb"))
        else:
            stream = source
        records = _records(stream)
        header: tuple[str, ...] | None = None
        header_line = 0
        for looked, item in enumerate(records, start=1):
            if isinstance(item, ValidationError):
                raise item
            line, cells = item
            if is_header is None or is_header(cells):
                header, header_line = cells, line
                break
            if looked >= search:
                break
        if header is None:
            raise problem(
                header_line or 1,
                "$",
                "no header row found"
                + ("" if is_header is None else f" in the first {search} rows"),
                HEADER,
            )
        repeated = sorted({name for name in header if header.count(name) > 1})
        if repeated:
            raise problem(
                header_line,
                "$",
                f"column {', '.join(map(repr, repeated))} appears more than once",
                HEADER,
            )
        yield Table(header, header_line, records)


_Record: TypeAlias = "tuple[int, tuple[str, ...]] | ValidationError"


def _records(stream: object) -> Iterator[_Record]:
    """Every row of `stream` as `(line, cells)`, or an error for its line."""
    if isinstance(stream, (io.RawIOBase, io.BufferedIOBase)):
        return _csv_records(_decoded(enumerate(stream, start=1)))
    if isinstance(stream, io.TextIOBase):
        return _csv_records(_text_lines(stream))
    if isinstance(stream, Iterable) and not isinstance(stream, (str, bytes, Mapping)):
        return _iterable_records(stream)
    return iter(
        [
            problem(
                1,
                "$",
                f"expected a path, a file or rows, got {type(stream).__name__}",
                TYPE,
            )
        ]
    )


def _decoded(
    lines: Iterable[tuple[int, bytes] | ValidationError],
) -> Iterator[tuple[int, str] | ValidationError]:
    for item in lines:
        if isinstance(item, ValidationError):
            yield item
            continue
        number, raw = item
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            yield problem(
                number,
                "$",
                f"byte {error.start + 1} of the line is not UTF-8",
                "encoding",
            )
            continue
        if number == 1 and text.startswith(_BOM):
            text = text[1:]
        yield number, text


def _text_lines(stream: Iterable[str]) -> Iterator[tuple[int, str] | ValidationError]:
    number = 0
    try:
        for number, text in enumerate(stream, start=1):
            if number == 1 and text.startswith(_BOM):
                yield number, text[1:]
            else:
                yield number, text
    except UnicodeDecodeError:
        yield problem(number + 1, "$", "the line is not valid text", "encoding")


def _csv_records(
    lines: Iterable[tuple[int, str] | ValidationError],
) -> Iterator[_Record]:
    pending: list[ValidationError] = []
    first_line: list[int] = []  # the line the record being read starts on

    def feed() -> Iterator[str]:
        for item in lines:
            if isinstance(item, ValidationError):
                pending.append(item)
                continue
            if not first_line:
                first_line.append(item[0])
            yield item[1]

    reader = csv.reader(feed(), strict=True)
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            yield from _drain(pending)
            line = first_line.pop() if first_line else 1
            yield problem(line, "$", f"not valid CSV: {error}", "csv")
            continue
        if pending:
            yield from _drain(pending)
        line = first_line.pop()
        if cells:  # a blank line holds no row
            yield line, tuple(cells)
    yield from _drain(pending)


def _drain(pending: list[ValidationError]) -> Iterator[ValidationError]:
    yield from pending
    pending.clear()


def _iterable_records(rows: Iterable[object]) -> Iterator[_Record]:
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        return
    if isinstance(first, bytes):
        yield from _csv_records(_decoded(_lines(first, iterator)))
        return
    if isinstance(first, str):
        yield from _csv_records(_lines(first, iterator))
        return
    if isinstance(first, Mapping):
        columns = tuple(first)
        bad = [name for name in columns if not isinstance(name, str)]
        if bad:
            yield problem(1, "$", "column names must be strings", HEADER)
            return
        yield 1, columns
        for number, row in enumerate(_chain(first, iterator), start=2):
            yield _mapping_cells(number, row, columns)
        return
    for number, row in enumerate(_chain(first, iterator), start=1):
        yield _sequence_cells(number, row)


def _lines(
    first: _L, rest: Iterator[object]
) -> Iterator[tuple[int, _L] | ValidationError]:
    """Numbered lines of a file given as strings or as bytes, never mixed."""
    yield 1, first
    kind = type(first)
    for number, item in enumerate(rest, start=2):
        if isinstance(item, kind):
            yield number, item
        else:
            yield problem(
                number,
                "$",
                f"expected a line as {kind.__name__}, got {type(item).__name__}",
                TYPE,
            )


def _chain(first: object, rest: Iterator[object]) -> Iterator[object]:
    yield first
    yield from rest


def _mapping_cells(number: int, row: object, columns: tuple[str, ...]) -> _Record:
    if not isinstance(row, Mapping):
        return problem(
            number, "$", f"expected a mapping row, got {type(row).__name__}", TYPE
        )
    if tuple(row) != columns and set(row) != set(columns):
        missing = [name for name in columns if name not in row]
        extra = [name for name in row if name not in columns]
        parts = []
        if missing:
            parts.append(f"missing {', '.join(map(repr, missing))}")
        if extra:
            parts.append(f"unknown {', '.join(map(repr, map(str, extra)))}")
        return problem(
            number,
            "$",
            f"row's columns differ from the first row's: {'; '.join(parts)}",
            "row_width",
        )
    cells = []
    for name in columns:
        value = row[name]
        if value is None:
            value = ""
        if not isinstance(value, str):
            return problem(
                number,
                column_path(name),
                f"expected text, got {type(value).__name__}",
                TYPE,
            )
        cells.append(value)
    return number, tuple(cells)


def _sequence_cells(number: int, row: object) -> _Record:
    if isinstance(row, (str, bytes)) or not isinstance(row, Sequence):
        return problem(
            number, "$", f"expected a row of cells, got {type(row).__name__}", TYPE
        )
    for position, value in enumerate(row):
        if not isinstance(value, str):
            return problem(
                number,
                f"$[{position}]",
                f"expected text, got {type(value).__name__}",
                TYPE,
            )
    return number, tuple(row)


def _rows(
    columns: tuple[str, ...], records: Iterator[_Record]
) -> Iterator[TableRow | ValidationError]:
    for item in _checked_width(len(columns), records):
        if isinstance(item, ValidationError):
            yield item
            continue
        line, cells = item
        yield TableRow(line, dict(zip(columns, cells, strict=True)))


def _checked_width(width: int, records: Iterator[_Record]) -> Iterator[_Record]:
    for item in records:
        if type(item) is tuple and len(item[1]) != width:
            cells = item[1]
            yield problem(
                item[0],
                "$",
                f"row has {len(cells)} cell{'' if len(cells) == 1 else 's'}, "
                f"but the header has {width}",
                "row_width",
            )
            continue
        yield item


def write_table(
    columns: Sequence[str],
    rows: Iterable[Sequence[str]],
    target: TableTarget,
    *,
    title: Sequence[Sequence[str]] = (),
    lineterminator: str = "\r\n",
) -> int:
    r"""Write a CSV table: optional title rows, the header, then the rows.

    A path is written atomically (see `write_jsonl`); a binary file gets UTF-8;
    a text file is written as it is. Cells are quoted only where CSV needs it.

    Args:
        columns: The header.
        rows: The rows, each as wide as the header.
        target: A path or a file object.
        title: Rows written above the header, as a workbook's title.
        lineterminator: The line end; CSV's standard is `\r\n`.

    Returns:
        The number of rows written, not counting the title and the header.

    Example:
        >>> import io
        >>> out = io.StringIO()
        >>> write_table(["Year", "txtVALUE"], [["2021", "<5"]], out, lineterminator="\n")
        1
        >>> print(out.getvalue(), end="")
        Year,txtVALUE
        2021,<5
    """

    def write_text(stream: IO[str]) -> int:
        writer = csv.writer(stream, lineterminator=lineterminator)
        writer.writerows(title)
        writer.writerow(columns)
        count = 0
        try:
            for count, row in enumerate(rows, start=1):  # noqa: B007
                writer.writerow(row)
        except csv.Error as error:  # a NUL character before Python 3.11
            raise problem(
                len(title) + 1 + count,
                "$",
                f"the row cannot be written as CSV: {error}",
                "csv",
            ) from None
        return count

    def write_binary(stream: IO[bytes]) -> int:
        text = io.TextIOWrapper(
            stream, encoding="utf-8", newline="", write_through=True
        )
        try:
            return write_text(text)
        finally:
            text.flush()
            text.detach()

    if isinstance(target, (str, os.PathLike)):
        return write_atomically(target, write_binary)
    if isinstance(target, io.TextIOBase):
        return write_text(target)
    return write_binary(target)  # type: ignore[arg-type]
