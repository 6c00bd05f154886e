"""Mutators that break the rules of victims, cases and tier histories."""

from __future__ import annotations

import typing

from hypothesis import strategies as st

from trafficking_model._validation import (
    MAX_AGE,
)
from trafficking_model.statistics import (
    LAST_YEAR,
)
from trafficking_model.strategies._basics import (
    COUNTRIES,
    TEXTS,
)
from trafficking_model.strategies._cases import (
    MONTHS,
)
from trafficking_model.strategies._draw import (
    below,
)
from trafficking_model.strategies._tiers import (
    REPORT_YEARS,
)
from trafficking_model.tiers import (
    AUTOMATIC_DOWNGRADE_FROM,
    DOWNGRADED_WATCH_LIST_FROM,
    FIRST_TIP_REPORT,
)
from trafficking_model.victims import ADULT_AGE
from trafficking_model.vocabularies import (
    AgeGroup,
    Disposition,
    IdentificationStatus,
    TipTier,
)

if typing.TYPE_CHECKING:
    from collections.abc import Sequence

    from trafficking_model.strategies._mutators import (
        JSON,
    )


def age_against_group(draw: st.DrawFn, data: JSON) -> str:
    age = draw(st.integers(min_value=0, max_value=MAX_AGE))
    right = AgeGroup.CHILD if age < ADULT_AGE else AgeGroup.ADULT
    data["age"] = age
    data["age_group"] = draw(
        st.sampled_from([group.value for group in AgeGroup if group is not right])
    )
    data["age_group_at_exploitation"] = None
    return "$.age_group"


def no_exploitation(draw: st.DrawFn, data: JSON) -> str:
    data["exploitation"] = []
    if data["identification"] == IdentificationStatus.NOT_A_VICTIM.value:
        data["identification"] = draw(
            st.sampled_from(
                [
                    IdentificationStatus.PRESUMED.value,
                    IdentificationStatus.FORMALLY_IDENTIFIED.value,
                ]
            )
        )
    return "$.exploitation"


def adult_then_child(draw: st.DrawFn, data: JSON) -> str:
    data["age_group"] = AgeGroup.CHILD.value
    if data["age"] is not None:
        data["age"] = draw(st.integers(min_value=0, max_value=ADULT_AGE - 1))
    data["age_group_at_exploitation"] = AgeGroup.ADULT.value
    return "$.age_group_at_exploitation"


def unindicted(draw: st.DrawFn, data: JSON) -> str:
    disposition = draw(
        st.sampled_from([d for d in Disposition if d.requires_indictment])
    )
    data["indicted"] = False
    data["disposition"] = disposition.value
    imprisoned = disposition is Disposition.IMPRISONMENT
    data["sentence_months"] = draw(MONTHS) if imprisoned else None
    return "$.indicted"


def months_without_prison(draw: st.DrawFn, data: JSON) -> str:
    data["indicted"] = True
    data["disposition"] = draw(
        st.sampled_from(
            [d.value for d in Disposition if d is not Disposition.IMPRISONMENT]
        )
    )
    data["sentence_months"] = draw(MONTHS)
    return "$.sentence_months"


def months_not_positive(draw: st.DrawFn, data: JSON) -> str:
    data["indicted"] = True
    data["disposition"] = Disposition.IMPRISONMENT.value
    data["sentence_months"] = draw(st.integers(min_value=-1200, max_value=0))
    return "$.sentence_months"


def waiver_off_the_watch_list(draw: st.DrawFn, data: JSON) -> str:
    data["waiver"] = True
    if data["tier"] == TipTier.TIER_2_WATCH_LIST.value:
        data["tier"] = draw(
            st.sampled_from(
                [
                    tier.value
                    for tier in TipTier
                    if tier is not TipTier.TIER_2_WATCH_LIST
                ]
            )
        )
    return "$.waiver"


_WATCH_LIST = TipTier.TIER_2_WATCH_LIST.value


def _history(
    draw: st.DrawFn, data: JSON, first: int, run: Sequence[tuple[str, bool]]
) -> None:
    """Replace the placements of `data` with `run`, from the report of `first` on."""
    source = draw(TEXTS)
    data["placements"] = [
        {
            "country": data["country"],
            "report_year": first + offset,
            "tier": tier,
            "waiver": waiver,
            "source": source,
        }
        for offset, (tier, waiver) in enumerate(run)
    ]


def three_watch_list_years(draw: st.DrawFn, data: JSON) -> str:
    first = draw(st.integers(AUTOMATIC_DOWNGRADE_FROM, LAST_YEAR - 2))
    _history(draw, data, first, [(_WATCH_LIST, False)] * 3)
    return "$.placements[2].tier"


def three_waivers(draw: st.DrawFn, data: JSON) -> str:
    first = draw(st.integers(FIRST_TIP_REPORT, LAST_YEAR - 2))
    _history(draw, data, first, [(_WATCH_LIST, True)] * 3)
    return "$.placements[2].waiver"


def watch_list_again_after_downgrade(draw: st.DrawFn, data: JSON) -> str:
    first = draw(
        st.integers(
            max(AUTOMATIC_DOWNGRADE_FROM, DOWNGRADED_WATCH_LIST_FROM - 5),
            LAST_YEAR - 5,
        )
    )
    run = [
        (_WATCH_LIST, False),
        (_WATCH_LIST, False),
        (_WATCH_LIST, True),
        (TipTier.TIER_3.value, False),
        (_WATCH_LIST, False),
        (_WATCH_LIST, False),
    ]
    _history(draw, data, first, run)
    return "$.placements[5].tier"


def placement_of_another_country(draw: st.DrawFn, data: JSON) -> str:
    if not data["placements"]:
        _history(draw, data, draw(REPORT_YEARS), [(TipTier.TIER_1.value, False)])
    index = below(draw, len(data["placements"]) - 1)
    data["placements"][index]["country"] = draw(
        COUNTRIES.filter(lambda code: code != data["country"])
    )
    return f"$.placements[{index}].country"


def report_years_out_of_order(draw: st.DrawFn, data: JSON) -> str:
    if not data["placements"]:
        _history(draw, data, draw(REPORT_YEARS), [(TipTier.TIER_1.value, False)])
    placements = data["placements"]
    twin = dict(draw(st.sampled_from(placements)))
    twin["tier"] = TipTier.TIER_1.value
    twin["waiver"] = False
    placements.append(twin)
    return f"$.placements[{len(placements) - 1}].report_year"
