"""Aggregate figures: case counts, victim statistics and yearly law-enforcement data.

Breakdowns are immutable mappings from a vocabulary member to a non-negative
count. A missing key means 0, and an empty mapping means the breakdown is not
given. Any mapping may be passed in; it is stored as a hashable, immutable one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any, TypeVar

import attrs
from immutabledict import immutabledict

from trafficking_model._validation import (
    Problems,
    add,
    field,
    freeze_counts,
    has_unique_ids,
    in_vocabulary_order,
    is_count,
    is_country,
    is_counts,
    is_in_range,
    is_instance,
    raise_if_any,
)
from trafficking_model.cases import Case
from trafficking_model.errors import ValidationError
from trafficking_model.victims import Victim
from trafficking_model.vocabularies import (
    AgeGroup,
    CitizenshipCategory,
    ExploitationForm,
    IdentificationStatus,
    OffenceType,
    Sex,
)

__all__ = ["CaseStatistics", "LawEnforcementFigures", "VictimStatistics"]

E = TypeVar("E", bound=Enum)

_IDENTIFIED = frozenset(
    {IdentificationStatus.PRESUMED, IdentificationStatus.FORMALLY_IDENTIFIED}
)
FIRST_YEAR = 1900
LAST_YEAR = 2100


def _sum_of_counts(counts: object) -> int:
    """Sum a breakdown's counts, or 0 where it is not yet known to be valid."""
    if isinstance(counts, Mapping) and all(
        type(count) is int for count in counts.values()
    ):
        return sum(counts.values())
    return 0


def _offence_total(statistics: CaseStatistics) -> int:
    return _sum_of_counts(statistics.by_offence)


def _check_breakdown_sum(
    problems: Problems, name: str, counts: Mapping[E, int], total: int
) -> None:
    if counts and (given := sum(counts.values())) != total:
        add(
            problems,
            field(name),
            "breakdown_sum",
            f"counts sum to {given} but total is {total}",
        )


def _counted(values: Iterable[E]) -> immutabledict[E, int]:
    """Count values into a breakdown, in the vocabulary's order."""
    counter = Counter(values)
    return immutabledict(
        (member, counter[member]) for member in in_vocabulary_order(counter)
    )


@attrs.frozen(kw_only=True)
class CaseStatistics:
    """Counts of registered criminal cases, by offence.

    Attributes:
        by_offence: Cases per offence; a missing offence means 0.
        total: All cases. It defaults to the sum of `by_offence`; when given
            with a breakdown, the breakdown must sum to it.

    Example:
        >>> statistics = CaseStatistics(
        ...     by_offence={
        ...         OffenceType.TRAFFICKING_IN_PERSONS: 311,
        ...         OffenceType.FORCED_LABOUR: 8,
        ...         OffenceType.DOCUMENT_OFFENCE: 83,
        ...     }
        ... )
        >>> statistics.total
        402
        >>> CaseStatistics(total=400, by_offence={OffenceType.FORCED_LABOUR: 8})
        Traceback (most recent call last):
        ...
        trafficking_model.errors.ValidationError: $.by_offence: counts sum to 8 but total is 400
    """

    by_offence: Mapping[OffenceType, int] = attrs.field(
        factory=immutabledict, converter=freeze_counts
    )
    total: int = attrs.field(default=attrs.Factory(_offence_total, takes_self=True))

    def __attrs_post_init__(self) -> None:
        """Check every rule at once."""
        problems: Problems = []
        total_ok = is_count(problems, field("total"), self.total)
        if (
            is_counts(problems, field("by_offence"), self.by_offence, OffenceType)
            and total_ok
        ):
            _check_breakdown_sum(problems, "by_offence", self.by_offence, self.total)
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
        return cls(by_offence=_counted(case.offence for case in records))


