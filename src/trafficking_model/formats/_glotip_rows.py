"""GLOTIP rows: the 13-column long format, read and written cell for cell.

The public names are those of [`formats.glotip`][trafficking_model.formats.glotip],
which re-exports them; this module holds the reading and writing of rows, and
`glotip` the mapping of rows to reports and back.
"""

from __future__ import annotations

import importlib
import os
import re
from typing import TYPE_CHECKING, Final

import attrs

from trafficking_model import _fields as kinds
from trafficking_model._rules import owns
from trafficking_model._validation import RANGE, TYPE
from trafficking_model.counts import Count
from trafficking_model.errors import Problem, ValidationError
from trafficking_model.formats._tabular import (
    HEADER,
    ErrorHandler,
    TableRow,
    TableSource,
    TableTarget,
    column_path,
    open_table,
    report,
    write_table,
)
from trafficking_model.statistics import FIRST_YEAR, LAST_YEAR

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

__all__ = [
    "COLUMNS",
    "GlotipRow",
    "problem",
    "read_rows",
    "read_workbook",
    "write_rows",
]

COLUMNS: Final = (
    "Iso3_code",
    "Country",
    "Region",
    "Subregion",
    "Indicator",
    "Dimension",
    "Category",
    "Sex",
    "Age",
    "Year",
    "Unit of measurement",
    "txtVALUE",
    "Source",
)
"""The 13 columns of the long format, in the published order."""

_YEAR = re.compile(r"[0-9]{4}", re.ASCII)
_TEXT_FIELDS: Final = (
    ("iso3_code", "Iso3_code"),
    ("country", "Country"),
    ("region", "Region"),
    ("subregion", "Subregion"),
    ("indicator", "Indicator"),
    ("dimension", "Dimension"),
    ("category", "Category"),
    ("sex", "Sex"),
    ("age", "Age"),
    ("unit", "Unit of measurement"),
    ("source", "Source"),
)


@owns(RANGE)
@attrs.frozen(kw_only=True)
class GlotipRow:
    """One row of the long format: one published figure and what it counts.

    The text columns keep the published text, so that a row is written back as
    it was read. `value` is the figure: a `Count` (`<5` is `Count(0, 4)`, `12`
    is `Count(12, 12)`) or `None` for a blank cell.

    Attributes:
        iso3_code: `Iso3_code`, the country's ISO 3166-1 alpha-3 code.
        country: `Country`, the country's name as UNODC writes it.
        region: `Region`.
        subregion: `Subregion`.
        indicator: `Indicator`, such as `Detected trafficking victims`.
        dimension: `Dimension`: `Total` or `by form of exploitation`.
        category: `Category`: `Total` or a form of exploitation.
        sex: `Sex`: `Total`, `Female` or `Male`.
        age: `Age`: `Total`, `0 to 17 years` or `18 years or over`.
        year: `Year`.
        unit: `Unit of measurement`, `Counts`.
        value: `txtVALUE`, the figure; `None` where the cell is blank.
        source: `Source`.
        line: The line of the file the row was read from; not compared.

    Example:
        >>> row = GlotipRow(
        ...     iso3_code="AZE", country="Azerbaijan", region="Asia",
        ...     subregion="Western Asia", indicator="Persons convicted",
        ...     dimension="Total", category="Total", sex="Total", age="Total",
        ...     year=2021, unit="Counts", value=Count.exact(28),
        ...     source="National authorities",
        ... )
        >>> row.cells()[-2:]
        ('28', 'National authorities')
        >>> attrs.evolve(row, year=1850)
        Traceback (most recent call last):
        ...
        trafficking_model.errors.ValidationError: $.Year: 1850 is outside 1900..2100
    """

    iso3_code: str = attrs.field(metadata=kinds.cell())
    country: str = attrs.field(metadata=kinds.cell())
    region: str = attrs.field(metadata=kinds.cell())
    subregion: str = attrs.field(metadata=kinds.cell())
    indicator: str = attrs.field(metadata=kinds.cell())
    dimension: str = attrs.field(metadata=kinds.cell())
    category: str = attrs.field(metadata=kinds.cell())
    sex: str = attrs.field(metadata=kinds.cell())
    age: str = attrs.field(metadata=kinds.cell())
    year: int = attrs.field(metadata=kinds.integer(FIRST_YEAR, LAST_YEAR))
    unit: str = attrs.field(metadata=kinds.cell())
    value: Count | None = attrs.field(metadata=kinds.nested(Count, optional=True))
    source: str = attrs.field(metadata=kinds.cell())
    line: int | None = attrs.field(
        default=None, eq=False, metadata=kinds.integer(None, optional=True, rule=None)
    )

    def __attrs_post_init__(self) -> None:
        """Check the types and the year, naming the column."""
        problems: list[Problem] = []
        for name, column in _TEXT_FIELDS:
            text = getattr(self, name)
            if type(text) is not str:
                problems.append(
                    Problem(
                        path=column_path(column),
                        message=f"expected str, got {type(text).__name__}",
                        rule=TYPE,
                    )
                )
        if type(self.year) is not int:
            problems.append(
                Problem(
                    path="$.Year",
                    message=f"expected int, got {type(self.year).__name__}",
                    rule=TYPE,
                )
            )
        elif not 1900 <= self.year <= 2100:
            problems.append(
                Problem(
                    path="$.Year",
                    message=f"{self.year} is outside 1900..2100",
                    rule=RANGE,
                )
            )
        value: object = self.value
        if value is not None and not isinstance(value, Count):
            problems.append(
                Problem(
                    path="$.txtVALUE",
                    message=f"expected Count or None, got {type(value).__name__}",
                    rule=TYPE,
                )
            )
        line: object = self.line
        if line is not None and type(line) is not int:
            problems.append(
                Problem(
                    path="$.line",
                    message=f"expected int or None, got {type(line).__name__}",
                    rule=TYPE,
                )
            )
            line = None
        if problems:
            raise ValidationError(problems, line=line)

    def cells(self) -> tuple[str, ...]:
        r"""The row's cells as text, in the order of `COLUMNS`.

        Returns:
            Thirteen strings; a value not reported is an empty cell.

        Example:
            >>> import io
            >>> row = next(read_rows(io.StringIO(
            ...     ",".join(COLUMNS) + "\n"
            ...     "ATA,Antarctica,,,Persons prosecuted,Total,Total,Total,Total,"
            ...     "2021,Counts,,Fictional\n"
            ... )))
            >>> row.cells()[9:12]
            ('2021', 'Counts', '')
        """
        return (
            self.iso3_code,
            self.country,
            self.region,
            self.subregion,
            self.indicator,
            self.dimension,
            self.category,
            self.sex,
            self.age,
            str(self.year),
            self.unit,
            "" if self.value is None else str(self.value),
            self.source,
        )


