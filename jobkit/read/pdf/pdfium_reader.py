"""Read a PDF with PDFium (the library pypdfium2 ships), into the same layout records as the pdfminer path.

Chosen with ``JOBKIT_PDF_ENGINE=pdfium`` (or ``Limits(pdf_engine="pdfium")``);
needs the optional extra: ``pip install '.[fast]'`` from the checkout. Each page becomes
a :class:`~jobkit.read.pdf.pdf_device.PageCapture` (see
:mod:`jobkit.read.pdf.pdfium_chars`), so :func:`layout_page`, the findings
and the line assembly are the pdfminer path's own. Errors are the same typed
errors: a password → :class:`EncryptedDocument`, damage →
:class:`CorruptDocument`, too many pages or glyphs, and the same CPU budget,
checked between pages and every few thousand glyphs.

PDFium is called through :mod:`~jobkit.read.pdf.pdfium_api`'s few prototypes, never
through ``import pypdfium2`` (its thousands of prototypes cost more than a read).
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
import re
import threading
from typing import NoReturn

from jobkit.config import Limits
from jobkit.errors import CorruptDocument, EncryptedDocument, InvalidInput, TooManyPages
from jobkit.read.deadline import Deadline, check_current
from jobkit.read.pdf.pdf_budget import MAX_NESTING, Budget, too_deep
from jobkit.read.pdf.pdf_streams import decoded_streams
from jobkit.read.pdf.pdf_layout import PageLayout, layout_page
from jobkit.read.pdf.pdf_assembly import raw_document  # line assembly and findings, shared with pdfminer
from jobkit.read.raw import RawDocument
from jobkit.read.textnorm import clean_line
from jobkit.read.pdf.pdfium_library import NEWEST_CALL, library, package_folder, pypdfium2_version

_LOCK = threading.Lock()
# PyPI's "jobkit" is another project: install the extra from the jobkit checkout, never by that name.
INSTALL_HINT = "run pip install '.[fast]' in the jobkit folder (or pip install 'pypdfium2>=5.0')"
_FONT_PROGRAM = (b"/Length1", b"/Length2", b"/Type1C", b"/CIDFontType0C", b"/OpenType")  # binary, never parsed
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_OPENERS = b"[{"
# A literal string, one level of balanced parentheses inside (possessive: no backtracking).
_STRING = re.compile(rb"\((?:[^()\\]++|\\.|\((?:[^()\\]++|\\.)*+\))*+\)", re.S)


def require_pypdfium2() -> None:
    """Raise a clear error when the PDFium engine is asked for but pypdfium2 (or its PDFium) is missing or too old.

    Loads PDFium (once a process), never ``import pypdfium2``.
    """
    found = package_folder("pypdfium2") is not None and library() is not None
    if not found:
        raise InvalidInput(
            f"The pdfium PDF engine needs the pypdfium2 package, which is not installed: {INSTALL_HINT} "
            "(or use the default engine, pdfminer)."
        )
    if not hasattr(library(), NEWEST_CALL):
        raise InvalidInput(f"The pdfium PDF engine needs pypdfium2 5.0 or later: {INSTALL_HINT}.")


def reader_name() -> str:
    """``pypdfium2 X.Y.Z``, for ``Document.metadata["reader"]`` (from pypdfium2's version file: importing
    pypdfium2 or importlib.metadata takes longer than a one-page read)."""
    version = pypdfium2_version()
    return f"pypdfium2 {version}" if version else "pypdfium2"


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
    from jobkit.read.pdf.pdfium_api import close_document, page_count

    data = data if isinstance(data, bytes) else bytes(data)
    check_streams(data, limits.max_pdf_stream_bytes, name)
    document = _open(data, name)  # PDFium reads ``data`` in place: it stays referenced until the close below
    try:
        count = page_count(document)
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
        close_document(document)
    return raw_document(layouts, info)


def _open(data: bytes, name: str) -> int:
    """The PDFium document handle of ``data`` (no password); a typed error when PDFium cannot open it.

    A document without a page counts as unreadable, with PDFium's last error, as pypdfium2 counted it.
    """
    from jobkit.read.pdf.pdfium_api import close_document, last_error, load_document, page_count

    document = load_document(data, len(data), b"") or 0
    if document and page_count(document) >= 1:
        return document
    code = last_error()
    if document:
        close_document(document)
    _refuse(code, name)


def _refuse(code: int, name: str) -> NoReturn:
    """The typed error for PDFium's error ``code`` on opening a document."""
    from jobkit.read.pdf.pdfium_api import ERR_PASSWORD, ERR_SECURITY

    if code == ERR_PASSWORD:
        raise EncryptedDocument(
            "This PDF is password-protected. Save or print it to a new PDF without a password and try again.",
            filename=name,
        )
    if code == ERR_SECURITY:
        raise EncryptedDocument(
            "This PDF uses encryption jobkit cannot open (an unsupported security handler). "
            "Save it again without encryption.",
            filename=name,
        )
    raise CorruptDocument(
        "This PDF is damaged or truncated and could not be read (PDFium could not parse it). "
        "Export or save it again from the original.",
        filename=name,
    )


