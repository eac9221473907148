"""The PDFium entry points the pdfium engine calls, as plain-integer ctypes prototypes.

pypdfium2's own bindings take pointer objects: building one per call costs more than the call.
Here every handle is a plain integer (:func:`handle_of`), every out-parameter an address taken
once, and the prototypes keep the GIL (``PYFUNCTYPE``). Also the batched code points of a text
page (:func:`page_codes`) and the per-font traits (:class:`FontTraits`).
"""

from __future__ import annotations

import ctypes

import pypdfium2.raw as pdfium_c

from jobkit.read.pdf.pdf_glyphs import BOLD_HINTS, ICON_FONTS

_FORCE_BOLD = 1 << 18


def handle_of(handle: object) -> int:
    """A PDFium handle (a pypdfium2 pointer object) as the plain integer the prototypes below take."""
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _plain(function: object, restype: object, *argtypes: object):  # type: ignore[no-untyped-def]
    """The same PDFium entry point with plain integer handles: no pointer objects built per glyph.

    The calls keep the GIL (``PYFUNCTYPE``): each returns within a microsecond, PDFium is
    serialized by a lock anyway, and not releasing and retaking the GIL saves a fifth of a call.
    """
    return ctypes.PYFUNCTYPE(restype, *argtypes)(handle_of(function))


_VP, _INT, _ULONG = ctypes.c_void_p, ctypes.c_int, ctypes.c_ulong
count_chars = _plain(pdfium_c.FPDFText_CountChars, _INT, _VP)
char_unicode = _plain(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint, _VP, _INT)
get_text = _plain(pdfium_c.FPDFText_GetText, _INT, _VP, _INT, _INT, _VP)
generated = _plain(pdfium_c.FPDFText_IsGenerated, _INT, _VP, _INT)
text_object = _plain(pdfium_c.FPDFText_GetTextObject, _VP, _VP, _INT)
loose_box = _plain(pdfium_c.FPDFText_GetLooseCharBox, _INT, _VP, _INT, _VP)
char_origin = _plain(pdfium_c.FPDFText_GetCharOrigin, _INT, _VP, _INT, _VP, _VP)
char_matrix = _plain(pdfium_c.FPDFText_GetMatrix, _INT, _VP, _INT, _VP)
char_font_size = _plain(pdfium_c.FPDFText_GetFontSize, ctypes.c_double, _VP, _INT)
font_info = _plain(pdfium_c.FPDFText_GetFontInfo, _ULONG, _VP, _INT, _VP, _ULONG, _VP)
font_descent = _plain(pdfium_c.FPDFFont_GetDescent, _INT, _VP, ctypes.c_float, _VP)
text_font = _plain(pdfium_c.FPDFTextObj_GetFont, _VP, _VP)
text_font_size = _plain(pdfium_c.FPDFTextObj_GetFontSize, _INT, _VP, _VP)
render_mode = _plain(pdfium_c.FPDFTextObj_GetTextRenderMode, _INT, _VP)
fill_colour = _plain(pdfium_c.FPDFPageObj_GetFillColor, _INT, _VP, _VP, _VP, _VP, _VP)
object_type = _plain(pdfium_c.FPDFPageObj_GetType, _INT, _VP)
object_bounds = _plain(pdfium_c.FPDFPageObj_GetBounds, _INT, _VP, _VP, _VP, _VP, _VP)
object_matrix = _plain(pdfium_c.FPDFPageObj_GetMatrix, _INT, _VP, _VP)
draw_mode = _plain(pdfium_c.FPDFPath_GetDrawMode, _INT, _VP, _VP, _VP)
page_objects = _plain(pdfium_c.FPDFPage_CountObjects, _INT, _VP)
page_object = _plain(pdfium_c.FPDFPage_GetObject, _VP, _VP, _INT)
form_objects = _plain(pdfium_c.FPDFFormObj_CountObjects, _INT, _VP)
form_object = _plain(pdfium_c.FPDFFormObj_GetObject, _VP, _VP, _ULONG)
TEXT_OBJECT, PATH_OBJECT = pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_PATH
IMAGE_OBJECT, FORM_OBJECT = pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM


def addresses(*values: object) -> tuple[int, ...]:
    """The addresses of ctypes out-parameters, taken once."""
    return tuple(ctypes.addressof(v) for v in values)  # type: ignore[arg-type]


def page_codes(textpage: int, count: int) -> str:
    """The code points of a text page's ``count`` characters, one per character, in one call.

    ``FPDFText_GetText`` gives what ``FPDFText_GetUnicode`` gives per index (checked on every
    corpus page), except that code 2 comes out as U+FFFE: the caller asks again for U+FFFE and
    NUL (:data:`REASK`). A page whose text is not one UTF-16 unit per character (a surrogate
    pair, a shorter buffer) is read per character instead. The buffer has room for twice the
    units PDFium should write.
    """
    buffer = (ctypes.c_ushort * (2 * count + 2))()
    written = get_text(textpage, 0, count, ctypes.addressof(buffer))
    if written == count + 1:
        try:
            text = ctypes.string_at(buffer, 2 * count).decode("utf-16-le")
        except UnicodeDecodeError:
            text = ""
        if len(text) == count:
            return text
    return "".join(chr(code) if 0 < code < 0x110000 else "\0" for code in map(char_unicode, [textpage] * count,
                                                                             range(count)))


REASK = "\ufffe\0"  # code points :func:`page_codes` cannot vouch for: ask FPDFText_GetUnicode


def glyph_text(textpage: int, index: int) -> str:
    """One character's text, asked for alone; "(cid:0)" for a code point PDFium could not map."""
    code = char_unicode(textpage, index)
    return chr(code) if 0 < code < 0x110000 and code != 0xFFFE else "(cid:0)"


class FontTraits:
    """Bold and icon-font flags and the descent per PDFium font handle, for one document."""

    def __init__(self) -> None:
        self.known: dict[int, tuple[bool, bool]] = {}  # traits per font handle
        self.descents: dict[int, float] = {}  # per font handle
        self._name = ctypes.create_string_buffer(256)
        self._flags = ctypes.c_int()
        self._value = ctypes.c_float()
        self._name_at, self._flags_at, self._value_at = addresses(self._name, self._flags, self._value)

    def traits(self, textpage: int, index: int, key: int) -> tuple[bool, bool]:
        """(bold, icon font) for font ``key``, read through character ``index`` the first time."""
        traits = self.known.get(key)
        if traits is None:
            size = font_info(textpage, index, self._name_at, len(self._name), self._flags_at)
            name = self._name.value.decode("latin-1").lower() if size else ""
            flags = self._flags.value if size else 0
            bold = any(hint in name for hint in BOLD_HINTS) or bool(flags & _FORCE_BOLD)
            icon = any(hint in name.replace(" ", "").replace("-", "") for hint in ICON_FONTS)
            traits = (bold, icon)
            if key:
                self.known[key] = traits
        return traits

    def descent(self, key: int) -> float:
        """The font's descent per unit of font size (negative), as pdfminer reads it from the descriptor."""
        value = self.descents.get(key)
        if value is None:
            found = key and font_descent(key, 1.0, self._value_at)
            value = self._value.value if found else 0.0
            self.descents[key] = value
        return value
