"""formats.htcds: HTCDS v2.0 records to and from the model, nothing lost silently."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from profiles import examples
from trafficking_model import (
    AgeGroup,
    Case,
    Defendant,
    Disposition,
    ExploitationForm,
    IdentificationStatus,
    OffenceType,
    Sex,
    Stakeholder,
    StakeholderKind,
    ValidationError,
    Victim,
    show_values,
    strategies,
)
from trafficking_model.formats import htcds
from trafficking_model.formats.htcds import Fidelity, from_htcds, to_htcds

DATA = Path(__file__).parents[2] / "data"
RECORDS = json.loads((DATA / "htcds" / "records.json").read_text(encoding="utf-8"))
CLASSES: dict[str, type[Any]] = {
    "victims": Victim,
    "defendants": Defendant,
    "cases": Case,
    "stakeholders": Stakeholder,
}
GIVEN: dict[type[Any], dict[str, object]] = {
    Victim: {"age_group": AgeGroup.UNKNOWN},
    Defendant: {"indicted": False, "disposition": Disposition.PENDING},
    Case: {
        "offence": OffenceType.TRAFFICKING_IN_PERSONS,
        "registered_on": __import__("datetime").date(2021, 1, 1),
    },
    Stakeholder: {},
}
MAPPED_CODE_LISTS = {
    "prs_Gender": Sex,
    "vic_TraffickingStatus": IdentificationStatus,
    "vic_TypeOfExploitation": ExploitationForm,
    "org_Type": StakeholderKind,
}


def test_the_shipped_field_list_is_the_standards() -> None:
    shipped = Path(htcds.__file__).parent / "data" / "htcds-field-standards-2.0.tsv"
    assert shipped.read_bytes() == (DATA / "htcds-field-standards-2.0.tsv").read_bytes()
    assert htcds.code_list("vic_TypeOfExploitation") == tuple(
        form.htcds for form in ExploitationForm if form.htcds
    ) or set(htcds.code_list("vic_TypeOfExploitation")) == {
        form.htcds for form in ExploitationForm if form.htcds
    }
    assert "per_Organisation" in htcds.field_names()
    assert htcds.code_list("vic_RelationshipToTrafficker") == (
        "Familial",
        "Acquainted",
        "Unaquainted",
    )


def test_code_list_of_a_field_without_one_is_refused() -> None:
    for name in ("prs_FirstName", "prs_Citizenship", "nope"):
        with pytest.raises(
            ValidationError, match="not an HTCDS field with a code list"
        ):
            htcds.code_list(name)


def test_the_fixture_holds_every_value_of_every_mapped_code_list() -> None:
    found: dict[str, set[str]] = {name: set() for name in MAPPED_CODE_LISTS}
    for records in RECORDS.values():
        for record in records:
            for name, value in record.items():
                if name in found:
                    items = value.split(";") if isinstance(value, str) else value
                    found[name].update([items] if isinstance(items, str) else items)
    for name, values in found.items():
        assert values == set(htcds.code_list(name)), name


def test_every_value_and_member_has_a_row_in_the_mapping_report() -> None:
    rows = htcds.mapping_report()
    for name, vocabulary in MAPPED_CODE_LISTS.items():
        values = {
            row.htcds
            for row in rows
            if row.htcds and row.htcds.startswith(name + " = ")
        }
        assert values == {f"{name} = {value}" for value in htcds.code_list(name)}
        for model in {
            row.model.split(" = ")[0] for row in rows if row.htcds == name if row.model
        }:
            members = {
                row.model
                for row in rows
                if row.model and row.model.startswith(model + " = ")
            }
            assert members == {f"{model} = {member.value}" for member in vocabulary}


def test_every_field_of_every_class_has_a_row() -> None:
    rows = {row.model for row in htcds.mapping_report()}
    for cls in CLASSES.values():
        for field in attrs.fields(cls):
            assert f"{cls.__name__}.{field.name}" in rows


def test_every_standard_field_of_the_five_sections_has_a_row() -> None:
    named = {(row.htcds or "").split(" = ")[0] for row in htcds.mapping_report()}
    for name in htcds.field_names():
        if name.startswith(("prs_", "vic_", "per_", "cas_", "org_")):
            assert name in named


def _fidelity(field: str, value: str) -> Fidelity:
    """How the value reads: the one row that reads it, if any does."""
    reading = {
        row.from_htcds
        for row in htcds.mapping_report()
        if row.htcds == f"{field} = {value}"
    } - {Fidelity.NONE}
    assert len(reading) <= 1
    return reading.pop() if reading else Fidelity.NONE


@pytest.mark.parametrize("section", sorted(RECORDS))
def test_fixture_records_lose_exactly_what_the_report_says(section: str) -> None:
    cls = CLASSES[section]
    for record in RECORDS[section]:
        lost: list[ValidationError] = []
        given = dict(GIVEN[cls])
        if cls is Victim and "vic_TypeOfExploitation" not in record:
            given["exploitation"] = frozenset()  # not a victim: none recorded
        obj = from_htcds(record, cls, given=given, on_error=lost.append)
        assert isinstance(obj, cls)
        reported = {
            (problem.path, problem.rule) for error in lost for problem in error.problems
        }
        expected = set()
        for name, value in record.items():
            path = f"$.{name}"
            if name in MAPPED_CODE_LISTS:
                items = value.split(";") if isinstance(value, str) else value
                for item in [items] if isinstance(items, str) else items:
                    fidelity = _fidelity(name, item)
                    if fidelity is Fidelity.LOSSY:
                        expected.add((path, "lossy"))
                    elif fidelity is Fidelity.NONE:
                        expected.add((path, "unmappable"))
            elif name == "vic_AgeWhenTrafficked":
                expected.add((path, "lossy"))
            elif name not in (
                "Id",
                "prs_Citizenship",
                "org_Name",
                "org_ShippingCountry",
            ):
                expected.add((path, "no_counterpart"))
        assert reported == expected, record["Id"]


def test_without_on_error_a_loss_raises() -> None:
    record = RECORDS["victims"][3]  # TransgenderMasculine
    with pytest.raises(ValidationError) as caught:
        from_htcds(record, Victim, given=GIVEN[Victim])
    assert [problem.rule for problem in caught.value.problems] == ["lossy"]


def test_an_exact_record_converts_without_a_word() -> None:
    record = RECORDS["victims"][0]
    victim = from_htcds(record, Victim, given={"age_group": AgeGroup.ADULT})
    assert victim.citizenship == {"UKR"}
    assert victim.sex is Sex.FEMALE
    written = to_htcds(victim, on_error=lambda error: None)
    assert written == {
        name: tuple(value) if isinstance(value, list) else value
        for name, value in record.items()
    }


def test_alpha_2_codes_are_read_as_alpha_3() -> None:
    victim = from_htcds(
        RECORDS["victims"][1], Victim, given=GIVEN[Victim], on_error=lambda e: None
    )
    assert victim.citizenship == {"PHL", "MYS"}
    assert victim.age_group_at_exploitation is AgeGroup.CHILD


def test_the_age_when_trafficked_is_checked() -> None:
    for age in (-1, 121, "15", True):
        with pytest.raises(ValidationError) as caught:
            from_htcds(
                {
                    "Id": "V",
                    "vic_AgeWhenTrafficked": age,
                    "prs_Gender": "Feminine",
                    "vic_TraffickingStatus": "NotAVictimOfTrafficking",
                },
                Victim,
                given=GIVEN[Victim],
            )
        assert [problem.rule for problem in caught.value.problems] == [
            "type",
            "required",  # the age group at exploitation is not read
        ]


def test_errors_of_the_record() -> None:
    with pytest.raises(ValidationError) as caught:
        from_htcds(
            {
                "Id": 7,
                "prs_Gendre": "Feminine",
                "org_Name": "X",
                "prs_Gender": "Female",
                "prs_Citizenship": ["XX"],
            },
            Victim,
            given={"colour": "red", "id": "V"},
        )
    assert [(problem.path, problem.rule) for problem in caught.value.problems] == [
        ("$.Id", "type"),
        ("$.prs_Gendre", "unknown_key"),
        ("$.org_Name", "unknown_key"),
        ("$.prs_Gender", "enum"),
        ("$.prs_Citizenship", "country_code"),
        ("$.colour", "unknown_key"),
        ("$.sex", "required"),
        ("$.age_group", "required"),
        ("$.exploitation", "required"),
        ("$.identification", "required"),
    ]


def test_personal_values_are_not_shown() -> None:
    record = {"Id": "V", "prs_FirstName": "Olena", "prs_Citizenship": ["Kyiv"]}
    with pytest.raises(ValidationError) as caught:
        from_htcds(record, Victim, given=GIVEN[Victim])
    assert "Olena" not in str(caught.value)
    assert "Kyiv" not in str(caught.value)
    with show_values(), pytest.raises(ValidationError, match="Kyiv"):
        from_htcds(record, Victim, given=GIVEN[Victim])


def test_the_model_object_still_checks_its_rules() -> None:
    record = {"Id": "D", "prs_Gender": "Masculine"}
    with pytest.raises(ValidationError, match="requires an indicted defendant"):
        from_htcds(
            record,
            Defendant,
            given={"indicted": False, "disposition": Disposition.FINE},
        )


def test_a_class_or_object_outside_the_four_is_refused() -> None:
    with pytest.raises(ValidationError, match="expected the class"):
        from_htcds({}, dict)  # type: ignore[type-var]
    with pytest.raises(ValidationError, match="expected a Victim"):
        to_htcds("V-1")  # type: ignore[arg-type]


def test_writing_what_has_no_counterpart_raises_by_default() -> None:
    stakeholder = Stakeholder(
        id="un", name="UNODC", kind=StakeholderKind.UN_SYSTEM, acronym="UNODC"
    )
    with pytest.raises(ValidationError) as caught:
        to_htcds(stakeholder)
    assert [(p.path, p.rule) for p in caught.value.problems] == [
        ("$.kind", "unmappable"),
        ("$.acronym", "no_counterpart"),
    ]
    lost: list[ValidationError] = []
    assert to_htcds(stakeholder, on_error=lost.append) == {
        "Id": "un",
        "org_Name": "UNODC",
    }


@pytest.mark.parametrize("member", list(StakeholderKind))
def test_each_kind_is_written_as_the_report_says(member: StakeholderKind) -> None:
    [row] = [
        row
        for row in htcds.mapping_report()
        if row.model == f"Stakeholder.kind = {member.value}"
        and (row.to_htcds is not Fidelity.NONE or row.htcds is None)
    ]
    lost: list[ValidationError] = []
    record = to_htcds(Stakeholder(id="s", name="S", kind=member), on_error=lost.append)
    rules = [problem.rule for error in lost for problem in error.problems]
    if row.to_htcds is Fidelity.EXACT:
        assert rules == []
        assert f"org_Type = {record['org_Type']}" == row.htcds
    elif row.to_htcds is Fidelity.LOSSY:
        assert rules == ["lossy"]
    else:
        assert rules == ["unmappable"]
        assert "org_Type" not in record


def _htcds_field(cls: type[Any], name: str) -> str | None:
    for row in htcds.mapping_report():
        if row.model == f"{cls.__name__}.{name}":
            return row.htcds
    raise AssertionError(name)


@settings(max_examples=examples(0.5))
@given(
    st.one_of(
        strategies.victims(),
        strategies.defendants(),
        strategies.cases(),
        strategies.stakeholders(),
    )
)
def test_what_is_written_without_loss_reads_back_the_same(obj: Any) -> None:
    lost: list[ValidationError] = []
    record = to_htcds(obj, on_error=lost.append)
    lossy = {p.path.removeprefix("$.") for error in lost for p in error.problems}
    json.dumps(record)  # a record is plain JSON
    given: dict[str, object] = {}
    for field in attrs.fields(type(obj)):
        name = _htcds_field(type(obj), field.name)
        if field.name in lossy or name is None or name not in record:
            given[field.name] = getattr(obj, field.name)
            record.pop(name or "", None)  # what was written with loss
    back_lost: list[ValidationError] = []
    back = from_htcds(record, type(obj), given=given, on_error=back_lost.append)
    assert back == obj
    assert back_lost == []


def _rendered_report() -> str:
    lines = [
        "| Model | HTCDS | To HTCDS | From HTCDS | Note |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines.extend(
        "| {} | {} | {} | {} | {} |".format(
            f"`{row.model}`" if row.model else "—",
            f"`{row.htcds}`" if row.htcds else "—",
            row.to_htcds.value,
            row.from_htcds.value,
            row.note,
        )
        for row in htcds.mapping_report()
    )
    return "\n".join(lines)


def test_the_reference_page_shows_the_mapping_report() -> None:
    page = Path(__file__).parents[3] / "docs" / "reference" / "htcds.md"
    assert _rendered_report() + "\n" in page.read_text(encoding="utf-8")
