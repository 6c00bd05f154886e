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

When the optional `msgspec` package is installed (extra `fast`), `from_json`,
`to_json` and the JSON Lines functions use it to decode and encode the common,
valid case faster. Results and errors are the same either way: any input the
accelerated path does not accept is decoded again by this converter, which
builds the error report.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
    StructureHandlerNotFoundError,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn
from immutabledict import immutabledict

from trafficking_model._rules import holds, rule
from trafficking_model._validation import (
    ENUM,
    INT_LIMIT,
    INT_SIZE,
    JSON,
    LONE_SURROGATE_MESSAGE,
    MAX_INT_DIGITS,
    REQUIRED,
    TYPE,
    UNICODE,
    UNKNOWN_KEY,
    UNSUPPORTED_TYPE,
    describe,
    is_scalar_text,
    subject,
)
from trafficking_model.counts import Count, Figure
from trafficking_model.errors import Problem, ValidationError
from trafficking_model.formats._glotip_rows import COLUMNS, GlotipRow
from trafficking_model.formats._tabular import column_path

__all__ = ["converter", "from_dict", "from_json", "to_dict", "to_json"]

T = TypeVar("T")

Hook = Callable[[Any, Any], Any]

# ---------------------------------------------------------------------------
# Problems raised by the hooks
# ---------------------------------------------------------------------------


def _fail(rule: str, message: str, path: str = "$") -> ValidationError:
    return ValidationError([Problem(path=path, message=message, rule=rule)])


def _wrong_type(expected: str, value: object) -> ValidationError:
    return _fail(TYPE, f"expected {expected}, got {describe(value)}")


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*", re.ASCII)


def _key_path(key: object) -> str:
    """The path of `key` inside an object: `$.name`, or `$['odd key']`.

    Example:
        >>> _key_path("by_sex"), _key_path("a b"), _key_path(3)
        ('$.by_sex', "$['a b']", '$[3]')
    """
    if type(key) is str and _NAME.fullmatch(key):
        return f"$.{key}"
    return f"$[{key!r}]"


# ---------------------------------------------------------------------------
# Strict scalar hooks
# ---------------------------------------------------------------------------


def _structure_str(value: object, _: object) -> str:
    if type(value) is str:
        if is_scalar_text(value):
            return value
        raise _fail(UNICODE, LONE_SURROGATE_MESSAGE)
    raise _wrong_type("str", value)


class _HugeInt:
    """An integer in JSON text with more digits than can be converted."""

    __slots__ = ("digits",)

    def __init__(self, digits: int) -> None:
        self.digits = digits


def _structure_int(value: object, _: object) -> int:
    if type(value) is int:
        if -INT_LIMIT < value < INT_LIMIT:
            return value
        raise _too_long(value)
    if type(value) is _HugeInt:
        raise _too_long(value)
    raise _wrong_type("int", value)


def _too_long(value: object) -> ValidationError:
    if type(value) is _HugeInt:
        digits = value.digits
    else:
        bits = abs(typing.cast("int", value)).bit_length()
        digits = int((bits - 1) * 0.30102999566398) + 1  # |value| >= 2 ** (bits - 1)
    return _fail(
        INT_SIZE,
        f"an int of at least {digits} digits is too long: at most "
        f"{MAX_INT_DIGITS} digits can be written as JSON and read back",
    )


def _structure_bool(value: object, _: object) -> bool:
    if type(value) is bool:
        return value
    raise _wrong_type("bool", value)


def _structure_number(value: object, _: object) -> float:
    # A JSON number: an int stays an int, so that it is written back unchanged.
    if type(value) is float:
        return value
    if type(value) is int or type(value) is _HugeInt:
        return _structure_int(value, int)
    raise _wrong_type("a number (int or float)", value)


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_DATES: dict[str, dt.date] = {}
_DATE_CACHE_SIZE = 50_000


_DATE_RULE = rule(
    "date",
    "Every date is written `YYYY-MM-DD` (ISO 8601), so that day and month are never "
    "confused.",
    applies_to=holds(dt.date),
)


def _structure_date(value: object, _: object) -> dt.date:
    if type(value) is str:
        # Dates repeat a lot in real data; share one immutable object for each.
        cached = _DATES.get(value)
        if cached is not None:
            return cached
        if _DATE.fullmatch(value):
            try:
                day = dt.date.fromisoformat(value)
            except ValueError:
                pass
            else:
                if len(_DATES) < _DATE_CACHE_SIZE:
                    _DATES[value] = day
                return day
        raise _fail(
            _DATE_RULE, f"{subject(value)} is not a date in the form YYYY-MM-DD"
        )
    raise _wrong_type('a date string "YYYY-MM-DD"', value)


