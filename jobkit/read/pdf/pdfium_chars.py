"""Per-page layout facts from PDFium, as the same :class:`PageCapture` pdfminer's device fills.

Coordinates follow the pdfminer path: PDFium reports boxes in the page's own
(unrotated) user space, so each box goes through the matrix pdfminer's
interpreter starts a page with (media box origin and /Rotate), then becomes
top-down. Horizontally a glyph spans PDFium's *loose* box, origin to advance,
as pdfminer's device records it and as the 0.18 x font-size word-space rule
of :func:`~jobkit.read.pdf.pdf_layout.fragment_text` expects (the tight boxes
of ``FPDFText_GetCharBox`` widen every gap). Vertically it spans pdfminer's
descent to descent + font size, so sizes, rows and headings come out the same.

Where PDFium's text page differs from the glyphs drawn, the records follow pdfminer:

* a *generated* space between two glyphs of a line becomes a narrow space
  record (generated line breaks are dropped);
* a text object left out for drawing nothing (a lone space glyph, as Skia and
  HTML converters write each word's space) becomes a space record;
* the code points of one ligature glyph become one record ("ff");
* an /ActualText replacement becomes one record, and an icon it replaces
  stays one unreadable record; vertical runs are set aside as rotated text.

Every PDFium call goes through a plain-integer prototype (no pointer objects
built per call). The page's code points come in one ``FPDFText_GetText``
call; per glyph there are two calls (owning text object, loose box; a third
only for spaces and line breaks); a text object's font, render mode, fill
colour, matrix and origin are read once per object, font traits once per font.
"""

from __future__ import annotations

import ctypes

from jobkit.errors import UnsafeDocument
from jobkit.read.deadline import check_current
from jobkit.read.pdf.pdf_glyphs import INVISIBLE_MODES, Char, PageCapture
from jobkit.read.pdf.pdfium_api import (
    FORM_OBJECT, IMAGE_OBJECT, PATH_OBJECT, REASK, TEXT_OBJECT, FontTraits, addresses, char_font_size, char_matrix,
    char_origin, count_chars, draw_mode, fill_colour, form_object, form_objects, generated, glyph_text, loose_box,
    object_bounds, object_matrix, object_type, page_codes, page_object, page_objects, render_mode, text_font,
    text_font_size, text_object,
)

CHECK_EVERY = 2048  # glyphs (or page objects) between two cooperative deadline checks
STRING_CAP = 32_767  # PDFium keeps this many bytes of a string operand (and so at most as many glyphs)
_CHECK_MASK = CHECK_EVERY - 1
MAX_FORM_DEPTH = 32
_WHITE = 0.97 * 255
_BREAKS = frozenset(" \r\n")  # a generated one is a word or line break
_EPS = 1e-6

Matrix = tuple[float, float, float, float, float, float]


def page_matrix(box: tuple[float, float, float, float], rotate: int) -> Matrix:
    """The matrix pdfminer's interpreter begins a page with (``PDFPageInterpreter.process_page``)."""
    x0, y0, x1, y1 = box
    if rotate == 90:
        return (0, -1, 1, 0, -y0, x1)
    if rotate == 180:
        return (-1, 0, 0, -1, x1, y1)
    if rotate == 270:
        return (0, 1, -1, 0, y1, -x0)
    return (1, 0, 0, 1, -x0, -y0)


