"""Rules over published figures: interval arithmetic on exact, ranged and unreported counts.

A figure is an `int`, a `Count` or `None` (see `counts`). For checking, each is
a pair of bounds `(low, high)`, `high` being `None` where there is no upper
bound: an `int` n is `(n, n)`, a `Count` its own bounds, and a figure not
reported `(0, None)`. A rule fails only when no exact values within the bounds
satisfy it, so a rule involving an unreported figure still checks what it can.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs
from immutabledict import immutabledict

from trafficking_model import _fields as kinds
from trafficking_model._rules import rule
from trafficking_model._validation import (
    INT_LIMIT,
    INT_SIZE,
    MAX_INT_DIGITS,
    NON_NEGATIVE,
    TYPE,
    Problems,
    add,
    field,
    freeze_set,
    member_hint,
    not_a_set,
    number,
    wrong_type,
)
from trafficking_model.counts import Count, Figure

if TYPE_CHECKING:
    from enum import Enum

Bounds = tuple[int, int | None]


UNBOUNDED: Bounds = (0, None)


def bounds(figure: Figure) -> Bounds:
    """The bounds of a valid figure."""
    if figure is None:
        return UNBOUNDED
    if type(figure) is int:
        return (figure, figure)
    assert isinstance(figure, Count)
    return (figure.low, figure.high)


def sum_bounds(figures: Iterable[Figure]) -> Bounds:
    """The bounds of the sum of valid figures."""
    low = 0
    high: int | None = 0
    for figure in figures:
        part_low, part_high = bounds(figure)
        low += part_low
        high = None if high is None or part_high is None else high + part_high
    return (low, high)


def from_bounds(low: int, high: int | None) -> Figure:
    """The figure with these bounds: an int where exact, `None` where unknown."""
    if high == low:
        return low
    if low == 0 and high is None:
        return None
    return Count(low, high)


def show(figure: Figure) -> str:
    """A figure as the publisher wrote it, for a message."""
    if figure is None:
        return "not reported"
    if type(figure) is int:
        return number(figure)
    return str(figure)


def show_bounds(value: Bounds) -> str:
    """Computed bounds, for a message: `13-17`, `<5`, or `at least 13`."""
    low, high = value
    if high is None:
        return f"at least {low}"
    return str(Count(low, high))


def exceeds(low: int, high: int | None) -> bool:
    """Whether a smallest possible `low` is above a largest possible `high`."""
    return high is not None and low > high


def is_figure(problems: Problems, path: str, value: object) -> bool:
    """Check that `value` is a figure: an int of 0 or more, a `Count` or None."""
    if value is None or isinstance(value, Count):
        return True
    if type(value) is not int:
        return wrong_type(problems, path, value, "int, Count or None")
    if value < 0:
        add(problems, path, NON_NEGATIVE, f"{number(value)} is negative")
        return False
    if value >= INT_LIMIT:
        add(
            problems,
            path,
            INT_SIZE,
            f"{number(value)} is too long: at most {MAX_INT_DIGITS} digits can be "
            "written as JSON and read back",
        )
        return False
    return True


def freeze_figure(value: Figure) -> Figure:
    """An exact `Count` as its int; anything else as it is."""
    if isinstance(value, Count) and value.high == value.low:
        return value.low
    return value


_EMPTY: immutabledict[Any, Figure] = immutabledict()
"""The one empty breakdown, shared: it is immutable."""


def _wrapped(items: dict[Any, Any]) -> immutabledict[Any, Any]:
    # immutabledict's constructor is pure Python and costs about five times
    # this (1.6 against 0.3 µs); a report freezes up to six breakdowns.
    frozen: immutabledict[Any, Any] = object.__new__(immutabledict)
    # immutabledict's own attributes: `_wrapping_works` checks them at import.
    frozen._dict = items
    frozen._hash = None
    return frozen


def _wrapping_works() -> bool:
    """Whether `_wrapped` builds what immutabledict's own constructor builds."""
    try:
        probe = _wrapped({"a": 1})
        reference = immutabledict({"a": 1})
        return (
            vars(probe) == vars(reference)
            and probe == reference
            and hash(probe) == hash(reference)
            and repr(probe) == repr(reference)
        )
    except Exception:  # another layout: use the constructor
        return False