_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?", re.ASCII)


_DECIMAL_RULE = rule(
    "decimal",
    '`Money.amount` is written as a decimal string such as `"150000.00"`: a JSON '
    "number would lose cents to floating point.",
    applies_to=holds(Decimal),
)


def _structure_decimal(value: object, _: object) -> Decimal:
    if type(value) is str:
        if _DECIMAL.fullmatch(value):
            try:
                return Decimal(value)
            except InvalidOperation:  # pragma: no cover - the pattern is stricter
                pass
        raise _fail(
            _DECIMAL_RULE,
            f"{subject(value)} is not a decimal number in a string, "
            "such as '150000.00'",
        )
    raise _wrong_type('a decimal string such as "150000.00"', value)


def _structure_none(value: object, _: object) -> None:
    if value is None:
        return
    raise _wrong_type("null", value)


# ---------------------------------------------------------------------------
# Hook factories: enums, optionals, collections, breakdowns, attrs classes
# ---------------------------------------------------------------------------


def _is_enum(type_: object) -> bool:
    return isinstance(type_, type) and issubclass(type_, enum.Enum)


def _enum_values(enum_type: type[enum.Enum]) -> str:
    return ", ".join(repr(member.value) for member in enum_type)


def _enum_hook(enum_type: type[enum.Enum]) -> Hook:
    members: dict[object, enum.Enum] = {member.value: member for member in enum_type}

    def structure_enum(value: object, _: object) -> enum.Enum:
        if type(value) is str:
            member = members.get(value)
            if member is not None:
                return member
            raise _fail(
                ENUM,
                f"{subject(value)} is not a {enum_type.__name__}; "
                f"expected one of {_enum_values(enum_type)}",
            )
        raise _wrong_type(f"{enum_type.__name__} value (str)", value)

    return structure_enum


def _is_optional(type_: object) -> bool:
    args = typing.get_args(type_)
    return _is_union(type_) and len(args) == 2 and type(None) in args


def _is_union(type_: object) -> bool:
    origin = typing.get_origin(type_)
    return origin is typing.Union or origin is types.UnionType


def _optional_hook(type_: object, conv: cattrs.Converter) -> Hook:
    (inner,) = (arg for arg in typing.get_args(type_) if arg is not type(None))
    hook = conv.get_structure_hook(inner)

    def structure_optional(value: object, _: object) -> object:
        if value is None:
            return None
        return hook(value, inner)

    return structure_optional


_SEQUENCES: dict[Any, Callable[[list[Any]], Any]] = {
    frozenset: frozenset,
    AbstractSet: frozenset,
    tuple: tuple,
    list: list,
}


def _is_sequence(type_: object) -> bool:
    origin = typing.get_origin(type_)
    if origin not in _SEQUENCES:
        return False
    args = typing.get_args(type_)
    if origin is tuple:
        return len(args) == 2 and args[1] is Ellipsis
    return len(args) == 1


_INVALID_RULE = rule(
    "invalid",
    "A hook of yours that raises anything else than a `ValidationError` still gives "
    "one.",
    checked_on="hooks you register on `converter`",
)


def _sequence_hook(type_: object, conv: cattrs.Converter) -> Hook:
    build = _SEQUENCES[typing.get_origin(type_)]
    item_type = typing.get_args(type_)[0]
    item_hook = conv.get_structure_hook(item_type)
    members: dict[object, enum.Enum] | None = None
    if _is_enum(item_type) and item_hook is _registered_enum_hooks.get(item_type):
        members = {member.value: member for member in item_type}

    plain_text = item_hook is _structure_str

    def structure_sequence(value: object, _: object) -> object:
        if type(value) is not list and type(value) is not tuple:
            raise _wrong_type("an array", value)
        items = typing.cast("list[Any]", value)
        if not items:
            return build(items)
        if plain_text and all(type(item) is str and item.isascii() for item in items):
            return build(items)  # ASCII text holds no lone surrogate
        try:
            if members is not None:
                # Only str keys are in `members`; any other value fails here.
                return build(
                    [members[item] if type(item) is str else _miss() for item in value]
                )
            return build([item_hook(item, item_type) for item in value])
        except Exception:
            pass
        problems: list[Problem] = []
        for index, item in enumerate(value):
            try:
                item_hook(item, item_type)
            except Exception as error:  # noqa: PERF203
                problems.extend(
                    problem.under(f"$[{index}]") for problem in _problems_of(error)
                )
        if not problems:  # pragma: no cover - every item alone is fine
            raise _fail(_INVALID_RULE, f"cannot build {type_!r} from {describe(value)}")
        raise ValidationError(problems)

    return structure_sequence


