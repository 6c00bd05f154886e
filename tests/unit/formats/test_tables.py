"""formats.tables: flat rows of every model type, CSV, pandas, Arrow and DuckDB."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from profiles import examples
from serialization_helpers import MODEL_CLASSES, STRATEGIES
from trafficking_model import (
    AgeGroup,
    Count,
    CountryReport,
    ExploitationForm,
    IdentificationStatus,
    LawEnforcementFigures,
    Period,
    Sex,
    ValidationError,
    Victim,
    VictimStatistics,
)
from trafficking_model.examples import azerbaijan_report_2020_2021
from trafficking_model.formats import tables
from trafficking_model.serialization import to_json

by_class = pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)


@by_class
@given(data=st.data())
def test_from_rows_of_to_rows_is_the_identity(cls: type, data: st.DataObject) -> None:
    values = data.draw(st.lists(STRATEGIES[cls], max_size=3))
    rows = tables.to_rows(values)
    assert [list(row) for row in rows] == [list(tables.columns(cls))] * len(values)
    assert tables.from_rows(rows, cls) == values


@by_class
@settings(max_examples=examples(0.5))
@given(data=st.data())
def test_a_csv_table_reads_back_as_written(cls: type, data: st.DataObject) -> None:
    values = data.draw(st.lists(STRATEGIES[cls], min_size=1, max_size=3))
    # The csv module takes a NUL character in a cell from Python 3.11 on.
    assume(
        sys.version_info >= (3, 11)
        or all("\\u0000" not in to_json(value) for value in values)
    )
    out = io.BytesIO()
    assert tables.write_csv(values, out) == len(values)
    out.seek(0)
    assert list(tables.read_csv(out, cls)) == values


def test_a_breakdown_has_one_column_per_member() -> None:
    names = tables.columns(CountryReport)
    assert {f"victims.by_sex.{sex.value}" for sex in Sex} <= set(names)
    assert "victims.by_sex_and_age.girls" in names
    assert "law_enforcement" in names  # a sequence of records: one JSON cell


def test_ranges_stay_published_text_and_members_given_as_not_reported_stay_so() -> None:
    statistics = VictimStatistics(
        total=Count(10, 14),
        by_sex={Sex.FEMALE: Count(0, 4), Sex.MALE: None},
        partial=frozenset({"by_sex"}),
    )
    [row] = tables.to_rows(statistics)
    assert row["total"] == "10-14"
    assert row["by_sex.female"] == "<5"
    assert row["by_sex.male"] == tables.NOT_REPORTED
    assert row["by_sex.other"] is None
    assert tables.from_rows([row], VictimStatistics) == [statistics]


def test_an_absent_section_is_empty_cells() -> None:
    report = CountryReport(
        country="ATA",
        period=Period.from_years(2021),
        source="Fictional",
        victims=VictimStatistics(total=None),
    )
    [row] = tables.to_rows(report)
    assert row["cases.total"] is None
    assert row["victims.partial"] == "[]"
    assert tables.from_rows([row], CountryReport) == [report]


def test_from_rows_is_strict_and_names_the_column() -> None:
    [row] = tables.to_rows(azerbaijan_report_2020_2021())
    errors: list[ValidationError] = []
    bad = [
        {**row, "victims.by_sex.female": "184"},  # text that is a count: fine
        {**row, "victims.total": "about 189"},
        {**row, "period.start": 2020},
        {**row, "extra": 1},
        {k: v for k, v in row.items() if k != "source"},
        {**row, "victims.by_sex.female": 185},
    ]
    made = tables.from_rows(bad, CountryReport, on_error=errors.append)
    assert made == [azerbaijan_report_2020_2021()]
    assert [(p.path, p.rule) for e in errors for p in e.problems] == [
        ("$[1]['victims.total']", "count_text"),
        ("$[2]['period.start']", "type"),
        ("$[3].extra", "unknown_key"),
        ("$[4].source", "required"),
        ("$[5]['victims.by_sex']", "breakdown_sum"),
    ]


def test_from_rows_refuses_rows_that_are_not_mappings_and_classes_that_are_not_models() -> (
    None
):
    errors: list[ValidationError] = []
    assert tables.from_rows([5, "start"], Period, on_error=errors.append) == []  # type: ignore[list-item]
    assert [(p.path, p.rule) for e in errors for p in e.problems] == [
        ("$[0]", "type"),
        ("$[1]", "type"),
    ]
    with pytest.raises(ValidationError, match="is not a model class"):
        tables.from_rows([], int)


def test_read_csv_reports_bad_cells_with_line_and_column() -> None:
    out = io.StringIO()
    victim = Victim(
        id="V-1",
        sex=Sex.FEMALE,
        age_group=AgeGroup.ADULT,
        exploitation=frozenset({ExploitationForm.SEXUAL}),
        identification=IdentificationStatus.PRESUMED,
    )
    tables.write_csv([victim, victim], out, lineterminator="\n")
    lines = out.getvalue().splitlines()
    header = next(csv.reader([lines[0]]))
    cells = next(csv.reader([lines[2]]))
    cells[header.index("age")] = "forty"
    broken = io.StringIO()
    csv.writer(broken, lineterminator="\n").writerow(cells)
    errors: list[ValidationError] = []
    source = [lines[0], lines[1], broken.getvalue().rstrip("\n"), "V-3"]
    assert list(tables.read_csv(source, Victim, on_error=errors.append)) == [victim]
    assert [(e.line, e.problems[0].path, e.problems[0].rule) for e in errors] == [
        (3, "$.age", "type"),
        (4, "$", "row_width"),
    ]
    assert "forty" not in str(errors[0])  # a personal field's value is not shown


def test_to_rows_refuses_mixed_or_non_model_objects() -> None:
    with pytest.raises(ValidationError, match=r"\$\[1\]: expected Period, got int"):
        tables.to_rows([Period.from_years(2021), 5])
    with pytest.raises(ValidationError, match="got int"):
        tables.to_rows(5)
    assert tables.to_rows([]) == []


# pandas, Arrow, Parquet and DuckDB


def _reports() -> list[CountryReport]:
    return [
        CountryReport(
            country=code,
            period=Period.from_years(year),
            source="Fictional",
            victims=VictimStatistics(
                total=total,
                by_sex={Sex.FEMALE: female, Sex.MALE: total - female},
            ),
        )
        for code, year, total, female in [
            ("ATA", 2020, 25, 20),
            ("ATA", 2021, 40, 30),
            ("BVT", 2021, 3, 3),
            ("HMD", 2021, 7, 2),
        ]
    ]


def test_to_pandas_keeps_counts_as_nullable_ints() -> None:
    pytest.importorskip("pandas")
    reports = [*_reports(), _without_victims(_reports()[0])]
    frame = tables.to_pandas(reports)
    assert str(frame["victims.total"].dtype) == "Int64"
    assert int(frame["victims.total"].sum()) == 25 + 40 + 3 + 7
    assert frame["victims.total"].isna().sum() == 1
    by_year = frame.groupby("period.start")["victims.by_sex.female"].sum()
    assert dict(by_year) == {"2020-01-01": 20, "2021-01-01": 30 + 3 + 2}


def _without_victims(report: CountryReport) -> CountryReport:
    return attrs.evolve(
        report,
        victims=None,
        law_enforcement=(LawEnforcementFigures(year=2020, prosecutions=11),),
    )


def test_a_parquet_file_from_to_arrow_gives_duckdb_the_same_aggregates(
    tmp_path: Path,
) -> None:
    pytest.importorskip("pyarrow")
    duckdb = pytest.importorskip("duckdb")
    import pyarrow.parquet

    reports = _reports()
    path = tmp_path / "reports.parquet"
    pyarrow.parquet.write_table(tables.to_arrow(reports), path)
    found = duckdb.sql(
        'SELECT "period.start" AS year, SUM("victims.total") AS total, '
        'SUM("victims.by_sex.female") AS female '
        f"FROM read_parquet('{path}') GROUP BY 1 ORDER BY 1"
    ).fetchall()
    expected: dict[str, list[int]] = {}
    for report in reports:
        assert report.victims is not None
        totals = expected.setdefault(str(report.period.start), [0, 0])
        totals[0] += report.victims.total  # type: ignore[operator]
        totals[1] += report.victims.by_sex[Sex.FEMALE]  # type: ignore[operator]
    assert [(year, total, female) for year, total, female in found] == [
        (year, total, female) for year, (total, female) in sorted(expected.items())
    ]


def test_a_figure_column_with_a_range_is_text_in_arrow() -> None:
    pytest.importorskip("pyarrow")
    table = tables.to_arrow(
        [VictimStatistics(total=12), VictimStatistics(total=Count(0, 4))]
    )
    assert str(table.schema.field("total").type) == "string"
    assert table.column("total").to_pylist() == ["12", "<5"]
