"""The default PDF engine: pdfminer.six, read the way an ATS would, into jobkit's own glyph records."""

from __future__ import annotations

import functools
import io
from itertools import islice

import pdfminer
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.utils import decode_text

from jobkit.config import Limits
from jobkit.read.deadline import Deadline
from jobkit.errors import CorruptDocument, EncryptedDocument, TooManyPages
from jobkit.read.textnorm import clean_line
from jobkit.read.pdf.pdf_device import CaptureDevice
from jobkit.read.pdf.pdf_budget import stream_budget
from jobkit.read.pdf.pdf_guard import GuardedInterpreter, install, silence_pdfminer
from jobkit.read.pdf.pdf_layout import PageLayout, layout_page
from jobkit.read.pdf.pdf_assembly import raw_document
from jobkit.read.raw import RawDocument

install()


@functools.lru_cache(maxsize=None)
def reader_name() -> str:
    """``pdfminer.six VERSION``, for ``Document.metadata["reader"]``."""
    return f"pdfminer.six {getattr(pdfminer, '__version__', '')}".strip()


def read_pdf_pdfminer(data: bytes, name: str, limits: Limits, deadline: Deadline) -> RawDocument:
    """Read with pdfminer: every page through jobkit's device and layout, within the decoded-bytes budget."""
    silence_pdfminer()
    with stream_budget(limits.max_pdf_stream_bytes, name):
        document = _open(data, name)
        pages = _pages(document, name, limits)
        layouts = _layouts(pages, name, limits, deadline)
    return raw_document(layouts, {**_metadata(document), "reader": reader_name()})


def _layouts(pages: list[PDFPage], name: str, limits: Limits, deadline: Deadline) -> list[PageLayout]:
    manager = PDFResourceManager(caching=True)
    device = CaptureDevice(manager, max_glyphs=limits.max_glyphs, name=name)
    interpreter = GuardedInterpreter(manager, device)
    layouts: list[PageLayout] = []
    for page in pages:
        deadline.check()
        interpreter.process_page(page)
        assert device.page is not None
        layouts.append(layout_page(device.page))
    return layouts


def _open(data: bytes, name: str) -> PDFDocument:
    try:
        return PDFDocument(PDFParser(io.BytesIO(data)), password="")
    except PDFPasswordIncorrect:
        raise EncryptedDocument(
            "This PDF is password-protected. Save or print it to a new PDF without a password and try again.",
            filename=name,
        ) from None
    except PDFEncryptionError as exc:
        raise EncryptedDocument(
            f"This PDF uses encryption jobkit cannot open ({exc}). Save it again without encryption.",
            filename=name,
        ) from None


def _pages(document: PDFDocument, name: str, limits: Limits) -> list[PDFPage]:
    pages = list(islice(PDFPage.create_pages(document), limits.max_pages + 1))
    if len(pages) > limits.max_pages:
        claimed = _claimed_count(document)
        count = f"{claimed} pages" if claimed and claimed > limits.max_pages else f"more than {limits.max_pages} pages"
        raise TooManyPages(
            f"This PDF has {count}; a resume has at most {limits.max_pages} (the configured limit).",
            filename=name,
        )
    if not pages:
        raise CorruptDocument("This PDF has no pages. Export it from your editor again.", filename=name)
    return pages


def _claimed_count(document: PDFDocument) -> int | None:
    try:
        count = resolve1(resolve1(document.catalog.get("Pages")).get("Count"))
        return int(count)
    except Exception:  # noqa: BLE001 - a broken page tree just means "unknown"
        return None


def _metadata(document: PDFDocument) -> dict[str, str]:
    out: dict[str, str] = {}
    for info in document.info[:1]:
        for key in ("Producer", "Creator"):
            value = resolve1(info.get(key))
            if isinstance(value, bytes):
                value = decode_text(value)
            if isinstance(value, str) and value.strip():
                out[key.lower()] = clean_line(value)[0][:120]
    return out


