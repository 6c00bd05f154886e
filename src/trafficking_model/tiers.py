"""US Trafficking in Persons (TIP) report tiers over the years, and their rules.

The US Department of State's TIP report of year Y covers 1 April of Y-1 to 31
March of Y, and places each country on a tier (see
[`TipTier`][trafficking_model.TipTier]). A
[`TierPlacement`][trafficking_model.TierPlacement] is one country's tier in one
report, with its source; a [`TierHistory`][trafficking_model.TierHistory] is
one country's placements, report after report, and checks the rules of the
Trafficking Victims Protection Act (TVPA, §110(b), 22 U.S.C. 7107(b)) on them:

- the automatic downgrade (from the 2009 report on): a country on the Tier 2
  Watch List in two consecutive reports is on Tier 3 in the next one, unless
  that placement carries a waiver (`watch_list_limit`);
- waivers for no more than two consecutive years (`waiver_limit`);
- after a downgrade to Tier 3 that followed Watch List years and waivers, no
  more than one consecutive Watch List year (from the 2019 report on,
  `watch_list_after_downgrade`).

The rules look only at consecutive reports that the history holds: a report
year missing from it is unknown, and never counts for or against a rule.

Example:
    >>> history = TierHistory(
    ...     country="XTA",
    ...     placements=(
    ...         TierPlacement(country="XTA", report_year=2019,
    ...                       tier=TipTier.TIER_2_WATCH_LIST, source="Fictional"),
    ...         TierPlacement(country="XTA", report_year=2020,
    ...                       tier=TipTier.TIER_2_WATCH_LIST, source="Fictional"),
    ...         TierPlacement(country="XTA", report_year=2021,
    ...                       tier=TipTier.TIER_2_WATCH_LIST, source="Fictional"),
    ...     ),
    ... )
    Traceback (most recent call last):
    ...
    trafficking_model.errors.ValidationError: $.placements[2].tier: Tier 2 Watch List in the 2019, 2020 and 2021 reports: after two consecutive Watch List years the country is on Tier 3 unless the placement carries a waiver
"""

from __future__ import annotations

import datetime as dt
import typing
from typing import TYPE_CHECKING

import attrs

from trafficking_model import _fields as kinds
from trafficking_model._rules import owns, rule
from trafficking_model._validation import (
    COUNTRY_CODE,
    NOT_BLANK,
    RANGE,
    Problems,
    add,
    as_given,
    field,
    freeze_tuple,
    is_country,
    is_in_range,
    is_member,
    is_text,
    is_tuple_of,
    is_type,
    raise_if_any,
    wrong_type,
)
from trafficking_model.periods import Period
from trafficking_model.statistics import LAST_YEAR
from trafficking_model.vocabularies import TipTier

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "AUTOMATIC_DOWNGRADE_FROM",
    "DOWNGRADED_WATCH_LIST_FROM",
    "FIRST_TIP_REPORT",
    "TierHistory",
    "TierPlacement",
    "reporting_period",
    "special_watch_list",
]

FIRST_TIP_REPORT = 2001
"""The year of the first TIP report."""

AUTOMATIC_DOWNGRADE_FROM = 2009
"""The first report whose Watch List placements count towards the automatic downgrade.

The TVPRA of 2008 made the downgrade automatic; Watch List years count from the
2009 report on, so the first report the rule constrains is the 2011 one.
"""

DOWNGRADED_WATCH_LIST_FROM = 2019
"""The first report bound by the Frederick Douglass TVPRA of 2018, §110(b)(2)(F)."""

MAX_WAIVER_YEARS = 2
"""The most consecutive years a downgrade may be waived."""

_WATCH_LIST = TipTier.TIER_2_WATCH_LIST

# How high each tier stands, for moves up: Tier 2 and the Watch List are both
# Tier 2 placements under the statute. A Special Case is not ranked.
_RANK = {
    TipTier.TIER_1: 1,
    TipTier.TIER_2: 2,
    TipTier.TIER_2_WATCH_LIST: 2,
    TipTier.TIER_3: 3,
}