def _miss() -> enum.Enum:
    raise KeyError


def _is_flag_set(type_: object) -> bool:
    """Whether `type_` is a set of members of several enums, such as a CTDC flag."""
    if typing.get_origin(type_) not in (frozenset, AbstractSet):
        return False
    args = typing.get_args(type_)
    return (
        len(args) == 1
        and _is_union(args[0])
        and all(_is_enum(arg) for arg in typing.get_args(args[0]))
    )


def _flag_vocabularies(type_: object) -> dict[str, type[enum.Enum]]:
    (union,) = typing.get_args(type_)
    return {vocabulary.__name__: vocabulary for vocabulary in typing.get_args(union)}


def _flag_set_hook(type_: object, conv: cattrs.Converter) -> Hook:
    vocabularies = _flag_vocabularies(type_)
    hooks = {
        name: conv.get_structure_hook(frozenset[vocabulary])  # type: ignore[valid-type]
        for name, vocabulary in vocabularies.items()
    }
    names = ", ".join(vocabularies)

    def structure_flag_set(value: object, _: object) -> frozenset[enum.Enum]:
        if type(value) is not dict:
            raise _wrong_type("an object", value)
        flags: set[enum.Enum] = set()
        problems: list[Problem] = []
        for key, members in value.items():
            hook = hooks.get(key) if type(key) is str else None
            if hook is None:
                problems.append(
                    Problem(
                        path=_key_path(key),
                        message=f"unknown key {key!r}: expected one of {names}",
                        rule=UNKNOWN_KEY,
                    )
                )
                continue
            try:
                flags.update(hook(members, None))
            except Exception as error:
                problems.extend(
                    problem.under(_key_path(key)) for problem in _problems_of(error)
                )
        if problems:
            raise ValidationError(problems)
        return frozenset(flags)

    return structure_flag_set


def _unstructure_flag_set_factory(type_: object) -> Unhook:
    vocabularies = sorted(_flag_vocabularies(type_).items())

    def unstructure_flag_set(value: Iterable[enum.Enum]) -> dict[str, list[object]]:
        return {
            name: sorted(member.value for member in value if type(member) is vocabulary)
            for name, vocabulary in vocabularies
        }

    return unstructure_flag_set


def _is_figure(type_: object) -> bool:
    return type_ == Figure


def _structure_figure(value: object, _: object) -> Figure:
    if type(value) is int and -INT_LIMIT < value < INT_LIMIT:
        return value  # the common case, in one call
    if value is None:
        return None
    if type(value) is int or type(value) is _HugeInt:
        return _structure_int(value, int)
    if type(value) is dict:
        count = converter.structure(value, Count)
        return count.low if count.is_exact else count
    raise _wrong_type("int, null or a range", value)


def _unstructure_figure(value: Figure) -> object:
    if isinstance(value, Count):
        return {"high": value.high, "low": value.low}
    return value


def _is_breakdown(type_: object) -> bool:
    origin = typing.get_origin(type_)
    args = typing.get_args(type_)
    return (
        origin in (Mapping, dict, immutabledict)
        and len(args) == 2
        and _is_enum(args[0])
        and (args[1] is int or _is_figure(args[1]))
    )


