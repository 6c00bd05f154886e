"""What the rule-breaking mutators share, and the mutators of the building blocks."""

from __future__ import annotations

import datetime as dt
import functools
import typing
from collections.abc import Callable, Collection, Mapping
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from trafficking_model.periods import Period
from trafficking_model.serialization import to_dict
from trafficking_model.strategies._bases import (
    base,
)
from trafficking_model.strategies._basics import (
    identifiers,
)
from trafficking_model.strategies._draw import (
    COUNT_LIMIT,
)

if typing.TYPE_CHECKING:
    from enum import Enum

JSON = dict[str, Any]
Mutator = Callable[[st.DrawFn, JSON], str]
"""Breaks one rule of an object in its JSON form, in place; returns the path."""


def json_of(value: object) -> JSON:
    """The JSON form of `value`, as the package's `to_dict` writes it."""
    data: JSON = to_dict(value)
    return data


_WHITESPACE = st.sampled_from([" ", "\t", "\n", "\u00a0", "\u3000"])
_BLANKS = st.sampled_from(["", " ", "\t", " \n ", "\u00a0", "\u2003"])
EXCESS = st.integers(min_value=1, max_value=1000)


def _padded(draw: st.DrawFn, text: str) -> str:
    space = draw(_WHITESPACE)
    return draw(st.sampled_from([space + text, text + space]))


def pad_field(*names: str) -> Mutator:
    """Add whitespace around an identifier field (or one item of an id list)."""

    def mutate(draw: st.DrawFn, data: JSON) -> str:
        name = draw(st.sampled_from(names))
        value = data[name]
        if isinstance(value, list):
            index = draw(st.integers(min_value=0, max_value=len(value)))
            if index == len(value):
                value.append(draw(identifiers()))
            value[index] = _padded(draw, value[index])
        else:
            data[name] = _padded(draw, value or draw(identifiers()))
        return f"$.{name}"

    return mutate


def blank_field(*names: str) -> Mutator:
    """Make a text field (or one item of an id list) empty or blank."""

    def mutate(draw: st.DrawFn, data: JSON) -> str:
        name = draw(st.sampled_from(names))
        if isinstance(data[name], list):
            data[name].append(draw(_BLANKS))
        else:
            data[name] = draw(_BLANKS)
        return f"$.{name}"

    return mutate


@functools.cache
def bad_codes(codes: frozenset[str]) -> st.SearchStrategy[str]:
    known = sorted(codes)
    return st.one_of(
        st.sampled_from(known).map(str.lower),
        st.sampled_from(known).map(lambda code: code[:2]),
        st.sampled_from(known).map(lambda code: f" {code}"),
        st.from_regex(r"[A-Z]{3}", fullmatch=True).filter(lambda c: c not in codes),
        st.sampled_from(["", "ZZZ", "AZE1", "\u0410ZE"]),
    )


def bad_code(name: str, codes: frozenset[str]) -> Mutator:
    def mutate(draw: st.DrawFn, data: JSON) -> str:
        if isinstance(data[name], list):  # a set of codes: add a bad one
            data[name] = [*data[name], draw(bad_codes(codes))]
        else:
            data[name] = draw(bad_codes(codes))
        return f"$.{name}"

    return mutate


def period_of(data: JSON) -> Period:
    return Period(
        start=dt.date.fromisoformat(data["start"]),
        end=dt.date.fromisoformat(data["end"]),
    )


def day_outside(draw: st.DrawFn, period: Period) -> dt.date:
    gap = dt.timedelta(days=draw(st.integers(min_value=1, max_value=800)))
    return draw(st.sampled_from([period.start - gap, period.end + gap]))


def swap_period(draw: st.DrawFn, data: JSON) -> str:
    start = dt.date.fromisoformat(data["start"])
    end = dt.date.fromisoformat(data["end"])
    if start < end:
        data["start"], data["end"] = data["end"], data["start"]
    else:
        data["end"] = (start - dt.timedelta(days=draw(EXCESS))).isoformat()
    return "$.end"


