"""The format is decided by content, and unsupported files say what they are."""

import pytest

from jobkit.errors import EmptyDocument, EncryptedDocument, UnsupportedFormat
from jobkit.read.sniff import sniff_format
from tests import builders


def test_pdf_docx_and_text_are_recognised_by_content_not_name():
    assert sniff_format(builders.single_column_pdf(), "resume.docx") == "pdf"
    assert sniff_format(builders.plain_docx(), "resume.pdf") == "docx"
    assert sniff_format("Jane Doe\nMedical Records".encode(), "resume.pdf") == "text"


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"{\\rtf1\\ansi hello}", "Rich Text Format"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "PNG image"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 20, "JPEG image"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "legacy Word 97-2003 (.doc)"),
        (bytes(range(256)) * 4, "cannot tell what it is"),
    ],
)
def test_unsupported_formats_name_themselves(data, says):
    with pytest.raises(UnsupportedFormat, match=r"(?s).*" + says.replace("(", r"\(").replace(")", r"\)")):
        sniff_format(data, "x.pdf")


def test_odt_and_zip_archives_are_named():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<x/>")
    with pytest.raises(UnsupportedFormat, match="OpenDocument"):
        sniff_format(buffer.getvalue())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("a.txt", "hello")
    with pytest.raises(UnsupportedFormat, match="zip archive"):
        sniff_format(buffer.getvalue())


def test_empty_file_is_its_own_error():
    with pytest.raises(EmptyDocument, match="0 bytes"):
        sniff_format(b"", "resume.pdf")


def test_password_protected_word_file_is_recognised():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64
    with pytest.raises(EncryptedDocument, match="password"):
        sniff_format(data, "resume.docx")