def _breakdown_hook(type_: object, _conv: cattrs.Converter) -> Hook:
    enum_type: type[enum.Enum] = typing.get_args(type_)[0]
    members: dict[object, enum.Enum] = {member.value: member for member in enum_type}
    figures = _is_figure(typing.get_args(type_)[1])
    expected = "int, null or a range" if figures else "int"

    def structure_breakdown(value: object, _: object) -> Mapping[enum.Enum, Figure]:
        if type(value) is not dict:
            raise _wrong_type("an object", value)
        counts: dict[enum.Enum, Figure] = {}
        problems: list[Problem] = []
        for key, count in value.items():
            member = members.get(key) if type(key) is str else None
            if member is None:
                problems.append(
                    Problem(
                        path=_key_path(key),
                        message=f"unknown key {key!r}: not a {enum_type.__name__}; "
                        f"expected one of {_enum_values(enum_type)}",
                        rule=UNKNOWN_KEY,
                    )
                )
            elif type(count) is int and -INT_LIMIT < count < INT_LIMIT:
                counts[member] = count
            elif type(count) is int or type(count) is _HugeInt:
                problems.extend(
                    problem.under(_key_path(key))
                    for problem in _too_long(count).problems
                )
            elif figures and (count is None or type(count) is dict):
                try:
                    counts[member] = _structure_figure(count, Figure)
                except Exception as error:
                    problems.extend(
                        problem.under(_key_path(key)) for problem in _problems_of(error)
                    )
            else:
                problems.append(
                    Problem(
                        path=_key_path(key),
                        message=f"expected {expected}, got {describe(count)}",
                        rule=TYPE,
                    )
                )
        if problems:
            raise ValidationError(problems)
        return immutabledict(counts)

    return structure_breakdown


def _attrs_hook(cls: type[Any], conv: cattrs.Converter) -> Hook:
    structure_fields = make_dict_structure_fn(cls, conv)

    def structure_object(value: object, _: object) -> object:
        if type(value) is not dict and not isinstance(value, Mapping):
            raise _wrong_type("an object", value)
        return structure_fields(value, cls)

    return structure_object


def _glotip_row_hook(conv: cattrs.Converter) -> Hook:
    """A GLOTIP row names its columns in its problems; JSON names its fields."""
    structure = _attrs_hook(GlotipRow, conv)
    fields: tuple[attrs.Attribute[Any], ...] = attrs.fields(GlotipRow)
    columns = {
        column_path(column): f"$.{field.name}"
        for field, column in zip(fields, COLUMNS, strict=False)
    }

    def structure_glotip_row(value: object, _: object) -> object:
        try:
            return structure(value, GlotipRow)
        except Exception as error:
            raise ValidationError(
                [
                    Problem(
                        path=columns.get(problem.path, problem.path),
                        message=problem.message,
                        rule=problem.rule,
                    )
                    for problem in _problems_of(error)
                ]
            ) from None

    return structure_glotip_row


# ---------------------------------------------------------------------------
# Unstructuring
# ---------------------------------------------------------------------------


Unhook = Callable[[Any], object]


def _unstructure_sequence_factory(type_: object, conv: cattrs.Converter) -> Unhook:
    item_type = typing.get_args(type_)[0]
    item_hook = conv.get_unstructure_hook(item_type)
    if typing.get_origin(type_) in (frozenset, AbstractSet):
        if _is_enum(item_type):

            def unstructure_enum_set(value: Iterable[enum.Enum]) -> list[object]:
                return sorted([member.value for member in value])

            return unstructure_enum_set

        def unstructure_set(value: Iterable[object]) -> list[object]:
            return sorted([item_hook(item) for item in value])

        return unstructure_set

    def unstructure_sequence(value: Iterable[object]) -> list[object]:
        return [item_hook(item) for item in value]

    return unstructure_sequence


def _unstructure_breakdown(value: Mapping[enum.Enum, Figure]) -> dict[str, object]:
    return {
        member.value: _unstructure_figure(value[member])
        for member in sorted(value, key=_value_of)
    }


def _value_of(member: enum.Enum) -> str:
    return str(member.value)


def _unstructure_optional_factory(type_: object, conv: cattrs.Converter) -> Unhook:
    (inner,) = (arg for arg in typing.get_args(type_) if arg is not type(None))
    hook = conv.get_unstructure_hook(inner)

    def unstructure_optional(value: object) -> object:
        return None if value is None else hook(value)

    return unstructure_optional


# ---------------------------------------------------------------------------
# The converter
# ---------------------------------------------------------------------------

