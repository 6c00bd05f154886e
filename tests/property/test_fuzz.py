"""Fuzz the loaders: arbitrary JSON in, and only `ValidationError` out.

For each top-level type, the input is either any JSON value at all, or the JSON
form of a valid value with a few random edits (a value replaced by any JSON, a
key removed, a key added), which reaches far deeper into the checks. Each input
goes in through `from_dict`, or as text or bytes through `from_json`; some
inputs are raw text or bytes, JSON or not. Whatever comes back must be a valid
value that round-trips, or a `ValidationError` whose problems all have a path
and a rule.

The number of inputs per type follows the profile: 100,000 in `deep`, four times
the profile's `max_examples` otherwise, or `TRAFFICKING_MODEL_FUZZ_EXAMPLES`.
See "Fuzzing" in CONTRIBUTING.md.
"""

from __future__ import annotations

import contextlib
import json
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import trafficking_model
from profiles import examples
from trafficking_model import (
    Case,
    CountryReport,
    NationalActionPlan,
    ValidationError,
    Victim,
)

DEEP_EXAMPLES = 100_000
EXAMPLES = int(os.environ.get("TRAFFICKING_MODEL_FUZZ_EXAMPLES", "0")) or (
    DEEP_EXAMPLES if settings.default.max_examples >= 10_000 else examples(4)
)
fuzz_settings = settings(
    max_examples=EXAMPLES,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

TOP_LEVEL = [CountryReport, NationalActionPlan, Victim, Case]
by_name = pytest.mark.parametrize("cls", TOP_LEVEL, ids=lambda cls: cls.__name__)

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text()
    | st.sampled_from(["", " ", "2020-01-01", "2020-02-30", "1e3", "NaN", "-0"])
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)


def _nodes(value: Any) -> list[list[str | int]]:
    """The path of every node in a JSON value, the root first."""
    paths: list[list[str | int]] = [[]]
    if isinstance(value, dict):
        for key, item in value.items():
            paths.extend([key, *path] for path in _nodes(item))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            paths.extend([index, *path] for path in _nodes(item))
    return paths


def _edit(draw: st.DrawFn, document: Any) -> Any:
    """Change one node: replace it by any JSON, or remove or add a key."""
    path = draw(st.sampled_from(_nodes(document)))
    if not path:
        return draw(json_values)
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    action = draw(st.sampled_from(["replace", "remove", "add"]))
    if action == "remove":
        del parent[last]
    elif action == "add" and isinstance(parent, dict):
        parent[draw(st.text(max_size=12))] = draw(json_values)
    elif action == "add":
        parent.insert(last, draw(json_values))
    else:
        parent[last] = draw(json_values)
    return document


def documents(cls: type) -> st.SearchStrategy[Any]:
    """Any JSON, or the JSON form of a valid `cls` after a few random edits."""

    @st.composite
    def edited(draw: st.DrawFn) -> Any:
        document = trafficking_model.to_dict(draw(st.from_type(cls)))
        for _ in range(draw(st.integers(min_value=1, max_value=3))):
            document = _edit(draw, document)
        return document

    return json_values | edited()


def _check(cls: type, load: Any) -> None:
    """Call `load()`: a valid value that round-trips, or a ValidationError."""
    try:
        value = load()
    except ValidationError as error:
        problems = error.problems
    else:
        assert type(value) is cls
        data = trafficking_model.to_dict(value)
        assert trafficking_model.from_dict(data, cls) == value
        return
    assert problems
    for problem in problems:
        assert problem.path.startswith("$"), problem
        assert problem.rule, problem
        assert problem.message, problem


@by_name
@fuzz_settings
@given(data=st.data())
def test_loading_any_json_raises_only_validation_errors(
    cls: type, data: st.DataObject
) -> None:
    way = data.draw(st.sampled_from(["from_dict", "from_json", "bytes", "raw"]))
    if way == "raw":  # any text or bytes at all, JSON or not
        raw = data.draw(st.text() | st.binary())
        _check(cls, lambda: trafficking_model.from_json(raw, cls))
        return
    document = data.draw(documents(cls))
    if way == "from_dict":
        _check(cls, lambda: trafficking_model.from_dict(document, cls))
        return
    text = json.dumps(document, allow_nan=True)
    source: str | bytes = text.encode("utf-8") if way == "bytes" else text
    _check(cls, lambda: trafficking_model.from_json(source, cls))


class _Enough(Exception):  # noqa: N818 - a signal, not an error
    """Raised once the fuzzer has shown what the test asks of it."""


def test_the_fuzzer_reaches_deep_into_a_report() -> None:
    """The edited documents break rules far below the top, not only the shape."""
    rules: set[str] = set()
    paths: set[str] = set()

    def enough() -> bool:
        return len(rules) >= 4 and any(path.count(".") >= 2 for path in paths)

    # Derandomized, so the same on every run of one interpreter; the draws still
    # differ between Python versions, so the count leaves room for that. It
    # stops as soon as it has seen enough (no shrinking of the signal).
    @settings(
        max_examples=1500, database=None, derandomize=True, phases=[Phase.generate]
    )
    @given(documents(CountryReport))
    def collect(document: Any) -> None:
        try:
            trafficking_model.from_dict(document, CountryReport)
        except ValidationError as error:
            rules.update(problem.rule for problem in error.problems)
            paths.update(problem.path for problem in error.problems)
        if enough():
            raise _Enough

    with contextlib.suppress(_Enough):
        collect()
    assert len(rules) >= 4, rules
    assert any(path.count(".") >= 2 for path in paths), paths
