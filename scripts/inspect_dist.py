"""Check what the sdist and the wheel hold, and what their metadata says.

Usage: ``python scripts/inspect_dist.py DIST_DIR`` from the project root, where
DIST_DIR holds exactly one sdist and one wheel of the current version.

The sdist must hold everything needed to build, test and document the package:
every git-tracked file under ``src/``, ``tests/`` and ``docs/``, plus
``pyproject.toml``, ``README.md``, ``CHANGELOG.md``, ``LICENSE`` and
``mkdocs.yml``, and nothing that git does not track (no stray local files).

The wheel must hold the package, its ``py.typed`` marker and its ``.dist-info``,
nothing else; its metadata must say what ``pyproject.toml`` says, and the
long description must have no relative links (they would be dead on PyPI).

Exits 1 listing every problem found, 0 when there is none.
"""

from __future__ import annotations

import email.message
import email.parser
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path, PurePosixPath

import tomllib

PACKAGE = "trafficking_model"
ROOT = Path(__file__).resolve().parent.parent
SDIST_MUST_HOLD = (
    "PKG-INFO",
    "pyproject.toml",
    "README.md",
    "CHANGELOG.md",
    "LICENSE",
    "mkdocs.yml",
    f"src/{PACKAGE}/__init__.py",
    f"src/{PACKAGE}/py.typed",
    "tests/conftest.py",
    "docs/index.md",
)
SDIST_TRACKED_TREES = ("src", "tests", "docs")
JUNK_PARTS = frozenset(
    {
        ".git",
        ".venv",
        ".nox",
        "__pycache__",
        ".pytest_cache",
        ".mypy_cache",
        ".ruff_cache",
        ".hypothesis",
        "dist",
        "build",
        "site",
    }
)
JUNK_SUFFIXES = (".pyc", ".pyo", ".so", ".pyd", ".orig", ".rej", ".swp")
PROJECT_URLS = ("Documentation", "Source", "Changelog", "Issues")
RELATIVE_LINK = re.compile(r"\]\((?!https?://|mailto:|#)([^)\s]+)\)")


class Report:
    """Collects problems, so that one run shows all of them."""

    def __init__(self) -> None:
        """Start with no problems."""
        self.problems: list[str] = []

    def check(self, condition: bool, problem: str) -> None:
        """Record `problem` unless `condition` holds."""
        if not condition:
            self.problems.append(problem)