def _layouts(data: bytes, document: int, count: int, name: str, limits: Limits,
             deadline: Deadline) -> list[PageLayout]:
    from jobkit.read.pdf.pdfium_api import FontTraits, close_page, close_text_page, load_page, load_text_page
    from jobkit.read.pdf.pdfium_chars import PageReader

    reader = PageReader(FontTraits(), limits.max_glyphs, name)
    charged = False
    layouts: list[PageLayout] = []
    for index in range(count):
        deadline.check()
        page = load_page(document, index) or 0
        textpage = (load_text_page(page) or 0) if page else 0
        if not textpage:
            if page:
                close_page(page)
            if index == 0:
                raise CorruptDocument(
                    "The first page of this PDF is damaged and could not be read. Export it again from the original.",
                    filename=name,
                )
            continue  # a broken page tree (a cycle) can list pages that are not there; pdfminer skips them too
        try:
            check_current()
            capture = reader.read(page, textpage, _media_box(page), _rotation(page))
            if reader.capped and not charged:  # a string cut at PDFium's cap: count what it dropped
                reader.charge(long_string_excess(data, limits.max_pdf_stream_bytes))
                charged = True
        finally:
            close_text_page(textpage)
            close_page(page)
        layouts.append(layout_page(capture))
    return layouts


def _media_box(page: int) -> tuple[float, float, float, float]:
    """The page's media box, normalized (left, bottom, right, top); the page size where it has none."""
    from jobkit.read.pdf.pdfium_api import addresses, media_box, page_height, page_width

    box = (ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float())
    if media_box(page, *addresses(*box)):
        left, bottom, right, top = (v.value for v in box)
        return (min(left, right), min(bottom, top), max(left, right), max(bottom, top))
    return (0.0, 0.0, page_width(page), page_height(page))


def _rotation(page: int) -> int:
    """The page's /Rotate in degrees: 0, 90, 180 or 270."""
    from jobkit.read.pdf.pdfium_api import page_rotation

    return (page_rotation(page) % 4) * 90


def _metadata(document: int) -> dict[str, str]:
    from jobkit.read.pdf.pdfium_api import meta_text

    out: dict[str, str] = {}
    for key in ("Producer", "Creator"):
        size = meta_text(document, key.encode("ascii"), None, 0)
        if size <= 2:
            continue
        buffer = ctypes.create_string_buffer(size)
        meta_text(document, key.encode("ascii"), ctypes.addressof(buffer), size)
        value = buffer.raw[: size - 2].decode("utf-16-le", errors="replace")
        if value.strip():
            out[key.lower()] = clean_line(value)[0][:120]
    out["reader"] = reader_name()
    return out