def reporting_period(report_year: int) -> Period:
    """The period a TIP report covers: 1 April of the year before to 31 March.

    Args:
        report_year: The year of the report, such as 2022.

    Returns:
        The reporting period.

    Raises:
        ValidationError: If `report_year` is not an int from 2001 to 2100.

    Example:
        >>> print(reporting_period(2022))
        2021-04-01/2022-03-31
    """
    problems: Problems = []
    is_in_range(problems, "$", report_year, FIRST_TIP_REPORT, LAST_YEAR)
    raise_if_any(problems)
    return Period(start=dt.date(report_year - 1, 4, 1), end=dt.date(report_year, 3, 31))


_WAIVER_TIER = rule(
    "waiver_tier",
    "Only a Tier 2 Watch List `TierPlacement` carries a `waiver`: a waiver keeps a "
    "country on the Watch List instead of Tier 3, and no other placement rests on one.",
)


@owns(COUNTRY_CODE, RANGE, _WAIVER_TIER, NOT_BLANK)
@attrs.frozen(kw_only=True)
class TierPlacement:
    """One country's tier in one year's TIP report.

    Attributes:
        country: ISO 3166-1 alpha-3 code of the country placed.
        report_year: The year of the report, from 2001 (the first report).
        tier: The tier the report places the country on.
        waiver: Whether the placement rests on a waiver of the downgrade to
            Tier 3 that the Watch List rule would otherwise require; only a
            Watch List placement can carry one.
        source: Where the placement is stated, in free text.

    Example:
        >>> placement = TierPlacement(
        ...     country="AZE",
        ...     report_year=2022,
        ...     tier=TipTier.TIER_2,
        ...     source="US Department of State, 2022 TIP report, Azerbaijan",
        ... )
        >>> print(placement.reporting_period)
        2021-04-01/2022-03-31
        >>> attrs.evolve(placement, waiver=True)
        Traceback (most recent call last):
        ...
        trafficking_model.errors.ValidationError: $.waiver: only a Tier 2 Watch List placement carries a waiver, not Tier 2
    """

    country: str = attrs.field(metadata=kinds.country())
    report_year: int = attrs.field(metadata=kinds.integer(FIRST_TIP_REPORT, LAST_YEAR))
    tier: TipTier = attrs.field(metadata=kinds.member(TipTier))
    waiver: bool = attrs.field(default=False, metadata=kinds.boolean())
    source: str = attrs.field(metadata=kinds.text())

    def __attrs_post_init__(self) -> None:
        """Check every rule at once."""
        problems: Problems = []
        is_country(problems, field("country"), self.country)
        is_in_range(
            problems,
            field("report_year"),
            self.report_year,
            FIRST_TIP_REPORT,
            LAST_YEAR,
        )
        tier_ok = is_member(problems, field("tier"), self.tier, TipTier)
        waiver_ok = is_type(problems, field("waiver"), self.waiver, bool)
        if tier_ok and waiver_ok and self.waiver and self.tier is not _WATCH_LIST:
            add(
                problems,
                field("waiver"),
                _WAIVER_TIER,
                f"only a Tier 2 Watch List placement carries a waiver, not {self.tier}",
            )
        is_text(problems, field("source"), self.source)
        raise_if_any(problems)

    @property
    def reporting_period(self) -> Period:
        """The period the report covers: 1 April of the year before to 31 March.

        Example:
            >>> from trafficking_model.examples import azerbaijan_tier_history
            >>> print(azerbaijan_tier_history().placement(2021).reporting_period)
            2020-04-01/2021-03-31
        """
        return reporting_period(self.report_year)


def _placements(value: Iterable[TierPlacement]) -> tuple[TierPlacement, ...]:
    """Any ordered iterable of placements, stored as a tuple (`freeze_tuple`)."""
    return typing.cast("tuple[TierPlacement, ...]", freeze_tuple(value))


as_given(_placements)


_WATCH_LIST_LIMIT = rule(
    "watch_list_limit",
    "After two consecutive Watch List years (counted from the 2009 report on) a "
    "country is on Tier 3 unless the placement carries a waiver: the automatic "
    "downgrade.",
)
_WAIVER_LIMIT = rule(
    "waiver_limit",
    "A downgrade is waived for no more than two consecutive years: no third "
    "consecutive placement carries a waiver.",
)
_WATCH_LIST_AFTER_DOWNGRADE = rule(
    "watch_list_after_downgrade",
    "From the 2019 report on, a country downgraded to Tier 3 after waivers is on the "
    "Watch List for no more than one consecutive year: the Frederick Douglass TVPRA of "
    "2018, §110(b)(2)(F).",
)
_SAME_COUNTRY = rule(
    "same_country",
    "Each placement of a `TierHistory` is of its country: a history is one country's.",
)
_REPORT_YEAR_ORDER = rule(
    "report_year_order",
    "`TierHistory.placements` come one per report, in the order of the reports.",
)


