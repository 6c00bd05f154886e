"""The strict cattrs converter behind `serialization`: hooks, errors, paths.

Every hook is strict: nothing is coerced, every failure is a `Problem` with a
JSONPath-like location and a rule id. `structure` and `unstructure` are the
bodies of the public `from_dict` and `to_dict`; the JSON text layer (`_json`)
and the optional msgspec codec (`_accelerated`) build on this module, and it
imports neither.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
import weakref
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

from trafficking_model._figures import frozen_dict
from trafficking_model._rules import holds, rule
from trafficking_model._types import (
    flag_vocabularies,
    is_breakdown,
    is_enum,
    is_figure,
    is_flag_set,
    is_optional,
    is_sequence,
    value_of,
)
from trafficking_model._validation import (
    ENUM,
    INT_LIMIT,
    INT_SIZE,
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

if typing.TYPE_CHECKING:
    import enum

_DATE_RULE = rule(
    "date",
    "Every date is written `YYYY-MM-DD` (ISO 8601), so that day and month are never "
    "confused.",
    applies_to=holds(dt.date),
)

_DECIMAL_RULE = rule(
    "decimal",
    '`Money.amount` is written as a decimal string such as `"150000.00"`: a JSON '
    "number would lose cents to floating point.",
    applies_to=holds(Decimal),
)

_INVALID_RULE = rule(
    "invalid",
    "A hook of yours that raises anything but a `ValidationError` still gives one.",
    checked_on="hooks you register on `converter`",
)

_DEPTH_RULE = rule(
    "depth",
    "A hook of yours that recurses past Python's limit is refused instead of crashing.",
    checked_on="hooks you register on `converter`",
)

T = TypeVar("T")

Hook = Callable[[Any, Any], Any]

# ---------------------------------------------------------------------------
# Problems raised by the hooks
# ---------------------------------------------------------------------------


def fail(rule: str, message: str, path: str = "$") -> ValidationError:
    return ValidationError([Problem(path=path, message=message, rule=rule)])


def wrong_type(expected: str, value: object) -> ValidationError:
    return fail(TYPE, f"expected {expected}, got {describe(value)}")


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*", re.ASCII)


def key_path(key: object) -> str:
    """The path of `key` inside an object: `$.name`, or `$['odd key']`.

    Example:
        >>> key_path("by_sex"), key_path("a b"), key_path(3)
        ('$.by_sex', "$['a b']", '$[3]')
    """
    if type(key) is str and _NAME.fullmatch(key):
        return f"$.{key}"
    return f"$[{key!r}]"


# ---------------------------------------------------------------------------
# Strict scalar hooks
# ---------------------------------------------------------------------------


def structure_str(value: object, _: object) -> str:
    if type(value) is str:
        if is_scalar_text(value):
            return value
        raise fail(UNICODE, LONE_SURROGATE_MESSAGE)
    raise wrong_type("str", value)


class HugeInt:
    """An integer in JSON text with more digits than can be converted."""

    __slots__ = ("digits",)

    def __init__(self, digits: int) -> None:
        self.digits = digits


def structure_int(value: object, _: object) -> int:
    if type(value) is int:
        if -INT_LIMIT < value < INT_LIMIT:
            return value
        raise too_long(value)
    if type(value) is HugeInt:
        raise too_long(value)
    raise wrong_type("int", value)


def too_long(value: object) -> ValidationError:
    if type(value) is HugeInt:
        digits = value.digits
    else:
        bits = abs(typing.cast("int", value)).bit_length()
        digits = int((bits - 1) * 0.30102999566398) + 1  # |value| >= 2 ** (bits - 1)
    return fail(
        INT_SIZE,
        f"an int of at least {digits} digits is too long: at most "
        f"{MAX_INT_DIGITS} digits can be written as JSON and read back",
    )


def structure_bool(value: object, _: object) -> bool:
    if type(value) is bool:
        return value
    raise wrong_type("bool", value)


def _structure_number(value: object, _: object) -> float:
    # A JSON number: an int stays an int, so that it is written back unchanged.
    if type(value) is float:
        return value
    if type(value) is int or type(value) is HugeInt:
        return structure_int(value, int)
    raise wrong_type("a number (int or float)", value)


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_DATES: dict[str, dt.date] = {}
_DATE_CACHE_SIZE = 50_000


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
        raise fail(_DATE_RULE, f"{subject(value)} is not a date in the form YYYY-MM-DD")
    raise wrong_type('a date string "YYYY-MM-DD"', value)


_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?", re.ASCII)


def _structure_decimal(value: object, _: object) -> Decimal:
    if type(value) is str:
        if _DECIMAL.fullmatch(value):
            try:
                return Decimal(value)
            except InvalidOperation:  # pragma: no cover - the pattern is stricter
                pass
        raise fail(
            _DECIMAL_RULE,
            f"{subject(value)} is not a decimal number in a string, "
            "such as '150000.00'",
        )
    raise wrong_type('a decimal string such as "150000.00"', value)


def _structure_none(value: object, _: object) -> None:
    if value is None:
        return
    raise wrong_type("null", value)


# ---------------------------------------------------------------------------
# Hook factories: enums, optionals, collections, breakdowns, attrs classes
# ---------------------------------------------------------------------------


def _enum_values(enum_type: type[enum.Enum]) -> str:
    return ", ".join(repr(member.value) for member in enum_type)


def _enum_hook(enum_type: type[enum.Enum]) -> Hook:
    members: dict[object, enum.Enum] = {member.value: member for member in enum_type}

    def structure_enum(value: object, _: object) -> enum.Enum:
        if type(value) is str:
            member = members.get(value)
            if member is not None:
                return member
            raise fail(
                ENUM,
                f"{subject(value)} is not a {enum_type.__name__}; "
                f"expected one of {_enum_values(enum_type)}",
            )
        raise wrong_type(f"{enum_type.__name__} value (str)", value)

    return structure_enum


def _optional_hook(type_: object, conv: cattrs.Converter) -> Hook:
    (inner,) = (arg for arg in typing.get_args(type_) if arg is not type(None))
    hook = conv.get_structure_hook(inner)

    def structure_optional(value: object, _: object) -> object:
        if value is None:
            return None
        return hook(value, inner)

    return structure_optional


_BUILDERS: dict[Any, Callable[[list[Any]], Any]] = {
    frozenset: frozenset,
    AbstractSet: frozenset,
    tuple: tuple,
    list: list,
}


def _sequence_hook(type_: object, conv: cattrs.Converter) -> Hook:
    build = _BUILDERS[typing.get_origin(type_)]
    item_type = typing.get_args(type_)[0]
    item_hook = conv.get_structure_hook(item_type)
    members: dict[object, enum.Enum] | None = None
    if is_enum(item_type) and item_hook is ENUM_HOOKS.get(item_type):
        members = {member.value: member for member in item_type}

    plain_text = item_hook is structure_str

    def structure_sequence(value: object, _: object) -> object:
        if type(value) is not list and type(value) is not tuple:
            raise wrong_type("an array", value)
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
                    problem.under(f"$[{index}]") for problem in problems_of(error)
                )
        if not problems:  # pragma: no cover - every item alone is fine
            raise fail(_INVALID_RULE, f"cannot build {type_!r} from {describe(value)}")
        raise ValidationError(problems)

    return structure_sequence


def _miss() -> enum.Enum:
    raise KeyError


def _flag_set_hook(type_: object, conv: cattrs.Converter) -> Hook:
    vocabularies = flag_vocabularies(type_)
    hooks = {
        name: conv.get_structure_hook(frozenset[vocabulary])  # type: ignore[valid-type]
        for name, vocabulary in vocabularies.items()
    }
    names = ", ".join(vocabularies)

    def structure_flag_set(value: object, _: object) -> frozenset[enum.Enum]:
        if type(value) is not dict:
            raise wrong_type("an object", value)
        flags: set[enum.Enum] = set()
        problems: list[Problem] = []
        for key, members in value.items():
            hook = hooks.get(key) if type(key) is str else None
            if hook is None:
                problems.append(
                    Problem(
                        path=key_path(key),
                        message=f"unknown key {key!r}: expected one of {names}",
                        rule=UNKNOWN_KEY,
                    )
                )
                continue
            try:
                flags.update(hook(members, None))
            except Exception as error:
                problems.extend(
                    problem.under(key_path(key)) for problem in problems_of(error)
                )
        if problems:
            raise ValidationError(problems)
        return frozenset(flags)

    return structure_flag_set


def _unstructure_flag_set_factory(type_: object) -> Unhook:
    vocabularies = sorted(flag_vocabularies(type_).items())

    def unstructure_flag_set(value: Iterable[enum.Enum]) -> dict[str, list[object]]:
        return {
            name: sorted(member.value for member in value if type(member) is vocabulary)
            for name, vocabulary in vocabularies
        }

    return unstructure_flag_set


def structure_figure(value: object, _: object) -> Figure:
    if type(value) is int and -INT_LIMIT < value < INT_LIMIT:
        return value  # the common case, in one call
    if value is None:
        return None
    if type(value) is int or type(value) is HugeInt:
        return structure_int(value, int)
    if type(value) is dict:
        count = converter.structure(value, Count)
        return count.low if count.is_exact else count
    raise wrong_type("int, null or a range", value)


def unstructure_figure(value: Figure) -> object:
    if isinstance(value, Count):
        return {"high": value.high, "low": value.low}
    return value


def _breakdown_hook(type_: object, _conv: cattrs.Converter) -> Hook:
    enum_type: type[enum.Enum] = typing.get_args(type_)[0]
    members: dict[object, enum.Enum] = {member.value: member for member in enum_type}
    figures = is_figure(typing.get_args(type_)[1])
    expected = "int, null or a range" if figures else "int"

    def structure_breakdown(value: object, _: object) -> Mapping[enum.Enum, Figure]:
        if type(value) is not dict:
            raise wrong_type("an object", value)
        counts: dict[enum.Enum, Figure] = {}
        problems: list[Problem] = []
        for key, count in value.items():
            member = members.get(key) if type(key) is str else None
            if member is None:
                problems.append(
                    Problem(
                        path=key_path(key),
                        message=f"unknown key {key!r}: not a {enum_type.__name__}; "
                        f"expected one of {_enum_values(enum_type)}",
                        rule=UNKNOWN_KEY,
                    )
                )
            elif type(count) is int and -INT_LIMIT < count < INT_LIMIT:
                counts[member] = count
            elif type(count) is int or type(count) is HugeInt:
                problems.extend(
                    problem.under(key_path(key)) for problem in too_long(count).problems
                )
            elif figures and (count is None or type(count) is dict):
                try:
                    counts[member] = structure_figure(count, Figure)
                except Exception as error:
                    problems.extend(
                        problem.under(key_path(key)) for problem in problems_of(error)
                    )
            else:
                problems.append(
                    Problem(
                        path=key_path(key),
                        message=f"expected {expected}, got {describe(count)}",
                        rule=TYPE,
                    )
                )
        if problems:
            raise ValidationError(problems)
        return frozen_dict(counts)

    return structure_breakdown


OBJECT_HOOKS: weakref.WeakSet[Hook] = weakref.WeakSet()
"""The hooks `_attrs_hook` made: a class's fields structured one by one."""


