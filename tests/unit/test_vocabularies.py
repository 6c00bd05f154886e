from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import trafficking_model as tm

if TYPE_CHECKING:
    from enum import Enum

VOCABULARIES: list[type[Enum]] = [
    tm.Sex,
    tm.AgeGroup,
    tm.CitizenshipCategory,
    tm.ExploitationForm,
    tm.OffenceType,
    tm.Pillar,
    tm.StakeholderKind,
    tm.MeasureStatus,
    tm.ReviewKind,
    tm.IdentificationStatus,
    tm.Disposition,
    tm.TipTier,
    tm.SexAgeGroup,
]

REQUIRED: dict[type[Enum], set[str]] = {
    tm.Sex: {"female", "male", "other", "unknown"},
    tm.AgeGroup: {"adult", "child", "unknown"},
    tm.ExploitationForm: {
        "sexual",
        "forced_labour",
        "forced_criminality",
        "forced_begging",
        "forced_marriage",
        "domestic_servitude",
        "organ_removal",
        "child_soldiering",
        "illegal_adoption",
        "surrogacy",
        "other",
    },
    tm.OffenceType: {
        "trafficking_in_persons",
        "forced_labour",
        "document_offence",
        "other",
    },
    tm.Pillar: {"prevention", "protection", "prosecution", "partnership"},
    tm.StakeholderKind: {
        "ministry",
        "law_enforcement",
        "border_service",
        "prosecution_service",
        "judiciary",
        "ombudsman",
        "state_committee",
        "legal_profession",
        "civil_society",
        "international_organization",
        "donor",
        "un_system",
        "other",
    },
    tm.MeasureStatus: {
        "not_started",
        "in_progress",
        "completed",
        "delayed",
        "cancelled",
    },
    tm.ReviewKind: {"mid_term", "annual", "final"},
    tm.IdentificationStatus: {"presumed", "formally_identified", "not_a_victim"},
    tm.Disposition: {
        "pending",
        "dismissed",
        "acquitted",
        "imprisonment",
        "conditional_sentence",
        "postponed_punishment",
        "fine",
        "other_sentence",
    },
    tm.TipTier: {"tier_1", "tier_2", "tier_2_watch_list", "tier_3", "special_case"},
    tm.CitizenshipCategory: {"national", "foreign", "stateless", "unknown"},
    tm.SexAgeGroup: {"women", "men", "girls", "boys"},
}


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.__name__)
def test_members_are_snake_case_values_in_upper_case_with_labels(
    vocabulary: type[Enum],
) -> None:
    assert {member.value for member in vocabulary} >= REQUIRED[vocabulary]
    for member in vocabulary:
        assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", member.value)
        assert member.name == member.value.upper()
        label = member.label  # type: ignore[attr-defined]
        assert isinstance(label, str)
        assert label.strip()
        assert label == str(member)
        assert vocabulary(member.value) is member


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.__name__)
def test_values_are_not_strings(vocabulary: type[Enum]) -> None:
    member = next(iter(vocabulary))
    assert member != member.value


def test_sentences_and_indictment() -> None:
    sentences = {d for d in tm.Disposition if d.is_sentence}
    assert sentences == {
        tm.Disposition.IMPRISONMENT,
        tm.Disposition.CONDITIONAL_SENTENCE,
        tm.Disposition.POSTPONED_PUNISHMENT,
        tm.Disposition.FINE,
        tm.Disposition.OTHER_SENTENCE,
    }
    free = {d for d in tm.Disposition if not d.requires_indictment}
    assert free == {tm.Disposition.PENDING, tm.Disposition.DISMISSED}


def _htcds_exploitation_values() -> set[str]:
    table = Path(__file__).parents[1] / "data" / "htcds-field-standards-2.0.tsv"
    with table.open(encoding="utf-8", newline="") as handle:
        header: list[str] = []
        for row in csv.reader(handle, delimiter="\t"):
            if "Field Name including Prefix" in row:
                header = row
            elif header and "vic_TypeOfExploitation" in row:
                names = row[header.index("Value Names (if picklist)")]
                return {name.strip() for name in names.split("|")}
    pytest.fail("vic_TypeOfExploitation is missing from the HTCDS table")


def test_exploitation_forms_map_onto_the_htcds_code_list() -> None:
    htcds = _htcds_exploitation_values()
    mapped = {form.htcds for form in tm.ExploitationForm} - {None}
    assert mapped == htcds
    assert tm.ExploitationForm.FORCED_CRIMINALITY.htcds is None
