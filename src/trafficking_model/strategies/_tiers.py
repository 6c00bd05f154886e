"""Strategies of TIP tier placements and histories."""

from __future__ import annotations

from hypothesis import strategies as st

from trafficking_model.errors import ValidationError
from trafficking_model.statistics import (
    LAST_YEAR,
)
from trafficking_model.strategies._basics import (
    COUNTRIES,
    TEXTS,
)
from trafficking_model.strategies._draw import (
    BOOLEANS,
    below,
    check_size,
    strategy_for,
)
from trafficking_model.tiers import (
    FIRST_TIP_REPORT,
    TierHistory,
    TierPlacement,
)
from trafficking_model.vocabularies import (
    TipTier,
)

REPORT_YEARS = st.integers(min_value=FIRST_TIP_REPORT, max_value=LAST_YEAR)


@strategy_for(TierPlacement)
def tier_placements(*, country: str | None = None) -> st.SearchStrategy[TierPlacement]:
    """Draw single TIP placements; only a Watch List placement carries a waiver.

    Args:
        country: The country placed; any country when left out.

    Returns:
        A strategy of `TierPlacement`.

    Example:
        >>> from hypothesis import find
        >>> find(tier_placements(), lambda p: p.waiver).tier.label
        'Tier 2 Watch List'
    """

    def build(draw: st.DrawFn) -> TierPlacement:
        tier = draw(TIERS)
        return TierPlacement(
            country=draw(COUNTRIES) if country is None else country,
            report_year=draw(REPORT_YEARS),
            tier=tier,
            waiver=tier is TipTier.TIER_2_WATCH_LIST and draw(BOOLEANS),
            source=draw(TEXTS),
        )

    return st.composite(build)()


# Watch List placements are drawn often, so that histories reach the rules.
_HISTORY_TIERS = st.sampled_from(
    [TipTier.TIER_2_WATCH_LIST] * 3
    + [TipTier.TIER_1, TipTier.TIER_2, TipTier.TIER_3]
    + [TipTier.SPECIAL_CASE]
)


@strategy_for(TierHistory)
def tier_histories(
    *, country: str | None = None, max_placements: int = 12
) -> st.SearchStrategy[TierHistory]:
    """Draw tier histories that keep the statute's rules.

    Each placement is drawn after the ones before it: a Watch List placement
    that the rules allow only with a waiver gets one, and one they do not
    allow at all becomes Tier 3. Some report years are left out.

    Args:
        country: The country; any country when left out.
        max_placements: The most placements.

    Returns:
        A strategy of `TierHistory`.

    Example:
        >>> from hypothesis import find
        >>> history = find(
        ...     tier_histories(country="AZE"),
        ...     lambda h: any(p.waiver for p in h.placements),
        ... )
        >>> history.country, [p.tier.label for p in history.placements if p.waiver]
        ('AZE', ['Tier 2 Watch List'])
    """
    check_size("max_placements", 0, max_placements)

    def build(draw: st.DrawFn) -> TierHistory:
        code = draw(COUNTRIES) if country is None else country
        source = draw(TEXTS)
        year = draw(st.integers(min_value=FIRST_TIP_REPORT, max_value=2040))
        placements: list[TierPlacement] = []
        for _ in range(below(draw, max_placements)):
            year += 1 + (below(draw, 5) == 0)  # now and then a year left out
            if year > LAST_YEAR:
                break
            tier = draw(_HISTORY_TIERS)
            waiver = tier is TipTier.TIER_2_WATCH_LIST and draw(BOOLEANS)
            for choice in ((tier, waiver), (tier, not waiver), (TipTier.TIER_3, False)):
                if choice[0] is not TipTier.TIER_2_WATCH_LIST and choice[1]:
                    continue
                candidate = TierPlacement(
                    country=code,
                    report_year=year,
                    tier=choice[0],
                    waiver=choice[1],
                    source=source,
                )
                if _keeps_the_rules(code, [*placements, candidate]):
                    placements.append(candidate)
                    break
        return TierHistory(country=code, placements=tuple(placements))

    return st.composite(build)()


def _keeps_the_rules(country: str, placements: list[TierPlacement]) -> bool:
    try:
        TierHistory(country=country, placements=tuple(placements))
    except ValidationError:
        return False
    return True


TIERS = st.sampled_from(TipTier)
