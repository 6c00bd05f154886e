"""Helpers shared by the serialization tests."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

import pytest

from trafficking_model import ValidationError
from trafficking_model.serialization import _use_acceleration

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
