"""The package's shape, read from its source with ``ast``: no import cycle, a Sphinx-free core,
no module over 400 lines unless its docstring says why it reads better whole."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

import pytest

from conftest import REPO

if TYPE_CHECKING:
    from pathlib import Path

PACKAGE = REPO / "sphinxcontrib_specs"
NAME = PACKAGE.name
MAX_LINES = 400
#: A module over MAX_LINES says in its docstring why it is one concern, on a line of its own.
WHOLE_MARK = "One concern:"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import, at module level or inside functions, except under ``if TYPE_CHECKING:``
    (its ``else:`` branch counts)."""
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def imported_names(module: str) -> set[str]:
    """The absolute names ``module`` imports (``a.b`` for ``from a import b`` too, so that a
    submodule imported from its package counts)."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
            continue
        if node.level:
            base_parts = package.split(".")
            base_parts = base_parts[: len(base_parts) - node.level + 1]
            base = ".".join(base_parts + ([node.module] if node.module else []))
        else:
            base = node.module or ""
        names.add(base)
        names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def internal_graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports (a package import means its ``__init__``)."""
    return {
        module: {name for name in imported_names(module) if name in MODULES and name != module}
        for module in MODULES
    }


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path (first module repeated at the end), or None."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)) is not None:
                return cycle
        path.pop()
        state[module] = 2
        return None

    for module in sorted(graph):
        if module not in state and (cycle := visit(module)) is not None:
            return cycle
    return None


def test_the_walker_sees_cycles_and_skips_type_checking_blocks(tmp_path):
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None
    tree = ast.parse(
        "import x\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import hidden\n"
        "else:\n    import shown\ndef f():\n    from .inner import g\n"
    )
    found = {alias.name for node in _imports(tree) for alias in node.names}
    assert found == {"x", "TYPE_CHECKING", "shown", "g"}


def test_relative_imports_resolve_to_package_modules():
    assert f"{NAME}.core.model" in imported_names(f"{NAME}.core.index")
    assert f"{NAME}.warnings_" in imported_names(f"{NAME}.read.directives.names")


def test_no_import_cycle():
    graph = internal_graph()
    assert sum(len(targets) for targets in graph.values()) > len(MODULES)  # the walk found imports
    cycle = find_cycle(graph)
    assert cycle is None, " -> ".join(cycle or [])


@pytest.mark.parametrize(
    "module", sorted(m for m in MODULES if m == f"{NAME}.core" or m.startswith(f"{NAME}.core."))
)
def test_core_imports_neither_sphinx_nor_docutils(module):
    bad = sorted(
        name
        for name in imported_names(module)
        if name.split(".")[0] in {"sphinx", "docutils", "myst_parser", "sphinx_needs"}
    )
    assert bad == [], f"{module} imports {bad}"
    outside = sorted(
        name
        for name in imported_names(module)
        if name in MODULES and not name.startswith(f"{NAME}.core")
    )
    assert outside == [], f"{module} imports {outside}, outside the Sphinx-free core"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_module_size(module):
    path = MODULES[module]
    lines = len(path.read_text(encoding="utf-8").splitlines())
    if lines <= MAX_LINES:
        return
    docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    assert any(line.strip().startswith(WHOLE_MARK) for line in docstring.splitlines()), (
        f"{path.relative_to(REPO)} has {lines} lines (over {MAX_LINES}): split it, or say in its "
        f"docstring, on a line starting {WHOLE_MARK!r}, why it reads better whole"
    )
