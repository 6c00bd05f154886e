"""Griffe extensions for the trafficking-model API reference.

They are loaded by path from `mkdocs.yml`; nothing here is part of the package.

- `AttrsInit`: griffe reads the source without running it, so it does not see
  the `__init__` that attrs writes when a class is decorated, and the reference
  would show `Case` without its parameters. This imports each attrs class, reads
  `attrs.fields`, and adds that `__init__`, keeping the source annotations so
  that they still link to their types. It mirrors griffe's built-in
  `dataclasses` extension, which does the same for standard dataclasses.
- `ExampleSections`: the docstrings head their examples `Example:`, which
  Google style allows, but griffe only reads `Examples:` as an examples section
  and renders the other as plain text. This renames the heading before griffe
  parses the docstring, so the examples render as code.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any, cast

import attrs
from griffe import (
    Attribute,
    Class,
    Extension,
    Function,
    Object,
    Parameter,
    ParameterKind,
    Parameters,
    dynamic_import,
)

# Griffe's enum of parameter kinds is a backported StrEnum that mypy reads as str.
_POSITIONAL_OR_KEYWORD = cast("ParameterKind", ParameterKind.positional_or_keyword)
_KEYWORD_ONLY = cast("ParameterKind", ParameterKind.keyword_only)

_EXAMPLE_HEADING = re.compile(r"^(\s*)Example:[ \t]*$", re.MULTILINE)


class ExampleSections(Extension):
    """Read an `Example:` docstring section as griffe's `Examples:` section."""

    def on_instance(self, *, obj: Object, **kwargs: object) -> None:
        """Rename the heading in the docstring of `obj`, if it has one.

        This runs as each object is created, before anything reads its
        docstring, and for every kind of object, the package itself included.
        """
        if obj.docstring is not None:
            obj.docstring.value = _EXAMPLE_HEADING.sub(
                r"\1Examples:", obj.docstring.value
            )


def _default(field: attrs.Attribute[Any]) -> str | None:
    """Render a field's default as the signature shows it, or None if required."""
    default: Any = field.default
    if default is attrs.NOTHING:
        return None
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        if default.takes_self:
            return "..."  # Computed from the other fields; the docstring says how.
        return f"{default.factory.__name__}()"
    return repr(default)


class AttrsInit(Extension):
    """Add the attrs-generated `__init__` to every attrs class griffe loads."""

    def on_class(self, *, cls: Class, **kwargs: object) -> None:
        """Build the `__init__` of `cls` if it is an attrs class without one."""
        if "__init__" in cls.members:
            return
        runtime = None
        with contextlib.suppress(ImportError, AttributeError):
            runtime = dynamic_import(cls.path)
        if not (isinstance(runtime, type) and attrs.has(runtime)):
            return
        parameters = [Parameter("self", kind=_POSITIONAL_OR_KEYWORD)]
        for field in attrs.fields(runtime):
            if not field.init:
                continue
            member = cls.members.get(field.name)
            parameters.append(
                Parameter(
                    field.alias or field.name,
                    annotation=(
                        member.annotation if isinstance(member, Attribute) else None
                    ),
                    kind=(_KEYWORD_ONLY if field.kw_only else _POSITIONAL_OR_KEYWORD),
                    default=_default(field),
                )
            )
        cls.set_member(
            "__init__",
            Function(
                "__init__",
                lineno=cls.lineno,
                endlineno=cls.lineno,
                parent=cls,
                parameters=Parameters(*parameters),
                returns="None",
            ),
        )