def _mult(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (row-vector convention, as pdfminer's ``mult_matrix``)."""
    a, b, c, d, e, f = m
    na, nb, nc, nd, ne, nf = n
    return (a * na + b * nc, a * nb + b * nd, c * na + d * nc, c * nb + d * nd,
            e * na + f * nc + ne, e * nb + f * nd + nf)


class _ObjectFacts:
    """What one text object says about all its glyphs, and how to place them as pdfminer does."""

    __slots__ = ("bold", "icon", "white", "invisible", "rotated", "offset", "height", "first", "origin", "actual")

    def __init__(self, bold: bool, icon: bool, white: bool, invisible: bool, rotated: bool, offset: float,
                 height: float, first: int, origin: tuple[float, float]) -> None:
        self.bold, self.icon, self.white, self.invisible, self.rotated = bold, icon, white, invisible, rotated
        # Baseline-plus-descent from the loose box's bottom, and the glyph height, in user space.
        self.offset, self.height = offset, height
        self.first = first  # text page index of the object's first glyph
        self.origin = origin
        self.actual = False  # PDFium shows the object's /ActualText instead of its glyphs


def _is_rotated(m: Matrix) -> bool:
    a, b, c, d = m[:4]
    return abs(b) > _EPS or abs(c) > _EPS or a * d <= 0




def _join(record: Char, glyph: Char) -> None:
    """A code point of the same glyph joins its record, which spans them all: Skia's "fi" ligature comes as
    "f" and "i" at one origin, each half the glyph's width, and a record as wide as the "f" alone would leave
    a word space before the next letter ("Springfi eld", where pdfminer reads "Springfield")."""
    record.text += glyph.text
    if glyph.x1 > record.x1:
        record.x1 = glyph.x1
    if glyph.x0 < record.x0:
        record.x0 = glyph.x0


class PageReader:
    """Turns one PDFium page and its text page (plain integer handles) into a :class:`PageCapture`."""

    def __init__(self, fonts: FontTraits, max_glyphs: int | None, name: str | None) -> None:
        self.fonts = fonts
        self.max_glyphs = max_glyphs
        self.name = name
        self.glyphs = 0
        self.capped = False  # a page reached STRING_CAP characters: a string may have been cut
        self._rect = (ctypes.c_float * 4)()  # FS_RECTF: left, top, right, bottom
        self._matrix = (ctypes.c_float * 6)()  # FS_MATRIX: a, b, c, d, e, f
        self._x, self._y = ctypes.c_double(), ctypes.c_double()
        self._size = ctypes.c_float()
        self._rgba = (ctypes.c_uint * 4)()
        self._rgba_view = memoryview(self._rgba).cast("B").cast("I")
        self._bounds = tuple(ctypes.c_float() for _ in range(4))
        self._fill, self._stroke = ctypes.c_int(), ctypes.c_int()
        self._rect_at, self._matrix_at, self._x_at, self._y_at, self._size_at = addresses(
            self._rect, self._matrix, self._x, self._y, self._size)
        self._rgba_at = tuple(ctypes.addressof(self._rgba) + 4 * i for i in range(4))
        # FS_MATRIX is six floats: read them through one view rather than six attribute lookups.
        self._matrix_view = memoryview(self._matrix).cast("B").cast("f")
        self._rect_view = memoryview(self._rect).cast("B").cast("f")  # left, top, right, bottom
        self._bounds_at = addresses(*self._bounds)
        self._mode_at = addresses(self._fill, self._stroke)
        self._placed: set[int] = set()

    def read(self, page: int, textpage: int, box: tuple[float, float, float, float], rotate: int) -> PageCapture:
        x0, y0, x1, y1 = box
        width, height = abs(x1 - x0), abs(y1 - y0)
        if rotate % 180:
            width, height = height, width
        capture = PageCapture(width=width, height=height)
        ctm = page_matrix(box, rotate)
        self._placed = set()
        self._chars(textpage, capture, ctm)
        self._walk(page, False, capture, ctm, 0, [0])
        return capture

    def _white(self, obj: int) -> bool:
        """True for a fill colour a reader would not see on a white page (as pdfminer's device judges it)."""
        return bool(fill_colour(obj, *self._rgba_at)) and min(self._rgba_view[:3]) >= _WHITE

    def charge(self, glyphs: int) -> None:
        """Count glyphs the text page does not show (see ``long_string_excess``) against the limit."""
        self._count(glyphs)

    def _count(self, glyphs: int) -> None:
        self.glyphs += glyphs
        if self.max_glyphs is not None and self.glyphs > self.max_glyphs:
            raise UnsafeDocument(
                "This PDF draws far more characters than any resume; it was not read to the end.", filename=self.name
            )

    def _facts(self, textpage: int, index: int, obj: int, identity: bool, ctm: Matrix) -> _ObjectFacts:
        """Read once per text object, at its first glyph (whose loose box is in ``self._rect``)."""
        font = text_font(obj) or 0
        fonts = self.fonts
        bold, icon = fonts.known.get(font) or fonts.traits(textpage, index, font)
        invisible = render_mode(obj) in INVISIBLE_MODES
        if char_matrix(textpage, index, self._matrix_at):
            a, b, c, d, _, _ = self._matrix_view
        else:
            a, b, c, d = 1.0, 0.0, 0.0, 1.0
        # Rotated when the glyph matrix times the page matrix (its linear part) is not upright.
        if identity:
            ra, rb, rc, rd = a, b, c, d
        else:
            na, nb, nc, nd = ctm[:4]
            ra, rb, rc, rd = a * na + b * nc, a * nb + b * nd, c * na + d * nc, c * nb + d * nd
        rotated = abs(rb) > _EPS or abs(rc) > _EPS or ra * rd <= 0
        # pdfminer: y from d * (descent + rise) + f to that plus d * font size.
        size = char_font_size(textpage, index)
        offset = 0.0
        origin = (0.0, 0.0)
        if char_origin(textpage, index, self._x_at, self._y_at):
            y = self._y.value
            descent = fonts.descents.get(font)
            if descent is None:
                descent = fonts.descent(font)
            offset = y + d * descent * size - self._rect_view[3]
            origin = (self._x.value, y)
        white = bool(fill_colour(obj, *self._rgba_at)) and min(self._rgba_view[:3]) >= _WHITE
        return _ObjectFacts(bold, icon, white, invisible, rotated, offset, d * size, index, origin)

    def _second_glyph(self, textpage: int, index: int, fact: _ObjectFacts) -> str:
        """How an object's second glyph stands to its first: "actual", "vertical" or "" (the usual).

        PDFium puts an /ActualText replacement where the object's glyphs were, every character
        at the object's origin (pdfminer ignores /ActualText; PDFium reads only it). Glyphs that
        advance down the page are vertical writing, which pdfminer sets aside as rotated text.
        """
        if not char_origin(textpage, index, self._x_at, self._y_at):
            return ""
        dx, dy = abs(self._x.value - fact.origin[0]), abs(self._y.value - fact.origin[1])
        if dx < _EPS:
            return "actual" if dy < _EPS else "vertical"
        return ""

    def _chars(self, handle: int, capture: PageCapture, ctm: Matrix) -> None:
        count = count_chars(handle)
        if count <= 0:
            return
        # Generated characters are at most one after each drawn glyph: refuse a flood before reading it.
        if self.max_glyphs is not None and (count - 1) // 2 > self.max_glyphs - self.glyphs:
            self._count(count)
        self.capped = self.capped or count >= STRING_CAP
        codes = page_codes(handle, count)
        reask = any(code in codes for code in REASK)
        rect_at = self._rect_at
        a, b, c, d, e, f = ctm
        upright = b == 0 and c == 0
        identity = upright and a == 1 and d == 1  # the glyph matrices need no turning to judge rotation
        height = capture.height
        chars, rotated = capture.chars, capture.rotated
        facts: dict[int, _ObjectFacts] = {}
        drawn = 0
        prev: Char | None = None
        prev_key, prev_left, prev_right = 0, 0.0, 0.0
        space_pending = False
        box = self._rect_view
        for index, text in enumerate(codes):
            if not index & _CHECK_MASK:
                check_current()
            if text in _BREAKS and generated(handle, index):
                space_pending = text == " " and prev is not None
                if text != " ":
                    prev = None
                continue
            key = text_object(handle, index)
            if not key:
                continue
            drawn += 1
            if not loose_box(handle, index, rect_at):
                continue
            fact = facts.get(key)
            if fact is None:
                fact = facts[key] = self._facts(handle, index, key, identity, ctm)
            if reask and text in REASK:
                text = glyph_text(handle, index)
            if fact.rotated:
                rotated.append(text)
                prev, space_pending = None, False
                continue
            left, _, right, bottom = box
            low = bottom + fact.offset
            high = low + fact.height
            # The page matrix only swaps, flips and shifts axes: transform two corners and sort.
            if upright:  # no /Rotate: the zero terms dropped, the same sums
                px0, py0, px1, py1 = a * left + e, d * low + f, a * right + e, d * high + f
            else:
                px0, py0 = a * left + c * low + e, b * left + d * low + f
                px1, py1 = a * right + c * high + e, b * right + d * high + f
            if px1 < px0:
                px0, px1 = px1, px0
            if py1 < py0:
                py0, py1 = py1, py0
            ch = Char(px0, height - py1, px1, height - py0, text, py1 - py0, fact.bold, fact.white, fact.invisible,
                      fact.icon)
            if prev is not None and key == prev_key:
                if fact.actual or (left == prev_left and right == prev_right):
                    # One ligature glyph (several code points), or a replacement text: one record, as pdfminer's.
                    _join(prev, ch)
                    continue
                second = self._second_glyph(handle, index, fact) if index == fact.first + 1 else ""
                if second == "vertical":
                    fact.rotated = True
                    if chars and chars[-1] is prev:
                        chars.pop()
                    rotated += [prev.text, text]
                    prev, space_pending = None, False
                    continue
                if second == "actual":
                    fact.actual = True
                    if fact.icon:  # the text is readable; the icon glyph it stands for stays an unreadable record
                        chars.append(Char(prev.x0, prev.top, prev.x0, prev.bottom, "", prev.size, prev.bold,
                                          prev.white, prev.invisible, True))
                        fact.icon = prev.icon = False
                    _join(prev, ch)
                    continue
            if space_pending and prev is not None:
                gap_start = prev.x1
                if ch.x0 >= gap_start and abs((ch.top + ch.bottom) - (prev.top + prev.bottom)) < prev.size + ch.size:
                    end = min(ch.x0, gap_start + 0.25 * max(prev.size, 1.0))
                    chars.append(Char(gap_start, prev.top, end, prev.bottom, " ", prev.size, prev.bold, prev.white,
                                      prev.invisible, prev.icon))
            space_pending = False
            chars.append(ch)
            prev, prev_key, prev_left, prev_right = ch, key, left, right
        self._placed = set(facts)
        self._count(drawn)

    def _walk(self, parent: int, form: bool, capture: PageCapture, matrix: Matrix, depth: int,
              seen: list[int]) -> None:
        """Images and paths (all counted, dark fills kept) and blank text objects, in the page and its forms."""
        count, get = (form_objects(parent), form_object) if form else (page_objects(parent), page_object)
        placed = self._placed
        for i in range(count):
            seen[0] += 1
            if seen[0] % CHECK_EVERY == 0:
                check_current()
            obj = get(parent, i)
            if not obj or obj in placed:
                continue  # a text object the text page placed: its glyphs are records already
            kind = object_type(obj)
            if kind == TEXT_OBJECT:
                self._blank_text(obj, capture, matrix)
            elif kind == PATH_OBJECT:
                capture.paths += 1
                draw_mode(obj, *self._mode_at)
                if self._fill.value and not self._white(obj):
                    box = self._box(obj, matrix, capture.height)
                    if box is not None:
                        capture.dark_fills.append(box)
            elif kind == IMAGE_OBJECT:
                box = self._box(obj, matrix, capture.height)
                if box is not None:
                    capture.images.append(box)
            elif kind == FORM_OBJECT and depth < MAX_FORM_DEPTH:
                if not object_matrix(obj, self._matrix_at):
                    continue
                inner = _mult(tuple(self._matrix_view), matrix)
                self._walk(obj, True, capture, inner, depth + 1, seen)

    def _blank_text(self, obj: int, capture: PageCapture, matrix: Matrix) -> None:
        """A text object PDFium's text page left out because it draws nothing: a space, as pdfminer records it.

        PDFium skips text objects of zero width (one space glyph, as Skia and HTML converters write
        each word's space); pdfminer keeps the glyph, and the word break with it.
        """
        left, bottom, right, top = self._bounds
        if not object_bounds(obj, *self._bounds_at):
            return
        if abs(right.value - left.value) > 1e-3:
            return  # drawn but dropped as a duplicate (fake bold): pdfminer's layout drops those too
        if not object_matrix(obj, self._matrix_at) or not text_font_size(obj, self._size_at):
            return
        self._count(1)
        full = _mult(tuple(self._matrix_view), matrix)
        if _is_rotated(full):
            capture.rotated.append(" ")
            return
        size = self._size.value
        a, _, _, d, e, f = full
        low = f + d * self.fonts.descent(text_font(obj) or 0) * size
        high = low + d * size
        x0, x1 = e, e + a * 0.25 * size
        low, high = min(low, high), max(low, high)
        invisible = render_mode(obj) in INVISIBLE_MODES
        capture.chars.append(Char(min(x0, x1), capture.height - high, max(x0, x1), capture.height - low, " ",
                                  high - low, False, self._white(obj), invisible, False))

    def _box(self, obj: int, matrix: Matrix, height: float) -> tuple[float, float, float, float] | None:
        left, bottom, right, top = self._bounds
        if not object_bounds(obj, *self._bounds_at):
            return None
        a, b, c, d, e, f = matrix
        xs, ys = [], []
        for x, y in ((left.value, bottom.value), (right.value, bottom.value), (left.value, top.value),
                     (right.value, top.value)):
            xs.append(a * x + c * y + e)
            ys.append(b * x + d * y + f)
        return (min(xs), height - max(ys), max(xs), height - min(ys))
