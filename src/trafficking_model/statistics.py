"""Aggregate figures: case counts, victim statistics and yearly law-enforcement data.

Every figure is a [`Figure`][trafficking_model.Figure]: an exact `int`, a
ranged [`Count`][trafficking_model.Count], or `None` when the source does not
give it. Rules are checked over the ranges: a rule fails only when no exact
values within them satisfy it.

Breakdowns are immutable mappings from a vocabulary member to a figure. A
breakdown is complete unless its name is in the aggregate's `partial`: a
complete one sums to the total, a partial one to no more. A missing key in a
complete breakdown means 0; an empty mapping means the breakdown is not given.
Any mapping may be passed in; it is stored as a hashable, immutable one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any, Final, TypeVar

import attrs
from immutabledict import immutabledict

from trafficking_model import _fields as kinds
from trafficking_model._figures import (
    BREAKDOWN_SUM,
    KNOWN_NAME,
    PARTIAL_BREAKDOWN_WITHIN_TOTAL,
    bounds,
    check_breakdown,
    check_names,
    check_overlapping,
    check_standalone,
    exceeds,
    freeze_breakdowns,
    from_bounds,
    is_breakdown,
    is_figure,
    names_field,
    plain_counts,
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
    RANGE,
    Problems,
    add,
    field,
    has_unique_ids,
    in_vocabulary_order,
    is_country,
    is_in_range,
    is_instance,
    raise_if_any,
)
from trafficking_model.cases import Case
from trafficking_model.counts import Figure
from trafficking_model.errors import ValidationError
from trafficking_model.ratios import Ratio, share
from trafficking_model.victims import Victim
from trafficking_model.vocabularies import (
    AgeGroup,
    CitizenshipCategory,
    ExploitationForm,
    IdentificationStatus,
    OffenceType,
    Sex,
    SexAgeGroup,
)

__all__ = ["CaseStatistics", "LawEnforcementFigures", "VictimStatistics"]

E = TypeVar("E", bound=Enum)

_IDENTIFIED = frozenset(
    {IdentificationStatus.PRESUMED, IdentificationStatus.FORMALLY_IDENTIFIED}
)
FIRST_YEAR = 1900
LAST_YEAR = 2100


class _SumOfBreakdown(int):
    """The default of `CaseStatistics.total`: the sum of its breakdown, derived."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<sum of by_offence>"


SUM_OF_BREAKDOWN: Final[int] = _SumOfBreakdown(0)
"""Stands for a total not given, to be derived from the breakdown."""


def _figure_names(
    breakdowns: Mapping[str, type[Enum]], *figures: str
) -> frozenset[str]:
    """The names `derived` may hold: figures, breakdowns and breakdown members."""
    names = set(figures) | set(breakdowns)
    for name, vocabulary in breakdowns.items():
        names.update(f"{name}.{member.value}" for member in vocabulary)
    return frozenset(names)


def _check_sets(
    problems: Problems,
    obj: Any,  # noqa: ANN401 - any aggregate
    figures: frozenset[str],
    breakdowns: frozenset[str],
    overlapping: frozenset[str] = frozenset(),
) -> frozenset[str] | None:
    """Check `derived`, `partial` and `overlapping`.

    Returns:
        The breakdowns named partial, or `None` if `partial` or `overlapping`
        is not a set of names, so that the breakdown rules cannot be told.
    """
    check_names(problems, "derived", obj.derived, figures, "a figure of this aggregate")
    check_names(problems, "partial", obj.partial, breakdowns, "a breakdown")
    if overlapping:
        check_names(
            problems,
            "overlapping",
            obj.overlapping,
            overlapping,
            "a breakdown that can overlap",
        )
    if type(obj.partial) is not frozenset or (
        overlapping and type(obj.overlapping) is not frozenset
    ):
        return None
    return frozenset(obj.partial)


def _counted(values: Iterable[E]) -> immutabledict[E, int]:
    """Count values into a breakdown, in the vocabulary's order."""
    counter = Counter(values)
    return immutabledict(
        (member, counter[member]) for member in in_vocabulary_order(counter)
    )


_OFFENCE_BREAKDOWNS: Final = {"by_offence": OffenceType}
_CASE_FIGURES: Final = _figure_names(_OFFENCE_BREAKDOWNS, "total")


