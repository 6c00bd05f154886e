"""An update can never reach an invalid object: `attrs.evolve` with a change that
breaks a rule is rejected, naming that rule."""

from __future__ import annotations

import json
import typing

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import trafficking_model
from profiles import examples
from trafficking_model import ValidationError
from trafficking_model.strategies._bases import BASES
from trafficking_model.strategies._violations import OWN, broken_values


def _json(value: object) -> str:
    return json.dumps(value, sort_keys=True)  # tells True from 1


CASES = [
    pytest.param(cls, rule, id=f"{cls.__name__}-{rule}")
    for cls in sorted(BASES, key=lambda cls: cls.__name__)
    for rule in sorted({"type", *OWN.get(cls, {})})
]


# Sized to need: one case per pair, hundreds of cases, so a fraction of the
# profile's examples each (10 under `ci`; `deep` still draws thousands).
@pytest.mark.parametrize(("cls", "rule"), CASES)
@settings(max_examples=examples(0.4))
@given(data=st.data())
def test_an_update_that_breaks_a_rule_is_rejected(
    cls: type, rule: str, data: st.DataObject
) -> None:
    broken = data.draw(broken_values(cls, {rule}, nested=False))
    original = trafficking_model.to_dict(broken.value)
    hints = typing.get_type_hints(cls)
    try:
        changes = {
            name: (
                value  # a value of the wrong type goes in as it is
                if rule == "type"
                else trafficking_model.converter.structure(value, hints[name])
            )
            for name, value in broken.data.items()
            if _json(value) != _json(original[name])
        }
    except Exception:
        # A rule that is the class's own and its JSON form's too (a CTDC
        # record's `enum`): the JSON value names no member, so no update can
        # hold it; the loader refuses it, naming the rule.
        with pytest.raises(ValidationError) as caught:
            trafficking_model.from_dict(broken.data, cls)
        assert {problem.rule for problem in caught.value.problems} == {rule}
        return
    assert changes
    with pytest.raises(ValidationError) as caught:
        attrs.evolve(broken.value, **changes)
    rules = {problem.rule for problem in caught.value.problems}
    if rule == "type":
        assert "type" in rules
    else:
        assert rules == {rule}
