"""formats.glotip: the GLOTIP long format, read, written, and turned into reports."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from profiles import examples
from trafficking_model import (
    AgeGroup,
    Count,
    CountryReport,
    ExploitationForm,
    LawEnforcementFigures,
    Period,
    Sex,
    SexAgeGroup,
    ValidationError,
    VictimStatistics,
    from_dict,
    from_json,
    to_dict,
    to_json,
)
from trafficking_model.formats import glotip
from trafficking_model.strategies import glotip_rows, victim_statistics

FIXTURE = Path(__file__).resolve().parents[2] / "data" / "glotip.csv"
HEADER = ",".join(glotip.COLUMNS)


def _line(**changes: str) -> str:
    cells = {
        "Iso3_code": "ATA",
        "Country": "Antarctica",
        "Region": "",
        "Subregion": "",
        "Indicator": "Detected trafficking victims",
        "Dimension": "Total",
        "Category": "Total",
        "Sex": "Total",
        "Age": "Total",
        "Year": "2021",
        "Unit of measurement": "Counts",
        "txtVALUE": "12",
        "Source": "Fictional",
    }
    cells.update(changes)
    return ",".join(cells[name] for name in glotip.COLUMNS)


def _errors(lines: list[str], *, reports: bool = False) -> list[ValidationError]:
    errors: list[ValidationError] = []
    rows = glotip.read_rows([HEADER, *lines], on_error=errors.append)
    if reports:
        list(glotip.to_reports(rows, on_error=errors.append))
    else:
        list(rows)
    return errors


def _shown(errors: list[ValidationError]) -> list[tuple[int | None, str, str]]:
    return [
        (error.line, problem.path, problem.rule)
        for error in errors
        for problem in error.problems
    ]


# Reading and writing


def test_reading_then_writing_the_fixture_gives_it_back_byte_for_byte(
    tmp_path: Path,
) -> None:
    rows = list(glotip.read_rows(FIXTURE))
    assert len(rows) == 25
    target = tmp_path / "out.csv"
    assert glotip.write_rows(rows, target) == 25
    assert target.read_bytes() == FIXTURE.read_bytes()
    out = io.BytesIO()
    with FIXTURE.open("rb") as source:
        glotip.write_rows(glotip.read_rows(source), out)
    assert out.getvalue() == FIXTURE.read_bytes()


def test_small_cells_stay_ranges_and_blanks_stay_unreported() -> None:
    rows = list(glotip.read_rows(FIXTURE))
    values = {
        (row.iso3_code, row.year, row.category, row.sex, row.age): row.value
        for row in rows
    }
    assert values["ATA", 2021, "Begging", "Total", "Total"] == Count(0, 4)
    assert values["ATA", 2020, "Other purposes", "Total", "Total"] is None
    assert values["ATA", 2021, "Total", "Female", "Total"] == Count.exact(30)
    assert [row.line for row in rows[:3]] == [2, 3, 4]


def test_a_byte_order_mark_and_crlf_are_read() -> None:
    data = b"\xef\xbb\xbf" + f"{HEADER}\r\n{_line()}\r\n".encode()
    [row] = glotip.read_rows(io.BytesIO(data))
    assert row.iso3_code == "ATA"
    assert row.value == Count.exact(12)
    [same] = glotip.read_rows(io.StringIO(data.decode("utf-8-sig")))
    assert same == row


def test_title_rows_above_the_header_are_skipped() -> None:
    [row] = glotip.read_rows(["UNODC data portal", "", HEADER, _line()])
    assert row.line == 4


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (_line(Year="20x1"), (2, "$.Year", "year")),
        (_line(txtVALUE="2.5"), (2, "$.txtVALUE", "count_text")),
        (_line(txtVALUE="about 5"), (2, "$.txtVALUE", "count_text")),
        (_line(Year="1850"), (2, "$.Year", "range")),
        ("ATA,Antarctica", (2, "$", "row_width")),
        ('ATA,"Antarctica', (2, "$", "csv")),
    ],
)
def test_bad_cells_are_reported_with_line_and_column(
    line: str, expected: tuple[int, str, str]
) -> None:
    errors = _errors([line, _line()])
    assert _shown(errors)[:1] == [expected]
    assert all(isinstance(error, ValidationError) for error in errors)


def test_bytes_that_are_not_utf8_are_reported_not_raised() -> None:
    data = f"{HEADER}\n".encode() + b"ATA,Ant\xffarctica" + _line()[13:].encode()
    errors: list[ValidationError] = []
    assert list(glotip.read_rows(io.BytesIO(data), on_error=errors.append)) == []
    assert _shown(errors) == [(2, "$", "encoding")]


def test_without_on_error_the_first_bad_row_raises() -> None:
    with pytest.raises(ValidationError, match=r"^line 3: \$\.Year: "):
        list(glotip.read_rows([HEADER, _line(), _line(Year="")]))


def test_a_header_without_the_columns_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        list(glotip.read_rows(["Iso3_code,txtVALUE", "ATA,12"]))
    assert caught.value.problems[0].rule == "header"
    assert "missing 'Country'" in str(caught.value)


# Reports


def test_the_fixture_becomes_one_report_per_country_and_year() -> None:
    reports = list(glotip.to_reports(glotip.read_rows(FIXTURE)))
    assert [(r.country, r.period.start.year) for r in reports] == [
        ("ATA", 2020),
        ("ATA", 2021),
        ("BVT", 2021),
    ]
    first, second, only_victims = reports
    assert first.victims is not None
    assert dict(first.victims.by_exploitation) == {
        ExploitationForm.SEXUAL: 20,
        ExploitationForm.FORCED_LABOUR: Count(0, 4),
        ExploitationForm.OTHER: None,
    }
    assert first.law_enforcement == (
        LawEnforcementFigures(year=2020, prosecutions=11, convictions=Count(0, 4)),
    )
    victims = second.victims
    assert victims is not None
    assert victims.total == 40
    assert dict(victims.by_sex) == {Sex.FEMALE: 30, Sex.MALE: 10}
    assert dict(victims.by_age_group) == {AgeGroup.CHILD: 12, AgeGroup.ADULT: 28}
    assert dict(victims.by_sex_and_age) == {
        SexAgeGroup.GIRLS: 9,
        SexAgeGroup.WOMEN: 21,
        SexAgeGroup.BOYS: Count(0, 4),
        SexAgeGroup.MEN: 7,
    }
    # the "other forms" rows stay apart, each its own form, never summed
    other_forms = {
        ExploitationForm.FORCED_CRIMINALITY,
        ExploitationForm.FORCED_BEGGING,
        ExploitationForm.FORCED_MARRIAGE,
        ExploitationForm.OTHER,
    }
    assert {
        form: victims.by_exploitation[form] for form in other_forms
    } == dict.fromkeys(other_forms, Count(0, 4))
    assert victims.partial == {
        "by_sex",
        "by_age_group",
        "by_sex_and_age",
        "by_exploitation",
    }
    assert only_victims.law_enforcement == ()
    assert only_victims.victims == VictimStatistics(
        total=3, by_sex={Sex.FEMALE: 3}, partial=frozenset({"by_sex"})
    )


def test_to_reports_then_from_reports_gives_the_same_rows() -> None:
    rows = list(glotip.read_rows(FIXTURE))
    again = list(
        glotip.from_reports(glotip.to_reports(rows), places=glotip.places(rows))
    )
    assert again == rows


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"Indicator": "Persons arrested"}, (2, "$.Indicator", "vocabulary")),
        ({"Dimension": "by citizenship"}, (2, "$.Dimension", "vocabulary")),
        (
            {"Dimension": "by form of exploitation", "Category": "Mixed exploitation"},
            (2, "$.Category", "vocabulary"),
        ),
        ({"Sex": "Unknown"}, (2, "$.Sex", "vocabulary")),
        ({"Age": "0 to 14 years"}, (2, "$.Age", "vocabulary")),
        (
            {"Unit of measurement": "Rate per 100,000"},
            (2, "$['Unit of measurement']", "vocabulary"),
        ),
        (
            {"Indicator": "Persons prosecuted", "Sex": "Female"},
            (2, "$", "no_counterpart"),
        ),
        (
            {
                "Dimension": "by form of exploitation",
                "Category": "Begging",
                "Sex": "Female",
            },
            (2, "$", "no_counterpart"),
        ),
    ],
)
def test_values_the_reader_does_not_know_are_reported_with_the_row(
    changes: dict[str, str], expected: tuple[int, str, str]
) -> None:
    line = ",".join(
        f'"{value}"' if "," in value else value
        for value in (
            {**dict(zip(glotip.COLUMNS, _line().split(","), strict=True)), **changes}[
                name
            ]
            for name in glotip.COLUMNS
        )
    )
    errors = _errors([line, _line()], reports=True)
    assert _shown(errors) == [expected]


def test_a_figure_given_twice_or_under_another_source_is_reported() -> None:
    errors = _errors(
        [_line(), _line(txtVALUE="13"), _line(Sex="Female", Source="Another")],
        reports=True,
    )
    assert _shown(errors) == [
        (3, "$.txtVALUE", "duplicate"),
        (4, "$.Source", "one_source"),
    ]


def test_figures_that_break_a_rule_of_the_model_are_reported() -> None:
    errors = _errors([_line(), _line(Sex="Female", txtVALUE="20")], reports=True)
    assert _shown(errors) == [(2, "$.victims.by_sex", "partial_breakdown_within_total")]


def test_from_reports_refuses_what_glotip_has_no_row_for() -> None:
    report = CountryReport(
        country="ATA",
        period=Period.from_years(2021),
        source="Fictional",
        victims=VictimStatistics(
            total=5,
            by_sex={Sex.UNKNOWN: 5},
            by_exploitation={ExploitationForm.SURROGACY: 5},
        ),
        law_enforcement=(LawEnforcementFigures(year=2021, investigations=3),),
    )
    errors: list[ValidationError] = []
    assert list(glotip.from_reports([report], on_error=errors.append)) == []
    assert [(p.path, p.rule) for p in errors[0].problems] == [
        ("$[0].victims.by_sex.unknown", "no_counterpart"),
        ("$[0].victims.by_exploitation.surrogacy", "no_counterpart"),
        ("$[0].law_enforcement[0].investigations", "no_counterpart"),
    ]


def test_a_country_without_a_place_gets_its_iso_name() -> None:
    report = CountryReport(
        country="BVT",
        period=Period.from_years(2021),
        source="Fictional",
        victims=VictimStatistics(total=1),
    )
    [row] = glotip.from_reports([report])
    assert (row.country, row.region, row.subregion) == ("Bouvet Island", "", "")


# The workbook


def test_the_workbook_is_read_with_its_header_on_the_third_row(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    rows = list(glotip.read_rows(FIXTURE))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Trafficking in persons: detected victims and persons convicted"])
    sheet.append([])
    sheet.append(list(glotip.COLUMNS))
    for row in rows:
        cells: list[Any] = list(row.cells())
        cells[9] = row.year  # numbers are numbers in the workbook
        if row.value is not None and row.value.is_exact:
            cells[11] = row.value.low
        sheet.append(cells)
    path = tmp_path / "data_glotip.xlsx"
    book.save(path)
    from_book = list(glotip.read_rows(path))
    assert from_book == rows
    assert [row.line for row in from_book[:2]] == [4, 5]


# Properties


def _glotip_shaped(statistics: VictimStatistics) -> VictimStatistics:
    """The figures of `statistics` that GLOTIP has rows for, all partial."""
    kept: dict[str, dict[Any, Any]] = {
        "by_sex": {
            k: v for k, v in statistics.by_sex.items() if k in (Sex.FEMALE, Sex.MALE)
        },
        "by_age_group": {
            k: v
            for k, v in statistics.by_age_group.items()
            if k in (AgeGroup.ADULT, AgeGroup.CHILD)
        },
        "by_sex_and_age": dict(statistics.by_sex_and_age),
        "by_exploitation": {
            k: v
            for k, v in statistics.by_exploitation.items()
            if k in glotip.CATEGORIES.values()
        },
    }
    return VictimStatistics(
        total=statistics.total,
        **kept,
        partial=frozenset(name for name, counts in kept.items() if counts),
    )


@given(
    victims=victim_statistics(max_total=200),
    flows=st.tuples(
        st.none() | st.integers(0, 99) | st.just(Count(0, 4)),
        st.none() | st.integers(0, 99) | st.just(Count(0, 4)),
    ),
    year=st.integers(1990, 2030),
)
def test_reports_through_rows_and_csv_and_back_are_the_same(
    victims: VictimStatistics, flows: tuple[Any, Any], year: int
) -> None:
    prosecutions, convictions = flows
    report = CountryReport(
        country="ATA",
        period=Period.from_years(year),
        source="Fictional",
        victims=_glotip_shaped(victims),
        law_enforcement=()
        if prosecutions is None and convictions is None
        else (
            LawEnforcementFigures(
                year=year, prosecutions=prosecutions, convictions=convictions
            ),
        ),
    )
    out = io.StringIO()
    glotip.write_rows(glotip.from_reports([report]), out)
    out.seek(0)
    assert list(glotip.to_reports(glotip.read_rows(out))) == [report]


def test_rows_compare_without_their_line() -> None:
    [row] = glotip.read_rows([HEADER, _line()])
    assert attrs.evolve(row, line=None) == row


@pytest.mark.parametrize(
    ("name", "wrong", "path"),
    [
        ("iso3_code", 7, "$.Iso3_code"),
        ("age", None, "$.Age"),
        ("unit", b"Counts", "$['Unit of measurement']"),
        ("year", "2021", "$.Year"),
        ("value", 28, "$.txtVALUE"),
        ("line", "7", "$.line"),
    ],
)
def test_a_row_of_the_wrong_type_names_the_column(
    name: str, wrong: object, path: str
) -> None:
    [row] = glotip.read_rows([HEADER, _line()])
    with pytest.raises(ValidationError) as caught:
        attrs.evolve(row, **{name: wrong})
    assert [(p.path, p.rule) for p in caught.value.problems] == [(path, "type")]


@settings(max_examples=examples(0.3))
@given(glotip_rows())
def test_a_row_loaded_from_json_names_its_fields(row: glotip.GlotipRow) -> None:
    data = to_dict(row)
    data["year"] = 1850
    with pytest.raises(ValidationError) as caught:
        from_dict(data, glotip.GlotipRow)
    assert [(p.path, p.rule) for p in caught.value.problems] == [("$.year", "range")]
    assert from_json(to_json(row), glotip.GlotipRow) == row