@attrs.frozen(kw_only=True)
class VictimStatistics:
    """Counts of victims identified, with breakdowns.

    Each breakdown that is given (not empty) by sex, age group or citizenship
    sums to `total`. A victim may suffer several forms of exploitation, so each
    exploitation count is at most `total`, and together they come to at least
    `total`.

    Attributes:
        total: Victims identified.
        by_sex: Victims per sex.
        by_age_group: Victims per age group.
        by_citizenship: Victims per citizenship relative to the reporting country.
        by_exploitation: Victims per form of exploitation suffered.

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
        >>> attrs.evolve(statistics, total=190)
        Traceback (most recent call last):
        ...
        trafficking_model.errors.ValidationError: 2 problems:
          $.by_sex: counts sum to 189 but total is 190
          $.by_exploitation: counts sum to 189, less than total (190); every victim suffered at least one form
    """

    total: int
    by_sex: Mapping[Sex, int] = attrs.field(
        factory=immutabledict, converter=freeze_counts
    )
    by_age_group: Mapping[AgeGroup, int] = attrs.field(
        factory=immutabledict, converter=freeze_counts
    )
    by_citizenship: Mapping[CitizenshipCategory, int] = attrs.field(
        factory=immutabledict, converter=freeze_counts
    )
    by_exploitation: Mapping[ExploitationForm, int] = attrs.field(
        factory=immutabledict, converter=freeze_counts
    )

    def __attrs_post_init__(self) -> None:
        """Check every rule at once."""
        problems: Problems = []
        total_ok = is_count(problems, field("total"), self.total)
        single_valued: tuple[tuple[str, Mapping[Any, int], type[Enum]], ...] = (
            ("by_sex", self.by_sex, Sex),
            ("by_age_group", self.by_age_group, AgeGroup),
            ("by_citizenship", self.by_citizenship, CitizenshipCategory),
        )
        for name, counts, vocabulary in single_valued:
            if is_counts(problems, field(name), counts, vocabulary) and total_ok:
                _check_breakdown_sum(problems, name, counts, self.total)
        path = field("by_exploitation")
        exploitation = self.by_exploitation
        if is_counts(problems, path, exploitation, ExploitationForm) and total_ok:
            for form, count in exploitation.items():
                if count > self.total:
                    add(
                        problems,
                        f"{path}.{form.value}",
                        "exploitation_within_total",
                        f"{form.value} ({count}) exceeds total ({self.total})",
                    )
            given = sum(exploitation.values())
            if exploitation and given < self.total:
                add(
                    problems,
                    path,
                    "exploitation_covers_total",
                    f"counts sum to {given}, less than total ({self.total}); "
                    "every victim suffered at least one form",
                )
        raise_if_any(problems)

    @classmethod
    def from_victims(
        cls,
        victims: Iterable[Victim],
        *,
        country: str,
        statuses: Iterable[IdentificationStatus] = _IDENTIFIED,
    ) -> VictimStatistics:
        """Count victim records into statistics with every breakdown.

        Citizenship is counted relative to `country`: its own citizens are
        national, other citizens foreign, and records without citizenship unknown.

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
            ...         citizenship=citizenship,
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
        )


def _citizenship_category(citizenship: str | None, country: str) -> CitizenshipCategory:
    if citizenship is None:
        return CitizenshipCategory.UNKNOWN
    if citizenship == country:
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


@attrs.frozen(kw_only=True)
class LawEnforcementFigures:
    """One year's law-enforcement figures, in the style of the US TIP report.

    These are flows within one year, not a cohort: this year's convictions can
    come from cases investigated in earlier years, so no funnel rule holds
    between investigations, prosecutions and convictions. Each labour figure is
    the part of its total that concerns forced labour, so it cannot exceed it.

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

    Example:
        >>> figures = LawEnforcementFigures(
        ...     year=2021,
        ...     investigations=40,
        ...     prosecutions=25,
        ...     convictions=30,
        ...     victims_identified=100,
        ...     labour_convictions=3,
        ... )
        >>> figures.convictions > figures.prosecutions
        True
        >>> attrs.evolve(figures, labour_convictions=31)
        Traceback (most recent call last):
        ...
        trafficking_model.errors.ValidationError: $.labour_convictions: labour_convictions (31) exceeds convictions (30)
    """

    year: int
    investigations: int
    prosecutions: int
    convictions: int
    victims_identified: int
    labour_investigations: int | None = None
    labour_prosecutions: int | None = None
    labour_convictions: int | None = None
    labour_victims_identified: int | None = None

    def __attrs_post_init__(self) -> None:
        """Check every rule at once."""
        problems: Problems = []
        is_in_range(problems, field("year"), self.year, FIRST_YEAR, LAST_YEAR)
        for name in (
            "investigations",
            "prosecutions",
            "convictions",
            "victims_identified",
        ):
            total = getattr(self, name)
            total_ok = is_count(problems, field(name), total)
            labour_name = f"labour_{name}"
            labour = getattr(self, labour_name)
            if labour is None:
                continue
            if (
                is_count(problems, field(labour_name), labour)
                and total_ok
                and (labour > total)
            ):
                add(
                    problems,
                    field(labour_name),
                    "labour_within_total",
                    f"{labour_name} ({labour}) exceeds {name} ({total})",
                )
        raise_if_any(problems)
