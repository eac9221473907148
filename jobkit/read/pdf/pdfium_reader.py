"""Read a PDF with PDFium (pypdfium2), into the same layout records as the pdfminer path.

Chosen with ``JOBKIT_PDF_ENGINE=pdfium`` (or ``Limits(pdf_engine="pdfium")``);
needs the optional extra: ``pip install 'jobkit[fast]'``. Each page becomes
a :class:`~jobkit.read.pdf.pdf_device.PageCapture` (see
:mod:`jobkit.read.pdf.pdfium_chars`), so :func:`layout_page`, the findings
and the line assembly are the pdfminer path's own. Errors are the same typed
errors: a password → :class:`EncryptedDocument`, damage →
:class:`CorruptDocument`, too many pages or glyphs, and the same CPU budget,
checked between pages and every few thousand glyphs.

PDFium is not thread-safe, so reads are serialized in a process by a lock.
PDFium inflates streams inside one C call, so :func:`inflate_budget` spends
``max_pdf_stream_bytes`` on a pass of its own first. A single C call (loading
a huge page) is reached only by the process's ``RLIMIT_CPU`` backstop, not by
the thread watchdog; PDFium's own parser bounds nesting and caps a text
object at 32,767 glyphs.
"""

from __future__ import annotations

import base64
import ctypes
import functools
import re
import threading
import zlib
from importlib import metadata as importlib_metadata
from typing import Any

from jobkit.config import Limits
from jobkit.errors import CorruptDocument, EncryptedDocument, InvalidInput, TooManyPages
from jobkit.read.deadline import Deadline, check_current
from jobkit.read.pdf.pdf_guard import _Budget
from jobkit.read.pdf.pdf_layout import PageLayout, layout_page
from jobkit.read.raw import RawDocument
from jobkit.read.textnorm import clean_line

_LOCK = threading.Lock()
INSTALL_HINT = "pip install 'jobkit[fast]'"
_STREAM = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
_CHUNK = 1 << 20


def require_pypdfium2() -> None:
    """Raise a clear error when the PDFium engine is asked for but pypdfium2 is missing."""
    try:
        import pypdfium2.raw as pdfium_c
    except ImportError:
        raise InvalidInput(
            f"The pdfium PDF engine needs the pypdfium2 package, which is not installed: {INSTALL_HINT} "
            "(or use the default engine, pdfminer)."
        ) from None
    if not hasattr(pdfium_c, "FPDFText_GetTextObject"):
        raise InvalidInput(f"The pdfium PDF engine needs pypdfium2 5.0 or later: {INSTALL_HINT} --upgrade")


@functools.lru_cache(maxsize=None)
def reader_name() -> str:
    """``pypdfium2 X.Y.Z``, for ``Document.metadata["reader"]``."""
    try:
        return f"pypdfium2 {importlib_metadata.version('pypdfium2')}"
    except importlib_metadata.PackageNotFoundError:
        return "pypdfium2"


def read_pdf_pdfium(data: bytes, name: str, limits: Limits, deadline: Deadline) -> RawDocument:
    require_pypdfium2()
    with _LOCK:
        return _read(data, name, limits, deadline)


def inflate_budget(data: bytes, limit: int, name: str | None = None) -> int:
    """Inflate every Flate stream of the file once, output discarded, against ``limit`` decoded bytes.

    PDFium inflates a content stream whole inside one C call, so a 400 KB file that inflates to
    400 MB would take that memory before anything could stop it. This pass spends the same
    budget as the pdfminer path (``max_pdf_stream_bytes``, the same message) first, 1 MB at a time,
    through an ASCII85 layer where the stream has one (as ReportLab writes). Image streams are
    left out: reading text, PDFium never decodes them. Encrypted or non-Flate streams fail at
    their first bytes and are skipped. Returns the bytes inflated.
    """
    budget = _Budget(limit, name)
    view = memoryview(data)
    for match in _STREAM.finditer(data):
        head = data[max(0, match.start() - 2048) : match.start()]
        head = head[head.rfind(b"obj") + 1 :]
        if b"/Image" in head:
            continue
        pending: bytes | memoryview = view[match.end() :]
        if b"/ASCII85Decode" in head or b"/A85" in head:
            end = data.find(b"~>", match.end())
            try:
                pending = base64.a85decode(bytes(view[match.end() : end if end >= 0 else len(data)]))
            except ValueError:
                continue
        _inflate(pending, budget)
    return limit - budget.left


