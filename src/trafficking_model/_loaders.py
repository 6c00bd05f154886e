"""Loaders generated per model class: the fast, accepting path of `from_dict`.

The converter's structuring code (cattrs', with detailed validation) wraps each
field in its own error handling, calls a hook for every value, and collects
problems as it goes. Most data is valid, so `load` first tries a loader
generated for the class from its fields, as cattrs generates its own: each
value's type is checked inline (`type(v) is int`), enum values are looked up
in a table, nested objects go to their own loaders, and every other value to
the converter's own hook for its type; then the object is built as the
class's `__init__` builds it (each field's converter, its slot, then
`__attrs_post_init__`, which checks the rules), without the call with
keywords, or by calling the class where its `__init__` does more. The loader
builds no report: any failure at all (a key missing or unknown, a value of
another type, a broken rule) sends the data to the
converter, which decides again and builds the report. So `load` accepts
exactly what the converter accepts, builds the same object, and its errors are
the converter's.

The loaders are generated at the first load, not at import, with the
converter's hooks as they are then: a class with a hook of its own (a user's
too) gets no loader, and the loaders of the classes that hold it call that
hook. Like the msgspec codec, every loader steps aside once hooks are
registered on the converter after that, so that user hooks always take effect.
"""

from __future__ import annotations

import inspect
import types
import typing
from typing import Any, TypeVar

import attrs

from trafficking_model._converter import (
    ENUM_HOOKS,
    OBJECT_HOOKS,
    converter,
    structure,
    structure_bool,
    structure_figure,
    structure_int,
    structure_str,
)
from trafficking_model._models import MODEL_CLASSES
from trafficking_model._types import is_optional, optional_inner
from trafficking_model._validation import INT_LIMIT

T = TypeVar("T")

Loader = typing.Callable[[object], Any]


class _Decline(Exception):  # noqa: N818 - not an error: the converter decides
    """The loader leaves this input to the converter."""


class _Source:
    """The text of one generated loader and the names it refers to."""

    def __init__(self, loaders: dict[Any, Loader]) -> None:
        self.loaders = loaders
        self.names: dict[str, object] = {"_Decline": _Decline, "_LIMIT": INT_LIMIT}
        self.variables = 0

    def bind(self, value: object) -> str:
        """A name for `value` in the loader's globals."""
        name = f"_g{len(self.names)}"
        self.names[name] = value
        return name

    def variable(self) -> str:
        """A fresh local name."""
        self.variables += 1
        return f"_v{self.variables}"

    def expression(self, type_: object, value: str) -> str:  # noqa: PLR0911
        """An expression that builds a `type_` from `value`, evaluated once.

        It raises, with some exception, wherever the converter's hook for
        `type_` would; the loader then gives the input to the converter.
        """
        hook = converter.get_structure_hook(type_)
        v = self.variable()
        if hook is structure_str:
            # ASCII text holds no lone surrogate; any other goes to the hook.
            return f"({v} if type({v} := {value}) is str and {v}.isascii() else {self.bind(hook)}({v}, None))"
        if hook is structure_int or hook is structure_figure:
            return f"({v} if type({v} := {value}) is int and -_LIMIT < {v} < _LIMIT else {self.bind(hook)}({v}, None))"
        if hook is structure_bool:
            return f"({v} if type({v} := {value}) is bool else {self.bind(hook)}({v}, None))"
        if hook is ENUM_HOOKS.get(type_):
            members = {member.value: member for member in typing.cast("Any", type_)}
            return f"({self.bind(members)}[{v}] if type({v} := {value}) is str else {self.bind(hook)}({v}, None))"
        if is_optional(type_):
            inner = self.expression(optional_inner(type_), v)
            return f"(None if ({v} := {value}) is None else {inner})"
        loader = self._loader_of(type_)
        if loader is not None:
            return f"{self.bind(loader)}({value})"
        args = typing.get_args(type_)
        if typing.get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis:
            item_loader = self._loader_of(args[0])
            if item_loader is not None:
                item = self.variable()
                items = f"[{self.bind(item_loader)}({item}) for {item} in {v}]"
                return f"(tuple({items}) if type({v} := {value}) is list else {self.bind(hook)}({v}, None))"
        return f"{self.bind(hook)}({value}, {self.bind(type_)})"

    def _loader_of(self, type_: object) -> Loader | None:
        if not (isinstance(type_, type) and attrs.has(type_)):
            return None
        return self.loaders.get(type_)


# attrs' own converter objects (attrs 24.1 on) may take the instance or the
# field as well as the value: only a plain callable is called with the value.
_CONVERTER_OBJECTS: tuple[type, ...] = tuple(
    kind for kind in (getattr(attrs, "Converter", None),) if isinstance(kind, type)
)


def _takes_self(default: object) -> bool:
    factory = isinstance(default, attrs.Factory)  # type: ignore[arg-type]
    return factory and getattr(default, "takes_self", False) is True


def _slot_setters(cls: type[Any]) -> dict[str, object] | None:
    """Each field's slot setter, where `cls.__init__` only sets the fields.

    attrs' `__init__` calls each field's converter, sets the field through its
    slot, and calls `__attrs_post_init__`; the loader can do the same without
    the call with keywords, which costs more than the rest for a small class.
    Any class that does more (a field with a validator or a default that takes
    `self`, an `__attrs_pre_init__`, a slot that is not a field's, such as a
    cached hash's, a converter that is an `attrs.Converter` object) gets
    `None`, and the loader calls the class.
    """
    fields: tuple[attrs.Attribute[Any], ...] = attrs.fields(cls)
    if hasattr(cls, "__attrs_pre_init__") or any(
        field.validator is not None
        or _takes_self(field.default)
        or isinstance(field.converter, _CONVERTER_OBJECTS)
        for field in fields
    ):
        return None
    slots = {
        name
        for klass in cls.__mro__
        for name in klass.__dict__.get("__slots__", ())
        if name != "__weakref__"
    }
    if slots != {field.name for field in fields}:
        return None
    setters: dict[str, object] = {}
    for field in fields:
        slot = inspect.getattr_static(cls, field.name)
        if type(slot) is not types.MemberDescriptorType:
            return None
        setters[field.name] = slot.__set__
    return setters


