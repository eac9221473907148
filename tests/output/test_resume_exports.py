"""The resume exported (issue 31): JSON Resume valid against the shipped schema with jobkit's provenance, the
plain single-column rebuild (text and Word) holding only what was read, and the autofill preview."""

from __future__ import annotations

import io
import json
import re

import jsonschema
import pytest

from jobkit import check_resume
from jobkit.cli.commands import cli
from jobkit.errors import ExportInvalid
from jobkit.output.jsonresume import json_resume, schema, validate_json_resume
from jobkit.output.plain_resume import plain_docx, plain_text
from jobkit.output.text_format import render_report
from jobkit.read import read_resume
from tests.conftest import corpus_path
from tests.read.test_structure import RESUME

CORPUS = [corpus_path("resumes", name) for name in (
    "pdf_livecareer_medical_record_technician.pdf", "pdf_livecareer_health_information_specialist.pdf",
    "docx_word_office_coordinator.docx", "docx_word2007_emt_sample.docx", "pdf_chromium_html_twocolumn.pdf",
    "txt_plain_allcaps_headings.txt", "pdf_latex_deedy_twocolumn.pdf")]


def record(source=RESUME.encode(), name="resume.txt", **options):
    document = read_resume(source, name) if isinstance(source, bytes) else read_resume(source)
    return check_resume(document, **options).to_record(include_text=True)


def test_json_resume_is_valid_against_the_published_schema_with_provenance():
    data = json_resume(record())
    jsonschema.Draft4Validator(schema()).validate(data)  # the shipped schema itself, not jobkit's checker
    assert data["basics"]["name"] == "Maria Lopez" and data["basics"]["location"] == {"city": "Austin", "region": "TX"}
    first, second = data["work"]
    assert (first["position"], first["name"], first["startDate"]) == ("Release of Information Specialist",
                                                                      "Baylor Scott & White", "2020-03")
    assert "endDate" not in first  # a current job has no end date in JSON Resume
    assert (second["startDate"], second["endDate"]) == ("2017", "2019")
    assert first["highlights"] == ["Processed 45 release-of-information requests a day."]
    assert first["x-jobkit"]["line"] == 4 and first["x-jobkit"]["confidence"] == "read"
    rhit = data["certificates"][0]
    assert rhit["issuer"].startswith("AHIMA") or "American Health Information" in rhit["issuer"]
    assert rhit["x-jobkit"]["status"] == "held"
    assert data["education"][0]["institution"] == "Austin Community College"


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_every_corpus_export_is_schema_valid(path):
    jsonschema.Draft4Validator(schema()).validate(json_resume(record(path)))


def test_an_export_that_would_break_the_schema_is_refused_naming_the_field():
    with pytest.raises(ExportInvalid) as error:
        validate_json_resume({"basics": {"name": "Jo"}, "work": [{"startDate": "March 2020"}]})
    assert "work/0/startDate" in str(error.value)


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'&-]+", text)}


HEADINGS = {"summary", "experience", "education", "skills", "certifications", "projects", "awards", "volunteer",
            "present", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "other",
            "professional", "affiliations", "publications", "languages", "interests", "relevant", "coursework"}


@pytest.mark.parametrize("path", CORPUS[:5], ids=[p.name for p in CORPUS[:5]])
def test_the_plain_rebuild_holds_only_what_was_read(path):
    report = record(path)
    source_words = _words("\n".join(line.text for line in report.lines)) | HEADINGS
    rebuilt = plain_text(report)
    assert _words(rebuilt) <= source_words  # nothing reworded, added or invented
    for job in report.structure.jobs:
        assert job.title is None or job.title in rebuilt


def test_the_word_rebuild_is_one_column_with_standard_headings():
    from docx import Document as WordDocument

    word = WordDocument(io.BytesIO(plain_docx(record())))
    texts = [p.text for p in word.paragraphs]
    assert texts[0] == "Maria Lopez" and "Experience" in texts and "Education" in texts
    assert "Processed 45 release-of-information requests a day." in texts
    assert not word.tables and not word.sections[0].header.paragraphs[0].text


def test_autofill_marks_rows_likely_to_come_out_wrong():
    text = ("MEDICAL RECORD TECHNICIAN\nmaria@example.org (512) 555-0147\nEXPERIENCE\nValley Clinic\nScheduling desk\n"
            "Jan 2019 - Mar 2021\n- Scheduled 60 patients a day.\nEDUCATION\nAustin Community College\n"
            "Certificate in Medical Coding\n")
    report = check_resume(read_resume(text.encode(), "r.txt"))
    codes = {e.kind: [w.code for w in e.warnings] for e in report.autofill}
    assert codes["contact"] == ["no_name"]
    assert "dates_on_other_line" in codes["job"]
    assert codes["school"] == ["no_year"]
    shown = render_report(report.to_record())
    assert "An application form that reads your resume would fill in:" in shown
    assert "From: Jan 2019; To: Mar 2021" in " ".join(shown.split())


def test_an_accented_email_is_marked_for_the_form():
    report = check_resume(read_resume(RESUME.replace("maria.lopez@", "maría.lópez@").encode(), "r.txt"))
    contact = next(e for e in report.autofill if e.kind == "contact")
    assert report.document.contact.email == "maría.lópez@example.org"
    assert "accented_email" in [w.code for w in contact.warnings]


def test_read_exports_from_the_command_line(runner, tmp_path):
    path = corpus_path("resumes", "docx_word_office_coordinator.docx")
    result = runner.invoke(cli, ["read", str(path), "--format", "jsonresume"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    validate_json_resume(data)
    assert data["work"][0]["position"] == "Practice Manager"
    text = runner.invoke(cli, ["read", str(path), "--format", "txt"])
    assert "EXPERIENCE" in text.output and "- Train new employees" in text.output
    target = tmp_path / "plain.docx"
    written = runner.invoke(cli, ["read", str(path), "--format", "docx", "-o", str(target)])
    assert written.exit_code == 0 and target.stat().st_size > 0
    back = runner.invoke(cli, ["read", str(target), "--format", "jsonresume"])
    assert json.loads(back.output)["work"][0]["position"] == "Practice Manager"  # the rebuild reads back the same
    refused = runner.invoke(cli, ["read", str(path), "--format", "docx"])
    assert refused.exit_code == 2 and "-o" in refused.output


def test_a_json_resume_export_of_a_redacted_report_carries_no_contact():
    from jobkit.model.redaction import without_contact

    data = json_resume(without_contact(record()))
    assert "Maria" not in json.dumps(data) and "555-0147" not in json.dumps(data)
