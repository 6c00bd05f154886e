"""UNODC GLOTIP country data: the 13-column long format, read and written.

UNODC publishes the country figures behind its Global Report on Trafficking in
Persons as one row per figure, in a workbook (`data_glotip.xlsx`, its header on
the third row) or as CSV. `read_rows` reads either into `GlotipRow`s,
`write_rows` writes them back cell for cell, and `to_reports` and
`from_reports` turn them into [`CountryReport`][trafficking_model.CountryReport]s
and back.

Nothing is guessed. `<5` is read as the range 0 to 4 (a
[`Count`][trafficking_model.Count]), never 2.5; a blank value is not reported
(`None`), never 0. A value, a column or a combination the model has no place
for is reported with its line, never dropped: see the mapping table on the
[GLOTIP reference page](../../glotip.md).

Example:
    >>> from trafficking_model.formats import glotip
    >>> rows = list(glotip.read_rows([
    ...     ",".join(glotip.COLUMNS),
    ...     "AZE,Azerbaijan,Asia,Western Asia,Detected trafficking victims,"
    ...     "Total,Total,Female,Total,2021,Counts,<5,National authorities",
    ... ]))
    >>> rows[0].value, rows[0].line
    (Count(low=0, high=4), 2)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import attrs
import iso3166

from trafficking_model._validation import TYPE
from trafficking_model.counts import Count, Figure
from trafficking_model.errors import Problem, ValidationError
from trafficking_model.formats._glotip_rows import (
    COLUMNS,
    GlotipRow,
    problem,
    read_rows,
    read_workbook,
    write_rows,
)
from trafficking_model.formats._tabular import (
    NO_COUNTERPART,
    ErrorHandler,
    column_path,
    report,
)
from trafficking_model.periods import Period
from trafficking_model.reports import CountryReport
from trafficking_model.statistics import LawEnforcementFigures, VictimStatistics
from trafficking_model.vocabularies import (
    AgeGroup,
    ExploitationForm,
    Sex,
    SexAgeGroup,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

__all__ = [
    "CATEGORIES",
    "COLUMNS",
    "GlotipRow",
    "Place",
    "from_reports",
    "places",
    "read_rows",
    "read_workbook",
    "to_reports",
    "write_rows",
]

VICTIMS: Final = "Detected trafficking victims"
PROSECUTED: Final = "Persons prosecuted"
CONVICTED: Final = "Persons convicted"
TOTAL: Final = "Total"
BY_FORM: Final = "by form of exploitation"
FEMALE, MALE = "Female", "Male"
CHILDREN, ADULTS = "0 to 17 years", "18 years or over"
COUNTS: Final = "Counts"

CATEGORIES: Final[Mapping[str, ExploitationForm]] = {
    "Sexual exploitation": ExploitationForm.SEXUAL,
    "Forced labour": ExploitationForm.FORCED_LABOUR,
    "Forced criminal activity": ExploitationForm.FORCED_CRIMINALITY,
    "Begging": ExploitationForm.FORCED_BEGGING,
    "Forced marriage": ExploitationForm.FORCED_MARRIAGE,
    "Organ removal": ExploitationForm.ORGAN_REMOVAL,
    "Illegal adoption": ExploitationForm.ILLEGAL_ADOPTION,
    "Other purposes": ExploitationForm.OTHER,
}
"""The forms of exploitation of `Category`, one model form each.

