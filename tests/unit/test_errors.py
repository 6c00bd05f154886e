from __future__ import annotations

import pickle

import pytest

from trafficking_model import (
    Problem,
    ProsecutionOutcome,
    TraffickingModelError,
    ValidationError,
)


def test_validation_error_is_a_value_error_of_the_library() -> None:
    assert issubclass(ValidationError, ValueError)
    assert issubclass(ValidationError, TraffickingModelError)
    assert not issubclass(TraffickingModelError, ValueError)


def test_message_names_field_value_and_rule() -> None:
    with pytest.raises(ValidationError) as caught:
        ProsecutionOutcome(defendants=35, indicted=28, sentenced=30)
    assert str(caught.value) == (
        "$.sentenced: sentenced + acquitted (30) exceeds indicted (28)"
    )
    (problem,) = caught.value.problems
    assert problem == Problem(
        path="$.sentenced",
        message="sentenced + acquitted (30) exceeds indicted (28)",
        rule="sentenced_within_indicted",
    )


def test_every_broken_rule_is_reported_at_once() -> None:
    with pytest.raises(ValidationError) as caught:
        ProsecutionOutcome(defendants=-1, indicted="7", sentenced=True)  # type: ignore[arg-type]
    problems = caught.value.problems
    assert [(p.path, p.rule) for p in problems] == [
        ("$.defendants", "non_negative"),
        ("$.indicted", "type"),
        ("$.sentenced", "type"),
    ]
    assert str(caught.value).splitlines() == [
        "3 problems:",
        "  $.defendants: -1 is negative",
        "  $.indicted: expected int, Count or None, got str",
        "  $.sentenced: expected int, Count or None, got bool",
    ]


def test_under_reroots_every_path() -> None:
    error = ValidationError(
        [
            Problem(path="$", message="a", rule="r"),
            Problem(path="$.x[2]", message="b", rule="r"),
        ]
    )
    moved = error.under("$.victims[4]")
    assert type(moved) is ValidationError
    assert [p.path for p in moved.problems] == ["$.victims[4]", "$.victims[4].x[2]"]


def test_errors_survive_pickling() -> None:
    error = ValidationError([Problem(path="$.age", message="m", rule="range")])
    copy = pickle.loads(pickle.dumps(error))
    assert copy.problems == error.problems
    assert str(copy) == str(error)
