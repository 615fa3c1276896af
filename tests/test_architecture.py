"""The package's shape, read from its source with ``ast``: no import cycle (nor one through
``if TYPE_CHECKING:`` imports), a Sphinx-free core, reading and rendering that know nothing of git,
the outputs or the integrations, no module over 400 lines unless its docstring says why it reads
better whole. Packages nest (``core.templates``, ``read.directives``, ``render.reports``): a module
is named by its dotted path."""

from __future__ import annotations

import ast
from functools import cache
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


def _imports(
    tree: ast.AST, *, with_type_checking: bool = False
) -> list[ast.Import | ast.ImportFrom]:
    """Every import, at module level or inside functions; those under ``if TYPE_CHECKING:`` only
    with ``with_type_checking`` (its ``else:`` branch always counts)."""
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test) and not with_type_checking:
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


@cache
def imported_names(module: str, *, with_type_checking: bool = False) -> frozenset[str]:
    """The absolute names ``module`` imports (``a.b`` for ``from a import b`` too, so that a
    submodule imported from its package counts); with ``with_type_checking``, also those
    imported under ``if TYPE_CHECKING:``."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in _imports(
        ast.parse(path.read_text(encoding="utf-8")), with_type_checking=with_type_checking
    ):
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
    return frozenset(names)


def _packages_on_the_way(module: str, target: str) -> set[str]:
    """The packages whose ``__init__`` importing ``target`` runs first (``a.b`` for ``a.b.c``),
    less ``module``'s own, which are being imported already."""
    own = {module.rsplit(".", depth)[0] for depth in range(module.count(".") + 1)}
    parts = target.split(".")
    return {".".join(parts[:end]) for end in range(2, len(parts))} - own


def internal_graph(*, with_type_checking: bool = False) -> dict[str, set[str]]:
    """Module -> the package's modules it imports (a package import means its ``__init__``, and
    so does a nested package's module: ``core.templates`` for ``core.templates.load``); with
    ``with_type_checking``, the imports under ``if TYPE_CHECKING:`` too."""
    graph: dict[str, set[str]] = {}
    for module in MODULES:
        targets = {
            name
            for name in imported_names(module, with_type_checking=with_type_checking)
            if name in MODULES and name != module
        }
        for target in list(targets):
            targets |= _packages_on_the_way(module, target) & MODULES.keys()
        graph[module] = targets
    return graph


def is_in(module: str, *packages: str) -> bool:
    """Whether ``module`` is one of ``packages`` (dotted, below the package's name) or in one."""
    return any(
        module == f"{NAME}.{package}" or module.startswith(f"{NAME}.{package}.")
        for package in packages
    )


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle for each group of modules that import each other (a strongly connected
    component of more than one module), so that a failure names every tangle, not the first."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    # Tarjan's algorithm, recursive: a few hundred modules stay far from the recursion limit
    def connect(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in sorted(graph[module]):
            if target not in index:
                connect(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group: set[str] = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(group)

    for module in sorted(graph):
        if module not in index:
            connect(module)
    cycles: list[list[str]] = []
    for group in groups:
        cycle = find_cycle({m: graph[m] & group for m in group})
        assert cycle is not None
        cycles.append(cycle)
    return sorted(cycles)


def _cycles_message(cycles: list[list[str]]) -> str:
    short = [[module.removeprefix(f"{NAME}.") for module in cycle] for cycle in cycles]
    return "\n".join(" -> ".join(cycle) for cycle in short)


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
    two = {"a": {"b"}, "b": {"a", "c"}, "c": {"d"}, "d": {"c"}, "e": {"a"}}
    assert find_cycles(two) == [["a", "b", "a"], ["c", "d", "c"]]
    assert find_cycles({"a": {"b"}, "b": set()}) == []
    tree = ast.parse(
        "import x\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import hidden\n"
        "else:\n    import shown\ndef f():\n    from .inner import g\n"
    )
    found = {alias.name for node in _imports(tree) for alias in node.names}
    assert found == {"x", "TYPE_CHECKING", "shown", "g"}
    typed = {alias.name for node in _imports(tree, with_type_checking=True) for alias in node.names}
    assert typed == found | {"hidden"}


def test_relative_imports_resolve_to_package_modules():
    assert f"{NAME}.core.model" in imported_names(f"{NAME}.core.index")
    assert f"{NAME}.warnings_" in imported_names(f"{NAME}.read.directives.names")


def test_nested_packages_are_walked():
    """Modules two packages deep are found, named by their dotted path, and their relative
    imports (``..`` included) resolve."""
    nested = [module for module in MODULES if module.count(".") >= 3]
    assert {f"{NAME}.core.templates", f"{NAME}.read.directives", f"{NAME}.render.reports"} <= {
        module.rpartition(".")[0] for module in nested
    }
    graph = internal_graph()
    assert any(graph[module] for module in nested)
    assert any(target in nested for targets in graph.values() for target in targets)
    # importing a nested module runs its package's __init__ first, unless that is the importer's
    assert _packages_on_the_way(f"{NAME}.read.checks", f"{NAME}.core.templates.load") == {
        f"{NAME}.core",
        f"{NAME}.core.templates",
    }
    assert _packages_on_the_way(f"{NAME}.core.templates.gates", f"{NAME}.core.templates.load") == (
        set()
    )


def test_no_import_cycle():
    graph = internal_graph()
    assert sum(len(targets) for targets in graph.values()) > len(MODULES)  # the walk found imports
    cycles = find_cycles(graph)
    assert cycles == [], _cycles_message(cycles)


def test_no_import_cycle_type_only_imports_included():
    """Not even through ``if TYPE_CHECKING:`` imports: a cycle there is two modules that each
    need the other to be understood, which a type checker, a reader and a later runtime import
    all trip over."""
    graph = internal_graph(with_type_checking=True)
    assert sum(len(targets) for targets in graph.values()) > sum(
        len(targets) for targets in internal_graph().values()
    )  # the type-only imports were read
    cycles = find_cycles(graph)
    assert cycles == [], _cycles_message(cycles)


@pytest.mark.parametrize(
    "module", sorted(m for m in MODULES if m == f"{NAME}.core" or m.startswith(f"{NAME}.core."))
)
def test_core_imports_neither_sphinx_nor_docutils(module):
    """Not even for type checking: the core's types are its own."""
    bad = sorted(
        name
        for name in imported_names(module, with_type_checking=True)
        if name.split(".")[0] in {"sphinx", "docutils", "myst_parser", "sphinx_needs"}
    )
    assert bad == [], f"{module} imports {bad}"
    outside = sorted(
        name
        for name in imported_names(module, with_type_checking=True)
        if name in MODULES and not is_in(name, "core")
    )
    assert outside == [], f"{module} imports {outside}, outside the Sphinx-free core"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if is_in(m, "read", "render")))
def test_read_and_render_import_neither_git_nor_output_nor_integrations(module):
    """Reading and rendering come before the git history, the evidence (test results and code
    markers), the output files and the bridges to other tools, which use them: never the other
    way round, in a function or for type checking either (rendering reads what they bring
    through the index)."""
    later = sorted(
        name
        for name in imported_names(module, with_type_checking=True)
        if is_in(name, "git", "evidence", "output", "integrations")
    )
    assert later == [], f"{module} imports {later}"


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
