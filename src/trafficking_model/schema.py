"""JSON Schema (draft 2020-12) for the JSON form of every model class.

The schema states what JSON Schema can: types, enums, required fields, no other
keys (`additionalProperties: false`), bounds, and enums of the ISO 3166-1 and
ISO 4217 codes taken from the `iso3166` and `iso4217` packages. Each class's
description comes from its docstring, which also states the rules across fields
that JSON Schema cannot express, such as "the breakdown sums to the total". The
loader checks those too, so a document the schema accepts can still be refused
by [`from_json`][trafficking_model.from_json], never the other way round.

The schemas are also in the repository's `schemas/` folder, one file per class,
for users of other languages; `python -m trafficking_model schema --write
schemas` regenerates them.
"""

from __future__ import annotations

import datetime as dt
import enum
import inspect
import json
import re
import types
import typing
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from trafficking_model._figures import NAMES
from trafficking_model._validation import (
    CURRENCY_CODES,
    ISO_COUNTRY_CODES,
    MAX_AGE,
    UNSUPPORTED_TYPE,
    WHITESPACE,
)
from trafficking_model.counts import Count, Figure
from trafficking_model.errors import Problem, ValidationError
from trafficking_model.formats._glotip_rows import GlotipRow
from trafficking_model.statistics import FIRST_YEAR, LAST_YEAR
from trafficking_model.tiers import FIRST_TIP_REPORT

__all__ = ["json_schema"]

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# Patterns mean the same in Python's `re` and in ECMA-262, the dialect JSON
# Schema names: whitespace is spelled out as the model's own set (`\s` differs
# between the two), and the end is `(?![\s\S])`, "nothing follows", since `$`
# in Python also matches before a final newline.
_END = r"(?![\s\S])"


def _class(characters: str, *, negate: bool = False) -> str:
    r"""A regex character class of `characters`, written as `\uXXXX` escapes.

    Example:
        >>> _class("\t\n\x0b ", negate=True)
        '[^\\u0009-\\u000b\\u0020]'
    """
    codes = sorted(ord(character) for character in characters)
    runs: list[list[int]] = []
    for code in codes:
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    parts = [
        f"\\u{low:04x}" if low == high else f"\\u{low:04x}-\\u{high:04x}"
        for low, high in runs
    ]
    return f"[{'^' if negate else ''}{''.join(parts)}]"


_NOT_SPACE = _class(WHITESPACE, negate=True)
# A string with something other than whitespace at both ends.
IDENTIFIER_PATTERN = rf"^{_NOT_SPACE}(?:[\s\S]*{_NOT_SPACE})?{_END}"
# A string with something other than whitespace in it.
TEXT_PATTERN = _NOT_SPACE
DATE_PATTERN = rf"^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}{_END}"
# A decimal number that is not negative (minus zero is zero), as a string.
AMOUNT_PATTERN = (
    r"^(?:-?0(?:\.0+)?|(?:0|[1-9][0-9]*)(?:\.[0-9]+)?)(?:[eE][+-]?[0-9]+)?" + _END
)

