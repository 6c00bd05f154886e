"""Mutators that break the rules of the JSON form: types, keys, values written wrongly."""

from __future__ import annotations

import datetime as dt
import functools
import typing
from collections.abc import Mapping
from decimal import Decimal
from enum import Enum
from typing import Any

import attrs
from hypothesis import strategies as st

from trafficking_model.counts import Figure
from trafficking_model.money import Money
from trafficking_model.strategies._draw import (
    BOOLEANS,
)

if typing.TYPE_CHECKING:
    from trafficking_model.strategies._mutators import (
        JSON,
        Mutator,
    )

# The JSON type of each field, and values of the wrong type for it.
WRONG: dict[str, tuple[Any, ...]] = {
    "str": (7, True, 1.5, [], {}),
    "int": ("7", True, False, 7.0, 1.5, [], {}),
    "bool": (1, 0, "true", [], {}),
    "number": ("1", True, False, [], {}),
    "decimal": (150000, 1.5, True, [], {}),
    "date": (20200101, True, [], {}),
    "enum": (7, True, [], {}),
    "object": ("x", 7, [], True),
    "array": ("x", 7, {}, True),
    "objects": ("x", 7, {}, True),
    "mapping": ("x", 7, [], True),
    "figure": ("7", "<5", True, 1.5, []),
    "figures": ("x", 7, [], True),
    "flags": ("x", 7, [], True),
}
_WRONG_ITEMS: dict[str, tuple[Any, ...]] = {
    "figures": ("7", "<5", True, 1.5, []),
    "array": (7, True, 1.5, None, [], {}),
    "objects": ("x", 7, True, None, []),
    "mapping": ("7", True, 1.5, None, []),
    "flags": ("7", True, 1.5, None, {}),
}


def json_kind(annotation: object) -> str:  # noqa: PLR0911
    """The JSON kind of a field's type, looking through `X | None`."""
    if annotation == Figure:
        return "figure"
    arguments = [a for a in typing.get_args(annotation) if a is not type(None)]
    origin = typing.get_origin(annotation)
    if origin is frozenset and typing.get_args(arguments[0]):
        return "flags"  # a set of members of several enums
    if origin in (tuple, frozenset):
        return "objects" if attrs.has(arguments[0]) else "array"
    if origin is Mapping:
        return "figures" if arguments[1] == Figure else "mapping"
    if origin is not None and len(arguments) == 1:  # X | None
        return json_kind(arguments[0])
    cls = typing.cast("type", annotation)
    if attrs.has(cls):
        return "object"
    if issubclass(cls, Enum):
        return "enum"
    kinds: dict[type, str] = {
        str: "str",
        int: "int",
        bool: "bool",
        float: "number",
        Decimal: "decimal",
        dt.date: "date",
    }
    return kinds[cls]


@functools.cache
def wrong_type(cls: type) -> Mutator:
    hints = typing.get_type_hints(cls)
    kinds = {field.name: json_kind(hints[field.name]) for field in attrs.fields(cls)}

    def mutate(draw: st.DrawFn, data: JSON) -> str:
        name = draw(st.sampled_from(sorted(kinds)))
        kind = kinds[name]
        value = data[name]
        if kind in _WRONG_ITEMS and value and draw(st.booleans()):
            wrong = draw(st.sampled_from(_WRONG_ITEMS[kind]))
            if isinstance(value, list):
                value[draw(st.integers(min_value=0, max_value=len(value) - 1))] = wrong
            else:
                value[draw(st.sampled_from(sorted(value)))] = wrong
        else:
            data[name] = draw(st.sampled_from(WRONG[kind]))
        return f"$.{name}"

    return mutate


# Rules of the JSON form itself, which `from_dict` reports before any class sees
# the data: a field left out, a key no field has, an enum value, a date or an
# amount written wrongly.
_EXTRA_KEYS = st.sampled_from(["notes", "comment", "ID", "Id", "name_", "extra"])


@functools.cache
def json_form_rules(cls: type) -> dict[str, tuple[Mutator, ...]]:
    hints = typing.get_type_hints(cls)
    fields = attrs.fields(cls)
    names = {field.name for field in fields}
    required = sorted(f.name for f in fields if f.default is attrs.NOTHING)
    enums = sorted(f.name for f in fields if json_kind(hints[f.name]) == "enum")
    enum_arrays = sorted(
        f.name
        for f in fields
        if json_kind(hints[f.name]) == "array" and _enum_of(hints[f.name]) is not None
    )
    dates = sorted(f.name for f in fields if json_kind(hints[f.name]) == "date")
    breakdowns = sorted(
        f.name
        for f in fields
        if json_kind(hints[f.name]) in ("mapping", "figures", "flags")
    )
    rules: dict[str, tuple[Mutator, ...]] = {}

    def leave_out(draw: st.DrawFn, data: JSON) -> str:
        name = draw(st.sampled_from(required))
        del data[name]
        return f"$.{name}"

    def add_key(draw: st.DrawFn, data: JSON) -> str:
        if draw(BOOLEANS) and breakdowns:
            name = draw(st.sampled_from(breakdowns))
            key = draw(st.sampled_from(["martian", "Female", "total", "other "]))
            data[name][key] = draw(st.integers(min_value=0, max_value=9))
            return f"$.{name}"
        key = draw(_EXTRA_KEYS.filter(lambda key: key not in names))
        data[key] = draw(st.sampled_from([None, 1, "x", [], {}]))
        return f"$.{key}"

    def bad_member(draw: st.DrawFn, data: JSON) -> str:
        name = draw(st.sampled_from([*enums, *enum_arrays]))
        vocabulary = typing.cast("type[Enum]", _enum_of(hints[name]))
        member = draw(st.sampled_from(vocabulary))
        label = getattr(member, "label", member.value.replace("_", " ").title())
        wrong = draw(st.sampled_from([member.value.upper(), label, ""]))
        if name in enum_arrays:
            data[name] = [*data[name], wrong]
        else:
            data[name] = wrong
        return f"$.{name}"

    def bad_date(draw: st.DrawFn, data: JSON) -> str:
        name = draw(st.sampled_from(dates))
        data[name] = draw(
            st.sampled_from(
                ["2021-02-30", "2021-13-01", "2021-1-1", "01/02/2021", "", "2021"]
            )
        )
        return f"$.{name}"

    if required:
        rules["required"] = (leave_out,)
    rules["unknown_key"] = (add_key,)
    if enums or enum_arrays:
        rules["enum"] = (bad_member,)
    if dates:
        rules["date"] = (bad_date,)
    if cls is Money:
        rules["decimal"] = (_bad_amount,)
    return rules


def _bad_amount(draw: st.DrawFn, data: JSON) -> str:
    data["amount"] = draw(
        st.sampled_from(
            ["1,000.00", "NaN", "Infinity", "-Infinity", "1.2.3", "", "+5", ".5", "05"]
        )
    )
    return "$.amount"


def _enum_of(annotation: object) -> type[Enum] | None:
    """The enum a field holds, alone or in a collection, if any."""
    for argument in (annotation, *typing.get_args(annotation)):
        if isinstance(argument, type) and issubclass(argument, Enum):
            return argument
    return None