Each published category has its own form, so several "other forms" rows of one
country and year stay apart and are never summed into one. A category not
listed here is reported, not read as "other".
"""

_INDICATORS: Final = frozenset(
    {
        VICTIMS,
        PROSECUTED,
        CONVICTED,
        "Persons brought into formal contact",
        "Offences of trafficking in persons",
    }
)
_DIMENSIONS: Final = frozenset({TOTAL, BY_FORM})
_SEXES: Final = {TOTAL: None, FEMALE: Sex.FEMALE, MALE: Sex.MALE}
_AGES: Final = {TOTAL: None, CHILDREN: AgeGroup.CHILD, ADULTS: AgeGroup.ADULT}
_SEX_NAMES: Final = {member: name for name, member in _SEXES.items() if member}
_AGE_NAMES: Final = {member: name for name, member in _AGES.items() if member}
_FORM_NAMES: Final = {form: name for name, form in CATEGORIES.items()}

# ---------------------------------------------------------------------------
# Rows to reports and back


@attrs.frozen(kw_only=True)
class Place:
    """Where UNODC places a country: its name, region and subregion.

    The model's reports hold the country's code only; `from_reports` takes
    these to write the `Country`, `Region` and `Subregion` columns back.

    Attributes:
        country: The `Country` column, UNODC's name for the country.
        region: The `Region` column.
        subregion: The `Subregion` column.

    Example:
        >>> Place(country="Azerbaijan", region="Asia", subregion="Western Asia").region
        'Asia'
    """

    country: str
    region: str
    subregion: str


def places(rows: Iterable[GlotipRow]) -> dict[str, Place]:
    """The name, region and subregion of each country code in `rows`.

    Args:
        rows: Rows, as `read_rows` gives them.

    Returns:
        A `Place` per country code, from the first row with that code.

    Example:
        >>> rows = read_rows([COLUMNS, ["AZE", "Azerbaijan", "Asia", "Western Asia",
        ...     "Persons convicted", "Total", "Total", "Total", "Total", "2021",
        ...     "Counts", "28", "National authorities"]])
        >>> places(rows)["AZE"].subregion
        'Western Asia'
    """
    found: dict[str, Place] = {}
    for row in rows:
        if row.iso3_code not in found:
            found[row.iso3_code] = Place(
                country=row.country, region=row.region, subregion=row.subregion
            )
    return found


# A figure's place in a report: ("victims", "total"), ("victims", "by_sex",
# Sex.FEMALE), ("law_enforcement", "prosecutions"), and so on.
_Slot = tuple[Any, ...]


def _unknown(row: GlotipRow) -> ValidationError | None:
    """The problem with a value of the row this reader does not know, if any."""
    line = row.line
    if row.indicator not in _INDICATORS:
        return problem(
            line,
            "$.Indicator",
            f"{row.indicator!r} is not an indicator this reader knows",
            "vocabulary",
        )
    if row.dimension not in _DIMENSIONS:
        return problem(
            line,
            "$.Dimension",
            f"{row.dimension!r} is not a dimension this reader knows",
            "vocabulary",
        )
    if row.category != TOTAL and row.category not in CATEGORIES:
        return problem(
            line,
            "$.Category",
            f"{row.category!r} is not a category this reader knows; "
            f"expected Total or one of {', '.join(CATEGORIES)}",
            "vocabulary",
        )
    for column, value, known in (("Sex", row.sex, _SEXES), ("Age", row.age, _AGES)):
        if value not in known:
            return problem(
                line,
                f"$.{column}",
                f"{value!r} is not a value of {column} this reader knows; "
                f"expected one of {', '.join(known)}",
                "vocabulary",
            )
    if row.unit != COUNTS:
        return problem(
            line,
            column_path("Unit of measurement"),
            f"{row.unit!r} is not a unit this reader knows; expected {COUNTS}",
            "vocabulary",
        )
    return None


def _slot(row: GlotipRow) -> _Slot | ValidationError:
    """Where a row's figure goes, or the problem that keeps it out."""
    unknown = _unknown(row)
    if unknown is not None:
        return unknown
    sex, age = _SEXES[row.sex], _AGES[row.age]
    plain = row.dimension == TOTAL and row.category == TOTAL
    found: _Slot | None = None
    if row.indicator == VICTIMS and plain:
        found = _VICTIM_SLOTS[sex, age]
    elif row.indicator == VICTIMS and row.category in CATEGORIES:
        if row.dimension == BY_FORM and not (sex or age):
            found = ("victims", "by_exploitation", CATEGORIES[row.category])
    elif row.indicator in _FLOW_NAMES and plain and not (sex or age):
        found = ("law_enforcement", _FLOW_NAMES[row.indicator])
    if found is not None:
        return found
    return problem(
        row.line,
        "$",
        f"the model has no figure for {row.indicator} with Dimension "
        f"{row.dimension!r}, Category {row.category!r}, Sex {row.sex!r} and "
        f"Age {row.age!r}",
        NO_COUNTERPART,
    )


