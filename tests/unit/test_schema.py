"""JSON Schema: valid for draft 2020-12, current on disk, and in step with the loader."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import trafficking_model as tm
from profiles import examples
from serialization_helpers import CLASS_IDS, DATA_CLASSES, MODEL_CLASSES, STRATEGIES
from trafficking_model import CountryReport, Figure, Sex, ValidationError, json_schema
from trafficking_model.__main__ import main
from trafficking_model._models import MODEL_CLASSES_BY_NAME
from trafficking_model._schema_files import schema_file_name as _schema_file_name
from trafficking_model._schema_files import schema_text as _schema_text
from trafficking_model._validation import (
    COUNTRY_CODES,
    CURRENCY_CODES,
    ISO_COUNTRY_CODES,
    USER_ASSIGNED_COUNTRY_CODES,
)
from trafficking_model.formats import ctdc, glotip, htcds

SCHEMAS = Path(__file__).parents[2] / "schemas"


def validator(cls: type[Any]) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(tm.json_schema(cls))


def test_every_public_model_class_has_a_schema() -> None:
    assert set(MODEL_CLASSES_BY_NAME.values()) == set(MODEL_CLASSES)


@pytest.mark.parametrize("cls", DATA_CLASSES, **CLASS_IDS)
def test_the_schema_is_valid_draft_2020_12(cls: type[Any]) -> None:
    schema = tm.json_schema(cls)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == cls.__name__
    assert schema["description"]
    assert schema["additionalProperties"] is False
    for definition in schema.get("$defs", {}).values():
        assert definition["description"]
        if definition["type"] == "object":
            assert definition["additionalProperties"] is False


@pytest.mark.parametrize("cls", MODEL_CLASSES, **CLASS_IDS)
def test_the_schema_files_are_current(cls: type[Any]) -> None:
    """Regenerate with: python -m trafficking_model schema --write schemas"""
    path = SCHEMAS / _schema_file_name(cls)
    assert path.read_text(encoding="utf-8") == _schema_text(cls)


def test_no_stale_schema_files() -> None:
    expected = {_schema_file_name(cls) for cls in MODEL_CLASSES}
    assert {path.name for path in SCHEMAS.glob("*.json")} == expected


def test_the_command_line_writes_the_same_files(tmp_path: Path) -> None:
    assert main(["schema", "--write", str(tmp_path)]) == 0
    for cls in MODEL_CLASSES:
        name = _schema_file_name(cls)
        assert (tmp_path / name).read_text(encoding="utf-8") == _schema_text(cls)


def test_codes_and_vocabularies_come_from_their_sources() -> None:
    report = tm.json_schema(tm.CountryReport)
    codes = report["$defs"]["CountryCode"]["anyOf"]
    assert codes[0]["enum"] == sorted(ISO_COUNTRY_CODES)
    country = jsonschema.Draft202012Validator(
        {"$defs": report["$defs"], "$ref": "#/$defs/CountryCode"}
    )
    assert country.is_valid("XZZ")
    assert not country.is_valid("XZZ\n")
    assert not country.is_valid("QZZ")
    assert COUNTRY_CODES == ISO_COUNTRY_CODES | USER_ASSIGNED_COUNTRY_CODES
    assert report["$defs"]["TipTier"]["enum"] == [tier.value for tier in tm.TipTier]
    assert "AZE" in codes[0]["enum"]
    money = tm.json_schema(tm.Money)
    assert money["$defs"]["CurrencyCode"]["enum"] == sorted(CURRENCY_CODES)
    assert "AZN" in money["$defs"]["CurrencyCode"]["enum"]


def test_descriptions_come_from_docstrings_and_state_cross_field_rules() -> None:
    outcome = tm.json_schema(tm.ProsecutionOutcome)
    assert outcome["description"].startswith("The prosecution funnel")
    assert "sentenced + acquitted <= indicted <= defendants" in outcome["description"]
    assert outcome["properties"]["indicted"]["description"].startswith("Of those")
    victim = tm.json_schema(tm.Victim)
    assert "under 18 is a child" in victim["properties"]["age_group"]["description"]
    statistics = tm.json_schema(tm.VictimStatistics)
    assert "sums to `total`" in statistics["description"]


def test_bounds_and_required_fields() -> None:
    victim = tm.json_schema(tm.Victim)
    # a person screened as not a victim may have no form of exploitation
    assert "minItems" not in victim["properties"]["exploitation"]
    measure = tm.json_schema(tm.Measure)
    assert measure["properties"]["responsible"]["minItems"] == 1
    assert victim["properties"]["age"]["anyOf"][0] == {
        "type": "integer",
        "minimum": 0,
        "maximum": 120,
    }
    figures = tm.json_schema(tm.LawEnforcementFigures)
    assert figures["properties"]["year"]["minimum"] == 1900
    assert figures["properties"]["convictions"] == {
        "description": "People convicted.",
        "anyOf": [
            {"type": "integer", "minimum": 0},
            {"$ref": "#/$defs/Count"},
            {"type": "null"},
        ],
        "default": None,
    }
    assert figures["$defs"]["Count"]["required"] == ["low"]
    defendant = tm.json_schema(tm.Defendant)
    assert defendant["required"] == ["id", "sex", "indicted", "disposition"]


def test_a_class_that_is_not_a_model_is_refused() -> None:
    with pytest.raises(tm.ValidationError) as caught:
        tm.json_schema(dict)
    assert [problem.rule for problem in caught.value.problems] == ["unsupported_type"]


def test_a_result_class_is_refused_with_a_validation_error() -> None:
    # A line of the mapping report is a result, never read as data: no schema,
    # and the library's error, not a bare TypeError.
    with pytest.raises(tm.ValidationError) as caught:
        tm.json_schema(htcds.MappingRow)
    assert type(caught.value) is tm.ValidationError
    assert [problem.rule for problem in caught.value.problems] == ["unsupported_type"]


def test_the_format_records_have_schemas() -> None:
    record = tm.json_schema(ctdc.Record)
    assert record["required"] == []
    country = record["properties"]["country_of_exploitation"]["anyOf"][0]
    assert country == {"$ref": "#/$defs/CountryCode"}
    assert record["properties"]["recorded_no"]["properties"]["Means"] == {
        "type": "array",
        "items": {"$ref": "#/$defs/Means"},
    }
    assert record["properties"]["recorded_no"]["additionalProperties"] is False
    assert record["$defs"]["Band"]["required"] == ["low"]
    row = tm.json_schema(glotip.GlotipRow)
    assert row["properties"]["country"]["type"] == "string"
    assert "$ref" not in row["properties"]["country"]  # a name, not a code
    assert row["properties"]["year"]["minimum"] == 1900


@pytest.mark.parametrize("cls", DATA_CLASSES, **CLASS_IDS)
@settings(max_examples=examples(0.8), deadline=None)
@given(data=st.data())
def test_every_valid_instance_validates(cls: type[Any], data: st.DataObject) -> None:
    obj = data.draw(STRATEGIES[cls])
    validator(cls).validate(json.loads(tm.to_json(obj)))


# ---------------------------------------------------------------------------
# Wrong type, missing required field, extra key: both the schema and the loader
# ---------------------------------------------------------------------------


def _wrong_value(value: Any) -> Any:
    """A JSON value of another type than `value`."""
    if isinstance(value, str):
        return 12345
    if isinstance(value, bool):
        return "true"
    if isinstance(value, (int, float)):
        return "7"
    return "not an object" if isinstance(value, (dict, list)) else {"x": 1}


def _both_reject(cls: type[Any], data: Any) -> None:
    assert list(validator(cls).iter_errors(data)), "the schema accepts it"
    with pytest.raises(tm.ValidationError):
        tm.from_json(json.dumps(data), cls)


@pytest.mark.parametrize("cls", DATA_CLASSES, **CLASS_IDS)
@settings(max_examples=examples(0.4), deadline=None)
@given(data=st.data())
def test_a_wrong_type_is_rejected_by_both(cls: type[Any], data: st.DataObject) -> None:
    document = tm.to_dict(data.draw(STRATEGIES[cls]))
    field = data.draw(st.sampled_from(sorted(document)))
    changed = copy.deepcopy(document)
    changed[field] = _wrong_value(document[field])
    _both_reject(cls, changed)


@pytest.mark.parametrize(
    "cls",
    [cls for cls in DATA_CLASSES if tm.json_schema(cls)["required"]],
    **CLASS_IDS,
)
@settings(max_examples=examples(0.4), deadline=None)
@given(data=st.data())
def test_a_missing_required_field_is_rejected_by_both(
    cls: type[Any], data: st.DataObject
) -> None:
    document = tm.to_dict(data.draw(STRATEGIES[cls]))
    field = data.draw(st.sampled_from(tm.json_schema(cls)["required"]))
    del document[field]
    _both_reject(cls, document)


@pytest.mark.parametrize("cls", DATA_CLASSES, **CLASS_IDS)
@settings(max_examples=examples(0.4), deadline=None)
@given(data=st.data(), key=st.text(max_size=10))
def test_an_extra_key_is_rejected_by_both(
    cls: type[Any], data: st.DataObject, key: str
) -> None:
    document = tm.to_dict(data.draw(STRATEGIES[cls]))
    if key in document:
        key += "_extra"
    document[key] = None
    _both_reject(cls, document)


def test_an_extra_key_deep_inside_is_rejected_by_both() -> None:
    document = tm.to_dict(tm.examples.azerbaijan_report_2020_2021())
    document["victims"]["by_sex"]["nonbinary"] = 0
    _both_reject(tm.CountryReport, document)
    document = tm.to_dict(tm.examples.azerbaijan_nap_2020_2024())
    document["stakeholders"][3]["website"] = "https://example.org"
    _both_reject(tm.NationalActionPlan, document)


def test_a_users_own_class_of_model_types_has_a_schema() -> None:
    # A user's class declares no field kinds: its types say what it holds.
    @attrs.frozen
    class Batch:
        label: str
        reports: tuple[CountryReport, ...]
        sexes: frozenset[Sex]
        total: Figure = None
        received: dt.date | None = None

    schema = json_schema(Batch)
    assert schema["properties"]["label"] == {"type": "string"}
    assert schema["properties"]["reports"] == {
        "type": "array",
        "items": {"$ref": "#/$defs/CountryReport"},
    }
    assert schema["properties"]["sexes"]["items"] == {"$ref": "#/$defs/Sex"}
    assert schema["properties"]["received"]["anyOf"][1] == {"type": "null"}
    assert schema["required"] == ["label", "reports", "sexes"]
    assert "CountryReport" in schema["$defs"]


def test_a_users_class_with_a_type_outside_the_model_has_no_schema() -> None:
    @attrs.frozen
    class Notes:
        notes: dict[str, str]

    with pytest.raises(ValidationError) as caught:
        json_schema(Notes)
    assert caught.value.problems[0].rule == "unsupported_type"


@pytest.mark.parametrize("cls", [tm.Ratio, tm.Comparison, tm.Problem], **CLASS_IDS)
def test_results_have_no_schema(cls: type[Any]) -> None:
    with pytest.raises(ValidationError) as caught:
        json_schema(cls)
    assert [problem.rule for problem in caught.value.problems] == ["unsupported_type"]
