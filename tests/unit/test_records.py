"""Victim, defendant and case records: every rule both ways."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

from trafficking_model import (
    AgeGroup,
    Case,
    Defendant,
    Disposition,
    ExploitationForm,
    IdentificationStatus,
    OffenceType,
    Sex,
    Victim,
)


def _victim(**changes: Any) -> Victim:
    fields: dict[str, Any] = {
        "id": "V-1",
        "sex": Sex.FEMALE,
        "age_group": AgeGroup.ADULT,
        "exploitation": frozenset({ExploitationForm.SEXUAL}),
        "identification": IdentificationStatus.PRESUMED,
    }
    return Victim(**(fields | changes))


def test_victim_has_no_personal_details_beyond_its_fields() -> None:
    assert [a.name for a in attrs.fields(Victim)] == [
        "id",
        "sex",
        "age",
        "age_group",
        "age_group_at_exploitation",
        "citizenship",
        "exploitation",
        "identification",
        "identified_on",
        "identified_by",
    ]


@pytest.mark.parametrize(
    ("age", "group"),
    [
        (0, AgeGroup.CHILD),
        (17, AgeGroup.CHILD),
        (18, AgeGroup.ADULT),
        (120, AgeGroup.ADULT),
        (None, AgeGroup.UNKNOWN),
        (None, AgeGroup.CHILD),
    ],
)
def test_victim_accepts_agreeing_age_and_group(
    age: int | None, group: AgeGroup
) -> None:
    assert _victim(age=age, age_group=group).age == age


def test_victim_accepts_full_record() -> None:
    victim = _victim(
        age=30,
        citizenship=frozenset({"AZE", "UKR"}),
        exploitation=frozenset(
            {ExploitationForm.FORCED_LABOUR, ExploitationForm.DOMESTIC_SERVITUDE}
        ),
        identification=IdentificationStatus.FORMALLY_IDENTIFIED,
        identified_on=dt.date(2021, 5, 1),
        identified_by="police",
    )
    assert victim.identified_by == "police"
    assert victim.citizenship == {"AZE", "UKR"}


def test_a_person_screened_out_needs_no_form_of_exploitation() -> None:
    screened = _victim(
        exploitation=frozenset(), identification=IdentificationStatus.NOT_A_VICTIM
    )
    assert screened.exploitation == frozenset()


@pytest.mark.parametrize(
    "status", [IdentificationStatus.PRESUMED, IdentificationStatus.FORMALLY_IDENTIFIED]
)
def test_a_victim_still_needs_a_form_of_exploitation(
    rejects: Any, status: IdentificationStatus
) -> None:
    rejects(
        lambda: _victim(exploitation=frozenset(), identification=status),
        "exploitation_required",
        "$.exploitation",
    )


def test_a_child_when_exploited_may_be_an_adult_when_identified() -> None:
    # CTDC's majorityStatusAtExploit: identified at 19, exploited as a child
    victim = _victim(
        age=19, age_group=AgeGroup.ADULT, age_group_at_exploitation=AgeGroup.CHILD
    )
    assert (victim.age_group, victim.age_group_at_exploitation) == (
        AgeGroup.ADULT,
        AgeGroup.CHILD,
    )


@pytest.mark.parametrize(
    ("changes", "rule", "path", "message"),
    [
        (
            {"age": 15, "age_group": AgeGroup.CHILD},
            "age_group_order",
            "$.age_group_at_exploitation",
            "adult when exploited but child when identified",
        ),
        (
            {"age_group": AgeGroup.CHILD},
            "age_group_order",
            "$.age_group_at_exploitation",
            "adult when exploited but child when identified",
        ),
    ],
)
def test_an_adult_when_exploited_is_not_a_child_when_identified(
    rejects: Any, changes: dict[str, object], rule: str, path: str, message: str
) -> None:
    rejects(
        lambda: _victim(age_group_at_exploitation=AgeGroup.ADULT, **changes),
        rule,
        path,
        message,
    )


@pytest.mark.parametrize(
    ("changes", "rule", "path", "message"),
    [
        (
            {"age": 17},
            "age_matches_group",
            "$.age_group",
            "the age means child, but age_group is adult",
        ),
        (
            {"age": 18, "age_group": AgeGroup.CHILD},
            "age_matches_group",
            "$.age_group",
            "the age means adult, but age_group is child",
        ),
        (
            {"age": 40, "age_group": AgeGroup.UNKNOWN},
            "age_matches_group",
            "$.age_group",
            "but age_group is unknown",
        ),
        ({"age": -1}, "range", "$.age", "the value is outside 0..120"),
        ({"age": 121}, "range", "$.age", "the value is outside 0..120"),
        ({"age": "30"}, "type", "$.age", "expected int, got str"),
        ({"age": 30.0}, "type", "$.age", "float"),
        ({"age": True}, "type", "$.age", "bool"),
        (
            {"citizenship": frozenset({"AZ"})},
            "country_code",
            "$.citizenship",
            "not an ISO 3166-1",
        ),
        ({"citizenship": "AZE"}, "type", "$.citizenship", "expected frozenset"),
        (
            {"age_group_at_exploitation": "child"},
            "type",
            "$.age_group_at_exploitation",
            "",
        ),
        ({"exploitation": frozenset()}, "exploitation_required", "$.exploitation", ""),
        (
            {"exploitation": {ExploitationForm.SEXUAL: 1}},
            "type",
            "$.exploitation",
            "got dict",
        ),
        ({"exploitation": frozenset({"sexual"})}, "type", "$.exploitation", "got str"),
        ({"sex": "female"}, "type", "$.sex", "expected Sex"),
        ({"identification": None}, "type", "$.identification", ""),
        ({"identified_on": "2021-05-01"}, "type", "$.identified_on", ""),
        (
            {"identified_on": dt.datetime(2021, 5, 1)},
            "type",
            "$.identified_on",
            "datetime",
        ),
        ({"identified_by": ""}, "not_blank", "$.identified_by", ""),
        ({"id": "\t"}, "not_blank", "$.id", ""),
    ],
)
def test_victim_rejects(
    rejects: Any, changes: dict[str, object], rule: str, path: str, message: str
) -> None:
    rejects(lambda: _victim(**changes), rule, path, message)


def _defendant(**changes: Any) -> Defendant:
    fields: dict[str, Any] = {
        "id": "D-1",
        "sex": Sex.MALE,
        "indicted": True,
        "disposition": Disposition.PENDING,
    }
    return Defendant(**(fields | changes))


@pytest.mark.parametrize("disposition", list(Disposition))
def test_defendant_accepts_every_disposition_when_indicted(
    disposition: Disposition,
) -> None:
    months = 12 if disposition is Disposition.IMPRISONMENT else None
    assert _defendant(disposition=disposition, sentence_months=months).indicted


@pytest.mark.parametrize("disposition", [Disposition.PENDING, Disposition.DISMISSED])
def test_defendant_not_indicted_may_be_pending_or_dismissed(
    disposition: Disposition,
) -> None:
    assert not _defendant(indicted=False, disposition=disposition).indicted


@pytest.mark.parametrize(
    "disposition", [d for d in Disposition if d.requires_indictment]
)
def test_defendant_outcome_requires_indictment(
    rejects: Any, disposition: Disposition
) -> None:
    months = 12 if disposition is Disposition.IMPRISONMENT else None
    rejects(
        lambda: _defendant(
            indicted=False, disposition=disposition, sentence_months=months
        ),
        "disposition_requires_indictment",
        "$.indicted",
        f"disposition {disposition.value} requires an indicted defendant",
    )


@pytest.mark.parametrize(
    ("changes", "rule", "message"),
    [
        (
            {"disposition": Disposition.FINE, "sentence_months": 6},
            "sentence_months_with_imprisonment",
            "sentence_months (6) is only for imprisonment, not fine",
        ),
        (
            {"disposition": Disposition.IMPRISONMENT, "sentence_months": 0},
            "positive",
            "0 is not above 0",
        ),
        (
            {"disposition": Disposition.IMPRISONMENT, "sentence_months": "12"},
            "type",
            "expected int",
        ),
    ],
)
def test_defendant_sentence_months(
    rejects: Any, changes: dict[str, object], rule: str, message: str
) -> None:
    rejects(lambda: _defendant(**changes), rule, "$.sentence_months", message)


def test_a_prison_sentence_may_have_an_unknown_length() -> None:
    defendant = _defendant(disposition=Disposition.IMPRISONMENT, sentence_months=None)
    assert defendant.sentence_months is None


def test_defendant_indicted_must_be_a_bool(rejects: Any) -> None:
    rejects(lambda: _defendant(indicted=1), "type", "$.indicted", "expected bool")


def _case(**changes: Any) -> Case:
    fields: dict[str, Any] = {
        "id": "C-1",
        "offence": OffenceType.TRAFFICKING_IN_PERSONS,
        "registered_on": dt.date(2021, 3, 2),
    }
    return Case(**(fields | changes))


def test_case_defaults_and_contents() -> None:
    case = _case()
    assert (case.legal_reference, case.victim_ids, case.defendants) == (
        None,
        frozenset(),
        (),
    )
    full = _case(
        legal_reference="Criminal Code, art. 144-1",
        victim_ids=frozenset({"V-1", "V-2"}),
        defendants=(_defendant(), _defendant(id="D-2")),
    )
    assert len(full.defendants) == 2


@pytest.mark.parametrize(
    ("changes", "rule", "path"),
    [
        (
            {"defendants": (_defendant(), _defendant())},
            "unique_ids",
            "$.defendants[1].id",
        ),
        # a set has no order: never taken for a sequence
        ({"defendants": {_defendant()}}, "type", "$.defendants"),
        ({"defendants": ({"id": "D-1"},)}, "type", "$.defendants[0]"),
        ({"victim_ids": frozenset({""})}, "not_blank", "$.victim_ids"),
        # a str is not a set of letters
        ({"victim_ids": "V-1"}, "type", "$.victim_ids"),
        ({"offence": "forced_labour"}, "type", "$.offence"),
        ({"registered_on": None}, "type", "$.registered_on"),
        ({"legal_reference": ""}, "not_blank", "$.legal_reference"),
    ],
)
def test_case_rejects(
    rejects: Any, changes: dict[str, object], rule: str, path: str
) -> None:
    rejects(lambda: _case(**changes), rule, path)
