"""Strategies of case and victim statistics and law-enforcement figures."""

from __future__ import annotations

import typing
from typing import Any

from hypothesis import strategies as st

from trafficking_model.statistics import (
    FIRST_YEAR,
    LAST_YEAR,
    CaseStatistics,
    LawEnforcementFigures,
    VictimStatistics,
)
from trafficking_model.strategies._draw import (
    BOOLEANS,
    COUNT_LIMIT,
    E,
    below,
    check_size,
    strategy_for,
)
from trafficking_model.strategies._publishing import (
    blur,
    blur_breakdown,
    derived_names,
    draw_breakdown,
    figure_fields,
    other_figures,
    some_of,
    split_total,
)
from trafficking_model.vocabularies import (
    AgeGroup,
    CitizenshipCategory,
    ExploitationForm,
    OffenceType,
    Sex,
    SexAgeGroup,
)

if typing.TYPE_CHECKING:
    from collections.abc import Mapping

    from trafficking_model.counts import Figure


@strategy_for(CaseStatistics)
def case_statistics(
    *, max_total: int = COUNT_LIMIT, exact: bool = False
) -> st.SearchStrategy[CaseStatistics]:
    """Draw case counts: a total alone, or a breakdown by offence that agrees with it.

    Figures are drawn as sources publish them: mostly exact, sometimes a range
    (`<5`, `10-14`, `>100`) or not reported, a breakdown sometimes given in part
    or counting a case under several offences, and some figures marked derived.

    Args:
        max_total: The largest total.
        exact: Draw only exact figures and complete, not overlapping
            breakdowns, with nothing marked derived.

    Returns:
        A strategy of `CaseStatistics`.

    Example:
        >>> from hypothesis import find
        >>> statistics = find(
        ...     case_statistics(exact=True), lambda s: len(s.by_offence) > 1
        ... )
        >>> sum(statistics.by_offence.values()) == statistics.total
        True
    """
    check_size("total", 0, max_total)

    def build(draw: st.DrawFn) -> CaseStatistics:
        total = below(draw, max_total)
        counts = draw_breakdown(draw, total, OffenceType)
        overlapping = not exact and bool(counts) and draw(BOOLEANS) and draw(BOOLEANS)
        if overlapping:  # a case under several offences: raise some counts
            for offence, count in counts.items():
                if draw(BOOLEANS):
                    counts[offence] = below(draw, total, count)
        by_offence, partial = blur_breakdown(draw, counts, exact=exact)
        names = frozenset({"by_offence"})
        derived = frozenset() if exact else some_of(draw, derived_names(CaseStatistics))
        others: dict[str, Any] = other_figures(
            draw, CaseStatistics, ["total"], max_total, exact=exact
        )
        if (
            not exact
            and by_offence
            and not partial
            and not overlapping
            and draw(BOOLEANS)
        ):  # the total left out: derived from the breakdown
            return CaseStatistics(by_offence=by_offence, derived=derived, **others)
        return CaseStatistics(
            total=total if exact else blur(draw, total),
            **others,
            by_offence=by_offence,
            partial=names if partial else frozenset(),
            overlapping=names if overlapping else frozenset(),
            derived=derived,
        )

    return st.composite(build)()


@strategy_for(VictimStatistics)
def victim_statistics(
    *, min_total: int = 0, max_total: int = COUNT_LIMIT, exact: bool = False
) -> st.SearchStrategy[VictimStatistics]:
    """Draw victim counts whose breakdowns agree with the total.

    The total is drawn first. Each breakdown by sex, age group or citizenship is
    either left out or a split of the total. Sometimes the total is split by sex
    and age group together, and the sex and age group margins and the cross-tab
    of women, men, girls and boys all come from that one split (the cross-tab
    partial when some victims are of another or unknown sex or age). The exploitation breakdown is a
    split of the total with some forms raised, since one victim may suffer
    several forms, but never above the total. Each figure is then published as
    a source might: mostly exact, sometimes a range or not reported, and a
    breakdown sometimes only in part.

    Args:
        min_total: The smallest total.
        max_total: The largest total.
        exact: Draw only exact figures and complete breakdowns, with nothing
            marked derived.

    Returns:
        A strategy of `VictimStatistics`.

    Example:
        >>> from hypothesis import find
        >>> statistics = find(
        ...     victim_statistics(exact=True), lambda s: len(s.by_sex) > 1
        ... )
        >>> sum(statistics.by_sex.values()) == statistics.total
        True
    """
    check_size("total", min_total, max_total)

    def build(draw: st.DrawFn) -> VictimStatistics:
        total = below(draw, max_total, min_total)
        exploitation = draw_breakdown(draw, total, ExploitationForm)
        # one victim may suffer several forms: raise some counts, never past total
        for form, count in exploitation.items():
            if draw(BOOLEANS):
                exploitation[form] = below(draw, total, count)
        by_sex, by_age_group, cells = _sex_and_age(draw, total, exact=exact)
        breakdowns: dict[str, Mapping[Any, int]] = {
            "by_sex": by_sex,
            "by_age_group": by_age_group,
            "by_citizenship": draw_breakdown(draw, total, CitizenshipCategory),
            "by_exploitation": exploitation,
            "by_sex_and_age": cells,
        }
        published: dict[str, Mapping[Any, Figure]] = {}
        partial: set[str] = set()
        if cells and sum(cells.values()) != total:
            partial.add("by_sex_and_age")  # some victims in no cell
        for name, counts in breakdowns.items():
            published[name], is_partial = blur_breakdown(draw, counts, exact=exact)
            if is_partial:
                partial.add(name)
        # Any: else mypy matches the figures against the breakdowns too.
        others: dict[str, Any] = other_figures(
            draw, VictimStatistics, ["total"], max_total, exact=exact
        )
        return VictimStatistics(
            total=total if exact else blur(draw, total),
            **published,
            **others,
            partial=frozenset(partial),
            derived=frozenset()
            if exact
            else some_of(draw, derived_names(VictimStatistics)),
        )

    return st.composite(build)()


