"""Read a PDF with PDFium (pypdfium2), into the same layout records as the pdfminer path.

Chosen with ``JOBKIT_PDF_ENGINE=pdfium`` (or ``Limits(pdf_engine="pdfium")``);
needs the optional extra: ``pip install '.[fast]'`` from the checkout. Each page becomes
a :class:`~jobkit.read.pdf.pdf_device.PageCapture` (see
:mod:`jobkit.read.pdf.pdfium_chars`), so :func:`layout_page`, the findings
and the line assembly are the pdfminer path's own. Errors are the same typed
errors: a password → :class:`EncryptedDocument`, damage →
:class:`CorruptDocument`, too many pages or glyphs, and the same CPU budget,
checked between pages and every few thousand glyphs.

PDFium is not thread-safe, so reads are serialized in a process by a lock.
PDFium decodes streams inside one C call, so :func:`check_streams` spends
``max_pdf_stream_bytes`` on a pass of its own first and refuses the nesting
pdfminer refuses; a string PDFium cuts at ``STRING_CAP`` bytes is counted in
full against ``max_glyphs`` (:func:`long_string_excess`). So each hostile
file gets the pdfminer path's typed error. A single C call (loading a huge
page) is reached only by the process's ``RLIMIT_CPU`` backstop, not by the
thread watchdog.
"""

from __future__ import annotations

import ctypes
import functools
import re
import threading
from typing import Any

from jobkit.config import Limits
from jobkit.errors import CorruptDocument, EncryptedDocument, InvalidInput, TooManyPages
from jobkit.read.deadline import Deadline, check_current
from jobkit.read.pdf.pdf_budget import MAX_NESTING, Budget, too_deep
from jobkit.read.pdf.pdf_streams import decoded_streams
from jobkit.read.pdf.pdf_layout import PageLayout, layout_page
from jobkit.read.pdf.pdf_assembly import raw_document  # line assembly and findings, shared with pdfminer
from jobkit.read.raw import RawDocument
from jobkit.read.textnorm import clean_line

_LOCK = threading.Lock()
# PyPI's "jobkit" is another project: install the extra from the jobkit checkout, never by that name.
INSTALL_HINT = "run pip install '.[fast]' in the jobkit folder (or pip install 'pypdfium2>=5.0')"
_FONT_PROGRAM = (b"/Length1", b"/Length2", b"/Type1C", b"/CIDFontType0C", b"/OpenType")  # binary, never parsed
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_OPENERS = b"[{"
# A literal string, one level of balanced parentheses inside (possessive: no backtracking).
_STRING = re.compile(rb"\((?:[^()\\]++|\\.|\((?:[^()\\]++|\\.)*+\))*+\)", re.S)


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
        raise InvalidInput(f"The pdfium PDF engine needs pypdfium2 5.0 or later: {INSTALL_HINT}.")


@functools.lru_cache(maxsize=None)
def reader_name() -> str:
    """``pypdfium2 X.Y.Z``, for ``Document.metadata["reader"]`` (from pypdfium2 itself: importlib.metadata
    alone takes longer to import than a one-page read)."""
    try:
        from pypdfium2.version import PYPDFIUM_INFO
    except ImportError:
        return "pypdfium2"
    return f"pypdfium2 {getattr(PYPDFIUM_INFO, 'version', PYPDFIUM_INFO)}"


def read_pdf_pdfium(data: bytes, name: str, limits: Limits, deadline: Deadline) -> RawDocument:
    require_pypdfium2()
    with _LOCK:
        return _read(data, name, limits, deadline)


def check_streams(data: bytes, limit: int, name: str | None = None) -> int:
    """Decode every stream PDFium would decode once, output dropped, against the pdfminer path's limits.

    PDFium decodes a stream whole inside one C call, so a 400 KB file that inflates to 400 MB
    would take that memory before anything could stop it. This pass spends the same budget of
    decoded bytes as the pdfminer path first (``max_pdf_stream_bytes``: Flate, RunLength and LZW
    output, the same message), 1 MB at a time, through each stream's filter chain. PDFium also
    bounds nesting on its own and reads on, where pdfminer refuses arrays or dictionaries nested
    more than ``MAX_NESTING`` deep: each decoded stream (fonts aside) is held to that too.
    Image streams are left out (reading text, PDFium never decodes them); in an encrypted file
    only Flate is tried, and its encrypted streams fail at their first bytes. Returns the
    bytes decoded.
    """
    budget = Budget(limit, name)
    for head, decoded in decoded_streams(data, budget):
        if decoded and not any(hint in head for hint in _FONT_PROGRAM) and nests_too_deep(decoded):
            raise too_deep(name)
    return limit - budget.left


def long_string_excess(data: bytes, limit: int) -> int:
    """Glyphs beyond PDFium's cap in over-long strings: what its text page drops and pdfminer counts.

    PDFium keeps only the first ``STRING_CAP`` bytes of a string operand, so a page drawing
    400,000 glyphs in one ``Tj`` reads as 32,767. Counted in bytes (a two-byte font's glyphs
    count twice). Asked only when a page reaches the cap, so ordinary files never pay for it.
    """
    from jobkit.read.pdf.pdfium_chars import STRING_CAP

    excess = 0
    for head, decoded in decoded_streams(data, Budget(limit, None)):
        if decoded and len(decoded) > STRING_CAP and not any(hint in head for hint in _FONT_PROGRAM):
            check_current()
            excess += sum(max(0, len(m) - 2 - STRING_CAP) for m in _STRING.findall(decoded))
    return excess


def nests_too_deep(data: bytes) -> bool:
    """True when arrays, dictionaries or procedures in PDF source ``data`` nest past ``MAX_NESTING``.

    Strings are not lexed, so brackets inside them count too: no real document holds hundreds
    of unbalanced ones. Matched innermost pairs are dropped a level a pass at C speed first.
    """
    if data.count(b"[") + data.count(b"<<") + data.count(b"{") <= MAX_NESTING:
        return False
    kept = data.replace(b"<<", b"{").replace(b">>", b"}").translate(None, _NOT_BRACKETS)
    for _ in range(8):
        shorter = kept.replace(b"[]", b"").replace(b"{}", b"")
        if len(shorter) == len(kept):
            break
        kept = shorter
    if kept.count(b"[") + kept.count(b"{") <= MAX_NESTING:
        return False
    depth = 0
    for byte in kept:
        if byte in _OPENERS:
            depth += 1
            if depth > MAX_NESTING:
                return True
        elif depth:
            depth -= 1
    return False


def _read(data: bytes, name: str, limits: Limits, deadline: Deadline) -> RawDocument:
    check_streams(data, limits.max_pdf_stream_bytes, name)
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
        layouts = _layouts(data, document, count, name, limits, deadline)
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


def _layouts(data: bytes, document: Any, count: int, name: str, limits: Limits,
             deadline: Deadline) -> list[PageLayout]:
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    from jobkit.read.pdf.pdfium_api import FontTraits, handle_of
    from jobkit.read.pdf.pdfium_chars import PageReader

    reader = PageReader(FontTraits(), limits.max_glyphs, name)
    charged = False
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
            capture = reader.read(handle_of(page.raw), handle_of(textpage.raw), media, rotate)
            if reader.capped and not charged:  # a string cut at PDFium's cap: count what it dropped
                reader.charge(long_string_excess(data, limits.max_pdf_stream_bytes))
                charged = True
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
