"""Counts as they are published: exact, ranged, open-ended, or not reported.

Published tables rarely give every figure exactly. UNODC suppresses small cells
as `<5`, some publishers give ranges such as `10-14`, and many tables leave a
column out altogether. A figure of an aggregate is therefore a `Figure`:

- an `int`, when the source gives the exact number;
- a `Count`, a closed range of whole numbers (`Count(0, 4)` for `<5`), or an
  open one (`Count(101)` for `>100`), when the source gives a range;
- `None`, when the source does not give the figure. Not reported is never 0.

Example:
    >>> Count.parse("<5")
    Count(low=0, high=4)
    >>> str(Count(10, 14)), Count(10, 14).is_exact
    ('10-14', False)
"""

from __future__ import annotations

import re
from typing import TypeAlias

import attrs

from trafficking_model import _fields as kinds
from trafficking_model._rules import owns, rule
from trafficking_model._validation import (
    INT_LIMIT,
    INT_SIZE,
    MAX_INT_DIGITS,
    NON_NEGATIVE,
    RANGE_ORDER,
    TYPE,
    describe,
    is_in_order,
    number,
    wrong_type,
)
from trafficking_model.errors import Problem, ValidationError

__all__ = ["Count", "Figure"]


def _fail(rule: str, message: str, path: str = "$") -> ValidationError:
    return ValidationError([Problem(path=path, message=message, rule=rule)])


_COUNT_TEXT = rule(
    "count_text",
    "Text given to `Count.parse` is a count in a known form, such as 12, <5, 10-14 or "
    ">100: a cell in no known form is not guessed at.",
    checked_on="the text given to `Count.parse`",
)