_CELLS: Final = {(cell.sex, cell.age_group): cell for cell in SexAgeGroup}
_VICTIM_SLOTS: Final[dict[tuple[Sex | None, AgeGroup | None], _Slot]] = {
    (None, None): ("victims", "total"),
    **{(sex, None): ("victims", "by_sex", sex) for sex in _SEX_NAMES},
    **{(None, age): ("victims", "by_age_group", age) for age in _AGE_NAMES},
    **{key: ("victims", "by_sex_and_age", cell) for key, cell in _CELLS.items()},
}
_FLOW_NAMES: Final = {PROSECUTED: "prosecutions", CONVICTED: "convictions"}
_BREAKDOWNS: Final = ("by_sex", "by_age_group", "by_sex_and_age", "by_exploitation")


@attrs.define
class _Group:
    """The figures of one country and year, as they are read."""

    country: str
    year: int
    source: str
    line: int | None
    figures: dict[_Slot, Figure] = attrs.Factory(dict)


def to_reports(
    rows: Iterable[GlotipRow], *, on_error: ErrorHandler = None
) -> Iterator[CountryReport]:
    """Group rows into one `CountryReport` per country and year.

    Detected victims go to `victims`: the total, by sex, by age group, by sex
    and age together (women, men, girls, boys) and by form of exploitation,
    each category its own form (see `CATEGORIES`). GLOTIP does not say that
    its categories cover every victim (victims of unknown sex or age, forms not
    listed), so every breakdown read is marked partial. Persons prosecuted and
    convicted go to `law_enforcement`, as one year's flows. A blank value is
    not reported (`None`). The `Source` is the report's source.

    The rows are held until the last one is read, since a country's rows may
    come in any order; GLOTIP's whole file is some tens of thousands of rows.

    Args:
        rows: Rows, as `read_rows` gives them.
        on_error: Called with each problem; reading then goes on without the
            row (or the report) at fault. By default the first problem raises.

    Yields:
        One report per country and year, in the order they first appear.

    Raises:
        ValidationError: Without `on_error`, for the first problem, with the
            row's line: a value this reader does not know (`vocabulary`), a
            combination the model has no figure for (`no_counterpart`), a figure
            given twice (`duplicate`), another source in the same country and
            year (`one_source`), or figures that break a rule of the model
            (such as `$.victims.by_sex: ... [partial_breakdown_within_total]`,
            with the line of the country-year's first row).

    Example:
        >>> rows = read_rows([COLUMNS,
        ...     ["ATA", "Antarctica", "", "", "Detected trafficking victims", "Total",
        ...      "Total", "Total", "Total", "2021", "Counts", "12", "Fictional"],
        ...     ["ATA", "Antarctica", "", "", "Detected trafficking victims", "Total",
        ...      "Total", "Female", "0 to 17 years", "2021", "Counts", "<5", "Fictional"],
        ... ])
        >>> [report] = to_reports(rows)
        >>> report.victims.total, dict(report.victims.by_sex_and_age)
        (12, {<SexAgeGroup.GIRLS: 'girls'>: Count(low=0, high=4)})
    """
    groups: dict[tuple[str, int], _Group] = {}
    for row in rows:
        slot = _slot(row)
        if isinstance(slot, ValidationError):
            report(slot, on_error)
            continue
        key = (row.iso3_code, row.year)
        group = groups.get(key)
        if group is None:
            group = groups[key] = _Group(row.iso3_code, row.year, row.source, row.line)
        if row.source != group.source:
            report(
                problem(
                    row.line,
                    "$.Source",
                    f"{row.source!r} differs from the source of the first row of "
                    f"{row.iso3_code} {row.year} ({group.source!r}); a report has "
                    "one source",
                    "one_source",
                ),
                on_error,
            )
            continue
        if slot in group.figures:
            report(
                problem(
                    row.line,
                    "$.txtVALUE",
                    f"{row.iso3_code} {row.year} gives this figure twice",
                    "duplicate",
                ),
                on_error,
            )
            continue
        value = row.value
        group.figures[slot] = (
            value.low if value is not None and value.is_exact else value
        )
    for group in groups.values():
        made = _report(group)
        if isinstance(made, ValidationError):
            report(ValidationError(made.problems, line=group.line), on_error)
        else:
            yield made


