"""The PDF reader on PDFs the tests build with reportlab."""

import pytest

from jobkit import read_resume
from jobkit.config import Limits
from jobkit.errors import CorruptDocument, TooManyPages
from tests import builders


def test_single_column_pdf_reads_lines_with_page_position_and_font():
    doc = read_resume(builders.single_column_pdf(), "resume.pdf")
    assert doc.format == "pdf"
    assert doc.pages == 1
    assert doc.page_count_method == "pdf_page_tree" and doc.page_count_confidence == "exact"
    first = doc.lines[0]
    assert first.text == "JANE DOE, RHIT"
    assert first.page == 1 and first.bold is True and first.font_size == pytest.approx(16, abs=0.6)
    assert first.bbox is not None and first.bbox[0] == pytest.approx(72, abs=1)
    assert doc.lines[1].bold is False
    assert [s.name for s in doc.sections] == ["contact", "summary", "experience", "education", "skills"]
    assert doc.finding_codes() == set()
    # 69 space-separated tokens, minus three separators ('|', '|', '-'), plus the
    # e-mail address counting as two words ("jane.doe", "example.com").
    assert doc.words == 67


def test_page_count_is_exact():
    doc = read_resume(builders.single_column_pdf(pages=3), "resume.pdf")
    assert doc.pages == 3
    assert {line.page for line in doc.lines} == {1, 2, 3}


def test_two_column_layout_is_flagged_and_read_column_by_column():
    doc = read_resume(builders.two_column_pdf(), "resume.pdf")
    finding = next(f for f in doc.findings if f.code == "two_column")
    assert finding.severity == "high" and finding.page == 1
    texts = [line.text for line in doc.lines]
    assert texts[:2] == ["JANE DOE", "jane.doe@example.com | (512) 555-0147"]
    # The left column is read whole before the right one starts.
    assert texts.index("Data entry") < texts.index("EXPERIENCE")
    assert doc.section_at(texts.index("Epic")) == "skills"


def test_right_aligned_dates_are_not_two_columns():
    doc = read_resume(builders.right_dates_pdf(), "resume.pdf")
    assert "two_column" not in doc.finding_codes()
    assert any(line.text.endswith("2010 - 2020") for line in doc.lines)


def test_white_and_tiny_text_is_hidden_but_kept_and_flagged():
    doc = read_resume(builders.hidden_text_pdf(), "resume.pdf")
    hidden = [line.text for line in doc.lines if line.hidden]
    assert any("RHIA CCS CPC" in text for text in hidden)
    assert any("tiny keywords" in text for text in hidden)
    finding = next(f for f in doc.findings if f.code == "hidden_text")
    assert finding.severity == "high" and finding.count > 40


def test_white_text_on_a_dark_banner_is_visible():
    doc = read_resume(builders.white_on_dark_pdf(), "resume.pdf")
    assert "hidden_text" not in doc.finding_codes()
    assert doc.lines[0].text == "JANE DOE MEDICAL RECORDS TECHNICIAN" and not doc.lines[0].hidden


def test_image_only_pdf_is_a_document_with_a_critical_finding():
    doc = read_resume(builders.image_only_pdf(), "scan.pdf")
    assert doc.words == 0 and doc.lines == ()
    finding = next(f for f in doc.findings if f.code == "image_only")
    assert finding.severity == "critical"


def test_symbol_font_glyphs_are_unreadable_not_text():
    doc = read_resume(builders.icon_font_pdf(), "resume.pdf")
    assert "unreadable_glyphs" in doc.finding_codes() or not any("4 5 6" in line.text for line in doc.lines)


def test_page_cap_is_configurable():
    data = builders.single_column_pdf(pages=4)
    with pytest.raises(TooManyPages, match="more than 3 pages|4 pages"):
        read_resume(data, "cv.pdf", limits=Limits(max_pages=3))
    assert read_resume(data, "cv.pdf", limits=Limits(max_pages=4)).pages == 4


def test_truncated_pdf_is_a_typed_error_or_a_partial_read():
    data = builders.single_column_pdf()
    for cut in (20, len(data) // 3, len(data) // 2):
        try:
            read_resume(data[:cut], "cut.pdf")
        except CorruptDocument as exc:
            assert "damaged" in exc.message or "no pages" in exc.message