_IDENTIFIERS = frozenset(
    {
        "id",
        "identified_by",
        "organizer",
        "funder",
        "responsible",
        "partners",
        "participants",
        "victim_ids",
        "measure",
        "indicator",
        "objective",
        "plan",
    }
)
_TEXTS = frozenset(
    {
        "name",
        "title",
        "description",
        "unit",
        "summary",
        "legal_reference",
        "acronym",
        "source",
        "funding_source",
        "verification",
    }
)
_COUNTRIES = frozenset({"country", "citizenship", "country_of_exploitation"})
_CURRENCIES = frozenset({"currency"})
_INT_BOUNDS: dict[str, dict[str, int]] = {
    "age": {"minimum": 0, "maximum": MAX_AGE},
    "sentence_months": {"minimum": 1},
    "year": {"minimum": FIRST_YEAR, "maximum": LAST_YEAR},
    "report_year": {"minimum": FIRST_TIP_REPORT, "maximum": LAST_YEAR},
}
_AT_LEAST_ONE = frozenset({"responsible"})
_ANY_TEXT: dict[str, Any] = {"type": "string"}
# Fields whose schema their name alone does not give: a GLOTIP row keeps the
# published text of every cell as it is, blank or not, and any line number.
_FIELD_SCHEMAS: dict[type[Any], dict[str, dict[str, Any]]] = {
    GlotipRow: {
        **dict.fromkeys(
            (
                "iso3_code",
                "country",
                "region",
                "subregion",
                "indicator",
                "dimension",
                "category",
                "sex",
                "age",
                "unit",
                "source",
            ),
            _ANY_TEXT,
        ),
        "year": {"type": "integer", "minimum": 1900, "maximum": 2100},
        "line": {"anyOf": [{"type": "integer"}, {"type": "null"}]},
    },
}


