"""formats.ctdc: the CTDC victim dataset, read, written and counted."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from profiles import examples
from trafficking_model import (
    AgeGroup,
    CitizenshipCategory,
    Count,
    ExploitationForm,
    Sex,
    ValidationError,
    VictimStatistics,
    show_values,
)
from trafficking_model.formats import _ctdc_columns, _ctdc_record, ctdc
from trafficking_model.formats.ctdc import (
    Band,
    Means,
    Record,
    RecruiterRelation,
    Sector,
)
from trafficking_model.strategies import ctdc_bands, ctdc_records

DATA = Path(__file__).parents[2] / "data" / "ctdc"
SYNTHETIC = DATA / "synthetic.csv"
FORMS = {
    "isForcedLabour": ExploitationForm.FORCED_LABOUR,
    "isSexualExploit": ExploitationForm.SEXUAL,
    "isOtherExploit": ExploitationForm.OTHER,
}


# The acceptance test: the statistics equal an independent count of the CSV.


def _independent_count(
    path: Path, country: str | None = None, year: str | None = None
) -> dict[str, object]:
    """Count the CSV with the csv module alone, by the documented rules."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        rows = [
            row
            for row in csv.DictReader(handle)
            if (country is None or row["CountryOfExploitation"] == country)
            and (year is None or row["yearOfRegistration"] == year)
        ]
    blank = {"", "-99"}
    genders = {
        "Woman": Sex.FEMALE,
        "Man": Sex.MALE,
        "Trans/Transgender/NonConforming": Sex.OTHER,
    }
    by_sex = Counter(
        Sex.UNKNOWN if row["gender"] in blank else genders[row["gender"]]
        for row in rows
    )
    by_age = Counter(
        AgeGroup.UNKNOWN
        if row["ageBroad"] in blank
        else AgeGroup.CHILD
        if row["ageBroad"] in {"0--8", "9--17"}
        else AgeGroup.ADULT
        for row in rows
    )
    by_citizenship = Counter(
        CitizenshipCategory.UNKNOWN
        if row["citizenship"] in blank
        else CitizenshipCategory.NATIONAL
        if row["citizenship"] == country
        else CitizenshipCategory.FOREIGN
        for row in rows
    )
    forms: dict[ExploitationForm, object] = {}
    for column, form in FORMS.items():
        yes = sum(row[column] == "1" for row in rows)
        unknown = sum(row[column] in blank for row in rows)
        if yes or unknown:
            forms[form] = yes if not unknown else Count(yes, yes + unknown)
    none_at_all = any(all(row[column] == "0" for column in FORMS) for row in rows)
    return {
        "total": len(rows),
        "by_sex": dict(by_sex),
        "by_age_group": dict(by_age),
        "by_citizenship": dict(by_citizenship) if country else {},
        "by_exploitation": forms,
        "partial": {"by_exploitation"} if none_at_all else set(),
    }


def _as_counted(statistics: VictimStatistics) -> dict[str, object]:
    return {
        "total": statistics.total,
        "by_sex": dict(statistics.by_sex),
        "by_age_group": dict(statistics.by_age_group),
        "by_citizenship": dict(statistics.by_citizenship),
        "by_exploitation": dict(statistics.by_exploitation),
        "partial": set(statistics.partial),
    }


@pytest.mark.parametrize(
    ("country", "year"), [(None, None), ("POL", None), ("UKR", "2021"), ("MYS", None)]
)
def test_statistics_equal_an_independent_count_of_the_csv(
    country: str | None, year: str | None
) -> None:
    statistics = ctdc.victim_statistics(
        ctdc.read(SYNTHETIC),
        country=country,
        year=None if year is None else int(year),
    )
    assert _as_counted(statistics) == _independent_count(SYNTHETIC, country, year)


def test_the_fixture_exercises_what_it_should() -> None:
    text = SYNTHETIC.read_text(encoding="utf-8")
    for needed in ("-99", ",,", "Trans/Transgender/NonConforming", "48+", "0--8"):
        assert needed in text
    counted = _independent_count(SYNTHETIC)
    assert counted["partial"] == {"by_exploitation"}
    assert any(isinstance(v, Count) for v in counted["by_exploitation"].values())  # type: ignore[attr-defined]


def test_the_fast_path_and_the_records_give_the_same_statistics() -> None:
    for path in sorted(DATA.glob("*.csv")):
        fast = ctdc.victim_statistics(ctdc.read(path))
        slow = ctdc.victim_statistics(list(ctdc.read(path)))
        assert fast == slow, path.name


