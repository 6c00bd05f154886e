"""Every rule of every type, both ways: valid data is accepted, and data that
breaks one rule is rejected by a ValidationError that names that rule.

The broken data comes from `violations`, in the JSON form, and goes in through
`from_dict`, as a user's loader would send it.
"""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import trafficking_model
from profiles import examples
from trafficking_model import (
    BudgetLine,
    Case,
    CaseStatistics,
    Count,
    CountryReport,
    Defendant,
    Indicator,
    IndicatorObservation,
    IndicatorProgress,
    LawEnforcementFigures,
    Measure,
    MeasureProgress,
    Money,
    NationalActionPlan,
    Objective,
    Period,
    PlanProgress,
    PlanReview,
    ProsecutionOutcome,
    ReviewComparison,
    SpendingObservation,
    Stakeholder,
    StatusObservation,
    TierHistory,
    TierPlacement,
    ValidationError,
    Victim,
    VictimStatistics,
    _rules,
)
from trafficking_model._rules import rules_of
from trafficking_model.formats.ctdc import Band, Record
from trafficking_model.formats.glotip import GlotipRow
from trafficking_model.strategies import violation_rules, violations
from trafficking_model.strategies._bases import BASES, small
from trafficking_model.strategies._json_form import json_form_rules
from trafficking_model.strategies._kind_mutators import field_mutators
from trafficking_model.strategies._mutators import json_of
from trafficking_model.strategies._violations import (
    OWN,
    broken_values,
    mutators,
    within,
)

# Each class's own rules come from the registry: those its check raises, and
# the rules of its JSON form that apply to it (`type` and `unknown_key` always).
# Each class also has the rules of the model types it holds, its parts.
_rules.declared()  # every module that declares rules, and so every class
CLASSES = sorted(_rules.classes(), key=lambda cls: cls.__name__)
PARTS: dict[type, set[type]] = {
    BudgetLine: {Money},
    Measure: {Period, Indicator, Money, BudgetLine},
    SpendingObservation: {Money},
    MeasureProgress: {IndicatorProgress},
    PlanProgress: {MeasureProgress, Money},
    ReviewComparison: {PlanProgress},
    PlanReview: {PlanProgress},
    NationalActionPlan: {
        Period,
        Stakeholder,
        Measure,
        PlanReview,
        Objective,
        IndicatorObservation,
        StatusObservation,
        SpendingObservation,
    },
    TierHistory: {TierPlacement},
    Case: {Defendant},
    CountryReport: {
        Period,
        CaseStatistics,
        ProsecutionOutcome,
        VictimStatistics,
        LawEnforcementFigures,
    },
    Record: {Band},
    GlotipRow: {Count},
}
# Each class's own rules, one test each; the rules of its parts are broken
# inside it by one test per class that holds parts.
CASES = [
    pytest.param(cls, rule, id=f"{cls.__name__}-{rule}")
    for cls in CLASSES
    for rule in sorted(rules_of(cls))
]
CONTAINERS = sorted(PARTS, key=lambda cls: cls.__name__)
# Each rule a field can break alone, by its kind, one test per field: a field
# whose kind the class's check does not enforce fails every example, not one in
# as many as the class has such fields. Not where OWN replaces the rule's
# derived mutators with a narrower one.
FIELDS = [
    pytest.param(cls, name, rule, id=f"{cls.__name__}.{name}-{rule}")
    for cls in CLASSES
    for name, ways in field_mutators(cls).items()
    for rule in sorted(ways)
    if rule not in OWN.get(cls, {})
]


def _all_rules(cls: type) -> set[str]:
    rules = set(rules_of(cls))
    for part in PARTS.get(cls, ()):
        rules |= _all_rules(part)
    return rules


def _at(path: str, expected: str) -> bool:
    """Whether `path` is `expected` or lies inside it."""
    return path == expected or path.startswith((f"{expected}.", f"{expected}["))


def test_every_class_is_covered() -> None:
    assert set(CLASSES) == set(BASES)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_violations_cover_every_rule_of_the_class(cls: type) -> None:
    assert violation_rules(cls) == _all_rules(cls)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_every_rule_of_the_registry_has_a_mutator(cls: type) -> None:
    # violations() breaks the rules the registry gives; each needs a way to.
    # Those of the per-field rules come from the field kinds, the others from OWN.
    ways = {"type", *mutators(cls), *json_form_rules(cls)}
    assert rules_of(cls) == ways


