"""Helpers shared by the serialization tests."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import strategies as st

import trafficking_model as tm
from trafficking_model import ValidationError
from trafficking_model._json import use_acceleration as _use_acceleration
from trafficking_model._models import RESULT_CLASSES
from trafficking_model.formats.ctdc import Band, Record
from trafficking_model.formats.glotip import GlotipRow

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

HAS_MSGSPEC = _use_acceleration(True)
_use_acceleration(HAS_MSGSPEC)

# Run a test with the msgspec acceleration and without; results must not differ.
MODES = [
    pytest.param(False, id="converter"),
    pytest.param(
        True,
        id="accelerated",
        marks=pytest.mark.skipif(not HAS_MSGSPEC, reason="msgspec not installed"),
    ),
]


@contextlib.contextmanager
def acceleration(enabled: bool) -> Iterator[None]:
    was_on = _use_acceleration(enabled)
    try:
        yield
    finally:
        _use_acceleration(was_on)


def problems(build: Callable[[], object]) -> list[tuple[str, str, str]]:
    """The (path, rule, message) of every problem `build()` raises."""
    with pytest.raises(ValidationError) as caught:
        build()
    assert type(caught.value) is ValidationError
    return [(p.path, p.rule, p.message) for p in caught.value.problems]


def only_problem(build: Callable[[], object]) -> tuple[str, str, str]:
    found = problems(build)
    assert len(found) == 1, found
    return found[0]


def outcome(build: Callable[[], Any]) -> tuple[str, Any]:
    """What `build()` gives: ("ok", result) or ("error", problems)."""
    try:
        return ("ok", build())
    except ValidationError as error:
        return ("error", error.problems)


CLASS_IDS: dict[str, Any] = {"ids": lambda cls: cls.__name__}
"""Parametrize over classes with their names as test ids."""

MODEL_CLASSES: list[type[Any]] = [
    value
    for name in tm.__all__
    if isinstance(value := getattr(tm, name), type)
    and attrs.has(value)
    and value is not tm.Problem
    # results computed from figures (ratios, comparisons) are not data
    and value not in RESULT_CLASSES
]
"""Every public model class of the package root: each has a schema file."""

FORMAT_CLASSES: list[type[Any]] = [Band, Record, GlotipRow]
"""The public record types of `trafficking_model.formats`. `htcds.MappingRow`
is not one: it is a result (a line of the library's own mapping report), never
read as data."""

DATA_CLASSES: list[type[Any]] = [*MODEL_CLASSES, *FORMAT_CLASSES]
"""Every public type that round-trips through JSON and has a JSON Schema."""

STRATEGIES: dict[type[Any], st.SearchStrategy[Any]] = {
    cls: st.from_type(cls) for cls in DATA_CLASSES
}
"""Valid instances of every public data class, from the shipped strategies."""


def json_values(max_leaves: int = 20) -> st.SearchStrategy[Any]:
    """Arbitrary JSON values: what `json.loads` can return."""
    scalars = (
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.text(max_size=10)
    )
    return st.recursive(
        scalars,
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(st.text(max_size=10), children, max_size=4)
        ),
        max_leaves=max_leaves,
    )


# ---------------------------------------------------------------------------
# Mutations of valid documents: near misses are where bugs hide
# ---------------------------------------------------------------------------


def objects_in(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The paths of every JSON object inside `value`, itself included."""
    found: list[tuple[Any, ...]] = []
    if isinstance(value, dict):
        found.append(path)
        for key, item in value.items():
            found.extend(objects_in(item, (*path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(objects_in(item, (*path, index)))
    return found


def value_at(value: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        value = value[step]
    return value


@st.composite
def mutated_data(draw: st.DrawFn, cls: type[Any]) -> Any:
    """The JSON data of a valid object, changed in one or two places."""
    data = tm.to_dict(draw(STRATEGIES[cls]))
    for _ in range(draw(st.integers(1, 2))):
        target = value_at(data, draw(st.sampled_from(objects_in(data))))
        keys = list(target)
        kind = draw(st.sampled_from(["replace", "delete", "add", "null"]))
        if kind == "add" or not keys:
            target[draw(st.text(max_size=8) | st.sampled_from(["age", "id", "x"]))] = (
                draw(json_values(5))
            )
        else:
            key = draw(st.sampled_from(keys))
            if kind == "delete":
                del target[key]
            elif kind == "null":
                target[key] = None
            else:
                target[key] = draw(json_values(5))
    return data