@owns(
    COUNTRY_CODE,
    _SAME_COUNTRY,
    _REPORT_YEAR_ORDER,
    _WATCH_LIST_LIMIT,
    _WAIVER_LIMIT,
    _WATCH_LIST_AFTER_DOWNGRADE,
)
@attrs.frozen(kw_only=True)
class TierHistory:
    """One country's TIP tiers, report after report, checked against the statute.

    Attributes:
        country: ISO 3166-1 alpha-3 code of the country.
        placements: Its placements, one per report, in the order of the
            reports; each for `country`. Years may be missing.

    The placements keep the rules of TVPA §110(b)(2), each over consecutive
    reports that the history holds:

    - `watch_list_limit`: a Watch List placement after two consecutive Watch
      List years (counted from the 2009 report on) carries a waiver; otherwise
      the country is on Tier 3 (or has moved up).
    - `waiver_limit`: no more than two consecutive years with a waiver.
    - `watch_list_after_downgrade`: from the 2019 report on, a country that was
      downgraded to Tier 3 straight after a waived Watch List year is then on
      the Watch List for no more than one consecutive year.

    Example:
        >>> from trafficking_model.examples import azerbaijan_tier_history
        >>> history = azerbaijan_tier_history()
        >>> [(p.report_year, p.tier.label, p.waiver) for p in history.placements][1:4]
        [(2019, 'Tier 2 Watch List', False), (2020, 'Tier 2 Watch List', False), (2021, 'Tier 2 Watch List', True)]
        >>> history.tier(2022).label
        'Tier 2'
    """

    country: str = attrs.field(metadata=kinds.country())
    placements: tuple[TierPlacement, ...] = attrs.field(
        default=(), converter=_placements, metadata=kinds.nested_tuple(TierPlacement)
    )

    def __attrs_post_init__(self) -> None:
        """Check every rule at once."""
        problems: Problems = []
        country_ok = is_country(problems, field("country"), self.country)
        path = field("placements")
        if not is_tuple_of(problems, path, self.placements, TierPlacement):
            raise_if_any(problems)
        ordered = True
        for index, placement in enumerate(self.placements):
            where = f"{path}[{index}]"
            if country_ok and placement.country != self.country:
                add(
                    problems,
                    f"{where}.country",
                    _SAME_COUNTRY,
                    f"a placement of {placement.country} in the history of "
                    f"{self.country}",
                )
            if (
                index
                and placement.report_year <= self.placements[index - 1].report_year
            ):
                ordered = False
                add(
                    problems,
                    f"{where}.report_year",
                    _REPORT_YEAR_ORDER,
                    f"report {placement.report_year} does not come after "
                    f"report {self.placements[index - 1].report_year}",
                )
        if ordered:
            _check_statute(problems, path, self.placements)
        raise_if_any(problems)

    def placement(self, report_year: int) -> TierPlacement | None:
        """The placement in one year's report, or `None` if the history has none.

        Example:
            >>> from trafficking_model.examples import azerbaijan_tier_history
            >>> azerbaijan_tier_history().placement(2021).waiver
            True
            >>> azerbaijan_tier_history().placement(2017) is None
            True
        """
        for placement in self.placements:
            if placement.report_year == report_year:
                return placement
        return None

    def tier(self, report_year: int) -> TipTier | None:
        """The tier in one year's report, or `None` if the history has none.

        Example:
            >>> from trafficking_model.examples import azerbaijan_tier_history
            >>> azerbaijan_tier_history().tier(2020).label
            'Tier 2 Watch List'
        """
        placement = self.placement(report_year)
        return None if placement is None else placement.tier

    def moved_up(self, report_year: int) -> bool:
        """Whether the country moved up in that report, in the statute's sense.

        A move up is from Tier 2 (or the Watch List) to Tier 1, or from Tier 3
        to Tier 2, the Watch List or Tier 1, against the report of the year
        before. A move from the Watch List to Tier 2 is not one: both are Tier
        2 placements. Without the year before, no move is known.

        Example:
            >>> from trafficking_model.examples import azerbaijan_tier_history
            >>> azerbaijan_tier_history().moved_up(2022)
            False
        """
        now, before = self.tier(report_year), self.tier(report_year - 1)
        if now not in _RANK or before not in _RANK:
            return False
        return _RANK[now] < _RANK[before]


