"""Every model field declares its kind once, and the kind agrees with its type."""

from __future__ import annotations

import datetime as dt
import functools
import operator
import typing
from collections.abc import Mapping
from decimal import Decimal
from enum import Enum
from typing import Any

import attrs
import pytest

import trafficking_model as tm
from trafficking_model._fields import KIND, Kind, kind_of
from trafficking_model._models import DATA_CLASSES
from trafficking_model._validation import MAX_AGE
from trafficking_model.counts import Count, Figure
from trafficking_model.formats import ctdc
from trafficking_model.schema import _kind_schema
from trafficking_model.statistics import FIRST_YEAR, LAST_YEAR
from trafficking_model.tiers import FIRST_TIP_REPORT


def _reachable() -> list[type[Any]]:
    """The model classes, the format records, and every class they nest."""
    roots = list(DATA_CLASSES)
    seen: dict[type[Any], None] = {}
    while roots:
        cls = roots.pop()
        if cls in seen:
            continue
        seen[cls] = None
        for field in attrs.fields(cls):
            kind = field.metadata.get(KIND)
            while kind is not None:
                roots.extend(c for c in kind.of if attrs.has(c))
                kind = kind.item
    return sorted(seen, key=lambda cls: cls.__name__)


CLASSES = _reachable()
FIELDS = [(cls, field) for cls in CLASSES for field in attrs.fields(cls)]
FIELD_IDS = [f"{cls.__name__}.{field.name}" for cls, field in FIELDS]

_SCALAR_TYPES: dict[str, object] = {
    "identifier": str,
    "text": str,
    "cell": str,
    "country": str,
    "currency": str,
    "integer": int,
    "number": float,
    "boolean": bool,
    "date": dt.date,
    "amount": Decimal,
    "figure": Figure,
}


def _python_type(kind: Kind) -> object:
    """The annotation a field of `kind` has."""
    if kind.name in _SCALAR_TYPES:
        type_ = _SCALAR_TYPES[kind.name]
    elif kind.name in ("member", "nested"):
        (type_,) = kind.of
    elif kind.name == "set":
        assert kind.item is not None
        type_ = frozenset[_python_type(kind.item)]  # type: ignore[misc]
    elif kind.name == "tuple":
        assert kind.item is not None
        type_ = tuple[_python_type(kind.item), ...]  # type: ignore[misc]
    elif kind.name == "flags":
        type_ = frozenset[functools.reduce(operator.or_, kind.of)]  # type: ignore[misc]
    elif kind.name == "breakdown":
        assert kind.item is not None
        (vocabulary,) = kind.of
        type_ = Mapping[vocabulary, _python_type(kind.item)]  # type: ignore[misc, valid-type]
    else:
        assert kind.name == "names"
        type_ = frozenset[str]
    return type_ | None if kind.optional else type_  # type: ignore[operator]


def test_the_model_classes_and_the_records_are_all_covered() -> None:
    names = {cls.__name__ for cls in CLASSES}
    assert {
        "Victim",
        "Count",
        "Money",
        "Period",
        "Record",
        "Band",
        "GlotipRow",
    } <= names
    assert len(FIELDS) > 150


@pytest.mark.parametrize(("cls", "field"), FIELDS, ids=FIELD_IDS)
def test_every_field_declares_a_kind_that_matches_its_type(
    cls: type[Any], field: attrs.Attribute[Any]
) -> None:
    kind = kind_of(field)
    assert typing.get_type_hints(cls)[field.name] == _python_type(kind)


@pytest.mark.parametrize(("cls", "field"), FIELDS, ids=FIELD_IDS)
def test_each_kind_names_what_it_needs(
    cls: type[Any], field: attrs.Attribute[Any]
) -> None:
    kind = kind_of(field)
    parts = [kind] if kind.item is None else [kind, kind.item]
    for part in parts:
        if part.name in ("member", "flags", "breakdown"):
            assert part.of
            assert all(issubclass(vocabulary, Enum) for vocabulary in part.of)
        elif part.name == "nested":
            assert len(part.of) == 1
            assert attrs.has(part.of[0])
        else:
            assert part.of == ()
        assert (part.item is not None) == (part.name in ("set", "tuple", "breakdown"))
        assert bool(part.allowed) == (part.name == "names")
        if part.name != "integer":
            assert part.high is None
    # The default agrees with the kind: None only where it is allowed.
    if field.default is None:
        assert kind.optional