_PART_WITHIN_TOTAL = rule(
    "part_within_total",
    "Each count of an overlapping `CaseStatistics.by_offence` is at most the total: no "
    "offence can have more cases than there are.",
)
_PARTS_COVER_TOTAL = rule(
    "parts_cover_total",
    "An overlapping `CaseStatistics.by_offence`, unless partial, sums to at least the "
    "total: every case is registered under at least one offence.",
)


@owns(
    NON_NEGATIVE,
    BREAKDOWN_SUM,
    PARTIAL_BREAKDOWN_WITHIN_TOTAL,
    _PART_WITHIN_TOTAL,
    _PARTS_COVER_TOTAL,
    KNOWN_NAME,
)
@attrs.frozen(kw_only=True)
class CaseStatistics:
    """Counts of registered criminal cases, by offence.

    A case registered under one offence counts once. Where the source counts a
    case under every article it is registered under, name `by_offence` in
    `overlapping`: then each offence's count is at most the total, and together
    they come to at least the total.

    Attributes:
        by_offence: Cases per offence; a missing offence means 0 unless the
            breakdown is partial.
        total: All cases. When left out, it is the sum of a complete, not
            overlapping `by_offence`, and marked derived; with no such breakdown
            it is not reported (`None`).
        partial: Breakdowns the source gives only in part (`"by_offence"`).
        overlapping: Breakdowns in which one case can count under several
            offences (`"by_offence"`).
        derived: Figures computed rather than stated by the source: `"total"`,
            `"by_offence"` or one of its members such as
            `"by_offence.forced_labour"`.

    Example:
        >>> statistics = CaseStatistics(
        ...     by_offence={
        ...         OffenceType.TRAFFICKING_IN_PERSONS: 311,
        ...         OffenceType.FORCED_LABOUR: 8,
        ...         OffenceType.DOCUMENT_OFFENCE: 83,
        ...     }
        ... )
        >>> statistics.total, sorted(statistics.derived)
        (402, ['total'])
        >>> CaseStatistics(total=400, by_offence={OffenceType.FORCED_LABOUR: 8})
        Traceback (most recent call last):
        ...
        trafficking_model.errors.ValidationError: $.by_offence: counts sum to 8 but total is 400
    """

    by_offence: Mapping[OffenceType, Figure] = attrs.field(
        factory=immutabledict, metadata=kinds.breakdown(OffenceType)
    )
    total: Figure = attrs.field(default=SUM_OF_BREAKDOWN, metadata=kinds.figure())
    partial: frozenset[str] = names_field(frozenset(_OFFENCE_BREAKDOWNS))
    overlapping: frozenset[str] = names_field(frozenset(_OFFENCE_BREAKDOWNS))
    derived: frozenset[str] = names_field(_CASE_FIGURES)

    def __attrs_post_init__(self) -> None:
        """Derive a total left out, then check every rule at once."""
        freeze_breakdowns(self, _OFFENCE_BREAKDOWNS)
        if _plainly_valid_cases(self):
            return
        store_exact(self, ("total",), ("by_offence",))
        problems: Problems = []
        counts_ok = is_breakdown(
            problems, field("by_offence"), self.by_offence, OffenceType
        )
        partial = _check_sets(
            problems,
            self,
            _CASE_FIGURES,
            frozenset(_OFFENCE_BREAKDOWNS),
            frozenset(_OFFENCE_BREAKDOWNS),
        )
        overlapping = (
            type(self.overlapping) is frozenset and "by_offence" in self.overlapping
        )
        if self.total is SUM_OF_BREAKDOWN:
            total: Figure = None
            if (
                counts_ok
                and partial is not None
                and self.by_offence
                and "by_offence" not in partial
                and not overlapping
            ):
                total = from_bounds(*sum_bounds(self.by_offence.values()))
                if type(self.derived) is frozenset:
                    object.__setattr__(self, "derived", self.derived | {"total"})
            object.__setattr__(self, "total", total)
        total_ok = is_figure(problems, field("total"), self.total)
        if counts_ok and total_ok and partial is not None:
            if overlapping:
                check_overlapping(
                    problems,
                    "by_offence",
                    self.by_offence,
                    self.total,
                    partial="by_offence" in partial,
                    rules=(_PART_WITHIN_TOTAL, _PARTS_COVER_TOTAL),
                    what="every case is registered under at least one offence",
                )
            else:
                check_breakdown(
                    problems,
                    "by_offence",
                    self.by_offence,
                    self.total,
                    partial="by_offence" in partial,
                )
        check_standalone(problems, self, _LONE_CASES)
        raise_if_any(problems)

    @classmethod
    def from_cases(cls, cases: Iterable[Case]) -> CaseStatistics:
        """Count cases by offence.

        Args:
            cases: Case records, each with a unique id.

        Returns:
            The counts, valid by construction.

        Raises:
            ValidationError: If an item is not a `Case`, or two cases share an id.

        Example:
            >>> import datetime as dt
            >>> CaseStatistics.from_cases(
            ...     [
            ...         Case(
            ...             id=str(number),
            ...             offence=OffenceType.FORCED_LABOUR,
            ...             registered_on=dt.date(2021, 1, number),
            ...         )
            ...         for number in (1, 2)
            ...     ]
            ... ).by_offence[OffenceType.FORCED_LABOUR]
            2
        """
        records = _records(cases, Case)
        return cls(
            total=len(records), by_offence=_counted(case.offence for case in records)
        )


