"""Strategies of victim records."""

from __future__ import annotations

import typing

from hypothesis import strategies as st

from trafficking_model._validation import (
    MAX_AGE,
)
from trafficking_model.strategies._basics import (
    COUNTRIES,
    IDENTIFIERS,
)
from trafficking_model.strategies._draw import (
    below,
    maybe,
    ordinal,
    strategy_for,
)
from trafficking_model.strategies._periods import (
    DEFAULT_PERIOD,
    draw_day,
)
from trafficking_model.victims import ADULT_AGE, Victim
from trafficking_model.vocabularies import (
    AgeGroup,
    ExploitationForm,
    IdentificationStatus,
    Sex,
)

if typing.TYPE_CHECKING:
    from collections.abc import Collection

    from trafficking_model.periods import Period


@strategy_for(Victim)
def victims(
    *,
    ids: st.SearchStrategy[str] | None = None,
    country: str | None = None,
    period: Period = DEFAULT_PERIOD,
    statuses: Collection[IdentificationStatus] | None = None,
) -> st.SearchStrategy[Victim]:
    """Draw victim records.

    When the age is known, the age group is derived from it; otherwise any
    group is drawn.

    Args:
        ids: Where to draw the ids from; `identifiers()` when left out.
        country: When given, citizenship is often this country, so that
            aggregates have national and foreign victims; otherwise any.
        period: Days of identification are drawn within this period.
        statuses: The identification statuses to draw from; all by default.

    Returns:
        A strategy of `Victim`.

    Example:
        >>> from hypothesis import Phase, find, settings
        >>> victim = find(
        ...     victims(country="AZE"),
        ...     lambda v: "AZE" in v.citizenship,
        ...     settings=settings(max_examples=10_000, phases=[Phase.generate], database=None),
        ... )
        >>> victim.citizenship >= {"AZE"}
        True
    """
    id_strategy = IDENTIFIERS if ids is None else ids
    citizenships = COUNTRIES if country is None else st.just(country) | COUNTRIES
    identification = st.sampled_from(
        list(IdentificationStatus)
        if statuses is None
        else sorted(statuses, key=ordinal)
    )
    # any age, and often the ones at the edges of the rules: 0, 17, 18, 120
    ages = st.integers(min_value=0, max_value=MAX_AGE) | st.sampled_from(
        [0, ADULT_AGE - 1, ADULT_AGE, MAX_AGE]
    )
    age_groups = st.sampled_from(AgeGroup)
    sexes = st.sampled_from(Sex)
    forms = st.frozensets(st.sampled_from(ExploitationForm), min_size=1)
    no_forms = st.frozensets(st.sampled_from(ExploitationForm))

    def build(draw: st.DrawFn) -> Victim:
        age = maybe(draw, lambda: draw(ages))
        if age is None:
            age_group = draw(age_groups)
        else:
            age_group = AgeGroup.CHILD if age < ADULT_AGE else AgeGroup.ADULT
        # a child when identified was a child when exploited
        when_exploited = maybe(draw, lambda: draw(age_groups))
        if age_group is AgeGroup.CHILD and when_exploited is AgeGroup.ADULT:
            when_exploited = AgeGroup.CHILD
        status = draw(identification)
        not_a_victim = status is IdentificationStatus.NOT_A_VICTIM
        held = [draw(citizenships) for _ in range(below(draw, 2))]
        return Victim(
            id=draw(id_strategy),
            sex=draw(sexes),
            age=age,
            age_group=age_group,
            age_group_at_exploitation=when_exploited,
            citizenship=frozenset(held),
            exploitation=draw(no_forms if not_a_victim else forms),
            identification=status,
            identified_on=maybe(draw, lambda: draw_day(draw, period)),
            identified_by=maybe(draw, lambda: draw(IDENTIFIERS)),
        )

    return st.composite(build)()
