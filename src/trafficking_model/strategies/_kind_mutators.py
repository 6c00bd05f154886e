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

`field_mutators` gives the mutator of each field and rule, which
tests/property/test_rules.py runs one by one; `kind_mutators` pools them by
rule for `violations()`. A field added with its kind is broken with no other
edit. The rules that tie fields together have hand-written mutators, in
`_violations.OWN`, which also holds the few narrower ones that replace these.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import attrs

from trafficking_model._fields import Kind, kind_of
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

__all__ = ["field_mutators", "kind_mutators"]

Build = Callable[[str, Kind], Mutator]
"""Makes the mutator that breaks a rule in one field, of the kind given."""


def _negative(name: str, kind: Kind) -> Mutator:
    """A figure, or one count of a breakdown, below zero."""
    if kind.name == "breakdown":
        return negative(breakdowns={name: kind.of[0]})
    return negative(name)


_BUILDS: dict[str, Build] = {
    "text": lambda name, _kind: blank_field(name),
    "country": lambda name, _kind: bad_code(name, COUNTRY_CODES),
    "currency": lambda name, _kind: bad_code(name, CURRENCY_CODES),
    "integer": lambda name, kind: out_of_range({name: (kind.low, kind.high)}),
    "number": lambda name, _kind: not_finite(name),
    "amount": lambda name, _kind: negative_amount(name),
    "figure": _negative,
    "breakdown": _negative,
    "names": lambda name, _kind: unknown_name(name),
}


def _ways(name: str, kind: Kind) -> dict[str, Mutator]:
    """How a field of `kind` breaks which rule by itself: a mutator per rule."""
    held = kind.item if kind.name == "set" and kind.item is not None else kind
    # A set breaks as one of its items; a breakdown as one of its counts.
    rule = held.item.rule if held.name == "breakdown" and held.item else held.rule
    if rule is None:
        return {}
    if held.name == "identifier":
        return {rule: pad_field(name), NOT_BLANK: blank_field(name)}
    if held.name == "integer" and held.low is None and held.high is None:
        return {}  # no bounds: any int will do
    build = _BUILDS.get(held.name)
    return {} if build is None else {rule: build(name, held)}


@functools.cache
def field_mutators(cls: type) -> dict[str, dict[str, Mutator]]:
    """For each field of `cls` that can break a rule alone: a mutator per rule."""
    found = {
        field.name: _ways(field.name, kind_of(field)) for field in attrs.fields(cls)
    }
    return {name: ways for name, ways in found.items() if ways}


@functools.cache
def kind_mutators(cls: type) -> dict[str, tuple[Mutator, ...]]:
    """The mutators of the per-field rules of `cls`, by rule, one per field."""
    found: dict[str, tuple[Mutator, ...]] = {}
    for ways in field_mutators(cls).values():
        for rule, way in ways.items():
            found[rule] = (*found.get(rule, ()), way)
    return found
