"""An experimental glyph source for jobkit built on pdf-oxide (Rust; MIT OR Apache-2.0), for issue 33 item 2.

Not part of jobkit: the evaluation in :mod:`bench.glyph_source` decides whether it should be. It fills the
same :class:`~jobkit.read.pdf.pdf_glyphs.PageCapture` per page as the PDFium engine's ``PageReader.read``,
as far as pdf-oxide's Python API allows, and hands the pages to jobkit's own ``layout_page`` and
``raw_document``, so lines, findings and the check are jobkit's. Where pdf-oxide 0.3.78 falls short:

* no text render mode per glyph (invisible text, modes 3 and 7): every glyph is recorded as drawn
  (``classify_page`` has a page's invisible share, not which glyphs, at twice the cost of the glyphs);
* no font descent: it is read from the fonts' descriptors with jobkit's own object index
  (:func:`font_descents`), the standard 14 fonts' from pdfminer's metrics, else ``DESCENT``;
* ``extract_chars`` leaves ligatures and some subset fonts' glyphs unmapped (U+FFFD) where its spans
  map them; :func:`resolve_unmapped` takes the spans' text for them;
* no glyph matrix: a rotation angle only (mirrored text comes out as 180 degrees, so it is set aside);
* ``page_images`` lists every XObject drawn, forms included, and ``extract_images`` only inline images:
  a form of text counts as an image.

``guarded=True`` (the default) runs jobkit's own pre-passes first, as the PDFium engine does: the form
fan-out count (``check_forms``), the stream budget and nesting pass (``check_streams``) and, on a page
that reaches the string cap, the count of the glyphs cut (``long_string_excess``), so hostile files get
the same typed errors where those catch them; ``guarded=False`` shows pdf-oxide alone.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from typing import Any

from jobkit.config import Limits
from jobkit.errors import CorruptDocument, EmptyDocument, EncryptedDocument, TooManyPages, UnsafeDocument
from jobkit.model.document import Document
from jobkit.read import _run_reader, load_bytes
from jobkit.read.assemble import assemble
from jobkit.read.deadline import Deadline, check_current, time_limit
from jobkit.read.pdf.pdf_assembly import raw_document
from jobkit.read.pdf.pdf_budget import Budget
from jobkit.read.pdf.pdf_forms import check_forms
from jobkit.read.pdf.pdf_glyphs import BOLD_HINTS, ICON_FONTS, Char, PageCapture
from jobkit.read.pdf.pdf_layout import PageLayout, layout_page
from jobkit.read.pdf.pdf_objects import PdfObjects
from jobkit.read.pdf.pdfium_chars import page_matrix  # the same page start as the pdfium engine's
from jobkit.read.raw import RawDocument
from jobkit.read.sniff import sniff_format

DESCENT = -0.21  # per unit of font size: Helvetica -0.207, Times -0.217, Arial -0.212, Georgia -0.219
_WHITE = 0.97
_BOLD_WEIGHTS = frozenset({"SemiBold", "Bold", "ExtraBold", "Black"})  # FontWeight >= 600, as pdfminer's rule
_CHECK_MASK = 2047
STRING_CAP = 32_767  # pdf-oxide keeps this many bytes of a string operand, as PDFium does (it says so on stderr)
UNMAPPED = "\ufffd"
# A glyph neither pdf-oxide's glyphs nor its spans map: unreadable, as pdfminer writes one. On the corpus these
# are Skia's and Chrome's no-break spaces, which PDFium maps; " " instead gives the PDFium engine's findings on
# all 61 offlinecv PDFs (54 with "(cid:0)"), but would hide a glyph no reader can map.
UNRESOLVED = "(cid:0)"
Matrix = tuple[float, float, float, float, float, float]


@functools.lru_cache(maxsize=1)
def oxide_module() -> Any:
    """pdf_oxide, imported once with its log silenced (its messages can quote a document's text)."""
    import pdf_oxide

    pdf_oxide.set_log_level("off")
    return pdf_oxide


@functools.lru_cache(maxsize=1)
def reader_name() -> str:
    return f"pdf_oxide {getattr(oxide_module(), 'VERSION', '?')}"


def read_pdf_oxide(data: bytes, name: str, limits: Limits, deadline: Deadline, guarded: bool = True) -> RawDocument:
    """The read document from pdf-oxide's glyphs, through jobkit's layout and assembly."""
    if guarded:
        from jobkit.read.pdf.pdfium_reader import check_streams  # pure Python; pypdfium2 is not imported

        check_forms(data, limits, name)
        check_streams(data, limits.max_pdf_stream_bytes, name)
    document = _open(data, name)
    try:
        layouts = _layouts(document, data, name, limits, deadline, guarded)
    except (OSError, RuntimeError):  # what pdf-oxide raises on a file it cannot read
        raise CorruptDocument(
            "This PDF is damaged or truncated and could not be read (pdf-oxide could not read a page). "
            "Export or save it again from the original.", filename=name) from None
    return raw_document(layouts, {"reader": reader_name()})


def _layouts(document: Any, data: bytes, name: str, limits: Limits, deadline: Deadline,
             guarded: bool) -> list[PageLayout]:
    count = int(document.page_count)
    if count > limits.max_pages:
        raise TooManyPages(
            f"This PDF has {count} pages; a resume has at most {limits.max_pages} (the configured limit).",
            filename=name)
    if count <= 0:
        raise CorruptDocument("This PDF has no pages. Export it from your editor again.", filename=name)
    budget = GlyphBudget(limits.max_glyphs, name)
    descents = font_descents(data, limits.max_pdf_stream_bytes)
    layouts: list[PageLayout] = []
    charged = False
    for index in range(count):
        deadline.check()
        try:
            chars = document.extract_chars(index)
        except RuntimeError:
            if index == 0:
                raise CorruptDocument("The first page of this PDF is damaged and could not be read. Export it "
                                      "again from the original.", filename=name) from None
            continue  # as the PDFium engine skips a page a broken page tree lists
        if guarded and len(chars) >= STRING_CAP and not charged:  # pdf-oxide, as PDFium, cuts a string at the
            # cap: the glyphs it dropped are counted, as the PDFium engine counts them
            from jobkit.read.pdf.pdfium_reader import long_string_excess

            budget.spend(long_string_excess(data, limits.max_pdf_stream_bytes))
            charged = True
        layouts.append(layout_page(page_capture(document, index, chars, budget, descents)))
    return layouts


def read_resume_oxide(source: Any, filename: str | None = None, *, limits: Limits | None = None,
                      guarded: bool = True) -> Document:
    """:func:`jobkit.read.read_resume` for PDFs, reading with :func:`read_pdf_oxide`."""
    limits = limits or Limits()
    data, name = load_bytes(source, filename, limits)
    fmt = sniff_format(data, name)
    if fmt != "pdf":
        from jobkit import read_resume

        return read_resume(data, name, limits=limits)

    def reader(data: bytes, name: str, limits: Limits, deadline: Deadline) -> RawDocument:
        return read_pdf_oxide(data, name, limits, deadline, guarded)

    with time_limit(limits.time_budget, name) as deadline:
        raw = _run_reader(reader, fmt, data, name, limits, deadline)
        document = replace(assemble(raw, name), file_bytes=len(data))
    if document.words == 0 and "image_only" not in document.finding_codes():
        raise EmptyDocument("This PDF contains no text at all.", filename=name)
    return document


def _open(data: bytes, name: str) -> Any:
    oxide = oxide_module()
    try:
        document = oxide.PdfDocument.from_bytes(data)
    except (OSError, ValueError, RuntimeError):
        raise CorruptDocument(
            "This PDF is damaged or truncated and could not be read (pdf-oxide could not parse it). "
            "Export or save it again from the original.", filename=name) from None
    if any(w.get("category") == "encryption" for w in document.structured_warnings()):
        raise EncryptedDocument(
            "This PDF is password-protected. Save or print it to a new PDF without a password and try again.",
            filename=name)
    return document


class GlyphBudget:
    """Glyphs counted against ``Limits.max_glyphs`` across the document, as both engines count them."""

    def __init__(self, limit: int | None, name: str | None) -> None:
        self.left = limit
        self.name = name

    def spend(self, glyphs: int) -> None:
        if self.left is None:
            return
        self.left -= glyphs
        if self.left < 0:
            raise UnsafeDocument(
                "This PDF draws far more characters than any resume; it was not read to the end.",
                filename=self.name)


def _traits(font: str, weight: str, descents: dict[str, float]) -> tuple[bool, bool, float]:
    """(bold, icon font, descent per unit of size) of a font, by its name and pdf-oxide's weight."""
    name = font.lower()
    bold = weight in _BOLD_WEIGHTS or any(hint in name for hint in BOLD_HINTS)
    icon = any(hint in name.replace(" ", "").replace("-", "") for hint in ICON_FONTS)
    descent = descents.get(font)
    if descent is None and font.endswith(("-Identity-H", "-Identity-V")):  # a Type0 font: BaseFont-encoding
        descent = descents.get(font.rsplit("-", 2)[0])
    if descent is None:
        descent = standard_descents().get(font.split("+", 1)[-1], DESCENT)
    return bold, icon, descent


@functools.lru_cache(maxsize=1)
def standard_descents() -> dict[str, float]:
    """The standard 14 fonts' descents (no font descriptor in the file), from pdfminer's metrics."""
    from pdfminer.fontmetrics import FONT_METRICS

    return {name: metrics[0]["Descent"] / 1000 for name, metrics in FONT_METRICS.items()
            if metrics[0].get("Descent") is not None}


_FONT_NAME = re.compile(rb"/FontName\s*/([^\s/\[\]<>(){}%]+)")
_DESCENT = re.compile(rb"/Descent\s+(-?\d*\.?\d+)")
_BBOX_BOTTOM = re.compile(rb"/FontBBox\s*\[\s*-?\d*\.?\d+\s+(-?\d*\.?\d+)")


def font_descents(data: bytes, limit: int) -> dict[str, float]:
    """Each font descriptor's /Descent per unit of size, by /FontName: pdf-oxide does not give a descent.

    Read with jobkit's own object index (object streams included), the same pass ``check_forms`` makes.
    A /Descent of 0 is taken from the /FontBBox, as PDFium does (TeX's symbol fonts write 0).
    """
    objects = PdfObjects(data, Budget(limit, None))
    found: dict[str, float] = {}
    for definitions in objects.definitions.values():
        for definition in definitions:
            head = definition.head
            if b"/FontDescriptor" not in head:
                continue
            name, descent = _FONT_NAME.search(head), _DESCENT.search(head)
            value = -abs(float(descent.group(1))) if descent else 0.0
            if not value and (box := _BBOX_BOTTOM.search(head)):
                value = min(0.0, float(box.group(1)))
            if name:
                found[name.group(1).decode("latin-1")] = value / 1000
    return found


def page_capture(document: Any, index: int, chars: list[Any], budget: GlyphBudget,
                 descents: dict[str, float]) -> PageCapture:
    """One page's glyph records (``chars``: pdf-oxide's), images and fills, in top-down page coordinates.

    Known crash: on a page tree that lists itself as its own kid (tests/hostile.py's
    ``pdf_page_tree_cycle``), pdf-oxide 0.3.78's ``page_media_box`` and ``page_rotation`` recurse until
    the stack overflows and the process dies (SIGSEGV), for every page. ``extract_page_text`` gives the
    page size without crashing, but not /Rotate or the media box origin, so they are asked for here.
    """
    x0, y0, x1, y1 = document.page_media_box(index)
    box = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
    rotate = document.page_rotation(index) % 360
    width, height = box[2] - box[0], box[3] - box[1]
    if rotate % 180:
        width, height = height, width
    capture = PageCapture(width=width, height=height)
    ctm = page_matrix(box, rotate)
    budget.spend(len(chars))
    texts = [ch.char for ch in chars]
    if UNMAPPED in texts:
        resolve_unmapped(texts, "".join(span.text for span in document.extract_spans(index)))
    _glyphs(chars, texts, capture, ctm, rotate % 180 != 0, descents)
    _drawings(document, index, capture, ctm)
    return capture


def resolve_unmapped(texts: list[str], spans: str) -> int:
    """Give each run of glyphs ``extract_chars`` left unmapped (U+FFFD) the text its span reads there.

    pdf-oxide's per-glyph API leaves ligatures ("fi", "ffi" as two glyphs) and some subset fonts' spaces
    unmapped, while its spans map them. The span text is found between the glyphs on each side of the run
    (up to six before, three after), searched forward from the last run resolved. The run's first glyph
    takes the text and the others become "" (one record, as PDFium gives a ligature or an /ActualText); a
    run not found reads "(cid:0)", an unreadable glyph, as pdfminer writes one. Returns the runs resolved.
    """
    cursor = resolved = i = 0
    count = len(texts)
    while i < count:
        if texts[i] != UNMAPPED:
            i += 1
            continue
        last = i
        while last + 1 < count and texts[last + 1] == UNMAPPED:
            last += 1
        left = "".join(texts[max(0, i - 6):i]).rsplit(UNMAPPED, 1)[-1]
        right = "".join(texts[last + 1:last + 4]).split(UNMAPPED, 1)[0]
        at = spans.find(left, cursor)
        start = at + len(left)
        end = spans.find(right, start, start + 4 * (last + 1 - i) + len(right)) if right else start + 1
        if at < 0 or end <= start or UNMAPPED in spans[start:end]:
            texts[i:last + 1] = [UNRESOLVED] * (last + 1 - i)
        else:
            texts[i:last + 1] = [spans[start:end]] + [""] * (last - i)
            cursor = end
            resolved += 1
        i = last + 1
    return resolved


def _glyphs(chars: list[Any], texts: list[str], capture: PageCapture, ctm: Matrix, turned: bool,
            descents: dict[str, float]) -> None:
    """One record per glyph (a ligature or replacement run: one record), rotated glyphs set aside.

    Per glyph five attributes are read from pdf-oxide's objects (rotation, box, font name, colour, and
    the text read once before); a font's traits are read once per name. Only /Rotate 180 needs the
    general transform: 90 and 270 turn every glyph, which pdfminer sets aside as rotated text.
    """
    a, _, _, d, e, f = ctm
    height = capture.height
    out, rotated = capture.chars, capture.rotated
    fonts: dict[str, tuple[bool, bool, float]] = {}
    white_at = _WHITE
    for number, ch in enumerate(chars):
        if not number & _CHECK_MASK:
            check_current()
        text = texts[number]
        if turned or ch.rotation_degrees:
            rotated.append(text)
            continue
        left, base, advance, size = ch.bbox
        font = ch.font_name
        traits = fonts.get(font)
        if traits is None:
            traits = fonts[font] = _traits(font, ch.font_weight, descents)
        low = base + traits[2] * size
        x0, x1 = a * left + e, a * (left + advance) + e
        y0, y1 = d * low + f, d * (low + size) + f
        if x1 < x0:
            x0, x1 = x1, x0
        if y1 < y0:
            y0, y1 = y1, y0
        if not text:  # the rest of a ligature run: its box joins the run's record
            if out and x1 > out[-1].x1:
                out[-1].x1 = x1
            continue
        r, g, b = ch.color
        white = r >= white_at and g >= white_at and b >= white_at
        icon = traits[1]
        if icon and len(text) > 1 and ch.char == UNMAPPED:  # an icon's replacement text, as PDFium's engine
            # records an /ActualText: the text is readable, the icon glyph stays one unreadable record
            out.append(Char(x0, height - y1, x0, height - y0, "", y1 - y0, traits[0], white, False, True))
            icon = False
        out.append(Char(x0, height - y1, x1, height - y0, text, y1 - y0, traits[0], white, False, icon))


def _drawings(document: Any, index: int, capture: PageCapture, ctm: Matrix) -> None:
    """Images (their placed boxes), paths (counted) and dark fills.

    ``page_images`` lists every XObject the page draws, forms too (a form of text reads as an image), and
    no inline image; ``extract_images`` adds the inline ones (it leaves out XObject images).
    """
    boxes = {(image["x"], image["y"], image["width"], image["height"]) for image in document.page_images(index)}
    boxes |= {tuple(image["bbox"]) for image in document.extract_images(index)}
    for x, y, w, h in sorted(boxes):
        capture.images.append(_box(ctm, capture.height, x, y, x + w, y + h))
    for path in document.extract_paths(index):
        capture.paths += 1
        fill = path.get("fill_color")
        if fill is None or min(fill) >= _WHITE:
            continue
        x, y, w, h = path.get("rendered_bbox") or path["bbox"]
        capture.dark_fills.append(_box(ctm, capture.height, x, y, x + w, y + h))


def _box(m: Matrix, height: float, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
    a, b, c, d, e, f = m
    xs = [a * x + c * y + e for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
    ys = [b * x + d * y + f for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
    return (min(xs), height - max(ys), max(xs), height - min(ys))
