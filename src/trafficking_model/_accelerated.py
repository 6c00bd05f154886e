"""The optional msgspec acceleration of `from_json`, `to_json` and JSON Lines.

msgspec decodes JSON straight into the attrs model classes, which run their own
checks, and encodes them straight to JSON. It is used only where it gives
exactly what the cattrs converter gives; anything else steps aside:

- Decoding serves only classes made of str, int, bool, enums, dates, sets of str
  or enums, tuples, nested classes of the same kind, figures (an int, a
  `Count` or null) and breakdowns (mappings from an enum to figures, which
  msgspec builds as dicts and their owner freezes in `__attrs_post_init__`).
  Floats and decimals are left to the converter, because msgspec would read
  `120` into a float field as `120.0` and accept a number for a decimal.
- msgspec ignores unknown keys, and the loader must reject them. A mirror
  `msgspec.Struct` with the same field names, values of any type, and
  `forbid_unknown_fields` reads the text a second time to check the keys at
  every level. (Counting keys in the text was tried: on plain text it is exact,
  but the scans it needs cost more than the mirror; so was a mirror that keeps
  its values as `msgspec.Raw`, which cost the same.)
- Any input msgspec does not accept, for whatever reason (any exception at all,
  including `RecursionError` for deep nesting and `BufferError` for a
  non-contiguous buffer), is decoded again by the converter, which builds the
  error report. So errors are always the converter's.
- Encoding serves classes without float fields: msgspec writes `1e16` where
  the standard library writes `1e+16`. msgspec writes the fields of a slotted
  attrs class in sorted order, as the converter does, and sorts sets of str.
  It cannot sort a set of two or more enum members; such an object is first
  turned into plain data by a second, internal cattrs converter.
- Both step aside for a class once hooks are registered on the converter after
  import, so that user hooks always take effect.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
import cattrs
import msgspec
from immutabledict import immutabledict

from trafficking_model._converter import converter, unstructure_breakdown
from trafficking_model._models import MODEL_CLASSES
from trafficking_model._types import is_breakdown
from trafficking_model._validation import AS_GIVEN, MAX_INT_DIGITS

if TYPE_CHECKING:
    from collections.abc import Callable

Data = str | bytes | bytearray | memoryview


def _hints(cls: type[Any]) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _optional_inner(type_: object) -> object:
    args = typing.get_args(type_)
    if len(args) == 2 and type(None) in args:
        return next(arg for arg in args if arg is not type(None))
    return None


def _is_str_enum(type_: object) -> bool:
    return (
        isinstance(type_, type)
        and issubclass(type_, enum.Enum)
        and all(type(member.value) is str for member in type_)
    )


def _plain_fields(cls: type[Any]) -> bool:
    """Whether msgspec builds `cls` exactly as attrs' own `__init__` would."""
    return all(
        field.init
        and (field.converter is None or field.converter in AS_GIVEN)
        and field.validator is None
        and not (
            isinstance(field.default, attrs.Factory)  # type: ignore[arg-type]
            and field.default.takes_self
        )
        for field in attrs.fields(cls)
    )


def _decodable(type_: object, seen: set[Any]) -> bool:  # noqa: PLR0911
    """Whether msgspec reads `type_` from JSON exactly as the converter does."""
    if type_ in (str, int, bool, dt.date, type(None)) or _is_str_enum(type_):
        return True
    origin = typing.get_origin(type_)
    args = typing.get_args(type_)
    if origin in (typing.Union, types.UnionType):
        # msgspec tells the members apart by the JSON type, as the converter
        # does, as long as at most one of them is read from a JSON object.
        return sum(attrs.has(arg) for arg in args) <= 1 and all(
            _decodable(arg, seen) for arg in args
        )
    if origin is frozenset and len(args) == 1:
        return args[0] is str or _is_str_enum(args[0])
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return attrs.has(args[0]) and _decodable(args[0], seen)
    if origin is Mapping and len(args) == 2:
        # A breakdown: its owner freezes the dict msgspec builds.
        return _is_str_enum(args[0]) and _decodable(args[1], seen)
    if isinstance(type_, type) and attrs.has(type_):
        if type_ in seen:
            return True
        seen.add(type_)
        return _plain_fields(type_) and all(
            _decodable(hint, seen) for hint in _hints(type_).values()
        )
    return False


def _encodable(type_: object, seen: set[Any]) -> bool:
    """Whether msgspec writes `type_` exactly as the converter does."""
    if type_ is float:
        return False
    inner = _optional_inner(type_)
    if inner is not None:
        return _encodable(inner, seen)
    if isinstance(type_, type) and attrs.has(type_):
        if type_ in seen:
            return True
        seen.add(type_)
        return all(_encodable(hint, seen) for hint in _hints(type_).values())
    if typing.get_origin(type_) is typing.Union:
        return False
    return all(_encodable(arg, seen) for arg in typing.get_args(type_))