def _sex_and_age(
    draw: st.DrawFn, total: int, *, exact: bool
) -> tuple[dict[Sex, int], dict[AgeGroup, int], dict[SexAgeGroup, int]]:
    """Breakdowns by sex and by age group, and sometimes the cross-tab with them.

    With the cross-tab, all three come from one split of `total` by sex and age
    group together, so that they agree; without it, each margin is drawn alone.
    """
    if draw(BOOLEANS):
        return (
            draw_breakdown(draw, total, Sex),
            draw_breakdown(draw, total, AgeGroup),
            {},
        )
    table = split_total(draw, total, [(sex, age) for sex in Sex for age in AgeGroup])

    def margin(vocabulary: type[E], position: int) -> dict[E, int]:
        if draw(BOOLEANS):
            return {}
        counts = {
            member: sum(n for key, n in table.items() if key[position] is member)
            for member in vocabulary
        }
        if draw(BOOLEANS):
            counts = {member: n for member, n in counts.items() if n}
        return counts

    by_sex, by_age_group = margin(Sex, 0), margin(AgeGroup, 1)
    cells = {cell: table[cell.sex, cell.age_group] for cell in SexAgeGroup}
    if draw(BOOLEANS):
        cells = {cell: n for cell, n in cells.items() if n}
    if exact and sum(cells.values()) != total:
        cells = {}  # only complete breakdowns when exact
    return by_sex, by_age_group, cells


# The yearly flows: the figures with a part for forced labour, `labour_` and
# the flow's name, which is at most the flow.
LABOUR = tuple(
    name
    for name in figure_fields(LawEnforcementFigures)
    if f"labour_{name}" in figure_fields(LawEnforcementFigures)
)


def draw_figures(
    draw: st.DrawFn, year: int, max_count: int, *, exact: bool = False
) -> LawEnforcementFigures:
    counts: dict[str, Figure] = {}
    for name in LABOUR:
        total = below(draw, max_count)
        labour = below(draw, total) if draw(BOOLEANS) else None
        if exact:
            counts[name] = total
            counts[f"labour_{name}"] = labour
        else:
            counts[name] = blur(draw, total)
            counts[f"labour_{name}"] = None if labour is None else blur(draw, labour)
    counts.update(
        other_figures(draw, LawEnforcementFigures, counts, max_count, exact=exact)
    )
    derived = (
        frozenset() if exact else some_of(draw, derived_names(LawEnforcementFigures))
    )
    return LawEnforcementFigures(year=year, **counts, derived=derived)


@strategy_for(LawEnforcementFigures)
def law_enforcement_figures(
    *, year: int | None = None, max_count: int = COUNT_LIMIT, exact: bool = False
) -> st.SearchStrategy[LawEnforcementFigures]:
    """Draw one year's law-enforcement figures.

    Each labour figure is left out or drawn as a part of its total. Each figure
    is published as a source might: mostly exact, sometimes a range or not
    reported.

    Args:
        year: The year; any year from 1900 to 2100 when left out.
        max_count: The largest count.
        exact: Draw every total exactly (labour figures are still left out at
            times), with nothing marked derived.

    Returns:
        A strategy of `LawEnforcementFigures`.

    Example:
        >>> from hypothesis import find
        >>> figures = find(
        ...     law_enforcement_figures(year=2021, exact=True),
        ...     lambda f: f.labour_convictions is not None,
        ... )
        >>> figures.year, figures.labour_convictions <= figures.convictions
        (2021, True)
    """
    check_size("count", 0, max_count)

    def build(draw: st.DrawFn) -> LawEnforcementFigures:
        drawn_year = below(draw, LAST_YEAR, FIRST_YEAR) if year is None else year
        return draw_figures(draw, drawn_year, max_count, exact=exact)

    return st.composite(build)()
