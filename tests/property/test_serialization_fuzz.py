"""Fuzzing the loaders, and proving the accelerated path agrees with the converter.

Whatever the input, `from_dict` and `from_json` either return a valid object or
raise `ValidationError`, never anything else. The msgspec path may only ever
return what the converter returns for the same input: the same object, written
back as the same bytes. Anything it does not accept goes to the converter.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import trafficking_model as tm
from profiles import examples
from serialization_helpers import (
    CLASS_IDS,
    DATA_CLASSES,
    HAS_MSGSPEC,
    STRATEGIES,
    acceleration,
    json_values,
    mutated_data,
    outcome,
)
from trafficking_model._json import parse_json as _parse_json

accelerated_only = pytest.mark.skipif(not HAS_MSGSPEC, reason="msgspec not installed")


@pytest.mark.parametrize("cls", DATA_CLASSES, **CLASS_IDS)
@settings(max_examples=examples(3), deadline=None)
@given(value=json_values())
def test_from_dict_raises_only_validation_error(cls: type[Any], value: Any) -> None:
    outcome(lambda: tm.from_dict(value, cls))


@pytest.mark.parametrize("cls", DATA_CLASSES, **CLASS_IDS)
@settings(max_examples=examples(2), deadline=None)
@given(
    data=st.binary(max_size=200)
    | st.text(max_size=200)
    | json_values().map(json.dumps)
    | json_values().map(lambda value: json.dumps(value).encode())
)
def test_from_json_raises_only_validation_error(
    cls: type[Any], data: bytes | str
) -> None:
    for accelerated in (False, True):
        with acceleration(accelerated):
            outcome(lambda: tm.from_json(data, cls))


# ---------------------------------------------------------------------------
# Mutations of valid documents: near misses are where bugs hide
# ---------------------------------------------------------------------------


@st.composite
def mutated(draw: st.DrawFn, cls: type[Any]) -> str:
    """The JSON text of a valid object, changed in one or two places."""
    data = draw(mutated_data(cls))
    separators = draw(st.sampled_from([(",", ":"), (", ", ": "), (",", " :")]))
    return json.dumps(data, separators=separators, ensure_ascii=draw(st.booleans()))


def _same(fast: tuple[str, Any], slow: tuple[str, Any]) -> None:
    assert fast[0] == slow[0]
    if fast[0] == "ok":
        assert fast[1] == slow[1]
        with acceleration(False):
            assert tm.to_json(fast[1]) == tm.to_json(slow[1])
    else:
        assert fast[1] == slow[1]


@accelerated_only
@pytest.mark.parametrize("cls", DATA_CLASSES, **CLASS_IDS)
@settings(
    max_examples=examples(2),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data=st.data())
def test_accelerated_and_converter_agree_on_near_misses(
    cls: type[Any], data: st.DataObject
) -> None:
    text = data.draw(mutated(cls))
    with acceleration(False):
        slow = outcome(lambda: tm.from_json(text, cls))
    with acceleration(True):
        fast = outcome(lambda: tm.from_json(text, cls))
    _same(fast, slow)


@accelerated_only
@pytest.mark.parametrize("cls", DATA_CLASSES, **CLASS_IDS)
@settings(max_examples=examples(1.2), deadline=None)
@given(data=st.data())
def test_accelerated_and_converter_agree_on_valid_objects(
    cls: type[Any], data: st.DataObject
) -> None:
    from trafficking_model import _accelerated

    obj = data.draw(STRATEGIES[cls])
    with acceleration(False):
        text = tm.to_json(obj)
        plain = tm.from_json(text, cls)
    decoder = _accelerated.decoder_for(cls)
    if decoder is not None:
        # The fast path takes the common case; otherwise it would not be fast.
        assert decoder(text) == obj
        # The same stored types too: frozen breakdowns, exact ranges as ints.
        assert repr(decoder(text.encode())) == repr(plain)
    encoder = _accelerated.encoder_for(cls)
    if encoder is not None:
        assert encoder(obj) == text.encode()


# Hand-written inputs aimed at the key count of flat classes.
VICTIM = (
    '{"id":"V","sex":"female","age":24,"age_group":"adult",'
    '"exploitation":["sexual"],"identification":"presumed"}'
)
TRICKY = [
    VICTIM,
    VICTIM.replace('"age":24,', '"age":24,"age":24,'),
    VICTIM.replace('"age":24,', '"age":24,"x":1,'),
    VICTIM.replace('"age":24,', '"x":1,'),
    VICTIM.replace('"age":24,', '"a\\u0067e":24,'),
    VICTIM.replace('"age":24,', '"ag\\u0065":24,"x":"\\":"'),
    VICTIM.replace('"age":24,', '"x" :1,'),
    VICTIM.replace('"age":24,', '"age" :24,'),
    VICTIM.replace('"age":24,', '"x"\t:1,'),
    VICTIM.replace('"age":24,', '"x"\r\n:1,'),
    VICTIM.replace('"age":24,', '"x\\"":1,'),
    VICTIM.replace('"age":24,', '"citizenship":null,"x":null,'),
    VICTIM.replace('"age":24,', '"identified_by":"a\\":"'),
    VICTIM.replace('"age":24,', '"identified_on":null,"identified_on":null,'),
    VICTIM.replace('"V"', '"V\\"x\\":1,\\"y"'),
    VICTIM.replace('"id":"V"', '"id":"V","id":"W"'),
    VICTIM.replace('"sex":"female"', '"sex":"female","sex":"male"'),
    VICTIM.replace("}", ',"":1}'),
    " " + VICTIM + " \n",
    VICTIM + "\n" + VICTIM,
    (
        '{"id":"D","sex":"male","indicted":true,"disposition":"pending",'
        '"sentence_months":null,"x":null}'
    ),
    '{"start":"2020-01-01","end":"2020-12-31","start":"2021-01-01"}',
    (
        '{"id":"C","offence":"other","registered_on":"2020-01-01","defendants":'
        '[{"id":"D","sex":"male","indicted":true,"disposition":"pending","age":1}]}'
    ),
    (
        '{"id":"C","offence":"other","registered_on":"2020-01-01","sex":"male",'
        '"defendants":[{"id":"D","sex":"male","indicted":true,"disposition":"pending"}]}'
    ),
]


@accelerated_only
@pytest.mark.parametrize("text", TRICKY)
@pytest.mark.parametrize(
    "cls", [tm.Victim, tm.Defendant, tm.Period, tm.Case], **CLASS_IDS
)
def test_accelerated_and_converter_agree_on_tricky_keys(
    text: str, cls: type[Any]
) -> None:
    with acceleration(False):
        slow = outcome(lambda: tm.from_json(text, cls))
    for data in (text, text.encode()):
        with acceleration(True):
            fast = outcome(lambda data=data: tm.from_json(data, cls))
        _same(fast, slow)


def test_hooks_registered_before_the_first_load_take_effect() -> None:
    """The loaders, generated at the first load, call a user's hook for a part."""
    script = """
import trafficking_model as tm
library_hook = tm.converter.get_structure_hook(tm.Defendant)
seen = []
def spy(value, cls):
    seen.append(cls.__name__)
    return library_hook(value, cls)
tm.converter.register_structure_hook(tm.Defendant, spy)
defendant = {"id": "D", "sex": "male", "indicted": True, "disposition": "pending"}
case = {"id": "C", "offence": "other", "registered_on": "2020-01-01",
        "defendants": [defendant]}
print(tm.from_dict(case, tm.Case).defendants[0].id, seen)
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines() == ["D ['Defendant']"]


def test_hooks_registered_by_users_take_effect() -> None:
    """The accelerated path and the loaders step aside once the converter has user hooks."""
    script = """
