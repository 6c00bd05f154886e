"""The API reference documents exactly the public API, each name with an example.

The reference is made of one page per public module under `docs/reference/api/`,
each with a `::: path` directive per object, which mkdocstrings renders (the
strict build fails on a directive that names nothing). These tests check that
those directives and the public API are the same set:

- every public module (any module of the package whose name has no leading
  underscore) has its own page, and has an `__all__`;
- each page documents its module and exactly the names in its `__all__`;
- the package root's `__all__` is exactly the set of root names documented.

So a new public module, or a new name in an `__all__`, fails here until its page
and directive exist; a directive for a name that is not public fails too.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path
from types import ModuleType

import pytest

import trafficking_model

ROOT = Path(__file__).resolve().parents[2]
API_DIR = ROOT / "docs" / "reference" / "api"
PACKAGE = trafficking_model.__name__
ROOT_PAGE = API_DIR / "index.md"
DIRECTIVE = re.compile(r"^:::[ \t]+(\S+)[ \t]*$", re.MULTILINE)


def _public_modules() -> dict[str, ModuleType]:
    """Every public module of the package, by dotted name, subpackages included."""
    modules = {}
    for info in pkgutil.walk_packages(trafficking_model.__path__, f"{PACKAGE}."):
        if any(part.startswith("_") for part in info.name.split(".")):
            continue
        modules[info.name] = importlib.import_module(info.name)
    return modules


PUBLIC_MODULES = _public_modules()


def _page(module_name: str) -> Path:
    relative = module_name.removeprefix(f"{PACKAGE}.")
    return API_DIR.joinpath(*relative.split(".")).with_suffix(".md")


def _directives(page: Path) -> list[str]:
    return DIRECTIVE.findall(page.read_text(encoding="utf-8"))


def _root_name(module: ModuleType, name: str) -> str:
    """The documented path of a name: its root path if the root re-exports it."""
    if name in trafficking_model.__all__ and getattr(
        trafficking_model, name
    ) is getattr(module, name):
        return f"{PACKAGE}.{name}"
    return f"{module.__name__}.{name}"


def test_the_package_has_public_modules() -> None:
    # Guards the discovery below: finding no module would make the tests vacuous.
    assert {f"{PACKAGE}.cases", f"{PACKAGE}.vocabularies"} <= PUBLIC_MODULES.keys()


@pytest.mark.parametrize("module_name", sorted(PUBLIC_MODULES))
def test_every_public_module_has_its_page(module_name: str) -> None:
    page = _page(module_name)
    assert page.is_file(), (
        f"public module {module_name} has no API page: add {page.relative_to(ROOT)} "
        f"with `::: {module_name}` and one directive per name in its __all__, "
        "and list it in the nav of mkdocs.yml"
    )


@pytest.mark.parametrize("module_name", sorted(PUBLIC_MODULES))
def test_every_page_documents_its_module_and_exactly_its_all(module_name: str) -> None:
    module = PUBLIC_MODULES[module_name]
    assert hasattr(module, "__all__"), f"public module {module_name} has no __all__"
    page = _page(module_name)
    assert page.is_file(), f"public module {module_name} has no API page"
    found = _directives(page)
    assert len(found) == len(set(found)), f"{page.name} repeats a directive"
    expected = {module_name} | {_root_name(module, name) for name in module.__all__}
    assert set(found) == expected, (
        f"{page.relative_to(ROOT)}: missing {sorted(expected - set(found))}, "
        f"not public {sorted(set(found) - expected)}"
    )


def test_every_api_page_is_for_a_public_module() -> None:
    pages = {page for page in API_DIR.rglob("*.md") if page != ROOT_PAGE}
    assert pages == {_page(name) for name in PUBLIC_MODULES}


def test_the_root_page_documents_the_package_and_what_only_it_defines() -> None:
    defined_in_modules = {
        name
        for module in PUBLIC_MODULES.values()
        for name in getattr(module, "__all__", ())
    }
    only_at_root = {
        f"{PACKAGE}.{name}"
        for name in trafficking_model.__all__
        if name not in defined_in_modules
        and not inspect.ismodule(getattr(trafficking_model, name))
    }
    assert set(_directives(ROOT_PAGE)) == {PACKAGE} | only_at_root


def test_the_root_all_is_exactly_the_set_of_documented_root_names() -> None:
    documented: set[str] = set()
    for page in API_DIR.rglob("*.md"):
        for path in _directives(page):
            name = path.removeprefix(f"{PACKAGE}.")
            if name in trafficking_model.__all__:
                documented.add(name)
    public = set(trafficking_model.__all__)
    assert documented == public, (
        f"undocumented root names: {sorted(public - documented)}; "
        f"documented but not in __all__: {sorted(documented - public)}"
    )


def test_every_root_name_has_one_home() -> None:
    """Each re-exported name is in the __all__ of exactly one public module."""
    for name in trafficking_model.__all__:
        value = getattr(trafficking_model, name)
        if inspect.ismodule(value) or name == "__version__":
            continue
        homes = [
            module_name
            for module_name, module in PUBLIC_MODULES.items()
            if name in getattr(module, "__all__", ()) and getattr(module, name) is value
        ]
        assert len(homes) == 1, f"{name} is exported by {homes or 'no module'}"


def test_no_private_name_is_public() -> None:
    for name in trafficking_model.__all__:
        assert not name.startswith("_") or name == "__version__", name


def _has_docstring_of_its_own(obj: object) -> bool:
    """Modules, classes, functions and properties; constants are documented in
    the source, where `inspect` cannot read their docstring."""
    return (
        inspect.ismodule(obj)
        or inspect.isclass(obj)
        or inspect.isroutine(obj)
        or isinstance(obj, (property, classmethod, staticmethod))
    )


def _documented_objects() -> dict[str, object]:
    """Every public name (in an `__all__`), and every public method or property."""
    objects: dict[str, object] = {PACKAGE: trafficking_model}
    for name in trafficking_model.__all__:
        objects[f"{PACKAGE}.{name}"] = getattr(trafficking_model, name)
    for module_name, module in PUBLIC_MODULES.items():
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            objects[f"{module_name}.{name}"] = value
            if inspect.isclass(value):
                for member, attribute in vars(value).items():
                    objects[f"{module_name}.{name}.{member}"] = attribute
    return {
        path: obj
        for path, obj in objects.items()
        if not path.rsplit(".", 1)[-1].startswith("_")
        and _has_docstring_of_its_own(obj)
    }


DOCUMENTED_OBJECTS = _documented_objects()


@pytest.mark.parametrize("path", sorted(DOCUMENTED_OBJECTS))
def test_every_public_object_has_a_docstring_with_an_example(path: str) -> None:
    obj = DOCUMENTED_OBJECTS[path]
    if isinstance(obj, (classmethod, staticmethod)):
        obj = obj.__func__
    doc = inspect.getdoc(obj)
    assert doc, f"{path} has no docstring"
    assert ">>>" in doc, f"{path} has no runnable example in its docstring"
