"""The table reading and writing that every format module shares."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

import pytest

from trafficking_model import ValidationError
from trafficking_model.formats._tabular import TableRow, open_table, write_table

if TYPE_CHECKING:
    from pathlib import Path

    from trafficking_model.formats._tabular import TableSource


def read(source: TableSource) -> list[tuple[int, dict[str, str]] | tuple[int, str]]:
    with open_table(source) as table:
        return [
            (item.line, dict(item.cells))
            if isinstance(item, TableRow)
            else (item.line or 0, item.problems[0].rule)
            for item in table
        ]


CSV = 'Year,Note\r\n2020,plain\r\n2021,"two\r\nlines"\r\n\r\n2022,after\r\n'
EXPECTED = [
    (2, {"Year": "2020", "Note": "plain"}),
    (3, {"Year": "2021", "Note": "two\r\nlines"}),
    (6, {"Year": "2022", "Note": "after"}),
]


def test_lines_are_those_an_editor_shows() -> None:
    assert read(io.BytesIO(CSV.encode())) == EXPECTED


def test_a_path_a_text_file_and_lines_read_alike(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"\xef\xbb\xbf" + CSV.encode())
    assert read(path) == EXPECTED
    assert read(str(path)) == EXPECTED
    assert read(io.StringIO("\ufeff" + CSV, newline="")) == EXPECTED
    assert read(CSV.splitlines(keepends=True)) == EXPECTED
    assert read([line.encode() for line in CSV.splitlines(keepends=True)]) == EXPECTED


def test_rows_from_dictreader_are_numbered_as_in_the_file() -> None:
    rows = csv.DictReader(io.StringIO("Year,Note\n2020,a\n2021,b\n"))
    assert read(rows) == [
        (2, {"Year": "2020", "Note": "a"}),
        (3, {"Year": "2021", "Note": "b"}),
    ]


def test_rows_as_sequences_take_the_first_as_header() -> None:
    assert read([("Year",), ("2020",)]) == [(2, {"Year": "2020"})]


def test_bad_bytes_are_an_error_on_their_line_and_reading_goes_on() -> None:
    data = b"Year,Note\n2020,\xff\n2021,ok\n"
    assert read(io.BytesIO(data)) == [
        (2, "encoding"),
        (3, {"Year": "2021", "Note": "ok"}),
    ]


def test_a_broken_quote_and_a_wrong_width_are_errors() -> None:
    assert read(io.StringIO('Year,Note\n2020,"a"b\n2021\n2022,c\n')) == [
        (2, "csv"),
        (3, "row_width"),
        (4, {"Year": "2022", "Note": "c"}),
    ]


def test_cells_in_memory_must_be_text() -> None:
    assert read([{"Year": 2020}]) == [(2, "type")]  # type: ignore[arg-type]
    assert read([{"Year": "2020"}, {"Other": "x"}]) == [
        (2, {"Year": "2020"}),
        (3, "row_width"),
    ]


def test_a_missing_or_repeated_header_is_an_error() -> None:
    with pytest.raises(ValidationError, match=r"\[header\]|appears more than once"):
        read(io.StringIO("Year,Year\n1,2\n"))
    titled = io.StringIO("a\nb\nc\n")
    with (
        pytest.raises(ValidationError, match="no header row found in the first 2 rows"),
        open_table(titled, is_header=lambda cells: cells == ("c",), search=2),
    ):
        pass
    with pytest.raises(ValidationError, match="expected a path, a file or rows"):
        read(42)  # type: ignore[arg-type]


def test_write_table_round_trips_and_is_atomic(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    rows = [["2020", "a, b"], ["2021", 'say "hi"']]
    assert write_table(["Year", "Note"], rows, path, title=[["Title", ""]]) == 2
    assert (
        path.read_bytes()
        == b'Title,\r\nYear,Note\r\n2020,"a, b"\r\n2021,"say ""hi"""\r\n'
    )

    def failing() -> list[list[str]]:
        raise RuntimeError

    with pytest.raises(RuntimeError):
        write_table(["Year"], (row for row in failing()), path)
    assert path.read_bytes().startswith(b"Title,")
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
    out = io.BytesIO()
    write_table(["Year"], [["2020"]], out)
    assert out.getvalue() == b"Year\r\n2020\r\n"


def test_a_row_s_repr_hides_its_cells() -> None:
    row = TableRow(line=2, cells={"ageBroad": "9--17", "citizenship": "UA"})
    assert repr(row) == "TableRow(line=2)"
