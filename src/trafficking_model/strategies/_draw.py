"""Helpers shared by the strategies: drawing ints, picks, subsets and maybes."""

from __future__ import annotations

import typing
from enum import Enum
from typing import Any, TypeVar

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Sequence

K = TypeVar("K")
T = TypeVar("T")
E = TypeVar("E", bound=Enum)


CHARACTERS = st.characters(codec="utf-8")
COUNT_LIMIT = 10_000


BOOLEANS = st.booleans()


NUMBERS = st.integers(min_value=-(10**9), max_value=10**9) | st.floats(
    allow_nan=False, allow_infinity=False
)


def check_size(name: str, low: int, high: int | None) -> None:
    if low < 0 or (high is not None and high < low):
        msg = f"{name}: need 0 <= min ({low}) <= max ({high})"
        raise InvalidArgument(msg)


def below(draw: st.DrawFn, high: int, low: int = 0) -> int:
    """Draw an int in `low..high`."""
    result: int = draw(st.integers(min_value=low, max_value=high))
    return result


def pick(draw: st.DrawFn, items: Sequence[T]) -> T:
    """Draw one of `items`, which must not be empty."""
    return items[below(draw, len(items) - 1)]


def maybe(draw: st.DrawFn, make: Callable[[], T]) -> T | None:
    """Draw `None`, or whatever `make` draws."""
    return make() if draw(BOOLEANS) else None


def subset(
    draw: st.DrawFn, known: Sequence[str], *, at_least_one: bool = False
) -> frozenset[str]:
    """Draw a subset of `known` (not empty, if asked and possible)."""
    chosen = {name for name in known if draw(BOOLEANS)}
    if at_least_one and known and not chosen:
        chosen.add(pick(draw, known))
    return frozenset(chosen)


def ordinal(member: Enum) -> int:
    return list(type(member)).index(member)


S = TypeVar("S", bound="Callable[..., st.SearchStrategy[Any]]")

STRATEGIES: dict[type, Callable[..., st.SearchStrategy[Any]]] = {}
"""The shipped strategy of each data class, filled by `strategy_for`."""


def strategy_for(cls: type) -> Callable[[S], S]:
    """Record the decorated function as the strategy of valid values of `cls`.

    Example:
        >>> from trafficking_model import Period, strategies
        >>> STRATEGIES[Period] is strategies.periods
        True
    """

    def record(strategy: S) -> S:
        STRATEGIES[cls] = strategy
        return strategy

    return record
