"""Data in the JSON form that breaks exactly one named rule: `violations`."""

from __future__ import annotations

import copy
import functools
import typing

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from trafficking_model._rules import rules_of
from trafficking_model._validation import (
    ISO_COUNTRY_CODES,
)
from trafficking_model.cases import Case, Defendant
from trafficking_model.counts import Count
from trafficking_model.formats._ctdc_record import (
    Band,
    Record,
)
from trafficking_model.formats._glotip_rows import GlotipRow
from trafficking_model.money import Money
from trafficking_model.monitoring import (
    IndicatorObservation,
    IndicatorProgress,
    MeasureProgress,
    PlanProgress,
    ReviewComparison,
    SpendingObservation,
    StatusObservation,
)
from trafficking_model.periods import Period
from trafficking_model.plans import (
    BudgetLine,
    Indicator,
    Measure,
    NationalActionPlan,
    Objective,
    PlanReview,
)
from trafficking_model.prosecution import ProsecutionOutcome
from trafficking_model.reports import CountryReport
from trafficking_model.stakeholders import Stakeholder
from trafficking_model.statistics import (
    CaseStatistics,
    LawEnforcementFigures,
    VictimStatistics,
)
from trafficking_model.strategies._bases import (
    BASES,
    small,
)
from trafficking_model.strategies._figure_mutators import (
    SINGLE_BREAKDOWNS,
    breakdown_off,
    cells_above_margin,
    cells_below_margin,
    cells_off_a_complete_margin,
    exploitation_above_total,
    exploitation_below_total,
    figures_in_period,
    labour_above_total,
    no_sections,
    offence_above_total,
    offences_below_total,
    overdecided,
    oversplit,
    partial_above_total,
    ranged_off_total,
    wider_funnel,
    without_cross_tab,
    year_outside_report,
)
from trafficking_model.strategies._format_mutators import (
    band_backwards,
    band_below_zero,
    flag_yes_and_no,
    record_bad_enum,
    record_out_of_range,
)
from trafficking_model.strategies._json_form import (
    json_form_rules,
    wrong_type,
)
from trafficking_model.strategies._kind_mutators import kind_mutators
from trafficking_model.strategies._mutators import (
    JSON,
    Mutator,
    bad_code,
    drawn,
    duplicate,
    json_of,
    negative_bound,
    not_finite,
    range_backwards,
    swap_period,
)
from trafficking_model.strategies._plan_mutators import (
    duplicate_plan_part,
    later_before_earlier,
    no_responsible,
    observed_after,
    observed_twice,
    outside_plan_period,
    progress_twin,
    snapshot_on_another_day,
    status_without_day,
    two_amounts_in_a_currency,
    unknown_indicator,
    unknown_measure,
    unknown_objective,
    unknown_stakeholder,
    value_without_day,
)
from trafficking_model.strategies._record_mutators import (
    adult_then_child,
    age_against_group,
    months_not_positive,
    months_without_prison,
    no_exploitation,
    placement_of_another_country,
    report_years_out_of_order,
    three_waivers,
    three_watch_list_years,
    unindicted,
    waiver_off_the_watch_list,
    watch_list_again_after_downgrade,
)
from trafficking_model.tiers import (
    TierHistory,
    TierPlacement,
)
from trafficking_model.victims import Victim
from trafficking_model.vocabularies import (
    OffenceType,
)

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Collection


@attrs.frozen
class Broken:
    """One violation: the valid value it started from, the data, the rule, where."""

    value: object
    data: JSON
    rule: str
    path: str