def _attrs_hook(cls: type[Any], conv: cattrs.Converter) -> Hook:
    structure_fields = make_dict_structure_fn(cls, conv)

    def structure_object(value: object, _: object) -> object:
        if type(value) is not dict and not isinstance(value, Mapping):
            raise wrong_type("an object", value)
        return structure_fields(value, cls)

    OBJECT_HOOKS.add(structure_object)
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
                    for problem in problems_of(error)
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
        if is_enum(item_type):

            def unstructure_enum_set(value: Iterable[enum.Enum]) -> list[object]:
                return sorted([member._value_ for member in value])

            return unstructure_enum_set

        def unstructure_set(value: Iterable[object]) -> list[object]:
            return sorted([item_hook(item) for item in value])

        return unstructure_set

    def unstructure_sequence(value: Iterable[object]) -> list[object]:
        return [item_hook(item) for item in value]

    return unstructure_sequence


def unstructure_breakdown(value: Mapping[enum.Enum, Figure]) -> dict[str, object]:
    return {
        member._value_: unstructure_figure(count)
        for member, count in sorted(value.items(), key=_by_member_value)
    }


def _by_member_value(item: tuple[enum.Enum, object]) -> str:
    return value_of(item[0])


def _unstructure_optional_factory(type_: object, conv: cattrs.Converter) -> Unhook:
    (inner,) = (arg for arg in typing.get_args(type_) if arg is not type(None))
    hook = conv.get_unstructure_hook(inner)

    def unstructure_optional(value: object) -> object:
        return None if value is None else hook(value)

    return unstructure_optional


