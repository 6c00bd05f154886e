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
    COUNTRY_CODES,
    CURRENCY_CODES,
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
    unknown_name,
    wider_funnel,
    without_cross_tab,
    year_out_of_range,
    year_outside_report,
)
from trafficking_model.strategies._format_mutators import (
    band_backwards,
    band_below_zero,
    flag_yes_and_no,
    glotip_year_out_of_range,
    record_bad_enum,
    record_out_of_range,
)
from trafficking_model.strategies._json_form import (
    json_form_rules,
    wrong_type,
)
from trafficking_model.strategies._mutators import (
    JSON,
    Mutator,
    bad_code,
    blank_field,
    drawn,
    duplicate,
    json_of,
    negative,
    negative_amount,
    negative_bound,
    pad_field,
    range_backwards,
    swap_period,
)
from trafficking_model.strategies._plan_mutators import (
    duplicate_plan_part,
    infinite_number,
    later_before_earlier,
    no_responsible,
    not_finite,
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
from trafficking_model.strategies._prosecution import SENTENCE_SPLIT
from trafficking_model.strategies._record_mutators import (
    adult_then_child,
    age_against_group,
    age_out_of_range,
    months_not_positive,
    months_without_prison,
    no_exploitation,
    placement_of_another_country,
    report_year_out_of_range,
    report_years_out_of_order,
    three_waivers,
    three_watch_list_years,
    unindicted,
    waiver_off_the_watch_list,
    watch_list_again_after_downgrade,
)
from trafficking_model.strategies._statistics import (
    LABOUR,
)
from trafficking_model.tiers import (
    TierHistory,
    TierPlacement,
)
from trafficking_model.victims import Victim
from trafficking_model.vocabularies import (
    ExploitationForm,
    OffenceType,
    SexAgeGroup,
)

if typing.TYPE_CHECKING:
    from collections.abc import Collection


@attrs.frozen
class Broken:
    """One violation: the valid value it started from, the data, the rule, where."""

    value: object
    data: JSON
    rule: str
    path: str


OWN: dict[type, dict[str, tuple[Mutator, ...]]] = {
    Count: {"range_order": (range_backwards,), "non_negative": (negative_bound,)},
    Period: {"period_order": (swap_period,)},
    # No "finite" for Money: the JSON form writes amounts as decimal strings,
    # and "NaN" or "Infinity" break the "decimal" rule before Money sees them.
    Money: {
        "non_negative": (negative_amount,),
        "currency_code": (bad_code("currency", CURRENCY_CODES),),
    },
    Stakeholder: {
        "identifier": (pad_field("id"),),
        "not_blank": (blank_field("id", "name", "acronym"),),
        "country_code": (bad_code("country", COUNTRY_CODES),),
    },
    Indicator: {
        "identifier": (pad_field("id"),),
        "not_blank": (blank_field("id", "description", "unit"),),
        "finite": (infinite_number,),
    },
    Objective: {
        "identifier": (pad_field("id"),),
        "not_blank": (blank_field("id", "title"),),
    },
    BudgetLine: {"not_blank": (blank_field("funding_source"),)},
    Measure: {
        "identifier": (pad_field("id", "responsible", "partners", "objective"),),
        "not_blank": (
            blank_field("id", "title", "responsible", "partners", "objective"),
        ),
        "responsible_required": (no_responsible,),
        "unique_ids": (duplicate("indicators", drawn(Indicator)),),
    },
    IndicatorObservation: {
        "identifier": (pad_field("measure", "indicator"),),
        "not_blank": (blank_field("measure", "indicator", "source", "verification"),),
        "finite": (not_finite("value"),),
    },
    StatusObservation: {
        "identifier": (pad_field("measure"),),
        "not_blank": (blank_field("measure", "source"),),
    },
    SpendingObservation: {
        "identifier": (pad_field("measure"),),
        "not_blank": (blank_field("measure", "funding_source", "source"),),
    },
    IndicatorProgress: {
        "identifier": (pad_field("id"),),
        "not_blank": (blank_field("id", "unit"),),
        "finite": (not_finite("baseline", "target"),),
        "observation_pair": (value_without_day,),
    },
    MeasureProgress: {
        "identifier": (pad_field("id", "objective"),),
        "not_blank": (blank_field("id", "title", "objective"),),
        "unique_ids": (duplicate("indicators", drawn(IndicatorProgress)),),
        "observation_pair": (status_without_day,),
    },
    PlanProgress: {
        "identifier": (pad_field("plan"),),
        "not_blank": (blank_field("plan"),),
        "unique_ids": (duplicate("measures", progress_twin),),
        "observed_by_as_of": (observed_after,),
        "one_amount_per_currency": (two_amounts_in_a_currency,),
    },
    ReviewComparison: {"comparison_order": (later_before_earlier,)},
    PlanReview: {
        "identifier": (pad_field("participants", "organizer", "funder"),),
        "not_blank": (blank_field("participants", "organizer", "summary"),),
        "snapshot_date": (snapshot_on_another_day,),
    },
    NationalActionPlan: {
        "identifier": (pad_field("id"),),
        "not_blank": (blank_field("id", "title"),),
        "country_code": (bad_code("country", COUNTRY_CODES),),
        "unique_ids": (duplicate_plan_part,),
        "known_stakeholder": (unknown_stakeholder,),
        "within_plan_period": (outside_plan_period,),
        "known_objective": (unknown_objective,),
        "known_measure": (unknown_measure,),
        "known_indicator": (unknown_indicator,),
        "unique_observation": (observed_twice,),
    },
    TierPlacement: {
        "country_code": (bad_code("country", COUNTRY_CODES),),
        "range": (report_year_out_of_range,),
        "waiver_tier": (waiver_off_the_watch_list,),
        "not_blank": (blank_field("source"),),
    },
    TierHistory: {
        "country_code": (bad_code("country", COUNTRY_CODES),),
        "same_country": (placement_of_another_country,),
        "report_year_order": (report_years_out_of_order,),
        "watch_list_limit": (three_watch_list_years,),
        "waiver_limit": (three_waivers,),
        "watch_list_after_downgrade": (watch_list_again_after_downgrade,),
    },
    Victim: {
        "identifier": (pad_field("id", "identified_by"),),
        "not_blank": (blank_field("id", "identified_by"),),
        "range": (age_out_of_range,),
        "age_matches_group": (age_against_group,),
        "country_code": (bad_code("citizenship", COUNTRY_CODES),),
        "exploitation_required": (no_exploitation,),
        "age_group_order": (adult_then_child,),
    },
    Defendant: {
        "identifier": (pad_field("id"),),
        "not_blank": (blank_field("id"),),
        "disposition_requires_indictment": (unindicted,),
        "sentence_months_with_imprisonment": (months_without_prison,),
        "positive": (months_not_positive,),
    },
    Case: {
        "identifier": (pad_field("id", "victim_ids"),),
        "not_blank": (blank_field("id", "legal_reference", "victim_ids"),),
        "unique_ids": (duplicate("defendants", drawn(Defendant)),),
    },
    CaseStatistics: {
        "non_negative": (negative("total", breakdowns={"by_offence": OffenceType}),),
        "breakdown_sum": (
            breakdown_off({"by_offence": OffenceType}),
            ranged_off_total({"by_offence": OffenceType}),
        ),
        "partial_breakdown_within_total": (
            partial_above_total({"by_offence": OffenceType}),
        ),
        "part_within_total": (offence_above_total,),
        "parts_cover_total": (offences_below_total,),
        "known_name": (unknown_name("partial", "overlapping", "derived"),),
    },
    ProsecutionOutcome: {
        "non_negative": (
            negative(
                "defendants", "indicted", "sentenced", "acquitted", *SENTENCE_SPLIT
            ),
        ),
        "indicted_within_defendants": (wider_funnel,),
        "sentenced_within_indicted": (overdecided,),
        "sentence_split_within_sentenced": (oversplit,),
        "known_name": (unknown_name("derived"),),
    },
    VictimStatistics: {
        "non_negative": (
            without_cross_tab(
                negative(
                    "total",
                    breakdowns={
                        **SINGLE_BREAKDOWNS,
                        "by_exploitation": ExploitationForm,
                        "by_sex_and_age": SexAgeGroup,
                    },
                )
            ),
        ),
        "breakdown_sum": (
            without_cross_tab(breakdown_off(SINGLE_BREAKDOWNS)),
            without_cross_tab(ranged_off_total(SINGLE_BREAKDOWNS)),
        ),
        "partial_breakdown_within_total": (
            without_cross_tab(partial_above_total(SINGLE_BREAKDOWNS)),
        ),
        "exploitation_within_total": (without_cross_tab(exploitation_above_total),),
        "exploitation_covers_total": (without_cross_tab(exploitation_below_total),),
        "sex_age_within_margin": (cells_above_margin,),
        "sex_age_matches_margin": (cells_below_margin,),
        "known_name": (without_cross_tab(unknown_name("partial", "derived")),),
    },
    LawEnforcementFigures: {
        "range": (year_out_of_range,),
        "non_negative": (negative(*LABOUR, *(f"labour_{name}" for name in LABOUR)),),
        "labour_within_total": (labour_above_total,),
        "known_name": (unknown_name("derived"),),
    },
    CountryReport: {
        "country_code": (bad_code("country", COUNTRY_CODES),),
        "not_blank": (blank_field("source"),),
        "unique_years": (duplicate("law_enforcement", figures_in_period, key="year"),),
        "within_report_period": (year_outside_report,),
        "section_required": (no_sections,),
    },
    Band: {"range": (band_below_zero,), "range_order": (band_backwards,)},
    Record: {
        "range": (record_out_of_range,),
        "enum": (record_bad_enum,),
        "country_code": (
            bad_code("citizenship", ISO_COUNTRY_CODES),
            bad_code("country_of_exploitation", ISO_COUNTRY_CODES),
        ),
        "flag_state": (flag_yes_and_no,),
    },
    GlotipRow: {"range": (glotip_year_out_of_range,)},
}

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
    own = [*OWN.get(cls, {}).get(rule, ()), *json_form_rules(cls).get(rule, ())]
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
