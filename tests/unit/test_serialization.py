"""The converter: round trips, determinism, strictness and error paths."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from immutabledict import immutabledict

import trafficking_model as tm
from profiles import examples
from serialization_helpers import (
    DATA_CLASSES,
    MODES,
    STRATEGIES,
    acceleration,
    only_problem,
    problems,
)
from trafficking_model.examples import (
    azerbaijan_nap_2020_2024,
    azerbaijan_report_2020_2021,
)

VICTIM: dict[str, Any] = {
    "id": "V-0001",
    "sex": "female",
    "age": 24,
    "age_group": "adult",
    "citizenship": ["AZE"],
    "exploitation": ["sexual"],
    "identification": "formally_identified",
    "identified_on": "2021-03-02",
    "identified_by": "police",
}
DEFENDANT: dict[str, Any] = {
    "id": "D-1",
    "sex": "male",
    "indicted": True,
    "disposition": "imprisonment",
    "sentence_months": 96,
}
CASE: dict[str, Any] = {
    "id": "C-2021-017",
    "offence": "trafficking_in_persons",
    "registered_on": "2021-03-02",
    "legal_reference": None,
    "victim_ids": ["V-0001"],
    "defendants": [DEFENDANT],
}


def with_(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(base)
    data.update(changes)
    return data


def load(data: Any, cls: Any, *, as_json: bool) -> Any:
    """Load through from_json (text) or from_dict (data)."""
    if as_json:
        return tm.from_json(json.dumps(data), cls)
    return tm.from_dict(data, cls)


LOADERS = [pytest.param(True, id="from_json"), pytest.param(False, id="from_dict")]


# ---------------------------------------------------------------------------
# Round trips and determinism
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("cls", DATA_CLASSES, ids=lambda cls: cls.__name__)
@settings(max_examples=examples(1.2), deadline=None)
@given(data=st.data())
def test_round_trip_for_every_public_type(cls: type[Any], data: st.DataObject) -> None:
    obj = data.draw(STRATEGIES[cls])
    with acceleration(False):
        text = tm.to_json(obj)
        plain = tm.from_json(text, cls)
        assert plain == obj
        assert tm.from_dict(tm.to_dict(obj), cls) == obj
        assert tm.from_dict(json.loads(text), cls) == obj
        again = tm.to_json(tm.from_json(text, cls))
    assert again == text
    with acceleration(True):
        # The accelerated path writes and reads exactly the same.
        assert tm.to_json(obj) == text
        loaded = tm.from_json(text, cls)
        assert loaded == obj
        # Equal is not enough: a breakdown left a plain dict equals its frozen
        # form; the repr shows the stored types.
        assert repr(loaded) == repr(plain)
        assert tm.to_json(loaded) == text


@pytest.mark.parametrize("cls", DATA_CLASSES, ids=lambda cls: cls.__name__)
@settings(max_examples=examples(0.6), deadline=None)
@given(data=st.data())
def test_output_is_json_with_every_field(cls: type[Any], data: st.DataObject) -> None:
    obj = data.draw(STRATEGIES[cls])
    decoded = json.loads(tm.to_json(obj))
    assert decoded == tm.to_dict(obj)
    assert set(decoded) == {field.name for field in cls.__attrs_attrs__}
    assert list(decoded) == sorted(decoded)


def test_output_is_the_same_in_every_process() -> None:
    """Sets are sorted, not left in hash order, which varies between processes."""
    script = (
        "import trafficking_model as tm, trafficking_model.examples as ex\n"
        "victim = tm.Victim(id='V', sex=tm.Sex.FEMALE, age_group=tm.AgeGroup.ADULT,"
        " exploitation=frozenset(tm.ExploitationForm),"
        " identification=tm.IdentificationStatus.PRESUMED)\n"
        "print(tm.to_json(ex.azerbaijan_nap_2020_2024()))\n"
        "print(tm.to_json(victim))\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1
    plan_line, victim_line = outputs.pop().splitlines()
    assert plan_line == tm.to_json(azerbaijan_nap_2020_2024())
    assert json.loads(victim_line)["exploitation"] == sorted(
        form.value for form in tm.ExploitationForm
    )


@pytest.mark.parametrize("accelerated", MODES)
def test_a_loaded_report_stores_frozen_breakdowns_and_exact_ranges_as_ints(
    accelerated: bool,
) -> None:
    data = tm.to_dict(azerbaijan_report_2020_2021())
    data["victims"]["by_exploitation"] = {
        "sexual": {"low": 179, "high": 179},
        "forced_labour": {"low": 5, "high": 10},
    }
    data["victims"]["partial"].append("by_exploitation")
    with acceleration(accelerated):
        report = tm.from_json(json.dumps(data), tm.CountryReport)
    assert report.victims is not None
    assert report.cases is not None
    for counts in (report.cases.by_offence, report.victims.by_exploitation):
        assert type(counts) is immutabledict
    assert report.victims.by_exploitation == {
        tm.ExploitationForm.SEXUAL: 179,
        tm.ExploitationForm.FORCED_LABOUR: tm.Count(5, 10),
    }
    assert type(report.victims.by_exploitation[tm.ExploitationForm.SEXUAL]) is int
    hash(report)


def test_reports_are_decoded_by_msgspec_when_it_is_installed() -> None:
    pytest.importorskip("msgspec")
    from trafficking_model import _accelerated

    decoder = _accelerated.decoder_for(tm.CountryReport)
    assert decoder is not None
    report = azerbaijan_report_2020_2021()
    assert decoder(tm.to_json(report)) == report
    # An unknown key inside a range inside a breakdown is still refused.
    data = tm.to_dict(report)
    data["victims"]["by_sex"] = {"female": {"low": 184, "high": 190, "x": 1}}
    assert decoder(json.dumps(data)) is None


def test_msgspec_serves_every_class_without_numbers_or_amounts() -> None:
    """Which classes msgspec decodes: the rest go to the converter, slower.

    A class steps aside only for a float or decimal field somewhere inside it
    (msgspec would read `120` into a float as `120.0` and take a number for a
    decimal), so the record types and the published figures take the fast path.
    """
    pytest.importorskip("msgspec")
    from trafficking_model import _accelerated
    from trafficking_model._models import MODEL_CLASSES

    decoded = {cls.__name__ for cls in MODEL_CLASSES if _accelerated.decoder_for(cls)}
    assert decoded == {
        "Count",
        "Period",
        "Stakeholder",
        "Objective",
        "StatusObservation",
        "TierPlacement",
        "TierHistory",
        "Victim",
        "Defendant",
        "Case",
        "CaseStatistics",
        "ProsecutionOutcome",
        "VictimStatistics",
        "LawEnforcementFigures",
        "CountryReport",
    }


def test_a_range_is_an_object_and_not_reported_is_null() -> None:
    statistics = tm.VictimStatistics(
        total=None, by_sex={tm.Sex.FEMALE: tm.Count.parse("<5"), tm.Sex.MALE: 9}
    )
    data = tm.to_dict(statistics)
    assert data["total"] is None
    assert data["by_sex"] == {"female": {"high": 4, "low": 0}, "male": 9}
    assert tm.from_dict(data, tm.VictimStatistics) == statistics
    open_ended = tm.to_dict(
        tm.LawEnforcementFigures(year=2021, convictions=tm.Count(101))
    )
    assert open_ended["convictions"] == {"high": None, "low": 101}


@pytest.mark.parametrize("as_json", [True, False], ids=["from_json", "from_dict"])
def test_an_exact_range_is_read_as_its_int(as_json: bool) -> None:
    loaded = load(
        {"total": {"low": 7, "high": 7}}, tm.VictimStatistics, as_json=as_json
    )
    assert loaded.total == 7
    assert type(loaded.total) is int


@pytest.mark.parametrize(
    ("figure", "rule", "path"),
    [
        ("<5", "type", "$.total"),
        (True, "type", "$.total"),
        (-1, "non_negative", "$.total"),
        ({"low": 5, "high": 2}, "range_order", "$.total.high"),
        ({"low": "5"}, "type", "$.total.low"),
        ({"high": 5}, "required", "$.total.low"),
        ({"low": 1, "width": 2}, "unknown_key", "$.total.width"),
    ],
)
def test_a_bad_figure_is_named_with_its_path(figure: Any, rule: str, path: str) -> None:
    with pytest.raises(tm.ValidationError) as caught:
        tm.from_dict({"total": figure}, tm.VictimStatistics)
    assert [(p.rule, p.path) for p in caught.value.problems] == [(rule, path)]


def test_the_json_form_of_the_reference_report() -> None:
    data = tm.to_dict(azerbaijan_report_2020_2021())
    assert data["victims"]["by_sex"] == {"female": 184, "male": 5}
    assert list(data["cases"]["by_offence"]) == sorted(data["cases"]["by_offence"])
    assert data["tip_tier"] is None
    assert data["prosecution"]["acquitted"] is None
    assert data["prosecution"]["derived"] == ["sentenced"]
    assert data["cases"]["derived"] == ["total"]
    assert data["period"] == {"start": "2020-01-01", "end": "2021-12-31"}
    assert data["law_enforcement"] == []


def test_money_amount_is_a_string() -> None:
    money = tm.Money(amount=Decimal("150000.00"), currency="AZN")
    assert tm.to_json(money) == '{"amount":"150000.00","currency":"AZN"}'


def test_indicator_numbers_keep_their_type() -> None:
    data = {"id": "1", "description": "d", "unit": "u", "baseline": 0, "target": 1.5}
    indicator = tm.from_json(json.dumps(data), tm.Indicator)
    assert type(indicator.baseline) is int
    assert type(indicator.target) is float
    assert json.loads(tm.to_json(indicator)) == data


def test_fields_with_defaults_may_be_left_out() -> None:
    victim = tm.from_dict(
        {
            "id": "V",
            "sex": "male",
            "age_group": "unknown",
            "exploitation": ["other"],
            "identification": "presumed",
        },
        tm.Victim,
    )
    assert victim.age is None
    assert victim.identified_on is None
    statistics = tm.from_dict({"by_offence": {"other": 3}}, tm.CaseStatistics)
    assert statistics.total == 3


def test_sets_may_repeat_items_on_input() -> None:
    victim = tm.from_dict(with_(VICTIM, exploitation=["sexual", "sexual"]), tm.Victim)
    assert victim.exploitation == frozenset({tm.ExploitationForm.SEXUAL})


def test_a_list_of_records_loads_and_writes() -> None:
    cases = tm.from_dict([CASE, with_(CASE, id="C-2")], list[tm.Case])
    assert [case.id for case in cases] == ["C-2021-017", "C-2"]
    assert tm.to_dict(cases)[1]["id"] == "C-2"
    assert json.loads(tm.to_json(cases))[0]["defendants"][0]["id"] == "D-1"
    assert tm.from_json(tm.to_json(tuple(cases)), tuple[tm.Case, ...]) == tuple(cases)


# ---------------------------------------------------------------------------
# Strictness: one test per coercion case, with its path
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("accelerated", MODES)
@pytest.mark.parametrize("as_json", LOADERS)
class TestStrictness:
    def test_a_string_is_never_an_int(self, accelerated: bool, as_json: bool) -> None:
        with acceleration(accelerated):
            found = only_problem(
                lambda: load(with_(VICTIM, age="24"), tm.Victim, as_json=as_json)
            )
        assert found == ("$.age", "type", "expected int, got str")

    def test_an_int_is_never_a_string(self, accelerated: bool, as_json: bool) -> None:
        with acceleration(accelerated):
            found = only_problem(
                lambda: load(with_(VICTIM, id=7), tm.Victim, as_json=as_json)
            )
        assert found == ("$.id", "type", "expected str, got int")

    def test_a_bool_is_never_an_int(self, accelerated: bool, as_json: bool) -> None:
        data = {"defendants": True, "indicted": 0, "sentenced": 0}
        with acceleration(accelerated):
            found = only_problem(
                lambda: load(data, tm.ProsecutionOutcome, as_json=as_json)
            )
        assert found == (
            "$.defendants",
            "type",
            "expected int, null or a range, got bool",
        )

    def test_an_int_is_never_a_bool(self, accelerated: bool, as_json: bool) -> None:
        with acceleration(accelerated):
            found = only_problem(
                lambda: load(
                    with_(DEFENDANT, indicted=1), tm.Defendant, as_json=as_json
                )
            )
        assert found == ("$.indicted", "type", "expected bool, got int")

    def test_a_float_is_never_an_int(self, accelerated: bool, as_json: bool) -> None:
        with acceleration(accelerated):
            found = only_problem(
                lambda: load(with_(VICTIM, age=24.0), tm.Victim, as_json=as_json)
            )
        assert found == ("$.age", "type", "expected int, got float")

    def test_null_is_never_a_string(self, accelerated: bool, as_json: bool) -> None:
        data = {"id": "x", "name": None, "kind": "other"}
        with acceleration(accelerated):
            found = only_problem(lambda: load(data, tm.Stakeholder, as_json=as_json))
        assert found == ("$.name", "type", "expected str, got NoneType")

    def test_null_is_never_a_set(self, accelerated: bool, as_json: bool) -> None:
        with acceleration(accelerated):
            found = only_problem(
                lambda: load(with_(CASE, victim_ids=None), tm.Case, as_json=as_json)
            )
        assert found[:2] == ("$.victim_ids", "type")

    @pytest.mark.parametrize(
        ("value", "rule"),
        [
            ("2021-3-2", "date"),
            ("20210302", "date"),
            ("2021-03-02T00:00:00", "date"),
            ("2021-03-02 ", "date"),
            ("2021-02-30", "date"),
            ("\uff12\uff10\uff12\uff11-03-02", "date"),
            (20210302, "type"),
            (None, "type"),
        ],
    )
    def test_dates_are_yyyy_mm_dd_strings_only(
        self, accelerated: bool, as_json: bool, value: object, rule: str
    ) -> None:
        with acceleration(accelerated):
            found = only_problem(
                lambda: load(with_(CASE, registered_on=value), tm.Case, as_json=as_json)
            )
        assert found[:2] == ("$.registered_on", rule)
        assert value is None or str(value) not in found[2]  # never the value

    @pytest.mark.parametrize("value", ["FEMALE", "Female", "f", ""])
    def test_enums_are_read_by_value_only(
        self, accelerated: bool, as_json: bool, value: str
    ) -> None:
        with acceleration(accelerated):
            found = only_problem(
                lambda: load(with_(VICTIM, sex=value), tm.Victim, as_json=as_json)
            )
        assert found == (
            "$.sex",
            "enum",
            (
                "the value is not a Sex; expected one of "
                "'female', 'male', 'other', 'unknown'"
            ),
        )

    def test_an_enum_value_must_be_a_string(
        self, accelerated: bool, as_json: bool
    ) -> None:
        with acceleration(accelerated):
            found = only_problem(
                lambda: load(with_(VICTIM, sex=["female"]), tm.Victim, as_json=as_json)
            )
        assert found[:2] == ("$.sex", "type")

    def test_unknown_keys_are_rejected_by_name(
        self, accelerated: bool, as_json: bool
    ) -> None:
        data = with_(VICTIM, nickname="x", **{"home town": "y"})
        with acceleration(accelerated):
            found = problems(lambda: load(data, tm.Victim, as_json=as_json))
        assert found == [
            (
                "$['home town']",
                "unknown_key",
                "unknown key 'home town': Victim has no such field",
            ),
            (
                "$.nickname",
                "unknown_key",
                "unknown key 'nickname': Victim has no such field",
            ),
        ]

    def test_unknown_keys_are_rejected_in_nested_objects(
        self, accelerated: bool, as_json: bool
    ) -> None:
        data = with_(CASE, defendants=[DEFENDANT, with_(DEFENDANT, id="D-2", age=40)])
        with acceleration(accelerated):
            found = only_problem(lambda: load(data, tm.Case, as_json=as_json))
        assert found[:2] == ("$.defendants[1].age", "unknown_key")

    def test_a_missing_required_field_is_named(
        self, accelerated: bool, as_json: bool
    ) -> None:
        data = with_(VICTIM)
        del data["sex"]
        with acceleration(accelerated):
            found = only_problem(lambda: load(data, tm.Victim, as_json=as_json))
        assert found == ("$.sex", "required", "required field is missing")

    @pytest.mark.parametrize(
        "value", [150000.0, 150000, "1,000", "NaN", " 1", "1.", "+1"]
    )
    def test_an_amount_is_a_decimal_string(
        self, accelerated: bool, as_json: bool, value: object
    ) -> None:
        data = {"amount": value, "currency": "AZN"}
        with acceleration(accelerated):
            found = only_problem(lambda: load(data, tm.Money, as_json=as_json))
        assert found[0] == "$.amount"
        assert found[1] in {"type", "decimal"}

    def test_a_negative_amount_keeps_the_model_message(
        self, accelerated: bool, as_json: bool
    ) -> None:
        data = {"amount": "-5.00", "currency": "AZN"}
        with acceleration(accelerated):
            found = only_problem(lambda: load(data, tm.Money, as_json=as_json))
        assert found == ("$.amount", "non_negative", "-5.00 is negative")

    def test_a_number_field_refuses_bool_and_string(
        self, accelerated: bool, as_json: bool
    ) -> None:
        data = {
            "id": "1",
            "description": "d",
            "unit": "u",
            "baseline": True,
            "target": "5",
        }
        with acceleration(accelerated):
            found = problems(lambda: load(data, tm.Indicator, as_json=as_json))
        assert [(path, rule) for path, rule, _ in found] == [
            ("$.baseline", "type"),
            ("$.target", "type"),
        ]

    def test_a_set_must_be_an_array(self, accelerated: bool, as_json: bool) -> None:
        with acceleration(accelerated):
            found = only_problem(
                lambda: load(
                    with_(VICTIM, exploitation="sexual"), tm.Victim, as_json=as_json
                )
            )
        assert found == (
            "$.exploitation",
            "type",
            "expected an array, got str",
        )

    def test_breakdown_keys_and_counts_are_strict(
        self, accelerated: bool, as_json: bool
    ) -> None:
        data = {"total": 3, "by_sex": {"female": "2", "Male": 1, "other": True}}
        with acceleration(accelerated):
            found = problems(lambda: load(data, tm.VictimStatistics, as_json=as_json))
        assert [(path, rule) for path, rule, _ in found] == [
            ("$.by_sex.female", "type"),
            ("$.by_sex.Male", "unknown_key"),
            ("$.by_sex.other", "type"),
        ]

    def test_an_object_must_be_a_json_object(
        self, accelerated: bool, as_json: bool
    ) -> None:
        with acceleration(accelerated):
            found = only_problem(lambda: load([VICTIM], tm.Victim, as_json=as_json))
        assert found[:2] == ("$", "type")
        assert "expected an object" in found[2]


@pytest.mark.parametrize("accelerated", MODES)
@pytest.mark.parametrize(
    "text",
    [
        b"",
        b"{",
        b'{"id": "V"} x',
        b"NaN",
        b'{"age": Infinity}',
        b"\xff",
        b'"\\ud800"',
        b"\xef\xbb\xbf{}",
        b"[" * 100_000,
    ],
    ids=repr,
)
def test_malformed_json_is_a_validation_error(accelerated: bool, text: bytes) -> None:
    with acceleration(accelerated):
        found = only_problem(lambda: tm.from_json(text, tm.Victim))
    assert found[:2] == ("$", "json")
    assert found[2].startswith("malformed JSON")


def test_from_json_takes_str_bytes_and_buffers() -> None:
    text = json.dumps(VICTIM)
    expected = tm.from_dict(VICTIM, tm.Victim)
    for data in (
        text,
        text.encode(),
        bytearray(text.encode()),
        memoryview(text.encode()),
    ):
        assert tm.from_json(data, tm.Victim) == expected
    found = only_problem(lambda: tm.from_json(42, tm.Victim))  # type: ignore[arg-type]
    assert found[:2] == ("$", "type")


def test_writing_what_is_not_a_model_object_is_a_validation_error() -> None:
    for build in (lambda: tm.to_dict(object()), lambda: tm.to_json({"a": 1})):
        found = only_problem(build)
        assert found[:2] == ("$", "type")
    found = only_problem(lambda: tm.to_json([tm.Period.from_years(2020), 3]))
    assert found[:2] == ("$[1]", "type")


@pytest.mark.parametrize("cls", [object, [tm.Victim], {"cls": tm.Victim}, 3])
def test_loading_an_unsupported_type_is_a_validation_error(cls: Any) -> None:
    found = only_problem(lambda: tm.from_dict({}, cls))
    assert found[:2] == ("$", "unsupported_type")


# ---------------------------------------------------------------------------
# Error paths: deep places keep the rule's message and get the full path
# ---------------------------------------------------------------------------


def report_data() -> dict[str, Any]:
    return tm.to_dict(azerbaijan_report_2020_2021())


@pytest.mark.parametrize("accelerated", MODES)
class TestErrorPaths:
    def test_a_breakdown_inside_a_report(self, accelerated: bool) -> None:
        data = report_data()
        data["victims"]["by_sex"]["female"] = 185
        with acceleration(accelerated):
            error = problems(lambda: tm.from_json(json.dumps(data), tm.CountryReport))
        assert error == [
            ("$.victims.by_sex", "breakdown_sum", "counts sum to 190 but total is 189")
        ]
        with pytest.raises(tm.ValidationError) as caught:
            tm.from_json(json.dumps(data), tm.CountryReport)
        assert (
            str(caught.value) == "$.victims.by_sex: counts sum to 190 but total is 189"
        )

    def test_the_funnel_inside_a_report(self, accelerated: bool) -> None:
        data = report_data()
        data["prosecution"]["sentenced"] = 30
        data["prosecution"]["imprisonment"] = 26
        with acceleration(accelerated), pytest.raises(tm.ValidationError) as caught:
            tm.from_json(json.dumps(data), tm.CountryReport)
        assert str(caught.value) == (
            "$.prosecution.sentenced: sentenced + acquitted (30) exceeds indicted (28)"
        )
        assert caught.value.problems[0].rule == "sentenced_within_indicted"

    def test_a_defendant_inside_a_case_inside_a_list(self, accelerated: bool) -> None:
        bad = with_(DEFENDANT, id="D-2", disposition="fine")
        data = [CASE, CASE, with_(CASE, defendants=[DEFENDANT, bad])]
        with acceleration(accelerated):
            found = only_problem(lambda: tm.from_json(json.dumps(data), list[tm.Case]))
        assert found == (
            "$[2].defendants[1].sentence_months",
            "sentence_months_with_imprisonment",
            "sentence_months (96) is only for imprisonment, not fine",
        )

    def test_a_type_error_deep_in_a_plan(self, accelerated: bool) -> None:
        data = tm.to_dict(azerbaijan_nap_2020_2024())
        data["measures"] = [
            {
                "id": "M-1",
                "title": "Train inspectors",
                "pillar": "prevention",
                "responsible": ["iom"],
                "period": {"start": "2021-01-01", "end": "2021-12-31"},
                "indicators": [
                    {"id": "1", "description": "d", "unit": "u"},
                    {"id": "2", "description": "d", "unit": "u", "target": "120"},
                ],
                "status": "in_progress",
                "budget": {"amount": 5000, "currency": "USD"},
            }
        ]
        with acceleration(accelerated):
            found = problems(
                lambda: tm.from_json(json.dumps(data), tm.NationalActionPlan)
            )
        assert [(path, rule) for path, rule, _ in found] == [
            ("$.measures[0].indicators[1].target", "type"),
            ("$.measures[0].budget.amount", "type"),
        ]

    def test_a_cross_reference_rule_of_a_plan(self, accelerated: bool) -> None:
        data = tm.to_dict(azerbaijan_nap_2020_2024())
        data["reviews"][0]["participants"].append("police")
        with acceleration(accelerated):
            found = only_problem(
                lambda: tm.from_json(json.dumps(data), tm.NationalActionPlan)
            )
        assert found == (
            "$.reviews[0].participants",
            "known_stakeholder",
            "'police' is not a stakeholder of the plan",
        )

    def test_every_problem_of_one_input_is_reported(self, accelerated: bool) -> None:
        bad_victim = with_(VICTIM, sex="woman", age=-1, exploitation=[])
        data = [VICTIM, bad_victim, with_(VICTIM, id=" V ", extra=1)]
        with acceleration(accelerated):
            found = problems(lambda: tm.from_json(json.dumps(data), list[tm.Victim]))
        assert [(path, rule) for path, rule, _ in found] == [
            ("$[1].sex", "enum"),
            ("$[2].extra", "unknown_key"),
        ]
        # Once the types are right, every broken rule of the object is reported.
        data[1]["sex"] = "female"
        del data[2]["extra"]
        with acceleration(accelerated):
            found = problems(lambda: tm.from_json(json.dumps(data), list[tm.Victim]))
        assert [(path, rule) for path, rule, _ in found] == [
            ("$[1].age", "range"),
            ("$[1].exploitation", "exploitation_required"),
            ("$[2].id", "identifier"),
        ]


def test_errors_are_never_cattrs_invalid_value() -> None:
    data = report_data()
    data["victims"]["total"] = 190
    with pytest.raises(tm.ValidationError) as caught:
        tm.from_dict(data, tm.CountryReport)
    assert "invalid value" not in str(caught.value)
    assert all(p.path.startswith("$.victims.by_") for p in caught.value.problems)
    assert isinstance(caught.value, ValueError)
    assert caught.value.__cause__ is None
