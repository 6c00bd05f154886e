"""The columns of the CTDC schemes, and the reading of their cells.

`formats.ctdc` reads and writes through here: which column holds what in each
scheme, how each distinct cell is parsed once and cached, and the rows of a
file turned into the parts of a `Record`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from operator import itemgetter
from typing import Any, Final, TypeAlias, TypeVar

import attrs
from iso3166 import countries_by_alpha2, countries_by_alpha3

from trafficking_model._rules import rule
from trafficking_model._validation import (
    COUNTRY_CODE,
    ENUM,
    MAX_AGE,
    RANGE,
    RANGE_ORDER,
    subject,
)
from trafficking_model.errors import Problem, ValidationError
from trafficking_model.formats._ctdc_record import (
    FLAG_TYPES,
    Band,
    Flag,
    Means,
    Record,
    RecruiterRelation,
    Sector,
)
from trafficking_model.formats._tabular import (
    HEADER,
    ErrorHandler,
    TableSource,
    column_path,
    open_table,
    report,
)
from trafficking_model.statistics import FIRST_YEAR, LAST_YEAR
from trafficking_model.vocabularies import ExploitationForm, Sex

__all__ = [
    "CACHE_LIMIT",
    "COLUMNS",
    "FLAG_COLUMNS",
    "GENDER_WRITTEN",
    "MONTHS_WRITTEN",
    "SECTOR_SPELLING",
    "Pair",
    "Parts",
    "Reading",
]


FLAG_COLUMNS: Final[Mapping[str, Flag]] = {
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
COLUMNS: Final[tuple[str, ...]] = (*_VALUE_COLUMNS, *FLAG_COLUMNS)
"""The 27 columns of the CTDC Global Synthetic Dataset, in the file's order.

Example:
    >>> len(COLUMNS), COLUMNS[:3]
    (27, ('yearOfRegistration', 'gender', 'ageBroad'))
"""

SECTOR_SPELLING: Final = {
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
    known: dict[str, Flag] = dict(FLAG_COLUMNS)
    known.update(
        (spelling, FLAG_COLUMNS[name]) for name, spelling in SECTOR_SPELLING.items()
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
GENDER_WRITTEN: Final = {
    Sex.FEMALE: "Woman",
    Sex.MALE: "Man",
    Sex.OTHER: "Trans/Transgender/NonConforming",
}
MONTHS_WRITTEN: Final = {
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
        RANGE, f"expected a year from {FIRST_YEAR} to {LAST_YEAR} or blank"
    )


def _gender(cell: str) -> Sex | None:
    if cell in _NOT_RECORDED:
        return None
    try:
        return _GENDER_CELLS[cell]
    except KeyError:
        raise _BadCellError(
            ENUM,
            f"{subject(cell)} is not a CTDC gender; expected one of "
            + ", ".join(map(repr, _GENDER_CELLS)),
        ) from None


def _band(cell: str, what: str) -> Band | None:
    if cell in _NOT_RECORDED:
        return None
    match = _BAND.fullmatch(cell)
    if match is None:
        raise _BadCellError(
            ENUM, f"{subject(cell)} is not {what}, such as 9--17 or 48+"
        )
    low, high = match.groups()
    if high is not None and int(high) < int(low):
        raise _BadCellError(RANGE_ORDER, f"the band's end is below its start in {what}")
    return Band(int(low), None if high is None else int(high))


def _age(cell: str) -> Band | None:
    band = _band(cell, "an age band")
    if band is not None and (
        band.low > MAX_AGE or (band.high is not None and band.high > MAX_AGE)
    ):
        raise _BadCellError(RANGE, f"the age band is outside 0..{MAX_AGE}")
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
        COUNTRY_CODE,
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
CACHE_LIMIT: Final = 8192  # all 3**8 states of eight flags
_FIELDS: Final = tuple(
    (column, target) for column, (target, _) in _VALUE_PARSERS.items()
)


_Cells: TypeAlias = "tuple[str, ...]"
_Row: TypeAlias = "tuple[int, _Cells] | ValidationError"
T = TypeVar("T")
Pair: TypeAlias = "tuple[frozenset[Flag], frozenset[Flag]]"
Parts: TypeAlias = (
    "tuple[int | None, Sex | None, Band | None, str | None, str | None, "
    "Band | None, Pair, Pair, Pair, Pair]"
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
            kind: ([], []) for kind in FLAG_TYPES
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
                if name in FLAG_COLUMNS or name in SECTOR_SPELLING.values():
                    other = seen.setdefault(f"{type(flag).__name__}.{flag.name}", name)
                    if other != name:
                        problems.append(
                            Problem(
                                path=column_path(name),
                                message=f"holds the same flag as {other!r}",
                                rule=HEADER,
                            )
                        )
            elif name not in _IGNORED:
                problems.append(
                    Problem(
                        path=column_path(name),
                        message="is not a column of any CTDC scheme",
                        rule=HEADER,
                    )
                )
        grouped = tuple(
            (tuple(positions), tuple(flags)) for positions, flags in groups.values()
        )
        if not values and not any(positions for positions, _ in grouped):
            problems.append(
                Problem(path="$", message="no CTDC column in the header", rule=HEADER)
            )
        if problems:
            raise ValidationError(problems, line=line)
        return cls(columns, tuple(values), grouped)


class Reading(Iterator[Record]):
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

    def parts(self) -> Iterator[Parts] | None:
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


FLAG = rule(
    "flag",
    "Every flag of a CTDC file is `1`, `0` or not recorded (blank or `-99`): anything "
    "else would have to be guessed.",
    checked_on="every flag cell of a CTDC file",
)


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
        self.group_caches: tuple[dict[_Cells, Pair], ...] = tuple(
            {} for _ in layout.groups
        )

    def parse(
        self,
        rows: Iterable[tuple[int, _Cells] | ValidationError],
        on_error: ErrorHandler,
    ) -> Iterator[Parts]:
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
        if len(cache) < CACHE_LIMIT:
            cache[cell] = value
        return value

    def group(self, index: int, cells: _Cells) -> Pair:
        """The flags of one group recorded yes and no, cached."""
        found = _group_sets(cells, self.layout.groups[index][1])
        cache = self.group_caches[index]
        if len(cache) < CACHE_LIMIT:
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
                rule=FLAG,
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
    if len(cache) < CACHE_LIMIT:
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
            raise _BadCellError(FLAG, "not a flag")
    # Columns that share a flag: yes if any is yes, no only if all are no.
    if not blank:
        return frozenset(yes), frozenset(no).difference(yes)
    return frozenset(yes), frozenset(no).difference(yes, blank)
