"""How many pages a DOCX fills, and on which page each paragraph sits.

A DOCX has no fixed pages: Word lays it out when it opens it. The best
figure is the count Word saved in ``docProps/app.xml``; failing that, the
page breaks Word recorded at its last layout (``w:lastRenderedPageBreak``);
failing that, an estimate from page size, margins, font sizes, spacing and
explicit page and section breaks.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from jobkit.read.docx.docx_walk import Para
from jobkit.read.docx.docx_xml import twips, w, wattr

# Average glyph width of common resume fonts (Calibri, Arial, Times) in ems.
CHAR_WIDTH_EM = 0.48
LINE_HEIGHT_EM = 1.17
CELL_PADDING = 10.8
FLOW_ORIGINS = ("body", "table")


@dataclass(frozen=True)
class PageGeometry:
    width: float = 612.0
    height: float = 792.0
    top: float = 72.0
    bottom: float = 72.0
    left: float = 72.0
    right: float = 72.0

    @property
    def text_width(self) -> float:
        return max(self.width - self.left - self.right, 72.0)

    @property
    def text_height(self) -> float:
        return max(self.height - self.top - self.bottom, 72.0)


def page_geometry(body: object) -> PageGeometry:
    """Geometry of the document's last (main) section."""
    sect = body.find(w("sectPr")) if body is not None else None  # type: ignore[attr-defined]
    if sect is None:
        return PageGeometry()
    size, margins = sect.find(w("pgSz")), sect.find(w("pgMar"))
    base = PageGeometry()
    return PageGeometry(
        width=twips(wattr(size, "w"), base.width),
        height=twips(wattr(size, "h"), base.height),
        top=abs(twips(wattr(margins, "top"), base.top)),
        bottom=abs(twips(wattr(margins, "bottom"), base.bottom)),
        left=twips(wattr(margins, "left"), base.left),
        right=twips(wattr(margins, "right"), base.right),
    )


def para_height(para: Para, geometry: PageGeometry) -> float:
    width = geometry.text_width * para.width_share - para.indent
    if para.cell is not None:
        width -= CELL_PADDING
    char_width = CHAR_WIDTH_EM * para.size
    per_line = max(int(max(width, 36.0) / char_width), 1)
    count = sum(max(1, math.ceil(len(text) / per_line)) for text in para.lines) or 1
    return para.before + count * _line_height(para) + para.after


def _line_height(para: Para) -> float:
    natural = para.size * LINE_HEIGHT_EM
    if para.line is None:
        return natural
    try:
        value = float(para.line)
    except ValueError:
        return natural
    if para.line_rule == "auto":
        return natural * value / 240.0
    if para.line_rule == "exact":
        return value / 20.0
    return max(natural, value / 20.0)


def _blocks(paras: list[Para]) -> list[list[int]]:
    """Indices of flow paragraphs grouped so a table row is one block."""
    blocks: list[list[int]] = []
    last_row: int | None = None
    for index, para in enumerate(paras):
        if para.origin not in FLOW_ORIGINS:
            continue
        if para.row is not None and para.row == last_row:
            blocks[-1].append(index)
        else:
            blocks.append([index])
        last_row = para.row
    return blocks


def _block_height(paras: list[Para], block: list[int], geometry: PageGeometry) -> float:
    cells: dict[int | None, float] = {}
    for index in block:
        para = paras[index]
        cells[para.cell] = cells.get(para.cell, 0.0) + para_height(para, geometry)
    return max(cells.values())


def estimate_pages(paras: list[Para], geometry: PageGeometry) -> tuple[int, list[int]]:
    """Estimated page count and the page of every paragraph."""
    pages = [1] * len(paras)
    page, used = 1, 0.0
    room = geometry.text_height
    for block in _blocks(paras):
        first = paras[block[0]]
        if first.break_before and used > 0:
            page, used = page + 1, 0.0
        height = _block_height(paras, block, geometry)
        if used + height > room and used > 0:
            page, used = page + 1, 0.0
        for index in block:
            pages[index] = page
        used += height
        while used > room:
            page, used = page + 1, used - room
        breaks = max(paras[i].breaks_after for i in block)
        if breaks:
            page, used = page + breaks, 0.0
    _place_floating(paras, pages)
    return max(pages, default=1), pages


def rendered_pages(paras: list[Para]) -> tuple[int, list[int]] | None:
    """Pages from the breaks Word recorded at its last layout, if any."""
    if not any(p.rendered_breaks for p in paras if p.origin in FLOW_ORIGINS):
        return None
    pages = [1] * len(paras)
    page = 1
    for block in _blocks(paras):
        page += max(paras[i].rendered_breaks for i in block)
        for index in block:
            pages[index] = page
    _place_floating(paras, pages)
    return page, pages


def _place_floating(paras: list[Para], pages: list[int]) -> None:
    """Text boxes follow their anchor; footers go on the last page."""
    last_flow = 1
    final = max(pages, default=1)
    for index, para in enumerate(paras):
        if para.origin in FLOW_ORIGINS:
            last_flow = pages[index]
        elif para.origin == "header":
            pages[index] = 1
        elif para.origin == "footer":
            pages[index] = final
        else:
            pages[index] = last_flow


_APP_PAGES = re.compile(rb"<(?:\w+:)?Pages>\s*(\d+)\s*</(?:\w+:)?Pages>")
_APP_WORDS = re.compile(rb"<(?:\w+:)?Words>\s*(\d+)\s*</(?:\w+:)?Words>")


def saved_page_count(app_xml: bytes | None, words: int) -> int | None:
    """The page count Word saved, unless it is stale.

    Files written by tools from a Word template keep the template's figures
    (often one page and zero words); a saved word count far from ours means
    the page count cannot be trusted either.
    """
    if not app_xml:
        return None
    pages = _APP_PAGES.search(app_xml)
    if not pages or int(pages.group(1)) < 1:
        return None
    saved_words = _APP_WORDS.search(app_xml)
    if saved_words is not None:
        count = int(saved_words.group(1))
        if words > 40 and (count == 0 or not 0.5 <= words / count <= 2.0):
            return None
    return int(pages.group(1))
