"""The library's exceptions: one base class and one validation error.

Every rule the model enforces reports a [`Problem`][trafficking_model.Problem]: a
JSONPath-like location, a message that names the field, the rule and the type of
the offending value, and the rule's stable identifier. One
[`ValidationError`][trafficking_model.ValidationError] carries every problem found
in one object, not only the first.

Messages never repeat the value of a field that may hold personal data (ids,
ages, dates, country codes, free text), because records are pseudonymous by
design and error messages end up in logs. Counts and vocabulary values are
shown. For debugging, [`show_values`][trafficking_model.show_values] (or the
environment variable `TRAFFICKING_MODEL_SHOW_VALUES=1`) puts the values back
into messages and into the `repr()` of records.
"""

from __future__ import annotations

import contextlib
import os
from contextvars import ContextVar
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = ["Problem", "TraffickingModelError", "ValidationError", "show_values"]

SHOW_VALUES_VARIABLE = "TRAFFICKING_MODEL_SHOW_VALUES"
"""The environment variable that, set to `1`, shows values in messages by default."""

_show_values: ContextVar[bool | None] = ContextVar(
    "trafficking_model_show_values", default=None
)


def values_shown() -> bool:
    """Whether messages and `repr()` may show the values of personal fields.

    Example:
        >>> values_shown()
        False
        >>> with show_values():
        ...     values_shown()
        True
    """
    chosen = _show_values.get()
    if chosen is not None:
        return chosen
    return os.environ.get(SHOW_VALUES_VARIABLE, "") == "1"


@contextlib.contextmanager
def show_values(enabled: bool = True) -> Iterator[None]:
    """Show the offending values in error messages and `repr()`, for debugging.

    By default a message names the field, the rule and the type of the value,
    never the value itself, and the `repr()` of a record hides its personal
    fields: a value typed into the wrong column (a name, a birth date) must not
    end up in logs or CI output. Inside this block, messages and `repr()` show
    the values again. The setting is local to the current thread or task
    (a context variable). Outside any block, the environment variable
    `TRAFFICKING_MODEL_SHOW_VALUES=1` switches values on for the whole process.

    Args:
        enabled: `False` hides values inside the block, even where the
            environment variable shows them.

    Yields:
        Nothing; the setting applies until the block ends.

    Example:
        >>> from trafficking_model import from_dict, Victim
        >>> data = {"id": "V-1", "sex": "female", "age": "Jane Doe",
        ...         "age_group": "adult", "exploitation": ["sexual"],
        ...         "identification": "formally_identified"}
        >>> try:
        ...     from_dict(data, Victim)
        ... except ValidationError as error:
        ...     print(error)
        $.age: expected int, got str
        >>> with show_values():
        ...     try:
        ...         from_dict(data, Victim)
        ...     except ValidationError as error:
        ...         print(error)
        $.age: expected int, got 'Jane Doe' (str)
    """
    token = _show_values.set(enabled)
    try:
        yield
    finally:
        _show_values.reset(token)


@attrs.frozen(kw_only=True)
class Problem:
    """One broken rule: where it is, what is wrong, and which rule it breaks.

    Attributes:
        path: A JSONPath-like location, rooted at `$`, such as
            `$.prosecution.sentenced` or `$.defendants[2].sentence_months`.
        message: What is wrong, naming the field and the rule; it shows the
            offending value only where that cannot be personal data (counts,
            vocabulary values), unless [`show_values`][trafficking_model.show_values]
            is on.
        rule: The rule's stable identifier, such as `sentenced_within_indicted`.
            Use it to group or count problems; the message may be reworded.

    Example:
        >>> problem = Problem(
        ...     path="$.sentenced",
        ...     message="sentenced + acquitted (30) exceeds indicted (28)",
        ...     rule="sentenced_within_indicted",
        ... )
        >>> str(problem)
        '$.sentenced: sentenced + acquitted (30) exceeds indicted (28)'
        >>> str(problem.under("$.prosecution"))
        '$.prosecution.sentenced: sentenced + acquitted (30) exceeds indicted (28)'
    """

    path: str
    message: str
    rule: str

    def under(self, prefix: str) -> Problem:
        """Return this problem re-rooted below `prefix`.

        Args:
            prefix: The location of the object this problem was found in, such as
                `$.victims` or `$[3]`.

        Returns:
            The same problem with its path starting at `prefix`.

        Example:
            >>> Problem(path="$[0].age", message="m", rule="r").under("$.victims").path
            '$.victims[0].age'
        """
        return attrs.evolve(self, path=prefix + self.path[1:])

    def __str__(self) -> str:
        """Render as `path: message`."""
        return f"{self.path}: {self.message}"


class TraffickingModelError(Exception):
    """Base class of every exception this library raises on purpose.

    Example:
        >>> issubclass(ValidationError, TraffickingModelError)
        True
    """


class ValidationError(TraffickingModelError, ValueError):
    """Data breaks one or more rules of the model.

    It is a `ValueError`, so code that already catches `ValueError` keeps working.
    Every problem found in one object is reported together.

    Attributes:
        problems: The broken rules, in the order they were found.
        line: The 1-based line of a JSON Lines input the problems were found on,
            or `None` when the input was not read line by line. When set, the
            message starts with `line N: `.

    Example:
        >>> from trafficking_model import ProsecutionOutcome
        >>> try:
        ...     ProsecutionOutcome(defendants=35, indicted=28, sentenced=30)
        ... except ValidationError as error:
        ...     print(error)
        ...     print([problem.rule for problem in error.problems])
        $.sentenced: sentenced + acquitted (30) exceeds indicted (28)
        ['sentenced_within_indicted']
    """

    problems: tuple[Problem, ...]
    line: int | None

    def __init__(self, problems: Iterable[Problem], line: int | None = None) -> None:
        """Create the error from the problems found, at least one.

        Args:
            problems: The broken rules.
            line: The 1-based line of a JSON Lines input they were found on.

        Example:
            >>> error = ValidationError(
            ...     [Problem(path="$.age", message="130 is outside 0..120", rule="range")],
            ...     line=7,
            ... )
            >>> error.line, str(error)
            (7, 'line 7: $.age: 130 is outside 0..120')
        """
        self.problems = tuple(problems)
        self.line = line
        super().__init__(self._render())

    def _render(self) -> str:
        where = "" if self.line is None else f"line {self.line}: "
        if len(self.problems) == 1:
            return f"{where}{self.problems[0]}"
        lines = [f"{where}{len(self.problems)} problems:"]
        lines.extend(f"  {problem}" for problem in self.problems)
        return "\n".join(lines)

    def under(self, prefix: str) -> ValidationError:
        """Return the same error with every path re-rooted below `prefix`.

        Args:
            prefix: The location of the object the problems were found in.

        Returns:
            A new error of the same type.

        Example:
            >>> error = ValidationError(
            ...     [Problem(path="$.age", message="130 is above 120", rule="range")]
            ... )
            >>> print(error.under("$.victims[4]"))
            $.victims[4].age: 130 is above 120
        """
        return type(self)(
            (problem.under(prefix) for problem in self.problems), line=self.line
        )

    def __str__(self) -> str:
        """Render every problem, one per line."""
        return self._render()

    def __reduce__(
        self,
    ) -> tuple[type[ValidationError], tuple[tuple[Problem, ...], int | None]]:
        """Support pickling, which the custom `__init__` would otherwise break."""
        return (type(self), (self.problems, self.line))
