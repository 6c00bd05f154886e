"""Victim records: one pseudonymous record per person identified."""

from __future__ import annotations

import datetime as dt
import typing

import attrs

from trafficking_model import _fields as kinds
from trafficking_model._rules import owns, rule
from trafficking_model._validation import (
    COUNTRY_CODE,
    COUNTRY_CODES,
    IDENTIFIER,
    MAX_AGE,
    NOT_BLANK,
    RANGE,
    Problems,
    add,
    as_given,
    field,
    freeze_set,
    is_country,
    is_date,
    is_frozenset_of,
    is_identifier,
    is_in_range,
    is_member,
    is_plain_identifier,
    private_repr,
    raise_if_any,
)
from trafficking_model.errors import values_shown
from trafficking_model.vocabularies import (
    AgeGroup,
    ExploitationForm,
    IdentificationStatus,
    Sex,
)

if typing.TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["ADULT_AGE", "Victim"]


def _codes(value: Iterable[str]) -> frozenset[str]:
    """Any iterable of country codes, stored as a frozenset (`freeze_set`)."""
    return typing.cast("frozenset[str]", freeze_set(value))


def _forms(value: Iterable[ExploitationForm]) -> frozenset[ExploitationForm]:
    """Any iterable of forms of exploitation, stored as a frozenset."""
    return typing.cast("frozenset[ExploitationForm]", freeze_set(value))


as_given(_codes)
as_given(_forms)


ADULT_AGE = 18
"""The age from which a person is an adult; anyone younger is a child."""


_AGE_GROUP_ORDER = rule(
    "age_group_order",
    "`Victim.age_group_at_exploitation`, when given, is not older than `age_group`: "
    "age only grows, so an adult when exploited is an adult when identified.",
)
_EXPLOITATION_REQUIRED = rule(
    "exploitation_required",
    "`Victim.exploitation` names at least one form, unless `identification` is not a "
    "victim: a victim of trafficking was exploited in at least one way.",
)
_AGE_MATCHES_GROUP = rule(
    "age_matches_group",
    "`Victim.age_group` matches `age`, when known: under 18 is a child and 18 or over "
    "an adult, by definition.",
)


