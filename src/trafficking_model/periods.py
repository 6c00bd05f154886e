"""Reporting and planning periods."""

from __future__ import annotations

import datetime as dt

import attrs

from trafficking_model import _fields as kinds
from trafficking_model._rules import owns, rule
from trafficking_model._validation import Problems, add, field, is_date, raise_if_any

__all__ = ["Period"]


_PERIOD_ORDER = rule(
    "period_order",
    "A period ends on or after the day it starts.",
)


@owns(_PERIOD_ORDER)
@attrs.frozen(kw_only=True)
class Period:
    """A closed range of calendar days, both ends included.

    Attributes:
        start: The first day.
        end: The last day, on or after `start`.

    Raises:
        ValidationError: If either end is not a `datetime.date` (a `datetime` is
            not a date), or `start` is after `end`.

    Example:
        >>> import datetime as dt
        >>> period = Period(start=dt.date(2020, 1, 1), end=dt.date(2021, 12, 31))
        >>> period.contains(dt.date(2021, 6, 30))
        True
        >>> period == Period.from_years(2020, 2021)
        True
        >>> Period(start=dt.date(2021, 1, 1), end=dt.date(2020, 1, 1))
        Traceback (most recent call last):
        ...
        trafficking_model.errors.ValidationError: $.end: end 2020-01-01 is before start 2021-01-01
    """

    start: dt.date = attrs.field(metadata=kinds.date())
    end: dt.date = attrs.field(metadata=kinds.date())

    def __attrs_post_init__(self) -> None:
        """Check every rule at once."""
        if _plainly_valid(self):
            return
        problems: Problems = []
        start_ok = is_date(problems, field("start"), self.start)
        end_ok = is_date(problems, field("end"), self.end)
        if start_ok and end_ok and self.start > self.end:
            add(
                problems,
                field("end"),
                _PERIOD_ORDER,
                f"end {self.end} is before start {self.start}",
            )
        raise_if_any(problems)

    @classmethod
    def from_years(cls, first: int, last: int | None = None) -> Period:
        """Make the period from 1 January of `first` to 31 December of `last`.

        Args:
            first: The first calendar year.
            last: The last calendar year; `first` when left out.

        Returns:
            The period covering those whole years.

        Example:
            >>> Period.from_years(2020, 2024)
            Period(start=datetime.date(2020, 1, 1), end=datetime.date(2024, 12, 31))
        """
        return cls(
            start=dt.date(first, 1, 1),
            end=dt.date(first if last is None else last, 12, 31),
        )

    def contains(self, day: dt.date) -> bool:
        """Tell whether `day` falls within this period, ends included.

        Example:
            >>> Period.from_years(2020).contains(dt.date(2021, 1, 1))
            False
        """
        return self.start <= day <= self.end

    def contains_period(self, other: Period) -> bool:
        """Tell whether `other` lies wholly within this period.

        Example:
            >>> Period.from_years(2020, 2024).contains_period(Period.from_years(2022))
            True
        """
        return self.start <= other.start and other.end <= self.end

    @property
    def years(self) -> range:
        """The calendar years this period touches.

        Example:
            >>> list(Period.from_years(2020, 2021).years)
            [2020, 2021]
        """
        return range(self.start.year, self.end.year + 1)

    def __str__(self) -> str:
        """Render as an ISO 8601 interval, `start/end`."""
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


def _plainly_valid(period: Period) -> bool:
    """Accept a valid period fast; anything else goes to the detailed check.

    This only ever accepts. Every rejection, and its message, comes from the
    detailed check, so this must never accept a period that check rejects.
    """
    start, end = period.start, period.end
    return type(start) is dt.date and type(end) is dt.date and start <= end
