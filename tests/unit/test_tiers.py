"""TIP tier placements and histories: the statute's rules, the Special Watch List
and reporting periods, with the acceptance tests of issue 14."""

from __future__ import annotations

import datetime as dt
import itertools

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from profiles import examples
from serialization_helpers import only_problem
from trafficking_model import (
    Period,
    TierHistory,
    TierPlacement,
    TipTier,
    ValidationError,
    from_dict,
    from_json,
    reporting_period,
    special_watch_list,
    summary,
    to_dict,
    to_json,
)
from trafficking_model import strategies as tms
from trafficking_model.examples import TIP_SOURCES, azerbaijan_tier_history

WATCH_LIST = TipTier.TIER_2_WATCH_LIST


def _placement(
    year: int, tier: TipTier = WATCH_LIST, *, waiver: bool = False, country: str = "XTA"
) -> TierPlacement:
    return TierPlacement(
        country=country, report_year=year, tier=tier, waiver=waiver, source="Fictional"
    )


def _history(*placements: TierPlacement, country: str = "XTA") -> TierHistory:
    return TierHistory(country=country, placements=placements)


def _watch_list_years(first: int, waivers: tuple[bool, ...]) -> TierHistory:
    return _history(
        *(
            _placement(first + offset, waiver=waiver)
            for offset, waiver in enumerate(waivers)
        )
    )


# Acceptance: three consecutive Watch List reports need a waiver on the third.


def test_three_watch_list_years_are_rejected_without_a_waiver_on_the_third() -> None:
    path, rule, message = only_problem(
        lambda: _watch_list_years(2019, (False, False, False))
    )
    assert (path, rule) == ("$.placements[2].tier", "watch_list_limit")
    assert message == (
        "Tier 2 Watch List in the 2019, 2020 and 2021 reports: after two "
        "consecutive Watch List years the country is on Tier 3 unless the "
        "placement carries a waiver"
    )


def test_three_watch_list_years_load_with_a_waiver_on_the_third() -> None:
    history = _watch_list_years(2019, (False, False, True))
    data = to_dict(history)
    assert from_dict(data, TierHistory) == history
    assert from_json(to_json(history), TierHistory) == history
    data["placements"][2]["waiver"] = False
    with pytest.raises(ValidationError) as caught:
        from_dict(data, TierHistory)
    assert [p.rule for p in caught.value.problems] == ["watch_list_limit"]


@pytest.mark.parametrize(
    "waivers", list(itertools.product([False, True], repeat=5)), ids=str
)
def test_five_consecutive_watch_list_years_are_rejected_even_with_waivers(
    waivers: tuple[bool, ...],
) -> None:
    with pytest.raises(ValidationError) as caught:
        _watch_list_years(2015, waivers)
    assert {p.rule for p in caught.value.problems} <= {
        "watch_list_limit",
        "waiver_limit",
    }


def test_five_watch_list_years_with_waivers_on_the_last_three_break_the_waiver_limit() -> (
    None
):
    path, rule, message = only_problem(
        lambda: _watch_list_years(2015, (False, False, True, True, True))
    )
    assert (path, rule) == ("$.placements[4].waiver", "waiver_limit")
    assert message == (
        "waivers in the 2017, 2018 and 2019 reports: a downgrade is waived for "
        "no more than 2 consecutive years"
    )


def test_four_watch_list_years_with_two_waivers_are_allowed() -> None:
    assert len(_watch_list_years(2015, (False, False, True, True)).placements) == 4


def test_the_automatic_downgrade_counts_watch_list_years_from_the_2009_report() -> None:
    # 2006-2008 and 2007-2009: before the TVPRA of 2008, no waiver was needed.
    assert _watch_list_years(2006, (False, False, False))
    assert _watch_list_years(2007, (False, False, False))
    with pytest.raises(ValidationError, match="2009, 2010 and 2011 reports"):
        _watch_list_years(2009, (False, False, False))


def test_a_missing_report_year_breaks_the_run() -> None:
    history = _history(_placement(2015), _placement(2016), _placement(2018))
    assert history.tier(2017) is None