def json_schema(cls: type[Any]) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the JSON form of a model class.

    Nested classes and vocabularies are in `$defs`, referred to by `$ref`.

    Args:
        cls: A model class, such as `CountryReport` or `Victim`.

    Returns:
        The schema, as JSON-ready data.

    Raises:
        ValidationError: If `cls` is not an attrs class made of the model's
            types (rule `unsupported_type`).

    Example:
        >>> from trafficking_model import Victim
        >>> schema = json_schema(Victim)
        >>> schema["$schema"]
        'https://json-schema.org/draft/2020-12/schema'
        >>> schema["required"]
        ['id', 'sex', 'age_group', 'exploitation', 'identification']
        >>> schema["properties"]["age"]["anyOf"]
        [{'type': 'integer', 'minimum': 0, 'maximum': 120}, {'type': 'null'}]
        >>> schema["additionalProperties"]
        False
        >>> json_schema(dict)
        Traceback (most recent call last):
        ...
        trafficking_model.errors.ValidationError: $: json_schema needs an attrs model class, got <class 'dict'>
    """
    if not attrs.has(cls):
        raise _unsupported(f"json_schema needs an attrs model class, got {cls!r}")
    definitions: dict[str, Any] = {}
    top = _class_schema(cls, definitions)
    definitions.pop(cls.__name__, None)
    schema: dict[str, Any] = {"$schema": DRAFT, **top}
    if definitions:
        schema["$defs"] = dict(sorted(definitions.items()))
    return schema


RESULT_MODULES = frozenset(
    {"trafficking_model.ratios", "trafficking_model.comparisons"}
)
"""Modules of result classes (ratios, comparisons): computed, never read as data."""


def _unsupported(message: str) -> ValidationError:
    return ValidationError([Problem(path="$", message=message, rule=UNSUPPORTED_TYPE)])


def _model_classes() -> dict[str, type[Any]]:
    """Every public model class, by name: the classes with a schema file."""
    import trafficking_model

    classes = {}
    for name in trafficking_model.__all__:
        value = getattr(trafficking_model, name)
        if (
            isinstance(value, type)
            and attrs.has(value)
            and name != "Problem"
            and value.__module__ not in RESULT_MODULES
        ):
            classes[name] = value
    return classes


def _schema_text(cls: type[Any]) -> str:
    """The schema of `cls` as the text of its file in `schemas/`."""
    return json.dumps(json_schema(cls), indent=2, ensure_ascii=False) + "\n"


def _schema_file_name(cls: type[Any]) -> str:
    return f"{cls.__name__}.schema.json"


def _class_schema(cls: type[Any], definitions: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    descriptions = _attribute_descriptions(cls)
    overrides = _FIELD_SCHEMAS.get(cls, {})
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        names = field.metadata.get(NAMES)
        if field.name in overrides:
            schema = dict(overrides[field.name])
        elif names is None:
            schema = _field_schema(field.name, hints[field.name], definitions)
        else:
            schema = {"type": "array", "items": {"enum": sorted(names)}}
        description = descriptions.get(field.name)
        if description:
            schema = {"description": description, **schema}
        if field.default is attrs.NOTHING:
            required.append(field.name)
        else:
            default = _json_default(field.default)
            if default is not _NO_DEFAULT:
                schema["default"] = default
        properties[field.name] = schema
    return {
        "title": cls.__name__,
        "description": _class_description(cls),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


_NO_DEFAULT = object()


def _json_default(default: object) -> object:
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        factory = typing.cast("Any", default)
        if factory.takes_self:
            return _NO_DEFAULT
        default = factory.factory()
    if default is None or type(default) in (int, float, str, bool):
        return default
    if isinstance(default, (frozenset, tuple, list)) and not default:
        return []
    if isinstance(default, Mapping) and not default:
        return {}
    return _NO_DEFAULT  # pragma: no cover - no model has another default


def _field_schema(  # noqa: PLR0911
    name: str, type_: object, definitions: dict[str, Any]
) -> dict[str, Any]:
    args = typing.get_args(type_)
    if type_ == Figure:
        return _figure_schema(definitions)
    if len(args) == 2 and type(None) in args:
        inner = next(arg for arg in args if arg is not type(None))
        return {"anyOf": [_field_schema(name, inner, definitions), {"type": "null"}]}
    origin = typing.get_origin(type_)
    if origin is frozenset and _is_enum_union(args[0]):
        return _flag_set_schema(args[0], definitions)
    if origin in (frozenset, tuple):
        array: dict[str, Any] = {
            "type": "array",
            "items": _field_schema(name, args[0], definitions),
        }
        if name in _AT_LEAST_ONE:
            array["minItems"] = 1
        return array
    if origin is Mapping and args and _is_enum(args[0]):
        return {
            "type": "object",
            "properties": {
                member.value: _field_schema(member.value, args[1], definitions)
                for member in args[0]
            },
            "additionalProperties": False,
        }
    if isinstance(type_, type) and _is_enum(type_):
        return _reference(type_, definitions)
    if isinstance(type_, type) and attrs.has(type_):
        return _reference(type_, definitions)
    if type_ is str and name in _COUNTRIES:
        return _code_list("CountryCode", _COUNTRY_CODES, definitions)
    if type_ is str and name in _CURRENCIES:
        return _code_list("CurrencyCode", _CURRENCY_CODES, definitions)
    return _scalar_schema(name, type_)


def _is_enum_union(type_: object) -> bool:
    members = typing.get_args(type_)
    return (
        typing.get_origin(type_) in (typing.Union, types.UnionType)
        and bool(members)
        and all(_is_enum(member) for member in members)
    )


def _flag_set_schema(union: object, definitions: dict[str, Any]) -> dict[str, Any]:
    """A set of members of several enums: an object keyed by enum name."""
    vocabularies = sorted(typing.get_args(union), key=lambda enum_: enum_.__name__)
    return {
        "type": "object",
        "properties": {
            vocabulary.__name__: {
                "type": "array",
                "items": _reference(vocabulary, definitions),
            }
            for vocabulary in vocabularies
        },
        "additionalProperties": False,
    }


def _figure_schema(definitions: dict[str, Any]) -> dict[str, Any]:
    """An exact count, a range (a `Count`), or null for not reported."""
    return {
        "anyOf": [
            {"type": "integer", "minimum": 0},
            _reference(Count, definitions),
            {"type": "null"},
        ]
    }


_COUNTRY_CODES = (
    (
        "An ISO 3166-1 alpha-3 country code, as listed by the `iso3166` package, "
        "or a user-assigned code from XAA to XZZ, which names no country."
    ),
    sorted(ISO_COUNTRY_CODES),
)
USER_ASSIGNED_PATTERN = rf"^X[A-Z]{{2}}{_END}"
"""The user-assigned alpha-3 codes, XAA to XZZ."""
_CURRENCY_CODES = (
    "An ISO 4217 alphabetic currency code, as listed by the `iso4217` package.",
    sorted(CURRENCY_CODES),
)


def _code_list(
    name: str, codes: tuple[str, list[str]], definitions: dict[str, Any]
) -> dict[str, Any]:
    description, values = codes
    definitions[name] = {
        "title": name,
        "description": description,
        "type": "string",
        "enum": values,
    }
    if name == "CountryCode":
        definitions[name] = {
            "title": name,
            "description": description,
            "type": "string",
            "anyOf": [{"enum": values}, {"pattern": USER_ASSIGNED_PATTERN}],
        }
    return {"$ref": f"#/$defs/{name}"}


def _scalar_schema(name: str, type_: object) -> dict[str, Any]:  # noqa: PLR0911
    if type_ is str:
        if name in _IDENTIFIERS:
            return {"type": "string", "pattern": IDENTIFIER_PATTERN}
        if name in _TEXTS:
            return {"type": "string", "pattern": TEXT_PATTERN}
    elif type_ is int:
        return {"type": "integer", **_INT_BOUNDS.get(name, {"minimum": 0})}
    elif type_ is bool:
        return {"type": "boolean"}
    elif type_ is float:
        return {"type": "number"}
    elif type_ is dt.date:
        return {"type": "string", "format": "date", "pattern": DATE_PATTERN}
    elif type_ is Decimal:
        return {"type": "string", "pattern": AMOUNT_PATTERN}
    raise _unsupported(f"no JSON Schema for field {name!r} of type {type_!r}")


def _is_enum(type_: object) -> bool:
    return isinstance(type_, type) and issubclass(type_, enum.Enum)


def _reference(type_: type[Any], definitions: dict[str, Any]) -> dict[str, Any]:
    name = type_.__name__
    if name not in definitions:
        if _is_enum(type_):
            definitions[name] = {
                "title": name,
                "description": _class_description(type_),
                "type": "string",
                "enum": [member.value for member in type_],
            }
        else:
            definitions[name] = {}  # a placeholder while the class is described
            definitions[name] = _class_schema(type_, definitions)
    return {"$ref": f"#/$defs/{name}"}


# ---------------------------------------------------------------------------
# Descriptions from the docstrings
# ---------------------------------------------------------------------------

_SECTION = re.compile(
    r"^(Attributes|Args|Example|Examples|Raises|Returns|Yields|Note):\s*$"
)


def _sections(cls: type[Any]) -> tuple[list[str], dict[str, list[str]]]:
    """Split a Google-style docstring into its text and its named sections."""
    lines = (inspect.getdoc(cls) or "").splitlines()
    text: list[str] = []
    sections: dict[str, list[str]] = {}
    current: list[str] = text
    for line in lines:
        match = _SECTION.match(line)
        if match:
            current = sections.setdefault(match.group(1), [])
        else:
            current.append(line)
    return text, sections


# A cross-reference of the documentation site, [`Name`][path], reads `Name`.
_CROSS_REFERENCE = re.compile(r"\[(`[^`\]]+`)\]\[[\w.]+\]")


def _class_description(cls: type[Any]) -> str:
    text, _ = _sections(cls)
    paragraphs = "\n".join(text).strip().split("\n\n")
    return "\n\n".join(
        _CROSS_REFERENCE.sub(r"\1", " ".join(paragraph.split()))
        for paragraph in paragraphs
    )


_ATTRIBUTE = re.compile(r"^    (\w+): (.*)$")


def _attribute_descriptions(cls: type[Any]) -> dict[str, str]:
    _, sections = _sections(cls)
    descriptions: dict[str, list[str]] = {}
    name = None
    for line in sections.get("Attributes", []):
        match = _ATTRIBUTE.match(line)
        if match:
            name = match.group(1)
            descriptions[name] = [match.group(2)]
        elif name is not None and line.strip():
            descriptions[name].append(line.strip())
    return {key: " ".join(parts) for key, parts in descriptions.items()}
