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

Per glyph there are three ctypes calls through plain-integer prototypes
(code point, owning text object, loose box; a fourth only for spaces and
line breaks); a text object's font, render mode, fill colour, matrix and
origin are read once per object, font traits once per font.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable

import pypdfium2.raw as pdfium_c

from jobkit.errors import UnsafeDocument
from jobkit.read.deadline import check_current
from jobkit.read.pdf.pdf_device import _BOLD_HINTS, _ICON_FONTS, _INVISIBLE_MODES, Char, PageCapture

CHECK_EVERY = 2048  # glyphs (or page objects) between two cooperative deadline checks
MAX_FORM_DEPTH = 32
_WHITE = 0.97 * 255
_FORCE_BOLD = 1 << 18
_SPACE, _CR, _LF = 0x20, 0x0D, 0x0A
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


class FontTraits:
    """Bold and icon-font flags and the descent per PDFium font handle, for one document."""

    def __init__(self) -> None:
        self._traits: dict[int, tuple[bool, bool]] = {}
        self._descents: dict[int, float] = {}
        self._name = ctypes.create_string_buffer(256)
        self._flags = ctypes.c_int()
        self._value = ctypes.c_float()

    def traits(self, textpage: object, index: int, font: object, key: int) -> tuple[bool, bool]:
        traits = self._traits.get(key)
        if traits is None:
            size = pdfium_c.FPDFText_GetFontInfo(textpage, index, self._name, len(self._name),
                                                 ctypes.byref(self._flags))
            name = self._name.value.decode("latin-1").lower() if size else ""
            flags = self._flags.value if size else 0
            bold = any(hint in name for hint in _BOLD_HINTS) or bool(flags & _FORCE_BOLD)
            icon = any(hint in name.replace(" ", "").replace("-", "") for hint in _ICON_FONTS)
            traits = (bold, icon)
            if key:
                self._traits[key] = traits
        return traits

    def descent(self, font: object, key: int) -> float:
        """The font's descent per unit of font size (negative), as pdfminer reads it from the descriptor."""
        value = self._descents.get(key)
        if value is None:
            found = key and pdfium_c.FPDFFont_GetDescent(font, 1.0, ctypes.byref(self._value))
            value = self._value.value if found else 0.0
            self._descents[key] = value
        return value


class _ObjectFacts:
    """What one text object says about all its glyphs, and how to place them as pdfminer does."""

    __slots__ = ("bold", "icon", "white", "invisible", "rotated", "offset", "height", "first", "origin", "actual")

    def __init__(self, bold: bool, icon: bool, white: bool, invisible: bool, rotated: bool, offset: float,
                 height: float) -> None:
        self.bold, self.icon, self.white, self.invisible, self.rotated = bold, icon, white, invisible, rotated
        # Baseline-plus-descent from the loose box's bottom, and the glyph height, in user space.
        self.offset, self.height = offset, height
        self.first = -1  # text page index of the object's first glyph
        self.origin = (0.0, 0.0)
        self.actual = False  # PDFium shows the object's /ActualText instead of its glyphs


def _is_rotated(m: Matrix) -> bool:
    a, b, c, d = m[:4]
    return abs(b) > _EPS or abs(c) > _EPS or a * d <= 0


