"""Run the Python examples in the Markdown documentation as tests.

Sybil collects every fenced code block whose language is exactly `python` in the
Markdown files that pytest visits (see `testpaths`): the pages under `docs/`,
`README.md` and `CONTRIBUTING.md`. A block that starts with `>>>` is a doctest
whose output is checked; any other block is run as a script. All blocks of one
page share a namespace, so a guide can build on its earlier steps.
"""

from __future__ import annotations

from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser

MARKDOWN_EXAMPLES = Sybil(
    parsers=[
        PythonCodeBlockParser(doctest_optionflags=ELLIPSIS | NORMALIZE_WHITESPACE)
    ],
    patterns=["*.md"],
)

pytest_collect_file = MARKDOWN_EXAMPLES.pytest()
