"""Check that every declared lower bound is the version actually installed.

Usage: ``python scripts/check_lower_bounds.py [EXTRA ...]`` in an environment
made with ``uv pip install --resolution=lowest-direct -e ".[EXTRA,...]"`` (the
``lowest`` nox session). For each requirement of trafficking-model, the runtime
ones and those of the named extras, the installed version must equal the
``>=`` bound that pyproject.toml declares.

If the resolver had to go higher, the bound is not real: some other requirement
needs more (as cattrs 25.3 needs attrs 25.4), or no release has that exact
version. Raise the bound to the version printed. Exits 1 if any bound is off.
"""

from __future__ import annotations

import importlib.metadata
import sys

from packaging.requirements import Requirement
from packaging.version import Version

PROJECT = "trafficking-model"


def declared_floors(extras: list[str]) -> dict[str, Version]:
    """The ``>=`` bound of each requirement that applies with these extras."""
    floors = {}
    for line in importlib.metadata.requires(PROJECT) or []:
        requirement = Requirement(line)
        environments = [{"extra": extra} for extra in ["", *extras]]
        marker = requirement.marker
        if marker is not None and not any(
            marker.evaluate(environment) for environment in environments
        ):
            continue
        for specifier in requirement.specifier:
            if specifier.operator == ">=":
                floors[requirement.name] = Version(specifier.version)
    return floors


def main(argv: list[str]) -> int:
    """Compare each declared floor with the installed version."""
    floors = declared_floors(argv[1:])
    wrong = []
    for name, floor in sorted(floors.items()):
        installed = Version(importlib.metadata.version(name))
        status = "ok" if installed == floor else "NOT THE FLOOR"
        print(
            f"{name:<16} declared >={floor!s:<14} installed {installed!s:<14} {status}"
        )
        if installed != floor:
            wrong.append(name)
    if wrong:
        print(
            f"check_lower_bounds: raise the bounds of {', '.join(wrong)} to the "
            "installed versions (or find what keeps them from resolving)",
            file=sys.stderr,
        )
        return 1
    print(f"check_lower_bounds: all {len(floors)} bounds installed as declared")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
