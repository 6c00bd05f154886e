"""Comparing two reports or two figure sets: the change of each figure.

[`compare`][trafficking_model.compare] lines up the figures of two objects of
the same type by name and gives, for each, the change from the first to the
second: absolute (`after - before`) and relative (`after / before - 1`). Ranges
in give ranges out; a figure not reported on either side gives `None`.

`Change`, `Difference` and `Comparison` are results, computed from figures,
not data read from a source: they have no JSON form and no JSON Schema.

Example:
    >>> from trafficking_model import ProsecutionOutcome
    >>> comparison = compare(
    ...     ProsecutionOutcome(defendants=35, indicted=28, sentenced=28),
    ...     ProsecutionOutcome(defendants=40, indicted=30, sentenced=21),
    ... )
    >>> print(comparison["sentenced"])
    sentenced: 28 -> 21 (-7, -25.0%)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, overload

import attrs

from trafficking_model._figures import bounds, is_figure, show
from trafficking_model._validation import (
    TYPE,
    Problems,
    field,
    is_in_order,
    is_text,
    is_tuple_of,
    raise_if_any,
    wrong_type,
)
from trafficking_model.counts import Figure
from trafficking_model.errors import Problem, ValidationError
from trafficking_model.monitoring import PlanProgress, ReviewComparison
from trafficking_model.plans import PlanReview, compare_reviews
from trafficking_model.prosecution import ProsecutionOutcome
from trafficking_model.ratios import Ratio, change
from trafficking_model.reports import CountryReport
from trafficking_model.statistics import (
    CaseStatistics,
    LawEnforcementFigures,
    VictimStatistics,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

__all__ = ["Change", "Comparison", "Difference", "compare"]


@attrs.frozen
class Difference:
    """An absolute change, known to lie between two whole numbers.

    Unlike a `Count`, a difference can be negative, and unbounded either way.

    Attributes:
        low: The smallest value it can have; `None` for no lower bound.
        high: The largest value; `None` for no upper bound.

    Example:
        >>> str(Difference(-2, 3)), str(Difference(4, 4)), str(Difference(None, 5))
        ('-2 to +3', '+4', 'at most +5')
        >>> Difference(3, -2)
        Traceback (most recent call last):
        ...
        trafficking_model.errors.ValidationError: $.high: -2 is below low (3)
    """

    low: int | None
    high: int | None

    def __attrs_post_init__(self) -> None:
        """Check the bounds: ints, in order."""
        problems: Problems = []
        ok = True
        for name in ("low", "high"):
            value = getattr(self, name)
            if value is not None and type(value) is not int:
                ok = wrong_type(problems, field(name), value, "int or None")
        if ok:
            is_in_order(problems, self.low, self.high)
        raise_if_any(problems)

    @property
    def is_exact(self) -> bool:
        """Whether the difference is one number.

        Example:
            >>> Difference(4, 4).is_exact
            True
        """
        return self.low is not None and self.low == self.high

    def __str__(self) -> str:
        """The difference with its sign, or its range."""
        if self.low is None and self.high is None:
            return "unknown"
        if self.low is None:
            return f"at most {self.high:+d}"
        if self.high is None:
            return f"at least {self.low:+d}"
        if self.low == self.high:
            return f"{self.low:+d}"
        return f"{self.low:+d} to {self.high:+d}"


@attrs.frozen(kw_only=True)
class Change:
    """How one figure changed from one object to another.

    Attributes:
        name: The figure, such as `prosecution.sentenced`,
            `victims.by_sex.female` or `law_enforcement.2021.convictions`.
        before: The figure in the first object.
        after: The figure in the second.

    Example:
        >>> from trafficking_model import Count
        >>> change = Change(name="total", before=Count(10, 14), after=20)
        >>> change.absolute, str(change.relative)
        (Difference(low=6, high=10), '42.9%-100.0%')
        >>> Change(name="total", before=None, after=20).absolute is None
        True
    """

    name: str
    before: Figure
    after: Figure

    def __attrs_post_init__(self) -> None:
        """Check the name and the figures."""
        problems: Problems = []
        is_text(problems, field("name"), self.name)
        is_figure(problems, field("before"), self.before)
        is_figure(problems, field("after"), self.after)
        raise_if_any(problems)

    @property
    def absolute(self) -> Difference | int | None:
        """`after - before`: an int where both are exact, else a `Difference`.

        `None` where either figure is not reported.

        Example:
            >>> Change(name="x", before=28, after=21).absolute
            -7
        """
        if self.before is None or self.after is None:
            return None
        before_low, before_high = bounds(self.before)
        after_low, after_high = bounds(self.after)
        low = None if before_high is None else after_low - before_high
        high = None if after_high is None else after_high - before_low
        if low is not None and low == high:
            return low
        return Difference(low, high)

    @property
    def relative(self) -> Ratio | None:
        """`after / before - 1`, `None` where either is not reported or `before` can be 0.

        Example:
            >>> str(Change(name="x", before=20, after=30).relative)
            '50.0%'
        """
        return change(self.before, self.after)

    @property
    def changed(self) -> bool:
        """Whether the figure is not the same on both sides, as published.

        Example:
            >>> Change(name="x", before=3, after=3).changed
            False
        """
        return self.before != self.after

    def __str__(self) -> str:
        """`name: before -> after (absolute, relative)`."""
        text = f"{self.name}: {show(self.before)} -> {show(self.after)}"
        absolute = self.absolute
        if absolute is None:
            return text
        shown = f"{absolute:+d}" if type(absolute) is int else str(absolute)
        relative = self.relative
        if relative is not None:
            if relative.is_exact:
                shown += f", {relative.low:+.1%}"
            else:
                shown += f", {relative}"
        return f"{text} ({shown})"


@attrs.frozen(kw_only=True)
class Comparison:
    """The change of every figure between two objects of the same type.

    Attributes:
        changes: One `Change` per figure given on either side, in the order
            of the objects' fields.

    Example:
        >>> from trafficking_model import VictimStatistics, Sex
        >>> comparison = compare(
        ...     VictimStatistics(total=189, by_sex={Sex.FEMALE: 184, Sex.MALE: 5}),
        ...     VictimStatistics(total=200, by_sex={Sex.FEMALE: 190, Sex.MALE: 10}),
        ... )
        >>> print(comparison)
        total: 189 -> 200 (+11, +5.8%)
        by_sex.female: 184 -> 190 (+6, +3.3%)
        by_sex.male: 5 -> 10 (+5, +100.0%)
    """

    changes: tuple[Change, ...]

    def __attrs_post_init__(self) -> None:
        """Check that `changes` is a tuple of `Change`."""
        problems: Problems = []
        is_tuple_of(problems, field("changes"), self.changes, Change)
        raise_if_any(problems)

    def __getitem__(self, name: str) -> Change:
        """The change of the figure called `name`.

        Raises:
            KeyError: If neither object gives a figure of that name.
        """
        for item in self.changes:
            if item.name == name:
                return item
        raise KeyError(name)

    @property
    def changed(self) -> tuple[Change, ...]:
        """The figures that differ between the two objects.

        Example:
            >>> from trafficking_model import ProsecutionOutcome
            >>> same = ProsecutionOutcome(defendants=3, indicted=2, sentenced=1)
            >>> compare(same, same).changed
            ()
        """
        return tuple(item for item in self.changes if item.changed)

    def __str__(self) -> str:
        """One line per change."""
        return "\n".join(str(item) for item in self.changes)


Flat = dict[str, Figure]


def _plain(names: Iterable[str]) -> Callable[[Any], Flat]:
    fixed = tuple(names)

    def flatten(obj: Any) -> Flat:  # noqa: ANN401 - a figure set
        return {name: getattr(obj, name) for name in fixed}

    return flatten


def _with_breakdowns(breakdowns: Iterable[str]) -> Callable[[Any], Flat]:
    names = tuple(breakdowns)

    def flatten(obj: Any) -> Flat:  # noqa: ANN401 - a figure set
        flat: Flat = {"total": obj.total}
        for name in names:
            counts: Mapping[Any, Figure] = getattr(obj, name)
            for member, figure in counts.items():
                flat[f"{name}.{member.value}"] = figure
        return flat

    return flatten


def _missing(obj: Any, name: str) -> Figure:  # noqa: ANN401 - a figure set
    """A figure one side does not list: 0 in a complete breakdown, else unknown."""
    breakdown, _, _ = name.rpartition(".")
    counts = getattr(obj, breakdown, None) if breakdown else None
    if counts and breakdown not in obj.partial:
        return 0
    return None


_FLATTEN: dict[type[Any], Callable[[Any], Flat]] = {
    ProsecutionOutcome: _plain(
        (
            "defendants",
            "indicted",
            "sentenced",
            "acquitted",
            "imprisonment",
            "conditional",
            "postponed",
            "fined",
        )
    ),
    CaseStatistics: _with_breakdowns(("by_offence",)),
    VictimStatistics: _with_breakdowns(
        ("by_sex", "by_age_group", "by_citizenship", "by_exploitation")
    ),
    LawEnforcementFigures: _plain(
        name
        for name in attrs.fields_dict(LawEnforcementFigures)
        if name not in ("year", "derived")
    ),
}


def _figure_sets(report: CountryReport) -> dict[str, object]:
    sets: dict[str, object] = {
        "cases": report.cases,
        "prosecution": report.prosecution,
        "victims": report.victims,
    }
    for figures in report.law_enforcement:
        sets[f"law_enforcement.{figures.year}"] = figures
    return sets


def _compare_sets(before: object, after: object, prefix: str = "") -> list[Change]:
    flatten = _FLATTEN[type(before if before is not None else after)]
    old = flatten(before) if before is not None else {}
    new = flatten(after) if after is not None else {}
    changes = []
    for name in [*old, *(name for name in new if name not in old)]:
        was = old[name] if name in old else _side(before, name)
        now = new[name] if name in new else _side(after, name)
        changes.append(Change(name=prefix + name, before=was, after=now))
    return changes


def _side(obj: object, name: str) -> Figure:
    return None if obj is None else _missing(obj, name)


def _compare_reports(before: CountryReport, after: CountryReport) -> list[Change]:
    old, new = _figure_sets(before), _figure_sets(after)
    changes: list[Change] = []
    for name in [*old, *(name for name in new if name not in old)]:
        was, now = old.get(name), new.get(name)
        if was is not None or now is not None:
            changes.extend(_compare_sets(was, now, f"{name}."))
    return changes


_COMPARERS: dict[type[Any], Callable[[Any, Any], list[Change]]] = {
    CountryReport: _compare_reports,
    **dict.fromkeys(_FLATTEN, _compare_sets),
}
"""How to compare two objects of each type: one entry per type."""


@overload
def compare(before: CountryReport, after: CountryReport) -> Comparison: ...
@overload
def compare(before: CaseStatistics, after: CaseStatistics) -> Comparison: ...
@overload
def compare(before: VictimStatistics, after: VictimStatistics) -> Comparison: ...
@overload
def compare(before: ProsecutionOutcome, after: ProsecutionOutcome) -> Comparison: ...
@overload
def compare(
    before: LawEnforcementFigures, after: LawEnforcementFigures
) -> Comparison: ...
@overload
def compare(
    before: PlanReview | PlanProgress, after: PlanReview | PlanProgress
) -> ReviewComparison: ...
def compare(before: object, after: object) -> Comparison | ReviewComparison:
    """The change of each figure from `before` to `after`, or between two reviews.

    Args:
        before: A `CountryReport`, `CaseStatistics`, `VictimStatistics`,
            `ProsecutionOutcome` or `LawEnforcementFigures`; or a `PlanReview`
            with a snapshot, or a `PlanProgress`.
        after: Another object of the same type, such as the next year's, or
            the later review.

    Returns:
        For figures, one `Change` per figure given on either side. For two
        reports, each section's figures are named after it (`victims.total`),
        and the yearly figures after their year
        (`law_enforcement.2021.convictions`). For two reviews or snapshots,
        what [`compare_reviews`][trafficking_model.compare_reviews] gives: the
        measures new or dropped, the status changes and the indicators that
        moved.

    Raises:
        ValidationError: If the two are not of the same type, or of no type
            above (rule `type`); for reviews, as `compare_reviews` raises.

    Example:
        >>> from trafficking_model import CountryReport, Period, VictimStatistics
        >>> def report(year, total):
        ...     return CountryReport(
        ...         country="ATA",  # fictional
        ...         period=Period.from_years(year),
        ...         source="A made-up table",
        ...         victims=VictimStatistics(total=total),
        ...     )
        >>> print(compare(report(2020, 40), report(2021, 50)))
        victims.total: 40 -> 50 (+10, +25.0%)

        Two reviews of a plan:

        >>> from trafficking_model.examples import demonstration_plan
        >>> first, second = demonstration_plan().reviews
        >>> compare(first, second).new_measures
        ('XTA-M-4',)
    """
    if isinstance(before, _REVIEWS) and isinstance(after, _REVIEWS):
        return compare_reviews(before, after)
    comparer = _COMPARERS.get(type(before))
    if comparer is None or type(after) is not type(before):
        raise ValidationError(
            [
                Problem(
                    path="$",
                    message="compare needs two reports, two figure sets of the "
                    "same type or two reviews, got "
                    f"{type(before).__name__} and {type(after).__name__}",
                    rule=TYPE,
                )
            ]
        )
    return Comparison(changes=tuple(comparer(before, after)))


_REVIEWS = (PlanReview, PlanProgress)