# ---------------------------------------------------------------------------
# The converter
# ---------------------------------------------------------------------------

ENUM_HOOKS: dict[Any, Hook] = {}


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, structure_str)
    conv.register_structure_hook(int, structure_int)
    conv.register_structure_hook(bool, structure_bool)
    conv.register_structure_hook(float, _structure_number)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_structure_hook(type(None), _structure_none)

    def enum_factory(enum_type: type[enum.Enum]) -> Hook:
        hook = ENUM_HOOKS.get(enum_type)
        if hook is None:
            hook = ENUM_HOOKS[enum_type] = _enum_hook(enum_type)
        return hook

    conv.register_structure_hook_factory(is_enum, enum_factory)
    conv.register_structure_hook_factory(
        is_optional, lambda type_: _optional_hook(type_, conv)
    )
    conv.register_structure_hook_factory(
        is_sequence, lambda type_: _sequence_hook(type_, conv)
    )
    conv.register_structure_hook_factory(
        is_flag_set, lambda type_: _flag_set_hook(type_, conv)
    )
    conv.register_structure_hook_factory(
        is_breakdown, lambda type_: _breakdown_hook(type_, conv)
    )
    conv.register_structure_hook_factory(attrs.has, lambda cls: _attrs_hook(cls, conv))
    conv.register_structure_hook_func(is_figure, structure_figure)
    conv.register_structure_hook_func(
        lambda type_: type_ is GlotipRow, _glotip_row_hook(conv)
    )

    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_unstructure_hook(Decimal, str)
    conv.register_unstructure_hook_factory(
        is_optional, lambda type_: _unstructure_optional_factory(type_, conv)
    )
    conv.register_unstructure_hook_factory(
        is_sequence, lambda type_: _unstructure_sequence_factory(type_, conv)
    )
    conv.register_unstructure_hook_factory(is_flag_set, _unstructure_flag_set_factory)
    conv.register_unstructure_hook_factory(
        is_breakdown, lambda _type: unstructure_breakdown
    )
    conv.register_unstructure_hook(immutabledict, unstructure_breakdown)
    conv.register_unstructure_hook_func(is_figure, unstructure_figure)
    conv.register_unstructure_hook_factory(
        attrs.has, lambda cls: make_dict_unstructure_fn(cls, conv)
    )
    return conv


