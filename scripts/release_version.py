"""Version chores of the release workflow (.github/workflows/release.yml).

``python scripts/release_version.py stamp-dev N`` gives a development version a
unique number before a TestPyPI upload, so that every push to main can be
published there (an index never takes the same version twice): ``0.2.0.dev0``
becomes ``0.2.0.devN``, N being the workflow's run number. A final version is
left alone; the TestPyPI job skips it if it is already there.

``python scripts/release_version.py check-tag TAG`` fails unless TAG is ``v``
followed by the version in pyproject.toml, and that version is not a
development version: what a GitHub release publishes is what it is named.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
VERSION_LINE = re.compile(r'^version = "(?P<version>[^"]+)"$', re.MULTILINE)


def project_version(pyproject: str) -> str:
    r"""The static version in the text of pyproject.toml.

    >>> project_version('[project]\nname = "x"\nversion = "0.2.0.dev0"\n')
    '0.2.0.dev0'
    """
    matches = VERSION_LINE.findall(pyproject)
    if len(matches) != 1:
        raise SystemExit(f"expected one 'version = ...' line, found {len(matches)}")
    return str(matches[0])


def stamped(version: str, number: int) -> str:
    """The version with its development number replaced by `number`.

    >>> stamped("0.2.0.dev0", 57)
    '0.2.0.dev57'
    >>> stamped("1.0.0rc1.dev3", 57)
    '1.0.0rc1.dev57'
    >>> stamped("0.2.0", 57)
    '0.2.0'
    """
    return re.sub(r"\.dev\d+$", f".dev{number}", version)


def tag_problem(tag: str, version: str) -> str | None:
    """Why a release tag does not fit the version, or None if it does.

    >>> tag_problem("v0.2.0", "0.2.0") is None
    True
    >>> tag_problem("v1.0.0rc1", "1.0.0rc1") is None
    True
    >>> tag_problem("v0.2.1", "0.2.0")
    "tag 'v0.2.1' does not name version 0.2.0 (expected 'v0.2.0')"
    >>> tag_problem("v0.2.0.dev0", "0.2.0.dev0")
    'version 0.2.0.dev0 is a development version: bump it before releasing'
    """
    if tag != f"v{version}":
        return f"tag {tag!r} does not name version {version} (expected 'v{version}')"
    if ".dev" in version:
        return f"version {version} is a development version: bump it before releasing"
    return None


def main(argv: list[str]) -> int:
    """Run one of the two commands on the project's pyproject.toml."""
    if len(argv) != 3 or argv[1] not in {"stamp-dev", "check-tag"}:
        print(__doc__, file=sys.stderr)
        return 2
    text = PYPROJECT.read_text(encoding="utf-8")
    version = project_version(text)
    if argv[1] == "check-tag":
        problem = tag_problem(argv[2], version)
        if problem:
            print(f"release_version: {problem}", file=sys.stderr)
            return 1
        print(f"release_version: tag {argv[2]} names version {version}")
        return 0
    new = stamped(version, int(argv[2]))
    PYPROJECT.write_text(
        VERSION_LINE.sub(f'version = "{new}"', text, count=1), encoding="utf-8"
    )
    print(f"release_version: {version} -> {new}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