def problem(line: int | None, path: str, message: str, rule: str) -> ValidationError:
    """One problem found on one line, if the line is known."""
    return ValidationError([Problem(path=path, message=message, rule=rule)], line=line)


def _is_header(cells: tuple[str, ...]) -> bool:
    return "Iso3_code" in cells and "txtVALUE" in cells


def read_rows(
    source: TableSource, *, on_error: ErrorHandler = None
) -> Iterator[GlotipRow]:
    """Read the long format, one typed row at a time.

    The header may come after title rows, as in the workbook (up to the fifth
    row); its 13 columns may come in any order. A path ending in `.xlsx` is
    read as the workbook (see `read_workbook`).

    Args:
        source: A path, a file object (text or binary), or rows.
        on_error: Called with each bad row's error; reading then goes on. By
            default the first bad row raises.

    Yields:
        One `GlotipRow` per good row, in file order, with its line.

    Raises:
        ValidationError: For a header without the 13 columns (rule `header`),
            and, without `on_error`, for the first bad row: a year that is
            not four digits (`year`), a value that is not a count (`count_text`),
            a row of the wrong width (`row_width`), bytes that are not UTF-8
            (`encoding`). The error's `line` is the row's line.

    Example:
        >>> errors = []
        >>> rows = list(read_rows(
        ...     [COLUMNS, ["AZE", "Azerbaijan", "", "", "Persons prosecuted",
        ...      "Total", "Total", "Total", "Total", "2021", "Counts", "about 5",
        ...      "National authorities"]],
        ...     on_error=errors.append,
        ... ))
        >>> rows, print(errors[0])
        line 2: $.txtVALUE: 'about 5' is not a count; expected a form such as 12, <5, 10-14 or >100
        ([], None)
    """
    if isinstance(source, (str, os.PathLike)) and os.fspath(source).lower().endswith(
        ".xlsx"
    ):
        yield from read_workbook(source, on_error=on_error)
        return
    with open_table(source, is_header=_is_header, search=5) as table:
        missing = [name for name in COLUMNS if name not in table.columns]
        extra = [name for name in table.columns if name not in COLUMNS]
        if missing or extra:
            parts = []
            if missing:
                parts.append(f"missing {', '.join(map(repr, missing))}")
            if extra:
                parts.append(f"unknown {', '.join(map(repr, extra))}")
            raise problem(
                table.header_line,
                "$",
                f"not the GLOTIP columns: {'; '.join(parts)}",
                HEADER,
            )
        for item in table:
            if isinstance(item, ValidationError):
                report(item, on_error)
                continue
            if not any(item.cells.values()):
                continue  # a blank row, as a sheet has: it holds no figure
            row = _typed(item)
            if isinstance(row, ValidationError):
                report(row, on_error)
            else:
                yield row


