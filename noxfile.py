"""Release engineering sessions: build, check, publish locally, test everywhere.

Run ``nox -l`` for the list. ``.ci/run`` runs::

    nox -s check_dist publish_e2e tests-3.13 lowest api workflows

- ``build``: the sdist and the wheel, built once per nox run into ``dist/``
  (``python -m build``: the wheel is built from the sdist).
- ``check_dist``: twine check, check-wheel-contents, what each archive holds,
  and the wheel installed in a fresh environment outside the source tree.
- ``publish_e2e``: upload to a pypiserver on loopback, install from it, use it.
- ``tests``: the test suite from the unpacked sdist against the installed
  wheel, on every Python the classifiers list.
- ``lowest``: the test suite with every declared lower bound installed, on the
  oldest Python.
- ``api``: griffe's API check against the last release tag, if there is one.
- ``workflows``: lint the GitHub workflows (their JSON schema, and zizmor).

The Pythons come from the classifiers in pyproject.toml; nox finds them on PATH
or under pyenv and never downloads one.
"""

from __future__ import annotations

import os
import re
import shutil
import tarfile
import tempfile
from pathlib import Path

import nox

nox.needs_version = ">=2025.5.1"
nox.options.default_venv_backend = "uv"
nox.options.download_python = "never"
nox.options.error_on_external_run = True
nox.options.sessions = [
    "check_dist",
    "publish_e2e",
    "tests",
    "lowest",
    "api",
    "workflows",
]

ROOT = Path(__file__).resolve().parent
DIST = ROOT / "dist"
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")
PYTHONS = nox.project.python_versions(PYPROJECT)
OLDEST, NEWEST = PYTHONS[0], PYTHONS[-1]
VERSION = PYPROJECT["project"]["version"]
# The variable the test suite reads to pick a Hypothesis settings profile
# (tests/conftest.py registers them). The extra runs here, on other Pythons and
# with the lowest dependencies, are for compatibility, not for exploring inputs,
# so they use the `compat` profile (10 examples a property) even where .ci/run
# sets a thorough one.
HYPOTHESIS_PROFILE_VARIABLE = "TRAFFICKING_MODEL_HYPOTHESIS_PROFILE"
FAST_PROFILE = "compat"
# Extras the `lowest` session leaves out: tools that the test suite never runs,
# and the heavy frames (pandas, pyarrow, DuckDB), whose lowest versions would
# build from source; their tests skip without them.
# (The benchmark's and mutation testing's tools are dependency groups, not extras.)
NOT_TESTED = frozenset({"docs", "pandas", "arrow", "test-tables"})

os.environ.setdefault("UV_PYTHON_DOWNLOADS", "never")


def _expose_pyenv_pythons() -> None:
    """Put pyenv's python3.X on PATH, newest patch of each supported X.

    pyenv's shims only run the versions selected in pyenv, so nox cannot use
    them to reach the others. Links to the real interpreters, in one directory
    at the front of PATH, reach them all and shadow nothing but python3.X.
    """
    versions = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    links = ROOT / ".nox" / ".pythons"
    found = False
    for minor in PYTHONS:
        candidates = [
            path
            for path in versions.glob(f"{minor}.*/bin/python{minor}")
            if re.fullmatch(rf"{re.escape(minor)}\.\d+", path.parent.parent.name)
        ]
        if not candidates:
            continue
        newest = max(
            candidates, key=lambda path: int(path.parent.parent.name.split(".")[2])
        )
        links.mkdir(parents=True, exist_ok=True)
        link = links / f"python{minor}"
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(newest)
        found = True
    if found:
        os.environ["PATH"] = f"{links}{os.pathsep}{os.environ.get('PATH', '')}"


_expose_pyenv_pythons()


def _group(name: str) -> tuple[str, ...]:
    return nox.project.dependency_groups(PYPROJECT, name)


def _artifacts() -> tuple[Path, Path]:
    """The sdist and the wheel that ``build`` made in this run."""
    sdist = DIST / f"trafficking_model-{VERSION}.tar.gz"
    wheel = DIST / f"trafficking_model-{VERSION}-py3-none-any.whl"
    for path in (sdist, wheel):
        if not path.is_file():
            raise FileNotFoundError(f"{path} is missing: run the build session")
    return sdist, wheel


def _python(session: nox.Session) -> str:
    """The session's own interpreter."""
    return str(Path(session.bin) / "python")


def _test_env() -> dict[str, str]:
    """Environment for the extra test runs: the fast Hypothesis profile."""
    return {HYPOTHESIS_PROFILE_VARIABLE: FAST_PROFILE}


@nox.session
def build(session: nox.Session) -> None:
    """Build the sdist, then the wheel from the sdist, into a clean dist/."""
    session.install(*_group("build"))
    shutil.rmtree(DIST, ignore_errors=True)
    session.run(
        "python", "-m", "build", "--installer=uv", "--outdir", str(DIST), str(ROOT)
    )


