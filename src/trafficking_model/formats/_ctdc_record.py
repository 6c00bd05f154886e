"""The typed record of a CTDC row, and its parts: `formats.ctdc` re-exports them."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Final, TypeAlias

import attrs

from trafficking_model import _fields as kinds
from trafficking_model._rules import owns, rule
from trafficking_model._validation import (
    COUNTRY_CODE,
    ENUM,
    ISO_COUNTRY_CODES,
    MAX_AGE,
    RANGE,
    RANGE_ORDER,
    Problems,
    add,
    field,
    is_country,
    is_frozenset_of,
    is_in_order,
    is_in_range,
    is_member,
    is_type,
    private_repr,
    raise_if_any,
    wrong_type,
)
from trafficking_model.statistics import FIRST_YEAR, LAST_YEAR
from trafficking_model.vocabularies import ExploitationForm, Sex

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "CTDC_FORMS",
    "FLAG_TYPES",
    "Band",
    "Flag",
    "Means",
    "Record",
    "RecruiterRelation",
    "Sector",
    "yes_flags",
]


class Means(Enum):
    """A means of control, as the CTDC file's `means*` flags record them.

    Example:
        >>> Means("threats") is Means.THREATS
        True
    """

    DEBT_BONDAGE_EARNINGS = "debt_bondage_earnings"
    THREATS = "threats"
    ABUSE = "abuse"
    FALSE_PROMISES = "false_promises"
    DRUGS_ALCOHOL = "drugs_alcohol"
    DENY_BASIC_NEEDS = "deny_basic_needs"
    EXCESSIVE_WORK_HOURS = "excessive_work_hours"
    WITHHOLD_DOCUMENTS = "withhold_documents"


class Sector(Enum):
    """A sector of forced labour or a type of sexual exploitation.

    Example:
        >>> Sector.DOMESTIC_WORK.value
        'domestic_work'
    """

    AGRICULTURE = "agriculture"
    CONSTRUCTION = "construction"
    DOMESTIC_WORK = "domestic_work"
    HOSPITALITY = "hospitality"
    PROSTITUTION = "prostitution"
    PORNOGRAPHY = "pornography"


class RecruiterRelation(Enum):
    """How the recruiter was related to the victim.

    Example:
        >>> RecruiterRelation.INTIMATE_PARTNER.value
        'intimate_partner'
    """

    INTIMATE_PARTNER = "intimate_partner"
    FRIEND = "friend"
    FAMILY = "family"
    OTHER = "other"


Flag: TypeAlias = Means | ExploitationForm | Sector | RecruiterRelation
FLAG_TYPES: Final = (Means, ExploitationForm, Sector, RecruiterRelation)
CTDC_FORMS: Final = frozenset(
    {ExploitationForm.FORCED_LABOUR, ExploitationForm.SEXUAL, ExploitationForm.OTHER}
)


@owns(RANGE, RANGE_ORDER)
@attrs.frozen(slots=True)
class Band:
    """A band of whole numbers, both ends included: `9--17` or `48+`.

    Attributes:
        low: The smallest value in the band, 0 or more.
        high: The largest, at least `low`; `None` for an open band (`48+`).

    Example:
        >>> Band(9, 17), str(Band(9, 17)), str(Band(48))
        (Band(low=9, high=17), '9--17', '48+')
        >>> Band(17, 9)
        Traceback (most recent call last):
        ...
        trafficking_model.errors.ValidationError: $.high: 9 is below low (17)
    """

    low: int = attrs.field(metadata=kinds.integer(0))
    high: int | None = attrs.field(
        default=None, metadata=kinds.integer(0, optional=True)
    )

    def __attrs_post_init__(self) -> None:
        """Check the ends: whole numbers, not negative, in order."""
        if (
            type(self.low) is int
            and 0 <= self.low <= BAND_LIMIT
            and (
                self.high is None
                or (type(self.high) is int and self.low <= self.high <= BAND_LIMIT)
            )
        ):
            return
        problems: Problems = []
        low_ok = is_in_range(problems, field("low"), self.low, 0, BAND_LIMIT)
        if (
            self.high is not None
            and is_in_range(problems, field("high"), self.high, 0, BAND_LIMIT)
            and low_ok
        ):
            is_in_order(problems, self.low, self.high)
        raise_if_any(problems)

    def __str__(self) -> str:
        """The band as CTDC writes it: `9--17`, or `48+` when open."""
        if self.high is None:
            return f"{self.low}+"
        return f"{self.low}--{self.high}"


BAND_LIMIT: Final = 9_999  # four digits, as `_BAND` reads them


FLAG_STATE = rule(
    "flag_state",
    "A `ctdc.Record` flag is not recorded both yes and no.",
)


@owns(RANGE, ENUM, COUNTRY_CODE, FLAG_STATE)
@attrs.frozen(slots=True, kw_only=True)
class Record:
    """One victim's row of the CTDC dataset.

    A row describes one person's case, so its repr hides the year, age,
    countries and duration, unless
    [`show_values`][trafficking_model.show_values] is on.

    Every field but the sets is `None` where the file does not record it. Each
    flag of the file is in one of three places: its set (`1`), `recorded_no`
    (`0`), or neither (blank or `-99`: not recorded). So a record made with
    only some flags says nothing of the others, rather than "no".

    Attributes:
        year: The year the case was registered (`yearOfRegistration`).
        gender: `Sex.FEMALE` (`Woman`), `Sex.MALE` (`Man`) or `Sex.OTHER`
            (`Trans/Transgender/NonConforming`); never `Sex.UNKNOWN`, which
            is `None` here.
        age: The age band at registration (`ageBroad`), in years, at most 120.
        citizenship: ISO 3166-1 alpha-3 code of the citizenship; not a
            user-assigned code (`XAA` to `XZZ`), which the file cannot hold.
        country_of_exploitation: ISO 3166-1 alpha-3 code, not user-assigned.
        months: How long the exploitation lasted (`traffickMonths`), in months.
        means: Means of control recorded yes.
        exploitation: Forms of exploitation recorded yes: forced labour,
            sexual exploitation and other.
        sectors: Sectors of labour and types of sexual exploitation recorded yes.
        recruiter_relations: Recruiter relations recorded yes.
        recorded_no: Flags recorded no (`0`).

    Example:
        >>> record = Record(
        ...     year=2020,
        ...     gender=Sex.OTHER,
        ...     exploitation=frozenset({ExploitationForm.FORCED_LABOUR}),
        ...     recorded_no=frozenset({ExploitationForm.SEXUAL}),
        ... )
        >>> record.age is None, ExploitationForm.OTHER in record.recorded_no
        (True, False)
        >>> Record(year=2020, recorded_no=frozenset({Sector.AGRICULTURE}),
        ...        sectors=frozenset({Sector.AGRICULTURE}))
        Traceback (most recent call last):
        ...
        trafficking_model.errors.ValidationError: $.recorded_no: agriculture is recorded both yes and no
    """

    year: int | None = attrs.field(
        default=None,
        repr=private_repr,
        metadata=kinds.integer(FIRST_YEAR, LAST_YEAR, optional=True),
    )
    gender: Sex | None = attrs.field(
        default=None, metadata=kinds.member(Sex, optional=True)
    )
    age: Band | None = attrs.field(
        default=None, repr=private_repr, metadata=kinds.nested(Band, optional=True)
    )
    citizenship: str | None = attrs.field(
        default=None, repr=private_repr, metadata=kinds.country(optional=True)
    )
    country_of_exploitation: str | None = attrs.field(
        default=None, repr=private_repr, metadata=kinds.country(optional=True)
    )
    months: Band | None = attrs.field(
        default=None, repr=private_repr, metadata=kinds.nested(Band, optional=True)
    )
    means: frozenset[Means] = attrs.field(
        default=frozenset(), metadata=kinds.members(Means)
    )
    exploitation: frozenset[ExploitationForm] = attrs.field(
        default=frozenset(), metadata=kinds.members(ExploitationForm)
    )
    sectors: frozenset[Sector] = attrs.field(
        default=frozenset(), metadata=kinds.members(Sector)
    )
    recruiter_relations: frozenset[RecruiterRelation] = attrs.field(
        default=frozenset(), metadata=kinds.members(RecruiterRelation)
    )
    recorded_no: frozenset[Flag] = attrs.field(
        default=frozenset(), metadata=kinds.flags(*FLAG_TYPES)
    )

    def __attrs_post_init__(self) -> None:
        """Check every rule at once."""
        if _plainly_valid(self):
            return
        problems: Problems = []
        if self.year is not None:
            is_in_range(problems, field("year"), self.year, FIRST_YEAR, LAST_YEAR)
        if (
            self.gender is not None
            and is_member(problems, field("gender"), self.gender, Sex)
            and self.gender is Sex.UNKNOWN
        ):
            add(
                problems,
                field("gender"),
                ENUM,
                "a gender not recorded is None, not unknown",
            )
        if (
            self.age is not None
            and is_type(problems, field("age"), self.age, Band)
            and (
                self.age.low > MAX_AGE
                or (self.age.high is not None and self.age.high > MAX_AGE)
            )
        ):
            add(problems, field("age"), RANGE, f"the band is outside 0..{MAX_AGE}")
        if self.months is not None:
            is_type(problems, field("months"), self.months, Band)
        for name in ("citizenship", "country_of_exploitation"):
            value = getattr(self, name)
            if (
                value is not None
                and is_country(problems, field(name), value)
                and value not in ISO_COUNTRY_CODES
            ):
                add(
                    problems,
                    field(name),
                    COUNTRY_CODE,
                    "a user-assigned code (XAA to XZZ) names no country, "
                    "and the CTDC file has none",
                )
        sets_ok = True
        for name, vocabulary in FLAG_SETS:
            sets_ok = (
                is_frozenset_of(
                    problems, field(name), getattr(self, name), _member_of(vocabulary)
                )
                and sets_ok
            )
        if sets_ok:
            sets_ok = is_frozenset_of(
                problems, field("exploitation"), self.exploitation, _is_ctdc_form
            )
        if (
            is_frozenset_of(problems, field("recorded_no"), self.recorded_no, _is_flag)
            and sets_ok
        ):
            for flag in sorted(
                self.recorded_no & yes_flags(self), key=lambda flag: flag.value
            ):
                add(
                    problems,
                    field("recorded_no"),
                    FLAG_STATE,
                    f"{flag.value} is recorded both yes and no",
                )
        raise_if_any(problems)


FLAG_SETS: Final = (
    ("means", Means),
    ("exploitation", ExploitationForm),
    ("sectors", Sector),
    ("recruiter_relations", RecruiterRelation),
)


def yes_flags(record: Record) -> frozenset[Flag]:
    return (
        record.means | record.exploitation | record.sectors | record.recruiter_relations
    )


def _member_of(vocabulary: type[Enum]) -> Callable[[Problems, str, object], bool]:
    def check(problems: Problems, path: str, value: object) -> bool:
        return is_member(problems, path, value, vocabulary)

    return check


def _is_ctdc_form(problems: Problems, path: str, value: object) -> bool:
    if value in CTDC_FORMS:
        return True
    add(
        problems,
        path,
        ENUM,
        f"{getattr(value, 'value', 'the value')} is not a form the CTDC file "
        "records (forced_labour, sexual, other)",
    )
    return False


def _is_flag(problems: Problems, path: str, value: object) -> bool:
    if type(value) in FLAG_TYPES and (
        type(value) is not ExploitationForm or value in CTDC_FORMS
    ):
        return True
    return wrong_type(problems, path, value, "a CTDC flag")


_ALL_FLAGS: Final[frozenset[object]] = frozenset(
    {*Means, *CTDC_FORMS, *Sector, *RecruiterRelation}
)
CTDC_GENDERS: Final = frozenset({Sex.FEMALE, Sex.MALE, Sex.OTHER})


def _plainly_valid(record: Record) -> bool:
    """Accept a valid record fast; anything else goes to the detailed check."""
    year = record.year
    age = record.age
    months = record.months
    means: object = record.means
    forms: object = record.exploitation
    sectors: object = record.sectors
    relations: object = record.recruiter_relations
    recorded_no: object = record.recorded_no
    return (
        (year is None or (type(year) is int and FIRST_YEAR <= year <= LAST_YEAR))
        and (
            (gender := record.gender) is None
            or gender is Sex.FEMALE
            or gender is Sex.MALE
            or gender is Sex.OTHER
        )
        and (
            age is None
            or (
                type(age) is Band
                and age.low <= MAX_AGE
                and (age.high is None or age.high <= MAX_AGE)
            )
        )
        and (months is None or type(months) is Band)
        and (
            (citizenship := record.citizenship) is None
            or (type(citizenship) is str and citizenship in ISO_COUNTRY_CODES)
        )
        and (
            (country := record.country_of_exploitation) is None
            or (type(country) is str and country in ISO_COUNTRY_CODES)
        )
        and type(means) is frozenset
        and means <= _MEANS
        and type(forms) is frozenset
        and forms <= CTDC_FORMS
        and type(sectors) is frozenset
        and sectors <= _SECTORS
        and type(relations) is frozenset
        and relations <= _RELATIONS
        and type(recorded_no) is frozenset
        and recorded_no <= _ALL_FLAGS
        and recorded_no.isdisjoint(means)
        and recorded_no.isdisjoint(forms)
        and recorded_no.isdisjoint(sectors)
        and recorded_no.isdisjoint(relations)
    )


_MEANS: Final[frozenset[object]] = frozenset(Means)
_SECTORS: Final[frozenset[object]] = frozenset(Sector)
_RELATIONS: Final[frozenset[object]] = frozenset(RecruiterRelation)

# The 27 columns of the current file, in order, and the flag each holds.
