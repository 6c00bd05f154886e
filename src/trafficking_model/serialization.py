"""Strict JSON serialization: one configured cattrs converter for every model class.

The JSON form of the model:

- An attrs object is a JSON object keyed by field name. Output writes every
  field, keys in sorted order: `None` as `null`, an empty set or tuple as `[]`
  and an empty breakdown as `{}`. On input, a field that has a default may be
  left out, and keys may come in any order.
- Unknown keys are rejected, naming the key.
- Enums are written and read by their `value`; dates as `"YYYY-MM-DD"` strings.
- frozensets are arrays sorted by their JSON value (duplicates on input count
  once); tuples are arrays in order.
- Breakdowns (such as `VictimStatistics.by_sex`) are objects keyed by enum
  value, keys sorted.
- A set of flags from several vocabularies (such as
  `formats.ctdc.Record.recorded_no`) is an object keyed by vocabulary name,
  each an array of values: `{"Means": ["threats"], "Sector": []}`. Values
  alone could be ambiguous (`other` is both an `ExploitationForm` and a
  `RecruiterRelation`). Output writes every vocabulary's key; on input, a key
  left out is an empty array.
- A figure (a [`Figure`][trafficking_model.Figure]) is a JSON integer when
  exact, `null` when not reported, and an object `{"low": 0, "high": 4}` when it
  is a range (`"high": null` for no upper bound). A range whose bounds are equal
  is read as the integer.
- `Money.amount` is a JSON string such as `"150000.00"`, never a number.
- `Indicator.baseline` and `target` are JSON numbers, int or float.

Nothing is coerced: a JSON string is never an int, a bool never an int, an int
never a bool, `null` never a string. Every failure raises
[`ValidationError`][trafficking_model.ValidationError], with a JSONPath-like
location for each problem; all problems of one input are reported together where
they can be. Broken model rules keep their own message and rule id, re-rooted at
the full path, such as `$.prosecution.sentenced`.

The same object always gives byte-identical JSON.

`from_dict` (and `from_json` without msgspec) first tries a loader generated
for each model class from its fields, which checks each value's type inline
and builds no error report; whatever it does not take goes to this converter,
which decides again and builds the report. Results and errors are the
converter's either way, and hooks registered on it take effect as before.

When the optional `msgspec` package is installed (extra `fast`), `from_json`,
`to_json` and the JSON Lines functions use it to decode and encode the common,
valid case faster. Results and errors are the same either way: any input the
accelerated path does not accept is decoded again by this converter, which
builds the error report.
"""

from __future__ import annotations

import json
import typing
from typing import Any, TypeVar

from trafficking_model._converter import converter, fail, unstructure
from trafficking_model._json import (
    JsonText,
    accelerated_decoder,
    encode_json,
    parse_json,
)
from trafficking_model._loaders import load
from trafficking_model._validation import JSON, TYPE

__all__ = ["converter", "from_dict", "from_json", "to_dict", "to_json"]

T = TypeVar("T")


def from_dict(data: object, cls: type[T]) -> T:
    """Build a `cls` from JSON-like data: dicts, lists, str, int, float, bool, None.

    Args:
        data: The decoded JSON value, such as the result of `json.loads`.
        cls: The class to build, such as `Victim`, or a collection of one
            such as `list[Victim]`.

    Returns:
        A valid `cls`.

    Raises:
        ValidationError: With every problem found, each with its path.

    Example:
        >>> from trafficking_model import ProsecutionOutcome
        >>> from_dict({"defendants": 35, "indicted": 28, "sentenced": 28},
        ...           ProsecutionOutcome).indicted
        28
        >>> from_dict({"defendants": "35", "indicted": 28, "sentenced": 30},
        ...           ProsecutionOutcome)
        Traceback (most recent call last):
        ...
        trafficking_model.errors.ValidationError: $.defendants: expected int, null or a range, got str
    """
    return load(data, cls)


def to_dict(obj: object) -> Any:  # noqa: ANN401 - JSON-like data
    """Turn a model object into JSON-like data, the inverse of `from_dict`.

    Every field is written: `None` as `None`, empty sets and tuples as `[]`,
    empty breakdowns as `{}`. Sets are sorted, so the result is deterministic.

    Args:
        obj: An attrs model object, or a list or tuple of them.

    Returns:
        Dicts, lists, str, int, float, bool and None only.

    Raises:
        ValidationError: If `obj` is not a model object or a sequence of them.

    Example:
        >>> from trafficking_model import Money
        >>> from decimal import Decimal
        >>> to_dict(Money(amount=Decimal("150000.00"), currency="AZN"))
        {'amount': '150000.00', 'currency': 'AZN'}
    """
    return unstructure(obj)


def from_json(data: JsonText, cls: type[T]) -> T:
    """Build a `cls` from JSON text.

    Args:
        data: JSON text, as `str` or UTF-8 bytes.
        cls: The class to build, such as `CountryReport`.

    Returns:
        A valid `cls`.

    Raises:
        ValidationError: If the text is not JSON, or the value is not a valid
            `cls`; with every problem found, each with its path.

    Example:
        >>> from trafficking_model import CountryReport
        >>> from trafficking_model.examples import azerbaijan_report_2020_2021
        >>> text = to_json(azerbaijan_report_2020_2021())
        >>> from_json(text, CountryReport) == azerbaijan_report_2020_2021()
        True
        >>> from_json(text.replace('"total":189', '"total":190'), CountryReport)
        Traceback (most recent call last):
        ...
        trafficking_model.errors.ValidationError: 3 problems:
          $.victims.by_sex: counts sum to 189 but total is 190
          $.victims.by_citizenship: counts sum to 189 but total is 190
          $.victims.by_exploitation: counts sum to 189, less than total (190); every victim suffered at least one form
    """
    fast = accelerated_decoder(cls)
    if fast is not None:
        result = fast(data)
        if result is not None:
            return typing.cast("T", result)
    return load(parse_json(data), cls)


def to_json(obj: object, *, indent: int | None = None) -> str:
    """Write a model object as JSON text, the inverse of `from_json`.

    The output is deterministic: the same object always gives the same text.

    Args:
        obj: An attrs model object, or a list or tuple of them.
        indent: Spaces per level of nesting, for text people read; by default
            the text is compact, on one line.

    Returns:
        JSON text, with non-ASCII characters written as they are.

    Raises:
        ValidationError: If `obj` is not a model object or a sequence of them.

    Example:
        >>> from trafficking_model import Period
        >>> to_json(Period.from_years(2020, 2021))
        '{"end":"2021-12-31","start":"2020-01-01"}'
        >>> print(to_json(Period.from_years(2020), indent=2))
        {
          "end": "2020-12-31",
          "start": "2020-01-01"
        }
    """
    if indent is None:
        return encode_json(obj).decode("utf-8")
    if type(indent) is not int or indent < 0:
        msg = f"indent must be an int of 0 or more, got {type(indent).__name__}"
        raise fail(TYPE, msg)
    data = unstructure(obj)
    encoder = json.JSONEncoder(
        ensure_ascii=False, allow_nan=False, sort_keys=True, indent=indent
    )
    try:
        return encoder.encode(data)
    except (ValueError, TypeError, UnicodeError) as error:
        raise fail(JSON, f"cannot be written as JSON: {error}") from None
