"""ATS formatting advice and the readiness summary."""

import pytest

from jobkit import read_resume
from jobkit.pipeline import check_document
from tests import builders
from tests.conftest import corpus_path
from tests.checks.conftest import MRT

@pytest.mark.parametrize(
    ("name", "code"),
    [("pdf_latex_deedy_twocolumn.pdf", "two_column"), ("pdf_latex_altacv_twocolumn_sidebar.pdf", "two_column"),
     ("docx_word_textboxes_header_3sections.docx", "text_box"), ("pdf_imageonly_no_text_layer_1.pdf", "image_only")],
)
def test_real_files_get_formatting_advice_with_a_fix(name, code):
    report = check_document(read_resume(corpus_path("resumes", name)), MRT)
    row = next(r for r in report.checks.formatting if r.code == code)
    assert row.fix and row.title and row.message


def test_advice_is_ordered_by_harm():
    report = check_document(read_resume(corpus_path("resumes", "pdf_latex_altacv_twocolumn_sidebar.pdf")), MRT)
    codes = [r.code for r in report.checks.formatting]
    assert codes.index("two_column") < codes.index("unreadable_glyphs") < codes.index("images")


def test_image_only_caps_readiness_and_leads_the_fixes():
    report = check_document(read_resume(builders.image_only_pdf(), "scan.pdf"), MRT)
    assert report.summary.readiness <= 10 and report.summary.level == "unreadable"
    assert report.summary.top_fixes[0].title == "No text layer"


def test_readiness_explains_itself_and_gives_three_fixes():
    report = check_document(read_resume(corpus_path("resumes", "pdf_livecareer_medical_record_technician.pdf")), MRT)
    summary = report.summary
    assert set(summary.parts) == {"match", "formatting", "profile", "length"}
    assert "keyword match" in summary.explanation and "formatting" in summary.explanation
    assert len(summary.top_fixes) == 3
    assert sum(f.kind == "keyword" for f in summary.top_fixes) <= 2
    expected = round(sum(summary.weights[k] * v for k, v in summary.parts.items()))
    assert summary.readiness == expected
