"""Friendlier constructors: any iterable for a set or a sequence, still strict.

A set field takes any iterable of its items (a list, a set, a generator) and
stores a frozenset; a sequence field takes any ordered iterable and stores a
tuple. The items are checked exactly as before, a `str` is never taken for a
set of letters, and `from_dict` still needs JSON arrays.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import trafficking_model as tm
from serialization_helpers import MODES, acceleration, only_problem
from trafficking_model._validation import ONE_STR
from trafficking_model.serialization import from_dict, to_dict

SETS = [
    (tm.Victim, "citizenship"),
    (tm.Victim, "exploitation"),
    (tm.Case, "victim_ids"),
    (tm.VictimStatistics, "partial"),
    (tm.VictimStatistics, "derived"),
    (tm.CaseStatistics, "partial"),
    (tm.CaseStatistics, "overlapping"),
    (tm.CaseStatistics, "derived"),
    (tm.ProsecutionOutcome, "derived"),
    (tm.LawEnforcementFigures, "derived"),
    (tm.Measure, "responsible"),
    (tm.Measure, "partners"),
    (tm.PlanReview, "participants"),
]
SEQUENCES = [
    (tm.Case, "defendants"),
    (tm.CountryReport, "law_enforcement"),
    (tm.Measure, "indicators"),
    (tm.Measure, "budget_lines"),
    (tm.NationalActionPlan, "stakeholders"),
    (tm.NationalActionPlan, "measures"),
    (tm.NationalActionPlan, "reviews"),
    (tm.NationalActionPlan, "objectives"),
    (tm.NationalActionPlan, "indicator_observations"),
    (tm.NationalActionPlan, "status_observations"),
    (tm.NationalActionPlan, "spending_observations"),
    (tm.MeasureProgress, "indicators"),
    (tm.PlanProgress, "measures"),
    (tm.PlanProgress, "allocated"),
    (tm.PlanProgress, "spent"),
    (tm.TierHistory, "placements"),
]


def _as(kind: str, items: Any) -> Any:
    if kind == "list":
        return list(items)
    if kind == "set":
        return set(items)
    return iter(list(items))


@pytest.mark.parametrize(("cls", "name"), SETS)
@pytest.mark.parametrize("kind", ["list", "set", "iterator"])
@given(data=st.data())
def test_a_set_field_takes_any_iterable_and_stores_a_frozenset(
    cls: type, name: str, kind: str, data: st.DataObject
) -> None:
    value = data.draw(st.from_type(cls))
    items = getattr(value, name)
    rebuilt = attrs.evolve(value, **{name: _as(kind, items)})
    assert type(getattr(rebuilt, name)) is frozenset
    assert rebuilt == value


@pytest.mark.parametrize(("cls", "name"), SEQUENCES)
@pytest.mark.parametrize("kind", ["list", "iterator"])
@given(data=st.data())
def test_a_sequence_field_takes_any_ordered_iterable_and_stores_a_tuple(
    cls: type, name: str, kind: str, data: st.DataObject
) -> None:
    value = data.draw(st.from_type(cls))
    rebuilt = attrs.evolve(value, **{name: _as(kind, getattr(value, name))})
    assert type(getattr(rebuilt, name)) is tuple
    assert rebuilt == value


@pytest.mark.parametrize(("cls", "name"), SETS)
@given(data=st.data())
def test_a_str_is_never_a_set_of_letters(
    cls: type, name: str, data: st.DataObject
) -> None:
    value = data.draw(st.from_type(cls))
    text = data.draw(st.sampled_from(["AZE", "sexual", "by_sex", "total", ""]))
    path, rule, message = only_problem(lambda: attrs.evolve(value, **{name: text}))
    assert (path, rule, message) == (
        f"$.{name}",
        "type",
        f"expected frozenset, got str; {ONE_STR}",
    )


@pytest.mark.parametrize(("cls", "name"), SEQUENCES)
@given(data=st.data())
def test_a_set_is_never_a_sequence(cls: type, name: str, data: st.DataObject) -> None:
    value = data.draw(st.from_type(cls))
    items = getattr(value, name)
    if not items:
        return
    path, rule, message = only_problem(
        lambda: attrs.evolve(value, **{name: set(items)})
    )
    assert (path, rule, message) == (f"$.{name}", "type", "expected tuple, got set")


@pytest.mark.parametrize("item", [True, 1, b"AZE", None])
def test_the_items_are_still_checked_exactly(item: object) -> None:
    report = tm.examples.azerbaijan_report_2020_2021()
    victim = tm.Victim(
        id="V-1",
        sex=tm.Sex.FEMALE,
        age_group=tm.AgeGroup.ADULT,
        citizenship=["AZE"],
        exploitation=[tm.ExploitationForm.SEXUAL],
        identification=tm.IdentificationStatus.PRESUMED,
    )
    path, rule, _ = only_problem(lambda: attrs.evolve(victim, citizenship=[item]))
    assert (path, rule) == ("$.citizenship", "type")
    path, rule, _ = only_problem(lambda: attrs.evolve(report, law_enforcement=[item]))
    assert (path, rule) == ("$.law_enforcement[0]", "type")


@pytest.mark.parametrize("accelerated", MODES)
def test_json_still_needs_arrays(accelerated: bool) -> None:
    victim = tm.Victim(
        id="V-1",
        sex=tm.Sex.FEMALE,
        age_group=tm.AgeGroup.ADULT,
        citizenship=("AZE",),
        exploitation=[tm.ExploitationForm.SEXUAL],
        identification=tm.IdentificationStatus.PRESUMED,
    )
    data = to_dict(victim)
    data["citizenship"] = "AZE"
    with acceleration(accelerated), pytest.raises(tm.ValidationError) as caught:
        tm.from_json(tm.to_json(victim).replace('["AZE"]', '"AZE"'), tm.Victim)
    assert [p.path for p in caught.value.problems] == ["$.citizenship"]
    with pytest.raises(tm.ValidationError) as caught:
        from_dict(data, tm.Victim)
    assert [p.path for p in caught.value.problems] == ["$.citizenship"]