_WRAP = _wrapped if _wrapping_works() else immutabledict


def frozen_dict(items: dict[Any, Any]) -> immutabledict[Any, Any]:
    """An `immutabledict` of a dict this module owns, built fast.

    The dict must be a new one that nothing else holds: it is wrapped, not
    copied. Where immutabledict stores its items otherwise than this module
    knows (another version), its own constructor is used instead.

    Example:
        >>> frozen_dict({"a": 1})
        immutabledict({'a': 1})
    """
    return _WRAP(items) if items else _EMPTY


def freeze_breakdowns(obj: object, names: Iterable[str]) -> None:
    """Store every breakdown of a new aggregate as an immutable mapping, in place.

    The aggregates call this first in `__attrs_post_init__`, which runs however
    the object is made: by `__init__` from any mapping, or by the msgspec
    decoder, which sets the fields as plain dicts without calling `__init__`.
    Anything that is not a mapping is left as it is, for the check to reject
    with a proper `ValidationError`.
    """
    for name in names:
        value = getattr(obj, name)
        if type(value) is immutabledict:
            continue
        if type(value) is dict or isinstance(value, Mapping):
            object.__setattr__(obj, name, frozen_dict(dict(value)))


def store_exact(
    obj: object, figures: Iterable[str], breakdowns: Iterable[str] = ()
) -> None:
    """Store every exact `Count` of a new aggregate as its int, in place.

    `Count.exact(12)` and `12` then make equal objects. Only the detailed check
    calls this: the fast accepting paths take only ints.
    """
    for name in figures:
        value = getattr(obj, name)
        if isinstance(value, Count) and value.high == value.low:
            object.__setattr__(obj, name, value.low)
    for name in breakdowns:
        counts = getattr(obj, name)
        if isinstance(counts, Mapping) and any(
            isinstance(count, Count) and count.high == count.low
            for count in counts.values()
        ):
            frozen = immutabledict(
                (key, freeze_figure(count)) for key, count in counts.items()
            )
            object.__setattr__(obj, name, frozen)


def plain_counts(counts: object, enum: type[Enum]) -> int | None:
    """Fast test of a breakdown of exact counts: their sum, or None if not plain.

    Plain means an immutable mapping from `enum` members to ints of 0 or more;
    anything else goes to the detailed check.
    """
    if type(counts) is not immutabledict:
        return None
    given = 0
    for key, count in counts.items():
        if type(key) is not enum or type(count) is not int or count < 0:
            return None
        given += count
    return given


def plain_names(value: object, allowed: frozenset[str]) -> bool:
    """Fast test that a set of names is a frozenset of `allowed` names."""
    return type(value) is frozenset and value <= allowed


def is_breakdown(
    problems: Problems, path: str, value: object, enum: type[Enum]
) -> bool:
    """Check a breakdown: a mapping from `enum` members to figures."""
    if not isinstance(value, Mapping):
        return wrong_type(problems, path, value, "a mapping")
    ok = True
    for key, count in value.items():
        if type(key) is not enum:
            add(
                problems,
                path,
                TYPE,
                f"key of type {type(key).__name__} is not a {enum.__name__}; "
                f"{member_hint(key, enum)}",
            )
            ok = False
            continue
        ok = is_figure(problems, f"{path}.{key.value}", count) and ok
    return ok


PARTIAL_BREAKDOWN_WITHIN_TOTAL = rule(
    "partial_breakdown_within_total",
    "A breakdown named in `partial` sums to no more than the total: the part given "
    "cannot hold more than the whole.",
)
BREAKDOWN_SUM = rule(
    "breakdown_sum",
    "A breakdown given, not partial and not overlapping, sums to the total, such as "
    "`by_sex`, `by_age_group`, `by_citizenship` or `CaseStatistics.by_offence`: each "
    "victim has one sex, age group and citizenship, each case one offence, so each is "
    "counted once.",
)


