"""Flat tables of model objects: rows for CSV, pandas, Arrow, Parquet and DuckDB.

Each model class has a fixed set of columns, read from the class itself: a
nested field's columns are named with dots (`victims.total`,
`period.start`), and a breakdown has one column per member of its vocabulary
(`victims.by_sex.female`). A table of many objects of one class therefore has
one schema, which pandas, Arrow, Parquet, DuckDB or Spark take as it is. The
model validates at the edge; the engine does the pooled analysis.

A cell holds a JSON scalar, as [`to_dict`][trafficking_model.to_dict] writes
it (a date as `2021-05-01`, a vocabulary member as its value), with these
rules:

- a figure is an `int` when exact, `None` when not reported, and its published
  text (`<5`, `10-14`, `>100`) when a range;
- a breakdown member that is not in the breakdown is `None`; one that is in it
  but not reported is the text `not reported`;
- a set or a sequence (`citizenship`, `partial`, `defendants`) is one cell of
  JSON text: to flatten the records of a sequence, pass them themselves
  (`to_rows(case.defendants)`);
- an optional section that is absent (`victims` of a report without it) has
  every one of its cells `None`.

`from_rows` reverses `to_rows` strictly, with the errors of
[`from_dict`][trafficking_model.from_dict], their paths in column form
(`$[0]['victims.by_sex']`).

Example:
    >>> from trafficking_model import Sex, VictimStatistics
    >>> from trafficking_model.formats import tables
    >>> statistics = VictimStatistics(total=12, by_sex={Sex.FEMALE: 9, Sex.MALE: 3})
    >>> [row] = tables.to_rows(statistics)
    >>> row["total"], row["by_sex.female"], row["by_sex.other"]
    (12, 9, None)
    >>> tables.from_rows([row], VictimStatistics) == [statistics]
    True
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import importlib
import json
import re
import types
import typing
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

import attrs

from trafficking_model._validation import (
    JSON,
    REQUIRED,
    TYPE,
    UNKNOWN_KEY,
    UNSUPPORTED_TYPE,
)
from trafficking_model.counts import Count, Figure
from trafficking_model.errors import Problem, ValidationError
from trafficking_model.formats._tabular import (
    HEADER,
    ErrorHandler,
    TableSource,
    TableTarget,
    column_path,
    open_table,
    report,
    write_table,
)
from trafficking_model.serialization import from_dict, to_dict

if TYPE_CHECKING:
    from types import ModuleType

__all__ = [
    "NOT_REPORTED",
    "Cell",
    "columns",
    "from_rows",
    "read_csv",
    "to_arrow",
    "to_pandas",
    "to_rows",
    "write_csv",
]

T = TypeVar("T")

Cell: TypeAlias = "str | int | float | bool | None"
"""What a cell holds: a JSON scalar."""

NOT_REPORTED = "not reported"
"""The cell of a breakdown member that is given but not reported."""

_SCALAR, _INT, _BOOL, _FLOAT, _FIGURE, _MEMBER, _JSON = (
    "scalar",
    "int",
    "bool",
    "float",
    "figure",
    "member",
    JSON,
)


@attrs.frozen
class _Column:
    name: str
    path: tuple[str, ...]
    kind: str


@attrs.frozen
class _Layout:
    columns: tuple[_Column, ...]
    # optional sections, deepest first: (path, names of their columns)
    sections: tuple[tuple[tuple[str, ...], frozenset[str]], ...]
    breakdowns: tuple[tuple[str, ...], ...]


def _optional(type_: object) -> object | None:
    """The type inside `X | None`, or None if `type_` is not optional."""
    if typing.get_origin(type_) in (typing.Union, types.UnionType):
        args = [arg for arg in typing.get_args(type_) if arg is not type(None)]
        if len(args) == 1 and len(typing.get_args(type_)) == 2:
            inner: object = args[0]
            return inner
    return None


def _is_figure(type_: object) -> bool:
    return type_ == Figure


def _kind(type_: object) -> str:
    if type_ is bool:
        return _BOOL
    if type_ is int:
        return _INT
    if type_ is float:
        return _FLOAT
    if type_ in (str, Decimal, dt.date) or (
        isinstance(type_, type) and issubclass(type_, enum.Enum)
    ):
        return _SCALAR
    return _JSON


_LAYOUTS: dict[type, _Layout] = {}


def _layout(cls: type) -> _Layout:
    """The columns of `cls`, read from its fields once."""
    layout = _LAYOUTS.get(cls)
    if layout is None:
        given: object = cls
        if not (isinstance(given, type) and attrs.has(given)):
            raise ValidationError(
                [
                    Problem(
                        path="$",
                        message=f"{cls!r} is not a model class",
                        rule=UNSUPPORTED_TYPE,
                    )
                ]
            )
        layout = _LAYOUTS[cls] = _read_layout(cls)
    return layout


def _read_layout(cls: type) -> _Layout:
    columns: list[_Column] = []
    sections: list[tuple[tuple[str, ...], frozenset[str]]] = []
    breakdowns: list[tuple[str, ...]] = []

    def walk(owner: type, path: tuple[str, ...]) -> None:
        hints = typing.get_type_hints(owner)
        for field in attrs.fields(owner):
            type_ = hints[field.name]
            here = (*path, field.name)
            name = ".".join(here)
            if _is_figure(type_):
                columns.append(_Column(name, here, _FIGURE))
                continue
            inner = _optional(type_)
            if isinstance(inner, type) and attrs.has(inner):
                start = len(columns)
                walk(inner, here)
                sections.append(
                    (here, frozenset(column.name for column in columns[start:]))
                )
                continue
            if attrs.has(type_):
                assert isinstance(type_, type)
                walk(type_, here)
                continue
            origin = typing.get_origin(type_)
            args = typing.get_args(type_)
            if origin is Mapping and args and issubclass(args[0], enum.Enum):
                breakdowns.append(here)
                columns.extend(
                    _Column(f"{name}.{member.value}", (*here, member.value), _MEMBER)
                    for member in args[0]
                )
                continue
            columns.append(_Column(name, here, _kind(inner or type_)))

    walk(cls, ())
    sections.sort(key=lambda section: -len(section[0]))
    return _Layout(tuple(columns), tuple(sections), tuple(breakdowns))


def columns(cls: type) -> tuple[str, ...]:
    """The column names of `cls`'s table, in order.

    Args:
        cls: A model class, such as `CountryReport`.

    Returns:
        The names, nested fields' with dots.

    Example:
        >>> from trafficking_model import Period
        >>> columns(Period)
        ('start', 'end')
    """
    return tuple(column.name for column in _layout(cls).columns)


_MISSING = object()


def _get(data: object, path: tuple[str, ...]) -> object:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return _MISSING
        data = data[key]
    return data


def _figure_cell(value: object) -> Cell:
    if isinstance(value, dict):
        return str(Count(value["low"], value["high"]))
    assert value is None or type(value) is int
    return value


def _cell(column: _Column, value: object) -> Cell:
    if value is _MISSING:
        return None
    if column.kind == _MEMBER:
        return NOT_REPORTED if value is None else _figure_cell(value)
    if column.kind == _FIGURE:
        return _figure_cell(value)
    if column.kind == _JSON:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    assert value is None or isinstance(value, (str, int, float))
    return value


def to_rows(objects: object | Iterable[object]) -> list[dict[str, Cell]]:
    """Flatten model objects into rows, one per object.

    Args:
        objects: One model object, or an iterable of objects of one class.

    Returns:
        One dict per object, from column name to cell, every row with the
        columns of `columns(cls)` in that order.

    Raises:
        ValidationError: If the objects are not all of one model class (rule
            `type`).

    Example:
        >>> from trafficking_model.examples import azerbaijan_report_2020_2021
        >>> [row] = to_rows(azerbaijan_report_2020_2021())
        >>> row["country"], row["period.start"], row["victims.by_sex.female"]
        ('AZE', '2020-01-01', 184)
        >>> row["cases.total"], row["tip_tier"], row["victims.by_sex.other"]
        (402, None, None)
    """
    if attrs.has(type(objects)):
        items: list[object] = [objects]
    elif isinstance(objects, Iterable) and not isinstance(objects, (str, bytes)):
        items = list(objects)
    else:
        raise ValidationError(
            [
                Problem(
                    path="$",
                    message="expected a model object or an iterable of them, "
                    f"got {type(objects).__name__}",
                    rule=TYPE,
                )
            ]
        )
    if not items:
        return []
    cls = type(items[0])
    problems = [
        Problem(
            path=f"$[{index}]",
            message=f"expected {cls.__name__}, got {type(item).__name__}",
            rule=TYPE,
        )
        for index, item in enumerate(items)
        if type(item) is not cls or not attrs.has(cls)
    ]
    if problems:
        raise ValidationError(problems)
    layout = _layout(cls)
    return [
        {
            column.name: _cell(column, _get(data, column.path))
            for column in layout.columns
        }
        for data in (to_dict(item) for item in items)
    ]


def _value(column: _Column, cell: object) -> object:
    """The JSON value of a typed cell; `_MISSING` for a member not given."""
    if column.kind == _MEMBER:
        if cell is None:
            return _MISSING
        if cell == NOT_REPORTED:
            return None
    if column.kind in (_MEMBER, _FIGURE) and isinstance(cell, str):
        count = Count.parse(cell)
        return count.low if count.is_exact else {"low": count.low, "high": count.high}
    if column.kind == _JSON and isinstance(cell, str):
        return json.loads(cell)
    return cell


def _set(data: dict[str, Any], path: tuple[str, ...], value: object) -> None:
    for key in path[:-1]:
        data = data.setdefault(key, {})
    data[path[-1]] = value


def _data(layout: _Layout, row: Mapping[str, object]) -> dict[str, Any]:
    """The JSON form of one row, or a `ValidationError` naming the column."""
    problems: list[Problem] = []
    data: dict[str, Any] = {}
    for path in layout.breakdowns:
        _set(data, path, {})
    for column in layout.columns:
        if column.name not in row:
            problems.append(
                Problem(
                    path=column_path(column.name),
                    message="required column is missing",
                    rule=REQUIRED,
                )
            )
            continue
        try:
            value = _value(column, row[column.name])
        except ValidationError as error:
            problems.extend(p.under(column_path(column.name)) for p in error.problems)
            continue
        except json.JSONDecodeError as error:
            problems.append(
                Problem(
                    path=column_path(column.name),
                    message=f"malformed JSON: {error}",
                    rule=JSON,
                )
            )
            continue
        if value is not _MISSING:
            _set(data, column.path, value)
    problems.extend(
        Problem(
            path=column_path(str(name)),
            message=f"unknown column {str(name)!r}",
            rule=UNKNOWN_KEY,
        )
        for name in row
        if name not in _names(layout)
    )
    if problems:
        raise ValidationError(problems)
    for path, names in layout.sections:
        if all(row[name] is None for name in names):
            _set(data, path, None)
    return data


@functools.cache
def _names(layout: _Layout) -> frozenset[str]:
    return frozenset(column.name for column in layout.columns)


_PATH = re.compile(r"\$((?:\.[A-Za-z_][A-Za-z0-9_]*)*)(.*)", re.DOTALL)


def _in_column_form(path: str) -> str:
    """`$.victims.by_sex.female` as `$['victims.by_sex.female']`."""
    match = _PATH.fullmatch(path)
    if match is None or not match[1]:
        return path
    return column_path(match[1][1:]) + match[2]


def _structured(layout: _Layout, row: Mapping[str, object], cls: type[T]) -> T:
    data = _data(layout, row)
    try:
        return from_dict(data, cls)
    except ValidationError as error:
        raise ValidationError(
            attrs.evolve(problem, path=_in_column_form(problem.path))
            for problem in error.problems
        ) from None


def from_rows(
    rows: Iterable[Mapping[str, object]],
    cls: type[T],
    *,
    on_error: ErrorHandler = None,
) -> list[T]:
    """Build model objects from rows, as `to_rows` writes them.

    Strict: a cell of the wrong type, a missing or unknown column, or a value
    that breaks a rule of the model is an error, as in `from_dict`.

    Args:
        rows: Mappings from column name to cell.
        cls: The model class.
        on_error: Called with each bad row's error; the row is left out. By
            default the first one raises.

    Returns:
        One object per good row.

    Raises:
        ValidationError: Without `on_error`, for the first bad row; its paths
            start with the row's index and name the column:
            `$[0]['victims.by_sex.female']`.

    Example:
        >>> from trafficking_model import VictimStatistics
        >>> row = dict.fromkeys(columns(VictimStatistics))
        >>> row.update({"total": 12, "by_sex.female": "13", "partial": "[]",
        ...             "derived": "[]"})
        >>> from_rows([row], VictimStatistics)
        Traceback (most recent call last):
        ...
        trafficking_model.errors.ValidationError: $[0].by_sex: counts sum to 13 but total is 12
    """
    layout = _layout(cls)
    made: list[T] = []
    for index, row in enumerate(rows):
        given: object = row
        if not isinstance(given, Mapping):
            problem = Problem(
                path=f"$[{index}]",
                message=f"expected a mapping row, got {type(given).__name__}",
                rule=TYPE,
            )
            report(ValidationError([problem]), on_error)
            continue
        try:
            made.append(_structured(layout, row, cls))
        except ValidationError as error:
            report(error.under(f"$[{index}]"), on_error)
    return made


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if cell is True:
        return "true"
    if cell is False:
        return "false"
    return str(cell)


def write_csv(
    objects: object | Iterable[object],
    target: TableTarget,
    *,
    lineterminator: str = "\r\n",
) -> int:
    r"""Write model objects as a CSV table, one row each.

    A cell `None` is an empty cell; `True` and `False` are `true` and `false`.

    Args:
        objects: One model object, or objects of one class.
        target: A path (written atomically) or a file object.
        lineterminator: The line end; CSV's standard `\r\n` by default.

    Returns:
        The number of rows written.

    Example:
        >>> import io
        >>> from trafficking_model import Period
        >>> out = io.StringIO()
        >>> write_csv([Period.from_years(2021)], out, lineterminator="\n")
        1
        >>> print(out.getvalue(), end="")
        start,end
        2021-01-01,2021-12-31
    """
    rows = to_rows(objects)
    if not rows:
        return write_table((), (), target, lineterminator=lineterminator)
    names = list(rows[0])
    return write_table(
        names,
        ([_text(row[name]) for name in names] for row in rows),
        target,
        lineterminator=lineterminator,
    )


def _parsed(column: _Column, text: str) -> object:
    """A CSV cell as its typed cell: blank is `None`."""
    if text == "":
        return None
    if column.kind == _INT and re.fullmatch(r"-?[0-9]+", text):
        return int(text)
    if column.kind == _BOOL and text in ("true", "false"):
        return text == "true"
    if column.kind == _FLOAT:
        try:
            return int(text) if re.fullmatch(r"-?[0-9]+", text) else float(text)
        except ValueError:
            return text
    return text  # scalars as text; figures and JSON parsed by `_value`


def read_csv(
    source: TableSource,
    cls: type[T],
    *,
    on_error: ErrorHandler = None,
) -> Iterator[T]:
    """Read objects of `cls` from a CSV table that `write_csv` wrote.

    Each cell is read by the type of its column: an empty cell is `None`, an
    int column holds digits, a figure its published text. Rows are read one at
    a time.

    Args:
        source: A path, a file object (text or binary), or rows.
        cls: The model class.
        on_error: Called with each bad row's error, whose `line` is the row's
            line; reading then goes on. By default the first one raises.

    Yields:
        One object per good row.

    Raises:
        ValidationError: Without `on_error`, for the first bad row or for a
            header with a column `cls` does not have (rule `header`).

    Example:
        >>> from trafficking_model import Period
        >>> [period] = read_csv(["start,end", "2021-01-01,2021-12-31"], Period)
        >>> str(period)
        '2021-01-01/2021-12-31'
        >>> list(read_csv(["start,end", "2021-01-01,31.12.2021"], Period))
        Traceback (most recent call last):
        ...
        trafficking_model.errors.ValidationError: line 2: $.end: the value is not a date in the form YYYY-MM-DD
    """
    layout = _layout(cls)
    by_name = {column.name: column for column in layout.columns}
    with open_table(source) as table:
        unknown = [name for name in table.columns if name not in by_name]
        if unknown:
            raise ValidationError(
                [
                    Problem(
                        path="$",
                        message=f"unknown column {', '.join(map(repr, unknown))} "
                        f"for {cls.__name__}",
                        rule=HEADER,
                    )
                ],
                line=table.header_line,
            )
        for item in table:
            if isinstance(item, ValidationError):
                report(item, on_error)
                continue
            typed = {
                name: _parsed(by_name[name], text) for name, text in item.cells.items()
            }
            try:
                yield _structured(layout, typed, cls)
            except ValidationError as error:
                report(ValidationError(error.problems, line=item.line), on_error)


def _extra(module: str, extra: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError as error:
        msg = f'this needs {module}: pip install "trafficking-model[{extra}]"'
        raise ImportError(msg) from error


def _column_values(rows: Sequence[Mapping[str, Cell]], name: str) -> list[Cell]:
    values = [row[name] for row in rows]
    if any(isinstance(value, str) for value in values) and any(
        type(value) is int for value in values
    ):  # a figure column with ranges: all text, as published
        return [None if value is None else str(value) for value in values]
    return values


def to_arrow(objects: object | Iterable[object]) -> Any:  # noqa: ANN401 - a pyarrow.Table
    """Model objects as an Arrow table, for Parquet, DuckDB, Polars or Spark.

    A column of exact figures is an integer column. A figure column that holds
    a range (`<5`) in any row is a text column, every figure in it written as
    published, so that no range becomes a number. Needs the `arrow` extra
    (pyarrow).

    Args:
        objects: One model object, or objects of one class.

    Returns:
        A `pyarrow.Table` with the columns of `columns(cls)`.

    Raises:
        ImportError: If pyarrow is not installed.

    Example:
        >>> pyarrow = __import__("pytest").importorskip("pyarrow")
        >>> from trafficking_model import Count, VictimStatistics
        >>> table = to_arrow([VictimStatistics(total=12), VictimStatistics(total=Count(0, 4))])
        >>> table.column("total").to_pylist()
        ['12', '<5']
    """
    pyarrow = _extra("pyarrow", "arrow")
    rows = to_rows(objects)
    if not rows:
        return pyarrow.table({})
    return pyarrow.table({name: _column_values(rows, name) for name in rows[0]})


def to_pandas(objects: object | Iterable[object]) -> Any:  # noqa: ANN401 - a DataFrame
    """Model objects as a pandas `DataFrame`, one row each.

    Integer columns with empty cells use pandas' nullable `Int64`, so that a
    figure not reported stays missing and no count becomes a float. Needs the
    `pandas` extra.

    Args:
        objects: One model object, or objects of one class.

    Returns:
        A `pandas.DataFrame` with the columns of `columns(cls)`.

    Raises:
        ImportError: If pandas is not installed.

    Example:
        >>> pandas = __import__("pytest").importorskip("pandas")
        >>> from trafficking_model import VictimStatistics
        >>> frame = to_pandas([VictimStatistics(total=12), VictimStatistics(total=None)])
        >>> str(frame["total"].dtype), int(frame["total"].sum())
        ('Int64', 12)
    """
    pandas = _extra("pandas", "pandas")
    rows = to_rows(objects)
    data: dict[str, Any] = {}
    for name in rows[0] if rows else ():
        values = _column_values(rows, name)
        present = [value for value in values if value is not None]
        if present and all(type(value) is int for value in present):
            data[name] = pandas.array(values, dtype="Int64")
        elif present and all(type(value) is bool for value in present):
            data[name] = pandas.array(values, dtype="boolean")
        else:
            data[name] = pandas.array(values, dtype=object)
    return pandas.DataFrame(data)
