"""Interim: a stand-in for the JSON form until `trafficking_model.serialization` lands.

Deleted once main has `to_dict` and `from_dict`. It follows the JSON form the
helpers agreed on, loosely: enough to check that `violations` breaks the rule it
names. It is not shipped.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

import attrs

from trafficking_model import Problem, ValidationError


def to_dict(value: Any) -> Any:  # noqa: PLR0911
    if attrs.has(type(value)):
        return {
            f.name: to_dict(getattr(value, f.name)) for f in attrs.fields(type(value))
        }
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, frozenset):
        return sorted(to_dict(item) for item in value)
    if isinstance(value, tuple):
        return [to_dict(item) for item in value]
    if isinstance(value, Mapping):
        return {
            k.value: v for k, v in sorted(value.items(), key=lambda kv: kv[0].value)
        }
    return value


def _structure(value: Any, annotation: Any, path: str) -> Any:  # noqa: PLR0911
    origin = typing.get_origin(annotation)
    arguments = [a for a in typing.get_args(annotation) if a is not type(None)]
    if value is None:
        return None
    if origin is tuple and isinstance(value, list):
        return tuple(
            _structure(item, arguments[0], f"{path}[{i}]")
            for i, item in enumerate(value)
        )
    if origin is frozenset and isinstance(value, list):
        return frozenset(_structure(item, arguments[0], path) for item in value)
    if origin is Mapping and isinstance(value, dict):
        key_type = arguments[0]
        keys = {m.value: m for m in key_type}
        return {keys.get(k, k): v for k, v in value.items()}
    if origin is not None and len(arguments) == 1:
        return _structure(value, arguments[0], path)
    json_types = {str: str, int: int, bool: bool, dt.date: str, Decimal: str}
    expected = json_types.get(annotation)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        expected = str
    if annotation is float and type(value) not in (int, float):
        expected = float
    if expected is not None and type(value) is not expected:
        raise ValidationError([Problem(path=path, message="json type", rule="type")])
    if attrs.has(annotation) and isinstance(value, dict):
        return from_dict(value, annotation, path)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return (
            {m.value: m for m in annotation}.get(value, value)
            if isinstance(value, str)
            else value
        )
    if annotation is dt.date and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    if annotation is Decimal and isinstance(value, str):
        try:
            return Decimal(value)
        except InvalidOperation:
            return value
    return value


def from_dict(data: dict[str, Any], cls: type, path: str = "$") -> Any:
    hints = typing.get_type_hints(cls)
    fields = {
        f.name: _structure(data[f.name], hints[f.name], f"{path}.{f.name}")
        for f in attrs.fields(cls)
        if f.name in data
    }
    try:
        return cls(**fields)
    except ValidationError as error:
        raise error.under(path) from None


import trafficking_model  # noqa: E402

if not hasattr(trafficking_model, "to_dict"):
    trafficking_model.to_dict = to_dict  # type: ignore[attr-defined]
    trafficking_model.from_dict = from_dict  # type: ignore[attr-defined]


class _InterimConverter:
    def structure(self, value: Any, annotation: Any) -> Any:
        return _structure(value, annotation, "$")


if not hasattr(trafficking_model, "converter"):
    trafficking_model.converter = _InterimConverter()  # type: ignore[attr-defined]


def _interim_from_json(text: str | bytes, cls: type) -> Any:
    import json

    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError) as error:
        raise ValidationError(
            [Problem(path="$", message=str(error), rule="json")]
        ) from None
    if not isinstance(data, dict):
        raise ValidationError([Problem(path="$", message="not an object", rule="type")])
    return from_dict(data, cls)


if not hasattr(trafficking_model, "from_json"):
    trafficking_model.from_json = _interim_from_json  # type: ignore[attr-defined]