@owns(
    IDENTIFIER,
    NOT_BLANK,
    RANGE,
    _AGE_MATCHES_GROUP,
    COUNTRY_CODE,
    _EXPLOITATION_REQUIRED,
    _AGE_GROUP_ORDER,
)
@attrs.frozen(kw_only=True)
class Victim:
    """One victim, or presumed victim, of trafficking.

    The record is pseudonymous by design: it has no name field and no personal
    details beyond those below.

    Attributes:
        id: A pseudonymous identifier; never a name or a document number.
        sex: The victim's sex.
        age: Age in years, 0 to 120, if known.
        age_group: Adult or child when identified. When `age` is known it must
            agree: under 18 is a child, 18 or over an adult, and the group
            cannot be unknown.
        age_group_at_exploitation: Adult or child when exploited, if recorded
            (as CTDC's `majorityStatusAtExploit`). It can differ from
            `age_group`: a victim identified at 19 may have been a child when
            exploited. One who was an adult when exploited is not a child when
            identified.
        citizenship: ISO 3166-1 alpha-3 codes of every citizenship the person
            holds; empty if unknown.
        exploitation: The forms of exploitation suffered; at least one for a
            presumed or formally identified victim. A person screened and
            found not to be a victim may have none.
        identification: How far the person has been identified as a victim.
        identified_on: The day of identification, if known.
        identified_by: Id of the stakeholder that identified the person, if known.

    Example:
        >>> victim = Victim(
        ...     id="V-0001",
        ...     sex=Sex.FEMALE,
        ...     age=24,
        ...     age_group=AgeGroup.ADULT,
        ...     citizenship=frozenset({"AZE"}),
        ...     exploitation=frozenset({ExploitationForm.SEXUAL}),
        ...     identification=IdentificationStatus.FORMALLY_IDENTIFIED,
        ... )
        >>> victim.age_group.label
        'Adult (18 or over)'
        >>> attrs.evolve(victim, age=16)
        Traceback (most recent call last):
        ...
        trafficking_model.errors.ValidationError: $.age_group: the age means child, but age_group is adult
    """

    id: str = attrs.field(repr=private_repr, metadata=kinds.identifier())
    sex: Sex = attrs.field(metadata=kinds.member(Sex))
    age: int | None = attrs.field(
        default=None,
        repr=private_repr,
        metadata=kinds.integer(0, MAX_AGE, optional=True),
    )
    age_group: AgeGroup = attrs.field(metadata=kinds.member(AgeGroup))
    age_group_at_exploitation: AgeGroup | None = attrs.field(
        default=None, metadata=kinds.member(AgeGroup, optional=True)
    )
    citizenship: frozenset[str] = attrs.field(
        default=frozenset(),
        repr=private_repr,
        converter=_codes,
        metadata=kinds.countries(),
    )
    exploitation: frozenset[ExploitationForm] = attrs.field(
        converter=_forms, metadata=kinds.members(ExploitationForm)
    )
    identification: IdentificationStatus = attrs.field(
        metadata=kinds.member(IdentificationStatus)
    )
    identified_on: dt.date | None = attrs.field(
        default=None, repr=private_repr, metadata=kinds.date(optional=True)
    )
    identified_by: str | None = attrs.field(
        default=None, metadata=kinds.identifier(optional=True)
    )

    def __attrs_post_init__(self) -> None:
        """Check every rule at once."""
        if _plainly_valid(self):
            return
        problems: Problems = []
        is_identifier(problems, field("id"), self.id)
        is_member(problems, field("sex"), self.sex, Sex)
        age_ok = self.age is not None and is_in_range(
            problems, field("age"), self.age, 0, MAX_AGE
        )
        group_ok = is_member(problems, field("age_group"), self.age_group, AgeGroup)
        if group_ok and age_ok and self.age is not None:
            expected = AgeGroup.CHILD if self.age < ADULT_AGE else AgeGroup.ADULT
            if self.age_group is not expected:
                add(
                    problems,
                    field("age_group"),
                    _AGE_MATCHES_GROUP,
                    f"{_the_age(self.age)} means {expected.value}, "
                    f"but age_group is {self.age_group.value}",
                )
        if self.age_group_at_exploitation is not None and (
            is_member(
                problems,
                field("age_group_at_exploitation"),
                self.age_group_at_exploitation,
                AgeGroup,
            )
            and group_ok
            and self.age_group_at_exploitation is AgeGroup.ADULT
            and self.age_group is AgeGroup.CHILD
        ):
            add(
                problems,
                field("age_group_at_exploitation"),
                _AGE_GROUP_ORDER,
                "adult when exploited but child when identified",
            )
        is_frozenset_of(problems, field("citizenship"), self.citizenship, is_country)
        status_ok = is_member(
            problems,
            field("identification"),
            self.identification,
            IdentificationStatus,
        )
        path = field("exploitation")
        if (
            is_frozenset_of(problems, path, self.exploitation, _is_exploitation_form)
            and not self.exploitation
            and status_ok
            and self.identification is not IdentificationStatus.NOT_A_VICTIM
        ):
            add(
                problems,
                path,
                _EXPLOITATION_REQUIRED,
                "a victim suffered at least one form of exploitation",
            )
        if self.identified_on is not None:
            is_date(problems, field("identified_on"), self.identified_on)
        if self.identified_by is not None:
            is_identifier(problems, field("identified_by"), self.identified_by)
        raise_if_any(problems)


_FORMS = frozenset(ExploitationForm)


def _plainly_valid(victim: Victim) -> bool:
    """Accept a valid record fast; anything else goes to the detailed check.

    This only ever accepts. Every rejection, and its message, comes from the
    detailed check, so this must never accept a record that check rejects.
    """
    age = victim.age
    exploitation = victim.exploitation
    when_exploited: object = victim.age_group_at_exploitation
    citizenship: object = victim.citizenship
    return (
        is_plain_identifier(victim.id)
        and type(victim.sex) is Sex
        and (
            type(victim.age_group) is AgeGroup
            if age is None
            else type(age) is int
            and 0 <= age <= MAX_AGE
            and victim.age_group
            is (AgeGroup.CHILD if age < ADULT_AGE else AgeGroup.ADULT)
        )
        and (
            when_exploited is None
            or when_exploited is AgeGroup.CHILD
            or when_exploited is AgeGroup.UNKNOWN
            or (
                when_exploited is AgeGroup.ADULT
                and victim.age_group is not AgeGroup.CHILD
            )
        )
        and type(citizenship) is frozenset
        and citizenship <= COUNTRY_CODES  # anything not a code is not in it
        and type(exploitation) is frozenset
        and exploitation <= _FORMS
        and type(victim.identification) is IdentificationStatus
        and (
            bool(exploitation)
            or victim.identification is IdentificationStatus.NOT_A_VICTIM
        )
        and (victim.identified_on is None or type(victim.identified_on) is dt.date)
        and (victim.identified_by is None or is_plain_identifier(victim.identified_by))
    )


def _the_age(age: int) -> str:
    """The age for a message: itself only while values are shown."""
    return f"age {age}" if values_shown() else "the age"


def _is_exploitation_form(problems: Problems, path: str, value: object) -> bool:
    return is_member(problems, path, value, ExploitationForm)