def test_citizenship_filter() -> None:
    statistics = ctdc.victim_statistics(ctdc.read(SYNTHETIC), citizenship="PHL")
    assert statistics.total == 3


def test_filters_are_checked() -> None:
    with pytest.raises(ValidationError) as caught:
        ctdc.victim_statistics([], country="QXX", year=1800, citizenship="pl")
    assert [problem.rule for problem in caught.value.problems] == [
        "country_code",
        "country_code",
        "range",
    ]


def test_an_item_that_is_not_a_record_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"\$\[1\]: expected Record, got dict"):
        ctdc.victim_statistics([Record(), {}])  # type: ignore[list-item]


def test_no_records_give_a_total_of_zero() -> None:
    assert ctdc.victim_statistics([]) == VictimStatistics(total=0)


def test_an_age_band_across_18_makes_the_age_breakdown_partial() -> None:
    statistics = ctdc.victim_statistics([Record(age=Band(15, 20)), Record()])
    assert statistics.partial == {"by_age_group"}
    assert dict(statistics.by_age_group) == {AgeGroup.UNKNOWN: 1}


# Reading


def test_the_27_columns() -> None:
    first = next(iter(ctdc.read(SYNTHETIC)))
    assert first == Record(
        year=2019,
        gender=Sex.FEMALE,
        age=Band(18, 20),
        citizenship="UKR",
        country_of_exploitation="POL",
        months=Band(0, 12),
        means=frozenset({Means.THREATS, Means.ABUSE}),
        exploitation=frozenset({ExploitationForm.SEXUAL}),
        sectors=frozenset({Sector.PROSTITUTION}),
        recruiter_relations=frozenset({RecruiterRelation.INTIMATE_PARTNER}),
        recorded_no=frozenset(
            {
                Means.DEBT_BONDAGE_EARNINGS,
                Means.FALSE_PROMISES,
                Means.DRUGS_ALCOHOL,
                Means.DENY_BASIC_NEEDS,
                Means.EXCESSIVE_WORK_HOURS,
                Means.WITHHOLD_DOCUMENTS,
                ExploitationForm.FORCED_LABOUR,
                ExploitationForm.OTHER,
                Sector.AGRICULTURE,
                Sector.CONSTRUCTION,
                Sector.DOMESTIC_WORK,
                Sector.HOSPITALITY,
                Sector.PORNOGRAPHY,
                RecruiterRelation.FRIEND,
                RecruiterRelation.FAMILY,
                RecruiterRelation.OTHER,
            }
        ),
    )


def test_blanks_and_minus_99_are_not_recorded() -> None:
    records = list(ctdc.read(SYNTHETIC))
    assert records[5].gender is None
    assert records[5].recorded_no == frozenset()  # nothing recorded no
    assert records[6].citizenship is None
    assert records[9].gender is None
    assert records[11].year is None


def test_the_other_spelling_alpha_2_codes_one_or_blank_flags_bom_and_crlf() -> None:
    assert (DATA / "synthetic-variant.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    first, second, third = ctdc.read(DATA / "synthetic-variant.csv")
    assert (first.citizenship, first.country_of_exploitation) == ("UKR", "POL")
    assert first.sectors == {Sector.PROSTITUTION}
    assert first.recorded_no == frozenset()  # 1-or-blank: a blank is never "no"
    assert second.sectors == {Sector.AGRICULTURE}
    assert second.recruiter_relations == {RecruiterRelation.OTHER}
    assert third.gender is None
    assert third.age == Band(9, 17)


def test_the_2017_scheme_where_its_columns_map() -> None:
    first, second, third = ctdc.read(DATA / "kanon-2017.csv")
    assert first.gender is Sex.FEMALE
    assert first.means == {Means.DEBT_BONDAGE_EARNINGS, Means.THREATS}
    assert first.recruiter_relations == {RecruiterRelation.FRIEND}
    assert first.months is None  # the 2017 file has no duration
    assert Means.DEBT_BONDAGE_EARNINGS not in second.recorded_no  # -99
    assert second.means == frozenset()
    assert second.sectors == {Sector.AGRICULTURE}
    # Forced marriage has no column of its own in the current file: other.
    assert third.exploitation == {ExploitationForm.OTHER}
    assert ExploitationForm.OTHER not in third.recorded_no


def test_the_2021_scheme_with_names_cut_to_32_characters() -> None:
    first, second = ctdc.read(DATA / "synthetic-2021.csv")
    assert first.means == {Means.ABUSE, Means.FALSE_PROMISES, Means.DRUGS_ALCOHOL}
    assert second.means >= {Means.EXCESSIVE_WORK_HOURS, Means.DENY_BASIC_NEEDS}
    assert second.recruiter_relations == frozenset()
    assert RecruiterRelation.FRIEND not in second.recorded_no


# Writing


def test_writing_then_reading_gives_the_same_records(tmp_path: Path) -> None:
    for source in sorted(DATA.glob("*.csv")):
        records = list(ctdc.read(source))
        target = tmp_path / source.name
        assert ctdc.write(records, target) == len(records)
        assert list(ctdc.read(target)) == records, source.name


def test_writing_the_27_column_fixture_gives_its_cells_back() -> None:
    out = io.StringIO()
    ctdc.write(ctdc.read(SYNTHETIC), out)
    original = SYNTHETIC.read_text(encoding="utf-8").replace("-99", "")
    assert list(csv.reader(io.StringIO(out.getvalue()))) == list(
        csv.reader(io.StringIO(original))
    )


def test_writing_with_the_other_spelling_and_alpha_2() -> None:
    out = io.StringIO()
    ctdc.write(ctdc.read(SYNTHETIC), out, spelling="sectorOf", alpha2=True)
    header, first, *_ = csv.reader(io.StringIO(out.getvalue()))
    assert "sectorOfLabourAgriculture" in header
    assert first[3:5] == ["UA", "PL"]
    assert list(ctdc.read(io.StringIO(out.getvalue()))) == list(ctdc.read(SYNTHETIC))


def test_writing_something_else_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"\$\[0\]: expected Record, got str"):
        ctdc.write(["2019"], io.StringIO())  # type: ignore[list-item]


