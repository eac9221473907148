"""The step both PDF engines share: page layouts to the read document (lines, page count, findings).

pdfminer (:mod:`pdfminer_reader`) and PDFium (:mod:`pdfium_reader`) each turn a file into
:class:`~jobkit.read.pdf.pdf_layout.PageLayout` records; :func:`raw_document` makes the
document from them, so both engines give the same lines, headings and findings.
"""

from __future__ import annotations

from jobkit.model.document import Line
from jobkit.read.pdf.pdf_findings import page_findings
from jobkit.read.pdf.pdf_layout import PageLayout
from jobkit.read.raw import RawDocument, body_font_size
from jobkit.read.textnorm import clean_line, count_mojibake, mojibake_seen


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
    if raw.mojibake:
        raw.mojibake_seen = mojibake_seen(pl.text for layout in layouts for pl in layout.lines)
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
