"""Decide a file's format from its bytes, not its name.

A resume renamed from .doc to .docx, or a PNG saved as .pdf, must get an
error that says what the file really is and what to save it as instead.
"""

from __future__ import annotations

import io
import zipfile

from jobkit.errors import EmptyDocument, EncryptedDocument, UnsupportedFormat
from jobkit.read.zip_errors import ZIP_ERRORS

SUPPORTED = ("pdf", "docx", "text")
# The names a resume of each format may have: a file named otherwise gets a wrong_extension finding.
SUFFIXES = {"pdf": (".pdf",), "docx": (".docx", ".docm", ".dotx"), "text": (".txt", ".md", ".markdown", ".text")}
# Formats recognised but not read: a batch folder still checks them, so each gets its reason.
REFUSED_SUFFIXES = (".doc", ".rtf", ".odt")
# The one list of what a batch folder checks (an upload or a named file is checked whatever its name).
RESUME_SUFFIXES = tuple(suffix for names in SUFFIXES.values() for suffix in names) + REFUSED_SUFFIXES

_SAVE_AS = "Save it as PDF or Word (.docx) and upload that instead."

# (magic prefix, description) for formats we recognise but do not read.
_KNOWN_BINARY = (
    (b"{\\rtf", "a Rich Text Format (.rtf) file"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program (ELF executable)"),
)

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff_format(data: bytes, filename: str | None = None) -> str:
    """Return "pdf", "docx" or "text", or raise a typed error saying what it is."""
    if not data:
        raise EmptyDocument("The file is empty (0 bytes).", filename=filename)
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _sniff_zip(data, filename)
    if data.startswith(_OLE2):
        raise _ole2_error(data, filename)
    for magic, what in _KNOWN_BINARY:
        if data.startswith(magic):
            raise UnsupportedFormat(f"This file is {what}, not a resume document. {_SAVE_AS}", filename=filename)
    if data[8:12] in (b"WEBP",) and data.startswith(b"RIFF"):
        raise UnsupportedFormat(f"This file is a WebP image, not a resume document. {_SAVE_AS}", filename=filename)
    if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1"):
        raise UnsupportedFormat(f"This file is a HEIC photo, not a resume document. {_SAVE_AS}", filename=filename)
    if looks_like_text(data):
        return "text"
    raise UnsupportedFormat(
        "This file is not a PDF, a Word .docx or plain text, and jobkit cannot tell what it is. " + _SAVE_AS,
        filename=filename,
    )


def _sniff_zip(data: bytes, filename: str | None) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except ZIP_ERRORS as exc:
        from jobkit.errors import CorruptDocument

        raise CorruptDocument(
            f"The file is a damaged or truncated zip package ({exc}). Open it in Word and save it again.",
            filename=filename,
        ) from None
    if "word/document.xml" in names or any(n.endswith("/document.xml") and n.startswith("word") for n in names):
        return "docx"
    if "content.xml" in names and "mimetype" in names:
        what = "an OpenDocument file (.odt, LibreOffice/OpenOffice)"
        raise UnsupportedFormat(f"This file is {what}. Use File > Save As > Word (.docx) or export to PDF.", filename=filename)
    if any(n.startswith("Index/") for n in names) or "index.xml" in names:
        raise UnsupportedFormat(
            "This file is an Apple Pages document. In Pages use File > Export To > Word or PDF.", filename=filename
        )
    if any(n.startswith("xl/") for n in names):
        raise UnsupportedFormat(f"This file is an Excel workbook, not a resume. {_SAVE_AS}", filename=filename)
    if any(n.startswith("ppt/") for n in names):
        raise UnsupportedFormat(f"This file is a PowerPoint deck, not a resume. {_SAVE_AS}", filename=filename)
    raise UnsupportedFormat(
        f"This file is a zip archive, not a single resume. Upload the resume inside it. {_SAVE_AS}", filename=filename
    )


def _ole2_error(data: bytes, filename: str | None) -> Exception:
    # Office writes password-protected .docx files as OLE2 containers holding
    # an "EncryptedPackage" stream (names are UTF-16 in the directory).
    if "EncryptedPackage".encode("utf-16-le") in data:
        return EncryptedDocument(
            "This Word file is password-protected. Remove the password (File > Info > Protect Document) and save again.",
            filename=filename,
        )
    return UnsupportedFormat(
        "This is a legacy Word 97-2003 (.doc) file, which many ATS cannot read. "
        "Open it in Word and use File > Save As > Word Document (.docx), or export to PDF.",
        filename=filename,
    )


def looks_like_text(data: bytes) -> bool:
    """True when the bytes decode as text with few control characters."""
    sample = data[:8192]
    if sample.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in sample:
        return False
    try:
        decoded = sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut by the sample boundary is still UTF-8.
        cut = exc.start > len(sample) - 4
        decoded = sample[: exc.start].decode("utf-8") if cut else sample.decode("cp1252", errors="replace")
    if not decoded:
        return False
    bad = sum(1 for ch in decoded if ord(ch) < 32 and ch not in "\t\n\r\f")
    bad += sum(1 for ch in decoded if 0x7F <= ord(ch) < 0xA0 or ch == "\ufffd")
    return bad / len(decoded) < 0.02