def _tracked_files(trees: tuple[str, ...]) -> set[str] | None:
    """Git-tracked files under `trees`, or None outside a git work tree."""
    try:
        listing = subprocess.run(
            ["git", "ls-files", "-z", "--", *trees],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return {name for name in listing.split("\0") if name}


def _is_junk(name: str) -> bool:
    path = PurePosixPath(name)
    return bool(JUNK_PARTS.intersection(path.parts)) or name.endswith(JUNK_SUFFIXES)


def _parse_metadata(text: str) -> email.message.Message:
    return email.parser.Parser().parsestr(text)


def check_sdist(sdist: Path, version: str, report: Report) -> email.message.Message:
    """Check the sdist's layout and contents; return its PKG-INFO."""
    top = f"{PACKAGE}-{version}"
    with tarfile.open(sdist) as archive:
        members = [member for member in archive.getmembers() if member.isfile()]
        names = {member.name for member in members}
        pkg_info = archive.extractfile(f"{top}/PKG-INFO")
        assert pkg_info is not None
        metadata = _parse_metadata(pkg_info.read().decode())
    outside = sorted(name for name in names if not name.startswith(f"{top}/"))
    report.check(not outside, f"sdist: files outside {top}/: {outside}")
    inside = {name.removeprefix(f"{top}/") for name in names}
    for required in SDIST_MUST_HOLD:
        report.check(required in inside, f"sdist: {required} is missing")
    junk = sorted(name for name in inside if _is_junk(name))
    report.check(not junk, f"sdist: build or cache files: {junk}")
    tracked = _tracked_files((*SDIST_TRACKED_TREES, *SDIST_MUST_HOLD))
    if tracked is None:
        print("note: not a git work tree; sdist not compared with git ls-files")
    else:
        in_trees = {
            name
            for name in tracked
            if name.split("/", 1)[0] in SDIST_TRACKED_TREES or name in SDIST_MUST_HOLD
        }
        missing = sorted(in_trees - inside)
        report.check(not missing, f"sdist: tracked files left out: {missing}")
        every_tracked = _tracked_files(()) or set()
        untracked = sorted(inside - every_tracked - {"PKG-INFO"})
        report.check(
            not untracked, f"sdist: files that git does not track: {untracked}"
        )
    print(f"sdist {sdist.name}: {len(inside)} files")
    return metadata


def check_wheel(wheel: Path, version: str, report: Report) -> email.message.Message:
    """Check that the wheel holds only the package and its metadata."""
    dist_info = f"{PACKAGE}-{version}.dist-info"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = _parse_metadata(archive.read(f"{dist_info}/METADATA").decode())
        wheel_file = _parse_metadata(archive.read(f"{dist_info}/WHEEL").decode())
    strays = sorted(
        name for name in names if not name.startswith((f"{PACKAGE}/", f"{dist_info}/"))
    )
    report.check(not strays, f"wheel: files outside the package: {strays}")
    junk = sorted(name for name in names if _is_junk(name))
    report.check(not junk, f"wheel: build or cache files: {junk}")
    report.check(f"{PACKAGE}/py.typed" in names, "wheel: py.typed is missing")
    for required in ("METADATA", "WHEEL", "RECORD", "licenses/LICENSE"):
        report.check(
            f"{dist_info}/{required}" in names, f"wheel: {required} is missing"
        )
    package_files = {
        name.removeprefix(f"{PACKAGE}/")
        for name in names
        if name.startswith(f"{PACKAGE}/")
    }
    tracked = _tracked_files((f"src/{PACKAGE}",))
    if tracked is not None:
        source_files = {name.removeprefix(f"src/{PACKAGE}/") for name in tracked}
        report.check(
            package_files == source_files,
            "wheel: package files differ from the tracked sources: "
            f"only in wheel {sorted(package_files - source_files)}, "
            f"only in src {sorted(source_files - package_files)}",
        )
    report.check(
        wheel_file.get_all("Tag") == ["py3-none-any"],
        f"wheel: tags {wheel_file.get_all('Tag')}, expected py3-none-any",
    )
    report.check(
        wheel_file.get("Root-Is-Purelib") == "true", "wheel: not a purelib wheel"
    )
    print(f"wheel {wheel.name}: {len(package_files)} package files")
    return metadata


def _python_floor(requires_python: str) -> tuple[int, int]:
    match = re.fullmatch(r">=\s*3\.(\d+)", requires_python)
    assert match, f"requires-python {requires_python!r} is not '>=3.N'"
    return 3, int(match.group(1))


def check_metadata(
    metadata: email.message.Message, project: dict[str, object], report: Report
) -> None:
    """Check the core metadata against pyproject.toml's [project] table."""
    report.check(
        metadata["Name"] == project["name"], f"metadata: name {metadata['Name']}"
    )
    report.check(
        metadata["Version"] == project["version"],
        f"metadata: version {metadata['Version']} != {project['version']}",
    )
    requires_python = str(project["requires-python"])
    report.check(
        metadata["Requires-Python"] == requires_python,
        f"metadata: Requires-Python {metadata['Requires-Python']}",
    )
    report.check(
        metadata["License-Expression"] == project["license"],
        f"metadata: License-Expression {metadata['License-Expression']}",
    )
    report.check(
        metadata.get_all("License-File") == ["LICENSE"],
        f"metadata: License-File {metadata.get_all('License-File')}",
    )
    classifiers = metadata.get_all("Classifier") or []
    report.check(
        classifiers == project["classifiers"],
        "metadata: classifiers differ from pyproject.toml",
    )
    report.check("Typing :: Typed" in classifiers, "metadata: no Typing :: Typed")
    versions = sorted(
        tuple(int(part) for part in found.split("."))
        for classifier in classifiers
        if (found := classifier.removeprefix("Programming Language :: Python :: "))
        != classifier
        and re.fullmatch(r"3\.\d+", found)
    )
    floor = _python_floor(requires_python)
    report.check(
        bool(versions) and versions[0] == floor,
        f"metadata: oldest Python classifier {versions[:1]} is not the "
        f"requires-python floor {floor}",
    )
    report.check(
        versions == [(3, minor) for minor in range(floor[1], floor[1] + len(versions))],
        f"metadata: Python classifiers {versions} have a gap",
    )
    urls = {
        entry.split(",", 1)[0].strip()
        for entry in metadata.get_all("Project-URL") or []
    }
    for label in PROJECT_URLS:
        report.check(label in urls, f"metadata: no {label} project URL")
    extras = set(metadata.get_all("Provides-Extra") or [])
    report.check("hypothesis" in extras, "metadata: no hypothesis extra")
    # Only what a user installs: development tools are dependency groups.
    optional = project.get("optional-dependencies", {})
    assert isinstance(optional, dict)
    declared = set(optional)
    report.check(
        extras == declared,
        f"metadata: extras {sorted(extras)} != {sorted(declared)} in pyproject.toml",
    )
    runtime = sorted(
        requirement
        for requirement in metadata.get_all("Requires-Dist") or []
        if "extra ==" not in requirement
    )
    dependencies = project["dependencies"]
    assert isinstance(dependencies, list)
    report.check(
        runtime == sorted(dependencies),
        f"metadata: Requires-Dist {runtime} != {sorted(dependencies)}",
    )
    report.check(
        metadata["Description-Content-Type"] == "text/markdown",
        f"metadata: description type {metadata['Description-Content-Type']}",
    )
    description = metadata.get_payload()
    assert isinstance(description, str)
    report.check(
        "# trafficking-model" in description, "metadata: README is not the description"
    )
    relative = RELATIVE_LINK.findall(description)
    report.check(
        not relative,
        f"metadata: relative links, dead on PyPI, in the description: {relative}",
    )


def main(argv: list[str]) -> int:
    """Inspect the one sdist and the one wheel in argv[1]."""
    dist = Path(argv[1])
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    version = project["version"]
    sdists = sorted(dist.glob("*.tar.gz"))
    wheels = sorted(dist.glob("*.whl"))
    report = Report()
    report.check(
        [path.name for path in sdists] == [f"{PACKAGE}-{version}.tar.gz"],
        f"dist: expected one sdist of {version}, found {sdists}",
    )
    report.check(
        [path.name for path in wheels] == [f"{PACKAGE}-{version}-py3-none-any.whl"],
        f"dist: expected one wheel of {version}, found {wheels}",
    )
    if not report.problems:
        sdist_metadata = check_sdist(sdists[0], version, report)
        wheel_metadata = check_wheel(wheels[0], version, report)
        check_metadata(wheel_metadata, project, report)
        report.check(
            sorted(sdist_metadata.items()) == sorted(wheel_metadata.items())
            and sdist_metadata.get_payload() == wheel_metadata.get_payload(),
            "metadata: the sdist's PKG-INFO and the wheel's METADATA differ",
        )
    for problem in report.problems:
        print(f"PROBLEM {problem}", file=sys.stderr)
    if report.problems:
        return 1
    print("inspect_dist: the sdist and the wheel hold what they should")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
