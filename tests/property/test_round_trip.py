"""Every generated valid value round-trips through JSON and validates against
its JSON Schema."""

from __future__ import annotations

import functools
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

jsonschema = pytest.importorskip("jsonschema")

import trafficking_model  # noqa: E402
from trafficking_model import Money  # noqa: E402
from trafficking_model import strategies as tms  # noqa: E402
from trafficking_model.strategies._bases import BASES  # noqa: E402

CLASSES = sorted(BASES, key=lambda cls: cls.__name__)
by_name = pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)


@functools.cache
def _validator(cls: type) -> Any:
    schema = trafficking_model.json_schema(cls)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


@by_name
@given(data=st.data())
def test_json_round_trip(cls: type, data: st.DataObject) -> None:
    value = data.draw(st.from_type(cls))
    text = trafficking_model.to_json(value)
    assert trafficking_model.from_json(text, cls) == value
    assert trafficking_model.from_json(text.encode("utf-8"), cls) == value
    assert trafficking_model.to_json(trafficking_model.from_json(text, cls)) == text
    assert json.loads(text) == trafficking_model.to_dict(value)


@by_name
@given(data=st.data())
def test_the_json_form_validates_against_the_schema(
    cls: type, data: st.DataObject
) -> None:
    value = data.draw(st.from_type(cls))
    document = json.loads(trafficking_model.to_json(value))
    errors = [error.message for error in _validator(cls).iter_errors(document)]
    assert not errors, errors


@given(tms.money(places=None))
def test_money_with_any_exponent_round_trips(amount: Money) -> None:
    text = trafficking_model.to_json(amount)
    back = trafficking_model.from_json(text, Money)
    assert back == amount
    assert str(back.amount) == str(amount.amount)  # the same digits and exponent
    assert not list(_validator(Money).iter_errors(json.loads(text)))
