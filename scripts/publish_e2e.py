"""Publish the built distributions through a real package index, then use them.

Usage: ``python scripts/publish_e2e.py DIST_DIR`` in an environment that has
pypiserver, passlib and twine (the ``publish`` dependency group; ``nox -s
publish_e2e`` sets it up). Everything happens on loopback:

1. A fresh user environment is made with ``python -m venv`` from this Python.
   The wheels of the package's dependencies (``[hypothesis]`` included) are
   downloaded into the index's directory, as a mirror would hold them.
2. pypiserver starts on 127.0.0.1, on a free port, with uploads authenticated
   against an htpasswd file (passlib) and no fallback to another index.
3. An upload with a wrong password is refused; ``twine upload`` with the right
   one publishes the sdist and the wheel.
4. In the user environment, pip installs ``trafficking-model[hypothesis]`` from
   that index only: no configuration file, no ``PIP_*`` variable, an explicit
   ``--index-url``. pip's ``--report`` must show that every file came from it.
5. The quickstart (``scripts/quickstart.py``) runs there, from outside the
   source tree: the reference example's figures, a ValidationError, the extra.
6. Uploading the same version again is refused.
7. The server is stopped, whatever happened, and its port is checked closed.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from passlib.apache import HtpasswdFile

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from types import FrameType

HOST = "127.0.0.1"
USER = "release-e2e"
QUICKSTART = Path(__file__).resolve().parent / "quickstart.py"
START_TIMEOUT = 30.0


def step(message: str) -> None:
    """Announce a step."""
    print(f"\n== publish_e2e: {message}", flush=True)


def fail(message: str) -> NoReturn:
    """Stop with a message; the caller's ``finally`` stops the server."""
    raise SystemExit(f"publish_e2e: FAILED: {message}")


