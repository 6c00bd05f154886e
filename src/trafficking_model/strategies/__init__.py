"""Hypothesis strategies that draw valid values of every type of the model.

Install them with the `hypothesis` extra:
`pip install "trafficking-model[hypothesis]"`. Importing `trafficking_model`
itself never needs Hypothesis; only this module does.

Every strategy builds its values valid by construction: it draws the parts,
then derives what depends on them (a breakdown is drawn as a split of its
total, a plan's measures name only the plan's stakeholders and fall inside its
period), so nothing is filtered away. Parameters give control where tests need
it: the country, the period, and the sizes of collections.

Once the package is installed, Hypothesis loads this module through its
`hypothesis` entry point, so `st.from_type(Victim)` and `st.builds` of your own
classes that hold model types draw from these strategies.

[`violations`][trafficking_model.strategies.violations] draws the other side:
raw data, in the JSON form `to_dict` writes, that breaks exactly one named rule.

Example:
    >>> from hypothesis import Phase, find, settings, strategies as st
    >>> from trafficking_model import AgeGroup, Victim
    >>> first = settings(max_examples=10_000, phases=[Phase.generate], database=None)  # no shrinking
    >>> teenager = find(
    ...     st.from_type(Victim), lambda v: v.age in range(13, 18), settings=first
    ... )
    >>> teenager.age_group
    <AgeGroup.CHILD: 'child'>
"""

# ruff: noqa: E402
# The entry-point hook is defined before Hypothesis is imported, on purpose:
# importing Hypothesis runs its entry points, which may load this module while it
# is still being imported (when a test imports it before Hypothesis).

from __future__ import annotations


def _hypothesis_setup_hook() -> None:
    """Register a strategy for every model type; Hypothesis calls this on import.

    The package declares it under the `hypothesis` entry point, so that
    `st.from_type(Victim)` works wherever the package is installed. When this
    module is itself still being imported, it registers them at its end.
    """
    register = globals().get("_register_strategies")
    if register is not None:
        register()


import typing
from enum import EnumMeta
from typing import TYPE_CHECKING

from hypothesis import strategies as st

from trafficking_model import vocabularies
from trafficking_model.strategies._bases import BASES, base
from trafficking_model.strategies._basics import (
    country_codes,
    currency_codes,
    identifiers,
    texts,
)
from trafficking_model.strategies._cases import cases, defendants
from trafficking_model.strategies._counts import counts
from trafficking_model.strategies._ctdc import ctdc_bands, ctdc_records
from trafficking_model.strategies._glotip import glotip_rows
from trafficking_model.strategies._money import money
from trafficking_model.strategies._monitoring import (
    indicator_observations,
    indicator_progress,
    measure_progress,
    plan_progress,
    review_comparisons,
    spending_observations,
    status_observations,
)
from trafficking_model.strategies._periods import DEFAULT_PERIOD, periods
from trafficking_model.strategies._plans import (
    budget_lines,
    indicators,
    measures,
    national_action_plans,
    objectives,
    plan_reviews,
)
from trafficking_model.strategies._prosecution import prosecution_outcomes
from trafficking_model.strategies._reports import country_reports
from trafficking_model.strategies._stakeholders import stakeholders
from trafficking_model.strategies._statistics import (
    case_statistics,
    law_enforcement_figures,
    victim_statistics,
)
from trafficking_model.strategies._tiers import tier_histories, tier_placements
from trafficking_model.strategies._victims import victims
from trafficking_model.strategies._violations import violation_rules, violations

if TYPE_CHECKING:
    from enum import Enum

__all__ = [
    "DEFAULT_PERIOD",
    "budget_lines",
    "case_statistics",
    "cases",
    "country_codes",
    "country_reports",
    "counts",
    "ctdc_bands",
    "ctdc_records",
    "currency_codes",
    "defendants",
    "glotip_rows",
    "identifiers",
    "indicator_observations",
    "indicator_progress",
    "indicators",
    "law_enforcement_figures",
    "measure_progress",
    "measures",
    "money",
    "national_action_plans",
    "objectives",
    "periods",
    "plan_progress",
    "plan_reviews",
    "prosecution_outcomes",
    "review_comparisons",
    "spending_observations",
    "stakeholders",
    "status_observations",
    "texts",
    "tier_histories",
    "tier_placements",
    "victim_statistics",
    "victims",
    "violation_rules",
    "violations",
]

_VOCABULARIES: tuple[type[Enum], ...] = tuple(
    typing.cast("type[Enum]", vocabulary)
    for name in vocabularies.__all__
    if isinstance(vocabulary := getattr(vocabularies, name), EnumMeta)
)


def _register_strategies() -> None:
    for cls in BASES:
        st.register_type_strategy(cls, base(cls))
    for vocabulary in _VOCABULARIES:
        st.register_type_strategy(vocabulary, st.sampled_from(vocabulary))


_register_strategies()
