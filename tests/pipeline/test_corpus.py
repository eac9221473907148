"""Every file of the real corpus gives a document or a typed jobkit error.

The corpus path comes from JOBKIT_CORPUS (default ../shared/corpus); these
tests skip with a reason where it is absent.
"""

import time

import pytest

from jobkit import read_resume
from jobkit.errors import JobkitError
from tests.conftest import corpus_files, corpus_path

ALL_FILES = corpus_files("resumes") + corpus_files("offlinecv") + corpus_files("robustness")


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_corpus_file_reads_or_fails_typed_within_10_cpu_seconds(path):
    started = time.process_time()  # CPU time: a loaded machine slows the wall clock, not the work
    try:
        doc = read_resume(path)
    except JobkitError as exc:
        assert exc.code and exc.message
    else:
        assert doc.pages >= 1
        assert doc.words >= 0
    assert time.process_time() - started < 10


def test_corpus_is_present_or_skipped():
    if not ALL_FILES:
        pytest.skip("corpus not found; set JOBKIT_CORPUS")
    assert len(ALL_FILES) > 150


@pytest.mark.parametrize("name", ["pdf_imageonly_no_text_layer_1.pdf", "pdf_imageonly_no_text_layer_2.pdf"])
def test_image_only_pdfs_are_flagged(name):
    doc = read_resume(corpus_path("resumes", name))
    assert "image_only" in doc.finding_codes()
    assert doc.words == 0


@pytest.mark.parametrize(
    "name",
    ["pdf_latex_deedy_twocolumn.pdf", "pdf_latex_altacv_twocolumn_sidebar.pdf", "pdf_chromium_html_twocolumn.pdf"],
)
def test_known_two_column_pdfs_are_flagged(name):
    assert "two_column" in read_resume(corpus_path("resumes", name)).finding_codes()


@pytest.mark.parametrize(
    "name",
    ["pdf_latex_awesomecv_resume.pdf", "pdf_latex_moderncv_fictional.pdf", "pdf_word_mac_quartz_laverne.pdf",
     "pdf_livecareer_medical_record_technician.pdf", "pdf_reactpdf_openresume.pdf"],
)
def test_single_column_pdfs_with_date_or_label_rails_are_not_two_column(name):
    assert "two_column" not in read_resume(corpus_path("resumes", name)).finding_codes()


def _pages_in_sources(name):
    sources = corpus_path("resumes", "SOURCES.tsv").read_text(encoding="utf-8")
    for row in sources.splitlines():
        if row.startswith(name + "\t") and "pages=" in row:
            return int(row.split("pages=")[1].split(";")[0])
    return None


@pytest.mark.parametrize("path", corpus_files("resumes", ".pdf"), ids=lambda p: p.name)
def test_pdf_page_counts_equal_what_the_files_say(path):
    expected = _pages_in_sources(path.name)
    if expected is None:
        pytest.skip("no page count recorded in SOURCES.tsv")
    assert read_resume(path).pages == expected


def test_text_box_resume_text_is_read_and_flagged():
    doc = read_resume(corpus_path("resumes", "docx_word_textboxes_header_3sections.docx"))
    boxed = [line.text for line in doc.lines if line.origin == "text_box"]
    assert boxed == ["PROFESSIONAL SUMMARY", "AREAS OF EXPERTISE", "WORK EXPERIENCE"]
    assert "text_box" in doc.finding_codes()
    assert [s.name for s in doc.sections][:4] == ["contact", "summary", "skills", "experience"]
    assert doc.pages == 3 and doc.page_count_method == "docx_saved_page_count"
    assert "Page 2 of 3" in [line.text for line in doc.lines if line.origin == "header"]


def test_legacy_doc_files_say_what_to_save_as():
    for name in ("doc_legacy_word97_medical_assistant.doc", "doc_legacy_word97_phlebotomy_tech.doc"):
        with pytest.raises(JobkitError, match=r"\.docx") as caught:
            read_resume(corpus_path("resumes", name))
        assert caught.value.code == "unsupported_format"


def test_encrypted_pdfs_needing_a_password_say_so_and_empty_password_ones_open():
    with pytest.raises(JobkitError, match="password") as caught:
        read_resume(corpus_path("robustness", "pdfminer", "encryption__rc4-128.pdf"))
    assert caught.value.code == "encrypted_document"
    assert read_resume(corpus_path("robustness", "pdfminer", "encryption__base.pdf")).pages == 1


def test_livecareer_resume_sections_and_contact():
    doc = read_resume(corpus_path("resumes", "pdf_livecareer_medical_record_technician.pdf"))
    names = [s.name for s in doc.sections]
    assert names[:4] == ["contact", "summary", "skills", "experience"]
    assert "education" in names and "certifications" in names