_VICTIM_BREAKDOWNS: Final[Mapping[str, type[Enum]]] = {
    "by_sex": Sex,
    "by_age_group": AgeGroup,
    "by_citizenship": CitizenshipCategory,
    "by_exploitation": ExploitationForm,
    "by_sex_and_age": SexAgeGroup,
}
_VICTIM_FIGURES: Final = _figure_names(_VICTIM_BREAKDOWNS, "total")


_SEX_AGE_WITHIN_MARGIN = rule(
    "sex_age_within_margin",
    "The cells of `by_sex_and_age` count no more victims than each known member of "
    "`by_sex` and `by_age_group`: women and girls are females, women and men adults.",
)
_SEX_AGE_MATCHES_MARGIN = rule(
    "sex_age_matches_margin",
    "A complete `by_sex_and_age` counts, for each known member of `by_sex` and "
    "`by_age_group`, all its victims: a complete cross-tab counts every victim in a "
    "cell.",
)
_EXPLOITATION_WITHIN_TOTAL = rule(
    "exploitation_within_total",
    "Each count of `VictimStatistics.by_exploitation` is at most the total: no form "
    "can concern more victims than there are.",
)
_EXPLOITATION_COVERS_TOTAL = rule(
    "exploitation_covers_total",
    "`VictimStatistics.by_exploitation`, when given and not partial, sums to at least "
    "the total: every victim suffered at least one form.",
)