# The mutators of the rules that tie fields together, and of the per-field rules
# where the one `kind_mutators` derives from the field kinds would break more
# than the rule it means (each says why). An entry here replaces the derived
# mutators of its rule; `mutators(cls)` merges the two.
OWN: dict[type, dict[str, tuple[Mutator, ...]]] = {
    Count: {
        "range_order": (range_backwards,),
        # Not any bound below zero: a negative `high` is below `low` too, and
        # breaks `range_order` as well.
        "non_negative": (negative_bound,),
    },
    Period: {"period_order": (swap_period,)},
    Measure: {
        "responsible_required": (no_responsible,),
        "unique_ids": (duplicate("indicators", drawn(Indicator)),),
    },
    IndicatorProgress: {
        # Not `value`: one without `observed_on` breaks `observation_pair` too.
        "finite": (not_finite("baseline", "target"),),
        "observation_pair": (value_without_day,),
    },
    MeasureProgress: {
        "unique_ids": (duplicate("indicators", drawn(IndicatorProgress)),),
        "observation_pair": (status_without_day,),
    },
    PlanProgress: {
        "unique_ids": (duplicate("measures", progress_twin),),
        "observed_by_as_of": (observed_after,),
        "one_amount_per_currency": (two_amounts_in_a_currency,),
    },
    ReviewComparison: {"comparison_order": (later_before_earlier,)},
    PlanReview: {"snapshot_date": (snapshot_on_another_day,)},
    NationalActionPlan: {
        "unique_ids": (duplicate_plan_part,),
        "known_stakeholder": (unknown_stakeholder,),
        "within_plan_period": (outside_plan_period,),
        "known_objective": (unknown_objective,),
        "known_measure": (unknown_measure,),
        "known_indicator": (unknown_indicator,),
        "unique_observation": (observed_twice,),
    },
    TierPlacement: {"waiver_tier": (waiver_off_the_watch_list,)},
    TierHistory: {
        "same_country": (placement_of_another_country,),
        "report_year_order": (report_years_out_of_order,),
        "watch_list_limit": (three_watch_list_years,),
        "waiver_limit": (three_waivers,),
        "watch_list_after_downgrade": (watch_list_again_after_downgrade,),
    },
    Victim: {
        "age_matches_group": (age_against_group,),
        "exploitation_required": (no_exploitation,),
        "age_group_order": (adult_then_child,),
    },
    Defendant: {
        "disposition_requires_indictment": (unindicted,),
        "sentence_months_with_imprisonment": (months_without_prison,),
        # Months of 0 or fewer for a defendant sentenced to prison: for any
        # other, any months break `sentence_months_with_imprisonment` too.
        "positive": (months_not_positive,),
    },
    Case: {"unique_ids": (duplicate("defendants", drawn(Defendant)),)},
    CaseStatistics: {
        "breakdown_sum": (
            breakdown_off({"by_offence": OffenceType}),
            ranged_off_total({"by_offence": OffenceType}),
        ),
        "partial_breakdown_within_total": (
            partial_above_total({"by_offence": OffenceType}),
        ),
        "part_within_total": (offence_above_total,),
        "parts_cover_total": (offences_below_total,),
    },
    ProsecutionOutcome: {
        "indicted_within_defendants": (wider_funnel,),
        "sentenced_within_indicted": (overdecided,),
        "sentence_split_within_sentenced": (oversplit,),
    },
    VictimStatistics: {
        "breakdown_sum": (
            breakdown_off(SINGLE_BREAKDOWNS),
            ranged_off_total(SINGLE_BREAKDOWNS),
        ),
        "partial_breakdown_within_total": (partial_above_total(SINGLE_BREAKDOWNS),),
        "exploitation_within_total": (exploitation_above_total,),
        "exploitation_covers_total": (exploitation_below_total,),
        "sex_age_within_margin": (cells_above_margin, cells_off_a_complete_margin),
        "sex_age_matches_margin": (cells_below_margin,),
    },
    LawEnforcementFigures: {"labour_within_total": (labour_above_total,)},
    CountryReport: {
        "unique_years": (duplicate("law_enforcement", figures_in_period, key="year"),),
        "within_report_period": (year_outside_report,),
        "section_required": (no_sections,),
    },
    Band: {
        # Only `low` below zero: a negative `high` is below `low` too, and
        # breaks `range_order` as well.
        "range": (band_below_zero,),
        "range_order": (band_backwards,),
    },
    Record: {
        # A year out of range, or an age Band above the oldest age: a Band's
        # own bounds are its part's rules, broken in `months` (see PARTS).
        "range": (record_out_of_range,),
        "enum": (record_bad_enum,),
        # CTDC records take ISO codes only: a user-assigned one breaks the rule.
        "country_code": (
            bad_code("citizenship", ISO_COUNTRY_CODES),
            bad_code("country_of_exploitation", ISO_COUNTRY_CODES),
        ),
        "flag_state": (flag_yes_and_no,),
    },
}

