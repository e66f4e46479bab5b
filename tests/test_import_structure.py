"""The archive's modules import one another in one direction only, read from their source.

An import cycle works only while the modules happen to load in one order; the earlier ones were
hidden by imports inside functions, which count here as any other. Importing ``a.b.c`` runs
``a`` and ``a.b`` first, so it is an edge to each of them too, except to the packages the
importing module lies in: they have begun loading before it, whatever it imports. Taking a name
from one of them (``from archive.models import Person`` inside ``archive/models/``) does depend
on it, and counts."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "archive"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for path in (ROOT / PACKAGE).rglob("*.py")
        if "migrations" not in path.parts
    }


def _import_statements(tree: ast.Module):
    """Every import of the module, at its top level or inside a function: one inside a function
    breaks no cycle, it only hides one until the function first runs."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node


def _with_parents(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts) + 1)]


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The archive modules that loading ``name`` loads directly."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    ancestors = set(_with_parents(package))
    found = set()
    for node in _import_statements(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            # "from x import y" loads x, and x.y too when y is a module.
            submodules = [f"{base}.{alias.name}" for alias in node.names]
            if not (base in ancestors and all(module in known for module in submodules)):
                found.add(base)  # a name taken from x, not only its modules
            targets = submodules
        for target in targets:
            found.update(m for m in _with_parents(target) if m not in ancestors)
    found &= known
    found.discard(name)
    return found


def import_graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: imports(name, path, known) for name, path in found.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_the_graph_sees_the_imports_it_must_see():
    graph = import_graph()
    assert "archive.importers.people" in graph["archive.importers.saving"]
    assert "archive.models" in graph["archive.admin.restricted"]
    # A submodule's import runs its package first.
    assert "archive.models" in graph["archive.admin.forms"]


def test_a_cycle_is_found_where_there_is_one():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_of_the_archive_imports_itself_through_others():
    assert cycles(import_graph()) == []


@pytest.mark.parametrize("layer", ["site", "views", "api", "fastpaths", "admin"])
def test_models_import_nothing_from_the_layers_above_them(layer):
    above = f"{PACKAGE}.{layer}"
    graph = import_graph()
    reaching = {
        name: sorted(t for t in targets if t == above or t.startswith(above + "."))
        for name, targets in graph.items()
        if name.startswith(f"{PACKAGE}.models")
    }
    assert {name: found for name, found in reaching.items() if found} == {}


def test_parsing_rows_never_imports_writing_them():
    graph = import_graph()
    writing = {"archive.importers.saving", "archive.importers.bulk", "archive.importers.revisions"}
    for parsing in ("people", "columns", "csv_xlsx"):
        assert not graph[f"archive.importers.{parsing}"] & writing
