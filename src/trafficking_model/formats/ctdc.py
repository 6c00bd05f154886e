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

from collections import Counter
from enum import Enum
from typing import TYPE_CHECKING, Final, Literal, TypeVar

from iso3166 import countries_by_alpha3

from trafficking_model._validation import (
    Problems,
    is_country,
    is_in_range,
    raise_if_any,
    wrong_type,
)
from trafficking_model.counts import Count, Figure
from trafficking_model.errors import ValidationError
from trafficking_model.formats._ctdc_columns import (
    CACHE_LIMIT,
    COLUMNS,
    FLAG_COLUMNS,
    GENDER_WRITTEN,
    MONTHS_WRITTEN,
    SECTOR_SPELLING,
    Pair,
    Parts,
    Reading,
)
from trafficking_model.formats._ctdc_record import (
    CTDC_FORMS,
    Band,
    Flag,
    Means,
    Record,
    RecruiterRelation,
    Sector,
    yes_flags,
)
from trafficking_model.formats._tabular import (
    ErrorHandler,
    TableSource,
    TableTarget,
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

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

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
    return Reading(source, on_error)


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
        SECTOR_SPELLING.get(name, name) if spelling == "sectorOf" else name
        for name in COLUMNS
    ]
    flags = tuple(FLAG_COLUMNS.values())

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
            yes = yes_flags(record)
            no = record.recorded_no
            yield [
                "" if record.year is None else str(record.year),
                "" if record.gender is None else GENDER_WRITTEN[record.gender],
                "" if record.age is None else str(record.age),
                country(record.citizenship),
                country(record.country_of_exploitation),
                ""
                if record.months is None
                else MONTHS_WRITTEN.get(record.months, str(record.months)),
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
    parts = records.parts() if type(records) is Reading else None
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
        unrecorded = CTDC_FORMS - forms - no
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


def _parts_of(records: Iterable[Record]) -> Iterator[Parts]:
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
            no_forms = frozenset(CTDC_FORMS & no)
            if len(forms_no) < CACHE_LIMIT:
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


_NO_PAIR: Final[Pair] = (frozenset(), frozenset())


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