def run(
    command: Sequence[str | Path],
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    expect_failure: bool = False,
) -> str:
    """Run a command, echo its output, and return it; check its exit status."""
    print("+ " + " ".join(str(part) for part in command), flush=True)
    result = subprocess.run(
        [str(part) for part in command],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    output = result.stdout + result.stderr
    print(output, end="" if output.endswith("\n") or not output else "\n")
    if expect_failure and result.returncode == 0:
        fail(f"expected {command[:4]} to fail, it succeeded")
    if not expect_failure and result.returncode != 0:
        fail(f"{command[:4]} exited {result.returncode}")
    return output


def free_port() -> int:
    """A port on loopback that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def port_open(port: int) -> bool:
    """Whether something accepts connections on HOST:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(1.0)
        return probe.connect_ex((HOST, port)) == 0


def isolated_env() -> dict[str, str]:
    """The environment for the user's pip: no pip settings from this machine."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PIP_", "UV_", "PYTHON")) and key != "VIRTUAL_ENV"
    }
    env["PIP_CONFIG_FILE"] = os.devnull  # no global, user or site pip.conf
    env["PIP_NO_INPUT"] = "1"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


class Index:
    """A pypiserver on loopback with authenticated uploads, always stopped."""

    def __init__(self, workdir: Path) -> None:
        """Prepare the package directory and the password file under workdir."""
        self.packages = workdir / "packages"
        self.packages.mkdir()
        self.password = secrets.token_urlsafe(24)
        self.htpasswd = workdir / "htpasswd"
        passwords = HtpasswdFile(str(self.htpasswd), new=True)
        passwords.set_password(USER, self.password)
        passwords.save()
        self.log = workdir / "pypiserver.log"
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The server's base URL; uploads go here."""
        return f"http://{HOST}:{self.port}/"

    @property
    def simple(self) -> str:
        """The simple index (PEP 503) that pip reads."""
        return f"{self.url}simple/"

    def start(self) -> None:
        """Start pypiserver on a free loopback port and wait until it answers."""
        for _attempt in range(3):  # another process may take the port first
            self.port = free_port()
            with self.log.open("ab") as log:
                self.process = subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "pypiserver",
                        "run",
                        "--host",
                        HOST,
                        "--port",
                        str(self.port),
                        "--passwords",
                        str(self.htpasswd),
                        "--authenticate",
                        "update",
                        "--disable-fallback",
                        "--backend",
                        "simple-dir",
                        "--server",
                        "wsgiref",
                        str(self.packages),
                    ],
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            if self._wait_until_up():
                print(f"pypiserver up at {self.url} (pid {self.process.pid})")
                return
            self.stop()
        fail(f"pypiserver did not start; its log:\n{self.log.read_text()}")

    def _wait_until_up(self) -> bool:
        assert self.process is not None
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(f"{self.url}health", timeout=2) as reply:
                    if reply.status == 200:
                        return True
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.2)
        return False

    def stop(self) -> None:
        """Stop the server if it runs; check that its port is closed."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        print(f"pypiserver stopped (exit {self.process.returncode})")
        self.process = None
        if port_open(self.port):
            fail(f"port {self.port} still accepts connections after the stop")

    def listing(self, project: str) -> str:
        """The simple index page of one project."""
        with urllib.request.urlopen(f"{self.simple}{project}/", timeout=10) as reply:
            return str(reply.read().decode())

    def __enter__(self) -> Index:
        """Start the server."""
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        """Stop the server, whatever happened inside the block."""
        self.stop()


def twine_upload(
    index: Index,
    files: Sequence[Path],
    password: str,
    *,
    expect_failure: bool,
    verbose: bool = False,
) -> str:
    """Upload files with twine to the index, as USER with this password."""
    env = dict(os.environ)
    env.update(TWINE_USERNAME=USER, TWINE_PASSWORD=password, NO_COLOR="1")
    env.pop("TWINE_REPOSITORY", None)
    return run(
        [
            sys.executable,
            "-m",
            "twine",
            "upload",
            "--repository-url",
            index.url,
            "--non-interactive",
            "--disable-progress-bar",
            *(["--verbose"] if verbose else []),
            *files,
        ],
        env=env,
        expect_failure=expect_failure,
    )


def installed_from(report: Path) -> Iterator[tuple[str, str]]:
    """(name, url) of every distribution pip's installation report lists."""
    for item in json.loads(report.read_text())["install"]:
        yield item["metadata"]["name"], item["download_info"]["url"]


def _stop_on_sigterm(signum: int, _frame: FrameType | None) -> None:
    # Turn SIGTERM into SystemExit so that the `with Index` block stops the server.
    raise SystemExit(128 + signum)


