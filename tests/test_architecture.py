"""The dependency rule of ``docs/architecture.md``, checked by reading every module's imports.

A module imports only from its own layer or from layers before it, in this order:
core → stages → backends → builder → batch → report → evaluation → training → commands → cli;
and no two modules import each other, directly or round a circle. Imports under
``if TYPE_CHECKING:`` are annotations, not dependencies, and are skipped.
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "pipeline"

# (layer, module names or package prefixes), in the order of the rule
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("core", ("pipeline", "pipeline.doc", "pipeline.errors", "pipeline.paths", "pipeline.schema",
              "pipeline.config", "pipeline.component_registry")),
    ("stages", ("pipeline.stages",)),
    ("backends", ("pipeline.backends",)),
    ("builder", ("pipeline.factories", "pipeline.nlp")),
    ("batch", ("pipeline.batch",)),
    ("report", ("pipeline.report",)),
    ("evaluation", ("pipeline.evaluation",)),
    ("training", ("pipeline.training",)),
    ("commands", ("pipeline.commands",)),
    ("cli", ("pipeline.cli", "pipeline.__main__")),
]
PACKAGES = {name for _, names in LAYERS for name in names if name != "pipeline"} - {
    "pipeline.doc", "pipeline.errors", "pipeline.paths", "pipeline.schema", "pipeline.config",
    "pipeline.component_registry", "pipeline.factories", "pipeline.nlp", "pipeline.cli", "pipeline.__main__"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def all_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> int:
    """Index of the module's layer; exact names first, then package prefixes."""
    for i, (_, names) in enumerate(LAYERS):
        if module in names and module not in PACKAGES:
            return i
    for i, (_, names) in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in names if p in PACKAGES):
            return i
    raise AssertionError(f"{module} is in no layer: add it to docs/architecture.md and LAYERS")


def _runtime_nodes(tree: ast.AST):
    """Every node except those under ``if TYPE_CHECKING:``."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            stack.extend(node.orelse)
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))


def imports_of(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules ``module`` imports (at module level or inside functions)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "pipeline")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[:len(parts) - node.level + 1])
                target = f"{base}.{node.module}" if node.module else base
            elif node.module and node.module.split(".")[0] == "pipeline":
                target = node.module
            else:
                continue
            for alias in node.names:  # ``from . import x`` may import the module ``x``
                found.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in modules else target)
    return {m for m in found if m in modules and m != module}


def import_graph() -> dict[str, set[str]]:
    modules = all_modules()
    return {m: imports_of(m, p, modules) for m, p in modules.items()}


def test_every_module_is_in_a_layer() -> None:
    for module in all_modules():
        layer_of(module)


def test_no_module_imports_a_later_layer() -> None:
    wrong = [f"{m} ({LAYERS[layer_of(m)][0]}) imports {d} ({LAYERS[layer_of(d)][0]})"
             for m, deps in import_graph().items() for d in sorted(deps) if layer_of(d) > layer_of(m)]
    assert not wrong, "\n".join(wrong)


def test_no_import_circle() -> None:
    graph = import_graph()
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for d in sorted(graph[m]):
            if state.get(d) == 1:
                pytest.fail("import circle: " + " → ".join(path[path.index(d):] + [m, d]) if d in path else f"{m} → {d}")
            if d not in state:
                visit(d, path + [m])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [])


def test_the_checker_sees_a_circle_and_a_layer_break(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rule's test must be able to fail: a stage importing the batch runner, and two
    modules importing each other, are both caught."""
    pkg = tmp_path / "pipeline"
    (pkg / "stages").mkdir(parents=True)
    (pkg / "batch").mkdir()
    for f in ("__init__.py", "stages/__init__.py", "batch/__init__.py", "doc.py"):
        (pkg / f).write_text("", encoding="utf-8")
    (pkg / "stages" / "a.py").write_text("from ..batch import runner\nfrom . import b\n", encoding="utf-8")
    (pkg / "stages" / "b.py").write_text("from .a import x\n", encoding="utf-8")
    (pkg / "batch" / "runner.py").write_text("from ..doc import Document\n", encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", pkg)
    graph = import_graph()
    assert graph["pipeline.stages.a"] == {"pipeline.batch.runner", "pipeline.stages.b"}
    assert graph["pipeline.stages.b"] == {"pipeline.stages.a"}
    with pytest.raises(AssertionError, match=r"stages\.a \(stages\) imports pipeline\.batch\.runner"):
        test_no_module_imports_a_later_layer()
    with pytest.raises(pytest.fail.Exception, match="import circle"):
        test_no_import_circle()
