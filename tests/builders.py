"""Small fixture documents built by the tests themselves.

PDFs come from reportlab (a test-only dependency), DOCX files from
python-docx, with raw WordprocessingML added where python-docx has no API
(text boxes, hidden runs, newspaper columns).
"""

from __future__ import annotations

import io
import zipfile

from docx import Document as new_docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

WIDTH, HEIGHT = letter

RESUME_LINES = [
    ("JANE DOE, RHIT", 16, True),
    ("jane.doe@example.com | (512) 555-0147 | Austin, TX 78701", 10, False),
    ("SUMMARY", 12, True),
    ("Medical records technician with four years of HIPAA compliant release of information.", 10, False),
    ("EXPERIENCE", 12, True),
    ("Medical Records Technician, Central Hospital, 2021 - Present", 10, True),
    ("Maintained electronic health records in Epic and audited charts for accuracy.", 10, False),
    ("Assigned ICD-10-CM and CPT codes for outpatient visits.", 10, False),
    ("EDUCATION", 12, True),
    ("Associate of Applied Science in Health Information Technology, 2020", 10, False),
    ("SKILLS", 12, True),
    ("Medical terminology, data entry, Microsoft Excel", 10, False),
]


def _pdf(draw, pages: int = 1) -> bytes:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter)
    for number in range(pages):
        draw(pdf, number)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _text(pdf, x: float, y: float, text: str, size: float = 10, bold: bool = False) -> None:  # type: ignore[no-untyped-def]
    pdf.setFont("Helvetica-Bold" if bold else "Helvetica", size)
    pdf.drawString(x, y, text)


def single_column_pdf(pages: int = 1) -> bytes:
    def draw(pdf, number):  # type: ignore[no-untyped-def]
        y = HEIGHT - 72
        for text, size, bold in RESUME_LINES:
            _text(pdf, 72, y, text, size, bold)
            y -= size * 1.6

    return _pdf(draw, pages)


def two_column_pdf() -> bytes:
    left = ["EDUCATION", "Associate of Applied Science", "Health Information Technology", "Austin Community College",
            "2020", "SKILLS", "Epic", "Cerner", "ICD-10-CM", "CPT", "HIPAA", "Medical terminology", "Data entry"]
    right = ["EXPERIENCE", "Medical Records Technician", "Central Hospital, 2021 - Present",
             "Maintained electronic health records and processed", "release of information requests daily.",
             "Audited charts for completeness and accuracy.", "Health Information Clerk", "City Clinic, 2019 - 2021",
             "Scanned and indexed records into the EHR.", "Answered provider questions about records.",
             "Prepared charts for coders.", "Tracked deficiencies.", "Trained new clerks."]

    def draw(pdf, number):  # type: ignore[no-untyped-def]
        _text(pdf, 200, HEIGHT - 60, "JANE DOE", 18, True)
        _text(pdf, 170, HEIGHT - 80, "jane.doe@example.com | (512) 555-0147", 10)
        for i, text in enumerate(left):
            _text(pdf, 40, HEIGHT - 130 - i * 19, text, 10, text.isupper())
        for i, text in enumerate(right):
            _text(pdf, 250, HEIGHT - 137 - i * 23, text, 10, text.isupper())

    return _pdf(draw)


def right_dates_pdf() -> bytes:
    """Single column with right-aligned dates: must not count as two columns."""

    def draw(pdf, number):  # type: ignore[no-untyped-def]
        y = HEIGHT - 72
        for i in range(12):
            _text(pdf, 72, y, f"Medical Records Technician at Hospital number {i}", 10, True)
            _text(pdf, 470, y, f"201{i % 10} - 202{i % 10}", 10)
            y -= 16
            _text(pdf, 90, y, "Maintained patient records and processed release of information requests.", 10)
            y -= 24

    return _pdf(draw)


def hidden_text_pdf() -> bytes:
    def draw(pdf, number):  # type: ignore[no-untyped-def]
        y = HEIGHT - 72
        for text, size, bold in RESUME_LINES:
            _text(pdf, 72, y, text, size, bold)
            y -= size * 1.6
        pdf.setFillColorRGB(1, 1, 1)
        _text(pdf, 72, 100, "RHIA CCS CPC CTR CHDA Epic Cerner Meditech coding auditing", 10)
        pdf.setFillColorRGB(0, 0, 0)
        _text(pdf, 72, 80, "tiny keywords stuffed here", 1.5)

    return _pdf(draw)


def white_on_dark_pdf() -> bytes:
    """White text on a dark banner is visible and must not count as hidden."""

    def draw(pdf, number):  # type: ignore[no-untyped-def]
        pdf.setFillColorRGB(0.1, 0.2, 0.5)
        pdf.rect(60, HEIGHT - 100, 480, 40, fill=1, stroke=0)
        pdf.setFillColorRGB(1, 1, 1)
        _text(pdf, 72, HEIGHT - 85, "JANE DOE MEDICAL RECORDS TECHNICIAN", 16, True)
        pdf.setFillColorRGB(0, 0, 0)
        y = HEIGHT - 140
        for text, size, bold in RESUME_LINES[1:]:
            _text(pdf, 72, y, text, size, bold)
            y -= size * 1.6

    return _pdf(draw)


def image_only_pdf() -> bytes:
    from reportlab.lib.utils import ImageReader

    png = _tiny_png()

    def draw(pdf, number):  # type: ignore[no-untyped-def]
        pdf.drawImage(ImageReader(io.BytesIO(png)), 0, 0, width=WIDTH, height=HEIGHT)

    return _pdf(draw)


