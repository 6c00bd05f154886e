r"""The CTDC Global Synthetic Dataset: IOM's victim-level CSV, read and written.

The Counter Trafficking Data Collaborative (CTDC, run by IOM) publishes one row
per registered victim: the year of registration, gender, an age band,
citizenship, country of exploitation, how long the exploitation lasted, and
flags for the means of control, forms of exploitation, sectors and the
recruiter's relation to the victim. The current file has 27 columns; the
older k-anonymised file (63 columns, codebook v6 of 2017) and the first
synthetic release (2021, 37 columns) are read too, where their columns map
(see the reference table in the docs).

Nothing is guessed:

- a blank cell, or `-99`, is "not recorded" (`None`), never "no" or 0;
- a flag is `1` (yes), `0` (no) or blank (not recorded), and a record keeps the
  three apart: a flag neither in its set nor in `recorded_no` is not recorded;
- an age band stays a band of ages (`Band(9, 17)`, `Band(48)` for `48+`),
  never a group guessed from it;
- CTDC's `Trans/Transgender/NonConforming` is `Sex.OTHER`, never forced into
  female or male.

The rows are synthetic records, but each still describes one person's case, so
an error names the line and the column and shows a cell's value only where it
is a vocabulary value of the file, unless
[`show_values`][trafficking_model.show_values] is on.

Example:
    >>> import io
    >>> from trafficking_model.formats import ctdc
    >>> text = (
    ...     "yearOfRegistration,gender,ageBroad,citizenship,CountryOfExploitation,"
    ...     "isForcedLabour,isSexualExploit,isOtherExploit\n"
    ...     "2019,Woman,9--17,UA,POL,0,1,\n"
    ... )
    >>> [record] = ctdc.read(io.StringIO(text))
    >>> record.gender, record.age, record.citizenship
    (<Sex.FEMALE: 'female'>, Band(low=9, high=17), 'UKR')
    >>> sorted(form.value for form in record.exploitation)
    ['sexual']
    >>> ExploitationForm.FORCED_LABOUR in record.recorded_no
    True
    >>> ExploitationForm.OTHER in record.recorded_no  # blank: not recorded
    False
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from enum import Enum
from operator import itemgetter
from typing import Any, Final, Literal, TypeAlias, TypeVar

import attrs
from iso3166 import countries_by_alpha2, countries_by_alpha3

from trafficking_model._validation import (
    COUNTRY_CODES,
    MAX_AGE,
    Problems,
    add,
    field,
    is_country,
    is_frozenset_of,
    is_in_range,
    is_member,
    is_type,
    private_repr,
    raise_if_any,
    subject,
    wrong_type,
)
from trafficking_model.counts import Count, Figure
from trafficking_model.errors import Problem, ValidationError
from trafficking_model.formats._tabular import (
    ErrorHandler,
    TableSource,
    TableTarget,
    column_path,
    open_table,
    report,
    write_table,
)
from trafficking_model.statistics import FIRST_YEAR, LAST_YEAR, VictimStatistics
from trafficking_model.victims import ADULT_AGE
from trafficking_model.vocabularies import (
    AgeGroup,
    CitizenshipCategory,
    ExploitationForm,
    Sex,
)

__all__ = [
    "COLUMNS",
    "Band",
    "Means",
    "Record",
    "RecruiterRelation",
    "Sector",
    "read",
    "victim_statistics",
    "write",
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


Flag: TypeAlias = "Means | ExploitationForm | Sector | RecruiterRelation"
_FLAG_TYPES: Final = (Means, ExploitationForm, Sector, RecruiterRelation)
_CTDC_FORMS: Final = frozenset(
    {ExploitationForm.FORCED_LABOUR, ExploitationForm.SEXUAL, ExploitationForm.OTHER}
)


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

    low: int
    high: int | None = None

    def __attrs_post_init__(self) -> None:
        """Check the ends: whole numbers, not negative, in order."""
        if (
            type(self.low) is int
            and 0 <= self.low <= _BAND_LIMIT
            and (
                self.high is None
                or (type(self.high) is int and self.low <= self.high <= _BAND_LIMIT)
            )
        ):
            return
        problems: Problems = []
        low_ok = is_in_range(problems, field("low"), self.low, 0, _BAND_LIMIT)
        if (
            self.high is not None
            and is_in_range(problems, field("high"), self.high, 0, _BAND_LIMIT)
            and low_ok
            and self.high < self.low
        ):
            add(
                problems,
                field("high"),
                "range_order",
                f"{self.high} is below low ({self.low})",
            )
        raise_if_any(problems)

    def __str__(self) -> str:
        """The band as CTDC writes it: `9--17`, or `48+` when open."""
        if self.high is None:
            return f"{self.low}+"
        return f"{self.low}--{self.high}"


_BAND_LIMIT: Final = 9_999  # four digits, as `_BAND` reads them


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
        citizenship: ISO 3166-1 alpha-3 code of the citizenship.
        country_of_exploitation: ISO 3166-1 alpha-3 code.
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

    year: int | None = attrs.field(default=None, repr=private_repr)
    gender: Sex | None = None
    age: Band | None = attrs.field(default=None, repr=private_repr)
    citizenship: str | None = attrs.field(default=None, repr=private_repr)
    country_of_exploitation: str | None = attrs.field(default=None, repr=private_repr)
    months: Band | None = attrs.field(default=None, repr=private_repr)
    means: frozenset[Means] = frozenset()
    exploitation: frozenset[ExploitationForm] = frozenset()
    sectors: frozenset[Sector] = frozenset()
    recruiter_relations: frozenset[RecruiterRelation] = frozenset()
    recorded_no: frozenset[Flag] = frozenset()

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
                "enum",
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
            add(problems, field("age"), "range", f"the band is outside 0..{MAX_AGE}")
        if self.months is not None:
            is_type(problems, field("months"), self.months, Band)
        for name in ("citizenship", "country_of_exploitation"):
            value = getattr(self, name)
            if value is not None:
                is_country(problems, field(name), value)
        sets_ok = True
        for name, vocabulary in _SETS:
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
                self.recorded_no & _yes(self), key=lambda flag: flag.value
            ):
                add(
                    problems,
                    field("recorded_no"),
                    "flag_state",
                    f"{flag.value} is recorded both yes and no",
                )
        raise_if_any(problems)


_SETS: Final = (
    ("means", Means),
    ("exploitation", ExploitationForm),
    ("sectors", Sector),
    ("recruiter_relations", RecruiterRelation),
)


def _yes(record: Record) -> frozenset[Flag]:
    return (
        record.means | record.exploitation | record.sectors | record.recruiter_relations
    )


def _member_of(vocabulary: type[Enum]) -> Callable[[Problems, str, object], bool]:
    def check(problems: Problems, path: str, value: object) -> bool:
        return is_member(problems, path, value, vocabulary)

    return check


def _is_ctdc_form(problems: Problems, path: str, value: object) -> bool:
    if value in _CTDC_FORMS:
        return True
    add(
        problems,
        path,
        "enum",
        f"{getattr(value, 'value', 'the value')} is not a form the CTDC file "
        "records (forced_labour, sexual, other)",
    )
    return False


def _is_flag(problems: Problems, path: str, value: object) -> bool:
    if type(value) in _FLAG_TYPES and (
        type(value) is not ExploitationForm or value in _CTDC_FORMS
    ):
        return True
    return wrong_type(problems, path, value, "a CTDC flag")


_ALL_FLAGS: Final[frozenset[object]] = frozenset(
    {*Means, *_CTDC_FORMS, *Sector, *RecruiterRelation}
)
_GENDERS: Final = frozenset({Sex.FEMALE, Sex.MALE, Sex.OTHER})


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
        and (record.citizenship is None or record.citizenship in COUNTRY_CODES)
        and (
            record.country_of_exploitation is None
            or record.country_of_exploitation in COUNTRY_CODES
        )
        and type(means) is frozenset
        and means <= _MEANS
        and type(forms) is frozenset
        and forms <= _CTDC_FORMS
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
_FLAG_COLUMNS: Final[Mapping[str, Flag]] = {
    "meansDebtBondageEarnings": Means.DEBT_BONDAGE_EARNINGS,
    "meansThreats": Means.THREATS,
    "meansAbusePsyPhySex": Means.ABUSE,
    "meansFalsePromises": Means.FALSE_PROMISES,
    "meansDrugsAlcohol": Means.DRUGS_ALCOHOL,
    "meansDenyBasicNeeds": Means.DENY_BASIC_NEEDS,
    "meansExcessiveWorkHours": Means.EXCESSIVE_WORK_HOURS,
    "meansWithholdDocs": Means.WITHHOLD_DOCUMENTS,
    "isForcedLabour": ExploitationForm.FORCED_LABOUR,
    "isSexualExploit": ExploitationForm.SEXUAL,
    "isOtherExploit": ExploitationForm.OTHER,
    "typeOfLabourAgriculture": Sector.AGRICULTURE,
    "typeOfLabourConstruction": Sector.CONSTRUCTION,
    "typeOfLabourDomesticWork": Sector.DOMESTIC_WORK,
    "typeOfLabourHospitality": Sector.HOSPITALITY,
    "typeOfSexProstitution": Sector.PROSTITUTION,
    "typeOfSexPornography": Sector.PORNOGRAPHY,
    "recruiterRelationIntimatePartner": RecruiterRelation.INTIMATE_PARTNER,
    "recruiterRelationFriend": RecruiterRelation.FRIEND,
    "recruiterRelationFamily": RecruiterRelation.FAMILY,
    "recruiterRelationOther": RecruiterRelation.OTHER,
}
_VALUE_COLUMNS: Final = (
    "yearOfRegistration",
    "gender",
    "ageBroad",
    "citizenship",
    "CountryOfExploitation",
    "traffickMonths",
)
COLUMNS: Final[tuple[str, ...]] = (*_VALUE_COLUMNS, *_FLAG_COLUMNS)
"""The 27 columns of the CTDC Global Synthetic Dataset, in the file's order.

