"""The documentation's examples run, and its rule tables match the code.

The examples themselves are collected and run by Sybil (see `conftest.py` at the
repository root). The tests here guard that set-up:

- every Python code block in the Markdown is one that Sybil runs: a block marked
  `py`, `pycon` or `python title="..."` would otherwise be silently skipped;
- every rule the code declares appears in a rules table of the concepts
  pages, and no table names a rule the code does not have; the tables are
  generated from the rules the code declares (`tools/docs/rule_tables.py`);
- the command-line output shown in the quickstart is what the command prints.
"""

from __future__ import annotations

import doctest
import importlib.util
import re
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pytest

import trafficking_model
from trafficking_model import _rules, vocabularies
from trafficking_model.__main__ import main

if TYPE_CHECKING:
    from sybil import Sybil


ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
# The package under test, wherever it is installed: the release checks run these
# tests from the sdist against the wheel, with no src/ beside them.
SOURCE = Path(trafficking_model.__file__).resolve().parent
MARKDOWN = sorted([*DOCS.rglob("*.md"), ROOT / "README.md", ROOT / "CONTRIBUTING.md"])
CONCEPTS = sorted((DOCS / "concepts").glob("*.md"))

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*)$")
PYTHON_LANGUAGES = {"python", "py", "python3", "pycon", "py3", "ipython", "pyi"}


def _markdown_examples() -> Sybil:
    """The Sybil set-up that pytest uses, from the root `conftest.py`."""
    spec = importlib.util.spec_from_file_location(
        "_docs_conftest", ROOT / "conftest.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sybil: Sybil = module.MARKDOWN_EXAMPLES
    return sybil


def _fenced_blocks(text: str) -> list[tuple[int, int, str, str]]:
    """Each fenced code block as (start offset, end offset, info string, body)."""
    blocks = []
    opened: tuple[int, str, str, int] | None = None
    offset = 0
    for line in text.splitlines(keepends=True):
        match = FENCE.match(line.rstrip("\n"))
        if opened is None and match:
            opened = (offset, match["fence"], match["info"].strip(), offset + len(line))
        elif (
            opened is not None
            and match
            and match["fence"].startswith(opened[1])
            and not match["info"].strip()
        ):
            start, _, info, body_start = opened
            blocks.append((start, offset + len(line), info, text[body_start:offset]))
            opened = None
        offset += len(line)
    assert opened is None, "a code fence is never closed"
    return blocks


@pytest.mark.parametrize("path", MARKDOWN, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_python_block_is_run(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    starts = [example.start for example in _markdown_examples().parse(path)]
    for start, end, info, _ in _fenced_blocks(text):
        language = info.split(" ", 1)[0] if info else ""
        if language.lower() not in PYTHON_LANGUAGES:
            continue
        line = text.count("\n", 0, start) + 1
        assert info == "python", (
            f"{path.name}:{line}: mark Python blocks exactly ```python, "
            f"or Sybil will not run them (found {info!r})"
        )
        assert any(start <= example < end for example in starts), (
            f"{path.name}:{line}: Sybil found no example in this block"
        )


def _rule_ids(page: Path) -> list[str]:
    """The rules a page's rule tables name, in order."""
    return [
        rule
        for ids in _docs_tool("rule_tables").rule_ids(page.read_text(encoding="utf-8"))
        for rule in ids
    ]


def test_the_concepts_pages_have_rules_tables() -> None:
    # Guards the next tests, which would pass vacuously on no tables.
    assert len(CONCEPTS) >= 7
    assert all(_rule_ids(page) for page in CONCEPTS if page.name != "index.md")


def test_every_rule_in_the_code_is_documented_and_no_other() -> None:
    documented = {rule for page in CONCEPTS for rule in _rule_ids(page)}
    in_code = set(_rules.declared())
    assert len(in_code) >= 20
    assert documented == in_code, (
        f"rules without a table row: {sorted(in_code - documented)}; "
        f"rows for rules the code does not have: {sorted(documented - in_code)}"
    )


@pytest.mark.parametrize("page", CONCEPTS, ids=lambda path: path.name)
def test_the_rule_tables_are_generated_from_the_registry(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    rendered: str = _docs_tool("rule_tables").render(text)
    assert "<!-- rules:" not in rendered
    for rule in _rule_ids(page):
        meaning = _rules.RULES[rule].meaning
        assert f"| `{rule}` | {meaning} | " in rendered, rule


def test_the_quickstart_shows_what_the_command_prints(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = (DOCS / "quickstart.md").read_text(encoding="utf-8")
    after_marker = text[text.index("<!-- cli-output") :]
    shown = next(
        body for _, _, info, body in _fenced_blocks(after_marker) if info == "text"
    )
    assert main([]) == 0
    assert shown == capsys.readouterr().out


def _docs_tool(name: str) -> ModuleType:
    """A module of `tools/docs/` that does not import MkDocs."""
    path = ROOT / "tools" / "docs" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"_docs_tool_{name}", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "name", ["vocabulary_tables", "api_page", "field_tables", "rule_tables"]
)
def test_the_docs_tools_examples_hold(name: str) -> None:
    results = doctest.testmod(
        _docs_tool(name), optionflags=doctest.NORMALIZE_WHITESPACE
    )
    assert results.attempted > 0
    assert results.failed == 0


def test_the_vocabularies_page_gets_a_table_per_vocabulary() -> None:
    tables = _docs_tool("vocabulary_tables")
    page = (DOCS / "reference" / "vocabularies.md").read_text(encoding="utf-8")
    assert tables.MARKER in page
    rendered: str = tables.render_all()
    for name in vocabularies.__all__:
        vocabulary = getattr(vocabularies, name)
        assert f"## `{name}`" in rendered
        for member in vocabulary:
            row = f"| `{member.value}` | `{name}.{member.name}` | {member.label} |"
            assert row in rendered


def test_the_field_tables_come_from_the_declared_kinds() -> None:
    tables = _docs_tool("field_tables")
    pages = {
        page.relative_to(DOCS).as_posix(): page.read_text(encoding="utf-8")
        for page in DOCS.rglob("*.md")
    }
    asked = {
        page: tables.MARKER.findall(text)
        for page, text in pages.items()
        if tables.MARKER.search(text)
    }
    assert asked == {
        "concepts/stakeholders.md": ["Stakeholder"],
        "concepts/victim-statistics.md": ["Victim"],
        "reference/fields.md": ["*"],
    }
    for page in asked:
        rendered = tables.replace_markers(pages[page], page)
        assert not tables.MARKER.search(rendered)
    victim = tables.render_fields(
        trafficking_model.Victim, "concepts/victim-statistics.md"
    )
    assert "| `age` | int | 0 to 120; may be `None`; default `None` |" in victim
    assert "[`Sex`](../reference/vocabularies.md#sex)" in victim
    everything = tables.render_all("reference/fields.md")
    assert everything.count("\n## ") + 1 == len(tables.classes())
