"""Small named checks shared by every model's single check function.

Each model class has one `__attrs_post_init__` that runs all its checks in one
pass and raises one `ValidationError` listing every problem. The helpers here add
a `Problem` to a list and return whether the value passed, so that cross-field
rules only run on values of the right type.

Types are checked exactly: `True` is not an int, `"7"` is not an int and a
`datetime` is not a date. Nothing is ever coerced.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import typing
from collections.abc import Iterable, Mapping
from decimal import Decimal
from enum import Enum
from typing import TypeVar

import iso4217
from iso3166 import countries, countries_by_alpha3

from trafficking_model._rules import (
    every_class,
    has_required_field,
    holds,
    rule,
)
from trafficking_model.errors import Problem, ValidationError, values_shown

if typing.TYPE_CHECKING:
    from collections.abc import Callable

Problems = list[Problem]
E = TypeVar("E", bound=Enum)

ISO_COUNTRY_CODES: frozenset[str] = frozenset(countries_by_alpha3)
"""Every ISO 3166-1 alpha-3 code of a country, from the `iso3166` package."""

USER_ASSIGNED_COUNTRY_CODES: frozenset[str] = (
    frozenset(
        f"X{second}{third}"
        for second in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        for third in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    )
    - ISO_COUNTRY_CODES
)
"""The user-assigned alpha-3 codes `XAA` to `XZZ` that name no country.

ISO 3166-1 leaves them to users; the model accepts them for fictional and
test data, such as the demonstration plan of the examples. `XKX` is not among
them: the `iso3166` package lists it for Kosovo.
"""

COUNTRY_CODES: frozenset[str] = ISO_COUNTRY_CODES | USER_ASSIGNED_COUNTRY_CODES
"""Every country code the model accepts: ISO 3166-1 alpha-3 and `XAA` to `XZZ`."""

CURRENCY_CODES: frozenset[str] = frozenset(
    currency.code for currency in iso4217.Currency
)
"""Every ISO 4217 alphabetic currency code, from the `iso4217` package."""

MAX_AGE = 120

MAX_INT_DIGITS = 4300
"""The most digits an int may have: Python's default limit for printing one."""

INT_LIMIT = 10**MAX_INT_DIGITS
"""The smallest int too long to write as JSON and read back."""

WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
"""Every character the model counts as whitespace: those of `str.isspace()`.

`str.strip()` removes exactly these, and the JSON Schema patterns spell them
out, so that the model and the schema agree in every regex dialect (`\\s`
differs: ECMA-262 counts U+FEFF and not U+001C to U+001F or U+0085).
"""