@owns(
    NON_NEGATIVE,
    BREAKDOWN_SUM,
    PARTIAL_BREAKDOWN_WITHIN_TOTAL,
    _EXPLOITATION_WITHIN_TOTAL,
    _EXPLOITATION_COVERS_TOTAL,
    _SEX_AGE_WITHIN_MARGIN,
    _SEX_AGE_MATCHES_MARGIN,
    KNOWN_NAME,
)
@attrs.frozen(kw_only=True)
class VictimStatistics:
    """Counts of victims identified, with breakdowns.

    Each breakdown that is given (not empty) by sex, age group or citizenship
    sums to `total`, or to no more than `total` if it is named in `partial`. A
    victim may suffer several forms of exploitation, so each exploitation count
    is at most `total`, and, unless the breakdown is partial, together they come
    to at least `total`.

    The sex by age cross-tab, `by_sex_and_age` (women, men, girls, boys), is a
    breakdown of `total` like the others, and it agrees with its margins: the
    women and girls are among the females of `by_sex`, the women and men among
    the adults of `by_age_group`, and so on (`sex_age_within_margin`). A
    complete cross-tab leaves nobody out, so its cells then add up to each
    margin the source gives (`sex_age_matches_margin`).

    Attributes:
        total: Victims identified.
        by_sex: Victims per sex.
        by_age_group: Victims per age group.
        by_citizenship: Victims per citizenship relative to the reporting country.
        by_exploitation: Victims per form of exploitation suffered.
        by_sex_and_age: Victims per sex and age group together: women, men,
            girls and boys. Victims of other or unknown sex or age are in no
            cell, so the cross-tab is then partial.
        partial: Breakdowns the source gives only in part, such as `"by_sex"`
            for "89 victims, including 55 women".
        derived: Figures computed rather than stated by the source: `"total"`,
            a breakdown, or one of its members such as `"by_sex.male"`.

    Example:
        >>> statistics = VictimStatistics(
        ...     total=189,
        ...     by_sex={Sex.FEMALE: 184, Sex.MALE: 5},
        ...     by_exploitation={
        ...         ExploitationForm.SEXUAL: 179,
        ...         ExploitationForm.FORCED_LABOUR: 10,
        ...     },
        ... )
        >>> statistics.by_sex.get(Sex.OTHER, 0)
        0
        >>> from trafficking_model import Count
        >>> VictimStatistics(total=12, by_sex={Sex.FEMALE: Count.parse("<5"), Sex.MALE: 9})
        VictimStatistics(total=12, by_sex=immutabledict({<Sex.FEMALE: 'female'>: Count(low=0, high=4), <Sex.MALE: 'male'>: 9}), ...)
        >>> attrs.evolve(statistics, total=190)
        Traceback (most recent call last):
        ...
        trafficking_model.errors.ValidationError: 2 problems:
          $.by_sex: counts sum to 189 but total is 190
          $.by_exploitation: counts sum to 189, less than total (190); every victim suffered at least one form
        >>> attrs.evolve(
        ...     statistics,
        ...     by_sex_and_age={SexAgeGroup.WOMEN: 180, SexAgeGroup.GIRLS: 6},
        ...     partial=frozenset({"by_sex_and_age"}),
        ... )
        Traceback (most recent call last):
        ...
        trafficking_model.errors.ValidationError: $.by_sex_and_age: women and girls sum to at least 186, more than by_sex.female (184)
    """

    total: Figure = attrs.field(metadata=kinds.figure())
    by_sex: Mapping[Sex, Figure] = attrs.field(
        factory=immutabledict, metadata=kinds.breakdown(Sex)
    )
    by_age_group: Mapping[AgeGroup, Figure] = attrs.field(
        factory=immutabledict, metadata=kinds.breakdown(AgeGroup)
    )
    by_citizenship: Mapping[CitizenshipCategory, Figure] = attrs.field(
        factory=immutabledict, metadata=kinds.breakdown(CitizenshipCategory)
    )
    by_exploitation: Mapping[ExploitationForm, Figure] = attrs.field(
        factory=immutabledict, metadata=kinds.breakdown(ExploitationForm)
    )
    by_sex_and_age: Mapping[SexAgeGroup, Figure] = attrs.field(
        factory=immutabledict, metadata=kinds.breakdown(SexAgeGroup)
    )
    partial: frozenset[str] = names_field(frozenset(_VICTIM_BREAKDOWNS))
    derived: frozenset[str] = names_field(_VICTIM_FIGURES)

    def __attrs_post_init__(self) -> None:
        """Check every rule at once."""
        freeze_breakdowns(self, _VICTIM_BREAKDOWNS)
        if _plainly_valid_victims(self):
            return
        store_exact(self, ("total",), _VICTIM_BREAKDOWNS)
        problems: Problems = []
        total_ok = is_figure(problems, field("total"), self.total)
        partial = _check_sets(
            problems, self, _VICTIM_FIGURES, frozenset(_VICTIM_BREAKDOWNS)
        )
        given: set[str] = set()
        for name, vocabulary in _VICTIM_BREAKDOWNS.items():
            counts = getattr(self, name)
            counts_ok = is_breakdown(problems, field(name), counts, vocabulary)
            if counts_ok:
                given.add(name)
            if not (counts_ok and total_ok and partial is not None):
                continue
            if vocabulary is ExploitationForm:
                check_overlapping(
                    problems,
                    name,
                    counts,
                    self.total,
                    partial=name in partial,
                    rules=(_EXPLOITATION_WITHIN_TOTAL, _EXPLOITATION_COVERS_TOTAL),
                    what="every victim suffered at least one form",
                )
            else:
                check_breakdown(
                    problems, name, counts, self.total, partial=name in partial
                )
        if partial is not None and {"by_sex_and_age", "by_sex", "by_age_group"} <= (
            given
        ):
            _check_margins(problems, self, partial)
        check_standalone(problems, self, _LONE_VICTIMS)
        raise_if_any(problems)

    def share_of(
        self, member: Sex | AgeGroup | CitizenshipCategory | ExploitationForm
    ) -> Ratio | None:
        """The share of the victims in one category of a breakdown.

        The breakdown is the one of the member's vocabulary: `Sex.FEMALE` is
        looked up in `by_sex`. A category missing from a complete breakdown
        counts 0; from a partial one, it is not known.

        Args:
            member: A category, such as `AgeGroup.CHILD`.

        Returns:
            The share of `total`, a range where the figures are ranges, or
            `None` where the breakdown or the total is not reported, the
            category is missing from a partial breakdown, or the total is 0.

        Example:
            >>> statistics = VictimStatistics(total=189, by_sex={Sex.FEMALE: 184, Sex.MALE: 5})
            >>> str(statistics.share_of(Sex.MALE)), str(statistics.share_of(Sex.OTHER))
            ('2.6%', '0.0%')
            >>> statistics.share_of(AgeGroup.CHILD) is None
            True
        """
        for name, vocabulary in _VICTIM_BREAKDOWNS.items():
            if type(member) is vocabulary:
                counts: Mapping[Any, Figure] = getattr(self, name)
                if not counts:
                    return None
                if member in counts:
                    return share(counts[member], self.total)
                return None if name in self.partial else share(0, self.total)
        msg = f"share_of needs a category of a victim breakdown, got {type(member).__name__}"
        raise TypeError(msg)

    @property
    def share_of_children(self) -> Ratio | None:
        """The share of the victims who were children: `share_of(AgeGroup.CHILD)`.

        Example:
            >>> from trafficking_model.examples import azerbaijan_report_2020_2021
            >>> str(azerbaijan_report_2020_2021().victims.share_of_children)
            '1.1%'
        """
        return self.share_of(AgeGroup.CHILD)

    @property
    def share_of_women_and_girls(self) -> Ratio | None:
        """The share of the victims who were female: `share_of(Sex.FEMALE)`.

        Example:
            >>> from trafficking_model import Count
            >>> str(VictimStatistics(total=12, by_sex={Sex.FEMALE: Count(0, 4), Sex.MALE: Count(8, 12)}).share_of_women_and_girls)
            '0.0%-33.3%'
        """
        return self.share_of(Sex.FEMALE)

    @property
    def share_of_foreign_nationals(self) -> Ratio | None:
        """The share of the victims who were foreign: `share_of(CitizenshipCategory.FOREIGN)`.

        Example:
            >>> VictimStatistics(total=10).share_of_foreign_nationals is None
            True
        """
        return self.share_of(CitizenshipCategory.FOREIGN)

    @classmethod
    def from_victims(
        cls,
        victims: Iterable[Victim],
        *,
        country: str,
        statuses: Iterable[IdentificationStatus] = _IDENTIFIED,
    ) -> VictimStatistics:
        """Count victim records into statistics with every breakdown.

        Citizenship is counted relative to `country`: its own citizens
        (including those who also hold another citizenship) are national, other
        citizens foreign, and records without citizenship unknown. If a person
        counted has no form of exploitation (someone screened as not a victim,
        when `statuses` includes that status), `by_exploitation` is partial.
        The sex by age cross-tab counts women, men, girls and boys; if anyone
        counted is of another or unknown sex or age, it is partial.

        Args:
            victims: Victim records, each with a unique id.
            country: ISO 3166-1 alpha-3 code of the reporting country.
            statuses: Which identification statuses to count. By default presumed
                and formally identified victims count; people screened as not a
                victim do not.

        Returns:
            The statistics, valid by construction.

        Raises:
            ValidationError: If `country` is not a country code, an item is not a
                `Victim`, or two records share an id.

        Example:
            >>> victims = [
            ...     Victim(
            ...         id=f"V-{number}",
            ...         sex=Sex.FEMALE,
            ...         age_group=AgeGroup.ADULT,
            ...         citizenship=frozenset({citizenship}),
            ...         exploitation=frozenset({ExploitationForm.SEXUAL}),
            ...         identification=IdentificationStatus.FORMALLY_IDENTIFIED,
            ...     )
            ...     for number, citizenship in enumerate(["AZE", "AZE", "GEO"])
            ... ]
            >>> statistics = VictimStatistics.from_victims(victims, country="AZE")
            >>> dict(statistics.by_citizenship)
            {<CitizenshipCategory.NATIONAL: 'national'>: 2, <CitizenshipCategory.FOREIGN: 'foreign'>: 1}
        """
        problems: Problems = []
        is_country(problems, "$.country", country)
        raise_if_any(problems)
        wanted = frozenset(statuses)
        counted = [
            victim
            for victim in _records(victims, Victim)
            if victim.identification in wanted
        ]
        unexploited = any(not victim.exploitation for victim in counted)
        cells = [_CELLS.get((victim.sex, victim.age_group)) for victim in counted]
        partial = {"by_exploitation"} if unexploited else set()
        if None in cells:
            partial.add("by_sex_and_age")
        return cls(
            total=len(counted),
            by_sex=_counted(victim.sex for victim in counted),
            by_age_group=_counted(victim.age_group for victim in counted),
            by_citizenship=_counted(
                _citizenship_category(victim.citizenship, country) for victim in counted
            ),
            by_exploitation=_counted(
                form for victim in counted for form in victim.exploitation
            ),
            by_sex_and_age=_counted(cell for cell in cells if cell is not None),
            partial=frozenset(partial),
        )


