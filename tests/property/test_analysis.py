"""Rates, shares and comparisons: they hold every exact value the figures allow."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import trafficking_model as tm
from trafficking_model.ratios import change, share
from trafficking_model.strategies import counts

finite = st.floats(allow_nan=False, allow_infinity=False)
figures = st.none() | st.integers(0, 200) | counts(max_value=200)


def _values(figure: tm.Figure, cap: int = 50) -> list[int]:
    """Some exact values within a figure (its bounds, capped)."""
    if figure is None:
        return []
    if type(figure) is int:
        return [figure]
    assert isinstance(figure, tm.Count)
    high = figure.low + cap if figure.high is None else figure.high
    return sorted({figure.low, high, (figure.low + high) // 2})


def _close_in(value: float, ratio: tm.Ratio) -> bool:
    slack = 1e-9
    return ratio.low - slack <= value and (
        ratio.high is None or value <= ratio.high + slack
    )


@given(part=figures, whole=figures)
def test_a_share_holds_every_exact_share(part: tm.Figure, whole: tm.Figure) -> None:
    result = share(part, whole)
    pairs = [(p, w) for p in _values(part) for w in _values(whole) if w > 0 and p <= w]
    if part is None or whole is None or (whole is not None and whole == 0):
        assert result is None
        return
    if result is None:  # the whole can only be 0
        assert all(w == 0 for w in _values(whole))
        return
    assert result.low >= 0.0
    assert result.high is not None
    assert result.high <= 1.0
    for p, w in pairs:
        assert _close_in(p / w, result)


@given(before=figures, after=figures)
def test_a_relative_change_holds_every_exact_change(
    before: tm.Figure, after: tm.Figure
) -> None:
    result = change(before, after)
    if before is None or after is None or min(_values(before)) == 0:
        assert result is None
        return
    assert result is not None
    for b in _values(before):
        for a in _values(after):
            assert _close_in(a / b - 1, result)


@given(before=figures, after=figures)
def test_an_absolute_change_holds_every_exact_difference(
    before: tm.Figure, after: tm.Figure
) -> None:
    absolute = tm.Change(name="x", before=before, after=after).absolute
    if before is None or after is None:
        assert absolute is None
        return
    for b in _values(before):
        for a in _values(after):
            if type(absolute) is int:
                assert a - b == absolute
            else:
                assert isinstance(absolute, tm.Difference)
                assert absolute.low is None or absolute.low <= a - b
                assert absolute.high is None or a - b <= absolute.high


@given(low=finite, high=finite)
def test_a_ratio_accepts_ordered_finite_bounds_only(low: float, high: float) -> None:
    if low <= high:
        assert tm.Ratio(low, high).low == low
    else:
        with pytest.raises(tm.ValidationError) as caught:
            tm.Ratio(low, high)
        assert [p.rule for p in caught.value.problems] == ["range_order"]


@pytest.mark.parametrize("bad", [math.inf, math.nan, "0.5", None, True])
def test_a_ratio_refuses_what_is_not_a_finite_number(bad: object) -> None:
    with pytest.raises(tm.ValidationError) as caught:
        tm.Ratio(bad)  # type: ignore[arg-type]
    assert caught.value.problems[0].path == "$.low"
    assert caught.value.problems[0].rule in {"finite", "type"}


@given(statistics=st.from_type(tm.VictimStatistics))
def test_every_share_of_a_victim_breakdown_is_a_share_or_unknown(
    statistics: tm.VictimStatistics,
) -> None:
    for vocabulary in (tm.Sex, tm.AgeGroup, tm.CitizenshipCategory):
        total = None
        for member in vocabulary:
            result = statistics.share_of(member)
            if result is not None:
                assert result.low >= 0.0
                assert result.high is not None
                assert result.high <= 1.0
                total = (total or 0.0) + result.low
        assert total is None or total <= 1.0 + 1e-9


@given(outcome=st.from_type(tm.ProsecutionOutcome))
def test_the_rates_of_a_funnel_are_shares(outcome: tm.ProsecutionOutcome) -> None:
    for rate in (
        outcome.conviction_rate,
        outcome.indictment_rate,
        outcome.imprisonment_rate,
    ):
        assert rate is None or (rate.low >= 0.0 and (rate.high or 0.0) <= 1.0)


@given(before=st.from_type(tm.CountryReport), after=st.from_type(tm.CountryReport))
def test_compare_lines_up_every_figure(
    before: tm.CountryReport, after: tm.CountryReport
) -> None:
    comparison = tm.compare(before, after)
    names = [item.name for item in comparison.changes]
    assert len(names) == len(set(names))
    assert tm.compare(before, before).changed == ()
    if before.victims is not None:
        assert comparison["victims.total"].before == before.victims.total


def test_compare_refuses_two_types() -> None:
    outcome = tm.ProsecutionOutcome(defendants=1, indicted=1, sentenced=1)
    with pytest.raises(tm.ValidationError, match="same type") as caught:
        tm.compare(outcome, tm.VictimStatistics(total=1))  # type: ignore[call-overload]
    assert [problem.rule for problem in caught.value.problems] == ["type"]


def test_compare_takes_two_reviews_as_compare_reviews_does() -> None:
    first, second = tm.examples.demonstration_plan().reviews
    assert tm.compare(first, second) == tm.compare_reviews(first, second)
    assert first.progress is not None
    assert second.progress is not None
    assert tm.compare(first.progress, second) == tm.compare_reviews(first, second)
    with pytest.raises(tm.ValidationError, match="same type"):
        tm.compare(first, tm.VictimStatistics(total=1))  # type: ignore[call-overload]


def test_figures_for_a_year() -> None:
    report = tm.examples.azerbaijan_report_2020_2021()
    assert report.figures_for(1999) is None