TYPE = rule(
    "type",
    "Every field holds exactly its type, never a look-alike to be coerced: a count "
    'given as text or `True`, a breakdown keyed by text (`"femal"`) or one str '
    "for a set (read as a set of letters) is a mistake in the data, not something "
    "to guess at.",
    applies_to=every_class,
    checked_on="items passed to an aggregating `from_` method, rows of a table",
)
RANGE = rule(
    "range",
    "`Victim.age` is 0 to 120, a year such as `LawEnforcementFigures.year` "
    "1900 to 2100: values outside these bounds are typing errors, "
    "such as `23` for `2023`.",
)
FINITE = rule(
    "finite",
    "Numbers such as `Indicator.baseline` and `target` are finite: infinity "
    "and not a number are not amounts or measurements.",
)
NON_NEGATIVE = rule(
    "non_negative",
    "Counts, figures and amounts of money are 0 or more: nothing is counted "
    "fewer than zero times.",
)
POSITIVE = rule(
    "positive",
    "`Defendant.sentence_months` is above 0: a prison sentence lasts some time.",
)
NOT_BLANK = rule(
    "not_blank",
    "Names, titles, descriptions and other text are not empty or blank: "
    "blank text says nothing, and a body needs a name to be recognised.",
)
UNICODE = rule(
    "unicode",
    "Text holds no lone surrogate (U+D800 to U+DFFF): it is not a character, "
    "no UTF-8 text can hold it, so the object could not be written back; "
    "in JSON text, it is a `json` problem.",
    checked_on="every string of a model object or given to `from_dict`",
)
IDENTIFIER = rule(
    "identifier",
    "Ids and references to ids have no leading or trailing whitespace: "
    '`"V-1 "` and `"V-1"` would look alike but never match.',
)
COUNTRY_CODE = rule(
    "country_code",
    "Every country is an ISO 3166-1 alpha-3 code, such as `AZE`, or a "
    "user-assigned `XAA` to `XZZ`: one code per country makes data from "
    "different sources comparable.",
    checked_on="the `country` given to `VictimStatistics.from_victims`, "
    "cells of a format's table",
)
CURRENCY_CODE = rule(
    "currency_code",
    "`Money.currency` is an ISO 4217 code, such as `AZN`: amounts are compared "
    "and added only within a known currency.",
)
RANGE_ORDER = rule(
    "range_order",
    "A range such as `Count.high` or a CTDC age band ends at or above where it starts.",
)
UNIQUE_IDS = rule(
    "unique_ids",
    "Items of a collection that have ids, such as the stakeholders and measures "
    "of a plan, the indicators of a measure and the defendants of a case, have "
    "unique ids: other objects refer to them by id, and a record counted twice "
    "inflates a figure.",
    checked_on="records passed to an aggregating `from_` method",
)
INT_SIZE = rule(
    "int_size",
    "An int has at most 4,300 digits: Python cannot print a longer one by "
    "default, nor read it back from JSON.",
    checked_on="every int of a model object or read from data",
)
JSON = rule(
    "json",
    "JSON text, and each line of a JSON Lines file, is well-formed JSON: "
    "text that is not JSON cannot be read at all.",
    checked_on="`from_json`, `to_json`, `iter_jsonl`, `write_jsonl`, "
    "JSON cells of a table",
)
REQUIRED = rule(
    "required",
    "Fields without a default are given: a record without its required "
    "fields is incomplete.",
    applies_to=has_required_field,
    checked_on="columns of a table, fields of an HTCDS record",
)
UNKNOWN_KEY = rule(
    "unknown_key",
    "Every key names a field: a misspelt key would otherwise be dropped "
    "without a word.",
    applies_to=every_class,
    checked_on="columns of a table, fields of an HTCDS record",
)
ENUM = rule(
    "enum",
    "Every vocabulary field holds one of its values: a value outside the "
    "code list cannot be counted in any breakdown.",
    applies_to=holds(Enum),
    checked_on="cells of a format's table",
)
UNSUPPORTED_TYPE = rule(
    "unsupported_type",
    "The class asked for is one the converter loads or `json_schema` "
    "describes: the library's types, and those you register hooks for.",
    checked_on="the class given to `from_dict`, `json_schema` or a table reader",
)


def describe(value: object) -> str:
    """Name the type of a value for an error message; the value too, if shown.

    The value itself may be personal data typed into the wrong field, so it is
    shown (shortened) only while `show_values` is on.
    """
    if not values_shown():
        return type(value).__name__
    return f"{safe_repr(value)} ({type(value).__name__})"


def safe_repr(value: object) -> str:
    """`repr(value)` shortened to 60 characters, even for an int too long to print."""
    try:
        text = repr(value)
    except ValueError:  # an int beyond Python's limit on digits
        text = f"<int: {number(value)}>"
    if len(text) > 60:
        text = text[:57] + "..."
    return text


def number(value: object) -> str:
    """Write a count for a message, even one too long for Python to print."""
    try:
        return str(value)
    except ValueError:
        digits = int(abs(typing.cast("int", value)).bit_length() * math.log10(2)) + 1
        return f"a number of about {digits} digits"


def subject(value: object) -> str:
    """The value as the subject of a message: itself if shown, else `the value`."""
    return safe_repr(value) if values_shown() else "the value"


def private_repr(value: object) -> str:
    """The `repr()` of a personal field of a record: hidden unless shown.

    `None` is shown, since it says only that the field is not given.
    """
    if value is None or values_shown():
        return repr(value)
    return f"<{type(value).__name__}>"


LONE_SURROGATE = re.compile("[\ud800-\udfff]")
"""A lone surrogate, U+D800 to U+DFFF: not a character, and never valid UTF-8."""

LONE_SURROGATE_MESSAGE = (
    "contains a lone surrogate (U+D800 to U+DFFF), which is not a "
    "character and cannot be written as UTF-8"
)


def is_scalar_text(value: str) -> bool:
    """Whether `value` holds only Unicode scalar values (no lone surrogate)."""
    return value.isascii() or LONE_SURROGATE.search(value) is None


def field(name: str) -> str:
    """The path of a field of the object being checked."""
    return f"$.{name}"


