"""`python -m trafficking_model validate` and `schema`."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

import trafficking_model as tm
from trafficking_model.__main__ import main

if TYPE_CHECKING:
    from pathlib import Path


def test_a_valid_json_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "report.json"
    path.write_text(tm.to_json(tm.examples.azerbaijan_report_2020_2021()))
    assert main(["validate", str(path), "--type", "CountryReport"]) == 0
    assert capsys.readouterr().out == f"{path}: valid CountryReport\n"


def test_an_invalid_json_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tm.to_dict(tm.examples.azerbaijan_report_2020_2021())
    data["prosecution"]["sentenced"] = 30
    data["prosecution"]["imprisonment"] = 26
    data["source"] = 7
    path = tmp_path / "report.json"
    path.write_text(json.dumps(data))
    assert main(["validate", str(path), "--type", "CountryReport"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{path}: $.source: expected str, got int [type]",
        (
            f"{path}: $.prosecution.sentenced: sentenced + acquitted (30) exceeds "
            "indicted (28) [sentenced_within_indicted]"
        ),
    ]


def test_a_json_lines_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "periods.jsonl"
    path.write_text(
        '{"start": "2020-01-01", "end": "2020-12-31"}\n'
        '{"start": "2021-01-01", "end": "2020-12-31"}\n'
        "not json\n"
        '{"start": "2022-01-01", "end": "2022-12-31"}\n'
    )
    assert main(["validate", str(path), "--type", "Period", "--jsonl"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        f"{path}:2: $.end: end 2020-12-31 is before start 2021-01-01 [period_order]"
    )
    assert out[1].startswith(f"{path}:3: $: malformed JSON")
    assert out[2] == f"{path}: 2 valid Period records, 2 bad lines"


def test_a_clean_json_lines_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "periods.jsonl"
    tm.write_jsonl([tm.Period.from_years(2020)], path)
    assert main(["validate", str(path), "--type", "Period", "--jsonl"]) == 0
    assert capsys.readouterr().out == f"{path}: 1 valid Period records, 0 bad lines\n"


def test_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nope.json"), "--type", "Victim"]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_an_unknown_type_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "x.json", "--type", "Problem"]) == 2
    error = capsys.readouterr().err
    assert "unknown type 'Problem'; expected one of " in error
    assert "Case, " in error
    assert "Problem," not in error


def test_schema_prints_one_class(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "Victim"]) == 0
    assert json.loads(capsys.readouterr().out) == tm.json_schema(tm.Victim)


def test_schema_needs_a_class_or_a_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 2
    assert "--write" in capsys.readouterr().err


def test_schema_writes_every_class(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", "--write", str(tmp_path)]) == 0
    assert (tmp_path / "Victim.schema.json").is_file()
    assert capsys.readouterr().out.startswith("Wrote ")
