"""Ratios of published figures: rates, shares and relative changes.

A ratio of two figures is known as well as the figures are: exactly when both
are exact, as a range when either is a range, and not at all (`None`) when
either is not reported or the denominator is zero. A `Count` holds whole
numbers only, so a ratio is a `Ratio`: a closed range of floats, exact when its
bounds are equal.

`Ratio` is a result, computed from figures, not data read from a source: it has
no JSON form and no JSON Schema.

Example:
    >>> from trafficking_model import Count
    >>> share(3, 4)
    Ratio(low=0.75, high=0.75)
    >>> share(Count(0, 4), 20)
    Ratio(low=0.0, high=0.2)
    >>> share(None, 4) is None, share(0, 0) is None
    (True, True)
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import attrs

from trafficking_model._figures import bounds
from trafficking_model._validation import (
    FINITE,
    Problems,
    add,
    is_in_order,
    raise_if_any,
    wrong_type,
)

if TYPE_CHECKING:
    from trafficking_model.counts import Figure

__all__ = ["Ratio"]


@attrs.frozen
class Ratio:
    """A ratio known to lie between two numbers, both included.

    Attributes:
        low: The smallest value the ratio can have.
        high: The largest value, at least `low`; `None` for no upper bound.

    Example:
        >>> Ratio(0.25, 0.5).is_exact, str(Ratio(0.25, 0.5))
        (False, '25.0%-50.0%')
        >>> str(Ratio(0.8, 0.8)), str(Ratio(-0.5))
        ('80.0%', 'at least -50.0%')
        >>> Ratio(0.5, 0.25)
        Traceback (most recent call last):
        ...
        trafficking_model.errors.ValidationError: $.high: 0.25 is below low (0.5)
    """

    low: float
    high: float | None = None

    def __attrs_post_init__(self) -> None:
        """Check the bounds: finite numbers, in order."""
        problems: Problems = []
        low_ok = _is_bound(problems, "$.low", self.low)
        if (
            self.high is not None
            and _is_bound(problems, "$.high", self.high)
            and low_ok
        ):
            is_in_order(problems, self.low, self.high)
        raise_if_any(problems)

    @property
    def is_exact(self) -> bool:
        """Whether the ratio is one number.

        Example:
            >>> Ratio(0.5, 0.5).is_exact
            True
        """
        return self.high == self.low

    def __contains__(self, value: object) -> bool:
        """Whether `value`, a number, is a value the ratio can have.

        Example:
            >>> 0.3 in Ratio(0.25, 0.5)
            True
        """
        return (
            type(value) in (int, float)
            and self.low <= value  # type: ignore[operator]
            and (self.high is None or value <= self.high)  # type: ignore[operator]
        )

    def __str__(self) -> str:
        """The ratio as a percentage, or a range of percentages.

        Example:
            >>> str(Ratio(1 / 3, 1 / 3))
            '33.3%'
        """
        if self.high is None:
            return f"at least {self.low:.1%}"
        if self.is_exact:
            return f"{self.low:.1%}"
        return f"{self.low:.1%}-{self.high:.1%}"


def _is_bound(problems: Problems, path: str, value: object) -> bool:
    if type(value) not in (int, float):
        return wrong_type(problems, path, value, "float")
    if not math.isfinite(value):  # type: ignore[arg-type]
        add(problems, path, FINITE, f"{value} is not a finite number")
        return False
    return True


def share(part: Figure, whole: Figure) -> Ratio | None:
    """The share `part / whole` of a part within its whole, from 0 to 1.

    The part is never more than the whole (the aggregates' rules see to it),
    so the share's range uses that too: with the part `<5` of a whole of 3, the
    share is from 0 to 1, not to 4/3.

    Args:
        part: A figure counted within `whole`.
        whole: The figure it is a part of.

    Returns:
        The share, or `None` when either figure is not reported or the whole
        is 0.

    Example:
        >>> from trafficking_model import Count
        >>> share(5, 189)
        Ratio(low=0.026455026455026454, high=0.026455026455026454)
        >>> share(Count(10, 14), Count(20, 40))
        Ratio(low=0.25, high=0.7)
    """
    if part is None or whole is None:
        return None
    part_low, part_high = bounds(part)
    whole_low, whole_high = bounds(whole)
    if whole_high == 0:
        return None
    low = 0.0 if whole_high is None else min(1.0, part_low / whole_high)
    smallest_whole = max(whole_low, part_low, 1)
    if part_high is None or part_high >= smallest_whole:
        high = 1.0
    else:
        high = part_high / smallest_whole
    return Ratio(low, high)


def change(before: Figure, after: Figure) -> Ratio | None:
    """The relative change from `before` to `after`: `after / before - 1`.

    Args:
        before: The earlier figure.
        after: The later figure.

    Returns:
        The change (0.5 for a rise by half, -0.25 for a fall by a quarter), or
        `None` when either figure is not reported or `before` can be 0.

    Example:
        >>> from trafficking_model import Count
        >>> change(20, 30)
        Ratio(low=0.5, high=0.5)
        >>> change(Count(10, 20), 30)
        Ratio(low=0.5, high=2.0)
        >>> change(Count(0, 4), 30) is None
        True
    """
    if before is None or after is None:
        return None
    before_low, before_high = bounds(before)
    after_low, after_high = bounds(after)
    if before_low == 0:
        return None
    low = -1.0 if before_high is None else after_low / before_high - 1
    high = None if after_high is None else after_high / before_low - 1
    return Ratio(low, high)