def negative_amount(*names: str) -> Mutator:
    """Write an amount of money (a decimal string) below zero."""

    def mutate(draw: st.DrawFn, data: JSON) -> str:
        name = draw(st.sampled_from(names))
        amount = draw(st.decimals(min_value=Decimal("0.01"), max_value=10**9, places=2))
        data[name] = f"-{amount}"
        return f"$.{name}"

    return mutate


def not_finite(*names: str) -> Mutator:
    """Make a number not a number, or infinite."""

    def mutate(draw: st.DrawFn, data: JSON) -> str:
        name = draw(st.sampled_from(names))
        data[name] = draw(st.sampled_from([float("nan"), float("inf"), float("-inf")]))
        return f"$.{name}"

    return mutate


def out_of_range(bounds: Mapping[str, tuple[int | None, int | None]]) -> Mutator:
    """Put an int field below its lowest or above its highest value.

    `bounds` maps each field to its `(low, high)`, `None` for no bound; at
    least one of them is given.
    """

    def mutate(draw: st.DrawFn, data: JSON) -> str:
        name = draw(st.sampled_from(sorted(bounds)))
        low, high = bounds[name]
        outside = [
            *([] if low is None else [low - draw(EXCESS)]),
            *([] if high is None else [high + draw(EXCESS)]),
        ]
        data[name] = draw(st.sampled_from(outside))
        return f"$.{name}"

    return mutate


def unknown_name(*names: str) -> Mutator:
    """Name a figure or a breakdown the class does not have."""

    def mutate(draw: st.DrawFn, data: JSON) -> str:
        name = draw(st.sampled_from(names))
        wrong = draw(st.sampled_from(["by_martian", "Total", "total ", "", "cases"]))
        data[name] = sorted({*data[name], wrong})
        return f"$.{name}"

    return mutate


def duplicate(
    name: str, make: Callable[[st.DrawFn, JSON], JSON], key: str = "id"
) -> Mutator:
    """Append a second item with the `key` of an item of list `name`."""

    def mutate(draw: st.DrawFn, data: JSON) -> str:
        items: list[JSON] = data[name]
        if not items:
            items.append(make(draw, data))
        twin = make(draw, data)
        twin[key] = draw(st.sampled_from(items))[key]
        items.append(twin)
        return f"$.{name}[{len(items) - 1}].{key}"

    return mutate


def drawn(cls: type) -> Callable[[st.DrawFn, JSON], JSON]:
    """Draw a fresh valid value of `cls`, in its JSON form."""
    return lambda draw, _data: json_of(draw(base(cls)))


def negative(
    *names: str, breakdowns: Mapping[str, type[Enum]] | None = None
) -> Mutator:
    """Make one count negative: a plain count, or one entry of a breakdown."""
    breakdowns = breakdowns or {}

    def mutate(draw: st.DrawFn, data: JSON) -> str:
        name = draw(st.sampled_from([*names, *breakdowns]))
        value = -draw(EXCESS)
        if name in breakdowns:
            key = draw(st.sampled_from(breakdowns[name])).value
            data[name][key] = value
            return f"$.{name}.{key}"
        data[name] = value
        return f"$.{name}"

    return mutate


def range_backwards(draw: st.DrawFn, data: JSON) -> str:
    data["high"] = draw(st.integers(min_value=1, max_value=COUNT_LIMIT))
    data["low"] = data["high"] + draw(EXCESS)
    return "$.high"


def negative_bound(draw: st.DrawFn, data: JSON) -> str:
    data["low"] = -draw(EXCESS)
    data["high"] = None
    return "$.low"


def unknown_id(draw: st.DrawFn, known: Collection[str]) -> str:
    unknown: str = draw(identifiers())
    while unknown in known:
        unknown += "?"
    return unknown
