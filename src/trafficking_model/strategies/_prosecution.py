"""Strategies of prosecution outcomes."""

from __future__ import annotations

from hypothesis import strategies as st

from trafficking_model.prosecution import ProsecutionOutcome
from trafficking_model.strategies._draw import (
    COUNT_LIMIT,
    below,
    check_size,
    strategy_for,
)
from trafficking_model.strategies._publishing import (
    blur,
    other_figures,
    some_of,
    split_total,
)

# The kinds of sentence, as `prosecution._SPLIT` names them (private there).
SENTENCE_SPLIT = ("imprisonment", "conditional", "postponed", "fined")


@strategy_for(ProsecutionOutcome)
def prosecution_outcomes(
    *, max_defendants: int = COUNT_LIMIT, exact: bool = False
) -> st.SearchStrategy[ProsecutionOutcome]:
    """Draw prosecution funnels that narrow as the rules say.

    The number of defendants is drawn first, then each later stage as a part of
    the one before: indicted of the defendants, sentenced and acquitted of the
    indicted, and the kinds of sentence of the sentenced. Each figure is then
    published as a source might: mostly exact, sometimes a range or not
    reported.

    Args:
        max_defendants: The most defendants.
        exact: Draw only exact figures, with nothing marked derived.

    Returns:
        A strategy of `ProsecutionOutcome`.

    Example:
        >>> from hypothesis import find
        >>> find(prosecution_outcomes(exact=True), lambda o: o.pending > 0).indicted
        1
    """
    check_size("defendants", 0, max_defendants)

    def build(draw: st.DrawFn) -> ProsecutionOutcome:
        total = below(draw, max_defendants)
        indicted = below(draw, total)
        decided = split_total(draw, indicted, ["sentenced", "acquitted", "pending"])
        sentenced = decided["sentenced"]
        kinds = [*SENTENCE_SPLIT, "other"]
        split = split_total(draw, sentenced, kinds)
        counts: dict[str, int] = {
            "defendants": total,
            "indicted": indicted,
            "sentenced": sentenced,
            "acquitted": decided["acquitted"],
            **{kind: split[kind] for kind in kinds[:-1]},
        }
        others = other_figures(
            draw, ProsecutionOutcome, counts, max_defendants, exact=exact
        )
        if exact:
            return ProsecutionOutcome(**counts, **others)  # type: ignore[arg-type]
        published = {name: blur(draw, count) for name, count in counts.items()}
        return ProsecutionOutcome(
            **published,
            **others,
            derived=some_of(draw, counts),
        )

    return st.composite(build)()
