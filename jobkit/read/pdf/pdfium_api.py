"""The PDFium entry points the pdfium engine calls, as plain-integer ctypes prototypes.

Only these are declared, on the library :mod:`~jobkit.read.pdf.pdfium_library` loads (never
``import pypdfium2``, which declares thousands). Every handle is a plain integer, every
out-parameter an address taken once, and the prototypes keep the GIL (``PYFUNCTYPE``). Also the
batched code points of a text page (:func:`page_codes`) and the per-font traits (:class:`FontTraits`).
"""

from __future__ import annotations

import ctypes

from jobkit.read.pdf.pdf_glyphs import BOLD_HINTS, ICON_FONTS
from jobkit.read.pdf.pdfium_library import prototype as _plain

_FORCE_BOLD = 1 << 18


def handle_of(handle: object) -> int:
    """A ctypes pointer (a pypdfium2 handle, say) as the plain integer the prototypes below take."""
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


_VP, _INT, _ULONG = ctypes.c_void_p, ctypes.c_int, ctypes.c_ulong
count_chars = _plain("FPDFText_CountChars", _INT, _VP)
char_unicode = _plain("FPDFText_GetUnicode", ctypes.c_uint, _VP, _INT)
get_text = _plain("FPDFText_GetText", _INT, _VP, _INT, _INT, _VP)
generated = _plain("FPDFText_IsGenerated", _INT, _VP, _INT)
text_object = _plain("FPDFText_GetTextObject", _VP, _VP, _INT)
loose_box = _plain("FPDFText_GetLooseCharBox", _INT, _VP, _INT, _VP)
char_origin = _plain("FPDFText_GetCharOrigin", _INT, _VP, _INT, _VP, _VP)
char_matrix = _plain("FPDFText_GetMatrix", _INT, _VP, _INT, _VP)
char_font_size = _plain("FPDFText_GetFontSize", ctypes.c_double, _VP, _INT)
font_info = _plain("FPDFText_GetFontInfo", _ULONG, _VP, _INT, _VP, _ULONG, _VP)
font_descent = _plain("FPDFFont_GetDescent", _INT, _VP, ctypes.c_float, _VP)
text_font = _plain("FPDFTextObj_GetFont", _VP, _VP)
text_font_size = _plain("FPDFTextObj_GetFontSize", _INT, _VP, _VP)
render_mode = _plain("FPDFTextObj_GetTextRenderMode", _INT, _VP)
fill_colour = _plain("FPDFPageObj_GetFillColor", _INT, _VP, _VP, _VP, _VP, _VP)
object_type = _plain("FPDFPageObj_GetType", _INT, _VP)
object_bounds = _plain("FPDFPageObj_GetBounds", _INT, _VP, _VP, _VP, _VP, _VP)
object_matrix = _plain("FPDFPageObj_GetMatrix", _INT, _VP, _VP)
draw_mode = _plain("FPDFPath_GetDrawMode", _INT, _VP, _VP, _VP)
page_objects = _plain("FPDFPage_CountObjects", _INT, _VP)
page_object = _plain("FPDFPage_GetObject", _VP, _VP, _INT)
form_objects = _plain("FPDFFormObj_CountObjects", _INT, _VP)
form_object = _plain("FPDFFormObj_GetObject", _VP, _VP, _ULONG)
TEXT_OBJECT, PATH_OBJECT, IMAGE_OBJECT, FORM_OBJECT = 1, 2, 3, 5  # FPDF_PAGEOBJ_*
# The document, its pages and text pages (FPDF_LoadMemDocument64 reads the bytes in place: keep them alive).
_SIZE, _FLOAT, _TEXT = ctypes.c_size_t, ctypes.c_float, ctypes.c_char_p
load_document = _plain("FPDF_LoadMemDocument64", _VP, _TEXT, _SIZE, _TEXT)
page_count = _plain("FPDF_GetPageCount", _INT, _VP)
last_error = _plain("FPDF_GetLastError", _ULONG)
close_document = _plain("FPDF_CloseDocument", None, _VP)
load_page = _plain("FPDF_LoadPage", _VP, _VP, _INT)
close_page = _plain("FPDF_ClosePage", None, _VP)
load_text_page = _plain("FPDFText_LoadPage", _VP, _VP)
close_text_page = _plain("FPDFText_ClosePage", None, _VP)
media_box = _plain("FPDFPage_GetMediaBox", _INT, _VP, _VP, _VP, _VP, _VP)
page_width = _plain("FPDF_GetPageWidthF", _FLOAT, _VP)
page_height = _plain("FPDF_GetPageHeightF", _FLOAT, _VP)
page_rotation = _plain("FPDFPage_GetRotation", _INT, _VP)
meta_text = _plain("FPDF_GetMetaText", _ULONG, _VP, _TEXT, _VP, _ULONG)
ERR_PASSWORD, ERR_SECURITY = 4, 5  # FPDF_ERR_*


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