def _check_margins(
    problems: Problems, statistics: VictimStatistics, partial: frozenset[str]
) -> None:
    """Check the sex by age cross-tab against the sex and age group margins.

    The cells of one margin member (women and girls for female) count some of
    its victims, so their sum is at most the member's count; in a complete
    cross-tab they count all of them. A member's count is known where it is
    given, or 0 where it is missing from a complete margin.
    """
    cells = statistics.by_sex_and_age
    if not cells:
        return
    complete = "by_sex_and_age" not in partial
    margins: tuple[tuple[str, Mapping[Any, Figure], Enum, str], ...] = (
        *(("by_sex", statistics.by_sex, sex, "sex") for sex in _CELL_SEXES),
        *(
            ("by_age_group", statistics.by_age_group, age, "age_group")
            for age in _CELL_AGES
        ),
    )
    for name, margin, member, attribute in margins:
        if not margin or (member not in margin and name in partial):
            continue  # the margin is not given, or not this member of it
        count: Figure = margin.get(member, 0)
        members = [c for c in SexAgeGroup if getattr(c, attribute) is member]
        low, high = sum_bounds(cells.get(c, 0) for c in members)
        if not complete:
            high = None  # a cell left out of a partial cross-tab is unknown
        what = " and ".join(c.value for c in members)
        where = f"{name}.{member.value}"
        count_low, count_high = bounds(count)
        if exceeds(low, count_high):
            add(
                problems,
                field("by_sex_and_age"),
                _SEX_AGE_WITHIN_MARGIN,
                f"{what} sum to {show_bounds((low, high))}, more than {where} "
                f"({show(count)})",
            )
        elif exceeds(count_low, high):
            add(
                problems,
                field("by_sex_and_age"),
                _SEX_AGE_MATCHES_MARGIN,
                f"{what} sum to {show_bounds((low, high))}, less than {where} "
                f"({show(count)}); a complete by_sex_and_age counts every victim",
            )