def check_breakdown(
    problems: Problems,
    name: str,
    counts: Mapping[Any, Figure],
    total: Figure,
    *,
    partial: bool,
) -> None:
    """Check a breakdown in which each unit counts under one category.

    A complete breakdown sums to the total; a partial one sums to no more.
    """
    if not counts:
        return
    given = sum_bounds(counts.values())
    total_low, total_high = bounds(total)
    if partial:
        if exceeds(given[0], total_high):
            add(
                problems,
                field(name),
                PARTIAL_BREAKDOWN_WITHIN_TOTAL,
                f"counts sum to {show_bounds(given)}, more than total ({show(total)})",
            )
    elif exceeds(given[0], total_high) or exceeds(total_low, given[1]):
        add(
            problems,
            field(name),
            BREAKDOWN_SUM,
            f"counts sum to {show_bounds(given)} but total is {show(total)}",
        )


def check_overlapping(
    problems: Problems,
    name: str,
    counts: Mapping[Any, Figure],
    total: Figure,
    *,
    partial: bool,
    rules: tuple[str, str],
    what: str,
) -> None:
    """Check a breakdown in which one unit can count under several categories.

    Each count is at most the total; unless the breakdown is partial, the counts
    together come to at least the total, since every unit has a category.
    """
    within, covers = rules
    total_low, total_high = bounds(total)
    for key, count in counts.items():
        if exceeds(bounds(count)[0], total_high):
            add(
                problems,
                f"{field(name)}.{key.value}",
                within,
                f"{key.value} ({show(count)}) exceeds total ({show(total)})",
            )
    given = sum_bounds(counts.values())
    if counts and not partial and exceeds(total_low, given[1]):
        add(
            problems,
            field(name),
            covers,
            f"counts sum to {show_bounds(given)}, less than total "
            f"({show(total)}); {what}",
        )


NAMES = "trafficking_model.names"
"""Field metadata key: the names a set of names (`partial`, `derived`) may hold."""


def names_field(allowed: frozenset[str]) -> Any:  # noqa: ANN401 - an attrs field
    """A set of names from `allowed`, empty by default; the schema lists them.

    Any iterable of names is taken and stored as a frozenset (`freeze_set`).
    """
    return attrs.field(
        default=frozenset(),
        metadata={NAMES: allowed, **kinds.names(allowed)},
        converter=freeze_set,
    )


KNOWN_NAME = rule(
    "known_name",
    "The names in `derived`, `partial` and `overlapping` are figures or breakdowns of "
    "the aggregate: any other name is a typing error.",
)


def check_names(
    problems: Problems,
    name: str,
    value: object,
    allowed: frozenset[str],
    what: str,
) -> bool:
    """Check a set of names, such as `partial` or `derived`, against `allowed`."""
    path = field(name)
    if type(value) is not frozenset:
        return not_a_set(problems, path, value)
    ok = True
    for item in value:
        if type(item) is not str:
            ok = wrong_type(problems, path, item, "str")
        elif item not in allowed:
            add(
                problems,
                path,
                KNOWN_NAME,
                f"{item!r} is not {what}; expected one of {', '.join(sorted(allowed))}",
            )
            ok = False
    return ok


def standalone_figures(cls: type, handled: Iterable[str]) -> tuple[str, ...]:
    """The figure fields of `cls` that its rules across fields do not name.

    Read from the fields' kinds, so that a new count field of an aggregate is
    checked (a figure: an int of 0 or more, a range, or not reported) and stored
    exact without an edit to the class's check. `handled` are the figures the
    class checks by name.

    Example:
        >>> from trafficking_model import LawEnforcementFigures
        >>> standalone_figures(LawEnforcementFigures, ("investigations",))[:2]
        ('prosecutions', 'convictions')
    """
    skip = frozenset(handled)
    return tuple(
        field.name
        for field in attrs.fields(cls)
        if kinds.kind_of(field).name == "figure" and field.name not in skip
    )


def check_standalone(problems: Problems, obj: object, names: Iterable[str]) -> None:
    """Check each named figure of a new aggregate, and store it exact.

    Example:
        >>> found: Problems = []
        >>> class Report:
        ...     arrests = -1
        >>> check_standalone(found, Report(), ("arrests",))
        >>> print(found[0])
        $.arrests: -1 is negative
    """
    store_exact(obj, names)
    for name in names:
        is_figure(problems, field(name), getattr(obj, name))


def plain_standalone(obj: object, names: Iterable[str]) -> bool:
    """Fast test that each named figure is an exact int of 0 or more, or `None`."""
    for name in names:
        value = getattr(obj, name)
        if value is not None and (type(value) is not int or not 0 <= value < INT_LIMIT):
            return False
    return True
