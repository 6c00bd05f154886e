"""Example counts for property tests, relative to the active Hypothesis profile.

The profiles (`dev`, `ci`, `deep`) are registered and loaded in
`tests/conftest.py`, before any test module is imported. A property that needs
more or fewer examples than the profile's `max_examples` asks for a fraction of
it, never for a fixed number, so that `deep` scales every property up:

    @settings(max_examples=examples(0.5))

See "Property tests" in CONTRIBUTING.md.
"""

from __future__ import annotations

from hypothesis import settings

# Below this many examples a property says little, whatever the profile.
MINIMUM = 10


def examples(fraction: float, minimum: int = MINIMUM) -> int:
    """`fraction` of the active profile's `max_examples`, and at least `minimum`.

    A profile of fewer examples than `minimum` (`compat`) lowers the floor to
    its own count: it checks compatibility, not inputs.
    """
    if fraction <= 0:
        raise ValueError(f"fraction must be positive, not {fraction!r}")
    count = settings.default.max_examples
    return max(min(minimum, count), round(count * fraction))