_CELLS: Final = {(cell.sex, cell.age_group): cell for cell in SexAgeGroup}
_CELL_SEXES: Final = (Sex.FEMALE, Sex.MALE)
_CELL_AGES: Final = (AgeGroup.ADULT, AgeGroup.CHILD)


def _citizenship_category(
    citizenship: frozenset[str], country: str
) -> CitizenshipCategory:
    if not citizenship:
        return CitizenshipCategory.UNKNOWN
    if country in citizenship:
        return CitizenshipCategory.NATIONAL
    return CitizenshipCategory.FOREIGN


R = TypeVar("R", Case, Victim)


def _records(items: Iterable[R], cls: type[R]) -> list[R]:
    """Take records of type `cls` with unique ids, or raise one error for all."""
    records = list(items)
    problems: Problems = []
    for index, record in enumerate(records):
        is_instance(problems, f"$[{index}]", record, cls)
    if not problems:
        has_unique_ids(problems, "$", tuple(records), cls.__name__.lower())
    if problems:
        raise ValidationError(problems)
    return records


_FLOWS: Final = ("investigations", "prosecutions", "convictions", "victims_identified")
_FLOW_FIGURES: Final = frozenset((*_FLOWS, *(f"labour_{name}" for name in _FLOWS)))


_LABOUR_WITHIN_TOTAL = rule(
    "labour_within_total",
    "Each `labour_` figure of a year, when given, is at most its total: forced-labour "
    "cases are part of all cases, so the part cannot exceed the whole.",
)


