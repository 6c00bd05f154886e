"""The strategy of valid values of each model class, and smaller ones to break."""

from __future__ import annotations

import functools
import typing
from typing import Any

from trafficking_model._models import DATA_CLASSES
from trafficking_model.plans import NationalActionPlan
from trafficking_model.prosecution import ProsecutionOutcome
from trafficking_model.reports import CountryReport
from trafficking_model.statistics import (
    CaseStatistics,
    LawEnforcementFigures,
    VictimStatistics,
)
from trafficking_model.strategies import (  # noqa: F401 - each records its strategies
    _cases,
    _counts,
    _ctdc,
    _glotip,
    _money,
    _monitoring,
    _periods,
    _plans,
    _prosecution,
    _reports,
    _stakeholders,
    _statistics,
    _tiers,
    _victims,
)
from trafficking_model.strategies._draw import STRATEGIES

if typing.TYPE_CHECKING:
    from collections.abc import Callable

    from hypothesis import strategies as st

BASES: dict[type, Callable[..., st.SearchStrategy[Any]]] = {
    cls: STRATEGIES[cls] for cls in DATA_CLASSES if cls in STRATEGIES
}
"""The strategy of valid values of each data class, in the registry's order.

A class of the registry (`_models.DATA_CLASSES`) gets its strategy from the
function marked `@strategy_for(cls)`; the tests check that none is missing.
"""


@functools.cache
def base(cls: type) -> st.SearchStrategy[Any]:
    """The strategy of valid values of `cls`, built once."""
    return BASES[cls]()


@functools.cache
def small(cls: type) -> st.SearchStrategy[Any]:
    """Valid values to break: smaller plans, and exact figures for arithmetic."""
    if cls is NationalActionPlan:
        return BASES[cls](max_stakeholders=3, max_measures=3, max_reviews=2)
    if cls in _EXACT:
        return BASES[cls](exact=True)
    return base(cls)


_EXACT = (
    CaseStatistics,
    ProsecutionOutcome,
    VictimStatistics,
    LawEnforcementFigures,
    CountryReport,
)
"""The classes of figures, drawn exact (no ranges) when they are to be broken."""
