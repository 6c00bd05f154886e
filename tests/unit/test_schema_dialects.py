"""The shipped JSON Schemas and the model agree on every string rule, in both dialects.

JSON Schema specifies ECMA-262 regular expressions; Python's `jsonschema` runs
patterns with `re`. The two differ where it matters here: `$` in Python also
matches before a final newline, and `\\s` is a different set of characters in
each. The shipped schemas (the files in `schemas/`) are run under both: through
`jsonschema` as it is, and through `jsonschema` with its `pattern` keyword
evaluated by `regress`, an ECMA-262 implementation. For every string rule, the
schema in either dialect accepts a value exactly when the model does, except
where the model checks more than a pattern can (a real calendar date).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import regress
from jsonschema import validators

import trafficking_model as tm
from trafficking_model._validation import WHITESPACE

SCHEMAS = Path(__file__).parents[2] / "schemas"


@cache
def _ecma(pattern: str) -> regress.Regex:
    return regress.Regex(pattern)


def _ecma_pattern(
    validator: Any, pattern: str, instance: object, schema: dict[str, Any]
) -> Any:
    if validator.is_type(instance, "string") and _ecma(pattern).find(instance) is None:
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


EcmaValidator = validators.extend(
    jsonschema.Draft202012Validator, {"pattern": _ecma_pattern}
)
DIALECTS = {
    "python": jsonschema.Draft202012Validator,
    "ecma-262": EcmaValidator,
}


def schema_accepts(dialect: str, cls: type[Any], document: object) -> bool:
    schema = json.loads(
        (SCHEMAS / f"{cls.__name__}.schema.json").read_text(encoding="utf-8")
    )
    return DIALECTS[dialect](schema).is_valid(document)


def model_accepts(cls: type[Any], document: object) -> bool:
    try:
        tm.from_dict(document, cls)
    except tm.ValidationError:
        return False
    return True


VICTIM: dict[str, Any] = {
    "id": "V-1",
    "sex": "female",
    "age_group": "adult",
    "exploitation": ["sexual"],
    "identification": "presumed",
}
STAKEHOLDER: dict[str, Any] = {"id": "police", "name": "Police", "kind": "other"}
MONEY: dict[str, Any] = {"amount": "150000.00", "currency": "AZN"}

EDGES = sorted(set(WHITESPACE) | {"\ufeff", "\u200b", "\u180e", "\x00", "x", "\xad"})
IDENTIFIERS = [
    "V-1",
    "V-1\n",
    "\nV-1",
    "V-1\r\n",
    "V 1",
    "V\n1",
    "\ufeffV-1",
    "V-1\ufeff",
    "",
    "😀",
    " 😀",
    *(f"{edge}V-1" for edge in EDGES),
    *(f"V-1{edge}" for edge in EDGES),
    *EDGES,
    *(edge * 3 for edge in EDGES),
]
TEXTS = ["Police", "", "  ", "\n", "\ufeff", "a\n", *EDGES, *(f" {e} " for e in EDGES)]
DATES = [
    "2021-01-01",
    "2021-01-01\n",
    "2021-01-01 ",
    " 2021-01-01",
    "\n2021-01-01",
    "2021-1-01",
    "2021-01-01\ufeff",
]
AMOUNTS = ["150000.00", "150000.00\n", "0", "-0", "1e3", "1e3\n", " 1", "1 ", "-1"]


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("value", IDENTIFIERS, ids=ascii)
def test_identifiers(dialect: str, value: str) -> None:
    document = {**VICTIM, "id": value}
    assert schema_accepts(dialect, tm.Victim, document) == model_accepts(
        tm.Victim, document
    )


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("value", TEXTS, ids=ascii)
def test_texts(dialect: str, value: str) -> None:
    document = {**STAKEHOLDER, "name": value}
    assert schema_accepts(dialect, tm.Stakeholder, document) == model_accepts(
        tm.Stakeholder, document
    )


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("value", DATES, ids=ascii)
def test_dates(dialect: str, value: str) -> None:
    document = {**VICTIM, "identified_on": value}
    assert schema_accepts(dialect, tm.Victim, document) == model_accepts(
        tm.Victim, document
    )


@pytest.mark.parametrize("dialect", DIALECTS)
def test_the_model_checks_the_calendar_the_schema_cannot(dialect: str) -> None:
    document = {**VICTIM, "identified_on": "2021-02-30"}
    assert schema_accepts(dialect, tm.Victim, document)
    assert not model_accepts(tm.Victim, document)


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("value", AMOUNTS, ids=ascii)
def test_amounts(dialect: str, value: str) -> None:
    document = {**MONEY, "amount": value}
    assert schema_accepts(dialect, tm.Money, document) == model_accepts(
        tm.Money, document
    )


def test_the_model_whitespace_is_str_isspace() -> None:
    # One definition on both sides: the schema spells out exactly these.
    assert set(WHITESPACE) == {
        chr(code) for code in range(0x110000) if chr(code).isspace()
    }


def test_the_old_patterns_disagreed() -> None:
    # What the issue found, so that the tests above are known to be able to fail.
    assert _ecma(r"^\S(?:[\s\S]*\S)?$").find("\ufeffV-1") is None
    assert "\ufeffV-1".strip() == "\ufeffV-1"