_registered_enum_hooks: dict[Any, Hook] = {}


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(float, _structure_number)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_structure_hook(type(None), _structure_none)

    def enum_factory(enum_type: type[enum.Enum]) -> Hook:
        hook = _registered_enum_hooks.get(enum_type)
        if hook is None:
            hook = _registered_enum_hooks[enum_type] = _enum_hook(enum_type)
        return hook

    conv.register_structure_hook_factory(_is_enum, enum_factory)
    conv.register_structure_hook_factory(
        _is_optional, lambda type_: _optional_hook(type_, conv)
    )
    conv.register_structure_hook_factory(
        _is_sequence, lambda type_: _sequence_hook(type_, conv)
    )
    conv.register_structure_hook_factory(
        _is_flag_set, lambda type_: _flag_set_hook(type_, conv)
    )
    conv.register_structure_hook_factory(
        _is_breakdown, lambda type_: _breakdown_hook(type_, conv)
    )
    conv.register_structure_hook_factory(attrs.has, lambda cls: _attrs_hook(cls, conv))
    conv.register_structure_hook_func(_is_figure, _structure_figure)
    conv.register_structure_hook_func(
        lambda type_: type_ is GlotipRow, _glotip_row_hook(conv)
    )

    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_unstructure_hook(Decimal, str)
    conv.register_unstructure_hook_factory(
        _is_optional, lambda type_: _unstructure_optional_factory(type_, conv)
    )
    conv.register_unstructure_hook_factory(
        _is_sequence, lambda type_: _unstructure_sequence_factory(type_, conv)
    )
    conv.register_unstructure_hook_factory(_is_flag_set, _unstructure_flag_set_factory)
    conv.register_unstructure_hook_factory(
        _is_breakdown, lambda _type: _unstructure_breakdown
    )
    conv.register_unstructure_hook(immutabledict, _unstructure_breakdown)
    conv.register_unstructure_hook_func(_is_figure, _unstructure_figure)
    conv.register_unstructure_hook_factory(
        attrs.has, lambda cls: make_dict_unstructure_fn(cls, conv)
    )
    return conv


converter: cattrs.Converter = _make_converter()
"""The configured, strict cattrs converter behind every function of this module.

It is public for users who extend it, for example to load their own attrs
classes that contain the model's. Hooks registered on it apply to every
function here: once a hook is registered after import, the optional msgspec
acceleration steps aside for the classes it may affect, so user hooks always
take effect. Its own `structure` method raises cattrs' error groups; use
[`from_dict`][trafficking_model.from_dict] to get one `ValidationError` with
every problem and its path.

Example:
    >>> import datetime as dt
    >>> from trafficking_model import Period
    >>> converter.unstructure(Period.from_years(2021))
    {'start': '2021-01-01', 'end': '2021-12-31'}
    >>> converter.structure({"start": "2021-01-01", "end": "2021-12-31"}, Period)
    Period(start=datetime.date(2021, 1, 1), end=datetime.date(2021, 12, 31))
"""


# ---------------------------------------------------------------------------
# From cattrs errors to problems
# ---------------------------------------------------------------------------


def _note(error: BaseException, kind: type[T]) -> T | None:
    notes: list[object] = getattr(error, "__notes__", [])
    for note in notes:
        if isinstance(note, kind) and note.__class__ is kind:
            return note
    return None


_DEPTH_RULE = rule(
    "depth",
    "A hook of yours that recurses past Python's limit is refused instead of crashing.",
    checked_on="hooks you register on `converter`",
)


def _problems_of(error: BaseException) -> list[Problem]:
    """Turn any error raised while structuring into problems with paths.

    Args:
        error: A `ValidationError`, a cattrs validation error group, or any
            other exception raised by a hook.

    Returns:
        The problems, with paths relative to the value being structured.

    Example:
        >>> from trafficking_model import Period
        >>> try:
        ...     converter.structure({"start": 2021}, Period)
        ... except Exception as error:
        ...     for problem in _problems_of(error):
        ...         print(problem, f"[{problem.rule}]")
        $.start: expected a date string "YYYY-MM-DD", got int [type]
        $.end: required field is missing [required]
    """
    if isinstance(error, ValidationError):
        return list(error.problems)
    if isinstance(error, ClassValidationError):
        problems: list[Problem] = []
        for sub in error.exceptions:
            attribute = _note(sub, AttributeValidationNote)
            if attribute is None:
                problems.extend(_problems_of(sub))
            elif isinstance(sub, KeyError) and sub.args == (attribute.name,):
                problems.append(
                    Problem(
                        path=_key_path(attribute.name),
                        message="required field is missing",
                        rule=REQUIRED,
                    )
                )
            else:
                prefix = _key_path(attribute.name)
                problems.extend(problem.under(prefix) for problem in _problems_of(sub))
        return problems
    if isinstance(error, IterableValidationError):
        problems = []
        for sub in error.exceptions:
            item = _note(sub, IterableValidationNote)
            prefix = "$" if item is None else f"$[{item.index!r}]"
            problems.extend(problem.under(prefix) for problem in _problems_of(sub))
        return problems
    if isinstance(error, ForbiddenExtraKeysError):
        return [
            Problem(
                path=_key_path(key),
                message=f"unknown key {key!r}: {error.cl.__name__} has no such field",
                rule=UNKNOWN_KEY,
            )
            for key in sorted(error.extra_fields, key=str)
        ]
    if isinstance(error, RecursionError):
        return [Problem(path="$", message="nested too deeply", rule=_DEPTH_RULE)]
    # An error from a hook the user registered: its message is the user's own.
    return [
        Problem(
            path="$",
            message=f"invalid value ({type(error).__name__}: {error})",
            rule=_INVALID_RULE,
        )
    ]