@owns(RANGE_ORDER, NON_NEGATIVE)
@attrs.frozen(order=False)
class Count:
    """A count known to lie between two whole numbers, both included.

    `high=None` means "at least `low`", with no upper bound. A `Count` whose
    bounds are equal is exact; an aggregate stores an exact `Count` as its
    `int`, so that `Count.exact(12)` and `12` make equal objects. Counts have
    no order: of two ranges that overlap, neither is smaller.

    Attributes:
        low: The smallest value the count can have, 0 or more.
        high: The largest value, at least `low`; `None` for no upper bound.

    Example:
        >>> Count(0, 4)
        Count(low=0, high=4)
        >>> Count(101).high is None
        True
        >>> 3 in Count(0, 4), 5 in Count(0, 4)
        (True, False)
        >>> Count(5, 2)
        Traceback (most recent call last):
        ...
        trafficking_model.errors.ValidationError: $.high: 2 is below low (5)
    """

    low: int = attrs.field(metadata=kinds.integer(0, rule="non_negative"))
    high: int | None = attrs.field(
        default=None, metadata=kinds.integer(0, optional=True, rule="non_negative")
    )

    def __attrs_post_init__(self) -> None:
        """Check the bounds: whole numbers, not negative, in order."""
        problems: list[Problem] = []
        low_ok = _check_bound(problems, "$.low", self.low)
        if (
            self.high is not None
            and _check_bound(problems, "$.high", self.high)
            and low_ok
        ):
            is_in_order(problems, self.low, self.high)
        if problems:
            raise ValidationError(problems)

    @classmethod
    def exact(cls, value: int) -> Count:
        """The count of exactly `value`.

        Args:
            value: A whole number, 0 or more.

        Returns:
            A `Count` whose bounds are both `value`.

        Example:
            >>> Count.exact(12).is_exact
            True
        """
        return cls(value, value)

    @classmethod
    def parse(cls, text: str, *, zeros_printed: bool = False) -> Count:
        """Read a count in one of the forms publishers print.

        The forms are `12` (exact; `1,379` with thousands separators too),
        `<5` (below 5), `10-14` (a range, with a hyphen or an en dash), `>100`
        (above 100), `>=100` or `≥100` (100 or more) and `100+` (100 or more).
        Surrounding whitespace is ignored.

        Args:
            text: The cell as published.
            zeros_printed: Whether the publisher prints zeros as `0` and
                suppresses only the counts from 1 up: then `<5` means 1 to 4.
                By default `<5` means 0 to 4.

        Returns:
            The count, exact where the text is exact.

        Raises:
            ValidationError: If `text` is not a str in one of these forms.

        Example:
            >>> Count.parse("<5"), Count.parse("<5", zeros_printed=True)
            (Count(low=0, high=4), Count(low=1, high=4))
            >>> Count.parse("10-14"), Count.parse(">100"), Count.parse("1,379")
            (Count(low=10, high=14), Count(low=101, high=None), Count(low=1379, high=1379))
            >>> Count.parse("about 5")
            Traceback (most recent call last):
            ...
            trafficking_model.errors.ValidationError: $: 'about 5' is not a count; expected a form such as 12, <5, 10-14 or >100
        """
        if type(text) is not str:
            raise _fail(TYPE, f"expected str, got {describe(text)}")
        match = _FORM.fullmatch(text.strip())
        if match is None:
            shown = text if len(text) <= 40 else text[:37] + "..."
            msg = (
                f"{shown!r} is not a count; "
                "expected a form such as 12, <5, 10-14 or >100"
            )
            raise _fail(_COUNT_TEXT, msg)
        exact, below, low, high, above, at_least, plus = (
            None if group is None else int(group.replace(",", ""))
            for group in match.groups()
        )
        if exact is not None:
            return cls(exact, exact)
        if below is not None:
            if below < (2 if zeros_printed else 1):
                msg = f"<{below} leaves no count"
                raise _fail(_COUNT_TEXT, msg)
            return cls(1 if zeros_printed else 0, below - 1)
        if low is not None and high is not None:
            return cls(low, high)
        if above is not None:
            return cls(above + 1)
        minimum = at_least if at_least is not None else plus
        assert minimum is not None
        return cls(minimum)

    @property
    def is_exact(self) -> bool:
        """Whether the count is one number.

        Example:
            >>> Count(3, 3).is_exact, Count(0, 4).is_exact
            (True, False)
        """
        return self.high == self.low

    def __contains__(self, value: object) -> bool:
        """Whether `value` is a whole number the count can be.

        Example:
            >>> 100 in Count(50)
            True
        """
        return (
            type(value) is int
            and self.low <= value
            and (self.high is None or value <= self.high)
        )

    def __str__(self) -> str:
        """The canonical published form, which `parse` reads back.

        Example:
            >>> [str(c) for c in (Count(12, 12), Count(0, 4), Count(1, 4), Count(101))]
            ['12', '<5', '1-4', '>100']
        """
        if self.high is None:
            return f">{self.low - 1}" if self.low else ">=0"
        if self.high == self.low:
            return str(self.low)
        if self.low == 0:
            return f"<{self.high + 1}"
        return f"{self.low}-{self.high}"


Figure: TypeAlias = int | Count | None
"""A published figure: an exact `int`, a ranged `Count`, or `None` (not reported).

Example:
    >>> figure: Figure = Count.parse("<5")
"""

_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+)"
_FORM = re.compile(
    rf"{_NUMBER}|<\s*{_NUMBER}|{_NUMBER}\s*[-\u2013]\s*{_NUMBER}"
    rf"|>\s*{_NUMBER}|(?:>=|\u2265)\s*{_NUMBER}|{_NUMBER}\s*\+",
    re.ASCII,
)


def _check_bound(problems: list[Problem], path: str, value: object) -> bool:
    if type(value) is not int:
        return wrong_type(problems, path, value, "int")
    if value < 0:
        message = f"{number(value)} is negative"
        problems.append(Problem(path=path, message=message, rule=NON_NEGATIVE))
        return False
    if value >= INT_LIMIT:
        message = f"{number(value)} is too long: at most {MAX_INT_DIGITS} digits"
        problems.append(Problem(path=path, message=message, rule=INT_SIZE))
        return False
    return True