Example:
    >>> len(COLUMNS), COLUMNS[:3]
    (27, ('yearOfRegistration', 'gender', 'ageBroad'))
"""

_SECTOR_SPELLING: Final = {
    "typeOfLabourAgriculture": "sectorOfLabourAgriculture",
    "typeOfLabourConstruction": "sectorOfLabourConstruction",
    "typeOfLabourDomesticWork": "sectorOfLabourDomesticWork",
    "typeOfLabourHospitality": "sectorOfLabourHospitality",
    "typeOfSexProstitution": "sectorOfSexProstitution",
    "typeOfSexPornography": "sectorOfSexPornography",
}

# The older schemes: each column that maps names the flag it adds to; several
# columns naming one flag are combined (yes if any is yes, no if all are no).
_OLD_FLAG_COLUMNS: Final[Mapping[str, Flag]] = {
    "meansOfControlDebtBondage": Means.DEBT_BONDAGE_EARNINGS,
    "meansOfControlTakesEarnings": Means.DEBT_BONDAGE_EARNINGS,
    "meansOfControlThreats": Means.THREATS,
    "meansOfControlPsychologicalAbuse": Means.ABUSE,
    "meansOfControlPhysicalAbuse": Means.ABUSE,
    "meansOfControlSexualAbuse": Means.ABUSE,
    "meansOfControlFalsePromises": Means.FALSE_PROMISES,
    "meansOfControlPsychoactiveSubstances": Means.DRUGS_ALCOHOL,
    "meansOfControlWithholdsNecessities": Means.DENY_BASIC_NEEDS,
    "meansOfControlExcessiveWorkingHours": Means.EXCESSIVE_WORK_HOURS,
    "meansOfControlWithholdsDocuments": Means.WITHHOLD_DOCUMENTS,
    "isForcedMarriage": ExploitationForm.OTHER,
    "isForcedMilitary": ExploitationForm.OTHER,
    "isOrganRemoval": ExploitationForm.OTHER,
    "isSlaveryAndPractices": ExploitationForm.OTHER,
}
_UNMAPPED: Final = frozenset(
    {
        "Datasource",
        "majorityStatus",
        "majorityStatusAtExploit",
        "majorityEntry",
        "meansOfControlRestrictsFinancialAccess",
        "meansOfControlRestrictsMovement",
        "meansOfControlRestrictsMedicalCare",
        "meansOfControlUsesChildren",
        "meansOfControlThreatOfLawEnforcement",
        "meansOfControlOther",
        "meansOfControlNotSpecified",
        "meansOfControlConcatenated",
        "isSexAndLabour",
        "typeOfExploitConcatenated",
        "typeOfLabourAquafarming",
        "typeOfLabourBegging",
        "typeOfLabourIllicitActivities",
        "typeOfLabourManufacturing",
        "typeOfLabourMiningOrDrilling",
        "typeOfLabourPeddling",
        "typeOfLabourTransportation",
        "typeOfLabourOther",
        "typeOfLabourNotSpecified",
        "typeOfLabourConcatenated",
        "typeOfSexRemoteInteractiveServices",
        "typeOfSexPrivateSexualServices",
        "typeOfSexOther",
        "typeOfSexConcatenated",
        "isAbduction",
        "RecruiterRelationship",
        "recruiterRelationUnknown",
    }
)
"""Columns of the older schemes that the current file has no place for."""


def _known_flag_columns() -> dict[str, Flag]:
    known: dict[str, Flag] = dict(_FLAG_COLUMNS)
    known.update(
        (spelling, _FLAG_COLUMNS[name]) for name, spelling in _SECTOR_SPELLING.items()
    )
    known.update(_OLD_FLAG_COLUMNS)
    # Copies of the 2021 file cut names to 32 characters.
    known.update((name[:32], flag) for name, flag in list(known.items()))
    return known


_KNOWN_FLAGS: Final = _known_flag_columns()
_IGNORED: Final = _UNMAPPED | {name[:32] for name in _UNMAPPED}

_GENDER_CELLS: Final[Mapping[str, Sex]] = {
    "Woman": Sex.FEMALE,
    "Man": Sex.MALE,
    "Trans/Transgender/NonConforming": Sex.OTHER,
    "Female": Sex.FEMALE,
    "Male": Sex.MALE,
}
_GENDER_WRITTEN: Final = {
    Sex.FEMALE: "Woman",
    Sex.MALE: "Man",
    Sex.OTHER: "Trans/Transgender/NonConforming",
}
_MONTHS_WRITTEN: Final = {
    Band(0, 12): "0--12 (0-1 yr)",
    Band(13, 24): "13--24 (1-2 yrs)",
    Band(25): "25+ (2+ yrs)",
}
_BAND = re.compile(r"(\d{1,4})(?:--(\d{1,4})|\+)(?: \([^()]*\))?", re.ASCII)
_YEAR = re.compile(r"\d{4}", re.ASCII)
_NOT_RECORDED: Final = frozenset({"", "-99"})
_FLAG_CELLS: Final = frozenset({"1", "0", "", "-99"})


class _BadCellError(Exception):
    """A cell that does not read: its rule and message."""

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message


def _year(cell: str) -> int | None:
    if cell in _NOT_RECORDED:
        return None
    if _YEAR.fullmatch(cell) and FIRST_YEAR <= int(cell) <= LAST_YEAR:
        return int(cell)
    raise _BadCellError(
        "range", f"expected a year from {FIRST_YEAR} to {LAST_YEAR} or blank"
    )


def _gender(cell: str) -> Sex | None:
    if cell in _NOT_RECORDED:
        return None
    try:
        return _GENDER_CELLS[cell]
    except KeyError:
        raise _BadCellError(
            "enum",
            f"{subject(cell)} is not a CTDC gender; expected one of "
            + ", ".join(map(repr, _GENDER_CELLS)),
        ) from None


def _band(cell: str, what: str) -> Band | None:
    if cell in _NOT_RECORDED:
        return None
    match = _BAND.fullmatch(cell)
    if match is None:
        raise _BadCellError(
            "enum", f"{subject(cell)} is not {what}, such as 9--17 or 48+"
        )
    low, high = match.groups()
    if high is not None and int(high) < int(low):
        raise _BadCellError(
            "range_order", f"the band's end is below its start in {what}"
        )
    return Band(int(low), None if high is None else int(high))


def _age(cell: str) -> Band | None:
    band = _band(cell, "an age band")
    if band is not None and (
        band.low > MAX_AGE or (band.high is not None and band.high > MAX_AGE)
    ):
        raise _BadCellError("range", f"the age band is outside 0..{MAX_AGE}")
    return band


def _months(cell: str) -> Band | None:
    return _band(cell, "a band of months")


def _country(cell: str) -> str | None:
    if cell in _NOT_RECORDED:
        return None
    if len(cell) == 3 and cell in countries_by_alpha3:
        return cell
    if len(cell) == 2 and cell in countries_by_alpha2:
        return countries_by_alpha2[cell].alpha3
    raise _BadCellError(
        "country_code",
        f"{subject(cell)} is not an ISO 3166-1 alpha-2 or alpha-3 country code",
    )


_Parse: TypeAlias = "Callable[[str], object]"
_VALUE_PARSERS: Final[Mapping[str, tuple[str, _Parse]]] = {
    "yearOfRegistration": ("year", _year),
    "gender": ("gender", _gender),
    "ageBroad": ("age", _age),
    "citizenship": ("citizenship", _country),
    "CountryOfExploitation": ("country_of_exploitation", _country),
    "traffickMonths": ("months", _months),
}
_CACHE_LIMIT: Final = 8192  # all 3**8 states of eight flags
_FIELDS: Final = tuple(
    (column, target) for column, (target, _) in _VALUE_PARSERS.items()
)


_Cells: TypeAlias = "tuple[str, ...]"
_Row: TypeAlias = "tuple[int, _Cells] | ValidationError"
T = TypeVar("T")
_Pair: TypeAlias = "tuple[frozenset[Flag], frozenset[Flag]]"
_Parts: TypeAlias = (
    "tuple[int | None, Sex | None, Band | None, str | None, str | None, "
    "Band | None, _Pair, _Pair, _Pair, _Pair]"
)


@attrs.frozen(slots=True)
class _Layout:
    """How to read the rows of one header: which cells hold what."""

    columns: tuple[str, ...]
    values: tuple[tuple[int, str, _Parse], ...]  # position, field, parse
    groups: tuple[tuple[tuple[int, ...], tuple[Flag, ...]], ...]  # per group

    @classmethod
    def of(cls, columns: tuple[str, ...], line: int) -> _Layout:
        problems: list[Problem] = []
        values = []
        groups: dict[type, tuple[list[int], list[Flag]]] = {
            kind: ([], []) for kind in _FLAG_TYPES
        }
        seen: dict[str, str] = {}
        for position, name in enumerate(columns):
            if name in _VALUE_PARSERS:
                target, parse = _VALUE_PARSERS[name]
                values.append((position, target, parse))
            elif name in _KNOWN_FLAGS:
                flag = _KNOWN_FLAGS[name]
                positions, flags = groups[type(flag)]
                positions.append(position)
                flags.append(flag)
                if name in _FLAG_COLUMNS or name in _SECTOR_SPELLING.values():
                    other = seen.setdefault(f"{type(flag).__name__}.{flag.name}", name)
                    if other != name:
                        problems.append(
                            Problem(
                                path=column_path(name),
                                message=f"holds the same flag as {other!r}",
                                rule="header",
                            )
                        )
            elif name not in _IGNORED:
                problems.append(
                    Problem(
                        path=column_path(name),
                        message="is not a column of any CTDC scheme",
                        rule="header",
                    )
                )
        grouped = tuple(
            (tuple(positions), tuple(flags)) for positions, flags in groups.values()
        )
        if not values and not any(positions for positions, _ in grouped):
            problems.append(
                Problem(path="$", message="no CTDC column in the header", rule="header")
            )
        if problems:
            raise ValidationError(problems, line=line)
        return cls(columns, tuple(values), grouped)


def read(source: TableSource, *, on_error: ErrorHandler = None) -> Iterator[Record]:
    """Read a CTDC file, one record per row, streaming.

    The header says which scheme the file follows: the 27 columns of the
    current file (sector columns spelt `typeOf...` or `sectorOf...`), the 63 of
    the 2017 k-anonymised file or the 37 of the 2021 synthetic release, in
    any order. Columns that the current file has no place for (such as
    `Datasource` or `typeOfLabourBegging`) are skipped; a column that no scheme
    has is an error, so a misspelt name is never dropped silently. A column
    left out reads as not recorded.

    Args:
        source: A path, a file (text or binary), lines, or rows.
        on_error: Called with each bad row's `ValidationError`, and reading
            goes on; by default the first one is raised.

    Returns:
        An iterator of one `Record` per good row, read as it is consumed.

    Raises:
        ValidationError: If the header is not a CTDC header (rule `header`),
            or, without `on_error`, for the first bad row: its line and the
            column, with the rule (`range`, `enum`, `country_code`, `flag`,
            `range_order`, or those of the table itself).

    Example:
        >>> rows = [
        ...     {"gender": "Man", "ageBroad": "48+", "isForcedLabour": "1"},
        ...     {"gender": "Robot", "ageBroad": "", "isForcedLabour": "yes"},
        ... ]
        >>> errors = []
        >>> [record.age for record in read(rows, on_error=errors.append)]
        [Band(low=48, high=None)]
        >>> print(errors[0])
        line 3: 2 problems:
          $.gender: the value is not a CTDC gender; expected one of 'Woman', 'Man', 'Trans/Transgender/NonConforming', 'Female', 'Male'
          $.isForcedLabour: expected 1, 0, blank or -99, got the value
    """
    return _Reading(source, on_error)


class _Reading(Iterator[Record]):
    """The records of a file being read: what `read` returns.

    It reads lazily, as a generator would. `victim_statistics` given a
    reading not yet started counts its rows without making a `Record` of each
    (the same rows are accepted and the same errors reported), which is what
    makes counting a large file fast.
    """

    def __init__(self, source: TableSource, on_error: ErrorHandler) -> None:
        self._source = source
        self._on_error = on_error
        self._iterator: Iterator[Record] | None = None

    def __next__(self) -> Record:
        """The next record."""
        if self._iterator is None:
            self._iterator = self._read(
                lambda reader, rows: reader.records(rows, self._on_error)
            )
        return next(self._iterator)

    def parts(self) -> Iterator[_Parts] | None:
        """The parsed rows, if no record has been taken yet; else `None`."""
        if self._iterator is not None:
            return None
        self._iterator = iter(())
        return self._read(lambda reader, rows: reader.parse(rows, self._on_error))

    def _read(
        self, take: Callable[[_Reader, Iterator[_Row]], Iterator[T]]
    ) -> Iterator[T]:
        with open_table(self._source) as table:
            layout = _Layout.of(table.columns, table.header_line)
            yield from take(_Reader(layout), table.tuples())


class _Reader:
    """Reads the rows of one layout, caching what each distinct cell means.

    Files of this kind repeat a few values in every column, so each distinct
    cell (and each distinct group of flag cells) is parsed once. Every cache
    is bounded, so memory stays flat however long the file.
    """

    def __init__(self, layout: _Layout) -> None:
        self.layout = layout
        # Every field in `_FIELDS` order; a column the file lacks reads a blank
        # cell added past the end of the row.
        blank = len(layout.columns)
        given = {target: (position, parse) for position, target, parse in layout.values}
        self.fields = tuple(
            given.get(target, (blank, _VALUE_PARSERS[column][1]))
            for column, target in _FIELDS
        )
        self.value_caches: tuple[dict[str, Any], ...] = tuple({} for _ in self.fields)
        self.group_caches: tuple[dict[_Cells, _Pair], ...] = tuple(
            {} for _ in layout.groups
        )

    def parse(
        self,
        rows: Iterable[tuple[int, _Cells] | ValidationError],
        on_error: ErrorHandler,
    ) -> Iterator[_Parts]:
        """What each good row holds, parsed and checked; bad rows are reported.

        Both `records` and the fast path of `victim_statistics` read rows
        through here, so that they accept exactly the same rows.
        """
        get_values = _getter(tuple(position for position, _ in self.fields))
        complete = all(
            position < len(self.layout.columns) for position, _ in self.fields
        )
        (
            (means_get, means_cache),
            (forms_get, forms_cache),
            (sectors_get, sectors_cache),
            (relations_get, relations_cache),
        ) = (
            (_getter(positions), cache)
            for (positions, _), cache in zip(
                self.layout.groups, self.group_caches, strict=True
            )
        )
        years, genders, ages, citizenships, countries, durations = self.value_caches
        value = self.value
        group = self.group
        for item in rows:
            if type(item) is not tuple:
                assert isinstance(item, ValidationError)
                report(item, on_error)
                continue
            line, cells = item
            try:
                row = cells if complete else (*cells, "")
                year, gender, age, citizenship, country, months = get_values(row)
                key = means_get(row)
                means = means_cache.get(key) or group(0, key)
                key = forms_get(row)
                forms = forms_cache.get(key) or group(1, key)
                key = sectors_get(row)
                sectors = sectors_cache.get(key) or group(2, key)
                key = relations_get(row)
                relations = relations_cache.get(key) or group(3, key)
                yield (
                    years[year] if year in years else value(0, year),
                    genders[gender] if gender in genders else value(1, gender),
                    ages[age] if age in ages else value(2, age),
                    citizenships[citizenship]
                    if citizenship in citizenships
                    else value(3, citizenship),
                    countries[country] if country in countries else value(4, country),
                    durations[months] if months in durations else value(5, months),
                    means,
                    forms,
                    sectors,
                    relations,
                )
            except _BadCellError:
                report(self.problems(line, cells), on_error)

    def records(
        self,
        rows: Iterable[tuple[int, _Cells] | ValidationError],
        on_error: ErrorHandler,
    ) -> Iterator[Record]:
        """One `Record` per good row."""
        no_cache: dict[tuple[frozenset[Flag], ...], frozenset[Flag]] = {}
        for (
            year,
            gender,
            age,
            citizenship,
            country,
            months,
            means,
            forms,
            sectors,
            relations,
        ) in self.parse(rows, on_error):
            key = (means[1], forms[1], sectors[1], relations[1])
            recorded_no = no_cache.get(key)
            if recorded_no is None:
                recorded_no = _union(no_cache, key)
            yield Record(
                year=year,
                gender=gender,
                age=age,
                citizenship=citizenship,
                country_of_exploitation=country,
                months=months,
                means=means[0],  # type: ignore[arg-type]
                exploitation=forms[0],  # type: ignore[arg-type]
                sectors=sectors[0],  # type: ignore[arg-type]
                recruiter_relations=relations[0],  # type: ignore[arg-type]
                recorded_no=recorded_no,
            )

    def value(self, index: int, cell: str) -> Any:  # noqa: ANN401 - a field's value
        """Parse one value cell, and cache what it means."""
        value = self.fields[index][1](cell)
        cache = self.value_caches[index]
        if len(cache) < _CACHE_LIMIT:
            cache[cell] = value
        return value

    def group(self, index: int, cells: _Cells) -> _Pair:
        """The flags of one group recorded yes and no, cached."""
        found = _group_sets(cells, self.layout.groups[index][1])
        cache = self.group_caches[index]
        if len(cache) < _CACHE_LIMIT:
            cache[cells] = found
        return found

    def problems(self, line: int, cells: _Cells) -> ValidationError:
        """Every problem of a bad row, each with its column."""
        columns = self.layout.columns
        problems = [
            Problem(path=column_path(columns[position]), message=message, rule=rule)
            for position, _, parse in self.layout.values
            for rule, message in _cell_problem(parse, cells[position])
        ]
        problems.extend(
            Problem(
                path=column_path(columns[position]),
                message=f"expected 1, 0, blank or -99, got {subject(cells[position])}",
                rule="flag",
            )
            for positions, _ in self.layout.groups
            for position in positions
            if cells[position] not in _FLAG_CELLS
        )
        return ValidationError(problems, line=line)


def _cell_problem(parse: _Parse, cell: str) -> list[tuple[str, str]]:
    """The rule and message of a cell that does not read, if it does not."""
    try:
        parse(cell)
    except _BadCellError as bad:
        return [(bad.rule, bad.message)]
    return []


def _union(
    cache: dict[tuple[frozenset[Flag], ...], frozenset[Flag]],
    parts: tuple[frozenset[Flag], ...],
) -> frozenset[Flag]:
    """The union of `parts`, cached: one set object for each distinct union."""
    union = frozenset().union(*parts)
    if len(cache) < _CACHE_LIMIT:
        cache[parts] = union
    return union


def _getter(positions: tuple[int, ...]) -> Callable[[_Cells], _Cells]:
    """A function from a row's cells to those at `positions`, as a tuple."""
    if not positions:
        return lambda cells: ()
    if len(positions) == 1:
        get_one = itemgetter(positions[0])
        return lambda cells: (get_one(cells),)
    return itemgetter(*positions)


