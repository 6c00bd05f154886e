"""Mutators that break the rules of statistics, prosecution outcomes and reports."""

from __future__ import annotations

import typing

import attrs
from hypothesis import strategies as st

from trafficking_model._fields import kind_of
from trafficking_model.statistics import (
    FIRST_YEAR,
    LAST_YEAR,
    VictimStatistics,
)
from trafficking_model.strategies._draw import (
    COUNT_LIMIT,
    below,
)
from trafficking_model.strategies._mutators import (
    EXCESS,
    JSON,
    Mutator,
    json_of,
    period_of,
)
from trafficking_model.strategies._prosecution import SENTENCE_SPLIT
from trafficking_model.strategies._publishing import (
    SPREAD,
    split_total,
)
from trafficking_model.strategies._statistics import (
    LABOUR,
    law_enforcement_figures,
)
from trafficking_model.vocabularies import (
    AgeGroup,
    ExploitationForm,
    OffenceType,
    Sex,
    SexAgeGroup,
)

if typing.TYPE_CHECKING:
    from collections.abc import Mapping
    from enum import Enum

# The breakdowns of victim statistics, as their kinds declare them; the single
# ones have one vocabulary each, unlike the forms of exploitation (a victim may
# suffer several) and the sex by age cross-tab.
VICTIM_BREAKDOWNS: dict[str, type[Enum]] = {
    field.name: kind_of(field).of[0]
    for field in attrs.fields(VictimStatistics)
    if kind_of(field).name == "breakdown"
}
VICTIM_BREAKDOWN_NAMES = tuple(VICTIM_BREAKDOWNS)
SINGLE_BREAKDOWNS: dict[str, type[Enum]] = {
    name: vocabulary
    for name, vocabulary in VICTIM_BREAKDOWNS.items()
    if vocabulary not in {ExploitationForm, SexAgeGroup}
}


def _off_total(draw: st.DrawFn, counts: JSON) -> None:
    """Change one count of a breakdown that sums to its total, so that it does not."""
    delta = draw(EXCESS)
    key = draw(st.sampled_from(sorted(counts)))
    if counts[key] >= delta and draw(st.booleans()):
        counts[key] -= delta
    else:
        counts[key] += delta


def breakdown_off(vocabularies: Mapping[str, type[Enum]]) -> Mutator:
    def mutate(draw: st.DrawFn, data: JSON) -> str:
        name = draw(st.sampled_from(sorted(vocabularies)))
        counts = data[name]
        if not counts:
            key = draw(st.sampled_from(vocabularies[name])).value
            counts[key] = data["total"] + draw(EXCESS)
        else:
            _off_total(draw, counts)
        return f"$.{name}"

    return mutate


def ranged_off_total(vocabularies: Mapping[str, type[Enum]]) -> Mutator:
    """Widen one count of a complete breakdown into a range that misses the total."""

    def mutate(draw: st.DrawFn, data: JSON) -> str:
        names = sorted(name for name in vocabularies if data[name])
        if not names:
            return breakdown_off(vocabularies)(draw, data)
        name = draw(st.sampled_from(names))
        counts = data[name]
        key = draw(st.sampled_from(sorted(counts)))
        low = counts[key] + draw(EXCESS)
        counts[key] = {"low": low, "high": low + draw(SPREAD)}
        return f"$.{name}"

    return mutate


def partial_above_total(vocabularies: Mapping[str, type[Enum]]) -> Mutator:
    """Make a breakdown partial, with counts that sum to more than the total."""

    def mutate(draw: st.DrawFn, data: JSON) -> str:
        name = draw(st.sampled_from(sorted(vocabularies)))
        key = draw(st.sampled_from(vocabularies[name])).value
        data[name] = {key: data["total"] + draw(EXCESS)}
        data["partial"] = sorted({*data["partial"], name})
        return f"$.{name}"

    return mutate


def offence_above_total(draw: st.DrawFn, data: JSON) -> str:
    offence = draw(st.sampled_from(OffenceType)).value
    data["overlapping"] = ["by_offence"]
    data["by_offence"][offence] = data["total"] + draw(EXCESS)
    return f"$.by_offence.{offence}"


