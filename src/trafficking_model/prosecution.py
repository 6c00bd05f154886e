"""The prosecution funnel: defendants, indicted, and what the courts decided."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from trafficking_model import _fields as kinds
from trafficking_model._figures import (
    KNOWN_NAME,
    bounds,
    check_names,
    check_standalone,
    exceeds,
    from_bounds,
    is_figure,
    names_field,
    plain_names,
    plain_standalone,
    show,
    show_bounds,
    standalone_figures,
    store_exact,
    sum_bounds,
)
from trafficking_model._rules import owns, rule
from trafficking_model._validation import (
    INT_LIMIT,
    NON_NEGATIVE,
    Problems,
    add,
    field,
    is_instance,
    raise_if_any,
)
from trafficking_model.cases import Defendant
from trafficking_model.counts import Figure
from trafficking_model.errors import ValidationError
from trafficking_model.ratios import Ratio, share
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
_FIGURES = frozenset(_COUNTS)


_SENTENCE_SPLIT_WITHIN_SENTENCED = rule(
    "sentence_split_within_sentenced",
    "`imprisonment + conditional + postponed + fined <= sentenced`: each sentenced "
    "person is counted under at most one kind of sentence; the split may be "
    "incomplete, and kinds not reported count 0.",
)
_SENTENCED_WITHIN_INDICTED = rule(
    "sentenced_within_indicted",
    "`sentenced + acquitted <= indicted`: only an indicted person gets a verdict, and "
    "each gets at most one.",
)
_INDICTED_WITHIN_DEFENDANTS = rule(
    "indicted_within_defendants",
    "`indicted <= defendants`: only a person prosecuted can be indicted.",
)


@owns(
    NON_NEGATIVE,
    _INDICTED_WITHIN_DEFENDANTS,
    _SENTENCED_WITHIN_INDICTED,
    _SENTENCE_SPLIT_WITHIN_SENTENCED,
    KNOWN_NAME,
)
@attrs.frozen(kw_only=True)
class ProsecutionOutcome:
    """The prosecution funnel for one cohort of people prosecuted.

    The funnel narrows: `sentenced + acquitted <= indicted <= defendants`. The
    split of sentences may be incomplete (a report may give only some kinds), but
    never larger than `sentenced`: `imprisonment + conditional + postponed + fined
    <= sentenced`. Each rule holds over ranges and unreported figures too: it
    fails only when no exact values within them satisfy the whole funnel, so
    with `indicted` not reported, `sentenced <= defendants` still holds.

    Use it for a cohort: people followed from prosecution to a decision. Yearly
    flows, in which this year's convictions come from earlier years' cases, go
    in [`LawEnforcementFigures`][trafficking_model.LawEnforcementFigures].

    Attributes:
        defendants: People prosecuted.
        indicted: Of those, people indicted (sent to court).
        sentenced: Of those, people convicted and sentenced.
        acquitted: Of those, people acquitted.
        imprisonment: Sentenced to imprisonment.
        conditional: Given a conditional (suspended) sentence.
        postponed: Whose punishment was postponed.
        fined: Fined.
        derived: Figures computed rather than stated by the source, by name.

    Example:
        >>> outcome = ProsecutionOutcome(
        ...     defendants=35,
        ...     indicted=28,
        ...     sentenced=28,
        ...     imprisonment=24,
        ...     conditional=2,
        ...     postponed=2,
        ... )
        >>> outcome.pending, outcome.fined is None
        (0, True)
        >>> attrs.evolve(outcome, sentenced=30)
        Traceback (most recent call last):
        ...
        trafficking_model.errors.ValidationError: $.sentenced: sentenced + acquitted (30) exceeds indicted (28)
    """

    defendants: Figure = attrs.field(metadata=kinds.figure())
    indicted: Figure = attrs.field(metadata=kinds.figure())
    sentenced: Figure = attrs.field(metadata=kinds.figure())
    acquitted: Figure = attrs.field(default=None, metadata=kinds.figure())
    imprisonment: Figure = attrs.field(default=None, metadata=kinds.figure())
    conditional: Figure = attrs.field(default=None, metadata=kinds.figure())
    postponed: Figure = attrs.field(default=None, metadata=kinds.figure())
    fined: Figure = attrs.field(default=None, metadata=kinds.figure())
    derived: frozenset[str] = names_field(_FIGURES)

    def __attrs_post_init__(self) -> None:
        """Check every rule at once."""
        if _plainly_valid(self):
            return
        store_exact(self, _COUNTS)
        problems: Problems = []
        check_names(problems, "derived", self.derived, _FIGURES, "a funnel figure")
        counts_ok = True
        for name in _COUNTS:
            counts_ok = is_figure(problems, field(name), getattr(self, name)) and (
                counts_ok
            )
        if counts_ok:
            _check_funnel(problems, self)
        check_standalone(problems, self, _LONE)
        raise_if_any(problems)

    @property
    def pending(self) -> Figure:
        """Indicted people whose trial has not ended in a sentence or acquittal.

        It is `indicted - sentenced - acquitted`: an int where all three are
        exact, a `Count` where the funnel's rules leave a range (the kinds of
        sentence given count towards `sentenced`), and `None` where nothing is
        known.

        Example:
            >>> ProsecutionOutcome(defendants=10, indicted=8, sentenced=5, acquitted=0).pending
            3
            >>> ProsecutionOutcome(defendants=10, indicted=8, sentenced=5).pending
            Count(low=0, high=3)
            >>> ProsecutionOutcome(
            ...     defendants=20, indicted=18, sentenced=None, imprisonment=12
            ... ).pending
            Count(low=0, high=6)
        """
        indicted_low, indicted_high = bounds(self.indicted)
        sentenced_low, sentenced_high = bounds(self.sentenced)
        # the kinds of sentence given raise the least number sentenced
        split_low = sum_bounds(getattr(self, name) for name in _SPLIT)[0]
        acquitted_low, acquitted_high = bounds(self.acquitted)
        decided_low = max(sentenced_low, split_low) + acquitted_low
        decided_high = (
            None
            if sentenced_high is None or acquitted_high is None
            else sentenced_high + acquitted_high
        )
        low = 0 if decided_high is None else max(0, indicted_low - decided_high)
        high = None if indicted_high is None else max(0, indicted_high - decided_low)
        return from_bounds(low, high)

    @property
    def conviction_rate(self) -> Ratio | None:
        """The share of the people prosecuted who were sentenced.

        It is `sentenced / defendants`: a `Ratio`, a range where either figure
        is a range, and `None` where either is not reported or no one was
        prosecuted.

        Example:
            >>> outcome = ProsecutionOutcome(defendants=35, indicted=28, sentenced=28)
            >>> str(outcome.conviction_rate)
            '80.0%'
            >>> ProsecutionOutcome(defendants=0, indicted=0, sentenced=0).conviction_rate is None
            True
        """
        return share(self.sentenced, self.defendants)

    @property
    def indictment_rate(self) -> Ratio | None:
        """The share of the people prosecuted who were indicted: `indicted / defendants`.

        Example:
            >>> from trafficking_model import Count
            >>> str(ProsecutionOutcome(defendants=20, indicted=Count(10, 14), sentenced=None).indictment_rate)
            '50.0%-70.0%'
        """
        return share(self.indicted, self.defendants)

    @property
    def imprisonment_rate(self) -> Ratio | None:
        """The share of the people sentenced who were sentenced to imprisonment.

        It is `imprisonment / sentenced`, `None` where either is not reported.

        Example:
            >>> str(ProsecutionOutcome(defendants=35, indicted=28, sentenced=28, imprisonment=24).imprisonment_rate)
            '85.7%'
        """
        return share(self.imprisonment, self.sentenced)

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
            ProsecutionOutcome(defendants=2, indicted=1, sentenced=1, acquitted=0, imprisonment=1, conditional=0, postponed=0, fined=0, derived=frozenset())
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


def _reported_sum(outcome: ProsecutionOutcome, names: tuple[str, ...]) -> str:
    """The sum of the figures given, for a message."""
    return show_bounds(
        sum_bounds(
            figure
            for figure in (getattr(outcome, name) for name in names)
            if figure is not None
        )
    )


def _check_funnel(problems: Problems, outcome: ProsecutionOutcome) -> None:
    """Check the funnel from the sentence split up to the defendants.

    Each stage must hold at least the stages below it. A stage's smallest
    possible value is raised by what the stages below need, so that a rule
    still holds across a stage that is not reported. Problems are reported from
    the top of the funnel down.
    """
    found: Problems = []
    _check_stages(found, outcome)
    problems.extend(reversed(found))


def _check_stages(problems: Problems, outcome: ProsecutionOutcome) -> None:
    split_need = sum_bounds(getattr(outcome, name) for name in _SPLIT)[0]
    sentenced_low, sentenced_high = bounds(outcome.sentenced)
    if exceeds(split_need, sentenced_high):
        add(
            problems,
            field("imprisonment"),
            _SENTENCE_SPLIT_WITHIN_SENTENCED,
            "imprisonment + conditional + postponed + fined "
            f"({_reported_sum(outcome, _SPLIT)}) exceeds "
            f"sentenced ({show(outcome.sentenced)})",
        )
        sentenced_need = sentenced_low
    else:
        sentenced_need = max(sentenced_low, split_need)
    decided_need = sentenced_need + bounds(outcome.acquitted)[0]
    indicted_low, indicted_high = bounds(outcome.indicted)
    if exceeds(decided_need, indicted_high):
        shown = _reported_sum(outcome, ("sentenced", "acquitted"))
        if sentenced_need > sentenced_low:
            shown = f"at least {decided_need}, with the kinds of sentence"
        add(
            problems,
            field("sentenced"),
            _SENTENCED_WITHIN_INDICTED,
            f"sentenced + acquitted ({shown}) exceeds "
            f"indicted ({show(outcome.indicted)})",
        )
        indicted_need = indicted_low
    else:
        indicted_need = max(indicted_low, decided_need)
    if exceeds(indicted_need, bounds(outcome.defendants)[1]):
        shown = show(outcome.indicted)
        if indicted_need > indicted_low:
            shown = (
                f"{shown}, but at least {indicted_need} "
                "with those sentenced or acquitted"
            )
        add(
            problems,
            field("indicted"),
            _INDICTED_WITHIN_DEFENDANTS,
            f"indicted ({shown}) exceeds defendants ({show(outcome.defendants)})",
        )


# The count fields no rule of the funnel names: each only a figure (see
# `standalone_figures`), such as a new count added to the class.
_LONE: tuple[str, ...] = standalone_figures(ProsecutionOutcome, _COUNTS)


def _plainly_valid(outcome: ProsecutionOutcome) -> bool:
    """Accept an exact funnel fast; anything else goes to the detailed check.

    This only ever accepts. Every rejection, and its message, comes from the
    detailed check, so this must never accept a funnel that check rejects.
    """
    if not plain_standalone(outcome, _LONE):
        return False
    defendants, indicted, sentenced = (
        outcome.defendants,
        outcome.indicted,
        outcome.sentenced,
    )
    if (
        type(defendants) is not int
        or type(indicted) is not int
        or type(sentenced) is not int
        or not plain_names(outcome.derived, _FIGURES)
    ):
        return False
    split = 0
    for name in _SPLIT:
        count = getattr(outcome, name)
        if count is not None:
            if type(count) is not int or count < 0:
                return False
            split += count
    acquitted = outcome.acquitted
    if acquitted is None:
        acquitted = 0
    elif type(acquitted) is not int or acquitted < 0:
        return False
    return (
        0 <= split <= sentenced
        and sentenced + acquitted <= indicted <= defendants < INT_LIMIT
    )
