"""The mutators of the per-field rules, derived from the kinds the fields declare.

A field's kind (`trafficking_model._fields`) says what its value must be, and
which rule a value of the right Python type but not of the kind breaks. So the
way to break that rule follows from the kind, and needs no list of field names:

- an identifier (or a set of them) breaks `identifier` when padded with
  whitespace, and `not_blank` when blank; free text breaks `not_blank`;
- a country or currency code breaks `country_code` or `currency_code`;
- a bounded int breaks its kind's rule (`range`, `non_negative`, `positive`)
  outside its bounds;
- a finite number breaks `finite` as NaN or infinite;
- an amount of money, a figure and a count of a breakdown break
  `non_negative` below zero;
- a set of names (`derived`, `partial`, `overlapping`) breaks `known_name`
  with a name the class does not have.

A field added with its kind is broken by `violations()` with no other edit.
The rules that tie fields together have hand-written mutators, in
`_violations.OWN`.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable, Sequence

import attrs

from trafficking_model._fields import kind_of
from trafficking_model._validation import (
    COUNTRY_CODES,
    CURRENCY_CODES,
    NOT_BLANK,
)
from trafficking_model.strategies._mutators import (
    Mutator,
    bad_code,
    blank_field,
    negative,
    negative_amount,
    not_finite,
    out_of_range,
    pad_field,
    unknown_name,
)

if typing.TYPE_CHECKING:
    from enum import Enum

    from trafficking_model._fields import Kind

__all__ = ["kind_mutators"]

Build = Callable[[Sequence[str], type], tuple[Mutator, ...]]
"""Makes the mutators of some fields of a class that break a rule the same way."""


def _padded(names: Sequence[str], cls: type) -> tuple[Mutator, ...]:
    return (pad_field(*names),)


def _blank(names: Sequence[str], cls: type) -> tuple[Mutator, ...]:
    return (blank_field(*names),)


def _countries(names: Sequence[str], cls: type) -> tuple[Mutator, ...]:
    return tuple(bad_code(name, COUNTRY_CODES) for name in names)


def _currencies(names: Sequence[str], cls: type) -> tuple[Mutator, ...]:
    return tuple(bad_code(name, CURRENCY_CODES) for name in names)


def _outside(names: Sequence[str], cls: type) -> tuple[Mutator, ...]:
    fields = attrs.fields_dict(cls)
    kinds = {name: kind_of(fields[name]) for name in names}
    return (
        out_of_range({name: (kind.low, kind.high) for name, kind in kinds.items()}),
    )


def _not_finite(names: Sequence[str], cls: type) -> tuple[Mutator, ...]:
    return (not_finite(*names),)


def _negative_amounts(names: Sequence[str], cls: type) -> tuple[Mutator, ...]:
    return (negative_amount(*names),)


def _negative_figures(names: Sequence[str], cls: type) -> tuple[Mutator, ...]:
    """One figure, or one count of a breakdown, below zero."""
    fields = attrs.fields_dict(cls)
    breakdowns: dict[str, type[Enum]] = {}
    figures: list[str] = []
    for name in names:
        kind = kind_of(fields[name])
        if kind.name == "breakdown":
            breakdowns[name] = kind.of[0]
        else:
            figures.append(name)
    return (negative(*figures, breakdowns=breakdowns),)


def _unknown_names(names: Sequence[str], cls: type) -> tuple[Mutator, ...]:
    return (unknown_name(*names),)


def _ways(kind: Kind) -> list[tuple[str, Build]]:
    """How a field of `kind` breaks which rule, by itself: `(rule, build)` pairs."""
    if kind.name == "set" and kind.item is not None:
        kind = kind.item  # a set breaks as one of its items
    if kind.name == "breakdown" and kind.item is not None:
        return [] if kind.item.rule is None else [(kind.item.rule, _negative_figures)]
    rule = kind.rule
    if rule is None:
        return []
    if kind.name == "identifier":
        return [(rule, _padded), (NOT_BLANK, _blank)]
    if kind.name == "integer" and kind.low is None and kind.high is None:
        return []  # no bounds: any int will do
    build: Build | None = {
        "text": _blank,
        "country": _countries,
        "currency": _currencies,
        "integer": _outside,
        "number": _not_finite,
        "amount": _negative_amounts,
        "figure": _negative_figures,
        "names": _unknown_names,
    }.get(kind.name)
    return [] if build is None else [(rule, build)]


@functools.cache
def kind_mutators(cls: type) -> dict[str, tuple[Mutator, ...]]:
    """The mutators of the per-field rules of `cls`, by rule, from its field kinds.

    The fields that break a rule the same way share one mutator, which picks one
    of them; a code field has one of its own.
    """
    fields: dict[tuple[str, Build], list[str]] = {}
    for field in attrs.fields(cls):
        for way in _ways(kind_of(field)):
            fields.setdefault(way, []).append(field.name)
    found: dict[str, tuple[Mutator, ...]] = {}
    for (rule, build), names in fields.items():
        found[rule] = (*found.get(rule, ()), *build(names, cls))
    return found