def _group_sets(
    cells: _Cells, flags: tuple[Flag, ...]
) -> tuple[frozenset[Flag], frozenset[Flag]]:
    """The flags of one group recorded yes, and those recorded no.

    Raises:
        _BadCellError: If a cell is not a flag (the row's problems are then collected
            again, each with its column).
    """
    yes: list[Flag] = []
    no: list[Flag] = []
    blank: list[Flag] = []
    for cell, flag in zip(cells, flags, strict=True):
        if cell == "1":
            yes.append(flag)
        elif cell == "0":
            no.append(flag)
        elif cell in _NOT_RECORDED:
            blank.append(flag)
        else:
            raise _BadCellError("flag", "not a flag")
    # Columns that share a flag: yes if any is yes, no only if all are no.
    if not blank:
        return frozenset(yes), frozenset(no).difference(yes)
    return frozenset(yes), frozenset(no).difference(yes, blank)


def write(
    records: Iterable[Record],
    target: TableTarget,
    *,
    spelling: Literal["typeOf", "sectorOf"] = "typeOf",
    alpha2: bool = False,
) -> int:
    """Write records as the 27 columns of the CTDC file.

    A flag is written `1` (yes), `0` (no) or blank (not recorded), so that
    reading the file gives the same records back.

    Args:
        records: The records, each a `Record`.
        target: A path (written atomically) or a file.
        spelling: The sector columns' names: `typeOfLabour...` or
            `sectorOfLabour...`.
        alpha2: Write countries as alpha-2 codes rather than alpha-3.

    Returns:
        The number of records written.

    Raises:
        ValidationError: If an item is not a `Record` (rule `type`), with its
            position.

    Example:
        >>> import io
        >>> out = io.StringIO()
        >>> write([Record(year=2021, gender=Sex.FEMALE, age=Band(48))], out)
        1
        >>> header, row = out.getvalue().splitlines()
        >>> row
        '2021,Woman,48+,,,,,,,,,,,,,,,,,,,,,,,,'
    """
    columns = [
        _SECTOR_SPELLING.get(name, name) if spelling == "sectorOf" else name
        for name in COLUMNS
    ]
    flags = tuple(_FLAG_COLUMNS.values())

    def country(code: str | None) -> str:
        if code is None:
            return ""
        return countries_by_alpha3[code].alpha2 if alpha2 else code

    def rows() -> Iterator[list[str]]:
        for index, item in enumerate(records):
            record: object = item
            if not isinstance(record, Record):
                problems: Problems = []
                wrong_type(problems, f"$[{index}]", record, "Record")
                raise ValidationError(problems)
            yes = _yes(record)
            no = record.recorded_no
            yield [
                "" if record.year is None else str(record.year),
                "" if record.gender is None else _GENDER_WRITTEN[record.gender],
                "" if record.age is None else str(record.age),
                country(record.citizenship),
                country(record.country_of_exploitation),
                ""
                if record.months is None
                else _MONTHS_WRITTEN.get(record.months, str(record.months)),
                *("1" if flag in yes else "0" if flag in no else "" for flag in flags),
            ]

    return write_table(columns, rows(), target)