# Errors


HEADER = ",".join(ctdc.COLUMNS)
GOOD = "2019,Woman,18--20,UKR,POL,,0,1,1,0,0,0,0,0,0,1,0,0,0,0,0,1,0,1,0,0,0"


def _errors(*lines: str) -> list[ValidationError]:
    errors: list[ValidationError] = []
    list(ctdc.read([HEADER, *lines], on_error=errors.append))
    return errors


@pytest.mark.parametrize(
    ("cells", "path", "rule"),
    [
        ({0: "19"}, "$.yearOfRegistration", "range"),
        ({0: "1850"}, "$.yearOfRegistration", "range"),
        ({1: "woman"}, "$.gender", "enum"),
        ({2: "9-17"}, "$.ageBroad", "enum"),
        ({2: "17--9"}, "$.ageBroad", "range_order"),
        ({2: "130+"}, "$.ageBroad", "range"),
        ({3: "XX"}, "$.citizenship", "country_code"),
        ({4: "pol"}, "$.CountryOfExploitation", "country_code"),
        ({5: "long"}, "$.traffickMonths", "enum"),
        ({7: "yes"}, "$.meansThreats", "flag"),
        ({26: "2"}, "$.recruiterRelationOther", "flag"),
    ],
)
def test_a_bad_cell_names_its_line_column_and_rule(
    cells: dict[int, str], path: str, rule: str
) -> None:
    row = GOOD.split(",")
    for position, value in cells.items():
        row[position] = value
    [error] = _errors(GOOD, ",".join(row), GOOD)
    assert error.line == 3
    assert [(problem.path, problem.rule) for problem in error.problems] == [
        (path, rule)
    ]


def test_every_bad_cell_of_a_row_is_reported_and_reading_goes_on() -> None:
    row = GOOD.split(",")
    row[1], row[3], row[8] = "Robot", "ZZ", "x"
    errors = _errors(",".join(row), GOOD)
    assert [error.line for error in errors] == [2]
    assert [problem.path for problem in errors[0].problems] == [
        "$.gender",
        "$.citizenship",
        "$.meansAbusePsyPhySex",
    ]


def test_without_on_error_the_first_bad_row_raises() -> None:
    with pytest.raises(ValidationError, match=r"^line 3: \$\.gender"):
        list(ctdc.read([HEADER, GOOD, GOOD.replace("Woman", "W")]))


def test_messages_do_not_echo_the_cells() -> None:
    row = GOOD.split(",")
    row[1], row[3], row[8] = "Secret Name", "Secret Place", "Secret Flag"
    [error] = _errors(",".join(row))
    assert "Secret" not in str(error)
    with show_values():
        [error] = _errors(",".join(row))
    assert "Secret Name" in str(error)


def test_an_unknown_column_is_refused_not_dropped() -> None:
    with pytest.raises(ValidationError) as caught:
        list(ctdc.read(["yearOfRegistration,gendre", "2019,Woman"]))
    assert str(caught.value) == "line 1: $.gendre: is not a column of any CTDC scheme"


