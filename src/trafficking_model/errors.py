"""The library's exceptions: one base class and one validation error.

Every rule the model enforces reports a [`Problem`][trafficking_model.Problem]: a
JSONPath-like location, a message that names the field, the value and the rule,
and the rule's stable identifier. One [`ValidationError`][trafficking_model.ValidationError]
carries every problem found in one object, not only the first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["Problem", "TraffickingModelError", "ValidationError"]


@attrs.frozen(kw_only=True)
class Problem:
    """One broken rule: where it is, what is wrong, and which rule it breaks.

    Attributes:
        path: A JSONPath-like location, rooted at `$`, such as
            `$.prosecution.sentenced` or `$.defendants[2].sentence_months`.
        message: What is wrong, naming the field, the value and the rule.
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
