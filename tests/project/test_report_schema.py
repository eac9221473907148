"""The report is typed: its JSON Schema comes from the types and holds for real reports, and its JSON
reads back into the same typed record every consumer uses."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from jobkit import check_resume
from jobkit.errors import JobkitError
from jobkit.model.check_results import Checks, Readiness
from jobkit.model.report_record import ReportRecord
from jobkit.model.schema import from_jsonable, schema_for
from jobkit.web.openapi import spec
from tests import builders
from tests.conftest import corpus_files

CHECKS = Draft202012Validator(schema_for(Checks))
SUMMARY = Draft202012Validator(schema_for(Readiness))
REPORT = Draft202012Validator(schema_for(ReportRecord))
FILES = corpus_files("resumes", ".pdf", ".docx", ".txt", ".md")
POSTINGS = corpus_files("jobs", ".txt", ".md")


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
    REPORT.validate(report)


@pytest.mark.parametrize("path", FILES[::4], ids=lambda p: p.name)
def test_a_report_reads_back_as_the_record_it_was_written_from(path):
    try:
        report = check_resume(path, job=POSTINGS[0].read_text(encoding="utf-8") if POSTINGS else None)
    except JobkitError as exc:
        pytest.skip(f"{path.name} is not readable ({exc.code})")
    record = report.to_record(include_text=True)
    text = json.dumps(record.to_dict())
    REPORT.validate(json.loads(text))
    assert ReportRecord.from_dict(json.loads(text)) == record
    assert record.to_dict() == report.to_dict(include_text=True)


def test_a_posting_report_matches_the_schema_with_its_job_part():
    if not POSTINGS:
        pytest.skip("corpus postings not present")
    report = check_resume(builders.plain_docx(), filename="r.docx", job=POSTINGS[1].read_text(encoding="utf-8"))
    data = json.loads(json.dumps(report.to_dict(include_text=True)))
    REPORT.validate(data)
    assert "role" not in data and data["job"]["requirements"]
    assert ReportRecord.from_dict(data).job.requirements[0].term == data["job"]["requirements"][0]["term"]


def test_reading_bad_json_names_the_field():
    data = check_resume(builders.plain_docx(), filename="r.docx").to_dict()
    data["checks"]["length"]["pages"] = "two"
    with pytest.raises(ValueError, match=r"report\.checks\.length\.pages: expected int"):
        ReportRecord.from_dict(data)
    del data["checks"]["length"]
    with pytest.raises(ValueError, match=r"report\.checks\.length: missing"):
        ReportRecord.from_dict(data)
    assert from_jsonable(tuple[float, ...], [1, 2.5]) == (1.0, 2.5)
    with pytest.raises(ValueError, match="not one of"):
        from_jsonable(Readiness, {**data["summary"], "level": "great"})


def test_the_schema_is_strict():
    report = check_resume(builders.plain_docx(), filename="r.docx").to_dict()
    assert CHECKS.is_valid(report["checks"])
    report["checks"]["length"]["surprise"] = 1
    assert not CHECKS.is_valid(report["checks"])
    del report["checks"]["length"]["surprise"]
    report["checks"]["length"]["word_status"] = "medium"
    assert not CHECKS.is_valid(report["checks"])


def test_openapi_serves_the_generated_schema():
    served = spec()["components"]["schemas"]["Report"]
    assert served == schema_for(ReportRecord) and served["additionalProperties"] is False
    report = served["properties"]
    assert report["checks"] == schema_for(Checks) and report["checks"]["type"] == "object"
    assert "level" in report["summary"]["properties"]
    assert report["matched"]["items"]["properties"]["evidence"]["items"]["required"]
