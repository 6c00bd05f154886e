"""What a field's type annotation says it holds, for the JSON converter and codec.

The strict converter (`_converter`) and the optional msgspec codec
(`_accelerated`) read the model classes' type hints the same way; these tests
are the one place that says how. They import nothing from the serialization
modules, which import them.
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Mapping
from collections.abc import Set as AbstractSet

from immutabledict import immutabledict

from trafficking_model.counts import Figure

SET_ORIGINS: tuple[object, ...] = (frozenset, AbstractSet)
"""The origins of an annotation of a set: `frozenset[X]` or `AbstractSet[X]`."""

SEQUENCE_ORIGINS: tuple[object, ...] = (*SET_ORIGINS, tuple, list)
"""The origins of an annotation of a collection the JSON form writes as an array."""


def is_enum(type_: object) -> bool:
    """Whether `type_` is an enum class.

    Example:
        >>> from trafficking_model import Sex
        >>> is_enum(Sex), is_enum(str)
        (True, False)
    """
    return isinstance(type_, type) and issubclass(type_, enum.Enum)


def is_union(type_: object) -> bool:
    """Whether `type_` is a union, written `X | Y` or `Union[X, Y]`.

    Example:
        >>> is_union(int | None), is_union(int)
        (True, False)
    """
    origin = typing.get_origin(type_)
    return origin is typing.Union or origin is types.UnionType


def is_optional(type_: object) -> bool:
    """Whether `type_` is `X | None` for one type `X`.

    Example:
        >>> is_optional(int | None), is_optional(int | str | None)
        (True, False)
    """
    return is_union(type_) and optional_inner(type_) is not None


def optional_inner(type_: object) -> object | None:
    """The `X` of `X | None`; `None` for any other type.

    Example:
        >>> optional_inner(int | None)
        <class 'int'>
    """
    args: tuple[object, ...] = typing.get_args(type_)
    if len(args) != 2 or type(None) not in args:
        return None
    return next(arg for arg in args if arg is not type(None))


def is_sequence(type_: object) -> bool:
    """Whether `type_` is a set, a list or a tuple of one item type (`tuple[X, ...]`).

    Example:
        >>> is_sequence(frozenset[str]), is_sequence(tuple[int, ...])
        (True, True)
        >>> is_sequence(tuple[int, str])
        False
    """
    origin = typing.get_origin(type_)
    if origin not in SEQUENCE_ORIGINS:
        return False
    args = typing.get_args(type_)
    if origin is tuple:
        return len(args) == 2 and args[1] is Ellipsis
    return len(args) == 1


def is_set(type_: object) -> bool:
    """Whether `type_` is a set of one item type, such as `frozenset[str]`.

    Example:
        >>> is_set(frozenset[str]), is_set(tuple[str, ...])
        (True, False)
    """
    return typing.get_origin(type_) in SET_ORIGINS and len(typing.get_args(type_)) == 1


def is_flag_set(type_: object) -> bool:
    """Whether `type_` is a set of members of several enums, such as a CTDC flag.

    Example:
        >>> from trafficking_model import AgeGroup, Sex
        >>> is_flag_set(frozenset[Sex | AgeGroup]), is_flag_set(frozenset[Sex])
        (True, False)
    """
    if not is_set(type_):
        return False
    (item,) = typing.get_args(type_)
    return is_union(item) and all(is_enum(arg) for arg in typing.get_args(item))


def flag_vocabularies(type_: object) -> dict[str, type[enum.Enum]]:
    """The enums of a flag set, by name.

    Example:
        >>> from trafficking_model import AgeGroup, Sex
        >>> sorted(flag_vocabularies(frozenset[Sex | AgeGroup]))
        ['AgeGroup', 'Sex']
    """
    (union,) = typing.get_args(type_)
    return {vocabulary.__name__: vocabulary for vocabulary in typing.get_args(union)}


def is_figure(type_: object) -> bool:
    """Whether `type_` is `Figure`: an int, a `Count` or `None`.

    Example:
        >>> is_figure(Figure), is_figure(int)
        (True, False)
    """
    return type_ == Figure


def is_breakdown(type_: object) -> bool:
    """Whether `type_` is a breakdown: a mapping from an enum to ints or figures.

    Example:
        >>> from collections.abc import Mapping
        >>> from trafficking_model import Sex
        >>> is_breakdown(Mapping[Sex, Figure]), is_breakdown(Mapping[str, int])
        (True, False)
    """
    origin = typing.get_origin(type_)
    args = typing.get_args(type_)
    return (
        origin in (Mapping, dict, immutabledict)
        and len(args) == 2
        and is_enum(args[0])
        and (args[1] is int or is_figure(args[1]))
    )


def value_of(member: enum.Enum) -> str:
    """An enum member's value as text: the sort key of enums in the JSON form.

    Example:
        >>> from trafficking_model import Sex
        >>> value_of(Sex.FEMALE)
        'female'
    """
    return str(member._value_)  # Enum's documented attribute; faster than `.value`
