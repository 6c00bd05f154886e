"""What each model field holds, declared once next to the field.

Every field of a model class states its kind in its `attrs.field` metadata:

    id: str = attrs.field(metadata=identifier())
    age: int | None = attrs.field(default=None, metadata=integer(0, MAX_AGE, optional=True))

The JSON Schema (`schema`), the documentation's field tables and the
strategies' mutators read the kind with `kind_of`, instead of each keeping its
own table of field names. A kind is what a value must be beyond its Python
type: an identifier is a str without surrounding whitespace, a year an int
within bounds. `Kind.rule` names the rule the model's check reports for a
value of the right Python type that is not of the kind (a blank identifier
breaks `not_blank`, an age of 121 `range`); a value of the wrong Python type
breaks `type`.

The constructors return the metadata mapping, so that the field stays a direct
`attrs.field(...)` call, which mypy's attrs plugin understands. Bounds and
vocabularies are passed in from where they are defined, never copied here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

if TYPE_CHECKING:
    from enum import Enum

__all__ = [
    "KIND",
    "Kind",
    "KindName",
    "amount",
    "boolean",
    "breakdown",
    "cell",
    "countries",
    "country",
    "currency",
    "date",
    "figure",
    "flags",
    "identifier",
    "identifiers",
    "integer",
    "kind_of",
    "member",
    "members",
    "names",
    "nested",
    "nested_tuple",
    "number",
    "text",
]

KIND: Final = "trafficking_model.kind"
"""Field metadata key: the field's `Kind`."""

KindName = Literal[
    "identifier",
    "text",
    "cell",
    "country",
    "currency",
    "integer",
    "number",
    "boolean",
    "date",
    "amount",
    "figure",
    "member",
    "nested",
    "set",
    "tuple",
    "flags",
    "breakdown",
    "names",
]
"""The kinds of value a field can hold."""


@attrs.frozen
class Kind:
    """What one field holds.

    Attributes:
        name: The kind: `identifier` (a str, not blank, without whitespace at
            either end), `text` (a str, not blank), `cell` (a str as published,
            blank or not), `country` (an ISO 3166-1 alpha-3 code or a
            user-assigned one), `currency` (an ISO 4217 code), `integer` (an
            int within `low..high`), `number` (a finite float or int),
            `boolean`, `date` (a `datetime.date`, not a `datetime`), `amount`
            (a finite, non-negative `Decimal`), `figure` (an int of 0 or more,
            a `Count`, or `None` for not reported), `member` (a member of the
            enum `of[0]`), `nested` (an instance of the class `of[0]`), `set`
            (a frozenset of `item`s), `tuple` (a tuple of `item`s), `flags` (a
            frozenset of members of the enums `of`), `breakdown` (a mapping
            from members of the enum `of[0]` to `item`s), `names` (a frozenset
            of strs from `allowed`).
        optional: Whether `None` is allowed too. A `figure` is always
            optional: `None` is a figure not reported.
        low: An `integer`'s smallest value; `None` for no lower bound.
        high: An `integer`'s largest value; `None` for no upper bound.
        at_least: The fewest items a `set` or `tuple` may have.
        of: The enum of a `member` or a `breakdown`, the class of a
            `nested`, the enums of `flags`.
        item: The kind of each item of a `set` or `tuple`, or of each value
            of a `breakdown`.
        allowed: The strs a `names` field may hold.
        rule: The rule a value of the right Python type but not of this kind
            breaks; `None` where any value of the type will do.
    """

    name: KindName
    optional: bool = False
    low: int | None = None
    high: int | None = None
    at_least: int = 0
    of: tuple[type[Any], ...] = ()
    item: Kind | None = None
    allowed: frozenset[str] = frozenset()
    rule: str | None = None


Metadata = Mapping[str, Kind]
"""The `metadata` of an `attrs.field`: its kind under `KIND`."""


def kind_of(attribute: attrs.Attribute[Any]) -> Kind:
    """The kind a field declares.

    Raises:
        LookupError: If the field declares no kind.

    Example:
        >>> from trafficking_model import Money
        >>> kind_of(attrs.fields(Money).currency)
        Kind(name='currency', optional=False, low=None, high=None, at_least=0, of=(), item=None, allowed=frozenset(), rule='currency_code')
    """
    kind: Kind | None = attribute.metadata.get(KIND)
    if kind is None:
        raise LookupError(f"field {attribute.name!r} declares no kind")
    return kind