def add(problems: Problems, path: str, rule: str, message: str) -> None:
    """Record one broken rule."""
    problems.append(Problem(path=path, message=message, rule=rule))


def raise_if_any(problems: Problems) -> None:
    """Raise one `ValidationError` with every problem, if there are any."""
    if problems:
        raise ValidationError(problems)


def is_in_order(problems: Problems, low: object, high: object) -> bool:
    """Check that the bound `high` is not below `low`; `None` is no bound.

    The bounds' own types are checked by their class first: this compares
    numbers only.

    Example:
        >>> found: Problems = []
        >>> is_in_order(found, 5, 2), is_in_order(found, None, 2)
        (False, True)
        >>> print(found[0])
        $.high: 2 is below low (5)
    """
    if low is None or high is None:
        return True
    if typing.cast("float", high) < typing.cast("float", low):
        add(problems, "$.high", RANGE_ORDER, f"{high} is below low ({low})")
        return False
    return True


def wrong_type(problems: Problems, path: str, value: object, expected: str) -> bool:
    """Record that `value` is not of the `expected` type; always returns False."""
    add(problems, path, TYPE, f"expected {expected}, got {describe(value)}")
    return False


def is_type(problems: Problems, path: str, value: object, cls: type) -> bool:
    """Check that `value` is exactly of type `cls`, never a subclass or look-alike."""
    return type(value) is cls or wrong_type(problems, path, value, cls.__name__)


def is_instance(problems: Problems, path: str, value: object, cls: type) -> bool:
    """Check that `value` is an instance of the model class `cls`."""
    return isinstance(value, cls) or wrong_type(problems, path, value, cls.__name__)


def is_member(problems: Problems, path: str, value: object, enum: type[Enum]) -> bool:
    """Check that `value` is a member of `enum`, never its string value.

    The message names the members: the one meant, where `value` is the text
    of a member's value (`"female"` for `Sex.FEMALE`), or else all of them.

    Example:
        >>> from trafficking_model import Sex
        >>> found: Problems = []
        >>> is_member(found, "$.sex", "female", Sex), is_member(found, "$.sex", 3, Sex)
        (False, False)
        >>> print(found[0].message)
        expected Sex, got str; use Sex.FEMALE
        >>> print(found[1].message)
        expected Sex, got int; one of Sex.FEMALE, Sex.MALE, Sex.OTHER, Sex.UNKNOWN
    """
    if type(value) is enum:
        return True
    add(
        problems,
        path,
        TYPE,
        f"expected {enum.__name__}, got {describe(value)}; {member_hint(value, enum)}",
    )
    return False


def member_hint(value: object, enum: type[Enum]) -> str:
    """Which members of `enum` to use instead of `value`, for a message.

    Example:
        >>> from trafficking_model import Sex
        >>> member_hint("male", Sex)
        'use Sex.MALE'
    """
    meant = (
        next((m for m in enum if m.value == value), None)
        if type(value) is str
        else None
    )
    if meant is not None:
        return f"use {enum.__name__}.{meant.name}"
    return "one of " + ", ".join(f"{enum.__name__}.{m.name}" for m in enum)


def is_positive(problems: Problems, path: str, value: object) -> bool:
    """Check that `value` is an int (not a bool) above zero."""
    if type(value) is not int:
        return wrong_type(problems, path, value, "int")
    if value <= 0:
        add(problems, path, POSITIVE, f"{number(value)} is not above 0")
        return False
    return True


def is_in_range(
    problems: Problems, path: str, value: object, low: int, high: int
) -> bool:
    """Check that `value` is an int (not a bool) within `low..high`."""
    if type(value) is not int:
        return wrong_type(problems, path, value, "int")
    if not low <= value <= high:
        add(problems, path, RANGE, f"{subject(value)} is outside {low}..{high}")
        return False
    return True


def is_number(problems: Problems, path: str, value: object) -> bool:
    """Check that `value` is a finite int or float (not a bool)."""
    if type(value) is int:
        return True
    if type(value) is float:
        if math.isfinite(value):
            return True
        add(problems, path, FINITE, f"{value} is not a finite number")
        return False
    return wrong_type(problems, path, value, "int or float")