def victim_statistics(
    records: Iterable[Record],
    *,
    country: str | None = None,
    citizenship: str | None = None,
    year: int | None = None,
) -> VictimStatistics:
    """Count records into `VictimStatistics`, valid by construction.

    Filters keep only the records that match; a record whose country, citizenship
    or year is not recorded does not match a filter on it. Blanks never become
    "no":

    - by sex: `Sex.OTHER` for `Trans/Transgender/NonConforming`, and
      `Sex.UNKNOWN` where gender is not recorded;
    - by age group: a band within 0 to 17 is a child, one from 18 an adult,
      no band `AgeGroup.UNKNOWN`; a band on both sides of 18 fits neither, so
      then the breakdown is partial and leaves that record out;
    - by citizenship, only with `country`: national (citizen of `country`),
      foreign, or unknown (not recorded); without `country` it is not given;
    - by exploitation: each form's count is exact where every record counted
      records that flag, and otherwise a `Count` from those recorded yes to
      those recorded yes or not recorded. The breakdown is partial if some
      record has every form recorded no, since that victim is counted under
      none of them.

    Args:
        records: The records, for example `read(path)`.
        country: Count only victims exploited in this country (alpha-3).
        citizenship: Count only victims of this citizenship (alpha-3).
        year: Count only cases registered in this year.

    Returns:
        The statistics.

    Raises:
        ValidationError: If a filter is not a country code or a year, or an
            item is not a `Record`.

    Example:
        >>> records = [
        ...     Record(gender=Sex.FEMALE, exploitation=frozenset({ExploitationForm.SEXUAL})),
        ...     Record(gender=None, exploitation=frozenset({ExploitationForm.OTHER})),
        ... ]
        >>> statistics = victim_statistics(records)
        >>> statistics.total, dict(statistics.by_sex)
        (2, {<Sex.FEMALE: 'female'>: 1, <Sex.UNKNOWN: 'unknown'>: 1})
        >>> statistics.by_exploitation[ExploitationForm.SEXUAL], sorted(statistics.partial)
        (Count(low=1, high=2), [])
    """
    problems: Problems = []
    if country is not None:
        is_country(problems, "$.country", country)
    if citizenship is not None:
        is_country(problems, "$.citizenship", citizenship)
    if year is not None:
        is_in_range(problems, "$.year", year, FIRST_YEAR, LAST_YEAR)
    raise_if_any(problems)
    # Count each combination that matters once, then sum: fast and small. The
    # keys hold what hashes fast: ids of vocabulary members (which live as
    # long as their enum), ints, and the record's own sets, whose hash each
    # set object keeps.
    combinations: dict[
        tuple[
            int,
            int | None,
            int | None,
            int,
            frozenset[Flag],
            frozenset[Flag],
        ],
        int,
    ] = {}
    filtered = country is not None or citizenship is not None or year is not None
    national, foreign, unknown = (
        id(CitizenshipCategory.NATIONAL),
        id(CitizenshipCategory.FOREIGN),
        id(CitizenshipCategory.UNKNOWN),
    )
    parts = records.parts() if type(records) is _Reading else None
    rows = _parts_of(records) if parts is None else parts
    for row_year, gender, age, citizen_of, exploited_in, _, _, pair, _, _ in rows:
        forms, no_forms = pair
        if filtered and (
            (country is not None and exploited_in != country)
            or (citizenship is not None and citizen_of != citizenship)
            or (year is not None and row_year != year)
        ):
            continue
        category = id(None)
        if country is not None:
            category = (
                unknown
                if citizen_of is None
                else national
                if citizen_of == country
                else foreign
            )
        key = (
            id(gender),
            None if age is None else age.low,
            None if age is None else age.high,
            category,
            forms,
            no_forms,
        )
        combinations[key] = combinations.get(key, 0) + 1
    members = {id(member): member for member in (None, *Sex, *CitizenshipCategory)}
    total = 0
    by_sex: Counter[Sex] = Counter()
    by_age: Counter[AgeGroup] = Counter()
    by_citizenship: Counter[CitizenshipCategory] = Counter()
    yes: Counter[Flag] = Counter()
    maybe: Counter[Flag] = Counter()
    partial: set[str] = set()
    for (gender_id, low, high, category_id, forms, no), count in combinations.items():
        gender = members[gender_id]
        unrecorded = _CTDC_FORMS - forms - no
        total += count
        by_sex[Sex.UNKNOWN if gender is None else gender] += count
        group = AgeGroup.UNKNOWN if low is None else _age_group(Band(low, high))
        if group is None:
            partial.add("by_age_group")
        else:
            by_age[group] += count
        category_found = members[category_id]
        if category_found is not None:
            by_citizenship[category_found] += count
        for form in forms:
            yes[form] += count
        for form in unrecorded:
            maybe[form] += count
        if not forms and not unrecorded:
            partial.add("by_exploitation")
    by_exploitation: dict[ExploitationForm, Figure] = {}
    for form in (
        ExploitationForm.SEXUAL,
        ExploitationForm.FORCED_LABOUR,
        ExploitationForm.OTHER,
    ):
        if form in yes or form in maybe:
            low = yes[form]
            by_exploitation[form] = (
                low if not maybe[form] else Count(low, low + maybe[form])
            )
    return VictimStatistics(
        total=total,
        by_sex=_ordered(by_sex, Sex) if total else {},
        by_age_group=_ordered(by_age, AgeGroup) if total else {},
        by_citizenship=_ordered(by_citizenship, CitizenshipCategory),
        by_exploitation=by_exploitation if total else {},
        partial=frozenset(partial),
    )