def test_a_move_up_out_of_the_watch_list_is_allowed() -> None:
    history = _history(
        _placement(2015), _placement(2016), _placement(2017, TipTier.TIER_2)
    )
    assert history.tier(2017) is TipTier.TIER_2


def _after_downgrade(first: int) -> tuple[TierPlacement, ...]:
    return (
        _placement(first),
        _placement(first + 1),
        _placement(first + 2, waiver=True),
        _placement(first + 3, TipTier.TIER_3),
        _placement(first + 4),
        _placement(first + 5),
    )


def test_after_a_downgrade_a_second_watch_list_year_is_rejected_from_2019() -> None:
    path, rule, _ = only_problem(lambda: _history(*_after_downgrade(2014)))
    assert (path, rule) == ("$.placements[5].tier", "watch_list_after_downgrade")
    # the same run ending in the 2018 report came before the 2018 law applied
    assert _history(*_after_downgrade(2013))
    # one Watch List year after the downgrade is allowed
    assert _history(*_after_downgrade(2014)[:5])


def test_a_downgrade_without_a_waiver_before_it_does_not_limit_the_watch_list() -> None:
    history = _history(
        _placement(2016, TipTier.TIER_2),
        _placement(2017, TipTier.TIER_3),
        _placement(2018),
        _placement(2019),
    )
    assert history.tier(2019) is WATCH_LIST


def test_placements_come_in_order_and_of_the_history_country() -> None:
    assert only_problem(
        lambda: _history(
            _placement(2020, TipTier.TIER_1), _placement(2020, TipTier.TIER_1)
        )
    )[:2] == ("$.placements[1].report_year", "report_year_order")
    assert only_problem(
        lambda: _history(_placement(2020, TipTier.TIER_1, country="AZE"))
    ) == (
        "$.placements[0].country",
        "same_country",
        "a placement of AZE in the history of XTA",
    )


def test_only_a_watch_list_placement_carries_a_waiver() -> None:
    for tier in TipTier:
        if tier is WATCH_LIST:
            assert _placement(2020, tier, waiver=True).waiver
        else:
            assert only_problem(lambda tier=tier: _placement(2020, tier, waiver=True))[
                :2
            ] == ("$.waiver", "waiver_tier")


@pytest.mark.parametrize(
    ("changes", "rule", "path"),
    [
        ({"report_year": 2000}, "range", "$.report_year"),
        ({"report_year": 2101}, "range", "$.report_year"),
        ({"report_year": "2020"}, "type", "$.report_year"),
        ({"report_year": True}, "type", "$.report_year"),
        ({"waiver": 1}, "type", "$.waiver"),
        ({"tier": "tier_1"}, "type", "$.tier"),
        ({"country": "QZZ"}, "country_code", "$.country"),
        ({"source": " "}, "not_blank", "$.source"),
    ],
)
def test_placement_fields(changes: dict[str, object], rule: str, path: str) -> None:
    placement = _placement(2020, TipTier.TIER_1)
    assert only_problem(lambda: attrs.evolve(placement, **changes))[:2] == (path, rule)


def test_a_history_refuses_what_is_not_a_placement() -> None:
    assert only_problem(lambda: TierHistory(country="XTA", placements=["x"]))[:2] == (  # type: ignore[list-item]
        "$.placements[0]",
        "type",
    )


# Acceptance: the reporting period and the Special Watch List.


def test_the_2022_report_covers_april_2021_to_march_2022() -> None:
    assert reporting_period(2022) == Period(
        start=dt.date(2021, 4, 1), end=dt.date(2022, 3, 31)
    )
    assert _placement(2022).reporting_period == reporting_period(2022)


@pytest.mark.parametrize("year", ["2022", 2000, 2101, True, 2022.0])
def test_reporting_period_refuses_what_is_not_a_report_year(year: object) -> None:
    with pytest.raises(ValidationError) as caught:
        reporting_period(year)  # type: ignore[arg-type]
    assert [p.path for p in caught.value.problems] == ["$"]


