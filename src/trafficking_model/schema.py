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
import inspect
import re
import typing
from collections.abc import Mapping
from typing import Any, Literal

import attrs

from trafficking_model._fields import KIND, Kind, figure, kind_of
from trafficking_model._models import RESULT_CLASSES
from trafficking_model._types import (
    is_breakdown,
    is_enum,
    is_figure,
    is_optional,
    is_sequence,
    optional_inner,
)
from trafficking_model._validation import (
    CURRENCY_CODES,
    ISO_COUNTRY_CODES,
    UNSUPPORTED_TYPE,
    WHITESPACE,
)
from trafficking_model.counts import Count
from trafficking_model.errors import Problem, ValidationError

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
    if cls in RESULT_CLASSES:
        message = (
            f"{cls.__name__} is a result the library computes, not data: no schema"
        )
        raise _unsupported(message)
    definitions: dict[str, Any] = {}
    top = _class_schema(cls, definitions)
    definitions.pop(cls.__name__, None)
    schema: dict[str, Any] = {"$schema": DRAFT, **top}
    if definitions:
        schema["$defs"] = dict(sorted(definitions.items()))
    return schema


def _unsupported(message: str) -> ValidationError:
    return ValidationError([Problem(path="$", message=message, rule=UNSUPPORTED_TYPE)])


def _class_schema(cls: type[Any], definitions: dict[str, Any]) -> dict[str, Any]:
    descriptions = _attribute_descriptions(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    hints: dict[str, object] | None = None
    for field in attrs.fields(cls):
        try:
            kind = kind_of(field)
        except LookupError:
            # A class of the user's own, made of the model's types: its
            # fields declare no kind, and the type says what they hold.
            if hints is None:
                hints = typing.get_type_hints(cls)
            inferred = _inferred_kind(hints.get(field.name))
            if inferred is None:
                message = f"no JSON Schema for field {field.name!r} of {cls.__name__}"
                raise _unsupported(message) from None
            kind = inferred
        schema = _kind_schema(kind, definitions)
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


_PLAIN_KINDS: dict[object, Kind] = {
    int: Kind("integer"),
    bool: Kind("boolean"),
    float: Kind("number"),
    str: Kind("cell"),
    dt.date: Kind("date"),
}


def _inferred_kind(type_: object) -> Kind | None:  # noqa: PLR0911
    """The kind a type annotation implies, for a field that declares none.

    Only what the type itself says: an `int` has no bounds, a `str` may be
    blank. `None` for a type the JSON form cannot write.

    Example:
        >>> from trafficking_model import Sex
        >>> _inferred_kind(Sex | None)
        Kind(name='member', optional=True, low=None, high=None, at_least=0, of=(<enum 'Sex'>,), item=None, allowed=frozenset(), rule=None)
        >>> _inferred_kind(dict) is None
        True
    """
    if is_optional(type_):
        inner = _inferred_kind(optional_inner(type_))
        return None if inner is None else attrs.evolve(inner, optional=True)
    plain = _PLAIN_KINDS.get(type_)
    if plain is not None:
        return plain
    if is_figure(type_):
        return _FIGURE[KIND]
    if is_enum(type_):
        return Kind("member", of=(typing.cast("type[Any]", type_),))
    if isinstance(type_, type) and attrs.has(type_):
        return Kind("nested", of=(type_,))
    if is_breakdown(type_) and is_figure(typing.get_args(type_)[1]):
        return Kind("breakdown", of=(typing.get_args(type_)[0],), item=_FIGURE[KIND])
    if is_sequence(type_) and typing.get_origin(type_) is not list:
        item = _inferred_kind(typing.get_args(type_)[0])
        name: Literal["set", "tuple"] = (
            "tuple" if typing.get_origin(type_) is tuple else "set"
        )
        return None if item is None else Kind(name, item=item)
    return None


_FIGURE = figure()


def _kind_schema(kind: Kind, definitions: dict[str, Any]) -> dict[str, Any]:
    """The schema of a field of `kind`; the classes it names go in `definitions`.

    Example:
        >>> from trafficking_model._fields import KIND, integer
        >>> _kind_schema(integer(0, 120, optional=True)[KIND], {})
        {'anyOf': [{'type': 'integer', 'minimum': 0, 'maximum': 120}, {'type': 'null'}]}
    """
    schema = _value_schema(kind, definitions)
    if kind.optional and kind.name != "figure":  # a figure's schema allows null
        return {"anyOf": [schema, {"type": "null"}]}
    return schema


_SCALARS: dict[str, dict[str, Any]] = {
    "identifier": {"type": "string", "pattern": IDENTIFIER_PATTERN},
    "text": {"type": "string", "pattern": TEXT_PATTERN},
    "cell": {"type": "string"},
    "number": {"type": "number"},
    "boolean": {"type": "boolean"},
    "date": {"type": "string", "format": "date", "pattern": DATE_PATTERN},
    "amount": {"type": "string", "pattern": AMOUNT_PATTERN},
}


def _value_schema(  # noqa: PLR0911
    kind: Kind, definitions: dict[str, Any]
) -> dict[str, Any]:
    """The schema of a value of `kind` other than `None`."""
    if kind.name in _SCALARS:
        return dict(_SCALARS[kind.name])
    if kind.name == "integer":
        bounds = {"minimum": kind.low, "maximum": kind.high}
        return {
            "type": "integer",
            **{key: value for key, value in bounds.items() if value is not None},
        }
    if kind.name == "country":
        return _code_list("CountryCode", _COUNTRY_CODES, definitions)
    if kind.name == "currency":
        return _code_list("CurrencyCode", _CURRENCY_CODES, definitions)
    if kind.name == "figure":
        return _figure_schema(definitions)
    if kind.name in ("member", "nested"):
        return _reference(kind.of[0], definitions)
    if kind.name in ("set", "tuple"):
        assert kind.item is not None
        array: dict[str, Any] = {
            "type": "array",
            "items": _kind_schema(kind.item, definitions),
        }
        if kind.at_least:
            array["minItems"] = kind.at_least
        return array
    if kind.name == "flags":
        return _flag_set_schema(kind.of, definitions)
    if kind.name == "breakdown":
        assert kind.item is not None
        item = kind.item
        return {
            "type": "object",
            "properties": {
                member.value: _kind_schema(item, definitions) for member in kind.of[0]
            },
            "additionalProperties": False,
        }
    assert kind.name == "names"
    return {"type": "array", "items": {"enum": sorted(kind.allowed)}}


def _flag_set_schema(
    enums: tuple[type[Any], ...], definitions: dict[str, Any]
) -> dict[str, Any]:
    """A set of members of several enums: an object keyed by enum name."""
    vocabularies = sorted(enums, key=lambda enum_: enum_.__name__)
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


def _reference(type_: type[Any], definitions: dict[str, Any]) -> dict[str, Any]:
    name = type_.__name__
    if name not in definitions:
        if is_enum(type_):
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