# ---------------------------------------------------------------------------
# Unknown keys
# ---------------------------------------------------------------------------


_MIRRORS: dict[type[Any], type[msgspec.Struct]] = {}


def _mirror_type(type_: object) -> Any:  # noqa: ANN401 - a type form, or None
    """The type that checks the keys of the objects inside `type_`, or `None`.

    `None` stands for a value with no object inside, whose keys need no check.
    """
    if isinstance(type_, type) and attrs.has(type_):
        return _mirror(type_)
    origin = typing.get_origin(type_)
    args = typing.get_args(type_)
    if origin in (typing.Union, types.UnionType):
        mirrors = [_mirror_type(arg) for arg in args]
        if all(mirror is None for mirror in mirrors):
            return None
        members = [
            arg if mirror is None else mirror
            for arg, mirror in zip(args, mirrors, strict=True)
        ]
        return typing.Union[tuple(members)]  # noqa: UP007 - built from a tuple
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        inner = _mirror_type(args[0])
        return None if inner is None else list[inner]  # type: ignore[valid-type]
    if origin is Mapping and len(args) == 2:
        inner = _mirror_type(args[1])
        return None if inner is None else dict[str, inner]  # type: ignore[valid-type]
    return None


def _mirror(cls: type[Any]) -> type[msgspec.Struct]:
    """A Struct with the fields of `cls`, no other keys allowed at any level.

    Values are of any type, except that the objects inside them have their own
    mirrors; every field is optional, since only the keys are checked here.
    """
    mirror = _MIRRORS.get(cls)
    if mirror is None:
        fields: list[tuple[str, Any, Any]] = []
        for name, hint in _hints(cls).items():
            inner = _mirror_type(hint)
            # The default is never checked; it only makes the field optional.
            fields.append((name, Any if inner is None else inner | None, None))
        mirror = msgspec.defstruct(
            f"_{cls.__name__}Keys",
            fields,
            forbid_unknown_fields=True,
            gc=False,
        )
        _MIRRORS[cls] = mirror
    return mirror


# ---------------------------------------------------------------------------
# Decoders and encoders, built once per class
# ---------------------------------------------------------------------------


def _build_decoder(cls: type[Any]) -> Callable[[Data], object | None]:
    typed = msgspec.json.Decoder(cls).decode
    mirror = msgspec.json.Decoder(_mirror(cls)).decode

    def decode(data: Data) -> object | None:
        try:
            obj: object = typed(data)
            mirror(data)
        except Exception:  # whatever fails goes to the converter
            # Not only msgspec's errors: RecursionError for deep nesting, even
            # under an unknown key, BufferError for a non-contiguous buffer,
            # UnicodeError for a lone surrogate, the model's ValidationError.
            return None
        return obj

    return decode


def _enc_hook(value: object) -> object:
    if isinstance(value, immutabledict):
        # `_value_` is Enum's documented attribute; `.value` is a property,
        # about ten times slower, and a report writes a dozen members.
        return {member._value_: count for member, count in value.items()}
    raise NotImplementedError


# "deterministic" sorts sets and mappings. msgspec writes the fields of a slotted
# attrs class in sorted order too, which is the order the converter writes.
_ENCODER = msgspec.json.Encoder(enc_hook=_enc_hook, order="deterministic")


def _encode(obj: object) -> bytes | None:
    try:
        return _ENCODER.encode(obj)
    except TypeError:
        # A set of two or more enum members, which msgspec cannot sort.
        pass
    except Exception:  # the converter writes it, or says why not
        return None
    try:
        return _ENCODER.encode(_plain.unstructure(obj))
    except Exception:
        return None


def _append(obj: object, buffer: bytearray) -> bool:
    """Append the JSON of `obj` to `buffer`; False, buffer unchanged, if it cannot."""
    mark = len(buffer)
    try:
        _ENCODER.encode_into(obj, buffer, -1)
    except TypeError:
        # A set of two or more enum members, which msgspec cannot sort.
        del buffer[mark:]
    except Exception:  # the converter writes it, or says why not
        del buffer[mark:]
        return False
    else:
        return True
    try:
        _ENCODER.encode_into(_plain.unstructure(obj), buffer, -1)
    except Exception:
        del buffer[mark:]
        return False
    return True


def _sorted_values(members: frozenset[enum.Enum]) -> list[object]:
    values = _SORTED.get(members)
    if values is None:
        values = sorted(member._value_ for member in members)
        if len(_SORTED) < 10_000:
            _SORTED[members] = values
    return values


