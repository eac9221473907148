"""The glyph records both PDF engines fill: one ``Char`` per glyph, one ``PageCapture`` per page.

Kept apart from :mod:`pdf_device` (the pdfminer device) so the pdfium
engine never imports pdfminer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BOLD_HINTS = ("bold", "black", "heavy", "semibold", "demi", "extrabold")
ICON_FONTS = ("fontawesome", "wingding", "webding", "zapfdingbats", "dingbat", "materialicons", "icomoon", "glyphicons")
# Render modes 3 (neither fill nor stroke) and 7 (clip only) draw nothing.
INVISIBLE_MODES = (3, 7)


@dataclass(slots=True)
class Char:
    """One glyph placed on a page, in top-down page coordinates."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    size: float
    bold: bool
    white: bool
    invisible: bool
    icon: bool


@dataclass
class PageCapture:
    """Everything recorded for one page."""

    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    rotated: list[str] = field(default_factory=list)
    images: list[tuple[float, float, float, float]] = field(default_factory=list)
    dark_fills: list[tuple[float, float, float, float]] = field(default_factory=list)
    paths: int = 0
