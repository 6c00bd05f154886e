"""The built site: no dead internal link, no edit or view link to a missing file.

The site is built once, offline, as `.ci/run` builds it. The API reference's
signatures are wrapped (mkdocstrings formats them with ruff, from the `docs`
extra), so a long signature spans several lines with its defaults.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
REPOSITORY = "https://github.com/trafficking-model/trafficking-model/"
BASE = "/trafficking-model/"
"""The path of `site_url`, from which 404.html links."""

pytest.importorskip("mkdocs")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(
        self, tag: str, attributes: list[tuple[str, str | None]]
    ) -> None:
        for name, value in attributes:
            if name in {"href", "src"} and value is not None:
                self.links.append(value)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--site-dir",
            str(folder),
        ],
        cwd=ROOT,
        env={**os.environ, "DOCS_OFFLINE": "1", "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Formatting signatures" not in result.stderr
    return folder


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_internal_link_leads_to_a_file(site: Path) -> None:
    dead = []
    for page in _pages(site):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            path = unquote(parts.path)
            if path.startswith(BASE):  # 404.html links from the site's root
                target = site / path.removeprefix(BASE)
            else:
                target = (page.parent / path).resolve()
            if target.is_dir():
                target /= "index.html"
            if not target.exists():
                dead.append(f"{page.relative_to(site)}: {link}")
    assert dead == []


def test_every_edit_and_view_link_points_at_a_file_of_the_repository(
    site: Path,
) -> None:
    wrong = []
    seen = 0
    for page in _pages(site):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            match = re.fullmatch(
                re.escape(REPOSITORY) + r"(edit|raw|blob)/main/(.+)", link
            )
            if match is None:
                continue
            seen += 1
            if not (ROOT / unquote(match.group(2))).is_file():
                wrong.append(f"{page.relative_to(site)}: {link}")
    assert seen > 0
    assert wrong == []


def test_api_signatures_are_wrapped_with_their_defaults(site: Path) -> None:
    html = (site / "reference/api/victims/index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    # Victim's signature: one parameter per line, with its default.
    assert re.search(r"\n\s+age: int \| None = None,\n", text), "not wrapped"
