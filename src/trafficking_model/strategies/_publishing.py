"""Helpers that draw figures as sources publish them: splits, ranges, parts."""

from __future__ import annotations

import typing

import attrs
from hypothesis import strategies as st

from trafficking_model._fields import kind_of
from trafficking_model._figures import NAMES
from trafficking_model.counts import Count, Figure
from trafficking_model.strategies._draw import (
    BOOLEANS,
    E,
    K,
    below,
    pick,
)

if typing.TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence


def split_total(draw: st.DrawFn, total: int, members: Sequence[K]) -> dict[K, int]:
    """Split `total` among `members` at drawn cut points: the parts sum to it."""
    cuts = sorted(below(draw, total) for _ in members[1:])
    bounds = [0, *cuts, total]
    return {member: bounds[i + 1] - bounds[i] for i, member in enumerate(members)}


def draw_breakdown(draw: st.DrawFn, total: int, vocabulary: type[E]) -> dict[E, int]:
    """An empty breakdown, or one that sums to `total`, zeros left in or out."""
    if draw(BOOLEANS):
        return {}
    members = [member for member in vocabulary if draw(BOOLEANS)]
    if not members:
        members = [pick(draw, list(vocabulary))]
    parts = split_total(draw, total, members)
    if draw(BOOLEANS):
        parts = {member: count for member, count in parts.items() if count}
    return parts


# Published figures are drawn from exact ones: each exact value is kept, widened
# into a range that holds it, or left out as not reported. The exact values obey
# every rule, so the published ones can always be satisfied: valid by
# construction, with nothing filtered.
_PUBLISHED = st.sampled_from(["exact", "exact", "exact", "range", "not reported"])
SPREAD = st.integers(min_value=0, max_value=20)


def blur(draw: st.DrawFn, value: int) -> Figure:
    """Publish an exact `value`: as it is, as a range around it, or not at all."""
    how = draw(_PUBLISHED)
    if how == "exact":
        return value
    if how == "not reported":
        return None
    if value < 5 and draw(BOOLEANS):
        return Count(0, 4)  # a small cell suppressed as "<5"
    low = value - below(draw, min(value, 20))
    high = None if draw(BOOLEANS) and draw(BOOLEANS) else value + draw(SPREAD)
    return low if high == low else Count(low, high)


def blur_breakdown(
    draw: st.DrawFn, counts: Mapping[E, int], *, exact: bool
) -> tuple[dict[E, Figure], bool]:
    """Publish a breakdown, perhaps in part; return it and whether it is partial."""
    if exact or not counts:
        return dict(counts), False
    partial = draw(BOOLEANS) and draw(BOOLEANS)
    members = list(counts)
    if partial:
        members = [member for member in members if draw(BOOLEANS)]
    return {member: blur(draw, counts[member]) for member in members}, partial


def derived_names(cls: type) -> frozenset[str]:
    """The figure names that `cls.derived` may hold, as the class declares them."""
    names: frozenset[str] = attrs.fields_dict(cls)["derived"].metadata[NAMES]
    return names


def some_of(draw: st.DrawFn, names: Iterable[str]) -> frozenset[str]:
    """A few of `names`, often none: the figures marked derived."""
    if draw(BOOLEANS):
        return frozenset()
    return frozenset(name for name in sorted(names) if draw(BOOLEANS))


def figure_fields(cls: type) -> tuple[str, ...]:
    """The fields of `cls` that hold one figure, as their kinds declare them."""
    return tuple(
        field.name for field in attrs.fields(cls) if kind_of(field).name == "figure"
    )


def other_figures(
    draw: st.DrawFn,
    cls: type,
    handled: Iterable[str],
    max_count: int,
    *,
    exact: bool,
) -> dict[str, Figure]:
    """Each figure of `cls` not in `handled`, drawn alone and published.

    A figure that no rule ties to another is drawn as any count up to
    `max_count`: exact, or, unless `exact`, as a source might publish it. So a
    figure added to a class is drawn without a change here.
    """
    done = set(handled)
    return {
        name: below(draw, max_count) if exact else blur(draw, below(draw, max_count))
        for name in figure_fields(cls)
        if name not in done
    }