import datetime as dt, io, trafficking_model as tm
def slashed(value, _type):
    return dt.date(*map(int, value.split("/")))
tm.converter.register_structure_hook(dt.date, slashed)
text = '{"start":"2020/01/01","end":"2020/12/31"}'
print(tm.from_json(text, tm.Period) == tm.Period.from_years(2020))
print(tm.from_dict({"start": "2020/01/01", "end": "2020/12/31"}, tm.Period).start)
try:  # the library's own date hook would take it
    tm.from_dict({"start": "2020-01-01", "end": "2020-12-31"}, tm.Period)
except tm.ValidationError as error:
    print(error.problems[0].path)
print(next(tm.iter_jsonl(io.BytesIO(text.encode()), tm.Period)).end)
tm.converter.register_unstructure_hook(dt.date, lambda day: day.strftime("%Y/%m/%d"))
print(tm.to_json(tm.Period.from_years(2020)))
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines() == [
        "True",
        "2020-01-01",
        "$.start",
        "2020-12-31",
        '{"end":"2020/12/31","start":"2020/01/01"}',
    ]


@settings(max_examples=examples(4), deadline=None)
@given(value=json_values())
def test_parse_json_agrees_with_the_standard_library(value: Any) -> None:
    text = json.dumps(value)
    assert _parse_json(text) == json.loads(text)
    assert _parse_json(text.encode()) == json.loads(text)


_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=4), inner, max_size=4)
    ),
    max_leaves=12,
)


def _same(a: object, b: object) -> bool:
    """Equal, and of the same types all the way down (1 is not 1.0 nor True)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        assert isinstance(b, dict)
        return list(a) == list(b) and all(_same(a[key], b[key]) for key in a)
    if isinstance(a, list):
        assert isinstance(b, list)
        return len(a) == len(b) and all(map(_same, a, b))
    return a == b or (a != a and b != b)  # noqa: PLR0124 - NaN


@accelerated_only
@settings(max_examples=examples(4), deadline=None)
@given(
    document=_JSON_VALUES,
    spaces=st.sampled_from(["", " ", "\n", "\t "]),
    edit=st.none() | st.tuples(st.integers(min_value=0), st.text(max_size=3)),
    as_bytes=st.booleans(),
)
def test_msgspec_parses_text_exactly_as_the_standard_library(
    document: object,
    spaces: str,
    edit: tuple[int, str] | None,
    as_bytes: bool,
) -> None:
    # The text of a report is parsed by msgspec where it can be; it must give
    # what the strict standard-library parser gives, or step aside.
    from trafficking_model import _accelerated

    text = json.dumps(document, ensure_ascii=False, indent=spaces or None)
    if edit is not None:  # a near miss: a few characters inserted anywhere
        where = edit[0] % (len(text) + 1)
        text = text[:where] + edit[1] + text[where:]
    data: str | bytes = text.encode("utf-8", "surrogatepass") if as_bytes else text
    parsed = _accelerated.parse_plain(data)
    if parsed is _accelerated.UNPARSED:
        return
    with acceleration(False):  # the standard library's parser alone
        expected = _parse_json(data)  # a ValidationError here fails the test
    assert _same(parsed, expected)