def _report(group: _Group) -> CountryReport | ValidationError:
    figures = group.figures
    victims = None
    if any(slot[0] == "victims" for slot in figures):
        breakdowns: dict[str, dict[Any, Figure]] = {name: {} for name in _BREAKDOWNS}
        for slot, figure in figures.items():
            if slot[0] == "victims" and len(slot) == 3:
                breakdowns[slot[1]][slot[2]] = figure
        try:
            victims = VictimStatistics(
                total=figures.get(("victims", "total")),
                **breakdowns,  # type: ignore[arg-type]
                partial=frozenset(
                    name for name, counts in breakdowns.items() if counts
                ),
            )
        except ValidationError as error:
            return error.under("$.victims")
    flows = {
        slot[1]: figure for slot, figure in figures.items() if slot[0] != "victims"
    }
    law_enforcement: tuple[LawEnforcementFigures, ...] = ()
    if flows:
        try:
            law_enforcement = (
                LawEnforcementFigures(year=group.year, **flows),  # type: ignore[arg-type]
            )
        except ValidationError as error:  # pragma: no cover - flows have no rule
            return error.under("$.law_enforcement[0]")
    return CountryReport(
        country=group.country,
        period=Period.from_years(group.year),
        source=group.source,
        victims=victims,
        law_enforcement=law_enforcement,
    )


def from_reports(
    reports: Iterable[CountryReport],
    *,
    places: Mapping[str, Place] | None = None,
    on_error: ErrorHandler = None,
) -> Iterator[GlotipRow]:
    """Write reports as rows of the long format: the inverse of `to_reports`.

    The rows of one report come in a fixed order: the victims' total, by sex
    (female, male), by age group (0 to 17, 18 or over), by sex and age, by form
    of exploitation in the order of `CATEGORIES`; then persons prosecuted and
    convicted. A report's victims' total is written even when not reported (a
    blank value); a breakdown's members are written as given; persons
    prosecuted and convicted are written where reported, so a blank row of
    theirs read by `to_reports` is not written back. `partial` and
    `derived` have no column in GLOTIP and are not written.

    Args:
        reports: Reports of one calendar year each.
        places: Each country's name, region and subregion, as `places` reads
            them from rows. A country without one gets its ISO 3166 name and
            blank regions.
        on_error: Called with the problem of each report that cannot be
            written whole; its rows are then left out. By default it raises.

    Yields:
        The rows, report by report.

    Raises:
        ValidationError: Without `on_error`, for a report whose period is not
            one calendar year, or which holds a figure GLOTIP has no row for
            (rule `no_counterpart`, with the report's index as the path).

    Example:
        >>> from trafficking_model.examples import azerbaijan_report_2020_2021
        >>> report = CountryReport(
        ...     country="ATA", period=Period.from_years(2021), source="Fictional",
        ...     victims=VictimStatistics(total=12, by_sex={Sex.FEMALE: 9, Sex.MALE: 3}),
        ... )
        >>> [(row.sex, str(row.value)) for row in from_reports([report])]
        [('Total', '12'), ('Female', '9'), ('Male', '3')]
        >>> list(from_reports([azerbaijan_report_2020_2021()]))
        Traceback (most recent call last):
        ...
        trafficking_model.errors.ValidationError: 4 problems:
          $[0].period: 2020-01-01/2021-12-31 is not one calendar year
          $[0].cases: GLOTIP has no row for it
          $[0].prosecution: GLOTIP has no row for it
          $[0].victims.by_citizenship: GLOTIP has no row for it
    """
    known = places or {}
    for index, item in enumerate(reports):
        problems = _unwritable(item)
        if problems:
            report(ValidationError(problems).under(f"$[{index}]"), on_error)
            continue
        place = known.get(item.country) or _place(item.country)
        yield from _rows_of(item, place)


