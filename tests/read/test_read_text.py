"""Plain text and Markdown: encodings, normalisation, page estimate."""

import pytest

from jobkit import read_resume
from jobkit.errors import EmptyDocument, FileTooLarge
from jobkit.config import Limits
from jobkit.read.textnorm import clean_line, normalize_text

RESUME = "JANE DOE\njane@example.com\n\nEXPERIENCE\nMedical Records Technician — Café Clinic\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (RESUME.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + RESUME.encode("utf-8"), "utf-8-sig"),
        (RESUME.encode("utf-16"), "utf-16"),
        (RESUME.replace("—", "-").encode("cp1252"), "cp1252"),
    ],
)
def test_text_encodings(data, encoding):
    doc = read_resume(data, "resume.txt")
    assert doc.metadata["encoding"] == encoding
    assert "Café Clinic" in doc.text
    assert doc.lines[0].text == "JANE DOE"
    assert [s.name for s in doc.sections] == ["contact", "experience"]


def test_markdown_is_read_as_text_with_headings():
    md = "# Jane Doe\n[jane@example.com](mailto:jane@example.com)\n\n## Skills\n- **Epic** and `Cerner`\n---\n## Education\n"
    doc = read_resume(md.encode(), "resume.md")
    assert [line.text for line in doc.lines] == [
        "Jane Doe", "jane@example.com mailto:jane@example.com", "Skills", "- Epic and Cerner", "Education"]
    assert [s.name for s in doc.sections] == ["contact", "skills", "education"]
    assert doc.contact.email == "jane@example.com"


def test_unicode_is_normalised():
    assert normalize_text("certiﬁed\u00a0coder\u00ad \u201cRHIT\u201d \u2013 it\u2019s") == 'certified coder "RHIT" - it\'s'
    assert clean_line("(cid:12)Email \ue001 me") == ("Email me", 2)


def test_text_page_estimate_uses_a_standard_page():
    doc = read_resume(("Maintained records.\n" * 100).encode(), "long.txt")
    assert doc.page_count_method == "text_standard_page_estimate"
    assert doc.pages == 3  # 48 lines a page


def test_empty_and_whitespace_text_files():
    with pytest.raises(EmptyDocument):
        read_resume(b"", "empty.txt")
    with pytest.raises(EmptyDocument):
        read_resume(b"   \n\n  \t\n", "blank.txt")


def test_page_cap_applies_to_text():
    from jobkit.errors import TooManyPages

    with pytest.raises(TooManyPages, match="about 3 pages"):
        read_resume(("Maintained records.\n" * 100).encode(), "long.txt", limits=Limits(max_pages=2))


def test_size_limit():
    with pytest.raises(FileTooLarge, match="limit is 1 MB"):
        read_resume(b"a" * (1024 * 1024 + 1), "big.txt", limits=Limits(max_bytes=1024 * 1024))
