"""The package's imports follow the pipeline: no stage imports a later one, no cycles, no borrowed private names.

Every import counts, at module level, inside a function (lazy) or under
``TYPE_CHECKING``: a lazy import that closes a cycle is still a cycle, it only
hides it from Python. The stages, earliest first (STYLE.md):

    model <- data <- read <- match <- checks <- the pipeline <- output <- batch <- cli, web <- __main__

``errors``, ``config``, ``memory`` and ``secret_key`` are the foundation every stage may use;
the facade (``jobkit/__init__.py``) gathers the library for the front ends.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from tests.project.conftest import PACKAGE

FOUNDATION = {"errors", "config", "memory", "secret_key"}
STAGES = {
    "model": 0, "data": 1, "read": 2, "match": 3, "checks": 4,
    "pipeline": 5, "answers": 5, "answer_safety": 5,  # the pipeline and the interview review
    "output": 6, "batch": 7, "workers": 7, "isolation": 7,
    "": 8,  # the facade
    "cli": 9, "web": 9,
    "__main__": 10,  # ``python -m jobkit``: runs the CLI, imported by nothing
}


def _module_names() -> dict[str, Path]:
    names = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return names


MODULES = _module_names()


def _imported(module: str, path: Path) -> list[tuple[str, str]]:
    """(jobkit module imported, name taken from it or '') for every import in ``module``."""
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, "") for alias in node.names if alias.name.split(".")[0] == "jobkit"]
        elif isinstance(node, ast.ImportFrom):
            source = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([source] if source else []))
            if source.split(".")[0] == "jobkit":
                found += [(f"{source}.{a.name}", "") if f"{source}.{a.name}" in MODULES else (source, a.name)
                          for a in node.names]
    return [(target, name) for target, name in found if target in MODULES and target != module]


GRAPH = {module: _imported(module, path) for module, path in MODULES.items()}


def _stage(module: str) -> int:
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else ""
    return -1 if top in FOUNDATION else STAGES[top]


def test_every_module_has_a_stage():
    assert [m for m in MODULES if m.split(".")[1:2] and m.split(".")[1] not in STAGES | dict.fromkeys(FOUNDATION)] == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_a_later_stage(module):
    later = sorted({t for t, _ in GRAPH[module] if _stage(t) > _stage(module)})
    assert later == [], f"{module} (stage {_stage(module)}) imports later stages: {later}"


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for root in GRAPH:
        if root in index:
            continue
        work = [(root, iter(sorted({t for t, _ in GRAPH[root]})))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted({t for t, _ in GRAPH[child]}))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycles_lazy_or_not():
    assert _cycles() == []


def test_the_cycle_finder_finds_a_cycle(monkeypatch):
    monkeypatch.setitem(GRAPH, "jobkit.model.document", [*GRAPH["jobkit.model.document"], ("jobkit.read.sections", "")])
    assert any({"jobkit.model.document", "jobkit.read.sections"} <= set(c) for c in _cycles())


def test_no_module_imports_another_modules_private_names():
    borrowed = sorted((module, target, name) for module, edges in GRAPH.items() for target, name in edges
                      if name.startswith("_") and not name.startswith("__"))
    assert borrowed == []
