"""The loaders generated per class accept exactly what the converter accepts.

`from_dict` tries a class's generated loader first and gives anything it does
not accept to the converter. So, on any input, it must give what the converter
alone gives: the same object with the same stored types, or the same problems.
Python data can hold what JSON cannot (an enum member, a `date`, a tuple, a
subclass of `str`), so the near misses here include those too.
"""

from __future__ import annotations

import collections
import contextlib
import copy
import datetime as dt
import enum
import types
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import trafficking_model as tm
from profiles import examples
from serialization_helpers import (
    CLASS_IDS,
    DATA_CLASSES,
    STRATEGIES,
    json_values,
    mutated_data,
    outcome,
    value_at,
)
from trafficking_model import _loaders, vocabularies
from trafficking_model._converter import structure
from trafficking_model._models import MODEL_CLASSES

MEMBERS: dict[str, list[enum.Enum]] = {}
for _name in vocabularies.__all__:
    for _member in getattr(vocabularies, _name):
        MEMBERS.setdefault(_member.value, []).append(_member)


class Text(str):
    __slots__ = ()


class Number(int):
    pass


class Object(dict):  # type: ignore[type-arg]
    pass


def nodes_in(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every value inside `value`, below the top."""
    found: list[tuple[Any, ...]] = []
    items = value.items() if isinstance(value, dict) else ()
    if isinstance(value, list):
        items = enumerate(value)
    for key, item in items:
        found.append((*path, key))
        found.extend(nodes_in(item, (*path, key)))
    return found


def look_alikes(value: Any) -> list[Any]:
    """Python values that stand for `value` but are not its JSON form."""
    if type(value) is str:
        found: list[Any] = [Text(value), *MEMBERS.get(value, [])]
        with contextlib.suppress(ValueError):
            found.append(dt.date.fromisoformat(value))
        return found
    if type(value) is bool:
        return [int(value)]
    if type(value) is int:
        return [float(value), Number(value), value == 1, 10**5000]
    if type(value) is list:
        found = [tuple(value)]
        with contextlib.suppress(TypeError):
            found.append(frozenset(value))
        return found
    if type(value) is dict:
        keyed = {
            (MEMBERS[key][0] if key in MEMBERS else key): item
            for key, item in value.items()
        }
        return [
            collections.OrderedDict(value),
            types.MappingProxyType(value),
            Object(value),
            keyed,
            {Text(key): item for key, item in value.items()},
        ]
    return []


def with_look_alikes(data: Any) -> list[Any]:
    """`data` with one value swapped for a Python look-alike, in every way there is."""
    found = list(look_alikes(data))
    for path in nodes_in(data):
        for alike in look_alikes(value_at(data, path)):
            changed = copy.deepcopy(data)
            value_at(changed, path[:-1])[path[-1]] = alike
            found.append(changed)
    return found


def _same(fast: tuple[str, Any], slow: tuple[str, Any]) -> None:
    assert fast[0] == slow[0]
    assert fast[1] == slow[1]
    if fast[0] == "ok":
        assert repr(fast[1]) == repr(slow[1])


def test_every_model_class_has_a_loader() -> None:
    assert [cls for cls in MODEL_CLASSES if _loaders.loader_for(cls) is None] == []


def test_every_model_class_is_built_field_by_field() -> None:
    # The loaders set the slots themselves rather than calling the class with
    # keywords; the properties below hold the objects equal to the class's own.
    assert [cls for cls in MODEL_CLASSES if _loaders._slot_setters(cls) is None] == []


def _positive(instance: object, attribute: object, value: int) -> None:
    if value < 0:
        raise ValueError(value)


@attrs.frozen
class _Validated:
    count: int = attrs.field(validator=_positive)


@attrs.frozen
class _SelfDefault:
    low: int
    high: int = attrs.field(
        default=attrs.Factory(lambda self: self.low, takes_self=True)
    )


@attrs.frozen(cache_hash=True)
class _CachedHash:
    count: int


@attrs.frozen
class _PreInit:
    count: int

    def __attrs_pre_init__(self) -> None:
        pass


@attrs.frozen
class _Plain:
    count: int
    names: frozenset[str] = attrs.field(default=("a",), converter=frozenset)
    extra: tuple[int, ...] = attrs.field(factory=tuple, converter=tuple)


_MORE: list[type[Any]] = [_Validated, _SelfDefault, _CachedHash, _PreInit]

if hasattr(attrs, "Converter"):  # attrs 24.1 on

    @attrs.frozen
    class _ConverterObject:
        count: int = attrs.field(
            converter=attrs.Converter(lambda value, self_: value + 1, takes_self=True)
        )

    _MORE.append(_ConverterObject)


@pytest.mark.parametrize("cls", _MORE)
def test_a_class_whose_init_does_more_is_called(cls: type[Any]) -> None:
    assert _loaders._slot_setters(cls) is None
    load = _loaders._generate(cls, {})
    assert load is not None
    if cls is _Validated:
        with pytest.raises(ValueError):  # noqa: PT011 - the validator's own
            load({"count": -1})
    elif cls is _SelfDefault:
        assert load({"low": 3}) == _SelfDefault(3, 3)
    else:
        assert load({"count": 2}) == cls(2)
        assert repr(load({"count": 2})) == repr(cls(2))


@pytest.mark.parametrize(
    "data", [{"count": 2}, {"count": 2, "names": ["b", "b"], "extra": [1, 2]}]
)
def test_a_class_built_field_by_field_is_its_init_s_object(
    data: dict[str, Any],
) -> None:
    # Converters run on given values and on defaults; factories are called.
    load = _loaders._generate(_Plain, {})
    assert _loaders._slot_setters(_Plain) is not None
    assert load is not None
    built = load(data)
    expected = _Plain(**data)
    assert built == expected
    assert repr(built) == repr(expected)
    assert type(built.names) is frozenset
    assert type(built.extra) is tuple


@pytest.mark.parametrize("cls", MODEL_CLASSES, **CLASS_IDS)
@settings(max_examples=examples(1.2), deadline=None)
@given(data=st.data())
def test_loaders_take_every_valid_object(cls: type[Any], data: st.DataObject) -> None:
    obj = data.draw(STRATEGIES[cls])
    plain = tm.to_dict(obj)
    loader = _loaders.loader_for(cls)
    assert loader is not None
    # The loader takes the common case itself; otherwise it would not be fast.
    loaded = loader(plain)
    assert loaded == obj
    # The same stored types too: frozen breakdowns, exact ranges as ints.
    assert repr(loaded) == repr(structure(plain, cls))


@pytest.mark.parametrize("cls", DATA_CLASSES, **CLASS_IDS)
@settings(
    max_examples=examples(2),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data=st.data())
def test_loaders_and_converter_agree_on_near_misses(
    cls: type[Any], data: st.DataObject
) -> None:
    value = data.draw(mutated_data(cls))
    _same(
        outcome(lambda: tm.from_dict(value, cls)),
        outcome(lambda: structure(value, cls)),
    )


@pytest.mark.parametrize("cls", DATA_CLASSES, **CLASS_IDS)
@settings(max_examples=examples(0.4), deadline=None)
@given(data=st.data())
def test_loaders_and_converter_agree_on_look_alikes(
    cls: type[Any], data: st.DataObject
) -> None:
    for value in with_look_alikes(tm.to_dict(data.draw(STRATEGIES[cls]))):
        _same(
            outcome(lambda value=value: tm.from_dict(value, cls)),
            outcome(lambda value=value: structure(value, cls)),
        )


@pytest.mark.parametrize("cls", DATA_CLASSES, **CLASS_IDS)
@settings(max_examples=examples(1), deadline=None)
@given(value=json_values())
def test_loaders_and_converter_agree_on_anything(cls: type[Any], value: Any) -> None:
    _same(
        outcome(lambda: tm.from_dict(value, cls)),
        outcome(lambda: structure(value, cls)),
    )
