"""The model classes, listed once.

The JSON converter and codec, the schema writer, the command and the
strategies take the set of classes from here; a new model class is added here
and nowhere else.
"""

from __future__ import annotations

from typing import Any

from trafficking_model.cases import Case, Defendant
from trafficking_model.comparisons import Change, Comparison, Difference
from trafficking_model.counts import Count
from trafficking_model.errors import Problem
from trafficking_model.formats._ctdc_record import Band, Record
from trafficking_model.formats._glotip_rows import GlotipRow
from trafficking_model.formats.htcds import MappingRow
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
from trafficking_model.ratios import Ratio
from trafficking_model.reports import CountryReport
from trafficking_model.stakeholders import Stakeholder
from trafficking_model.statistics import (
    CaseStatistics,
    LawEnforcementFigures,
    VictimStatistics,
)
from trafficking_model.tiers import TierHistory, TierPlacement
from trafficking_model.victims import Victim

MODEL_CLASSES: tuple[type[Any], ...] = (
    Count,
    Period,
    Money,
    Stakeholder,
    Indicator,
    Objective,
    BudgetLine,
    Measure,
    IndicatorObservation,
    StatusObservation,
    SpendingObservation,
    IndicatorProgress,
    MeasureProgress,
    PlanProgress,
    ReviewComparison,
    PlanReview,
    NationalActionPlan,
    TierPlacement,
    TierHistory,
    Victim,
    Defendant,
    Case,
    CaseStatistics,
    ProsecutionOutcome,
    VictimStatistics,
    LawEnforcementFigures,
    CountryReport,
)
"""The public model classes, parts before the wholes that hold them.

Each has a JSON form, a JSON Schema file in `schemas/`, strategies and
`violations()`.

Example:
    >>> [cls.__name__ for cls in MODEL_CLASSES[:3]]
    ['Count', 'Period', 'Money']
"""

RECORD_CLASSES: tuple[type[Any], ...] = (Band, Record, GlotipRow)
"""The records of the field's formats: `formats.ctdc` and `formats.glotip`.

They load strictly from JSON and have schemas, strategies and `violations()`,
but no schema files: they describe rows of other formats, not the model's data.

Example:
    >>> [cls.__name__ for cls in RECORD_CLASSES]
    ['Band', 'Record', 'GlotipRow']
"""

DATA_CLASSES: tuple[type[Any], ...] = MODEL_CLASSES + RECORD_CLASSES
"""Every class that is data: the model classes, then the format records."""

RESULT_CLASSES: tuple[type[Any], ...] = (
    Problem,
    Ratio,
    Difference,
    Change,
    Comparison,
    MappingRow,
)
"""The classes of results the library computes: never read as data.

A problem found, a ratio, a comparison, a line of the HTCDS mapping report:
they have no JSON form to load and no schema.

Example:
    >>> Ratio in RESULT_CLASSES
    True
"""

MODEL_CLASSES_BY_NAME: dict[str, type[Any]] = {
    cls.__name__: cls for cls in sorted(MODEL_CLASSES, key=lambda cls: cls.__name__)
}
"""The model classes by name, in the order of their names: the command's `--type`s.

Example:
    >>> list(MODEL_CLASSES_BY_NAME)[:2]
    ['BudgetLine', 'Case']
"""
