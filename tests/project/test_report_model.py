"""One class per report concept: the report holds the model's own classes, the JSON is written from their
fields, and "contact removed" is one redaction derived from :class:`Contact`."""

from __future__ import annotations

import dataclasses
import importlib
import json
import pkgutil
import typing
from concurrent.futures import ThreadPoolExecutor

import pytest

import jobkit.data
import jobkit.match
from jobkit import check_resume
from jobkit.batch.runs import BatchTarget, run_batch
from jobkit.errors import JobkitError
from jobkit.model import check_results, document, evidence, match_results, report_record
from jobkit.model.report_record import ReportRecord
from jobkit.model.document import Contact, Line
from jobkit.model.evidence import Evidence
from jobkit.model.redaction import REDACTED, contact_values, redact, without_contact
from jobkit.model.schema import as_stored, from_jsonable, json_field, jsonable, schema_for
from tests.conftest import corpus_files

# The name and email are quoted elsewhere too: in the summary and on the certifications line.
RESUME = """Jane Q. Doe
jane.doe@example.com | (512) 555-0177 | linkedin.com/in/janeqdoe | Springfield, IL

SUMMARY
Jane Q. Doe, RHIT: medical records technician. Reach jane.doe@example.com.

EXPERIENCE
Health Information Clerk, Springfield Clinic, 2021-2024
- Processed release of information requests and audited 200 charts a week using Epic and ICD-10-CM.

CERTIFICATIONS
RHIT, Jane Q. Doe, 2023

EDUCATION
Associate of Applied Science, Health Information Technology, 2021
"""
REAL = corpus_files("resumes", ".pdf", ".docx")[::6]


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False)


def _values(contact: Contact) -> tuple[str, ...]:
    assert contact_values(contact), "the test needs contact details to look for"
    return contact_values(contact)


def test_a_redacted_report_shows_no_contact_value_anywhere():
    report = check_resume(RESUME.encode(), filename="jane.txt")
    values = _values(report.document.contact)
    full = _json(report.to_dict(include_text=True))
    assert all(v in full for v in values)
    redacted = report.to_dict(include_text=True, include_contact=False)
    text = _json(redacted)
    assert "contact" not in redacted and REDACTED in text
    assert [v for v in values if v in text] == []
    # The evidence of a term quoted on the name line is redacted too, and still names what matched.
    rhit = next(m for m in redacted["matched"] if m["id"] == "cred-rhit")
    assert all(e["matched"] == "RHIT" for e in rhit["evidence"])


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_no_contact_value_in_a_redacted_corpus_report(path):
    try:
        report = check_resume(path)
    except JobkitError as exc:
        pytest.skip(f"{path.name} is not readable ({exc.code})")
    text = _json(report.to_dict(include_text=True, include_contact=False))
    assert [v for v in contact_values(report.document.contact) if v in text] == []


def test_batch_outputs_without_contact_use_the_same_redaction(tmp_path):
    path = tmp_path / "jane.txt"
    path.write_text(RESUME, encoding="utf-8")
    target = BatchTarget(role="medical-records-technician")
    [plain] = run_batch([path], target, ThreadPoolExecutor(1))
    [kept] = run_batch([path], target, ThreadPoolExecutor(1), include_contact=True)
    assert plain.report == without_contact(kept.report)
    text = _json(plain.report.to_dict())
    assert [v for v in _values(kept.report.contact) if v in text] == []


def test_a_new_contact_field_is_redacted_without_a_change_to_the_redaction():
    wider = dataclasses.make_dataclass("WiderContact", [("pronouns", "str | None", None)], bases=(Contact,),
                                       frozen=True)
    contact = wider(name="Jane Doe", origins={"name": "header"}, pronouns="she/her")
    assert contact_values(contact) == ("Jane Doe", "she/her")  # the origins ("header") are not personal


def test_redact_keeps_types_and_what_has_no_secret():
    found = Evidence(text="Jane Doe, RHIT", matched="RHIT", start=10, end=14, line=0, page=1, section="summary",
                     origin="body", kind="exact", credit=1.0)
    redacted = redact((found, ["Jane Doe"], {"k": "Jane Doe!"}), ("Jane Doe",))
    assert redacted == (dataclasses.replace(found, text=f"{REDACTED}, RHIT"), [REDACTED], {"k": f"{REDACTED}!"})
    assert redact(found, ()) is found


def test_the_record_holds_the_model_classes_the_pipeline_made():
    report = check_resume(RESUME.encode(), filename="jane.txt")
    record = report.to_record(include_text=True)
    assert record.band is report.band and record.contact is report.document.contact
    assert record.categories == tuple(report.categories) and record.findings == tuple(report.findings)
    assert all(type(line) is Line for line in record.lines)
    assert all(type(e) is Evidence for e in record.matched[0].evidence)


def _dataclasses(package: object) -> list[type]:
    found = []
    for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):  # type: ignore[attr-defined]
        module = importlib.import_module(info.name)
        found += [v for v in vars(module).values()
                  if isinstance(v, type) and dataclasses.is_dataclass(v) and v.__module__ == module.__name__]
    return found


def _parts(kind: object, seen: set[type]) -> set[type]:
    """Every dataclass a type is made of, through fields, tuples, unions and dictionaries."""
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        if kind not in seen:
            seen.add(kind)
            for hint in typing.get_type_hints(kind).values():
                _parts(hint, seen)
    for arg in typing.get_args(kind):
        _parts(arg, seen)
    return seen


def test_no_record_class_mirrors_a_runtime_class():
    """The report is made of the model's own classes; a class of report_record exists only to flatten, so none has
    the fields of a class the report holds or of a class of matching or the data files."""
    parts = _parts(ReportRecord, set())
    records = {c for c in parts if c.__module__ == report_record.__name__}
    held = {Evidence, Line, Contact, match_results.Band, match_results.CategoryScore, match_results.SalientTerm,
            match_results.YearsOfExperience}
    assert held <= parts - records
    runtime = [document, evidence, match_results, check_results]  # where the pipeline's own classes live
    others = (parts - records) | set(_dataclasses(jobkit.match) + _dataclasses(jobkit.data)) | {
        v for module in runtime for v in vars(module).values() if dataclasses.is_dataclass(v) and isinstance(v, type)}
    for record in records:
        names = sorted(f.name for f in dataclasses.fields(record))
        twins = [c.__qualname__ for c in others if sorted(f.name for f in dataclasses.fields(c)) == names]
        assert not twins, f"{record.__name__} mirrors {twins}"


@dataclasses.dataclass(frozen=True)
class _Sample:
    kept: str | None = json_field(default=None, written="always")
    dropped: str | None = None
    flag: bool = json_field(default=False, written="unless_default")
    internal: str = json_field(default="", written="never")
    size: float | None = json_field(default=None, digits=1)


def test_fields_say_how_they_are_written():
    sample = _Sample(flag=True, internal="x", size=11.96)
    assert jsonable(sample) == {"kept": None, "flag": True, "size": 12.0}
    assert jsonable(_Sample()) == {"kept": None}
    schema = schema_for(_Sample)
    assert list(schema["properties"]) == ["kept", "dropped", "flag", "size"] and schema["required"] == ["kept"]
    assert as_stored(sample) == from_jsonable(_Sample, jsonable(sample)) == _Sample(flag=True, size=12.0)
