"""The report's checks and summary are typed: their JSON Schema comes from the types and holds for real reports."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from jobkit import check_resume
from jobkit.errors import JobkitError
from jobkit.model.check_results import Checks, Readiness
from jobkit.model.schema import schema_for
from jobkit.web.openapi import spec
from tests import builders
from tests.conftest import corpus_files

CHECKS = Draft202012Validator(schema_for(Checks))
SUMMARY = Draft202012Validator(schema_for(Readiness))
FILES = corpus_files("resumes", ".pdf", ".docx", ".txt", ".md")


def _report(path) -> dict:
    try:
        return check_resume(path).to_dict()
    except JobkitError as exc:
        pytest.skip(f"{path.name} is not readable ({exc.code})")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_corpus_report_matches_the_generated_schema(path):
    report = json.loads(json.dumps(_report(path)))
    CHECKS.validate(report["checks"])
    SUMMARY.validate(report["summary"])


def test_the_schema_is_strict():
    report = check_resume(builders.plain_docx(), filename="r.docx").to_dict()
    assert CHECKS.is_valid(report["checks"])
    report["checks"]["length"]["surprise"] = 1
    assert not CHECKS.is_valid(report["checks"])
    del report["checks"]["length"]["surprise"]
    report["checks"]["length"]["word_status"] = "medium"
    assert not CHECKS.is_valid(report["checks"])


def test_openapi_serves_the_generated_schema():
    report = spec()["components"]["schemas"]["Report"]["properties"]
    assert report["checks"] == schema_for(Checks) and report["checks"]["type"] == "object"
    assert "level" in report["summary"]["properties"]