def test_both_spellings_of_one_sector_are_refused() -> None:
    with pytest.raises(ValidationError, match="holds the same flag"):
        list(ctdc.read(["typeOfLabourAgriculture,sectorOfLabourAgriculture", "1,1"]))


def test_a_header_without_ctdc_columns_is_refused() -> None:
    with pytest.raises(ValidationError, match="no CTDC column"):
        list(ctdc.read(["Datasource", "x"]))


def test_table_problems_come_with_their_line() -> None:
    errors: list[ValidationError] = []
    source = io.BytesIO(f"{HEADER}\n{GOOD}\n2019,\xff\n{GOOD}\n".encode("latin-1"))
    records = list(ctdc.read(source, on_error=errors.append))
    assert len(records) == 2
    assert [(error.line, error.problems[0].rule) for error in errors] == [
        (3, "encoding")
    ]
    errors.clear()
    list(ctdc.read([HEADER, "2019,Woman"], on_error=errors.append))
    assert [error.problems[0].rule for error in errors] == ["row_width"]


def test_the_fast_path_reports_the_same_errors() -> None:
    bad = GOOD.replace("Woman", "W")
    lines = [HEADER, GOOD, bad, "1,2", GOOD]
    fast: list[ValidationError] = []
    slow: list[ValidationError] = []
    statistics = ctdc.victim_statistics(ctdc.read(lines, on_error=fast.append))
    records = list(ctdc.read(lines, on_error=slow.append))
    assert statistics.total == len(records) == 2
    assert [str(error) for error in fast] == [str(error) for error in slow]


def test_a_reading_already_started_is_counted_from_its_records() -> None:
    reading = ctdc.read(SYNTHETIC)
    next(reading)
    assert ctdc.victim_statistics(reading).total == 11


# The record's rules


def test_record_rules() -> None:
    with pytest.raises(ValidationError) as caught:
        Record(
            year=1800,
            gender=Sex.UNKNOWN,
            age=Band(121),
            citizenship="XX",
            country_of_exploitation="pol",
            months="12",  # type: ignore[arg-type]
            means=frozenset({Sector.AGRICULTURE}),  # type: ignore[arg-type]
            exploitation=frozenset({ExploitationForm.FORCED_MARRIAGE}),
            sectors=[Sector.AGRICULTURE],  # type: ignore[arg-type]
            recorded_no=frozenset({"no"}),  # type: ignore[arg-type]
        )
    assert [(problem.path, problem.rule) for problem in caught.value.problems] == [
        ("$.year", "range"),
        ("$.gender", "enum"),
        ("$.age", "range"),
        ("$.months", "type"),
        ("$.citizenship", "country_code"),
        ("$.country_of_exploitation", "country_code"),
        ("$.means", "type"),
        ("$.sectors", "type"),
        ("$.recorded_no", "type"),
    ]
    with pytest.raises(ValidationError, match="forced_marriage is not a form"):
        Record(exploitation=frozenset({ExploitationForm.FORCED_MARRIAGE}))


def test_band_rules() -> None:
    with pytest.raises(ValidationError) as caught:
        Band(-1, "3")  # type: ignore[arg-type]
    assert [problem.rule for problem in caught.value.problems] == ["range", "type"]


# Properties

CODES = st.sampled_from(["AZE", "UKR", "POL", "PHL", "GEO", "USA"])
ALL_FLAGS: list[ctdc.Means | ExploitationForm | Sector | RecruiterRelation] = [
    *Means,
    *FORMS.values(),
    *Sector,
    *RecruiterRelation,
]


# The shipped strategies; some records share a country, so that filters match.
records = ctdc_records
RECORDS = ctdc_records() | ctdc_records(country="AZE")


@settings(max_examples=examples(0.5))
@given(st.lists(records(), max_size=30), st.sampled_from(["typeOf", "sectorOf"]))
def test_any_records_written_read_back_the_same(
    items: list[Record], spelling: str
) -> None:
    out = io.StringIO()
    ctdc.write(items, out, spelling=spelling)  # type: ignore[arg-type]
    assert list(ctdc.read(io.StringIO(out.getvalue()))) == items


@settings(max_examples=examples(0.5))
@given(st.lists(RECORDS, max_size=30), st.none() | CODES, st.none() | CODES)
def test_any_file_is_counted_the_same_by_both_paths(
    items: list[Record], country: str | None, citizenship: str | None
) -> None:
    out = io.StringIO()
    ctdc.write(items, out)
    fast = ctdc.victim_statistics(
        ctdc.read(io.StringIO(out.getvalue())), country=country, citizenship=citizenship
    )
    slow = ctdc.victim_statistics(items, country=country, citizenship=citizenship)
    assert fast == slow
    assert isinstance(fast.total, int)


