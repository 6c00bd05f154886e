"""The strategy of valid values of each model class, and smaller ones to break."""

from __future__ import annotations

import functools
import typing
from typing import Any

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
from trafficking_model.strategies._cases import (
    cases,
    defendants,
)
from trafficking_model.strategies._counts import (
    counts,
)
from trafficking_model.strategies._ctdc import (
    ctdc_bands,
    ctdc_records,
)
from trafficking_model.strategies._glotip import (
    glotip_rows,
)
from trafficking_model.strategies._money import (
    money,
)
from trafficking_model.strategies._monitoring import (
    indicator_observations,
    indicator_progress,
    measure_progress,
    plan_progress,
    review_comparisons,
    spending_observations,
    status_observations,
)
from trafficking_model.strategies._periods import (
    periods,
)
from trafficking_model.strategies._plans import (
    budget_lines,
    indicators,
    measures,
    national_action_plans,
    objectives,
    plan_reviews,
)
from trafficking_model.strategies._prosecution import (
    prosecution_outcomes,
)
from trafficking_model.strategies._reports import (
    country_reports,
)
from trafficking_model.strategies._stakeholders import (
    stakeholders,
)
from trafficking_model.strategies._statistics import (
    case_statistics,
    law_enforcement_figures,
    victim_statistics,
)
from trafficking_model.strategies._tiers import (
    tier_histories,
    tier_placements,
)
from trafficking_model.strategies._victims import (
    victims,
)
from trafficking_model.tiers import (
    TierHistory,
    TierPlacement,
)
from trafficking_model.victims import Victim

if typing.TYPE_CHECKING:
    from collections.abc import Callable

    from hypothesis import strategies as st

BASES: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    Count: counts,
    Period: periods,
    Money: money,
    Stakeholder: stakeholders,
    Indicator: indicators,
    Objective: objectives,
    BudgetLine: budget_lines,
    Measure: measures,
    IndicatorObservation: indicator_observations,
    StatusObservation: status_observations,
    SpendingObservation: spending_observations,
    IndicatorProgress: indicator_progress,
    MeasureProgress: measure_progress,
    PlanProgress: plan_progress,
    ReviewComparison: review_comparisons,
    PlanReview: plan_reviews,
    NationalActionPlan: national_action_plans,
    TierPlacement: tier_placements,
    TierHistory: tier_histories,
    Victim: victims,
    Defendant: defendants,
    Case: cases,
    CaseStatistics: case_statistics,
    ProsecutionOutcome: prosecution_outcomes,
    VictimStatistics: victim_statistics,
    LawEnforcementFigures: law_enforcement_figures,
    CountryReport: country_reports,
    Band: ctdc_bands,
    Record: ctdc_records,
    GlotipRow: glotip_rows,
}


@functools.cache
def base(cls: type) -> st.SearchStrategy[Any]:
    """The strategy of valid values of `cls`, built once."""
    return BASES[cls]()


@functools.cache
def small(cls: type) -> st.SearchStrategy[Any]:
    """Valid values to break: smaller plans, and exact figures for arithmetic."""
    if cls is NationalActionPlan:
        return national_action_plans(max_stakeholders=3, max_measures=3, max_reviews=2)
    exact: dict[type, Callable[..., st.SearchStrategy[Any]]] = {
        CaseStatistics: case_statistics,
        ProsecutionOutcome: prosecution_outcomes,
        VictimStatistics: victim_statistics,
        LawEnforcementFigures: law_enforcement_figures,
        CountryReport: country_reports,
    }
    if cls in exact:
        return exact[cls](exact=True)
    return base(cls)