@nox.session(python=NEWEST, requires=["build"])
def check_dist(session: nox.Session) -> None:
    """Check the built distributions and use the wheel as a downstream user."""
    session.install(*_group("dist"))
    sdist, wheel = _artifacts()
    session.run("twine", "check", "--strict", str(sdist), str(wheel))
    session.run("check-wheel-contents", str(wheel))
    session.run("python", "scripts/inspect_dist.py", str(DIST))

    # The wheel again, straight from the source tree: byte for byte the same,
    # so the sdist is faithful and the build is reproducible.
    again = Path(session.create_tmp()).resolve() / "wheel-from-tree"
    shutil.rmtree(again, ignore_errors=True)
    session.run(
        "python", "-m", "build", "--installer=uv", "--wheel", "--outdir", str(again)
    )
    if (again / wheel.name).read_bytes() != wheel.read_bytes():
        session.error(
            "the wheel built from the tree differs from the one from the sdist"
        )

    # A downstream user: a fresh environment and a project outside the source
    # tree, so that nothing but the wheel can be imported or type-checked.
    with tempfile.TemporaryDirectory(prefix="tm-check-dist-") as temp:
        user = Path(temp)
        project = user / "project"
        project.mkdir()
        venv = user / "venv"
        python = str(venv / "bin" / "python")
        session.run("uv", "venv", "--quiet", "--python", _python(session), str(venv))
        session.run("uv", "pip", "install", "--python", python, str(wheel))
        shutil.copy(ROOT / "scripts" / "quickstart.py", project)
        with session.chdir(project):
            session.run(python, "-I", "-c", "import trafficking_model", external=True)
            session.run(python, "-I", "-m", "trafficking_model", external=True)
            session.run(
                python, "-I", "quickstart.py", "--prefix", str(venv), external=True
            )
        session.run(
            "python", ROOT / "scripts" / "check_downstream_types.py", python, project
        )


@nox.session(python=OLDEST, requires=["build"])
def publish_e2e(session: nox.Session) -> None:
    """Upload to a local pypiserver, install from it alone, run the quickstart."""
    session.install(*_group("publish"))
    _artifacts()
    session.run("python", "scripts/publish_e2e.py", str(DIST))


@nox.session(python=PYTHONS, requires=["build"])
def tests(session: nox.Session) -> None:
    """Run the sdist's test suite against the installed wheel."""
    sdist, wheel = _artifacts()
    session.install(f"trafficking-model[test,hypothesis] @ {wheel.as_uri()}")
    testpaths = PYPROJECT["tool"]["pytest"]["ini_options"]["testpaths"]
    pytest = ("python", "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider")
    with tempfile.TemporaryDirectory(prefix="tm-tests-") as temp:
        with tarfile.open(sdist) as archive:
            archive.extractall(temp, filter="data")
        (top,) = Path(temp).iterdir()
        # The sources sit beside the tests in the sdist; take them away so that
        # the tests can only import the installed wheel, and run the doctests
        # of the installed package instead of those of src/.
        shutil.rmtree(top / "src")
        with session.chdir(top):
            session.run(
                *pytest,
                *(path for path in testpaths if path != "src"),
                *session.posargs,
                env=_test_env(),
            )
            session.run(*pytest, "--pyargs", "trafficking_model", env=_test_env())


@nox.session(python=OLDEST)
def lowest(session: nox.Session) -> None:
    """Run the test suite with the lowest version of every declared dependency.

    Every extra counts but those whose tools the test suite does not run.
    """
    extras = sorted(set(PYPROJECT["project"]["optional-dependencies"]) - NOT_TESTED)
    session.install(
        "--resolution=lowest-direct", "--editable", f".[{','.join(extras)}]"
    )
    session.run("python", "scripts/check_lower_bounds.py", *extras)
    session.run(
        "python",
        "-m",
        "pytest",
        "-x",
        "-q",
        "-p",
        "no:cacheprovider",
        *session.posargs,
        env=_test_env(),
    )


def _last_release_tag(session: nox.Session) -> str | None:
    output = session.run(
        "git",
        "tag",
        "--list",
        "v*",
        "--sort=-v:refname",
        external=True,
        silent=True,
        log=False,
    )
    tags = [tag for tag in str(output).split() if re.fullmatch(r"v\d+\.\d+\.\d+", tag)]
    return tags[0] if tags else None


@nox.session
def api(session: nox.Session) -> None:
    """Compare the public API with the last release tag (griffe check).

    A breaking change fails the check unless the version in pyproject.toml
    announces it: a new major version (or, before 1.0, a new minor version).
    With no release tag yet, there is nothing to compare and the session says so.
    """
    tag = _last_release_tag(session)
    if tag is None:
        session.log("api: no release tag (vX.Y.Z) yet, nothing to compare against")
        return
    session.install(*_group("api"))
    released = tuple(int(part) for part in tag[1:].split("."))
    current = tuple(int(part) for part in re.findall(r"\d+", VERSION)[:3])
    breaking_allowed = (
        current[0] > released[0] if released[0] >= 1 else current[:2] > released[:2]
    )
    session.log(
        f"api: {VERSION} against {tag}; breaking changes allowed: {breaking_allowed}"
    )
    session.run(
        "griffe",
        "check",
        "trafficking_model",
        "--search",
        "src",
        "--against",
        tag,
        "--verbose",
        success_codes=[0, 1] if breaking_allowed else [0],
    )


@nox.session
def workflows(session: nox.Session) -> None:
    """Lint .github: the schemas of the workflows and of Dependabot, then zizmor."""
    session.install(*_group("workflows"))
    github = ROOT / ".github"
    files = sorted(str(path) for path in (github / "workflows").glob("*.y*ml"))
    session.run(
        "check-jsonschema", "--builtin-schema", "vendor.github-workflows", *files
    )
    session.run(
        "check-jsonschema",
        "--builtin-schema",
        "vendor.dependabot",
        str(github / "dependabot.yml"),
    )
    session.run("zizmor", "--offline", "--no-progress", str(github))