def is_text(problems: Problems, path: str, value: object) -> bool:
    """Check that `value` is a str with something other than whitespace in it."""
    if type(value) is not str:
        return wrong_type(problems, path, value, "str")
    if not value.strip():
        add(problems, path, NOT_BLANK, "must not be empty or blank")
        return False
    if not is_scalar_text(value):
        add(problems, path, UNICODE, LONE_SURROGATE_MESSAGE)
        return False
    return True


def is_identifier(problems: Problems, path: str, value: object) -> bool:
    """Check that `value` is a non-empty str without surrounding whitespace."""
    if not is_text(problems, path, value):
        return False
    if value != str(value).strip():
        add(
            problems,
            path,
            IDENTIFIER,
            f"{subject(value)} has leading or trailing whitespace",
        )
        return False
    return True


def is_plain_text(value: object) -> bool:
    """Fast test that `value` passes `is_text`, recording nothing."""
    return (
        type(value) is str
        and not value.isspace()
        and value != ""
        and is_scalar_text(value)
    )


def is_plain_identifier(value: object) -> bool:
    """Fast test that `value` passes `is_identifier`, recording nothing."""
    return (
        type(value) is str
        and value != ""
        and value == value.strip()
        and is_scalar_text(value)
    )


def is_date(problems: Problems, path: str, value: object) -> bool:
    """Check that `value` is a `datetime.date`, and not a `datetime`."""
    return is_type(problems, path, value, dt.date)


def is_country(problems: Problems, path: str, value: object) -> bool:
    """Check that `value` is an ISO 3166-1 alpha-3 code, such as `"AZE"`.

    An alpha-2 code, a numeric code or a country name that `iso3166` knows
    gets a hint: the alpha-3 code itself while `show_values` is on, else only
    what kind of code it is (the value may be personal data, a citizenship).
    The user-assigned codes `XAA` to `XZZ` pass too (see
    `USER_ASSIGNED_COUNTRY_CODES`).

    Example:
        >>> from trafficking_model import show_values
        >>> found: Problems = []
        >>> is_country(found, "$.country", "UA")
        False
        >>> print(found[0].message)
        the value is not an ISO 3166-1 alpha-3 country code; it is another form of a country's code or name: give the alpha-3 code (as UKR for UA)
        >>> with show_values():
        ...     _ = is_country(found, "$.country", "Ukraine")
        >>> print(found[1].message)
        'Ukraine' is not an ISO 3166-1 alpha-3 country code; did you mean 'UKR'?
    """
    problems_before = len(problems)
    ok = _is_code(
        problems,
        path,
        value,
        codes=COUNTRY_CODES,
        rule=COUNTRY_CODE,
        standard="ISO 3166-1 alpha-3 country",
    )
    if not ok and type(value) is str and len(problems) > problems_before:
        last = problems[-1]
        if last.rule == COUNTRY_CODE:
            known = countries.get(value.strip(), None)
            if known is not None:
                hint = (
                    f"did you mean {known.alpha3!r}?"
                    if values_shown()
                    else "it is another form of a country's code or name: "
                    "give the alpha-3 code (as UKR for UA)"
                )
                problems[-1] = Problem(
                    path=last.path, message=f"{last.message}; {hint}", rule=last.rule
                )
    return ok


def is_currency(problems: Problems, path: str, value: object) -> bool:
    """Check that `value` is an ISO 4217 alphabetic currency code, such as `"AZN"`."""
    return _is_code(
        problems,
        path,
        value,
        codes=CURRENCY_CODES,
        rule=CURRENCY_CODE,
        standard="ISO 4217 currency",
    )


def _is_code(
    problems: Problems,
    path: str,
    value: object,
    *,
    codes: frozenset[str],
    rule: str,
    standard: str,
) -> bool:
    if not is_type(problems, path, value, str):
        return False
    if value not in codes:
        add(problems, path, rule, f"{subject(value)} is not an {standard} code")
        return False
    return True


def is_amount(problems: Problems, path: str, value: object) -> bool:
    """Check that `value` is a finite, non-negative `Decimal`."""
    if type(value) is not Decimal:
        return wrong_type(problems, path, value, "Decimal")
    if not value.is_finite():
        add(problems, path, FINITE, f"{value} is not a finite amount")
        return False
    if value < 0:
        add(problems, path, NON_NEGATIVE, f"{value} is negative")
        return False
    return True