def _key(handle: object) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _plain(function: object, restype: object, *argtypes: object):  # type: ignore[no-untyped-def]
    """The same PDFium entry point with plain integer handles: no pointer objects built per glyph."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(_key(function))


_VP, _INT = ctypes.c_void_p, ctypes.c_int
_unicode = _plain(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint, _VP, _INT)
_generated = _plain(pdfium_c.FPDFText_IsGenerated, _INT, _VP, _INT)
_text_object = _plain(pdfium_c.FPDFText_GetTextObject, _VP, _VP, _INT)
_loose_box = _plain(pdfium_c.FPDFText_GetLooseCharBox, _INT, _VP, _INT, _VP)


class PageReader:
    """Turns one PDFium page and its text page into a :class:`PageCapture`."""

    def __init__(self, fonts: FontTraits, max_glyphs: int | None, name: str | None) -> None:
        self.fonts = fonts
        self.max_glyphs = max_glyphs
        self.name = name
        self.glyphs = 0
        self._rect = pdfium_c.FS_RECTF()
        self._matrix = pdfium_c.FS_MATRIX()
        self._x, self._y = ctypes.c_double(), ctypes.c_double()
        self._origin_refs = (ctypes.byref(self._x), ctypes.byref(self._y))
        self._size = ctypes.c_float()
        self._rgba = tuple(ctypes.c_uint() for _ in range(4))
        self._rgba_refs = tuple(ctypes.byref(v) for v in self._rgba)
        self._bounds = tuple(ctypes.c_float() for _ in range(4))
        self._placed: set[int] = set()

    def read(self, page: object, textpage: object, box: tuple[float, float, float, float], rotate: int) -> PageCapture:
        x0, y0, x1, y1 = box
        width, height = abs(x1 - x0), abs(y1 - y0)
        if rotate % 180:
            width, height = height, width
        capture = PageCapture(width=width, height=height)
        ctm = page_matrix(box, rotate)
        self._placed = set()
        self._chars(textpage, capture, ctm)
        self._walk(pdfium_c.FPDFPage_CountObjects(page), lambda i: pdfium_c.FPDFPage_GetObject(page, i),
                   capture, ctm, 0, [0])
        return capture

    def _white(self, obj: object) -> bool:
        """True for a fill colour a reader would not see on a white page (as pdfminer's device judges it)."""
        if not pdfium_c.FPDFPageObj_GetFillColor(obj, *self._rgba_refs):
            return False
        return all(v.value >= _WHITE for v in self._rgba[:3])

    def _count(self, glyphs: int) -> None:
        self.glyphs += glyphs
        if self.max_glyphs is not None and self.glyphs > self.max_glyphs:
            raise UnsafeDocument(
                "This PDF draws far more characters than any resume; it was not read to the end.", filename=self.name
            )

    def _facts(self, textpage: object, index: int, ctm: Matrix) -> _ObjectFacts:
        """Read once per text object, at its first glyph (whose loose box is in ``self._rect``)."""
        obj = pdfium_c.FPDFText_GetTextObject(textpage, index)
        font = pdfium_c.FPDFTextObj_GetFont(obj)
        key = _key(font)
        bold, icon = self.fonts.traits(textpage, index, font, key)
        mode = pdfium_c.FPDFTextObj_GetTextRenderMode(obj)
        m = self._matrix
        if not pdfium_c.FPDFText_GetMatrix(textpage, index, ctypes.byref(m)):
            m.a, m.b, m.c, m.d = 1.0, 0.0, 0.0, 1.0
        rotated = _is_rotated(_mult((m.a, m.b, m.c, m.d, 0.0, 0.0), ctm))
        # pdfminer: y from d * (descent + rise) + f to that plus d * font size.
        size = pdfium_c.FPDFText_GetFontSize(textpage, index)
        glyph_height = m.d * size
        offset = 0.0
        origin = (0.0, 0.0)
        rect = self._rect
        if pdfium_c.FPDFText_GetCharOrigin(textpage, index, *self._origin_refs):
            offset = self._y.value + m.d * self.fonts.descent(font, key) * size - rect.bottom
            origin = (self._x.value, self._y.value)
        facts = _ObjectFacts(bold, icon, self._white(obj), mode in _INVISIBLE_MODES, rotated, offset,
                             glyph_height)
        facts.first, facts.origin = index, origin
        return facts

    def _second_glyph(self, textpage: object, index: int, fact: _ObjectFacts) -> str:
        """How an object's second glyph stands to its first: "actual", "vertical" or "" (the usual).

        PDFium puts an /ActualText replacement where the object's glyphs were, every character
        at the object's origin (pdfminer ignores /ActualText; PDFium reads only it). Glyphs that
        advance down the page are vertical writing, which pdfminer sets aside as rotated text.
        """
        if not pdfium_c.FPDFText_GetCharOrigin(textpage, index, *self._origin_refs):
            return ""
        dx, dy = abs(self._x.value - fact.origin[0]), abs(self._y.value - fact.origin[1])
        if dx < _EPS:
            return "actual" if dy < _EPS else "vertical"
        return ""

    def _chars(self, textpage: object, capture: PageCapture, ctm: Matrix) -> None:
        count = pdfium_c.FPDFText_CountChars(textpage)
        if count <= 0:
            return
        # Generated characters are at most one after each drawn glyph: refuse a flood before reading it.
        if self.max_glyphs is not None and (count - 1) // 2 > self.max_glyphs - self.glyphs:
            self._count(count)
        handle = _key(textpage)
        rect = self._rect
        rect_address = ctypes.addressof(rect)
        a, b, c, d, e, f = ctm
        height = capture.height
        chars, rotated = capture.chars, capture.rotated
        facts: dict[int, _ObjectFacts] = {}
        drawn = 0
        prev: Char | None = None
        prev_key, prev_left, prev_right = 0, 0.0, 0.0
        space_pending = False
        for index in range(count):
            if index % CHECK_EVERY == 0:
                check_current()
            code = _unicode(handle, index)
            if code in (_SPACE, _CR, _LF) and _generated(handle, index):
                space_pending = code == _SPACE and prev is not None
                if code != _SPACE:
                    prev = None
                continue
            key = _text_object(handle, index)
            if not key:
                continue
            drawn += 1
            if not _loose_box(handle, index, rect_address):
                continue
            fact = facts.get(key)
            if fact is None:
                fact = facts[key] = self._facts(textpage, index, ctm)
            text = chr(code) if 0 < code < 0x110000 and code != 0xFFFE else "(cid:0)"
            if fact.rotated:
                rotated.append(text)
                prev, space_pending = None, False
                continue
            left, right = rect.left, rect.right
            low = rect.bottom + fact.offset
            high = low + fact.height
            # The page matrix only swaps, flips and shifts axes: transform two corners and sort.
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
                    prev.text += text
                    continue
                second = self._second_glyph(textpage, index, fact) if index == fact.first + 1 else ""
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
                    prev.text += text
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

    def _walk(self, count: int, get: Callable[[int], object], capture: PageCapture, matrix: Matrix, depth: int,
              seen: list[int]) -> None:
        """Images and paths (all counted, dark fills kept) and blank text objects, in the page and its forms."""
        for i in range(count):
            seen[0] += 1
            if seen[0] % CHECK_EVERY == 0:
                check_current()
            obj = get(i)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
                if _key(obj) not in self._placed:
                    self._blank_text(obj, capture, matrix)
            elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                capture.paths += 1
                fill, stroke = ctypes.c_int(), ctypes.c_int()
                pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
                if fill.value and not self._white(obj):
                    box = self._box(obj, matrix, capture.height)
                    if box is not None:
                        capture.dark_fills.append(box)
            elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                box = self._box(obj, matrix, capture.height)
                if box is not None:
                    capture.images.append(box)
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
                m = self._matrix
                if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
                    continue
                inner = _mult((m.a, m.b, m.c, m.d, m.e, m.f), matrix)
                self._walk(pdfium_c.FPDFFormObj_CountObjects(obj),
                           lambda j, form=obj: pdfium_c.FPDFFormObj_GetObject(form, j),
                           capture, inner, depth + 1, seen)

    def _blank_text(self, obj: object, capture: PageCapture, matrix: Matrix) -> None:
        """A text object PDFium's text page left out because it draws nothing: a space, as pdfminer records it.

        PDFium skips text objects of zero width (one space glyph, as Skia and HTML converters write
        each word's space); pdfminer keeps the glyph, and the word break with it.
        """
        left, bottom, right, top = self._bounds
        if not pdfium_c.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in self._bounds)):
            return
        if abs(right.value - left.value) > 1e-3:
            return  # drawn but dropped as a duplicate (fake bold): pdfminer's layout drops those too
        m = self._matrix
        if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)) or not pdfium_c.FPDFTextObj_GetFontSize(
                obj, ctypes.byref(self._size)):
            return
        self._count(1)
        full = _mult((m.a, m.b, m.c, m.d, m.e, m.f), matrix)
        if _is_rotated(full):
            capture.rotated.append(" ")
            return
        font = pdfium_c.FPDFTextObj_GetFont(obj)
        size = self._size.value
        a, _, _, d, e, f = full
        low = f + d * self.fonts.descent(font, _key(font)) * size
        high = low + d * size
        x0, x1 = e, e + a * 0.25 * size
        low, high = min(low, high), max(low, high)
        invisible = pdfium_c.FPDFTextObj_GetTextRenderMode(obj) in _INVISIBLE_MODES
        capture.chars.append(Char(min(x0, x1), capture.height - high, max(x0, x1), capture.height - low, " ",
                                  high - low, False, self._white(obj), invisible, False))

    def _box(self, obj: object, matrix: Matrix, height: float) -> tuple[float, float, float, float] | None:
        left, bottom, right, top = self._bounds
        if not pdfium_c.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in self._bounds)):
            return None
        a, b, c, d, e, f = matrix
        xs, ys = [], []
        for x, y in ((left.value, bottom.value), (right.value, bottom.value), (left.value, top.value),
                     (right.value, top.value)):
            xs.append(a * x + c * y + e)
            ys.append(b * x + d * y + f)
        return (min(xs), height - max(ys), max(xs), height - min(ys))