@owns(RANGE, NON_NEGATIVE, _LABOUR_WITHIN_TOTAL, KNOWN_NAME)
@attrs.frozen(kw_only=True)
class LawEnforcementFigures:
    """One year's law-enforcement figures, in the style of the US TIP report.

    These are flows within one year, not a cohort: this year's convictions can
    come from cases investigated in earlier years, so no funnel rule holds
    between investigations, prosecutions and convictions. Each labour figure is
    the part of its total that concerns forced labour, so it cannot exceed it.
    Any figure the source does not give is `None`, not reported.

    Attributes:
        year: The calendar year, 1900 to 2100.
        investigations: Investigations opened.
        prosecutions: People prosecuted.
        convictions: People convicted.
        victims_identified: Victims identified.
        labour_investigations: Of the investigations, those for forced labour.
        labour_prosecutions: Of the prosecutions, those for forced labour.
        labour_convictions: Of the convictions, those for forced labour.
        labour_victims_identified: Of the victims, those exploited for labour.
        derived: Figures computed rather than stated by the source, by name.

    Example:
        >>> figures = LawEnforcementFigures(
        ...     year=2021,
        ...     prosecutions=10_572,
        ...     convictions=5_260,
        ...     victims_identified=90_354,
        ...     labour_prosecutions=1_379,
        ...     labour_convictions=709,
        ...     labour_victims_identified=21_219,
        ... )
        >>> figures.investigations is None
        True
        >>> attrs.evolve(figures, labour_convictions=5_261)
        Traceback (most recent call last):
        ...
        trafficking_model.errors.ValidationError: $.labour_convictions: labour_convictions (5261) exceeds convictions (5260)
    """

    year: int = attrs.field(metadata=kinds.integer(FIRST_YEAR, LAST_YEAR))
    investigations: Figure = attrs.field(default=None, metadata=kinds.figure())
    prosecutions: Figure = attrs.field(default=None, metadata=kinds.figure())
    convictions: Figure = attrs.field(default=None, metadata=kinds.figure())
    victims_identified: Figure = attrs.field(default=None, metadata=kinds.figure())
    labour_investigations: Figure = attrs.field(default=None, metadata=kinds.figure())
    labour_prosecutions: Figure = attrs.field(default=None, metadata=kinds.figure())
    labour_convictions: Figure = attrs.field(default=None, metadata=kinds.figure())
    labour_victims_identified: Figure = attrs.field(
        default=None, metadata=kinds.figure()
    )
    derived: frozenset[str] = names_field(_FLOW_FIGURES)

    def __attrs_post_init__(self) -> None:
        """Check every rule at once."""
        if _plainly_valid_flows(self):
            return
        store_exact(self, _FLOW_FIGURES)
        problems: Problems = []
        is_in_range(problems, field("year"), self.year, FIRST_YEAR, LAST_YEAR)
        check_names(
            problems, "derived", self.derived, _FLOW_FIGURES, "a figure of this year"
        )
        for name in _FLOWS:
            total = getattr(self, name)
            total_ok = is_figure(problems, field(name), total)
            labour_name = f"labour_{name}"
            labour = getattr(self, labour_name)
            if (
                is_figure(problems, field(labour_name), labour)
                and total_ok
                and exceeds(bounds(labour)[0], bounds(total)[1])
            ):
                add(
                    problems,
                    field(labour_name),
                    _LABOUR_WITHIN_TOTAL,
                    f"{labour_name} ({show(labour)}) exceeds {name} ({show(total)})",
                )
        check_standalone(problems, self, _LONE_FLOWS)
        raise_if_any(problems)


