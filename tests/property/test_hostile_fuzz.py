"""Fuzz the loaders with hostile structure mixed into valid documents (issue 11).

Each input starts from the JSON form of a valid value of a top-level type and
mixes in one to three hostile parts, at a random place (under a known key, in
an array, or under a new, unknown key):

- nesting hundreds to thousands of levels deep;
- integers longer than Python prints by default (over 4,300 digits), either
  sign, and just below that limit;
- strings holding a lone surrogate, raw or escaped;
- a byte order mark at the start of the text, or inside a string;

and it goes in through `from_dict`, or through `from_json` as `str`, as UTF-8
`bytes`, or as a non-contiguous `memoryview`, with the msgspec acceleration on
and off. The only exception allowed out is `ValidationError`; whatever is
accepted must be written back by `to_json` and read again to the same value.

The number of inputs per type follows the profile, like `test_fuzz.py`:
100,000 in `deep`, `max_examples` otherwise, or `TRAFFICKING_MODEL_FUZZ_EXAMPLES`.
See "Fuzzing" in CONTRIBUTING.md.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import trafficking_model as tm
from serialization_helpers import MODES, acceleration

DEEP_EXAMPLES = 100_000
EXAMPLES = int(os.environ.get("TRAFFICKING_MODEL_FUZZ_EXAMPLES", "0")) or (
    DEEP_EXAMPLES
    if settings.default.max_examples >= 10_000
    else settings.default.max_examples
)
fuzz_settings = settings(
    max_examples=EXAMPLES,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

TOP_LEVEL = [tm.CountryReport, tm.NationalActionPlan, tm.Victim, tm.Case]
by_name = pytest.mark.parametrize("cls", TOP_LEVEL, ids=lambda cls: cls.__name__)

# A placeholder string, replaced in the JSON text by a part `json.dumps` cannot
# write (deep nesting, a huge int) or must not (a raw surrogate).
MARK = "\x00hostile-{}\x00"


def _nodes(value: Any) -> list[list[str | int]]:
    paths: list[list[str | int]] = [[]]
    if isinstance(value, dict):
        for key, item in value.items():
            paths.extend([key, *path] for path in _nodes(item))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            paths.extend([index, *path] for path in _nodes(item))
    return paths


@st.composite
def hostile_parts(draw: st.DrawFn) -> tuple[object, str]:
    """A hostile value: as Python data, and as JSON text."""
    kind = draw(st.sampled_from(["deep", "huge", "surrogate", "bom", "edge_int"]))
    if kind == "deep":
        depth = draw(st.integers(min_value=200, max_value=5_000))
        opener, closer = draw(st.sampled_from([("[", "]"), ('{"a":', "}")]))
        data: object = []
        for _ in range(depth if opener == "[" else depth - 1):
            data = [data] if opener == "[" else {"a": data}
        if opener == "{":
            data = {"a": data}
            return data, opener * depth + "[]" + closer * depth
        return data, opener * depth + closer * depth
    if kind in ("huge", "edge_int"):
        digits = (
            draw(st.integers(min_value=4_301, max_value=6_000))
            if kind == "huge"
            else draw(st.integers(min_value=4_290, max_value=4_300))
        )
        negative = draw(st.booleans())
        value = 10**digits - 1  # `digits` nines, made without printing an int
        return (-value if negative else value), ("-" if negative else "") + "9" * digits
    if kind == "surrogate":
        code = draw(st.integers(min_value=0xD800, max_value=0xDFFF))
        prefix = draw(st.text(max_size=5))
        raw = prefix + chr(code)
        escaped = draw(st.booleans())
        body = json.dumps(prefix)[1:-1] + (f"\\u{code:04x}" if escaped else chr(code))
        return raw, f'"{body}"'
    text = "\ufeff" + draw(st.sampled_from(["V-1", "", "AZE", "2021-01-01"]))
    return text, json.dumps(text, ensure_ascii=False)


@st.composite
def hostile_documents(draw: st.DrawFn, cls: type) -> tuple[Any, str]:
    """A valid `cls` as JSON with hostile parts: the data, and the JSON text."""
    document = tm.to_dict(draw(st.from_type(cls)))
    texts: dict[str, str] = {}
    values: dict[str, object] = {}
    for number in range(draw(st.integers(min_value=1, max_value=3))):
        mark = MARK.format(number)
        values[mark], texts[mark] = draw(hostile_parts())
        path = draw(st.sampled_from(_nodes(document)))
        if not path:
            document = {"x": mark} if draw(st.booleans()) else mark
            continue
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        if isinstance(parent, dict) and draw(st.booleans()):
            parent[draw(st.text(min_size=1, max_size=8))] = mark  # an unknown key
        else:
            parent[path[-1]] = mark
    text = json.dumps(document, ensure_ascii=False, sort_keys=True)
    for mark, part in texts.items():
        text = text.replace(json.dumps(mark, ensure_ascii=False), part)
    return _substitute(document, values), text


def _substitute(value: Any, values: dict[str, object]) -> Any:
    """Put the hostile values in place of their placeholders in the data."""
    if isinstance(value, str):
        return values.get(value, value)
    if isinstance(value, dict):
        return {key: _substitute(item, values) for key, item in value.items()}
    if isinstance(value, list):
        return [_substitute(item, values) for item in value]
    return value


def _non_contiguous(data: bytes) -> memoryview:
    doubled = bytes(byte for pair in zip(data, data, strict=True) for byte in pair)
    return memoryview(doubled)[::2]


def _check(cls: type, load: Any) -> None:
    try:
        value = load()
    except tm.ValidationError as error:
        problems = error.problems
    else:
        problems = None
    if problems is not None:
        assert problems
        for problem in problems:
            assert problem.path.startswith("$"), problem
            assert problem.rule, problem
        return
    assert type(value) is cls
    written = tm.to_json(value)
    assert tm.from_json(written, cls) == value
    assert tm.from_json(written.encode(), cls) == value


@by_name
@pytest.mark.parametrize("accelerated", MODES)
@fuzz_settings
@given(data=st.data())
def test_hostile_documents_raise_only_validation_errors(
    cls: type, accelerated: bool, data: st.DataObject
) -> None:
    document, text = data.draw(hostile_documents(cls))
    way = data.draw(st.sampled_from(["from_dict", "str", "bytes", "memoryview", "bom"]))
    with acceleration(accelerated):
        if way == "from_dict":
            _check(cls, lambda: tm.from_dict(document, cls))
            return
        encoded = text.encode("utf-8", "surrogatepass")
        source: str | bytes | memoryview
        if way == "str":
            source = text
        elif way == "bytes":
            source = encoded
        elif way == "memoryview":
            source = _non_contiguous(encoded)
        else:
            source = b"\xef\xbb\xbf" + encoded
        _check(cls, lambda: tm.from_json(source, cls))
