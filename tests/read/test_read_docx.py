"""The DOCX reader on documents the tests build with python-docx."""

import pytest

from jobkit import read_resume
from jobkit.errors import CorruptDocument, TooManyPages, UnsafeDocument
from jobkit.config import Limits
from tests import builders


def test_plain_docx_reads_paragraphs_styles_and_sections():
    doc = read_resume(builders.plain_docx(), "resume.docx")
    assert doc.format == "docx"
    assert doc.lines[0].text == "JANE DOE, RHIT" and doc.lines[0].bold
    assert [s.name for s in doc.sections] == ["contact", "summary", "experience", "education", "skills"]
    assert doc.contact.email == "jane.doe@example.com"
    assert doc.contact.phone == "(512) 555-0147"
    assert doc.contact.location == "Austin, TX 78701"
    assert doc.finding_codes() == set()


def test_page_count_comes_from_an_estimate_when_word_saved_none():
    doc = read_resume(builders.plain_docx(), "resume.docx")
    # python-docx's template carries a stale app.xml; the estimate is used instead.
    assert doc.page_count_method == "docx_layout_estimate"
    assert doc.pages == 1
    long = read_resume(builders.long_docx(150), "long.docx")
    assert long.page_count_method == "docx_layout_estimate"
    # 162 one-line paragraphs of 11 pt at 1.15 spacing plus 10 pt after each
    # (python-docx's Normal style) is about 25 a page on Letter with 1" margins.
    assert 6 <= long.pages <= 8
    assert long.lines[-1].page == long.pages


def test_tables_are_read_in_order_and_flagged():
    doc = read_resume(builders.table_docx(), "resume.docx")
    texts = [line.text for line in doc.lines]
    assert texts == ["JANE DOE", "SKILLS", "Epic", "ICD-10-CM", "EXPERIENCE", "Medical Records Technician",
                     "After the table: release of information."]
    assert {line.origin for line in doc.lines[1:6]} == {"table"}
    finding = next(f for f in doc.findings if f.code == "table")
    assert finding.severity == "medium"


def test_nested_tables_are_read_and_raise_the_severity():
    doc = read_resume(builders.table_docx(nested=True), "resume.docx")
    assert "Nested cell text about HIPAA" in doc.text
    assert next(f for f in doc.findings if f.code == "table").severity == "high"


def test_text_boxes_are_read_once_and_flagged():
    doc = read_resume(builders.text_box_docx(["PROFESSIONAL SUMMARY", "WORK EXPERIENCE"]), "resume.docx")
    boxed = [line.text for line in doc.lines if line.origin == "text_box"]
    assert boxed == ["PROFESSIONAL SUMMARY", "WORK EXPERIENCE"]  # the VML fallback copy is not read twice
    finding = next(f for f in doc.findings if f.code == "text_box")
    assert finding.count == 2 and "PROFESSIONAL SUMMARY" in finding.message


def test_white_text_in_a_filled_text_box_is_visible():
    doc = read_resume(builders.text_box_docx(["EXPERIENCE"], white_on_fill=True), "resume.docx")
    assert "hidden_text" not in doc.finding_codes()
    assert [line.text for line in doc.lines if line.origin == "text_box"] == ["EXPERIENCE"]


def test_contact_only_in_the_header_is_a_high_finding():
    doc = read_resume(builders.header_contact_docx(), "resume.docx")
    assert doc.lines[0].origin == "header"
    assert doc.contact.email == "jane.doe@example.com" and doc.contact.origins["email"] == "header"
    finding = next(f for f in doc.findings if f.code == "header_footer")
    assert finding.severity == "high" and "email" in finding.message


def test_hidden_and_white_runs_are_separated_and_flagged():
    doc = read_resume(builders.hidden_docx(), "resume.docx")
    hidden = [line.text for line in doc.lines if line.hidden]
    assert hidden == ["RHIA CCS CPC vanished keywords", "white keywords Epic Cerner"]
    assert "Visible text." in [line.text for line in doc.lines if not line.hidden]
    assert next(f for f in doc.findings if f.code == "hidden_text").severity == "high"


def test_newspaper_columns_are_flagged():
    doc = read_resume(builders.columns_docx(), "resume.docx")
    assert "two_column" in doc.finding_codes()


def test_paragraph_cap():
    with pytest.raises(TooManyPages, match="paragraphs"):
        read_resume(builders.long_docx(300), "long.docx", limits=Limits(max_paragraphs=100))


def test_docx_missing_its_document_part_is_corrupt():
    data = builders.rewrite_part(builders.plain_docx(), "word/document.xml", b"<not-closed")
    with pytest.raises(CorruptDocument):
        read_resume(data, "broken.docx")


@pytest.mark.parametrize("root", [b"<w:documnt {ns}><w:body><w:p/></w:body></w:documnt>", b"<w:document {ns}><w:p/></w:document>"],
                         ids=["wrong-root", "no-body"])
def test_a_main_part_that_is_not_a_document_body_is_corrupt(root):
    """Found by the long fuzzing run: these reached jobkit's own code as AttributeErrors."""
    xml = b'<?xml version="1.0"?>' + root.replace(b"{ns}", b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"')
    with pytest.raises(CorruptDocument, match="no document body") as caught:
        read_resume(builders.rewrite_part(builders.plain_docx(), "word/document.xml", xml), "odd.docx")
    assert caught.value.__context__ is None


def test_a_header_declared_as_binary_is_skipped():
    """Found by the long fuzzing run: a header whose content type is not XML loads without an element."""
    data = builders.header_contact_docx()
    types = builders.read_part(data, "[Content_Types].xml")
    assert b"header+xml" in types
    data = builders.rewrite_part(data, "[Content_Types].xml",
                                 types.replace(b"wordprocessingml.header+xml", b"octet-stream"))
    doc = read_resume(data, "odd-header.docx")
    assert doc.words > 0 and not any(line.origin == "header" for line in doc.lines)
