"""JSON text, strictly: the standard library's parser and encoder, and msgspec's.

`parse_json` and `encode_json` turn text into JSON-like data and model objects
into bytes, with every failure a `ValidationError`. When the optional `msgspec`
package is installed (extra `fast`), the `accelerated_*` functions hand out
the codec of `_accelerated` for the classes it serves exactly; the callers fall
back to the converter for anything else. This module imports the codec only
when acceleration is switched on, and the codec does not import it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from trafficking_model._converter import HugeInt, fail, unstructure, wrong_type
from trafficking_model._validation import JSON, MAX_INT_DIGITS


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not valid JSON")


def _parse_huge_int(text: str) -> int | HugeInt:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        return HugeInt(len(text.lstrip("-")))
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


def text_of(data: JsonText) -> str:
    """Decode JSON input to text, or raise a `ValidationError`."""
    if isinstance(data, str):
        return data
    if isinstance(data, memoryview) and not data.c_contiguous:
        data = data.tobytes()
    if isinstance(data, (bytes, bytearray, memoryview)):
        try:
            return str(data, "utf-8")
        except UnicodeError as error:
            raise fail(JSON, f"malformed JSON: not UTF-8 text ({error})") from None
    raise wrong_type("JSON text (str or bytes)", data)


def parse_json(data: JsonText) -> object:
    """Parse JSON text strictly into Python values, or raise a `ValidationError`.

    Bytes must be UTF-8. `NaN` and `Infinity` are refused, and so are strings
    with a lone surrogate, which no UTF-8 text can hold, and a byte order mark
    at the start. An int too long to convert is read as a placeholder, which
    the converter then refuses at its own path.

    Example:
        >>> parse_json(b'{"a": [1, 2.5, null]}')
        {'a': [1, 2.5, None]}
        >>> parse_json("[1,")
        Traceback (most recent call last):
        ...
        trafficking_model.errors.ValidationError: $: malformed JSON: Expecting value: line 1 column 4 (char 3)
    """
    if _accelerator is not None:
        value = _accelerator.parse_plain(data)
        if value is not _accelerator.UNPARSED:
            return value
    text = text_of(data)
    if text.startswith(BOM):
        raise fail(
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
        raise fail(
            JSON, "malformed JSON: a string holds a lone surrogate (U+D800 to U+DFFF)"
        ) from None
    except RecursionError:
        raise fail(JSON, "malformed JSON: nested too deeply") from None
    except (ValueError, TypeError) as error:
        raise fail(JSON, f"malformed JSON: {error}") from None
    return value


def encode_json(obj: object) -> bytes:
    """Write a model object as compact, deterministic UTF-8 JSON bytes.

    Example:
        >>> from trafficking_model import Period
        >>> encode_json(Period.from_years(2020))
        b'{"end":"2020-12-31","start":"2020-01-01"}'
    """
    return exact_encoder(type(obj))(obj)


def exact_encoder(cls: object) -> Callable[[object], bytes]:
    """The fastest exact way to write objects of type `cls` as JSON bytes."""
    fast = accelerated_encoder(cls)
    if fast is None:
        return encode_with_converter
    accelerated = fast

    def encode(obj: object) -> bytes:
        encoded = accelerated(obj)
        return encode_with_converter(obj) if encoded is None else encoded

    return encode


def encode_with_converter(obj: object) -> bytes:
    """Write a model object as JSON bytes through the converter alone."""
    data = unstructure(obj)
    try:
        return _JSON_ENCODER.encode(data).encode("utf-8")
    except (ValueError, TypeError, UnicodeError) as error:
        raise fail(JSON, f"cannot be written as JSON: {error}") from None


# ---------------------------------------------------------------------------
# The optional msgspec acceleration
# ---------------------------------------------------------------------------


Decoder = Callable[[str | bytes | bytearray | memoryview], object | None]
Encoder = Callable[[object], bytes | None]
Appender = Callable[[object, bytearray], bool]

_accelerator: Any = None


def accelerated_decoder(cls: object) -> Decoder | None:
    """Msgspec's decoder of `cls`, or `None` where the converter must decode it."""
    if _accelerator is None:
        return None
    return _accelerator.decoder_for(cls)  # type: ignore[no-any-return]


def accelerated_encoder(cls: object) -> Encoder | None:
    """Msgspec's encoder of `cls`, or `None` where the converter must encode it."""
    if _accelerator is None:
        return None
    return _accelerator.encoder_for(cls)  # type: ignore[no-any-return]


def accelerated_appender(cls: object) -> Appender | None:
    """Msgspec's appender of `cls` to a buffer, or `None` where it cannot serve."""
    if _accelerator is None:
        return None
    return _accelerator.appender_for(cls)  # type: ignore[no-any-return]


def use_acceleration(enabled: bool) -> bool:
    """Switch the optional msgspec acceleration on or off; return the old setting.

    It is on by default when `msgspec` is installed (extra `fast`). Results and
    errors are the same either way; switching it off is for tests and
    benchmarks.

    Example:
        >>> was_on = use_acceleration(False)
        >>> use_acceleration(was_on)
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


use_acceleration(True)
