"""The one registry of rules: every rule id a `Problem` can name, declared once.

A module declares each rule it raises with `rule`, as a module-level constant
next to the check that raises it, and passes the constant wherever it reports
the rule:

    PERIOD_ORDER = rule("period_order", "A period ends on or after its start.")

A class names the rules its check can raise with `owns`, placed above
`@attrs.frozen`. The rules of its JSON form (`type`, `unknown_key`, `required`,
`enum`, `date`, `decimal`) are not listed there: they are declared with an
`applies_to` test that says which classes they apply to, and `rules_of` adds
them. A rule that no class owns, such as a rule of reading a file, says with
`checked_on` where it is checked instead.

The documentation's rule tables, and the tests that break every rule of every
class, read this registry.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import sys
import typing
from collections.abc import Callable, Mapping
from enum import Enum
from pathlib import Path

import attrs

if typing.TYPE_CHECKING:
    from collections.abc import Iterator

C = typing.TypeVar("C", bound=type)


@attrs.frozen
class Rule:
    """One rule a `Problem` can name."""

    id: str
    meaning: str
    """What the rule asks of the data, and why, on one line."""
    module: str
    """The module that declares the rule."""
    checked_on: str = ""
    """Where the rule is checked, beyond the classes that own it."""
    applies_to: Callable[[type], bool] | None = attrs.field(default=None, eq=False)
    """Which classes the rule applies to without their naming it, if any."""


RULES: dict[str, Rule] = {}
"""Every declared rule, by id, in the order of declaration."""

_OWNED: dict[type, frozenset[str]] = {}


def rule(
    id: str,
    meaning: str,
    *,
    checked_on: str = "",
    applies_to: Callable[[type], bool] | None = None,
) -> str:
    """Declare a rule and return its id; an id is declared only once."""
    if id in RULES:
        msg = f"rule {id!r} is declared twice: in {RULES[id].module} already"
        raise ValueError(msg)
    if not meaning or "\n" in meaning:
        msg = f"rule {id!r}: the meaning is one line"
        raise ValueError(msg)
    module = sys._getframe(1).f_globals.get("__name__", "")
    RULES[id] = Rule(id, meaning, module, checked_on, applies_to)
    return id


def owns(*rule_ids: str) -> Callable[[C], C]:
    """Record the rules a class's own check raises; the class is unchanged."""
    unknown = sorted(set(rule_ids) - RULES.keys())
    if unknown:
        msg = f"undeclared rules: {', '.join(unknown)}"
        raise ValueError(msg)

    def record(cls: C) -> C:
        _OWNED[cls] = frozenset(rule_ids)
        return cls

    return record


def declared() -> dict[str, Rule]:
    """Every rule of the package, once every module that declares one is imported.

    The package imports the formats and the command line only when asked for,
    so their rules are in `RULES` only from then on; this imports them all (but
    `strategies`, which declares no rule and needs Hypothesis). A module that
    needs an optional package that is not installed (the msgspec codec) is
    passed over: none declares a rule.
    """
    package = __name__.rpartition(".")[0]
    for module in pkgutil.walk_packages([str(Path(__file__).parent)], f"{package}."):
        if module.name.rsplit(".", 1)[-1] != "__main__" and not module.name.startswith(
            f"{package}.strategies"
        ):
            try:
                importlib.import_module(module.name)
            except ModuleNotFoundError as error:
                if (error.name or package).startswith(package):
                    raise
    return RULES


def classes() -> tuple[type, ...]:
    """Every class that owns rules, in the order they were declared."""
    return tuple(_OWNED)


@functools.cache
def rules_of(cls: type) -> frozenset[str]:
    """Every rule a class can break itself: its own, and those of its JSON form.

    Not the rules of the model objects it holds, which each break on their own.
    """
    if cls not in _OWNED:
        msg = f"{cls!r} owns no rules"
        raise ValueError(msg)
    implied = {
        declared.id
        for declared in RULES.values()
        if declared.applies_to is not None and declared.applies_to(cls)
    }
    return _OWNED[cls] | implied


def owners(rule_id: str) -> tuple[type, ...]:
    """Every class that can break the rule `rule_id`."""
    return tuple(cls for cls in _OWNED if rule_id in rules_of(cls))


def every_class(cls: type) -> bool:
    """For `applies_to`: the rule applies to every class."""
    return True


def has_required_field(cls: type) -> bool:
    """For `applies_to`: the class has a field without a default."""
    return any(field.default is attrs.NOTHING for field in attrs.fields(cls))


def holds(kind: type) -> Callable[[type], bool]:
    """For `applies_to`: a field of the class holds a `kind`.

    A field holds the types its annotation names, within unions and
    collections: exactly `kind` (a `datetime` is no date to the model), or any
    vocabulary if `kind` is `Enum`.
    """

    def test(cls: type) -> bool:
        return any(
            found is kind
            or (kind is Enum and isinstance(found, type) and issubclass(found, Enum))
            for hint in typing.get_type_hints(cls).values()
            for found in _named(hint)
        )

    return test


def _named(hint: object) -> Iterator[object]:
    """Every type an annotation names, within unions and collections.

    Not the keys and values of a mapping: a breakdown's keys are checked as keys.
    """
    origin = typing.get_origin(hint)
    if isinstance(origin, type) and issubclass(origin, Mapping):
        return
    arguments = typing.get_args(hint)
    if not arguments:
        yield hint
    for argument in arguments:
        yield from _named(argument)