_SORTED: dict[frozenset[enum.Enum], list[object]] = {}


def _is_enum_set(type_: object) -> bool:
    args = typing.get_args(type_)
    return (
        typing.get_origin(type_) is frozenset
        and len(args) == 1
        and isinstance(args[0], type)
        and issubclass(args[0], enum.Enum)
    )


def _is_enum(type_: object) -> bool:
    return isinstance(type_, type) and issubclass(type_, enum.Enum)


def _identity(value: object) -> object:
    return value


def _plain_converter() -> cattrs.Converter:
    """Turn an object into data msgspec writes exactly as the converter would.

    Only what msgspec cannot write the same itself is changed: a set of enum
    members becomes the sorted list of their values. Enums, dates, decimals and
    breakdowns stay as they are, for msgspec to write; nested objects become
    dicts, whose keys msgspec sorts.
    """
    plain = cattrs.Converter()
    plain.register_unstructure_hook_func(is_breakdown, unstructure_breakdown)
    plain.register_unstructure_hook_func(_is_enum_set, _sorted_values)
    plain.register_unstructure_hook_func(_is_enum, _identity)
    for type_ in (dt.date, Decimal, immutabledict):
        plain.register_unstructure_hook(type_, _identity)
    return plain


_plain = _plain_converter()


# The converter's hooks as they are at import, before any user registers one.
# The acceleration serves a class only while its hook is still the same object:
# registering a hook clears cattrs' cache, so hooks built afterwards differ.
_DECODERS: dict[Any, tuple[Any, Callable[[Data], object | None]]] = {}
_ENCODERS: dict[Any, Any] = {}


def _prepare() -> None:
    for cls in MODEL_CLASSES:  # the format records are left to the converter
        if _decodable(cls, set()):
            _DECODERS[cls] = (converter.get_structure_hook(cls), _build_decoder(cls))
        if _encodable(cls, set()):
            _ENCODERS[cls] = converter.get_unstructure_hook(cls)


def decoder_for(cls: object) -> Callable[[Data], object | None] | None:
    """The accelerated decoder of `cls`, or `None` where the converter must do it.

    The decoder returns the object, or `None` when it does not accept the input;
    the caller then decodes it with the converter.
    """
    entry = _DECODERS.get(cls)
    if entry is None or converter.get_structure_hook(cls) is not entry[0]:
        return None
    return entry[1]


def encoder_for(cls: object) -> Callable[[object], bytes | None] | None:
    """The accelerated encoder of `cls`, or `None` where the converter must do it.

    The encoder returns the JSON bytes, or `None` when it cannot write the object
    exactly as the converter would; the caller then uses the converter.
    """
    hook = _ENCODERS.get(cls)
    if hook is None or converter.get_unstructure_hook(cls) is not hook:
        return None
    return _encode


def appender_for(cls: object) -> Callable[[object, bytearray], bool] | None:
    """Like `encoder_for`, but appending to a buffer, for writing many objects."""
    return None if encoder_for(cls) is None else _append


_prepare()


# ---------------------------------------------------------------------------
# Parsing JSON text into plain data, for the classes msgspec cannot build
# ---------------------------------------------------------------------------

UNPARSED: Any = object()
"""What `parse_plain` returns where the standard library must parse the text."""

_PARSE = msgspec.json.Decoder().decode
# Fewer brackets than this cannot nest deep enough to reach the recursion limit,
# where the two parsers could stop at different depths.
_MAX_BRACKETS = 400


def parse_plain(data: object) -> object:
    r"""The text parsed by msgspec, where that is exactly the standard library's.

    msgspec refuses all that `parse_json` refuses (NaN, Infinity and
    out-of-range floats, bad UTF-8, a byte order mark, raw control characters in
    strings), and parses the rest into the same values. It steps aside, with
    `UNPARSED`, for text with an escape `\u` (a lone surrogate is refused by
    the standard library's path with its own message), for text long enough
    to hold an int too long to convert (`MAX_INT_DIGITS`), for text with many
    brackets (deep nesting) and for anything it does not accept: the standard
    library then parses it again, and reports the error.
    """
    if type(data) is bytes:
        if b"\\u" in data or data.count(b"[") + data.count(b"{") > _MAX_BRACKETS:
            return UNPARSED
    elif type(data) is str:
        if "\\u" in data or data.count("[") + data.count("{") > _MAX_BRACKETS:
            return UNPARSED
    else:
        return UNPARSED
    if len(data) > MAX_INT_DIGITS:
        return UNPARSED
    try:
        return _PARSE(data)
    except Exception:  # the standard library parses it again, and reports it
        return UNPARSED