# Where every mutator of a class, derived or not, first makes room: a change to
# a margin or to the total of victim statistics could break the rules of the
# sex by age cross-tab too, so the cross-tab is cleared first, except by the
# mutators of its own rules.
WITHIN: dict[type, tuple[Callable[[Mutator], Mutator], frozenset[str]]] = {
    VictimStatistics: (
        without_cross_tab,
        frozenset({"sex_age_within_margin", "sex_age_matches_margin"}),
    ),
}


@functools.cache
def mutators(cls: type) -> dict[str, tuple[Mutator, ...]]:
    """The mutators of the rules of `cls`, by rule.

    Those of the per-field rules are derived from the field kinds; those in
    `OWN` are hand-written, and replace the derived ones of their rule. Not those of its JSON form (`json_form_rules`), nor of its parts.
    """
    found = {**kind_mutators(cls), **OWN.get(cls, {})}
    return {
        rule: tuple(within(cls, rule, way) for way in ways)
        for rule, ways in found.items()
    }


def within(cls: type, rule: str, mutate: Mutator) -> Mutator:
    """`mutate`, wrapped as `WITHIN` says for `cls` and `rule`."""
    wrap, unwrapped = WITHIN.get(cls, (None, frozenset()))
    return mutate if wrap is None or rule in unwrapped else wrap(mutate)


# The model-typed fields of each class: (field, class, whether it is a tuple).
PARTS: dict[type, tuple[tuple[str, type, bool], ...]] = {
    BudgetLine: (("allocated", Money, False),),
    Measure: (
        ("period", Period, False),
        ("indicators", Indicator, True),
        ("budget", Money, False),
        ("budget_lines", BudgetLine, True),
    ),
    SpendingObservation: (("spent", Money, False),),
    MeasureProgress: (("indicators", IndicatorProgress, True),),
    PlanProgress: (
        ("measures", MeasureProgress, True),
        ("allocated", Money, True),
        ("spent", Money, True),
    ),
    ReviewComparison: (
        ("earlier", PlanProgress, False),
        ("later", PlanProgress, False),
    ),
    PlanReview: (("progress", PlanProgress, False),),
    NationalActionPlan: (
        ("period", Period, False),
        ("stakeholders", Stakeholder, True),
        ("measures", Measure, True),
        ("reviews", PlanReview, True),
        ("objectives", Objective, True),
        ("indicator_observations", IndicatorObservation, True),
        ("status_observations", StatusObservation, True),
        ("spending_observations", SpendingObservation, True),
    ),
    TierHistory: (("placements", TierPlacement, True),),
    Case: (("defendants", Defendant, True),),
    CountryReport: (
        ("period", Period, False),
        ("cases", CaseStatistics, False),
        ("prosecution", ProsecutionOutcome, False),
        ("victims", VictimStatistics, False),
        ("law_enforcement", LawEnforcementFigures, True),
    ),
    # `age` too is a Band, but one drawn for it may break the record's own
    # `range` (ages end at 120), so parts are broken in `months` only.
    Record: (("months", Band, False),),
    GlotipRow: (("value", Count, False),),
}


def violation_rules(cls: type) -> frozenset[str]:
    """The rule ids that [`violations`][trafficking_model.strategies.violations] can break for `cls`.

    These are the class's own rules, the rules of its JSON form (`type` for a
    value of the wrong JSON type, `required`, `unknown_key`, and `enum`, `date`
    or `decimal` for a value written wrongly), and the rules of every model type
    it holds.

    Args:
        cls: A model class, such as `Victim`.

    Returns:
        The rule ids, as `Problem.rule` carries them.

    Raises:
        InvalidArgument: If `cls` is not a model class.

    Example:
        >>> sorted(violation_rules(Period))
        ['date', 'period_order', 'required', 'type', 'unknown_key']
        >>> "sentenced_within_indicted" in violation_rules(CountryReport)
        True
    """
    if cls not in BASES:
        msg = f"{cls!r} is not a class of trafficking_model"
        raise InvalidArgument(msg)
    return _rules(cls)