def _place(code: str) -> Place:
    return Place(
        country=iso3166.countries_by_alpha3[code].name, region="", subregion=""
    )


def _unwritable(item: CountryReport) -> list[Problem]:
    problems: list[Problem] = []

    def lost(path: str) -> None:
        problems.append(
            Problem(path=path, message="GLOTIP has no row for it", rule=NO_COUNTERPART)
        )

    given: object = item
    if not isinstance(given, CountryReport):
        return [
            Problem(
                path="$",
                message=f"expected CountryReport, got {type(given).__name__}",
                rule=TYPE,
            )
        ]
    if len(item.period.years) != 1 or item.period != Period.from_years(
        item.period.start.year
    ):
        problems.append(
            Problem(
                path="$.period",
                message=f"{item.period} is not one calendar year",
                rule=NO_COUNTERPART,
            )
        )
    for name in ("cases", "prosecution", "tip_tier"):
        if getattr(item, name) is not None:
            lost(f"$.{name}")
    victims = item.victims
    if victims is not None:
        if victims.by_citizenship:
            lost("$.victims.by_citizenship")
        for name, names in (
            ("by_sex", _SEX_NAMES),
            ("by_age_group", _AGE_NAMES),
            ("by_exploitation", _FORM_NAMES),
        ):
            counts: Mapping[Any, Figure] = getattr(victims, name)
            for member in counts:
                if member not in names:
                    lost(f"$.victims.{name}.{member.value}")
    for index, figures in enumerate(item.law_enforcement):
        for name in attrs.fields_dict(LawEnforcementFigures):
            if (
                name not in {"year", "prosecutions", "convictions", "derived"}
                and getattr(figures, name) is not None
            ):
                lost(f"$.law_enforcement[{index}].{name}")
    return problems


def _rows_of(item: CountryReport, place: Place) -> Iterator[GlotipRow]:
    year = item.period.start.year

    def row(
        indicator: str,
        figure: Figure,
        *,
        dimension: str = TOTAL,
        category: str = TOTAL,
        sex: str = TOTAL,
        age: str = TOTAL,
    ) -> GlotipRow:
        value = Count.exact(figure) if type(figure) is int else figure
        assert value is None or isinstance(value, Count)
        return GlotipRow(
            iso3_code=item.country,
            country=place.country,
            region=place.region,
            subregion=place.subregion,
            indicator=indicator,
            dimension=dimension,
            category=category,
            sex=sex,
            age=age,
            year=year,
            unit=COUNTS,
            value=value,
            source=item.source,
        )

    victims = item.victims
    if victims is not None:
        yield row(VICTIMS, victims.total)
        for sex, name in _SEX_NAMES.items():
            if sex in victims.by_sex:
                yield row(VICTIMS, victims.by_sex[sex], sex=name)
        for age, name in _AGE_NAMES.items():
            if age in victims.by_age_group:
                yield row(VICTIMS, victims.by_age_group[age], age=name)
        for sex, sex_name in _SEX_NAMES.items():
            for age, age_name in _AGE_NAMES.items():
                cell = _CELLS[sex, age]
                if cell in victims.by_sex_and_age:
                    yield row(
                        VICTIMS,
                        victims.by_sex_and_age[cell],
                        sex=sex_name,
                        age=age_name,
                    )
        for category, form in CATEGORIES.items():
            if form in victims.by_exploitation:
                yield row(
                    VICTIMS,
                    victims.by_exploitation[form],
                    dimension=BY_FORM,
                    category=category,
                )
    for figures in item.law_enforcement:
        for indicator, figure in (
            (PROSECUTED, figures.prosecutions),
            (CONVICTED, figures.convictions),
        ):
            if figure is not None:
                yield row(indicator, figure)