def _typed(item: TableRow) -> GlotipRow | ValidationError:
    cells = item.cells
    year_text = cells["Year"].strip()
    if not _YEAR.fullmatch(year_text):
        return problem(item.line, "$.Year", f"{cells['Year']!r} is not a year", "year")
    text = cells["txtVALUE"]
    value: Count | None = None
    if text.strip():
        try:
            value = Count.parse(text)
        except ValidationError as error:
            return ValidationError(
                (found.under("$.txtVALUE") for found in error.problems),
                line=item.line,
            )
    try:
        return GlotipRow(
            **{name: cells[column] for name, column in _TEXT_FIELDS},
            year=int(year_text),
            value=value,
            line=item.line,
        )
    except ValidationError as error:
        return error


def read_workbook(
    path: str | os.PathLike[str],
    *,
    sheet: str | None = None,
    on_error: ErrorHandler = None,
) -> Iterator[GlotipRow]:
    """Read the published workbook, `data_glotip.xlsx`, one row at a time.

    The first two rows of the sheet are a title; the header is on the third.
    Line numbers are the sheet's row numbers. Needs the `excel` extra
    (`pip install "trafficking-model[excel]"`, which installs openpyxl).

    Args:
        path: The workbook.
        sheet: The sheet's name; the first sheet by default.
        on_error: As for `read_rows`.

    Yields:
        One `GlotipRow` per good row, with its row number as `line`.

    Raises:
        ImportError: If openpyxl is not installed.
        ValidationError: As for `read_rows`; a number cell that is not a whole
            number is a `count_text` problem.

    Example:
        >>> import pathlib, tempfile
        >>> openpyxl = __import__("pytest").importorskip("openpyxl")
        >>> book = openpyxl.Workbook()
        >>> book.active.append(["UNODC data portal"])
        >>> book.active.append([])
        >>> book.active.append(list(COLUMNS))
        >>> book.active.append(["AZE", "Azerbaijan", "Asia", "Western Asia",
        ...     "Persons convicted", "Total", "Total", "Total", "Total", 2021,
        ...     "Counts", 28, "National authorities"])
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = pathlib.Path(folder, "data_glotip.xlsx")
        ...     book.save(path)
        ...     [(row.line, row.value) for row in read_workbook(path)]
        [(4, Count(low=28, high=28))]
    """
    try:
        openpyxl = importlib.import_module("openpyxl")  # the `excel` extra
    except ImportError as error:  # pragma: no cover - depends on the install
        msg = (
            'reading a workbook needs openpyxl: pip install "trafficking-model[excel]"'
        )
        raise ImportError(msg) from error
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        worksheet = book[sheet] if sheet is not None else book.worksheets[0]
        rows = (
            tuple(_cell_text(cell) for cell in row)
            for row in worksheet.iter_rows(values_only=True)
        )
        yield from read_rows(_trimmed(rows), on_error=on_error)
    finally:
        book.close()


def _cell_text(value: object) -> str:
    """A workbook cell as the text a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _trimmed(rows: Iterable[tuple[str, ...]]) -> Iterator[tuple[str, ...]]:
    """Rows as wide as the header: a sheet pads or cuts them on the right."""
    width = len(COLUMNS)
    for row in rows:
        end = len(row)
        while end > width and not row[end - 1]:
            end -= 1
        yield row[:end] + ("",) * (width - end)


def write_rows(
    rows: Iterable[GlotipRow],
    target: TableTarget,
    *,
    title: Sequence[Sequence[str]] = (),
    lineterminator: str = "\r\n",
) -> int:
    r"""Write rows in the long format, as CSV.

    A row is written as `GlotipRow.cells` gives it, so that reading a file and
    writing its rows gives the same cells in the same order.

    Args:
        rows: The rows.
        target: A path (written atomically) or a file object.
        title: Rows above the header, such as the workbook's title.
        lineterminator: The line end; CSV's standard `\r\n` by default.

    Returns:
        The number of rows written.

    Example:
        >>> import io
        >>> rows = list(read_rows(["Iso3_code,Country,Region,Subregion,Indicator,"
        ...     "Dimension,Category,Sex,Age,Year,Unit of measurement,txtVALUE,Source",
        ...     "ATA,Antarctica,,,Persons convicted,Total,Total,Total,Total,2021,"
        ...     "Counts,<5,Fictional"]))
        >>> out = io.StringIO()
        >>> write_rows(rows, out, lineterminator="\n")
        1
        >>> print(out.getvalue().splitlines()[1])
        ATA,Antarctica,,,Persons convicted,Total,Total,Total,Total,2021,Counts,<5,Fictional
    """
    return write_table(
        COLUMNS,
        (row.cells() for row in rows),
        target,
        title=title,
        lineterminator=lineterminator,
    )
