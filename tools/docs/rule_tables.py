"""Render the rule tables of the concepts pages from the rules the code declares.

A page asks for a table with a marker that names the rules, in the order the
page discusses them:

    <!-- rules: period_order currency_code -->

The documentation hook (`hooks.py`) replaces each marker at build time with a
table of those rules, their meaning and the classes that check them, all read
from the registry in `trafficking_model._rules`. This module imports nothing
from MkDocs, so the test suite can check it.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

import trafficking_model
from trafficking_model import _rules, formats

MARKER = re.compile(r"<!-- rules:(?P<ids>[^>]*?)-->")
"""The comment on a page that a table replaces: `<!-- rules: id id ... -->`."""


def rule_ids(markdown: str) -> list[list[str]]:
    r"""The rule ids each marker of a page names, marker by marker.

    Example:
        >>> rule_ids("Text.\n<!-- rules: period_order\n  currency_code -->\n")
        [['period_order', 'currency_code']]
    """
    return [match["ids"].split() for match in MARKER.finditer(markdown)]


def _public_name(cls: type) -> str:
    """How the documentation names a class: from the package or its format."""
    if cls.__name__ in trafficking_model.__all__:
        return cls.__name__
    for name in sorted(found.name for found in pkgutil.iter_modules(formats.__path__)):
        if name.startswith("_"):
            continue
        module = importlib.import_module(f"{formats.__name__}.{name}")
        if getattr(module, cls.__name__, None) is cls:
            return f"{name}.{cls.__name__}"
    return cls.__name__


def checked_on(rule_id: str) -> str:
    """The classes that check a rule, and where else it is checked.

    Example:
        >>> checked_on("period_order")
        '`Period`'
        >>> checked_on("unknown_key")
        'every class; columns of a table, fields of an HTCDS record'
    """
    owners = _rules.owners(rule_id)
    places = []
    if owners and set(owners) == set(_rules.classes()):
        places.append("every class")
    elif owners:
        places.append(", ".join(sorted(f"`{_public_name(cls)}`" for cls in owners)))
    if _rules.RULES[rule_id].checked_on:
        places.append(_rules.RULES[rule_id].checked_on)
    return "; ".join(places)


def render_table(ids: list[str]) -> str:
    """A table of the rules named, in that order.

    Example:
        >>> print(render_table(["period_order"]))
        | Rule | Meaning | Checked on |
        | --- | --- | --- |
        | `period_order` | A period ends on or after the day it starts. | `Period` |
    """
    rules = _rules.declared()
    unknown = [rule_id for rule_id in ids if rule_id not in rules]
    if unknown:
        msg = f"rule tables name rules the code does not declare: {unknown}"
        raise KeyError(msg)
    lines = ["| Rule | Meaning | Checked on |", "| --- | --- | --- |"]
    lines.extend(
        f"| `{rule_id}` | {rules[rule_id].meaning} | {checked_on(rule_id)} |"
        for rule_id in ids
    )
    return "\n".join(lines)


def render(markdown: str) -> str:
    """The page with each marker replaced by its table."""
    return MARKER.sub(lambda match: render_table(match["ids"].split()), markdown)
