"""trafficking-model: a typed, immutable domain model for trafficking-in-persons data.

Every class is a frozen, slotted attrs class that checks all of its rules when it
is built, so an object that exists is consistent. Broken rules raise one
`ValidationError` that lists each problem with its path and rule.

Example:
    >>> import trafficking_model as tm
    >>> report = tm.examples.azerbaijan_report_2020_2021()
    >>> report.prosecution.sentenced, report.victims.by_sex[tm.Sex.FEMALE]
    (28, 184)
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from trafficking_model import examples
from trafficking_model.cases import Case, Defendant
from trafficking_model.comparisons import Change, Comparison, Difference, compare
from trafficking_model.counts import Count, Figure
from trafficking_model.errors import (
    Problem,
    TraffickingModelError,
    ValidationError,
    show_values,
)
from trafficking_model.jsonl import iter_jsonl, write_jsonl
from trafficking_model.money import Money
from trafficking_model.monitoring import (
    IndicatorChange,
    IndicatorObservation,
    IndicatorProgress,
    MeasureProgress,
    PlanProgress,
    ReviewComparison,
    SpendingObservation,
    StatusChange,
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
    compare_reviews,
)
from trafficking_model.prosecution import ProsecutionOutcome
from trafficking_model.ratios import Ratio
from trafficking_model.reports import CountryReport
from trafficking_model.schema import json_schema
from trafficking_model.serialization import (
    converter,
    from_dict,
    from_json,
    to_dict,
    to_json,
)
from trafficking_model.stakeholders import Stakeholder
from trafficking_model.statistics import (
    CaseStatistics,
    LawEnforcementFigures,
    VictimStatistics,
)
from trafficking_model.summaries import summary
from trafficking_model.tiers import (
    TierHistory,
    TierPlacement,
    reporting_period,
    special_watch_list,
)
from trafficking_model.victims import ADULT_AGE, Victim
from trafficking_model.vocabularies import (
    AgeGroup,
    CitizenshipCategory,
    Disposition,
    ExploitationForm,
    IdentificationStatus,
    MeasureStatus,
    OffenceType,
    Pillar,
    ReviewKind,
    Sex,
    SexAgeGroup,
    StakeholderKind,
    TipTier,
)

try:
    __version__ = version("trafficking-model")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = [
    "ADULT_AGE",
    "AgeGroup",
    "BudgetLine",
    "Case",
    "CaseStatistics",
    "Change",
    "CitizenshipCategory",
    "Comparison",
    "Count",
    "CountryReport",
    "Defendant",
    "Difference",
    "Disposition",
    "ExploitationForm",
    "Figure",
    "IdentificationStatus",
    "Indicator",
    "IndicatorChange",
    "IndicatorObservation",
    "IndicatorProgress",
    "LawEnforcementFigures",
    "Measure",
    "MeasureProgress",
    "MeasureStatus",
    "Money",
    "NationalActionPlan",
    "Objective",
    "OffenceType",
    "Period",
    "Pillar",
    "PlanProgress",
    "PlanReview",
    "Problem",
    "ProsecutionOutcome",
    "Ratio",
    "ReviewComparison",
    "ReviewKind",
    "Sex",
    "SexAgeGroup",
    "SpendingObservation",
    "Stakeholder",
    "StakeholderKind",
    "StatusChange",
    "StatusObservation",
    "TierHistory",
    "TierPlacement",
    "TipTier",
    "TraffickingModelError",
    "ValidationError",
    "Victim",
    "VictimStatistics",
    "__version__",
    "compare",
    "compare_reviews",
    "converter",
    "examples",
    "from_dict",
    "from_json",
    "iter_jsonl",
    "json_schema",
    "reporting_period",
    "show_values",
    "special_watch_list",
    "summary",
    "to_dict",
    "to_json",
    "write_jsonl",
]