def _parts_of(records: Iterable[Record]) -> Iterator[_Parts]:
    """What `victim_statistics` counts of each record, shaped as a row read."""
    forms_no: dict[frozenset[Flag], frozenset[ExploitationForm]] = {}
    for index, record in enumerate(records):
        if type(record) is not Record:
            problems: Problems = []
            wrong_type(problems, f"$[{index}]", record, "Record")
            raise_if_any(problems)
        no = record.recorded_no
        no_forms = forms_no.get(no)
        if no_forms is None:
            no_forms = frozenset(_CTDC_FORMS & no)
            if len(forms_no) < _CACHE_LIMIT:
                forms_no[no] = no_forms
        yield (
            record.year,
            record.gender,
            record.age,
            record.citizenship,
            record.country_of_exploitation,
            None,
            _NO_PAIR,
            (record.exploitation, no_forms),
            _NO_PAIR,
            _NO_PAIR,
        )


_NO_PAIR: Final[_Pair] = (frozenset(), frozenset())


def _age_group(age: Band | None) -> AgeGroup | None:
    if age is None:
        return AgeGroup.UNKNOWN
    if age.high is not None and age.high < ADULT_AGE:
        return AgeGroup.CHILD
    if age.low >= ADULT_AGE:
        return AgeGroup.ADULT
    return None


E = TypeVar("E", bound=Enum)


def _ordered(counts: Counter[E], vocabulary: type[E]) -> dict[E, Figure]:
    return {member: counts[member] for member in vocabulary if member in counts}
