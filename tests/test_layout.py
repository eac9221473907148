"""The package layout holds: front-end libraries stay in their front ends, names are unique, modules stay small.

Walks every module's syntax tree (function-level imports included), so a lazy
``import click`` inside a core function is caught too.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "jobkit"
MODULES = sorted(PACKAGE.rglob("*.py"))
# library -> the only folder allowed to import it
FRONT_ENDS = {"click": "cli", "flask": "web", "werkzeug": "web", "flask_wtf": "web", "flask_limiter": "web"}
MAX_LINES = 400


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_front_end_libraries_stay_in_their_front_ends(path):
    folder = path.relative_to(PACKAGE).parts[0]
    wrong = {lib for lib in _imports(path) if lib in FRONT_ENDS and FRONT_ENDS[lib] != folder}
    assert not wrong, f"{path.relative_to(PACKAGE)} imports {sorted(wrong)}"


def test_the_core_never_imports_the_front_ends():
    for path in MODULES:
        folder = path.relative_to(PACKAGE).parts[0]
        if folder in ("cli", "web"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                assert not node.module.startswith(("jobkit.web", "jobkit.cli")), path


def test_no_two_modules_share_a_name():
    names = Counter(p.stem if p.name != "__init__.py" else p.parent.name for p in MODULES)
    assert [name for name, count in names.items() if count > 1] == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_stay_small(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def test_no_import_cycle_between_education_and_matching():
    """Evidence is model data: the matcher and the education check both import it from there."""
    education = _imports_full(PACKAGE / "match" / "education.py")
    assert "jobkit.match.matcher" not in education


def _imports_full(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found
