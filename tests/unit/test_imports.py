"""The package's modules import downwards only, and never each other's private names."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import trafficking_model

PACKAGE = "trafficking_model"
# The folder that holds the package: src/ in the repository, or site-packages
# where the tests run against an installed wheel (the nox `tests` sessions).
SOURCE = Path(trafficking_model.__file__).resolve().parent.parent


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SOURCE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(path): path for path in (SOURCE / PACKAGE).rglob("*.py")}


def _imports(name: str, path: Path) -> list[tuple[str, str]]:
    """Each `(module, name)` the module imports from the package at run time.

    Imports under `if TYPE_CHECKING:` are left out: they never run. Imports
    inside functions count, since they run when the function does.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for node in ast.walk(block)
    }
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([node.module] if node.module else [])])
            found.extend((base, alias.name) for alias in node.names)
        elif isinstance(node, ast.Import):
            found.extend((alias.name, "") for alias in node.names)
    return [(module, item) for module, item in found if module.startswith(PACKAGE)]


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        targets = set()
        for module, item in _imports(name, path):
            full = f"{module}.{item}"
            targets.add(full if full in MODULES else module)
        graph[name] = targets - {name}
    return graph


def test_the_graph_sees_the_imports() -> None:
    # Guards the next test, which would pass on an empty graph.
    graph = _graph()
    assert "trafficking_model._converter" in graph["trafficking_model.serialization"]
    assert "trafficking_model._accelerated" in graph["trafficking_model._json"]


def test_no_import_cycle() -> None:
    graph = _graph()
    done: set[str] = set()

    def visit(module: str, trail: tuple[str, ...]) -> None:
        if module in trail:
            cycle = " -> ".join((*trail[trail.index(module) :], module))
            pytest.fail(f"import cycle: {cycle}")
        if module in done or module not in graph:
            return
        for target in sorted(graph[module]):
            visit(target, (*trail, module))
        done.add(module)

    for module in sorted(graph):
        visit(module, ())


def test_no_module_imports_private_names_of_another() -> None:
    private = [
        f"{name} imports {item} from {module}"
        for name, path in MODULES.items()
        for module, item in _imports(name, path)
        if item.startswith("_")
        and not item.startswith("__")
        and f"{module}.{item}" not in MODULES  # a private module is fine
    ]
    assert private == []


@pytest.mark.parametrize("msgspec", ["absent", "present"])
def test_serialization_imports_with_or_without_msgspec(msgspec: str) -> None:
    block = "import sys; sys.modules['msgspec'] = None; " if msgspec == "absent" else ""
    script = (
        f"{block}import trafficking_model.serialization as s, trafficking_model as tm; "
        "from trafficking_model._json import accelerated_decoder; "
        "print(accelerated_decoder(tm.Victim) is not None, "
        "s.from_json(s.to_json(tm.Period.from_years(2020)), tm.Period).end)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
    )
    accelerated = "True" if msgspec == "present" else "False"
    assert result.stdout.split() == [accelerated, "2020-12-31"]


def test_every_rule_is_found_without_the_optional_packages() -> None:
    # The docs build from the docs extra alone, without msgspec, lists the rules.
    script = (
        "import sys; sys.modules['msgspec'] = None; "
        "from trafficking_model import _rules; print(len(_rules.declared()))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert int(result.stdout) >= 60
