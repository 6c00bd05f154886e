"""Strategies of criminal cases and their defendants."""

from __future__ import annotations

import typing

from hypothesis import strategies as st

from trafficking_model.cases import Case, Defendant
from trafficking_model.strategies._basics import (
    IDENTIFIERS,
    texts,
    unique_ids,
)
from trafficking_model.strategies._draw import (
    BOOLEANS,
    check_size,
    maybe,
    ordinal,
    strategy_for,
    subset,
)
from trafficking_model.strategies._periods import (
    DEFAULT_PERIOD,
    draw_day,
)
from trafficking_model.vocabularies import (
    Disposition,
    OffenceType,
    Sex,
)

if typing.TYPE_CHECKING:
    from collections.abc import Collection

    from trafficking_model.periods import Period

MONTHS = st.integers(min_value=1, max_value=1200)


def _defendant(
    draw: st.DrawFn,
    identifier: str,
    outcomes: st.SearchStrategy[Disposition] | None = None,
    months: st.SearchStrategy[int] = MONTHS,
) -> Defendant:
    disposition = draw(_DISPOSITIONS if outcomes is None else outcomes)
    imprisoned = disposition is Disposition.IMPRISONMENT
    return Defendant(
        id=identifier,
        sex=draw(_SEXES),
        indicted=disposition.requires_indictment or draw(BOOLEANS),
        disposition=disposition,
        sentence_months=maybe(draw, lambda: draw(months)) if imprisoned else None,
    )


_DISPOSITIONS = st.sampled_from(Disposition)
_SEXES = st.sampled_from(Sex)


@strategy_for(Defendant)
def defendants(
    *,
    ids: st.SearchStrategy[str] | None = None,
    dispositions: Collection[Disposition] | None = None,
    max_sentence_months: int = 1200,
) -> st.SearchStrategy[Defendant]:
    """Draw defendants, with an outcome that fits their indictment.

    A defendant with an outcome that needs an indictment is indicted, and
    only imprisonment comes with `sentence_months`.

    Args:
        ids: Where to draw the ids from; `identifiers()` when left out.
        dispositions: The outcomes to draw from; all by default.
        max_sentence_months: The longest prison sentence.

    Returns:
        A strategy of `Defendant`.

    Example:
        >>> from hypothesis import find
        >>> find(defendants(), lambda d: d.sentence_months is not None).disposition
        <Disposition.IMPRISONMENT: 'imprisonment'>
    """
    check_size("sentence_months", 1, max_sentence_months)
    id_strategy = IDENTIFIERS if ids is None else ids
    outcomes = (
        None
        if dispositions is None
        else st.sampled_from(sorted(dispositions, key=ordinal))
    )
    months = st.integers(min_value=1, max_value=max_sentence_months)
    return st.composite(
        lambda draw: _defendant(draw, draw(id_strategy), outcomes, months)
    )()


@strategy_for(Case)
def cases(
    *,
    ids: st.SearchStrategy[str] | None = None,
    period: Period = DEFAULT_PERIOD,
    victim_ids: Collection[str] | None = None,
    min_defendants: int = 0,
    max_defendants: int = 4,
) -> st.SearchStrategy[Case]:
    """Draw criminal cases with their defendants.

    Args:
        ids: Where to draw the ids from; `identifiers()` when left out.
        period: The day of registration falls within this period.
        victim_ids: The victim ids a case may name (any subset); any
            identifiers when left out.
        min_defendants: The fewest defendants.
        max_defendants: The most defendants; their ids are unique.

    Returns:
        A strategy of `Case`.

    Example:
        >>> from hypothesis import find
        >>> from hypothesis import Phase, settings
        >>> case = find(
        ...     cases(victim_ids={"V-1"}, min_defendants=2, max_defendants=2),
        ...     bool,
        ...     settings=settings(max_examples=10_000, phases=[Phase.generate], database=None),
        ... )
        >>> len(case.defendants), case.victim_ids <= {"V-1"}
        (2, True)
    """
    check_size("defendants", min_defendants, max_defendants)
    id_strategy = IDENTIFIERS if ids is None else ids
    known = None if victim_ids is None else sorted(victim_ids)
    offences = st.sampled_from(OffenceType)
    references = texts(max_size=30)
    any_victims = st.frozensets(IDENTIFIERS, max_size=4)

    def build(draw: st.DrawFn) -> Case:
        return Case(
            id=draw(id_strategy),
            offence=draw(offences),
            registered_on=draw_day(draw, period),
            legal_reference=maybe(draw, lambda: draw(references)),
            victim_ids=draw(any_victims) if known is None else subset(draw, known),
            defendants=tuple(
                _defendant(draw, defendant_id)
                for defendant_id in unique_ids(draw, min_defendants, max_defendants)
            ),
        )

    return st.composite(build)()