converter: cattrs.Converter = _make_converter()
"""The configured, strict cattrs converter behind `from_dict`, `from_json`, `to_dict`, `to_json` and the JSON Lines functions.

It is public for users who extend it, for example to load their own attrs
classes that contain the model's. Hooks registered on it apply to all of
those: once a hook is registered after import, the optional msgspec
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


def problems_of(error: BaseException) -> list[Problem]:
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
        ...     for problem in problems_of(error):
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
                problems.extend(problems_of(sub))
            elif isinstance(sub, KeyError) and sub.args == (attribute.name,):
                problems.append(
                    Problem(
                        path=key_path(attribute.name),
                        message="required field is missing",
                        rule=REQUIRED,
                    )
                )
            else:
                prefix = key_path(attribute.name)
                problems.extend(problem.under(prefix) for problem in problems_of(sub))
        return problems
    if isinstance(error, IterableValidationError):
        problems = []
        for sub in error.exceptions:
            item = _note(sub, IterableValidationNote)
            prefix = "$" if item is None else f"$[{item.index!r}]"
            problems.extend(problem.under(prefix) for problem in problems_of(sub))
        return problems
    if isinstance(error, ForbiddenExtraKeysError):
        return [
            Problem(
                path=key_path(key),
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


def structure(data: object, cls: type[T]) -> T:
    """Build a `cls` from JSON-like data, or raise one `ValidationError`.

    The body of [`from_dict`][trafficking_model.from_dict].

    Example:
        >>> from trafficking_model import Period
        >>> structure({"start": "2021-01-01", "end": "2021-12-31"}, Period).end
        datetime.date(2021, 12, 31)
    """
    try:
        hook = converter.get_structure_hook(cls)
    except (StructureHandlerNotFoundError, TypeError):  # TypeError: unhashable
        raise fail(UNSUPPORTED_TYPE, f"cannot load {cls!r}: no hook for it") from None
    try:
        return typing.cast("T", hook(data, cls))
    except ValidationError:
        raise
    except Exception as error:
        raise ValidationError(problems_of(error)) from None


def unstructure(obj: object) -> Any:  # noqa: ANN401 - JSON-like data
    """Turn a model object, or a list or tuple of them, into JSON-like data.

    The body of [`to_dict`][trafficking_model.to_dict].

    Example:
        >>> from trafficking_model import Period
        >>> unstructure(Period.from_years(2021))
        {'start': '2021-01-01', 'end': '2021-12-31'}
    """
    if not attrs.has(type(obj)):
        if type(obj) in (list, tuple):
            items = typing.cast("list[object]", obj)
            problems: list[Problem] = []
            result = []
            for index, item in enumerate(items):
                try:
                    result.append(unstructure(item))
                except ValidationError as error:  # noqa: PERF203
                    problems.extend(error.under(f"$[{index}]").problems)
            if problems:
                raise ValidationError(problems)
            return result
        raise wrong_type("a model object", obj)
    try:
        return converter.unstructure(obj)
    except Exception as error:
        raise ValidationError(problems_of(error)) from None