def is_frozenset_of(
    problems: Problems,
    path: str,
    value: object,
    check: Callable[[Problems, str, object], bool],
) -> bool:
    """Check that `value` is a frozenset whose every item passes `check`."""
    if type(value) is not frozenset:
        return not_a_set(problems, path, value)
    before = len(problems)
    for item in value:
        check(problems, path, item)
    return len(problems) == before


ONE_STR = "a str is one item, not a set of letters: give a list or a set of them"


def not_a_set(problems: Problems, path: str, value: object) -> bool:
    """Record that `value` is not a set; a str gets a hint. Always returns False.

    Example:
        >>> found: Problems = []
        >>> not_a_set(found, "$.citizenship", "UKR")
        False
        >>> print(found[0])
        $.citizenship: expected frozenset, got str; a str is one item, not a set of letters: give a list or a set of them
    """
    if type(value) is str:
        add(problems, path, TYPE, f"expected frozenset, got str; {ONE_STR}")
        return False
    return wrong_type(problems, path, value, "frozenset")


def is_tuple_of(problems: Problems, path: str, value: object, cls: type) -> bool:
    """Check that `value` is a tuple of `cls` instances."""
    if type(value) is not tuple:
        return wrong_type(problems, path, value, "tuple")
    ok = True
    for index, item in enumerate(value):
        ok = is_instance(problems, f"{path}[{index}]", item, cls) and ok
    return ok


def has_unique_ids(
    problems: Problems, path: str, items: tuple[object, ...], what: str
) -> bool:
    """Check that the `id` of every item is unique, naming each repeat.

    The message points at the first item with the same id; the id itself is
    shown only while `show_values` is on.
    """
    seen: dict[object, int] = {}
    ok = True
    for index, item in enumerate(items):
        key = getattr(item, "id", None)
        first = seen.setdefault(key, index)
        if first != index:
            shown = f" {safe_repr(key)}" if values_shown() else ""
            add(
                problems,
                f"{path}[{index}].id",
                UNIQUE_IDS,
                f"duplicate {what} id{shown}, as at [{first}]",
            )
            ok = False
    return ok


def _plain_iterable(value: object) -> bool:
    """Whether `value` is an iterable that stands for a collection of items.

    A `str` or `bytes` is not (it would be a set of letters), nor a mapping.
    """
    return isinstance(value, Iterable) and not isinstance(
        value, (str, bytes, bytearray, Mapping)
    )


C = TypeVar("C", bound="Callable[..., object]")

AS_GIVEN: set[object] = set()
"""Converters that return a frozenset or a tuple given to them unchanged.

The msgspec acceleration sets fields without running converters; it may serve
a class whose converters are all of these, since it builds frozensets and
tuples already (see `_accelerated._plain_fields`).
"""


def as_given(converter: C) -> C:
    """Mark a converter as returning a frozen value it is given unchanged."""
    AS_GIVEN.add(converter)
    return converter


def freeze_set(value: object) -> object:
    """Store any iterable of items as a frozenset; anything else as it is.

    The converter of every set field: a list or a set is taken, and its items
    are still checked exactly by the owning class. A `str`, `bytes`, a mapping,
    anything that is not iterable or holds unhashable items is passed through
    unchanged, so that the owning class rejects it with a proper
    `ValidationError` rather than taking a set of letters.

    Example:
        >>> freeze_set(["AZE", "GEO"]) == frozenset({"AZE", "GEO"})
        True
        >>> freeze_set("AZE")
        'AZE'
    """
    if type(value) is frozenset or not _plain_iterable(value):
        return value
    try:
        return frozenset(typing.cast("Iterable[object]", value))
    except TypeError:  # unhashable items
        return value


def freeze_tuple(value: object) -> object:
    """Store any iterable of items as a tuple; anything else as it is.

    The converter of every sequence field, like `freeze_set`. A set has no
    order, so it is passed through unchanged, for the owning class to reject.

    Example:
        >>> freeze_tuple(x for x in (1, 2))
        (1, 2)
    """
    if (
        type(value) is tuple
        or not _plain_iterable(value)
        or isinstance(value, (set, frozenset))
    ):
        return value
    return tuple(typing.cast("Iterable[object]", value))


as_given(freeze_set)
as_given(freeze_tuple)


def in_vocabulary_order(members: Iterable[E]) -> list[E]:
    """Sort vocabulary members in the order their enum defines them."""
    return sorted(members, key=_position)


def _position(member: Enum) -> int:
    return list(type(member).__members__.values()).index(member)