def _tiny_png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 4 for _ in range(4))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def icon_font_pdf() -> bytes:
    """Text with unmapped glyphs written as (cid:NN) by pdfminer: a Type3-less trick via ZapfDingbats."""

    def draw(pdf, number):  # type: ignore[no-untyped-def]
        y = HEIGHT - 72
        for text, size, bold in RESUME_LINES:
            _text(pdf, 72, y, text, size, bold)
            y -= size * 1.6
        pdf.setFont("ZapfDingbats", 10)
        pdf.drawString(72, 120, "4 5 6 7 8 9")

    return _pdf(draw)


# ---------------------------------------------------------------- DOCX


def _save(document) -> bytes:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _fill(document, lines=RESUME_LINES) -> None:  # type: ignore[no-untyped-def]
    for text, size, bold in lines:
        paragraph = document.add_paragraph()
        run = paragraph.add_run(text)
        run.bold = bold
        run.font.size = Pt(size)


def plain_docx() -> bytes:
    document = new_docx()
    _fill(document)
    return _save(document)


def long_docx(paragraphs: int = 150) -> bytes:
    document = new_docx()
    _fill(document)
    for i in range(paragraphs):
        document.add_paragraph(f"Processed release of information request number {i} for a patient record today.")
    return _save(document)


def table_docx(nested: bool = False) -> bytes:
    document = new_docx()
    document.add_paragraph("JANE DOE")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "SKILLS\nEpic\nICD-10-CM"
    table.cell(0, 1).text = "EXPERIENCE\nMedical Records Technician"
    if nested:
        inner = table.cell(0, 1).add_table(rows=1, cols=2)
        inner.cell(0, 0).text = "Nested cell text about HIPAA"
        inner.cell(0, 1).text = "2021"
    document.add_paragraph("After the table: release of information.")
    return _save(document)


def header_contact_docx() -> bytes:
    document = new_docx()
    header = document.sections[0].header
    header.paragraphs[0].text = "Jane Doe | jane.doe@example.com | (512) 555-0147"
    _fill(document, [line for line in RESUME_LINES if "@" not in line[0]])
    return _save(document)


def hidden_docx() -> bytes:
    document = new_docx()
    _fill(document)
    paragraph = document.add_paragraph("Visible text. ")
    hidden = paragraph.add_run("RHIA CCS CPC vanished keywords")
    hidden.font.hidden = True
    white = document.add_paragraph().add_run("white keywords Epic Cerner")
    white.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    return _save(document)


def columns_docx() -> bytes:
    document = new_docx()
    _fill(document)
    sect_pr = document.sections[0]._sectPr
    cols = sect_pr.find(qn("w:cols"))
    if cols is None:
        cols = parse_xml(f"<w:cols {nsdecls('w')}/>")
        sect_pr.append(cols)
    cols.set(qn("w:num"), "2")
    return _save(document)


TEXT_BOX_XML = (
    "<w:r {w} {wp} {a} {wps} {mc}><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
    "<wp:anchor distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\" simplePos=\"0\" relativeHeight=\"1\" behindDoc=\"0\" "
    "locked=\"0\" layoutInCell=\"1\" allowOverlap=\"1\"><wp:simplePos x=\"0\" y=\"0\"/>"
    "<wp:positionH relativeFrom=\"column\"><wp:posOffset>0</wp:posOffset></wp:positionH>"
    "<wp:positionV relativeFrom=\"paragraph\"><wp:posOffset>0</wp:posOffset></wp:positionV>"
    "<wp:extent cx=\"2000000\" cy=\"500000\"/><wp:wrapNone/><wp:docPr id=\"{id}\" name=\"Text Box {id}\"/>"
    "<a:graphic><a:graphicData uri=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\">"
    "<wps:wsp><wps:spPr><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>{fill}</wps:spPr>"
    "<wps:txbx><w:txbxContent><w:p><w:r>{rpr}<w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx>"
    "<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
    "<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>"
    "</mc:AlternateContent></w:r>"
)


def text_box_docx(boxes: list[str], white_on_fill: bool = False) -> bytes:
    document = new_docx()
    _fill(document, RESUME_LINES[:2])
    namespaces = {
        "w": nsdecls("w"),
        "wp": nsdecls("wp"),
        "a": nsdecls("a"),
        "wps": 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"',
        "mc": 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"',
    }
    fill = '<a:solidFill><a:srgbClr val="1F3864"/></a:solidFill>' if white_on_fill else ""
    rpr = '<w:rPr><w:color w:val="FFFFFF"/></w:rPr>' if white_on_fill else ""
    for number, text in enumerate(boxes, 1):
        paragraph = document.add_paragraph()
        xml = TEXT_BOX_XML.format(id=number, text=text, fill=fill, rpr=rpr, **namespaces)
        paragraph._p.append(parse_xml(xml))
        document.add_paragraph(f"Body paragraph {number} after the box.")
    return _save(document)


def read_part(data: bytes, part: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read(part)


def rewrite_part(data: bytes, part: str, content: bytes) -> bytes:
    """Return a copy of a DOCX with one part replaced."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, content if item.filename == part else source.read(item.filename))
    return out.getvalue()


def docx_zip_bomb(megabytes: int = 200) -> bytes:
    """A DOCX whose document part inflates to many megabytes of zeros."""
    base = plain_docx()
    source = zipfile.ZipFile(io.BytesIO(base))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        with target.open("word/media/bomb.bin", "w", force_zip64=True) as handle:
            block = b"\0" * (1024 * 1024)
            for _ in range(megabytes):
                handle.write(block)
    return out.getvalue()
