"""Read a PDF the way an ATS would: the engine dispatch and what both engines share.

pdfminer.six (:mod:`pdfminer_reader`) is the default and the reference;
PDFium (:mod:`pdfium_reader`, ``JOBKIT_PDF_ENGINE=pdfium``) is the fast one.
Each engine is imported only when chosen, so a PDFium read never loads
pdfminer. Both hand their page layouts to :func:`raw_document`.
"""

from __future__ import annotations

from jobkit.config import PDF_ENGINES, Limits
from jobkit.errors import InvalidInput
from jobkit.model.document import Line
from jobkit.read.deadline import Deadline
from jobkit.read.pdf.pdf_findings import page_findings
from jobkit.read.pdf.pdf_forms import check_forms
from jobkit.read.pdf.pdf_layout import PageLayout
from jobkit.read.raw import RawDocument, body_font_size
from jobkit.read.textnorm import clean_line, count_mojibake


def read_pdf(data: bytes, name: str, limits: Limits, deadline: Deadline) -> RawDocument:
    """Read with the engine ``limits.pdf_engine`` names (pdfminer unless JOBKIT_PDF_ENGINE says otherwise).

    Both engines draw every copy of every form XObject, so their fan-out is counted first, the
    same way for both (:func:`check_forms`).
    """
    if limits.pdf_engine not in PDF_ENGINES:
        raise InvalidInput(f"Unknown PDF engine {limits.pdf_engine!r}; use one of: {', '.join(PDF_ENGINES)}.")
    check_forms(data, limits, name)
    if limits.pdf_engine == "pdfium":
        from jobkit.read.pdf.pdfium_reader import read_pdf_pdfium

        return read_pdf_pdfium(data, name, limits, deadline)
    from jobkit.read.pdf.pdfminer_reader import read_pdf_pdfminer

    return read_pdf_pdfminer(data, name, limits, deadline)


def raw_document(layouts: list[PageLayout], metadata: dict[str, str]) -> RawDocument:
    """The read document from page layouts, whichever engine made them: lines, page count, findings."""
    raw = RawDocument(
        format="pdf",
        lines=_lines(layouts),
        pages=len(layouts),
        page_count_method="pdf_page_tree",
        page_count_confidence="exact",
        metadata=metadata,
    )
    raw.findings = page_findings(layouts)
    raw.unreadable = sum(layout.unreadable for layout in layouts)
    raw.unreadable_pages = {i for i, layout in enumerate(layouts, 1) if layout.unreadable}
    raw.has_images = any(layout.images for layout in layouts)
    raw.mojibake = sum(count_mojibake(pl.text) for layout in layouts for pl in layout.lines)
    return raw


def _lines(layouts: list[PageLayout]) -> list[Line]:
    sizes = [pl.size for layout in layouts for pl in layout.lines if not pl.hidden and pl.text.strip()]
    counts: dict[float, int] = {}
    for size in sizes:
        counts[size] = counts.get(size, 0) + 1
    body = body_font_size(counts, 0.0)
    lines: list[Line] = []
    for number, layout in enumerate(layouts, 1):
        for pl in layout.lines:
            text, _ = clean_line(pl.text)
            if not text:
                continue
            heading = not pl.hidden and len(text) <= 60 and (pl.size >= body + 1.0 or (pl.bold and pl.size >= body - 0.5))
            lines.append(
                Line(
                    text=text,
                    page=number,
                    hidden=pl.hidden,
                    bbox=pl.bbox,
                    font_size=pl.size,
                    bold=pl.bold,
                    styled_heading=heading,
                )
            )
    return lines
