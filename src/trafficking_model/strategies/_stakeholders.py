"""Strategies of stakeholders."""

from __future__ import annotations

from hypothesis import strategies as st

from trafficking_model.stakeholders import Stakeholder
from trafficking_model.strategies._basics import (
    COUNTRIES,
    IDENTIFIERS,
    SHORT_TEXTS,
    TEXTS,
)
from trafficking_model.strategies._draw import (
    maybe,
    strategy_for,
)
from trafficking_model.vocabularies import (
    StakeholderKind,
)


def draw_stakeholder(
    draw: st.DrawFn, identifier: str, country: str | None
) -> Stakeholder:
    return Stakeholder(
        id=identifier,
        name=draw(TEXTS),
        kind=draw(_STAKEHOLDER_KINDS),
        country=maybe(draw, lambda: draw(COUNTRIES) if country is None else country),
        acronym=maybe(draw, lambda: draw(SHORT_TEXTS)),
    )


_STAKEHOLDER_KINDS = st.sampled_from(StakeholderKind)


@strategy_for(Stakeholder)
def stakeholders(
    *,
    ids: st.SearchStrategy[str] | None = None,
    country: str | None = None,
) -> st.SearchStrategy[Stakeholder]:
    """Draw stakeholders.

    Args:
        ids: Where to draw the ids from; `identifiers()` when left out.
        country: When given, each stakeholder belongs to this country or to
            none; otherwise to any country or none.

    Returns:
        A strategy of `Stakeholder`.

    Example:
        >>> from hypothesis import find
        >>> find(stakeholders(country="AZE"), lambda s: s.country is not None).country
        'AZE'
    """
    id_strategy = IDENTIFIERS if ids is None else ids
    return st.composite(
        lambda draw: draw_stakeholder(draw, draw(id_strategy), country)
    )()
