"""The prosecution funnel: defendants, indicted, and what the courts decided."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from trafficking_model._validation import (
    Problems,
    add,
    field,
    is_count,
    is_instance,
    raise_if_any,
)
from trafficking_model.cases import Defendant
from trafficking_model.errors import ValidationError
from trafficking_model.vocabularies import Disposition

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["ProsecutionOutcome"]

_COUNTS = (
    "defendants",
    "indicted",
    "sentenced",
    "acquitted",
    "imprisonment",
    "conditional",
    "postponed",
    "fined",
)
_SPLIT = ("imprisonment", "conditional", "postponed", "fined")


@attrs.frozen(kw_only=True)
class ProsecutionOutcome:
    """The prosecution funnel for one cohort of people prosecuted.

    The funnel narrows: `sentenced + acquitted <= indicted <= defendants`. The
    split of sentences may be incomplete (a report may give only some kinds), but
    never larger than `sentenced`: `imprisonment + conditional + postponed + fined
    <= sentenced`.

    Attributes:
        defendants: People prosecuted.
        indicted: Of those, people indicted (sent to court).
        sentenced: Of those, people convicted and sentenced.
        acquitted: Of those, people acquitted.
        imprisonment: Sentenced to imprisonment.
        conditional: Given a conditional (suspended) sentence.
        postponed: Whose punishment was postponed.
        fined: Fined.

    Example:
        >>> outcome = ProsecutionOutcome(
        ...     defendants=35,
        ...     indicted=28,
        ...     sentenced=28,
        ...     imprisonment=24,
        ...     conditional=2,
        ...     postponed=2,
        ... )
        >>> outcome.pending
        0
        >>> attrs.evolve(outcome, sentenced=30)
        Traceback (most recent call last):
        ...
        trafficking_model.errors.ValidationError: $.sentenced: sentenced + acquitted (30) exceeds indicted (28)
    """

    defendants: int
    indicted: int
    sentenced: int
    acquitted: int = 0
    imprisonment: int = 0
    conditional: int = 0
    postponed: int = 0
    fined: int = 0

    def __attrs_post_init__(self) -> None:
        """Check every rule at once."""
        problems: Problems = []
        counts_ok = True
        for name in _COUNTS:
            counts_ok = is_count(problems, field(name), getattr(self, name)) and (
                counts_ok
            )
        if counts_ok:
            if self.indicted > self.defendants:
                add(
                    problems,
                    field("indicted"),
                    "indicted_within_defendants",
                    f"indicted ({self.indicted}) exceeds "
                    f"defendants ({self.defendants})",
                )
            decided = self.sentenced + self.acquitted
            if decided > self.indicted:
                add(
                    problems,
                    field("sentenced"),
                    "sentenced_within_indicted",
                    f"sentenced + acquitted ({decided}) exceeds "
                    f"indicted ({self.indicted})",
                )
            split = sum(getattr(self, name) for name in _SPLIT)
            if split > self.sentenced:
                add(
                    problems,
                    field("imprisonment"),
                    "sentence_split_within_sentenced",
                    "imprisonment + conditional + postponed + fined "
                    f"({split}) exceeds sentenced ({self.sentenced})",
                )
        raise_if_any(problems)

    @property
    def pending(self) -> int:
        """Indicted people whose trial has not ended in a sentence or acquittal.

        Example:
            >>> ProsecutionOutcome(defendants=10, indicted=8, sentenced=5).pending
            3
        """
        return self.indicted - self.sentenced - self.acquitted

    @classmethod
    def from_defendants(cls, defendants: Iterable[Defendant]) -> ProsecutionOutcome:
        """Count the funnel of a group of defendants.

        Every defendant is counted; `indicted` counts those indicted, `sentenced`
        those whose disposition is a sentence, and the split counts each kind of
        sentence (another sentence counts only in `sentenced`).

        Args:
            defendants: Defendant records, for example from several cases.

        Returns:
            The funnel, valid by construction.

        Raises:
            ValidationError: If an item is not a `Defendant`.

        Example:
            >>> from trafficking_model import Sex
            >>> ProsecutionOutcome.from_defendants(
            ...     [
            ...         Defendant(
            ...             id="1",
            ...             sex=Sex.MALE,
            ...             indicted=True,
            ...             disposition=Disposition.IMPRISONMENT,
            ...             sentence_months=60,
            ...         ),
            ...         Defendant(
            ...             id="2",
            ...             sex=Sex.FEMALE,
            ...             indicted=False,
            ...             disposition=Disposition.DISMISSED,
            ...         ),
            ...     ]
            ... )
            ProsecutionOutcome(defendants=2, indicted=1, sentenced=1, acquitted=0, imprisonment=1, conditional=0, postponed=0, fined=0)
        """
        tally = dict.fromkeys(Disposition, 0)
        total = indicted = 0
        problems: Problems = []
        for index, defendant in enumerate(defendants):
            if not is_instance(problems, f"$[{index}]", defendant, Defendant):
                continue
            total += 1
            indicted += defendant.indicted
            tally[defendant.disposition] += 1
        if problems:
            raise ValidationError(problems)
        return cls(
            defendants=total,
            indicted=indicted,
            sentenced=sum(n for kind, n in tally.items() if kind.is_sentence),
            acquitted=tally[Disposition.ACQUITTED],
            imprisonment=tally[Disposition.IMPRISONMENT],
            conditional=tally[Disposition.CONDITIONAL_SENTENCE],
            postponed=tally[Disposition.POSTPONED_PUNISHMENT],
            fined=tally[Disposition.FINE],
        )
