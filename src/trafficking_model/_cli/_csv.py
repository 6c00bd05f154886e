"""CSV for the command: one record per row, one column per field.

A field whose JSON form is a string (an id, a date, a vocabulary value) is
written as it is; any other value (a number, a list, an object) as its JSON
text; a field not given as an empty cell. Reading goes the other way, guided by
the class's JSON Schema, so that the cell `12` of a string field stays a string.
"""

from __future__ import annotations

import csv
import io
import json
from typing import IO, TYPE_CHECKING, Any

from trafficking_model.errors import Problem, ValidationError
from trafficking_model.schema import json_schema
from trafficking_model.serialization import from_dict, to_dict

if TYPE_CHECKING:
    from collections.abc import Iterator


_TEXT: dict[type[Any], frozenset[str]] = {}


def _text_fields(cls: type[Any]) -> frozenset[str]:
    """The fields of `cls` whose JSON form is a string."""
    if cls not in _TEXT:
        _TEXT[cls] = _find_text_fields(cls)
    return _TEXT[cls]


def _find_text_fields(cls: type[Any]) -> frozenset[str]:
    schema = json_schema(cls)
    definitions = schema.get("$defs", {})
    text = set()
    for name, prop in schema["properties"].items():
        options = [
            option
            for option in prop.get("anyOf", [prop])
            if option.get("type") != "null"
        ]
        if len(options) == 1:
            option = options[0]
            ref = option.get("$ref", "")
            if ref.startswith("#/$defs/"):
                option = definitions[ref.removeprefix("#/$defs/")]
            if option.get("type") == "string":
                text.add(name)
    return frozenset(text)


def columns(cls: type[Any]) -> list[str]:
    """The columns of a CSV of `cls`: its fields, in the order of the class."""
    return list(json_schema(cls)["properties"])


def row(obj: object, names: list[str], text: frozenset[str]) -> list[str]:
    """One record as the cells of a row."""
    data = to_dict(obj)
    cells = []
    for name in names:
        value = data.get(name)
        if value is None:
            cells.append("")
        elif name in text:
            cells.append(value)
        else:
            cells.append(json.dumps(value, ensure_ascii=False, sort_keys=True))
    return cells


class Writer:
    """Write records of one class as CSV rows, the header first."""

    def __init__(self, target: IO[str], cls: type[Any]) -> None:
        self._writer = csv.writer(target, lineterminator="\n")
        self._cls = cls
        self._names = columns(cls)
        self._text = _text_fields(cls)
        self._writer.writerow(self._names)

    def write(self, obj: object) -> None:
        """Write one record, which must be of the writer's class."""
        if type(obj) is not self._cls:
            msg = (
                f"a CSV file holds one type: {type(obj).__name__} "
                f"among {self._cls.__name__} records"
            )
            raise ValidationError([Problem(path="$", message=msg, rule="type")])
        self._writer.writerow(row(obj, self._names, self._text))


def read(
    stream: IO[bytes], cls: type[Any]
) -> Iterator[tuple[int, object | ValidationError]]:
    """Read records of `cls` from CSV, with the line each starts on."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    reader = csv.reader(text)
    header = next(reader, None)
    if header is None:
        return
    known = set(columns(cls))
    strings = _text_fields(cls)
    unknown = [name for name in header if name not in known]
    if unknown:
        message = f"unknown columns for {cls.__name__}: {', '.join(unknown)}"
        yield 1, ValidationError([Problem(path="$", message=message, rule="type")])
        return
    line = reader.line_num + 1
    for cells in reader:
        data: dict[str, object] = {}
        problems = []
        for name, cell in zip(header, cells, strict=False):
            if cell == "":
                continue
            if name in strings:
                data[name] = cell
                continue
            try:
                data[name] = json.loads(cell)
            except ValueError:
                problems.append(
                    Problem(
                        path=f"$.{name}",
                        message="the cell is not JSON text",
                        rule="json",
                    )
                )
        if len(cells) != len(header):
            problems.append(
                Problem(
                    path="$",
                    message=f"{len(cells)} cells, but {len(header)} columns",
                    rule="json",
                )
            )
        try:
            if problems:
                raise ValidationError(problems)
            yield line, from_dict(data, cls)
        except ValidationError as error:
            yield line, ValidationError(error.problems, line=line)
        line = reader.line_num + 1
