"""The length check: pages against a target, words, long bullets."""

from jobkit import read_resume
from jobkit.pipeline import check_document
from tests import builders
from tests.conftest import corpus_path
from tests.helpers import text_doc
from tests.checks.conftest import MRT

def test_five_page_cv_fails_the_one_page_check_with_a_clear_message():
    report = check_document(read_resume(corpus_path("resumes", "pdf_latex_awesomecv_cv_5p.pdf")), MRT)
    length = report.checks.length
    assert not length.passed
    assert length.message == "5 pages: 4 over the 1-page target."
    assert length.how_counted == "exact: counted from the PDF"
    assert length.spills_at.startswith("Page 2 starts with:")
    assert any("experience section has" in tip for tip in length.advice)
    assert report.summary.parts["length"] == 0


def test_target_pages_is_configurable():
    doc = read_resume(builders.single_column_pdf(pages=2), "cv.pdf")
    assert not check_document(doc, MRT).checks.length.passed
    two = check_document(doc, MRT, target_pages=2).checks.length
    assert two.passed and two.target_pages == 2 and two.word_band == (750, 1400)


def test_docx_page_count_method_is_named():
    doc = read_resume(corpus_path("resumes", "docx_word_textboxes_header_3sections.docx"))
    length = check_document(doc, MRT).checks.length
    assert length.method == "docx_saved_page_count" and length.confidence == "high"
    assert "Word saved" in length.how_counted


def test_long_bullets_and_thin_resumes_are_reported():
    long_bullet = "- " + " ".join(["Processed release of information requests"] * 10) + ".\n"
    doc = text_doc("JANE DOE\n\nEXPERIENCE\n" + long_bullet + "- Short one.\n")
    length = check_document(doc, MRT).checks.length
    assert len(length.long_bullets) == 1 and length.long_bullets[0].words == 50
    assert length.word_status == "short"
    assert any("looks thin" in tip for tip in length.advice)


def test_wrapped_pdf_bullets_are_joined_before_counting():
    from jobkit.read.bullets import bullets
    from jobkit.match.docindex import build_index

    doc = text_doc("EXPERIENCE\n\u2022 Maintained electronic health records for a busy\noutpatient clinic and audited charts.\n\u2022 Second.\n")
    found = bullets(doc, build_index(doc).sections)
    assert [b.words for b in found] == [12, 1]
