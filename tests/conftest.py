"""Shared fixtures for the test suite."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import pytest
from hypothesis import HealthCheck, settings

from trafficking_model import ValidationError

if TYPE_CHECKING:
    from collections.abc import Callable

# Hypothesis settings profiles, chosen by TRAFFICKING_MODEL_HYPOTHESIS_PROFILE:
# `dev` (fast, the default), `ci` (the default when CI is set, as in .ci/run),
# `compat` (the fewest examples that still run every property: the extra runs on
# other Pythons and the lowest dependencies check compatibility, not inputs) and
# `deep` (for fuzzing and release checks). See CONTRIBUTING.md, "Property tests".
# A property that needs more or fewer examples than `max_examples` takes a
# fraction of it (`examples` in tests/profiles.py), so every profile reaches it.
PROFILE_VARIABLE = "TRAFFICKING_MODEL_HYPOTHESIS_PROFILE"
settings.register_profile("dev", max_examples=25, deadline=None)
# `ci` and `compat` run on fresh machines: no example database to keep.
settings.register_profile(
    "ci", max_examples=25, deadline=None, print_blob=True, database=None
)
settings.register_profile(
    "compat", max_examples=5, deadline=None, print_blob=True, database=None
)
settings.register_profile(
    "deep",
    max_examples=10_000,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(
    os.environ.get(PROFILE_VARIABLE) or ("ci" if os.environ.get("CI") else "dev")
)

# Shared test helpers, such as tests/serialization_helpers.py, import by module name.
sys.path.insert(0, str(Path(__file__).parent))


class Rejects(Protocol):
    def __call__(
        self, build: Callable[[], object], rule: str, path: str, message: str = ""
    ) -> ValidationError: ...


def _rejects(
    build: Callable[[], object], rule: str, path: str, message: str = ""
) -> ValidationError:
    """Assert that `build()` raises a ValidationError with this exact problem."""
    with pytest.raises(ValidationError) as caught:
        build()
    found = [(p.rule, p.path, p.message) for p in caught.value.problems]
    matching = [f for f in found if f[0] == rule and f[1] == path and message in f[2]]
    assert matching, f"no problem {rule!r} at {path!r} with {message!r} in {found}"
    return caught.value


@pytest.fixture
def rejects() -> Rejects:
    """Check that building an object fails with one named rule at one path."""
    return _rejects