def test_every_rule_is_owned_by_a_class_or_says_where_it_is_checked() -> None:
    rules = _rules.declared()
    assert {"country_code", "breakdown_sum", "type", "lossy"} <= rules.keys()
    shared = {rule.id for rule in rules.values() if not _rules.owners(rule.id)}
    assert all(rules[rule].checked_on for rule in shared), shared
    # The rules of reading files and text, such as `json`, `header` and
    # `count_text`, belong to no class. So do, for now, `unicode` (a lone
    # surrogate in a string) and `int_size` (an int too long to write): they
    # have no violation in `strategies` yet, and tests/unit/test_hardening.py and the
    # hostile fuzz target break them.
    assert {"json", "header", "count_text", "unicode", "int_size"} <= shared


def test_violations_draw_every_rule_some_class_owns_and_no_other() -> None:
    drawn = set().union(*(violation_rules(cls) for cls in CLASSES))
    owned = set().union(*(rules_of(cls) for cls in CLASSES))
    assert drawn == owned


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_valid_data_is_accepted(cls: type, data: st.DataObject) -> None:
    value = data.draw(st.from_type(cls))
    assert trafficking_model.from_dict(trafficking_model.to_dict(value), cls) == value


# Sized to need: one case per pair, hundreds of cases, so a fraction of the
# profile's examples each (10 under `ci`; `deep` still draws thousands).
@pytest.mark.parametrize(("cls", "rule"), CASES)
@settings(max_examples=examples(0.4))
@given(data=st.data())
def test_breaking_one_rule_is_rejected_naming_it(
    cls: type, rule: str, data: st.DataObject
) -> None:
    broken = data.draw(broken_values(cls, {rule}))
    json.dumps(broken.data)  # plain JSON data, as a loader would see it
    with pytest.raises(ValidationError) as caught:
        trafficking_model.from_dict(broken.data, cls)
    problems = caught.value.problems
    assert {problem.rule for problem in problems} == {rule}, problems
    assert any(_at(problem.path, broken.path) for problem in problems), (
        broken.path,
        problems,
    )


@pytest.mark.parametrize(("cls", "name", "rule"), FIELDS)
@settings(max_examples=examples(0.2))
@given(data=st.data())
def test_breaking_the_rule_of_a_fields_kind_is_rejected_naming_it(
    cls: type, name: str, rule: str, data: st.DataObject
) -> None:
    raw = copy.deepcopy(json_of(data.draw(small(cls))))
    path = within(cls, rule, field_mutators(cls)[name][rule])(data.draw, raw)
    with pytest.raises(ValidationError) as caught:
        trafficking_model.from_dict(raw, cls)
    problems = caught.value.problems
    assert {problem.rule for problem in problems} == {rule}, problems
    assert any(_at(problem.path, path) for problem in problems), (path, problems)


@pytest.mark.parametrize("cls", CONTAINERS, ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_breaking_a_rule_of_a_part_is_rejected_naming_it_at_its_path(
    cls: type, data: st.DataObject
) -> None:
    nested = sorted(violation_rules(cls) - rules_of(cls))
    rule = data.draw(st.sampled_from(nested))
    broken = data.draw(broken_values(cls, {rule}))
    with pytest.raises(ValidationError) as caught:
        trafficking_model.from_dict(broken.data, cls)
    problems = caught.value.problems
    assert {problem.rule for problem in problems} == {rule}, problems
    assert any(_at(problem.path, broken.path) for problem in problems), (
        broken.path,
        problems,
    )


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_public_violations_draw_named_pairs(cls: type, data: st.DataObject) -> None:
    raw, rule = data.draw(violations(cls))
    assert isinstance(raw, dict)
    assert rule in violation_rules(cls)
    with pytest.raises(ValidationError) as caught:
        trafficking_model.from_dict(raw, cls)
    assert rule in {problem.rule for problem in caught.value.problems}


def test_violations_refuse_unknown_rules_and_classes() -> None:
    with pytest.raises(InvalidArgument, match="period_order"):
        violations(Victim, rules={"period_order"})
    with pytest.raises(InvalidArgument):
        violations(Victim, rules=set())
    with pytest.raises(InvalidArgument, match="not a class"):
        violations(dict)
    with pytest.raises(InvalidArgument, match="not a class"):
        violation_rules(int)
