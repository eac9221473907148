"""A pdfminer device that keeps only what jobkit needs from a page.

pdfminer's own layout analysis (``LAParams``) groups characters into boxes with
a costly hierarchical clustering. jobkit builds lines and columns itself from
plain character records, which is faster and keeps the facts a layout check
needs: font size, boldness, fill colour, render mode and position.
"""

from __future__ import annotations

import logging
import sys

from pdfminer.pdfdevice import PDFTextDevice
from pdfminer.pdffont import PDFFont, PDFUnicodeNotDefined
from pdfminer.utils import apply_matrix_pt

from jobkit.errors import UnsafeDocument
from jobkit.read.pdf.pdf_glyphs import BOLD_HINTS, ICON_FONTS, INVISIBLE_MODES, Char, PageCapture

def _font_traits(font: PDFFont) -> tuple[bool, bool]:
    name = (getattr(font, "fontname", "") or "").lower()
    bold = any(hint in name for hint in BOLD_HINTS)
    descriptor = getattr(font, "descriptor", None) or {}
    try:
        weight = float(descriptor.get("FontWeight", 0) or 0)
        flags = int(descriptor.get("Flags", 0) or 0)
    except (TypeError, ValueError):
        weight, flags = 0.0, 0
    bold = bold or weight >= 600 or bool(flags & (1 << 18))
    icon = any(hint in name.replace(" ", "").replace("-", "") for hint in ICON_FONTS)
    return bold, icon


class _NoLog:
    """Stands in for pdfminer's module loggers: its parser logs at debug level for every token, and even a
    disabled ``log.debug`` call costs a method call and a level check per token (4% of a read)."""

    def _skip(self, *args: object, **kwargs: object) -> None:
        return None

    debug = info = warning = error = exception = critical = _skip

    def isEnabledFor(self, level: int) -> bool:  # noqa: N802 - logging's name
        return False


def _silence_pdfminer() -> None:
    """Replace the ``log`` of every loaded pdfminer module with :class:`_NoLog`, once per module.

    jobkit never wants pdfminer's messages (they can quote document text); its own log says
    what happened to a file.
    """
    for name, module in list(sys.modules.items()):
        if name.startswith("pdfminer.") and isinstance(getattr(module, "log", None), logging.Logger):
            module.log = _NO_LOG  # type: ignore[attr-defined]


_NO_LOG = _NoLog()


def _is_white(color: object, colorspace: object) -> bool:
    """True for a fill colour a reader would not see on a white page."""
    values = color if isinstance(color, (list, tuple)) else (color,)
    try:
        nums = [float(v) for v in values]
    except (TypeError, ValueError):
        return False
    name = getattr(colorspace, "name", "")
    if not nums:
        return False
    if name == "DeviceCMYK" or len(nums) == 4:
        return all(v <= 0.03 for v in nums)
    return all(v >= 0.97 for v in nums)


class CaptureDevice(PDFTextDevice):
    """Collects :class:`Char` records, images and dark fills per page."""

    def __init__(self, rsrcmgr: object, max_glyphs: int | None = None, name: str | None = None) -> None:
        super().__init__(rsrcmgr)  # type: ignore[arg-type]
        _silence_pdfminer()
        self.page: PageCapture | None = None
        self._render_mode = 0
        self._font_cache: dict[int, tuple[bool, bool]] = {}
        self._white_key: object = None
        self._white_value = False
        # Each glyph costs a record in memory; past the cap the document counts as hostile.
        self._max_glyphs = max_glyphs
        self._glyphs = 0
        self._name = name

    def begin_page(self, page: object, ctm: object) -> None:
        x0, y0, x1, y1 = page.mediabox  # type: ignore[attr-defined]
        rotate = getattr(page, "rotate", 0) % 180
        width, height = abs(x1 - x0), abs(y1 - y0)
        if rotate:
            width, height = height, width
        self.page = PageCapture(width=width, height=height)
        self.ctm = ctm  # type: ignore[assignment]

    def render_string(self, textstate, seq, ncs, graphicstate) -> None:  # type: ignore[no-untyped-def]
        self._render_mode = textstate.render
        super().render_string(textstate, seq, ncs, graphicstate)

    def _count_glyph(self) -> None:
        self._glyphs += 1
        if self._max_glyphs is not None and self._glyphs > self._max_glyphs:
            raise UnsafeDocument(
                "This PDF draws far more characters than any resume; it was not read to the end.", filename=self._name
            )

    def _white(self, color: object, colorspace: object) -> bool:
        """``_is_white`` with a one-entry cache: the fill colour rarely changes between glyphs."""
        key = (tuple(color) if isinstance(color, list) else color, getattr(colorspace, "name", None))
        if key != self._white_key:
            self._white_key, self._white_value = key, _is_white(color, colorspace)
        return self._white_value

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate) -> float:  # type: ignore[no-untyped-def]
        self._count_glyph()
        try:
            text = font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            text = f"(cid:{cid})"
        adv = font.char_width(cid) * fontsize * scaling
        page = self.page
        if page is None:
            return adv
        a, b, c, d, e, f = matrix
        if font.is_vertical() or b or c or a * d * scaling <= 0:
            page.rotated.append(text)
            return adv
        descent = font.get_descent() * fontsize
        y_low = d * (descent + rise) + f
        y_high = d * (descent + rise + fontsize) + f
        if y_high < y_low:
            y_low, y_high = y_high, y_low
        x0 = e
        x1 = a * adv + e
        if x1 < x0:
            x0, x1 = x1, x0
        traits = self._font_cache.get(id(font))
        if traits is None:
            traits = self._font_cache[id(font)] = _font_traits(font)
        page.chars.append(
            Char(
                x0=x0,
                top=page.height - y_high,
                x1=x1,
                bottom=page.height - y_low,
                text=text,
                size=y_high - y_low,
                bold=traits[0],
                white=self._white(graphicstate.ncolor, graphicstate.ncs),
                invisible=self._render_mode in INVISIBLE_MODES,
                icon=traits[1],
            )
        )
        return adv

    def render_image(self, name: str, stream: object) -> None:
        if self.page is None or self.ctm is None:
            return
        corners = [apply_matrix_pt(self.ctm, p) for p in ((0, 0), (1, 0), (0, 1), (1, 1))]
        self.page.images.append(self._box(corners))

    def paint_path(self, graphicstate, stroke, fill, evenodd, path) -> None:  # type: ignore[no-untyped-def]
        if self.page is None or self.ctm is None:
            return
        self.page.paths += 1
        if not fill or _is_white(graphicstate.ncolor, graphicstate.ncs):
            return
        points = []
        for segment in path:
            coords = segment[1:]
            for i in range(0, len(coords) - 1, 2):
                try:
                    points.append(apply_matrix_pt(self.ctm, (float(coords[i]), float(coords[i + 1]))))
                except (TypeError, ValueError):
                    return
        if len(points) >= 3:
            self.page.dark_fills.append(self._box(points))

    def _box(self, points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
        assert self.page is not None
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        h = self.page.height
        return (min(xs), h - max(ys), max(xs), h - min(ys))