# The count fields no rule across fields names: each only a figure (see
# `standalone_figures`), such as a new count added to a class.
_LONE_CASES: Final = standalone_figures(CaseStatistics, ("total",))
_LONE_VICTIMS: Final = standalone_figures(VictimStatistics, ("total",))
_LONE_FLOWS: Final = standalone_figures(LawEnforcementFigures, _FLOW_FIGURES)


# Fast paths: they only ever accept, exact figures with nothing partial or
# overlapping. Every rejection, and its message, comes from the detailed checks
# above, so these must never accept what those reject.

_CASE_SETS: Final = frozenset(_OFFENCE_BREAKDOWNS)
_VICTIM_SETS: Final = frozenset(_VICTIM_BREAKDOWNS)
_SINGLE: Final = tuple(
    (name, vocabulary)
    for name, vocabulary in _VICTIM_BREAKDOWNS.items()
    if vocabulary not in {ExploitationForm, SexAgeGroup}
)


def _plainly_valid_cases(statistics: CaseStatistics) -> bool:
    if not plain_standalone(statistics, _LONE_CASES):
        return False
    total = statistics.total
    if (
        type(total) is not int  # the default to derive is a subclass of int
        or not 0 <= total < INT_LIMIT
        or type(statistics.partial) is not frozenset
        or statistics.partial
        or type(statistics.overlapping) is not frozenset
        or statistics.overlapping
        or not plain_names(statistics.derived, _CASE_FIGURES)
    ):
        return False
    given = plain_counts(statistics.by_offence, OffenceType)
    return given is not None and (given == total or not statistics.by_offence)


def _plainly_valid_victims(statistics: VictimStatistics) -> bool:
    if not plain_standalone(statistics, _LONE_VICTIMS):
        return False
    total = statistics.total
    if (
        type(total) is not int
        or not 0 <= total < INT_LIMIT
        or type(statistics.partial) is not frozenset
        or statistics.partial
        or not plain_names(statistics.derived, _VICTIM_FIGURES)
    ):
        return False
    if not _plain_cross_tab(statistics, total):
        return False
    for name, vocabulary in _SINGLE:
        counts = getattr(statistics, name)
        given = plain_counts(counts, vocabulary)
        if given is None or (counts and given != total):
            return False
    forms: Mapping[ExploitationForm, Any] = statistics.by_exploitation
    given = plain_counts(forms, ExploitationForm)  # every count an int if given
    return given is not None and (
        not forms or (given >= total and max(forms.values()) <= total)
    )


def _plain_cross_tab(statistics: VictimStatistics, total: int) -> bool:
    """Fast test of a complete cross-tab of exact counts against exact margins."""
    cells: Mapping[SexAgeGroup, Any] = statistics.by_sex_and_age
    given = plain_counts(cells, SexAgeGroup)
    if given is None or (cells and given != total):
        return False
    if not cells:
        return True
    for name, members in (("by_sex", _CELL_SEXES), ("by_age_group", _CELL_AGES)):
        margin: Mapping[Any, Any] = getattr(statistics, name)
        if margin and plain_counts(margin, type(members[0])) is not None:
            for member in members:
                attribute = "sex" if name == "by_sex" else "age_group"
                in_cells = sum(
                    count
                    for cell, count in cells.items()
                    if getattr(cell, attribute) is member
                )
                if margin.get(member, 0) != in_cells:
                    return False
    return True


_FLOW_PAIRS: Final = tuple((name, f"labour_{name}") for name in _FLOWS)


def _plainly_valid_flows(figures: LawEnforcementFigures) -> bool:
    if not plain_standalone(figures, _LONE_FLOWS):
        return False
    year = figures.year
    if (
        type(year) is not int
        or not FIRST_YEAR <= year <= LAST_YEAR
        or not plain_names(figures.derived, _FLOW_FIGURES)
    ):
        return False
    for name, labour_name in _FLOW_PAIRS:
        total = getattr(figures, name)
        labour = getattr(figures, labour_name)
        if total is not None and (type(total) is not int or not 0 <= total < INT_LIMIT):
            return False
        if labour is not None and (
            type(labour) is not int
            or not 0 <= labour < INT_LIMIT
            or (total is not None and labour > total)
        ):
            return False
    return True