@given(st.integers(min_value=2001, max_value=2100))
@settings(max_examples=examples(0.5))
def test_every_reporting_period_is_one_year_to_31_march(year: int) -> None:
    period = reporting_period(year)
    assert period.end == dt.date(year, 3, 31)
    assert period.start == dt.date(year - 1, 4, 1)
    assert period.contains(dt.date(year - 1, 12, 31))
    assert not period.contains(dt.date(year, 4, 1))


def test_special_watch_list_of_azerbaijan() -> None:
    histories = [azerbaijan_tier_history()]
    assert "AZE" in special_watch_list(histories, 2021)
    assert "AZE" not in special_watch_list(histories, 2022)
    assert "AZE" not in special_watch_list(histories, 2023)


def test_special_watch_list_holds_moves_up_and_the_watch_list() -> None:
    def moved(before: TipTier, after: TipTier, country: str) -> TierHistory:
        return _history(
            _placement(2020, before, country=country),
            _placement(2021, after, country=country),
            country=country,
        )

    histories = [
        moved(TipTier.TIER_2, TipTier.TIER_1, "XAA"),
        moved(TipTier.TIER_3, TipTier.TIER_2, "XAB"),
        moved(TipTier.TIER_3, WATCH_LIST, "XAC"),
        moved(WATCH_LIST, TipTier.TIER_2, "XAD"),  # both Tier 2: not a move up
        moved(TipTier.TIER_2, TipTier.TIER_2, "XAE"),
        moved(TipTier.TIER_1, TipTier.TIER_2, "XAF"),
        moved(TipTier.SPECIAL_CASE, TipTier.TIER_2, "XAG"),
        moved(WATCH_LIST, TipTier.TIER_1, "XAH"),
        _history(_placement(2021, TipTier.TIER_1, country="XAI"), country="XAI"),
    ]
    assert special_watch_list(histories, 2021) == {"XAA", "XAB", "XAC", "XAH"}
    assert special_watch_list(histories, 2020) == {"XAD", "XAH"}  # on the Watch List
    assert special_watch_list(histories, 2019) == frozenset()


def test_special_watch_list_refuses_what_is_not_a_history() -> None:
    with pytest.raises(ValidationError) as caught:
        special_watch_list([azerbaijan_tier_history(), "AZE"], 2021)  # type: ignore[list-item]
    assert [(p.path, p.rule) for p in caught.value.problems] == [
        ("$.histories[1]", "type")
    ]
    with pytest.raises(ValidationError):
        special_watch_list([], "2021")  # type: ignore[arg-type]


@given(st.data())
@settings(max_examples=examples(0.5))
def test_the_special_watch_list_holds_every_watch_list_country_of_its_report(
    data: st.DataObject,
) -> None:
    histories = data.draw(st.lists(tms.tier_histories(max_placements=6), max_size=4))
    year = data.draw(st.integers(min_value=2001, max_value=2060))
    chosen = special_watch_list(histories, year)
    for history in histories:
        if history.tier(year) is WATCH_LIST:
            assert history.country in chosen
        if history.tier(year) is None:
            # no placement in that report: only another history can name it
            assert history.country not in chosen or any(
                other.country == history.country and other.tier(year) is not None
                for other in histories
            )


# The reference example.


def test_azerbaijan_tier_history_as_the_reference_gives_it() -> None:
    history = azerbaijan_tier_history()
    assert history == azerbaijan_tier_history()
    assert [(p.report_year, p.tier, p.waiver) for p in history.placements] == [
        (2018, TipTier.TIER_2, False),
        (2019, WATCH_LIST, False),
        (2020, WATCH_LIST, False),
        (2021, WATCH_LIST, True),
        (2022, TipTier.TIER_2, False),
        (2023, TipTier.TIER_2, False),
    ]
    assert all(p.source == TIP_SOURCES[p.report_year] for p in history.placements)
    assert all("Azerbaijan" in p.source for p in history.placements)
    assert history.placement(2022) is not None
    assert not history.moved_up(2022)
    assert summary(history).splitlines()[4] == "  2021: Tier 2 Watch List (waiver)"
