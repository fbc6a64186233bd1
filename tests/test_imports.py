"""Import hygiene: the record contract stays light, and no module imports itself back.

- ``import diplex.record`` (and the normalisers) must not load spaCy or the pipeline: a
  consumer that only reads records or normalises values should not pay for them.
- No import circle among diplex's modules, counting every import statement that runs
  (module level and inside functions; ``if TYPE_CHECKING:`` blocks do not run). The graph
  is read from the source with :mod:`ast`, so a lazy import inside a function counts too.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "diplex"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(name: str, path: Path) -> set[str]:
    """The diplex modules that ``name`` imports when its code runs."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("diplex"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("diplex"):
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    found.add(sub if sub in MODULES else target)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    found.discard(name)
    return {m for m in found if m in MODULES}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            strong(v)
    return out


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def test_the_graph_is_read_from_the_source() -> None:
    assert "diplex.extractor" in GRAPH["diplex.batch"]
    assert "diplex.record" in GRAPH["diplex.extractor"]
    assert "diplex.scale" in GRAPH["diplex.batch"], "lazy imports inside functions count"
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_circle() -> None:
    assert _cycles(GRAPH) == []


@pytest.mark.parametrize(
    "module",
    ["diplex.record", "diplex.errors", "diplex.normalise.countries", "diplex.normalise.names",
     "diplex.normalise.datetimes", "diplex.normalise.organisations",
     "diplex.normalise.publishers", "diplex.rules"],
)
def test_the_contract_and_the_normalisers_load_no_spacy(module: str) -> None:
    code = (
        f"import sys, {module}; "
        "bad = [m for m in sys.modules if m == 'spacy' or m.startswith('spacy.') "
        "or m in ('diplex.pipeline', 'diplex.extractor', 'diplex.components')]; "
        "print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_package_still_exports_its_surface() -> None:
    import diplex

    assert callable(diplex.extract) and diplex.Extractor.__name__ == "Extractor"
    assert diplex.Document.__name__ == "Document"
    with pytest.raises(AttributeError):
        _ = diplex.no_such_name  # type: ignore[attr-defined]