# ---------------------------------------------------------------------------
# Public functions
# ---------------------------------------------------------------------------


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
    try:
        hook = converter.get_structure_hook(cls)
    except StructureHandlerNotFoundError:
        raise _fail(UNSUPPORTED_TYPE, f"cannot load {cls!r}: no hook for it") from None
    try:
        return typing.cast("T", hook(data, cls))
    except ValidationError:
        raise
    except Exception as error:
        raise ValidationError(_problems_of(error)) from None


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
    if not attrs.has(type(obj)):
        if type(obj) in (list, tuple):
            items = typing.cast("list[object]", obj)
            problems: list[Problem] = []
            result = []
            for index, item in enumerate(items):
                try:
                    result.append(to_dict(item))
                except ValidationError as error:  # noqa: PERF203
                    problems.extend(error.under(f"$[{index}]").problems)
            if problems:
                raise ValidationError(problems)
            return result
        raise _wrong_type("a model object", obj)
    try:
        return converter.unstructure(obj)
    except Exception as error:
        raise ValidationError(_problems_of(error)) from None


# JSON text: the standard library's parser and encoder, configured strictly.


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not valid JSON")


def _parse_huge_int(text: str) -> int | _HugeInt:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        return _HugeInt(len(text.lstrip("-")))
    return int(text)


_JSON_DECODER = json.JSONDecoder(parse_constant=_reject_constant)
# Used again when an int in the text is too long to convert, so that the problem
# is reported at the int's own path.
_JSON_DECODER_HUGE_INTS = json.JSONDecoder(
    parse_constant=_reject_constant, parse_int=_parse_huge_int
)
_JSON_ENCODER = json.JSONEncoder(
    ensure_ascii=False,
    separators=(",", ":"),
    allow_nan=False,
    sort_keys=True,
)
# Writes anything, to find a lone surrogate in a parsed value by encoding it.
_SURROGATE_CHECK = json.JSONEncoder(ensure_ascii=False, default=lambda _: 0)
# An escaped surrogate, which may be half of a valid pair, or a raw lone one.
_SURROGATE = re.compile(r"\\u[dD][89abcdefABCDEF]|[\ud800-\udfff]")
BOM = "\ufeff"
"""The byte order mark, U+FEFF, which JSON text must not start with."""

JsonText = str | bytes | bytearray | memoryview


def _text_of(data: JsonText) -> str:
    """Decode JSON input to text, or raise a `ValidationError`."""
    if isinstance(data, str):
        return data
    if isinstance(data, memoryview) and not data.c_contiguous:
        data = data.tobytes()
    if isinstance(data, (bytes, bytearray, memoryview)):
        try:
            return str(data, "utf-8")
        except UnicodeError as error:
            raise _fail(JSON, f"malformed JSON: not UTF-8 text ({error})") from None
    raise _wrong_type("JSON text (str or bytes)", data)


