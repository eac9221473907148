"""The report's JSON keeps its field names: API clients and saved JSON lines depend on them.

``report_fields.txt`` lists every field path the report had when the list was
made (from corpus reports checked against the default role and a posting).
A field renamed or dropped from the report's types fails here (the list is
checked against the JSON Schema generated from them, so an optional field a
given resume happens not to produce still counts), and so does a field
that real reports write but the list does not have.
"""

from __future__ import annotations


import pytest

from jobkit import check_resume
from jobkit.model.report_record import ReportRecord
from jobkit.model.schema import schema_for
from tests.conftest import CORPUS
from tests.project.conftest import FIELDS



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


def schema_paths(schema: dict, prefix: str = "") -> set[str]:
    """The same paths, from the JSON Schema: every field the types declare."""
    paths: set[str] = set()
    for option in schema.get("anyOf", []):
        paths |= schema_paths(option, prefix)
    if schema.get("type") == "array" and "items" in schema:
        paths |= schema_paths(schema["items"], prefix + "[]")
    if "additionalProperties" in schema and isinstance(schema["additionalProperties"], dict):
        item = f"{prefix}.*"
        paths |= {item} | schema_paths(schema["additionalProperties"], item)
    for key, value in schema.get("properties", {}).items():
        path = f"{prefix}.{key}" if prefix else key
        paths |= {path} | schema_paths(value, path)
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
    declared = schema_paths(schema_for(ReportRecord))
    assert not expected - declared, f"fields gone or renamed: {sorted(expected - declared)}"
    found = corpus_paths()
    assert not found - expected, f"new fields: add them to {FIELDS.name} if meant: {sorted(found - expected)}"


def test_a_renamed_field_is_caught():
    declared = schema_paths(schema_for(ReportRecord))
    assert "checks.length.pages" in declared and "matched[].evidence[].score" in declared
    assert "job.other_terms[].in_resume" in declared and "summary.parts.*" in declared


def test_every_report_names_what_read_the_file(monkeypatch):
    """A score is reproducible from the report: the scoring version and the reader (engine and version)."""
    from jobkit.output.csv_format import csv_fields, report_row
    from jobkit.output.text_format import render_report

    pdf = (CORPUS / "resumes" / "pdf_livecareer_medical_record_technician.pdf").read_bytes()
    docx = (CORPUS / "resumes" / "docx_word_textboxes_header_3sections.docx").read_bytes()
    readers = {
        "default": check_resume(pdf, filename="a.pdf").to_record(),
        "docx": check_resume(docx, filename="a.docx").to_record(),
        "text": check_resume(b"Jane Doe\nMedical records clerk\n", filename="a.txt").to_record(),
    }
    monkeypatch.setenv("JOBKIT_PDF_ENGINE", "pdfium")
    readers["pdfium"] = check_resume(pdf, filename="a.pdf").to_record()
    assert readers["default"].reader.startswith("pdfminer.six ") and readers["pdfium"].reader.startswith("pypdfium2 ")
    assert readers["docx"].reader.startswith("python-docx ") and readers["text"].reader == "jobkit text reader"
    record = readers["pdfium"]
    assert ReportRecord.from_dict(record.to_dict()).reader == record.reader
    assert "reader" in csv_fields() and report_row(record)["reader"] == record.reader
    assert f"read with {record.reader}" in render_report(record)