@functools.cache
def _rules(cls: type) -> frozenset[str]:
    rules = set(rules_of(cls))  # the registry's: own rules and the JSON form's
    for _name, part, _many in PARTS.get(cls, ()):
        rules |= _rules(part)
    return frozenset(rules)


def _mutate(
    draw: st.DrawFn, cls: type, data: JSON, rule: str, *, nested: bool = True
) -> str:
    """Break `rule` in `data`, an object of `cls`, in place; return the path.

    With `nested` false, only the class's own fields are changed, never the
    inside of a part.
    """
    own = [*mutators(cls).get(rule, ()), *json_form_rules(cls).get(rule, ())]
    if rule == "type":
        own.append(wrong_type(cls))
    choices: list[Mutator | tuple[str, type, bool]] = [*own]
    if nested or not own:
        choices.extend(part for part in PARTS.get(cls, ()) if rule in _rules(part[1]))
    choice = draw(st.sampled_from(choices))
    if not isinstance(choice, tuple):
        return choice(draw, data)
    name, part, many = choice
    if many:
        items: list[JSON] = data[name]
        index = draw(st.integers(min_value=0, max_value=len(items)))
        if index == len(items):
            items.append(json_of(draw(small(part))))
        where, inner = f"$.{name}[{index}]", items[index]
    else:
        if data[name] is None:
            data[name] = json_of(draw(small(part)))
        where, inner = f"$.{name}", data[name]
    return where + _mutate(draw, part, inner, rule)[1:]


def broken_values(
    cls: type, rules: Collection[str] | None = None, *, nested: bool = True
) -> st.SearchStrategy[Broken]:
    available = violation_rules(cls)
    chosen = available if rules is None else frozenset(rules)
    if not chosen or not chosen <= available:
        msg = (
            f"rules {sorted(chosen - available)} are not rules of {cls.__name__}; "
            f"it has {sorted(available)}"
        )
        raise InvalidArgument(msg)

    @st.composite
    def build(draw: st.DrawFn) -> Broken:
        rule = draw(st.sampled_from(sorted(chosen)))
        value = draw(small(cls))
        data = copy.deepcopy(json_of(value))
        path = _mutate(draw, cls, data, rule, nested=nested)
        return Broken(value=value, data=data, rule=rule, path=path)

    return build()


def violations(
    cls: type, *, rules: Collection[str] | None = None
) -> st.SearchStrategy[tuple[JSON, str]]:
    """Draw raw data for `cls` that breaks exactly one named rule.

    Each example is a pair `(data, rule)`: `data` is a dict in the JSON form that
    `to_dict` writes, made from a valid value and then changed to break one rule,
    and `rule` is that rule's id, the one `Problem.rule` carries. The rules are
    the class's own, such as `age_matches_group`, and those of its JSON form,
    such as `required` or `unknown_key`; `violation_rules(cls)` lists them.
    Rules of the parts are broken too: `violations(CountryReport)` may break
    `sentenced_within_indicted` in its `prosecution`.

    Use it to check that your own loaders reject bad data, and say why.

    Args:
        cls: The model class, such as `Victim` or `CountryReport`.
        rules: Only break these rules; all of `violation_rules(cls)` by default.

    Returns:
        A strategy of `(data, rule)` pairs.

    Raises:
        InvalidArgument: If `cls` is not a model class, or a rule is not one of
            its rules.

    Example:
        >>> from hypothesis import find
        >>> from trafficking_model import ProsecutionOutcome, ValidationError, from_dict
        >>> data, rule = find(
        ...     violations(ProsecutionOutcome, rules={"sentenced_within_indicted"}),
        ...     lambda pair: True,
        ... )
        >>> try:
        ...     from_dict(data, ProsecutionOutcome)
        ... except ValidationError as error:
        ...     print(rule, [problem.rule for problem in error.problems])
        sentenced_within_indicted ['sentenced_within_indicted']
    """
    return broken_values(cls, rules).map(lambda broken: (broken.data, broken.rule))