def offences_below_total(draw: st.DrawFn, data: JSON) -> str:
    data["overlapping"] = ["by_offence"]
    data["partial"] = []
    total = data["total"] = max(data["total"], 1)
    given = draw(st.integers(min_value=0, max_value=total - 1))
    offences = draw(st.lists(st.sampled_from(OffenceType), min_size=1, unique=True))
    data["by_offence"] = {
        offence.value: count
        for offence, count in split_total(draw, given, offences).items()
    }
    return "$.by_offence"


def no_sections(draw: st.DrawFn, data: JSON) -> str:
    data["cases"] = data["prosecution"] = data["victims"] = None
    data["law_enforcement"] = []
    return "$"


def exploitation_above_total(draw: st.DrawFn, data: JSON) -> str:
    form = draw(st.sampled_from(ExploitationForm)).value
    data["by_exploitation"][form] = data["total"] + draw(EXCESS)
    return f"$.by_exploitation.{form}"


def exploitation_below_total(draw: st.DrawFn, data: JSON) -> str:
    if data["total"] == 0:
        data["total"] = 1
        for name in SINGLE_BREAKDOWNS:
            if data[name]:
                key = draw(st.sampled_from(sorted(data[name])))
                data[name][key] += 1
    total = data["total"]
    given = draw(st.integers(min_value=0, max_value=total - 1))
    forms = draw(st.lists(st.sampled_from(ExploitationForm), min_size=1, unique=True))
    data["by_exploitation"] = {
        form.value: count for form, count in split_total(draw, given, forms).items()
    }
    return "$.by_exploitation"


def without_cross_tab(mutate: Mutator) -> Mutator:
    """Run a mutator of victim statistics on data without the sex by age cross-tab.

    A change to a margin, or to the total, could break the cross-tab's rules
    too; without the cross-tab, only the rule the mutator means breaks.
    """

    def without(draw: st.DrawFn, data: JSON) -> str:
        data["by_sex_and_age"] = {}
        return mutate(draw, data)

    return without


# The margins the sex by age cross-tab must agree with, of the cells'
# sexes and ages (`statistics._CELL_SEXES` and `_CELL_AGES`, private there).
_MARGINS: tuple[tuple[str, Enum, str], ...] = (
    ("by_sex", Sex.FEMALE, "sex"),
    ("by_sex", Sex.MALE, "sex"),
    ("by_age_group", AgeGroup.ADULT, "age_group"),
    ("by_age_group", AgeGroup.CHILD, "age_group"),
)


def _one_margin(draw: st.DrawFn, data: JSON) -> tuple[str, Enum, list[SexAgeGroup]]:
    """Clear every breakdown and pick one margin member and its cells."""
    for name in VICTIM_BREAKDOWN_NAMES:
        data[name] = {}
    name, member, attribute = draw(st.sampled_from(_MARGINS))
    cells = [cell for cell in SexAgeGroup if getattr(cell, attribute) is member]
    return name, member, cells


def cells_above_margin(draw: st.DrawFn, data: JSON) -> str:
    name, member, cells = _one_margin(draw, data)
    total = data["total"] = draw(st.integers(min_value=1, max_value=COUNT_LIMIT))
    given = below(draw, total, 1)
    data[name] = {member.value: below(draw, given - 1)}
    data["by_sex_and_age"] = {
        cell.value: count for cell, count in split_total(draw, given, cells).items()
    }
    data["partial"] = sorted({name, "by_sex_and_age"})
    return "$.by_sex_and_age"


