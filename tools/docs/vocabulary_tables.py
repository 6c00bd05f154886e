"""Render every vocabulary of `trafficking_model` as Markdown tables.

The documentation hook (`hooks.py`) puts the result on the vocabularies page at
build time, so the page always lists exactly the values and labels in the code.
This module imports nothing from MkDocs, so the test suite can check it.
"""

from __future__ import annotations

import inspect
import re
from enum import Enum

import attrs

import trafficking_model
from trafficking_model import vocabularies

MARKER = "<!-- vocabulary-tables -->"
"""The comment on a page that the tables replace."""


def vocabulary_classes() -> list[type[Enum]]:
    """Every public vocabulary, in the order the module defines them."""
    return [
        value
        for value in vars(vocabularies).values()
        if isinstance(value, type)
        and issubclass(value, Enum)
        and value.__name__ in vocabularies.__all__
    ]


def _summary(obj: object) -> str:
    """The first paragraph of a docstring, on one line."""
    doc = inspect.getdoc(obj) or ""
    return " ".join(doc.split("\n\n", 1)[0].split())


def _extra_columns(vocabulary: type[Enum]) -> list[str]:
    """Per-member attributes a vocabulary adds: plain ones, then properties."""
    annotated = [
        name for name in inspect.get_annotations(vocabulary) if not name.startswith("_")
    ]
    properties = [
        name
        for name, value in vocabulary.__dict__.items()
        if isinstance(value, property) and not name.startswith("_")
    ]
    return annotated + properties


def _cell(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"`{value}`"


def _used_by(vocabulary: type[Enum]) -> list[str]:
    """The model fields whose annotation names this vocabulary."""
    pattern = re.compile(rf"\b{vocabulary.__name__}\b")
    fields: list[str] = []
    for name in trafficking_model.__all__:
        cls = getattr(trafficking_model, name)
        if isinstance(cls, type) and attrs.has(cls):
            fields.extend(
                f"`{name}.{field.name}`"
                for field in attrs.fields(cls)
                if pattern.search(str(field.type))
            )
    return fields


def render_vocabulary(vocabulary: type[Enum]) -> str:
    """One vocabulary as a heading, its summary, and a table of its members.

    Example:
        >>> from trafficking_model import ReviewKind
        >>> print(render_vocabulary(ReviewKind))
        ## `ReviewKind`
        <BLANKLINE>
        Kind of review of a National Action Plan.
        <BLANKLINE>
        Used in: `PlanReview.kind`.
        <BLANKLINE>
        | Value | Member | Label |
        | --- | --- | --- |
        | `mid_term` | `ReviewKind.MID_TERM` | Mid-term review |
        | `annual` | `ReviewKind.ANNUAL` | Annual review |
        | `final` | `ReviewKind.FINAL` | Final review |
        | `evaluation` | `ReviewKind.EVALUATION` | Evaluation |
    """
    extra = _extra_columns(vocabulary)
    header = ["Value", "Member", "Label", *(f"`{name}`" for name in extra)]
    lines = [f"## `{vocabulary.__name__}`", "", _summary(vocabulary), ""]
    used_by = _used_by(vocabulary)
    if used_by:
        lines += [f"Used in: {', '.join(used_by)}.", ""]
    lines += [
        "| " + " | ".join(header) + " |",
        "|" + " --- |" * len(header),
    ]
    for member in vocabulary:
        cells = [
            f"`{member.value}`",
            f"`{vocabulary.__name__}.{member.name}`",
            str(getattr(member, "label", "")),
            *(_cell(getattr(member, name)) for name in extra),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def render_all() -> str:
    """Every vocabulary, one section each, in the order the module defines them."""
    return "\n\n".join(
        render_vocabulary(vocabulary) for vocabulary in vocabulary_classes()
    )