def _declare(kind: Kind) -> Metadata:
    return {KIND: kind}


# Scalars -------------------------------------------------------------------


def identifier(*, optional: bool = False) -> Metadata:
    """An identifier: a str, not blank, without whitespace at either end."""
    return _declare(Kind("identifier", optional=optional, rule="identifier"))


def text(*, optional: bool = False) -> Metadata:
    """Free text: a str with something other than whitespace in it."""
    return _declare(Kind("text", optional=optional, rule="not_blank"))


def cell() -> Metadata:
    """A published cell kept as it is: any str, blank or not."""
    return _declare(Kind("cell"))


def country(*, optional: bool = False) -> Metadata:
    """An ISO 3166-1 alpha-3 country code, or a user-assigned one."""
    return _declare(Kind("country", optional=optional, rule="country_code"))


def currency() -> Metadata:
    """An ISO 4217 alphabetic currency code."""
    return _declare(Kind("currency", rule="currency_code"))


def integer(
    low: int | None,
    high: int | None = None,
    *,
    optional: bool = False,
    rule: str | None = "range",
) -> Metadata:
    """An int (not a bool) from `low` to `high`; `None` for no bound.

    `rule` is the rule the check reports for an int outside the bounds.
    """
    return _declare(Kind("integer", optional=optional, low=low, high=high, rule=rule))


def number(*, optional: bool = False) -> Metadata:
    """A finite number: a float or an int, not a bool."""
    return _declare(Kind("number", optional=optional, rule="finite"))


def boolean() -> Metadata:
    """A bool."""
    return _declare(Kind("boolean"))


def date(*, optional: bool = False) -> Metadata:
    """A calendar day: a `datetime.date`, not a `datetime`."""
    return _declare(Kind("date", optional=optional))


def amount() -> Metadata:
    """An amount of money: a finite, non-negative `Decimal`."""
    return _declare(Kind("amount", rule="non_negative"))


def _figure() -> Kind:
    return Kind("figure", optional=True, low=0, rule="non_negative")


def figure() -> Metadata:
    """A published figure: an int of 0 or more, a `Count`, or `None`."""
    return _declare(_figure())


def member(vocabulary: type[Enum], *, optional: bool = False) -> Metadata:
    """A member of the enum `vocabulary`."""
    return _declare(Kind("member", optional=optional, of=(vocabulary,)))


def nested(cls: type[Any], *, optional: bool = False) -> Metadata:
    """An instance of the model class `cls`, itself checked when built."""
    return _declare(Kind("nested", optional=optional, of=(cls,)))


# Collections ---------------------------------------------------------------


def identifiers(*, at_least: int = 0) -> Metadata:
    """A frozenset of identifiers, with at least `at_least` of them."""
    item = Kind("identifier", rule="identifier")
    return _declare(Kind("set", at_least=at_least, item=item))


def countries() -> Metadata:
    """A frozenset of country codes."""
    return _declare(Kind("set", item=Kind("country", rule="country_code")))


def members(vocabulary: type[Enum]) -> Metadata:
    """A frozenset of members of the enum `vocabulary`."""
    return _declare(Kind("set", item=Kind("member", of=(vocabulary,))))


def nested_tuple(cls: type[Any]) -> Metadata:
    """A tuple of instances of the model class `cls`."""
    return _declare(Kind("tuple", item=Kind("nested", of=(cls,))))


def flags(*vocabularies: type[Enum]) -> Metadata:
    """A frozenset of members of any of several enums."""
    return _declare(Kind("flags", of=vocabularies))


def breakdown(vocabulary: type[Enum]) -> Metadata:
    """A figure for each of some members of `vocabulary`: a mapping to figures."""
    return _declare(Kind("breakdown", of=(vocabulary,), item=_figure()))


def names(allowed: frozenset[str]) -> Metadata:
    """A frozenset of names from `allowed`, such as the figures derived."""
    return _declare(Kind("names", allowed=allowed, rule="known_name"))