def cells_off_a_complete_margin(draw: st.DrawFn, data: JSON) -> str:
    """Exact and complete, but the margin puts some of a member's cells under unknown.

    The margin still sums to the total and its other member matches its cells,
    so only the cells above the member break a rule: the case an accepting fast
    path must see, since nothing is partial.
    """
    name, member, cells = _one_margin(draw, data)
    other = next(m for margin, m, _ in _MARGINS if margin == name and m is not member)
    unknown: Enum = Sex.UNKNOWN if name == "by_sex" else AgeGroup.UNKNOWN
    total = data["total"] = draw(st.integers(min_value=1, max_value=COUNT_LIMIT))
    # The member's victims, in its cells, and what the margin gives it; the
    # edges often: one victim or every victim the member's, the margin giving
    # it none.
    given = draw(
        st.sampled_from((1, total)) | st.integers(min_value=1, max_value=total)
    )
    counted = draw(st.just(0) | st.integers(min_value=0, max_value=given - 1))
    margin = {other.value: total - given, unknown.value: given - counted}
    if counted or draw(st.booleans()):  # a member counting 0 may be left out
        margin[member.value] = counted
    data[name] = margin
    others = [cell for cell in SexAgeGroup if cell not in cells]
    split = {
        **split_total(draw, given, cells),
        **split_total(draw, total - given, others),
    }
    data["by_sex_and_age"] = {cell.value: count for cell, count in split.items()}
    data["partial"] = []
    return "$.by_sex_and_age"


def cells_below_margin(draw: st.DrawFn, data: JSON) -> str:
    name, member, cells = _one_margin(draw, data)
    total = data["total"] = draw(st.integers(min_value=1, max_value=COUNT_LIMIT))
    given = below(draw, total - 1)
    data[name] = {member.value: below(draw, total, given + 1)}
    others = [cell for cell in SexAgeGroup if cell not in cells]
    split = {
        **split_total(draw, given, cells),
        **split_total(draw, total - given, others),
    }
    data["by_sex_and_age"] = {cell.value: count for cell, count in split.items()}
    data["partial"] = [name]
    return "$.by_sex_and_age"


def wider_funnel(draw: st.DrawFn, data: JSON) -> str:
    data["indicted"] = data["defendants"] + draw(EXCESS)
    return "$.indicted"


def overdecided(draw: st.DrawFn, data: JSON) -> str:
    gap = data["indicted"] - data["sentenced"] - data["acquitted"]
    data[draw(st.sampled_from(["sentenced", "acquitted"]))] += gap + draw(EXCESS)
    return "$.sentenced"


def oversplit(draw: st.DrawFn, data: JSON) -> str:
    split = sum(data[name] for name in SENTENCE_SPLIT)
    data[draw(st.sampled_from(SENTENCE_SPLIT))] += (
        data["sentenced"] - split + draw(EXCESS)
    )
    return "$.imprisonment"


def labour_above_total(draw: st.DrawFn, data: JSON) -> str:
    name = draw(st.sampled_from(LABOUR))
    data[f"labour_{name}"] = data[name] + draw(EXCESS)
    return f"$.labour_{name}"


def _report_years(data: JSON) -> list[int]:
    return [
        year
        for year in period_of(data["period"]).years
        if FIRST_YEAR <= year <= LAST_YEAR
    ]


def figures_in_period(draw: st.DrawFn, data: JSON) -> JSON:
    years = _report_years(data) or [FIRST_YEAR]
    year = draw(st.sampled_from(years))
    return json_of(draw(law_enforcement_figures(year=year, exact=True)))


def year_outside_report(draw: st.DrawFn, data: JSON) -> str:
    figures: list[JSON] = data["law_enforcement"]
    index = draw(st.integers(min_value=0, max_value=len(figures)))
    if index == len(figures):
        figures.append(figures_in_period(draw, data))
    used = {item["year"] for i, item in enumerate(figures) if i != index}
    inside = set(period_of(data["period"]).years)
    outside = [
        year
        for year in range(FIRST_YEAR, LAST_YEAR + 1)
        if year not in inside and year not in used
    ]
    if not outside:  # the period covers every year: narrow it to the years used
        low, high = min(used, default=2000), max(used, default=2000)
        data["period"] = {"start": f"{low:04}-01-01", "end": f"{high:04}-12-31"}
        outside = [y for y in range(FIRST_YEAR, LAST_YEAR + 1) if not low <= y <= high]
    figures[index]["year"] = draw(st.sampled_from(outside))
    return f"$.law_enforcement[{index}].year"
