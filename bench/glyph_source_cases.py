"""What a glyph source must see for jobkit, as tiny PDFs: the blind-spot part of :mod:`bench.glyph_source`.

Each case is read by jobkit's PDFium engine and by the pdf-oxide source; the lines (text, hidden), the
finding codes and counts, and whether the document has images must come out the same, and each case
names the fact jobkit needs from it (``needs``). The first cases are the engine-parity files of
``tests/read/test_pdf_engines.py``; the others are written here, byte by byte, for what those miss:
page /Rotate, text in a form XObject, /ActualText, an OCR layer over a page image, an image drawn
directly and inline, mirrored text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

IMAGE = b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 " \
        b"/Length 1 >>\nstream\n\x80\nendstream"
LINES = [b"JANE DOE, RHIT", b"Medical records technician with HIPAA release of information experience.",
         b"EXPERIENCE", b"Medical Records Technician, Central Hospital, 2021 - Present",
         b"Maintained electronic health records in Epic and audited charts for accuracy."]


def _text(lines: list[bytes] = LINES, x: int = 72, top: int = 700, render: int = 0) -> bytes:
    shown = b" ".join(b"1 0 0 1 %d %d Tm (%s) Tj" % (x, top - 16 * i, line) for i, line in enumerate(lines))
    return b"BT /F1 11 Tf %d Tr " % render + shown + b" ET"


def _pdf(content: bytes, resources: bytes = b"", page: bytes = b"", extra: tuple[bytes, ...] = ()) -> bytes:
    """One page: catalog 1, pages 2, Helvetica 3, content 4, page 5, ``extra`` objects from 6 on."""
    from tests.hostile import FONT, raw_pdf

    stream = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
    page_object = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R" + page
                   + b" /Resources << /Font << /F1 3 0 R >>" + resources + b" >> >>")
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>", FONT,
                    stream, page_object, *extra])


def _form(content: bytes) -> bytes:
    return (b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Length %d >>\nstream\n" % len(content) + content + b"\nendstream")


def written_cases() -> dict[str, tuple[Callable[[], bytes], str]]:
    """The cases written here: name -> (builder, what jobkit needs from it)."""
    return {
        "rotate_90": (lambda: _pdf(_text(), page=b" /Rotate 90"),
                      "page /Rotate: upright text on a turned page is rotated text to pdfminer and PDFium"),
        "rotate_180": (lambda: _pdf(_text(), page=b" /Rotate 180"), "page /Rotate 180: the same lines, placed"),
        "form_text": (lambda: _pdf(_text(LINES[:2]) + b" /X1 Do", b" /XObject << /X1 6 0 R >>",
                                   extra=(_form(_text(LINES[2:], top=600)),)),
                      "text drawn inside a form XObject is read, and is no image"),
        "actual_text": (lambda: _pdf(_text(LINES[:2]) + b" /Span << /ActualText (Registered Health Information "
                                     b"Technician) >> BDC " + _text([b"RHIT"], top=600) + b" EMC"),
                        "/ActualText: PDFium's engine reads the replacement text"),
        "ocr_layer": (lambda: _pdf(b"q 612 0 0 792 0 0 cm /Im1 Do Q " + _text(render=3), b" /XObject << /Im1 6 0 R >>",
                                   extra=(IMAGE,)),
                      "invisible text over a page image is an OCR layer (ocr_text_layer), read as shown"),
        "image_direct": (lambda: _pdf(b"q 100 0 0 100 400 600 cm /Im1 Do Q " + _text(), b" /XObject << /Im1 6 0 R >>",
                                      extra=(IMAGE,)),
                         "an image drawn on the page is seen (the images finding)"),
        "image_inline": (lambda: _pdf(b"q 100 0 0 100 400 600 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \x80 EI Q " + _text()),
                         "an inline image is seen"),
        "mirrored": (lambda: _pdf(_text() + b" BT /F1 11 Tf -1 0 0 1 400 500 Tm (RHIA CCS CPC mirrored) Tj ET"),
                     "mirrored text is set aside as rotated, as pdfminer's rule has it"),
    }


def all_cases() -> dict[str, tuple[Callable[[], bytes], str]]:
    from tests.read.test_pdf_engines import BUILT

    needs = {"white_and_tiny": "white text and text under 3 pt are hidden (hidden_text)",
             "white_on_dark": "white text on a dark fill is shown (dark fills seen)",
             "image_only": "a page that is one image has no text layer (image_only; the image is in a form)",
             "icon_font": "icon-font glyphs are unreadable (unreadable_glyphs)",
             "render_mode_3": "render mode 3 text is invisible: hidden (hidden_text) and not scored"}
    cases = {name: (build, needs.get(name, "lines and findings as PDFium's engine gives")) for name, build in BUILT.items()}
    return cases | written_cases()


def facts(document: Any) -> dict[str, Any]:
    if isinstance(document, str):
        return {"outcome": document}
    return {"outcome": "ok", "lines": [(line.text, line.hidden) for line in document.lines],
            "findings": sorted((f.code, f.count) for f in document.findings),
            "images": "images" in document.finding_codes() or "image_only" in document.finding_codes()}


def _read(data: bytes, oxide: bool) -> Any:
    from jobkit import read_resume
    from jobkit.config import Limits
    from jobkit.errors import JobkitError

    from bench.oxide_source import read_resume_oxide

    try:
        if oxide:
            return read_resume_oxide(data, "case.pdf", limits=Limits())
        return read_resume(data, "case.pdf", limits=replace(Limits(), pdf_engine="pdfium"))
    except JobkitError as exc:
        return exc.code


def run_cases() -> list[dict[str, Any]]:
    """Per case: what it needs, both engines' facts, and whether they agree (what differs)."""
    rows = []
    for name, (build, needs) in all_cases().items():
        data = build()
        pdfium, oxide = facts(_read(data, False)), facts(_read(data, True))
        differs = [key for key in ("outcome", "lines", "findings", "images") if pdfium.get(key) != oxide.get(key)]
        rows.append({"case": name, "needs": needs, "same": not differs, "differs": differs,
                     "pdfium": _short(pdfium), "oxide": _short(oxide)})
    return rows


def _short(fact: dict[str, Any]) -> str:
    """A fact set in one line: the outcome, the finding codes, the hidden lines' count and the first lines."""
    if fact["outcome"] != "ok":
        return fact["outcome"]
    hidden = sum(1 for _, h in fact["lines"] if h)
    shown = " / ".join(text for text, h in fact["lines"] if not h)[:70]
    codes = ",".join(f"{code}x{count}" for code, count in fact["findings"]) or "-"
    return f"findings {codes}; {hidden} hidden lines; '{shown}'"
