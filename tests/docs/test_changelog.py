"""CHANGELOG.md follows Keep a Changelog and agrees with the package version.

A development or pre-release version (``0.2.0.dev0``, ``1.0.0rc1``) must be newer
than every release in the changelog: its changes are listed under Unreleased.
A final version (``0.2.0``) must be the newest released heading, and Unreleased
must then be empty: the release commit moved its entries under the version.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import re
import sys
from pathlib import Path

import pytest
from packaging.version import Version

import trafficking_model

ROOT = Path(__file__).resolve().parents[2]
HEADING = re.compile(r"^## (?P<heading>.*)$", re.MULTILINE)
RELEASED = re.compile(r"^\[(?P<version>[^\]]+)\] - (?P<date>\d{4}-\d{2}-\d{2})$")
SECTION = re.compile(r"^### (?P<name>.+)$", re.MULTILINE)
LINK = re.compile(r"^\[(?P<label>[^\]]+)\]: \S+$", re.MULTILINE)
SECTIONS = frozenset({"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"})


def changelog_problems(text: str, version: str) -> list[str]:
    """Everything wrong with a changelog for a package at `version`."""
    problems: list[str] = []
    headings = list(HEADING.finditer(text))
    if not headings or headings[0]["heading"] != "[Unreleased]":
        return ["the first '## ' heading is not '## [Unreleased]'"]
    bodies = [
        text[heading.end() : following.start() if following else len(text)]
        for heading, following in zip(headings, [*headings[1:], None], strict=True)
    ]
    for body in bodies:
        problems.extend(
            f"unknown section '### {name}'"
            for name in SECTION.findall(body)
            if name not in SECTIONS
        )
    released: list[tuple[Version, dt.date]] = []
    for heading in headings[1:]:
        match = RELEASED.match(heading["heading"])
        if match is None:
            problems.append(f"heading '{heading['heading']}' is not '[X.Y.Z] - DATE'")
            continue
        try:
            number = Version(match["version"])
            date = dt.date.fromisoformat(match["date"])
        except ValueError as error:
            problems.append(f"heading '{heading['heading']}': {error}")
            continue
        if not re.fullmatch(r"\d+\.\d+\.\d+", match["version"]):
            problems.append(f"version {number} is not MAJOR.MINOR.PATCH")
        released.append((number, date))
    numbers = [number for number, _ in released]
    dates = [date for _, date in released]
    if numbers != sorted(set(numbers), reverse=True):
        problems.append("released versions are not newest first, or repeat")
    if dates != sorted(dates, reverse=True):
        problems.append("release dates are not newest first")
    labels = set(LINK.findall(text))
    problems.extend(
        f"no link definition for [{label}]"
        for label in ["Unreleased", *(str(number) for number, _ in released)]
        if label not in labels
    )
    current = Version(version)
    newest = released[0][0] if released else None
    unreleased_empty = not LINK.sub("", bodies[0]).strip()
    if current.is_prerelease or current.is_devrelease:
        if newest is not None and current <= newest:
            problems.append(
                f"version {version} is not newer than the last release {newest}"
            )
    else:
        if newest != current:
            problems.append(
                f"version {version} is final, but the newest released heading "
                f"is {newest}"
            )
        if not unreleased_empty:
            problems.append(
                f"version {version} is final, but Unreleased still lists changes"
            )
    return problems


def _pyproject_version() -> str:
    if sys.version_info < (3, 11):
        pytest.skip("tomllib needs Python 3.11")
    import tomllib

    with (ROOT / "pyproject.toml").open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def test_the_changelog_matches_the_package_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog_problems(text, trafficking_model.__version__) == []


def test_the_package_version_is_the_installed_metadata() -> None:
    assert trafficking_model.__version__ == importlib.metadata.version(
        "trafficking-model"
    )
    Version(trafficking_model.__version__)  # PEP 440, or this raises


def test_the_installed_version_is_pyprojects() -> None:
    # A stale editable install would report an old version.
    assert trafficking_model.__version__ == _pyproject_version()


GOOD = """\
# Changelog

## [Unreleased]

### Added

- Something new.

## [0.2.0] - 2026-03-01

### Fixed

- A bug.

## [0.1.0] - 2026-01-15

### Added

- The first release.

[Unreleased]: https://example.org/compare/v0.2.0...HEAD
[0.2.0]: https://example.org/compare/v0.1.0...v0.2.0
[0.1.0]: https://example.org/releases/tag/v0.1.0
"""
RELEASED_GOOD = GOOD.replace("### Added\n\n- Something new.\n\n", "", 1)


@pytest.mark.parametrize(
    ("text", "version"),
    [
        (GOOD, "0.3.0.dev0"),
        (GOOD, "1.0.0rc1"),
        (RELEASED_GOOD, "0.2.0"),
        ("## [Unreleased]\n\n- First.\n\n[Unreleased]: https://e.org\n", "0.1.0.dev0"),
    ],
)
def test_a_consistent_changelog_passes(text: str, version: str) -> None:
    assert changelog_problems(text, version) == []


@pytest.mark.parametrize(
    ("text", "version", "problem"),
    [
        (GOOD, "0.2.0.dev0", "version 0.2.0.dev0 is not newer than the last release"),
        (GOOD, "0.2.0", "Unreleased still lists changes"),
        (RELEASED_GOOD, "0.3.0", "the newest released heading is 0.2.0"),
        (GOOD.replace("## [Unreleased]", "## Unreleased"), "0.3.0.dev0", "first"),
        (GOOD.replace("### Fixed", "### Bugfixes"), "0.3.0.dev0", "'### Bugfixes'"),
        (GOOD.replace("2026-03-01", "2025-03-01"), "0.3.0.dev0", "newest first"),
        (GOOD.replace("2026-03-01", "2026-02-30"), "0.3.0.dev0", "heading '[0.2.0]"),
        (GOOD.replace("[0.2.0] - ", "[0.2] - "), "0.3.0.dev0", "MAJOR.MINOR.PATCH"),
        (GOOD.replace("[0.1.0]: ", "[0.1]: "), "0.3.0.dev0", "no link definition"),
        (GOOD.replace(" - 2026-01-15", ""), "0.3.0.dev0", "is not '[X.Y.Z] - DATE'"),
    ],
)
def test_an_inconsistent_changelog_is_reported(
    text: str, version: str, problem: str
) -> None:
    problems = changelog_problems(text, version)
    assert any(problem in found for found in problems), problems
