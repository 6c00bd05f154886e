"""MkDocs hooks for the trafficking-model documentation.

- The vocabularies page gets its tables from the code at build time; a
  page with a `<!-- fields: Victim -->` comment a table of that class's fields,
  from the kinds they declare; and the concepts pages their rule tables (see
  `rule_tables.py`).
- With `DOCS_OFFLINE=1` in the environment, the build skips downloading the
  Python, attrs and cattrs inventories, so that it can run strictly on a machine
  without internet access (as `.ci/run` does); links to those docs are then left
  out. Builds that publish the site (GitHub Actions, Read the Docs) keep them.
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING, Any

import rule_tables
from field_tables import replace_markers
from mkdocs.plugins import event_priority
from vocabulary_tables import MARKER, render_all

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.trafficking_model")


@event_priority(100)  # Before mkdocstrings starts its downloads.
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Drop the external inventories when `DOCS_OFFLINE` is set."""
    if os.environ.get("DOCS_OFFLINE", "") not in ("", "0"):
        handlers: dict[str, Any] = config.plugins["mkdocstrings"].config["handlers"]
        for name, handler in handlers.items():
            if handler.get("inventories"):
                log.info("DOCS_OFFLINE: not loading the %s inventories", name)
                handler["inventories"] = []
    return config


def on_page_markdown(
    markdown: str,
    page: Page,
    config: MkDocsConfig,
    files: Files,
) -> str:
    """Put the generated vocabulary, field and rule tables where a page asks."""
    if MARKER in markdown:
        markdown = markdown.replace(MARKER, render_all())
    markdown = replace_markers(markdown, page.file.src_uri)
    return rule_tables.render(markdown)


def on_page_content(
    html: str,
    page: Page,
    config: MkDocsConfig,
    files: Files,
) -> str:
    """Fail the strict build if a docstring example rendered as plain text.

    Griffe reads only `Examples:` as an examples section; the `ExampleSections`
    extension renames `Example:` so that examples render as code. Should that
    stop working, the example would show as a collapsed "Example" note instead.
    """
    if page.file.src_uri.startswith("reference/api/") and (
        '<details class="example"' in html
    ):
        log.warning(
            "%s: a docstring example rendered as text, not as code",
            page.file.src_uri,
        )
    return html
