"""Render the fields of a model class as a Markdown table, from their kinds.

Each field declares its kind once, in its `attrs.field` metadata (see
`trafficking_model._fields`); the JSON Schema reads the same declaration. A
page asks for a table with a comment such as `<!-- fields: Victim -->`, or
`<!-- fields: * -->` for every model class, and the documentation hook
(`hooks.py`) puts the table there at build time. This module imports nothing
from MkDocs, so the test suite can check it.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

import attrs

import trafficking_model
from trafficking_model import vocabularies
from trafficking_model._fields import Kind, kind_of
from trafficking_model._models import DATA_CLASSES
from trafficking_model.schema import _attribute_descriptions

MARKER = re.compile(r"<!-- fields: (\*|\w+) -->")
"""The comment on a page that a table replaces: a class name, or `*` for all."""

VOCABULARIES_PAGE = "reference/vocabularies.md"

_NAMES = {
    "identifier": "identifier",
    "text": "text",
    "cell": "text as published",
    "country": "country code",
    "currency": "currency code",
    "integer": "int",
    "number": "number",
    "boolean": "bool",
    "date": "date",
    "amount": "amount",
    "figure": "figure",
    "names": "set of names",
}


def classes() -> dict[str, type[Any]]:
    """The classes a page can ask for: the model classes and the format records."""
    return {cls.__name__: cls for cls in sorted(DATA_CLASSES, key=_name)}


def _name(cls: type[Any]) -> str:
    return cls.__name__


def _link(cls: type[Any], page: str) -> str:
    """A link to the documentation of `cls`, from the page `page`."""
    name = cls.__name__
    if name in vocabularies.__all__:
        target = posixpath.relpath(VOCABULARIES_PAGE, posixpath.dirname(page) or ".")
        return f"[`{name}`]({target}#{name.lower()})"
    if getattr(trafficking_model, name, None) is cls:
        return f"[`{name}`][trafficking_model.{name}]"
    return f"`{name}`"


def describe_kind(kind: Kind, page: str = "index.md") -> str:
    """What a field of `kind` holds, in a few words.

    Example:
        >>> from trafficking_model._fields import KIND, countries, member
        >>> describe_kind(countries()[KIND])
        'set of country codes'
        >>> describe_kind(member(trafficking_model.Sex)[KIND], "concepts/cases.md")
        '[`Sex`](../reference/vocabularies.md#sex)'
    """
    if kind.name in ("member", "nested"):
        return _link(kind.of[0], page)
    if kind.name in ("set", "tuple"):
        assert kind.item is not None
        item = describe_kind(kind.item, page)
        plural = item if item.endswith(("]", ")")) else f"{item}s"
        return f"{kind.name} of {plural}"
    if kind.name == "flags":
        return "set of " + ", ".join(_link(of, page) for of in kind.of)
    if kind.name == "breakdown":
        return f"figure by {_link(kind.of[0], page)}"
    return _NAMES[kind.name]


def constraints(field: attrs.Attribute[Any]) -> str:
    """The bounds of a field, and whether it is required or may be `None`.

    Example:
        >>> constraints(attrs.fields(trafficking_model.Victim).age)
        '0 to 120; may be `None`; default `None`'
    """
    kind = kind_of(field)
    parts: list[str] = []
    if kind.name == "integer" and kind.low is not None:
        parts.append(
            f"{kind.low} or more" if kind.high is None else f"{kind.low} to {kind.high}"
        )
    if kind.at_least:
        parts.append(f"at least {kind.at_least}")
    if kind.allowed:
        parts.append("from " + ", ".join(f"`{name}`" for name in sorted(kind.allowed)))
    if kind.optional:
        parts.append("may be `None`")
    if field.default is attrs.NOTHING:
        parts.append("required")
    elif field.default is None:
        parts.append("default `None`")
    return "; ".join(parts)


def render_fields(cls: type[Any], page: str = "index.md") -> str:
    """A table of the fields of `cls`: name, kind, constraints and meaning.

    Example:
        >>> print(render_fields(trafficking_model.Money))
        | Field | Kind | Constraints | Meaning |
        | --- | --- | --- | --- |
        | `amount` | amount | required | A finite, non-negative `Decimal`; floats are refused, because they cannot hold most decimal amounts exactly. |
        | `currency` | currency code | required | An ISO 4217 alphabetic code, such as `"AZN"` or `"USD"`. |
    """
    descriptions = _attribute_descriptions(cls)
    lines = ["| Field | Kind | Constraints | Meaning |", "| --- | --- | --- | --- |"]
    for field in attrs.fields(cls):
        cells = [
            f"`{field.name}`",
            describe_kind(kind_of(field), page),
            constraints(field),
            descriptions.get(field.name, ""),
        ]
        lines.append(
            "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"
        )
    return "\n".join(lines)


def render_all(page: str = "index.md") -> str:
    """Every class, a heading and a table each."""
    return "\n\n".join(
        f"## `{name}`\n\n{render_fields(cls, page)}" for name, cls in classes().items()
    )


def replace_markers(markdown: str, page: str) -> str:
    """Put the tables a page asks for in place of its markers.

    Raises:
        KeyError: If a marker names no model class.
    """

    def table(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "*":
            return render_all(page)
        return render_fields(classes()[name], page)

    return MARKER.sub(table, markdown)