_JSON_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean"}


@pytest.mark.parametrize(("cls", "field"), FIELDS, ids=FIELD_IDS)
def test_each_kind_schema_matches_the_field_type(
    cls: type[Any], field: attrs.Attribute[Any]
) -> None:
    kind = kind_of(field)
    definitions: dict[str, Any] = {}
    schema = _kind_schema(kind, definitions)
    if kind.optional and kind.name != "figure":
        assert schema["anyOf"][1] == {"type": "null"}
        schema = schema["anyOf"][0]
    type_ = _SCALAR_TYPES.get(kind.name)
    if kind.name in ("country", "currency"):
        assert definitions[schema["$ref"].rsplit("/", 1)[1]]["type"] == "string"
    elif type_ in _JSON_TYPES:
        assert schema["type"] == _JSON_TYPES[type_]
    elif type_ in (dt.date, Decimal):
        assert schema["type"] == "string"
    elif kind.name in ("member", "nested"):
        assert schema == {"$ref": f"#/$defs/{kind.of[0].__name__}"}
    elif kind.name in ("set", "tuple", "names"):
        assert schema["type"] == "array"
        assert schema.get("minItems", 0) == kind.at_least
    elif kind.name in ("flags", "breakdown"):
        assert schema["type"] == "object"
    if kind.name == "integer":
        assert schema.get("minimum") == kind.low
        assert schema.get("maximum") == kind.high


def test_a_field_without_a_kind_has_none() -> None:
    @attrs.frozen
    class Bare:
        name: str

    with pytest.raises(LookupError, match="'name' declares no kind"):
        kind_of(attrs.fields(Bare).name)
    # The schema of a user's own class takes the kind from the type instead.
    assert tm.json_schema(Bare)["properties"]["name"] == {"type": "string"}


def test_bounds_are_the_model_constants() -> None:
    assert kind_of(attrs.fields(tm.Victim).age).high == MAX_AGE
    year = kind_of(attrs.fields(tm.LawEnforcementFigures).year)
    assert (year.low, year.high) == (FIRST_YEAR, LAST_YEAR)
    report_year = kind_of(attrs.fields(tm.TierPlacement).report_year)
    assert (report_year.low, report_year.high) == (FIRST_TIP_REPORT, LAST_YEAR)
    responsible = kind_of(attrs.fields(tm.Measure).responsible)
    assert responsible.at_least == 1


def _valid() -> dict[type[Any], object]:
    history = tm.examples.azerbaijan_tier_history()
    victim = tm.Victim(
        id="V-1",
        sex=tm.Sex.FEMALE,
        age=30,
        age_group=tm.AgeGroup.ADULT,
        exploitation=frozenset({tm.ExploitationForm.SEXUAL}),
        identification=tm.IdentificationStatus.PRESUMED,
    )
    defendant = tm.Defendant(
        id="D-1",
        sex=tm.Sex.MALE,
        indicted=True,
        disposition=tm.Disposition.IMPRISONMENT,
        sentence_months=12,
    )
    return {
        tm.Victim: victim,
        tm.Defendant: defendant,
        tm.Count: Count(1, 4),
        tm.TierPlacement: history.placements[0],
        tm.LawEnforcementFigures: tm.LawEnforcementFigures(year=2020),
        ctdc.Record: ctdc.Record(year=2020),
    }


@pytest.mark.parametrize(
    ("cls", "name"),
    [
        (tm.Victim, "age"),
        (tm.Defendant, "sentence_months"),
        (tm.Count, "low"),
        (tm.Count, "high"),
        (tm.TierPlacement, "report_year"),
        (tm.LawEnforcementFigures, "year"),
        (ctdc.Record, "year"),
    ],
)
def test_a_value_just_outside_the_bounds_breaks_the_declared_rule(
    cls: type[Any], name: str
) -> None:
    """What a mutator will do: read the kind, step outside it, expect its rule."""
    kind = kind_of(attrs.fields_dict(cls)[name])
    valid = _valid()[cls]
    outside = [kind.low - 1] if kind.low is not None else []
    outside += [kind.high + 1] if kind.high is not None else []
    assert outside
    for value in outside:
        with pytest.raises(tm.ValidationError) as caught:
            attrs.evolve(valid, **{name: value})  # type: ignore[misc]
        assert kind.rule in [problem.rule for problem in caught.value.problems]