def _generate(cls: type[Any], loaders: dict[Any, Loader]) -> Loader | None:
    """The loader of `cls`, or `None` where the converter must load it."""
    if converter.get_structure_hook(cls) not in OBJECT_HOOKS:
        return None  # a hook of its own, such as a GLOTIP row's
    fields: tuple[attrs.Attribute[Any], ...] = attrs.fields(cls)
    if not all(field.init for field in fields):
        return None
    hints = typing.get_type_hints(cls)
    source = _Source(loaders)
    setters = _slot_setters(cls)
    if setters is not None:
        return _compile(cls, _direct_body(cls, fields, hints, source, setters), source)
    arguments: list[str] = []
    later: list[str] = []
    for field in fields:
        key = repr(field.name)
        value = source.expression(hints[field.name], f"o[{key}]")
        default: Any = field.default
        if default is attrs.NOTHING:
            arguments.append(f"{field.alias}={value}")
        elif isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            if default.takes_self:
                later.append(f"    if {key} in o: k[{field.alias!r}] = {value}")
            else:
                factory = source.bind(default.factory)
                arguments.append(
                    f"{field.alias}={value} if {key} in o else {factory}()"
                )
        else:
            arguments.append(
                f"{field.alias}={value} if {key} in o else {source.bind(default)}"
            )
    build = source.bind(cls)
    lines = _head(fields, source)
    if later:
        lines += ["    k = {}", *later]
        arguments.append("**k")
    lines.append(f"    return {build}({', '.join(arguments)})")
    return _compile(cls, lines, source)


def _direct_body(
    cls: type[Any],
    fields: tuple[attrs.Attribute[Any], ...],
    hints: dict[str, Any],
    source: _Source,
    setters: dict[str, object],
) -> list[str]:
    """A loader that builds the object as `cls.__init__` would, field by field."""
    lines = _head(fields, source)
    lines.append(f"    x = {source.bind(object.__new__)}({source.bind(cls)})")
    for field in fields:
        key = repr(field.name)
        value = source.expression(hints[field.name], f"o[{key}]")
        default: Any = field.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            value = f"{value} if {key} in o else {source.bind(default.factory)}()"
        elif default is not attrs.NOTHING:
            value = f"{value} if {key} in o else {source.bind(default)}"
        if field.converter is not None:
            value = f"{source.bind(field.converter)}({value})"
        lines.append(f"    {source.bind(setters[field.name])}(x, {value})")
    if hasattr(cls, "__attrs_post_init__"):
        lines.append("    x.__attrs_post_init__()")
    lines.append("    return x")
    return lines


def _head(fields: tuple[attrs.Attribute[Any], ...], source: _Source) -> list[str]:
    """A loader's first lines: it takes a dict with no key but the fields'."""
    keys = source.bind(frozenset(field.name for field in fields))
    return [
        "def load(o):",
        f"    if type(o) is not dict or not o.keys() <= {keys}: raise _Decline",
    ]


def _compile(cls: type[Any], lines: list[str], source: _Source) -> Loader:
    namespace = dict(source.names)
    exec(
        compile("\n".join(lines), f"<loader of {cls.__qualname__}>", "exec"), namespace
    )
    return typing.cast("Loader", namespace["load"])


# The converter's hook of each class as it was when its loader was generated;
# `None` until the first load, so that importing the package stays cheap.
_LOADERS: dict[Any, tuple[object, Loader]] | None = None


def _prepared() -> dict[Any, tuple[object, Loader]]:
    """The loaders, generated at the first call with the hooks as they are then.

    A class with a hook of its own, a user's included, gets no loader, and the
    classes that hold it call that hook; a hook registered later steps every
    loader aside (see `load`).
    """
    global _LOADERS  # noqa: PLW0603 - generated once
    if _LOADERS is None:
        loaders: dict[Any, Loader] = {}
        prepared: dict[Any, tuple[object, Loader]] = {}
        for cls in MODEL_CLASSES:  # parts before the wholes that hold them
            loader = _generate(cls, loaders)
            if loader is not None:
                loaders[cls] = loader
                prepared[cls] = (converter.get_structure_hook(cls), loader)
        _LOADERS = prepared
    return _LOADERS


def load(data: object, cls: type[T]) -> T:
    """Build a `cls` from JSON-like data, or raise one `ValidationError`.

    The body of [`from_dict`][trafficking_model.from_dict]: the class's loader
    where it has one and accepts the data, the converter otherwise.

    Example:
        >>> from trafficking_model import Period
        >>> load({"start": "2021-01-01", "end": "2021-12-31"}, Period).end
        datetime.date(2021, 12, 31)
    """
    try:
        entry = (_LOADERS or _prepared()).get(cls)
    except TypeError:  # not a type: the converter says so
        entry = None
    if entry is not None and converter.get_structure_hook(cls) is entry[0]:
        try:
            return typing.cast("T", entry[1](data))
        except Exception:  # the converter decides again, and reports
            pass
    return structure(data, cls)


def loader_for(cls: object) -> Loader | None:
    """The generated loader of `cls`, or `None` where only the converter loads it.

    The loader returns the object, or raises any exception where it leaves the
    input to the converter.
    """
    entry = _prepared().get(cls)
    if entry is None or converter.get_structure_hook(cls) is not entry[0]:
        return None
    return entry[1]