def _inflate(data: bytes | memoryview, budget: _Budget) -> None:
    pending = memoryview(data)
    inflater = zlib.decompressobj()
    try:
        while pending and not inflater.eof:
            check_current()
            piece = pending[: 4 * _CHUNK]
            out = inflater.decompress(piece, _CHUNK)
            budget.spend(len(out))
            consumed = len(piece) - len(inflater.unconsumed_tail)
            if not out and not consumed:
                return
            pending = pending[consumed:]
    except zlib.error:
        return


def _read(data: bytes, name: str, limits: Limits, deadline: Deadline) -> RawDocument:
    from jobkit.read.pdf.pdf_reader import raw_document  # the pdfminer path's line assembly and findings, shared

    inflate_budget(data, limits.max_pdf_stream_bytes, name)
    document = _open(data, name)
    try:
        count = len(document)
        if count > limits.max_pages:
            raise TooManyPages(
                f"This PDF has {count} pages; a resume has at most {limits.max_pages} (the configured limit).",
                filename=name,
            )
        if count <= 0:
            raise CorruptDocument("This PDF has no pages. Export it from your editor again.", filename=name)
        layouts = _layouts(document, count, name, limits, deadline)
        info = _metadata(document)
    finally:
        document.close()
    return raw_document(layouts, info)


def _open(data: bytes, name: str) -> Any:
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    try:
        return pypdfium2.PdfDocument(data, password="")
    except pypdfium2.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code is None:
            code = pdfium_c.FPDF_GetLastError()
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedDocument(
                "This PDF is password-protected. Save or print it to a new PDF without a password and try again.",
                filename=name,
            ) from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise EncryptedDocument(
                "This PDF uses encryption jobkit cannot open (an unsupported security handler). "
                "Save it again without encryption.",
                filename=name,
            ) from None
        raise CorruptDocument(
            "This PDF is damaged or truncated and could not be read (PDFium could not parse it). "
            "Export or save it again from the original.",
            filename=name,
        ) from None


def _layouts(document: Any, count: int, name: str, limits: Limits, deadline: Deadline) -> list[PageLayout]:
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    from jobkit.read.pdf.pdfium_chars import FontTraits, PageReader

    reader = PageReader(FontTraits(), limits.max_glyphs, name)
    box = (ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float())
    layouts: list[PageLayout] = []
    for index in range(count):
        deadline.check()
        try:
            page = document[index]
        except pypdfium2.PdfiumError:
            if index == 0:
                raise CorruptDocument(
                    "The first page of this PDF is damaged and could not be read. Export it again from the original.",
                    filename=name,
                ) from None
            continue  # a broken page tree (a cycle) can list pages that are not there; pdfminer skips them too
        textpage = None
        try:
            textpage = page.get_textpage()
            check_current()
            if pdfium_c.FPDFPage_GetMediaBox(page.raw, *(ctypes.byref(v) for v in box)):
                left, bottom, right, top = (v.value for v in box)
                media = (min(left, right), min(bottom, top), max(left, right), max(bottom, top))
            else:
                media = (0.0, 0.0, pdfium_c.FPDF_GetPageWidthF(page.raw), pdfium_c.FPDF_GetPageHeightF(page.raw))
            rotate = (pdfium_c.FPDFPage_GetRotation(page.raw) % 4) * 90
            capture = reader.read(page.raw, textpage.raw, media, rotate)
        finally:
            if textpage is not None:
                textpage.close()
            page.close()
        layouts.append(layout_page(capture))
    return layouts


def _metadata(document: Any) -> dict[str, str]:
    import pypdfium2.raw as pdfium_c

    out: dict[str, str] = {}
    for key in ("Producer", "Creator"):
        size = pdfium_c.FPDF_GetMetaText(document.raw, key.encode("ascii"), None, 0)
        if size <= 2:
            continue
        buffer = ctypes.create_string_buffer(size)
        pdfium_c.FPDF_GetMetaText(document.raw, key.encode("ascii"), buffer, size)
        value = buffer.raw[: size - 2].decode("utf-16-le", errors="replace")
        if value.strip():
            out[key.lower()] = clean_line(value)[0][:120]
    out["reader"] = reader_name()
    return out
