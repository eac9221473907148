"""Turn per-page PDF layout facts into findings about what an ATS loses."""

from __future__ import annotations

from jobkit.model.document import Finding
from jobkit.read.pdf.pdf_layout import PageLayout

# A page with fewer readable characters than this, over a big image or many
# vector shapes, is treated as having no usable text layer.
MIN_TEXT_CHARS = 20


def page_list(pages: list[int]) -> str:
    if len(pages) == 1:
        return f"page {pages[0]}"
    return "pages " + ", ".join(str(p) for p in pages)


def _image_only_pages(layouts: list[PageLayout]) -> list[int]:
    out = []
    for number, layout in enumerate(layouts, 1):
        drawn = layout.images or layout.paths > 30
        if layout.visible_chars < MIN_TEXT_CHARS and drawn and layout.ocr_chars == 0:
            out.append(number)
    return out


def _image_only(layouts: list[PageLayout]) -> list[Finding]:
    pages = _image_only_pages(layouts)
    if not pages:
        return []
    if len(pages) == len(layouts):
        return [
            Finding(
                "image_only",
                "critical",
                "The PDF has no text layer: every page is a picture (a scan, or text saved as an image or shapes). "
                "An ATS sees an empty resume. Export the original document to PDF or Word instead of scanning it.",
                "whole document",
                page=1,
                count=len(pages),
            )
        ]
    return [
        Finding(
            "image_only",
            "high",
            f"{page_list(pages).capitalize()} carry no text layer, only pictures; an ATS reads nothing there.",
            page_list(pages),
            page=pages[0],
            count=len(pages),
        )
    ]


def _two_column(layouts: list[PageLayout]) -> list[Finding]:
    pages = [n for n, layout in enumerate(layouts, 1) if layout.gutter is not None]
    if not pages:
        return []
    example = next((layout.crossed_example for layout in layouts if layout.crossed_example), None)
    message = (
        "Text is laid out in two columns or a sidebar. Many ATS read straight across the page, "
        "mixing the columns line by line"
    )
    if example:
        message += f' (one line would read: "{example}")'
    message += ". Use a single column."
    return [Finding("two_column", "high", message, page_list(pages), page=pages[0], count=len(pages))]


def _hidden(layouts: list[PageLayout]) -> list[Finding]:
    pages = [n for n, layout in enumerate(layouts, 1) if layout.hidden_chars]
    if not pages:
        return []
    total = sum(layout.hidden_chars for layout in layouts)
    return [
        Finding(
            "hidden_text",
            "high",
            f"{total} characters are invisible to a reader (white, transparent, off-page or under 3 pt) but an ATS "
            "reads them. Recruiters treat hidden keywords as stuffing; remove them.",
            page_list(pages),
            page=pages[0],
            count=total,
        )
    ]


def _ocr(layouts: list[PageLayout]) -> list[Finding]:
    pages = [n for n, layout in enumerate(layouts, 1) if layout.ocr_chars]
    if not pages:
        return []
    return [
        Finding(
            "ocr_text_layer",
            "medium",
            "Scanned pages with an OCR text layer: an ATS reads the recognized text, which often has errors. "
            "Check the text below, or export from the original document.",
            page_list(pages),
            page=pages[0],
        )
    ]


def _images(layouts: list[PageLayout]) -> list[Finding]:
    scanned = set(_image_only_pages(layouts))
    pages = [n for n, layout in enumerate(layouts, 1) if layout.images and n not in scanned and not layout.ocr_chars]
    if not pages:
        return []
    total = sum(layouts[n - 1].images for n in pages)
    return [
        Finding(
            "images",
            "low",
            f"{total} picture(s), such as a photo, logos or icons: an ATS ignores them, so anything they show is lost. "
            "US employers also prefer resumes without photos.",
            page_list(pages),
            page=pages[0],
            count=total,
        )
    ]


def _rotated(layouts: list[PageLayout]) -> list[Finding]:
    pages = [n for n, layout in enumerate(layouts, 1) if layout.rotated]
    if not pages:
        return []
    total = sum(layout.rotated for layout in layouts)
    return [
        Finding(
            "rotated_text",
            "medium",
            f"{total} characters are set sideways or vertically; an ATS reads them out of order or not at all.",
            page_list(pages),
            page=pages[0],
            count=total,
        )
    ]


def page_findings(layouts: list[PageLayout]) -> list[Finding]:
    findings: list[Finding] = []
    for make in (_image_only, _two_column, _hidden, _ocr, _images, _rotated):
        findings += make(layouts)
    return findings