def _check_statute(
    problems: Problems, path: str, placements: tuple[TierPlacement, ...]
) -> None:
    """The rules of TVPA §110(b)(2) over consecutive reports."""
    by_year = {placement.report_year: placement for placement in placements}
    downgrades: list[int] = []  # reports that downgraded to Tier 3 after a waiver
    for index, placement in enumerate(placements):
        year = placement.report_year
        where = f"{path}[{index}]"
        last, before_last = by_year.get(year - 1), by_year.get(year - 2)
        if (
            placement.tier is TipTier.TIER_3
            and last is not None
            and last.tier is _WATCH_LIST
            and last.waiver
        ):
            downgrades.append(year)
        if placement.tier is not _WATCH_LIST:
            continue
        if (
            last is not None
            and before_last is not None
            and last.tier is _WATCH_LIST
            and before_last.tier is _WATCH_LIST
            and before_last.report_year >= AUTOMATIC_DOWNGRADE_FROM
            and not placement.waiver
        ):
            add(
                problems,
                f"{where}.tier",
                _WATCH_LIST_LIMIT,
                f"Tier 2 Watch List in the {year - 2}, {year - 1} and {year} "
                "reports: after two consecutive Watch List years the country is "
                "on Tier 3 unless the placement carries a waiver",
            )
        if (
            placement.waiver
            and last is not None
            and before_last is not None
            and last.waiver
            and before_last.waiver
        ):
            add(
                problems,
                f"{where}.waiver",
                _WAIVER_LIMIT,
                f"waivers in the {year - 2}, {year - 1} and {year} reports: a "
                f"downgrade is waived for no more than {MAX_WAIVER_YEARS} "
                "consecutive years",
            )
        if (
            year >= DOWNGRADED_WATCH_LIST_FROM
            and last is not None
            and last.tier is _WATCH_LIST
            and any(downgrade < year - 1 for downgrade in downgrades)
        ):
            downgrade = max(d for d in downgrades if d < year - 1)
            add(
                problems,
                f"{where}.tier",
                _WATCH_LIST_AFTER_DOWNGRADE,
                f"Tier 2 Watch List in the {year - 1} and {year} reports after the "
                f"downgrade to Tier 3 in {downgrade}: from the "
                f"{DOWNGRADED_WATCH_LIST_FROM} report on, a country downgraded "
                "after waivers is on the Watch List for no more than one "
                "consecutive year",
            )


def special_watch_list(
    histories: Iterable[TierHistory], report_year: int
) -> frozenset[str]:
    """The countries on the Special Watch List of one year's report (§110(b)(3)).

    They are the countries moved up in that report (Tier 2 to Tier 1; Tier 3
    to Tier 2 or the Watch List) and the countries on the Watch List in it. A
    move from the Watch List to Tier 2 is not a move up: both are Tier 2
    placements.

    Args:
        histories: Tier histories, one per country.
        report_year: The year of the report.

    Returns:
        The country codes.

    Raises:
        ValidationError: If a history is not a `TierHistory`, or `report_year`
            is not an int from 2001 to 2100.

    Example:
        >>> from trafficking_model import special_watch_list
        >>> from trafficking_model.examples import azerbaijan_tier_history
        >>> histories = [azerbaijan_tier_history()]
        >>> sorted(special_watch_list(histories, 2021))
        ['AZE']
        >>> sorted(special_watch_list(histories, 2022))
        []
    """
    problems: Problems = []
    is_in_range(problems, "$.report_year", report_year, FIRST_TIP_REPORT, LAST_YEAR)
    chosen = set()
    items: Iterable[object] = histories  # checked, whatever the annotation says
    for index, history in enumerate(items):
        if not isinstance(history, TierHistory):
            wrong_type(problems, f"$.histories[{index}]", history, "TierHistory")
        elif not problems and (
            history.tier(report_year) is _WATCH_LIST or history.moved_up(report_year)
        ):
            chosen.add(history.country)
    raise_if_any(problems)
    return frozenset(chosen)