def main(argv: list[str]) -> int:
    """Run the whole publish-and-install path; exit 0 when every step holds."""
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    dist = Path(argv[1]).resolve()
    wheels = sorted(dist.glob("trafficking_model-*.whl"))
    sdists = sorted(dist.glob("trafficking_model-*.tar.gz"))
    if len(wheels) != 1 or len(sdists) != 1:
        fail(f"expected one wheel and one sdist in {dist}")
    wheel, sdist = wheels[0], sdists[0]
    version = wheel.name.split("-")[1]
    with tempfile.TemporaryDirectory(prefix="tm-publish-e2e-") as temp:
        workdir = Path(temp)
        step(f"fresh user environment on Python {sys.version.split()[0]}")
        user_venv = workdir / "user-venv"
        run([sys.executable, "-m", "venv", user_venv])
        user_python = user_venv / "bin" / "python"
        index = Index(workdir)

        step("mirror the dependencies' wheels into the index directory")
        run(
            [
                user_python,
                "-m",
                "pip",
                "download",
                "--only-binary=:all:",
                "--dest",
                index.packages,
                f"trafficking-model[hypothesis] @ {wheel.as_uri()}",
            ]
        )
        for own in index.packages.glob("trafficking_model-*"):
            own.unlink()  # the package itself arrives only by upload
        mirrored = sorted(path.name for path in index.packages.iterdir())
        print(f"{len(mirrored)} dependency wheels: {', '.join(mirrored)}")

        with index:
            step("an upload with a wrong password is refused")
            refused = twine_upload(
                index, [wheel], "not-" + index.password, expect_failure=True
            )
            if "403" not in refused and "401" not in refused:
                fail("the unauthenticated upload failed, but not with 401/403")
            if any(index.packages.glob("trafficking_model-*")):
                fail("the refused upload left a file in the index")

            step("twine upload with the right credentials")
            twine_upload(index, [sdist, wheel], index.password, expect_failure=False)
            listing = index.listing("trafficking-model")
            for path in (sdist, wheel):
                if path.name not in listing:
                    fail(f"{path.name} is not in the index after the upload")

            step("pip install trafficking-model[hypothesis] from that index only")
            report = workdir / "pip-report.json"
            run(
                [
                    user_python,
                    "-m",
                    "pip",
                    "install",
                    "--no-cache-dir",
                    "--index-url",
                    index.simple,
                    "--report",
                    report,
                    f"trafficking-model[hypothesis]=={version}",
                ],
                env=isolated_env(),
                cwd=workdir,
            )
            sources = dict(installed_from(report))
            print(f"installed {len(sources)} distributions")
            elsewhere = {
                name: url
                for name, url in sources.items()
                if not url.startswith(index.url)
            }
            if elsewhere:
                fail(f"pip took files from elsewhere than the index: {elsewhere}")
            if sources.get("trafficking-model") != f"{index.url}packages/{wheel.name}":
                fail(f"trafficking-model came from {sources.get('trafficking-model')}")
            if "hypothesis" not in sources:
                fail("the hypothesis extra did not install hypothesis")

            step("run the quickstart in the user environment")
            elsewhere_dir = workdir / "user-project"
            elsewhere_dir.mkdir()
            shutil.copy(QUICKSTART, elsewhere_dir / QUICKSTART.name)
            run(
                [
                    user_python,
                    "-I",  # isolated: no PYTHON* variables, no script dir magic
                    QUICKSTART.name,
                    "--prefix",
                    user_venv,
                    "--hypothesis",
                ],
                env=isolated_env(),
                cwd=elsewhere_dir,
            )
            run([user_python, "-I", "-m", "trafficking_model"], cwd=elsewhere_dir)

            step("the trafficking-model command works from the wheel")
            command = user_venv / "bin" / "trafficking-model"
            version = run([command, "--version"], cwd=elsewhere_dir)
            if wheel.name.split("-")[1] not in version:
                fail(f"--version printed {version!r}, not the wheel's version")
            periods = elsewhere_dir / "periods.jsonl"
            periods.write_text(
                '{"start": "2020-01-01", "end": "2020-12-31"}\n'
                '{"start": "2021-01-01", "end": "2021-12-31"}\n',
                encoding="utf-8",
            )
            run([command, "validate", periods.name], cwd=elsewhere_dir)
            run([command, "summary", periods.name], cwd=elsewhere_dir)
            run([command, "convert", periods.name, "periods.csv"], cwd=elsewhere_dir)
            run(
                [command, "validate", "periods.csv", "--type", "period"],
                cwd=elsewhere_dir,
            )
            run([command, "schema", "victim"], cwd=elsewhere_dir)
            broken = elsewhere_dir / "broken.json"
            broken.write_text('{"start": "2021-01-01", "end": "2020-12-31"}')
            run(
                [command, "validate", broken.name],
                cwd=elsewhere_dir,
                expect_failure=True,
            )

            step("a second upload of the same version is refused")
            again = twine_upload(
                index, [sdist, wheel], index.password, expect_failure=True, verbose=True
            )
            # pypiserver answers twine with 400, as PyPI does, and 409 to others.
            if "already exists" not in " ".join(again.split()):
                fail("the second upload failed, but not because the file exists")
    step("passed: built, uploaded, installed from the index and used")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