def _parse_json(data: JsonText) -> object:
    """Parse JSON text strictly into Python values, or raise a `ValidationError`.

    Bytes must be UTF-8. `NaN` and `Infinity` are refused, and so are strings
    with a lone surrogate, which no UTF-8 text can hold, and a byte order mark
    at the start. An int too long to convert is read as a placeholder, which
    the converter then refuses at its own path.

    Example:
        >>> _parse_json(b'{"a": [1, 2.5, null]}')
        {'a': [1, 2.5, None]}
        >>> _parse_json("[1,")
        Traceback (most recent call last):
        ...
        trafficking_model.errors.ValidationError: $: malformed JSON: Expecting value: line 1 column 4 (char 3)
    """
    text = _text_of(data)
    if text.startswith(BOM):
        raise _fail(
            JSON,
            "malformed JSON: the text starts with a byte order mark (U+FEFF), "
            "which JSON does not allow; save the file as UTF-8 without a BOM",
        )
    try:
        try:
            value = _JSON_DECODER.decode(text)
        except ValueError as error:
            if "digits" not in str(error):
                raise
            value = _JSON_DECODER_HUGE_INTS.decode(text)
        if _SURROGATE.search(text):
            _SURROGATE_CHECK.encode(value).encode("utf-8")
    except UnicodeError:
        raise _fail(
            JSON, "malformed JSON: a string holds a lone surrogate (U+D800 to U+DFFF)"
        ) from None
    except RecursionError:
        raise _fail(JSON, "malformed JSON: nested too deeply") from None
    except (ValueError, TypeError) as error:
        raise _fail(JSON, f"malformed JSON: {error}") from None
    return value


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
    fast = _accelerated_decoder(cls)
    if fast is not None:
        result = fast(data)
        if result is not None:
            return typing.cast("T", result)
    return from_dict(_parse_json(data), cls)


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
        return _encode_json(obj).decode("utf-8")
    if type(indent) is not int or indent < 0:
        msg = f"indent must be an int of 0 or more, got {type(indent).__name__}"
        raise _fail(TYPE, msg)
    data = to_dict(obj)
    encoder = json.JSONEncoder(
        ensure_ascii=False, allow_nan=False, sort_keys=True, indent=indent
    )
    try:
        return encoder.encode(data)
    except (ValueError, TypeError, UnicodeError) as error:
        raise _fail(JSON, f"cannot be written as JSON: {error}") from None


def _encode_json(obj: object) -> bytes:
    """Write a model object as compact, deterministic UTF-8 JSON bytes.

    Example:
        >>> from trafficking_model import Period
        >>> _encode_json(Period.from_years(2020))
        b'{"end":"2020-12-31","start":"2020-01-01"}'
    """
    return _encoder_for(type(obj))(obj)


def _encoder_for(cls: object) -> Callable[[object], bytes]:
    """The fastest exact way to write objects of type `cls` as JSON bytes."""
    fast = _accelerated_encoder(cls)
    if fast is None:
        return _encode_with_converter
    accelerated = fast

    def encode(obj: object) -> bytes:
        encoded = accelerated(obj)
        return _encode_with_converter(obj) if encoded is None else encoded

    return encode


def _encode_with_converter(obj: object) -> bytes:
    data = to_dict(obj)
    try:
        return _JSON_ENCODER.encode(data).encode("utf-8")
    except (ValueError, TypeError, UnicodeError) as error:
        raise _fail(JSON, f"cannot be written as JSON: {error}") from None


# ---------------------------------------------------------------------------
# The optional msgspec acceleration
# ---------------------------------------------------------------------------


Decoder = Callable[[str | bytes | bytearray | memoryview], object | None]
Encoder = Callable[[object], bytes | None]
Appender = Callable[[object, bytearray], bool]

_accelerator: Any = None


def _accelerated_decoder(cls: object) -> Decoder | None:
    if _accelerator is None:
        return None
    return _accelerator.decoder_for(cls)  # type: ignore[no-any-return]


def _accelerated_encoder(cls: object) -> Encoder | None:
    if _accelerator is None:
        return None
    return _accelerator.encoder_for(cls)  # type: ignore[no-any-return]


def _accelerated_appender(cls: object) -> Appender | None:
    if _accelerator is None:
        return None
    return _accelerator.appender_for(cls)  # type: ignore[no-any-return]


def _use_acceleration(enabled: bool) -> bool:
    """Switch the optional msgspec acceleration on or off; return the old setting.

    It is on by default when `msgspec` is installed (extra `fast`). Results and
    errors are the same either way; switching it off is for tests and
    benchmarks.

    Example:
        >>> was_on = _use_acceleration(False)
        >>> _use_acceleration(was_on)
        False
    """
    global _accelerator  # noqa: PLW0603
    was_on = _accelerator is not None
    _accelerator = None
    if enabled:
        try:
            from trafficking_model import _accelerated
        except ImportError:
            pass
        else:
            _accelerator = _accelerated
    return was_on


_use_acceleration(True)