@settings(max_examples=examples(0.5))
@given(records(), st.sampled_from(ALL_FLAGS))
def test_a_flag_recorded_both_yes_and_no_is_always_refused(
    record: Record, flag: ctdc.Means | ExploitationForm | Sector | RecruiterRelation
) -> None:
    group = {
        Means: "means",
        ExploitationForm: "exploitation",
        Sector: "sectors",
        RecruiterRelation: "recruiter_relations",
    }[type(flag)]
    with pytest.raises(ValidationError) as caught:
        attrs.evolve(
            record,
            **{group: getattr(record, group) | {flag}},
            recorded_no=record.recorded_no | {flag},
        )
    assert [problem.rule for problem in caught.value.problems] == ["flag_state"]


@settings(max_examples=examples(0.5))
@given(records())
def test_a_valid_record_is_always_accepted_by_both_checks(record: Record) -> None:
    assert _ctdc_record._plainly_valid(record)  # the fast check accepts what is valid


def test_the_reference_page_lists_the_columns_as_the_reader_reads_them() -> None:
    page = (Path(__file__).parents[3] / "docs" / "reference" / "ctdc.md").read_text(
        encoding="utf-8"
    )
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in page.splitlines()
        if line.startswith("| `")
    ]
    read_into = {}
    for first, second, *_ in rows:
        for name in first.replace("`", "").split(" or "):
            read_into[name] = second
    group = {
        Means: "means",
        ExploitationForm: "exploitation",
        Sector: "sectors",
        RecruiterRelation: "recruiter_relations",
    }
    flags = {**_ctdc_columns.FLAG_COLUMNS, **_ctdc_columns._OLD_FLAG_COLUMNS}
    flags.update(
        (spelling, _ctdc_columns.FLAG_COLUMNS[name])
        for name, spelling in _ctdc_columns.SECTOR_SPELLING.items()
    )
    for name, flag in flags.items():
        assert read_into.pop(name) == f"`{group[type(flag)]}`: `{flag.value}`"
    for name in _ctdc_columns._VALUE_PARSERS:
        assert name in read_into
    skipped = page.split("have no place in the current file")[1].split(".\n")[0]
    assert set(re.findall(r"`(\w+)`", skipped)) == set(_ctdc_columns._UNMAPPED)


VIOLATIONS = {
    "year_range": (lambda r: attrs.evolve(r, year=1899), "range"),
    "year_type": (lambda r: attrs.evolve(r, year="2019"), "type"),
    "gender_unknown": (lambda r: attrs.evolve(r, gender=Sex.UNKNOWN), "enum"),
    "gender_type": (lambda r: attrs.evolve(r, gender="female"), "type"),
    "age_range": (lambda r: attrs.evolve(r, age=Band(121)), "range"),
    "age_type": (lambda r: attrs.evolve(r, age=(9, 17)), "type"),
    "months_type": (lambda r: attrs.evolve(r, months="0--12"), "type"),
    "citizenship": (lambda r: attrs.evolve(r, citizenship="UA"), "country_code"),
    "country": (
        lambda r: attrs.evolve(r, country_of_exploitation="ukr"),
        "country_code",
    ),
    "means_set": (lambda r: attrs.evolve(r, means=set(r.means)), "type"),
    "means_member": (
        lambda r: attrs.evolve(r, means=r.means | {Sector.AGRICULTURE}),
        "type",
    ),
    "form_outside_ctdc": (
        lambda r: attrs.evolve(
            r, exploitation=r.exploitation | {ExploitationForm.ORGAN_REMOVAL}
        ),
        "enum",
    ),
    "recorded_no_member": (
        lambda r: attrs.evolve(r, recorded_no=r.recorded_no | {"threats"}),
        "type",
    ),
}


@settings(max_examples=examples(1.0))
@given(records(), st.sampled_from(sorted(VIOLATIONS)))
def test_each_kind_of_violation_is_always_refused(record: Record, kind: str) -> None:
    break_it, rule = VIOLATIONS[kind]
    with pytest.raises(ValidationError) as caught:
        break_it(record)
    assert rule in [problem.rule for problem in caught.value.problems]


@settings(max_examples=examples(0.5))
@given(ctdc_bands())
def test_any_band_reads_back_from_its_text(band: Band) -> None:
    assert _ctdc_columns._band(str(band), "a band") == band
