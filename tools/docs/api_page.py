"""Print the API reference page of a public module, for docs/reference/api/.

Usage, from the repository root:

    python tools/docs/api_page.py serialization > docs/reference/api/serialization.md

The page holds a directive for the module, then one per name in its `__all__`,
by the root path when the package root re-exports the name. This is the form
`tests/docs/test_docs_api.py` expects. Add the page to the nav of `mkdocs.yml` and
a line to the table in `docs/reference/api/index.md`.
"""

from __future__ import annotations

import importlib
import sys

import trafficking_model


def api_page(module_name: str) -> str:
    """The Markdown of the API page of `trafficking_model.<module_name>`.

    Example:
        >>> print(api_page("money"))
        # `trafficking_model.money`
        <BLANKLINE>
        ::: trafficking_model.money
            options:
              members: false
              show_root_heading: false
        <BLANKLINE>
        ::: trafficking_model.Money
        <BLANKLINE>
    """
    package = trafficking_model.__name__
    module = importlib.import_module(f"{package}.{module_name}")
    lines = [
        f"# `{module.__name__}`",
        "",
        f"::: {module.__name__}",
        "    options:",
        "      members: false",
        "      show_root_heading: false",
        "",
    ]
    for name in module.__all__:
        reexported = name in trafficking_model.__all__ and getattr(
            trafficking_model, name
        ) is getattr(module, name)
        path = f"{package}.{name}" if reexported else f"{module.__name__}.{name}"
        lines += [f"::: {path}", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(api_page(sys.argv[1]))
