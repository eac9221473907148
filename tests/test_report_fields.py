"""The report's JSON keeps its field names: API clients and saved JSON lines depend on them.

``report_fields.txt`` lists every field path of a few corpus reports (one checked
against the default role, one against a posting, with lines). A renamed or
dropped field fails here; a new field fails too until it is added to the
list on purpose.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jobkit import check_resume
from tests.conftest import CORPUS

FIELDS = Path(__file__).with_name("report_fields.txt")


def field_paths(value: object, prefix: str = "") -> set[str]:
    """``checks.length.pages``, ``matched[].evidence[].text``, ...; keys of free-form maps as ``*``."""
    paths: set[str] = set()
    if isinstance(value, dict):
        free_form = prefix.endswith(("origins", "contact_found", "parts", "weights"))
        for key, item in value.items():
            path = f"{prefix}.{'*' if free_form else key}" if prefix else key
            paths |= {path} | field_paths(item, path)
    elif isinstance(value, list):
        for item in value:
            paths |= field_paths(item, prefix + "[]")
    return paths


def corpus_paths() -> set[str]:
    resumes = sorted((CORPUS / "resumes").glob("*.pdf"))[:6] + sorted((CORPUS / "resumes").glob("*.docx"))[:3]
    postings = sorted((CORPUS / "jobs").glob("*.txt"))
    if not resumes or not postings:
        pytest.skip("corpus not present")
    paths: set[str] = set()
    for resume in resumes:
        paths |= field_paths(check_resume(resume).to_dict(include_text=True))
        paths |= field_paths(check_resume(resume, job=postings[0].read_text(encoding="utf-8")).to_dict())
    return paths


def test_report_json_fields_are_unchanged():
    expected = set(FIELDS.read_text(encoding="utf-8").split())
    found = corpus_paths()
    assert not expected - found, f"fields gone or renamed: {sorted(expected - found)}"
    assert not found - expected, f"new fields: add them to {FIELDS.name} if meant: {sorted(found - expected)}"
