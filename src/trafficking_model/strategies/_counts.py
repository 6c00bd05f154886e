"""Strategies of counts as publishers give them."""

from __future__ import annotations

from hypothesis import strategies as st

from trafficking_model.counts import Count
from trafficking_model.strategies._draw import (
    BOOLEANS,
    COUNT_LIMIT,
    below,
    check_size,
    strategy_for,
)


@strategy_for(Count)
def counts(*, max_value: int = COUNT_LIMIT) -> st.SearchStrategy[Count]:
    """Draw counts as publishers give them: exact, ranged, `<5`, or open-ended.

    Args:
        max_value: The largest bound drawn.

    Returns:
        A strategy of `Count`.

    Example:
        >>> from hypothesis import find
        >>> find(counts(), lambda c: c.high is None).low >= 0
        True
    """
    check_size("max_value", 0, max_value)

    def build(draw: st.DrawFn) -> Count:
        low = below(draw, max_value)
        if draw(BOOLEANS) and draw(BOOLEANS):
            return Count(low)
        return Count(low, below(draw, max_value, low))

    return st.composite(build)()
