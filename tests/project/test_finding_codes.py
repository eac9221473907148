"""Every code a reader or check writes is in the one registry, with a plain title (no page shows a raw code)."""

from __future__ import annotations

import ast
import typing

from jobkit.model.finding_codes import FINDINGS, ISSUES, FindingCode, IssueCode
from tests.project.conftest import PACKAGE

MAKERS = {"Finding": FINDINGS, "Issue": ISSUES, "_issue": ISSUES}


def _codes_written() -> dict[str, set[str]]:
    """Codes passed as the first argument to Finding(...), Issue(...) or _issue(...) anywhere in jobkit."""
    found: dict[str, set[str]] = {"Finding": set(), "Issue": set()}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            first = node.args[0]
            if name in MAKERS and isinstance(first, ast.Constant) and isinstance(first.value, str):
                found["Finding" if name == "Finding" else "Issue"].add(first.value)
    return found


def test_every_code_written_is_registered():
    written = _codes_written()
    assert written["Finding"] and written["Issue"]
    assert written["Finding"] - set(FINDINGS) == set()
    assert written["Issue"] - set(ISSUES) == set()


def test_the_vocabularies_match_the_registry():
    assert set(typing.get_args(FindingCode)) == set(FINDINGS)
    assert set(typing.get_args(IssueCode)) == set(ISSUES)


def test_titles_are_plain_words():
    for info in [*FINDINGS.values(), *ISSUES.values()]:
        assert info.title[0].isupper() and "_" not in info.title
    assert all(info.fix for info in FINDINGS.values())
