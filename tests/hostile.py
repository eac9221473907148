"""Hostile files, built byte by byte by the tests that use them.

Nothing here comes from outside the test run: each builder writes the
smallest file that exercises one attack on a reader (page floods, content
streams that call themselves or nest without end, compression bombs, zip
tricks, XML entities), so a reader fix can be tested without shipping
malware-like samples in the repository.
"""

from __future__ import annotations

import io
import os
import random
import zipfile
import zlib

from tests import builders

WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF with a correct cross-reference table; object 1 is the catalog."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _stream(content: bytes, extra: bytes = b"", compress: bool = False) -> bytes:
    if compress:
        content = zlib.compress(content, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(content), extra) + content + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
TEXT = b"BT /F1 12 Tf 72 700 Td (Jane Doe, RHIT. Medical records technician.) Tj ET"


def _page(contents: str, extra_resources: bytes = b"") -> bytes:
    return (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents " + contents.encode()
            + b" /Resources << /Font << /F1 3 0 R >>" + extra_resources + b" >> >>")


def pdf_many_pages(count: int = 10_000) -> bytes:
    """``count`` pages sharing one small content stream."""
    first = 5
    kids = b" ".join(b"%d 0 R" % n for n in range(first, first + count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
               FONT, _stream(TEXT)]
    objects += [_page("4 0 R")] * count
    return raw_pdf(objects)


def pdf_self_calling_xobject(times: int = 1) -> bytes:
    """A form XObject whose content draws itself ``times`` times: rendering it never ends by itself.

    pdfminer skips a form drawn inside itself; PDFium draws it again, 41 levels deep: 41 copies
    when ``times`` is 1, and 2 ** 41 (memory until the process dies) when it is 2.
    """
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        FONT,
        _stream(TEXT + b" /X1 Do"),
        _page("4 0 R", b" /XObject << /X1 6 0 R >>"),
        _stream(b"q /X1 Do Q " * times, b" /Type /XObject /Subtype /Form /BBox [0 0 612 792]"
                               b" /Resources << /XObject << /X1 6 0 R >> >>"),
    ])


def pdf_deep_nesting(depth: int = 200_000) -> bytes:
    """A content stream that opens ``depth`` arrays and graphics states and never closes them."""
    content = TEXT + b"\n" + b"q " * depth + b"[" * depth + b"\n" + TEXT
    return _one_page(content, compress=True)


def pdf_page_tree_cycle() -> bytes:
    """A page tree whose kid is its own parent."""
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 5 0 R] /Count 2 >>",
        FONT,
        _stream(TEXT),
        _page("4 0 R"),
    ])


def pdf_deep_page_tree(depth: int = 5_000) -> bytes:
    """Page-tree nodes nested ``depth`` deep above a single page."""
    first = 5
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % first, FONT,
               _stream(TEXT)]
    for level in range(depth):
        number = first + level
        objects.append(b"<< /Type /Pages /Parent %d 0 R /Kids [%d 0 R] /Count 1 >>" % (number - 1 if level else 2,
                                                                                         number + 1))
    objects.append(_page("4 0 R").replace(b"/Parent 2 0 R", b"/Parent %d 0 R" % (first + depth - 1)))
    return raw_pdf(objects)


def pdf_flate_bomb(megabytes: int = 400) -> bytes:
    """A small PDF whose content stream inflates to ``megabytes`` of spaces."""
    compressor = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    body = compressor.compress(TEXT + b"\n")
    for _ in range(megabytes):
        body += compressor.compress(chunk)
    body += compressor.flush()
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream"
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>", FONT,
                    stream, _page("4 0 R")])


def pdf_state_flood(saves: int = 2_000_000) -> bytes:
    """Millions of graphics-state saves (``q``) that are never restored."""
    return _one_page(TEXT + b"\n" + b"q " * saves + TEXT, compress=True)


def pdf_glyph_flood(glyphs: int = 400_000) -> bytes:
    """One page that draws ``glyphs`` characters on top of each other."""
    return _one_page(b"BT /F1 1 Tf 10 10 Td (" + b"A" * glyphs + b") Tj ET", compress=True)


def pdf_runlength_bomb(megabytes: int = 200) -> bytes:
    """A content stream whose RunLength runs expand 64 times (2 bytes -> 128)."""
    runs = b"\x81 " * (megabytes * 1024 * 1024 // 128)
    stream = b"<< /Length %d /Filter [/FlateDecode /RunLengthDecode] >>\nstream\n" % 0
    body = zlib.compress(runs + b"\x80", 9)
    stream = stream.replace(b"/Length 0", b"/Length %d" % len(body)) + body + b"\nendstream"
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>", FONT,
                    stream, _page("4 0 R")])


def pdf_runlength_only_bomb(megabytes: int = 64) -> bytes:
    """A content stream with RunLength as its only filter: every 2 bytes in the file expand to 128."""
    runs = b"\x81 " * (megabytes * 1024 * 1024 // 128) + b"\x80"
    return _one_page_stream(b"<< /Length %d /Filter /RunLengthDecode >>\nstream\n" % len(runs) + runs + b"\nendstream")


def pdf_form_fanout(levels: int = 3, fan: int = 200, leaves: int = 200, compress: bool = True) -> bytes:
    """A page drawing a form XObject that draws the next form ``fan`` times, ``levels`` forms deep,
    with ``leaves`` rectangles in the last: 1.3 KB that a reader expanding forms turns into
    fan ** (levels - 1) copies of the last form (40,000 copies, 8 million rectangles, by default).
    PDFium took 2.7 GB for it, pdfminer its whole time budget."""
    first = 6  # object number of the first form
    forms = []
    for level in range(levels):
        last = level == levels - 1
        content = b"0 0 1 1 re f\n" * leaves if last else b"q /X Do Q\n" * fan
        resources = b"" if last else b" /Resources << /XObject << /X %d 0 R >> >>" % (first + level + 1)
        forms.append(_stream(content, b" /Type /XObject /Subtype /Form /BBox [0 0 612 792]" + resources,
                             compress=compress))
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>", FONT,
                    _stream(TEXT + b"\n/X Do"), _page("4 0 R", b" /XObject << /X %d 0 R >>" % first), *forms])


def pdf_form_fanout_encrypted(levels: int = 3, fan: int = 200, leaves: int = 200) -> bytes:
    """The form fan-out of :func:`pdf_form_fanout`, written by reportlab and encrypted (RC4, 128 bits) with
    an empty user password: both engines open it without asking, and its streams are unreadable undecrypted."""
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, encrypt=pdfencrypt.StandardEncryption("", ownerPassword="owner", strength=128))
    pdf.beginForm(f"L{levels - 1}")
    for _ in range(leaves):
        pdf.rect(1, 1, 1, 1, stroke=0, fill=1)
    pdf.endForm()
    for level in range(levels - 2, -1, -1):
        pdf.beginForm(f"L{level}")
        for _ in range(fan):
            pdf.doForm(f"L{level + 1}")
        pdf.endForm()
    pdf.drawString(72, 700, "Jane Doe, RHIT. Medical records technician.")
    pdf.doForm("L0")
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def _one_page_stream(stream: bytes) -> bytes:
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>", FONT,
                    stream, _page("4 0 R")])


def _one_page(content: bytes, compress: bool = False) -> bytes:
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>", FONT,
                    _stream(content, compress=compress), _page("4 0 R")])


def docx_many_paragraphs(count: int = 100_000) -> bytes:
    """A DOCX whose body holds ``count`` short paragraphs (written as XML: python-docx is too slow for this)."""
    words = random.Random(count)
    body = "".join(f"<w:p><w:r><w:t>Indexed chart {words.randrange(10**9)} for clinic {words.randrange(10**6)}.</w:t>"
                   "</w:r></w:p>" for _ in range(count))
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{WORD_NS}">'
                f"<w:body>{body}</w:body></w:document>").encode()
    return builders.rewrite_part(builders.plain_docx(), "word/document.xml", document)


def docx_with_entity_part(part: str, encoding: str = "utf-8") -> bytes:
    """A DOCX whose ``part`` declares an external entity pointing at a local file."""
    xml = (f'<?xml version="1.0" encoding="{encoding.upper()}"?>\n'
           '<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>\n'
           f'<w:document xmlns:w="{WORD_NS}"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>')
    return builders.rewrite_part(builders.plain_docx(), part, xml.encode(encoding))


def zip_with_names(names: list[str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            archive.writestr(zipfile.ZipInfo(name), b"JANE DOE\nMedical records technician. HIPAA.\n")
    return out.getvalue()


def docx_needing_a_future_zip_version() -> bytes:
    """A DOCX whose central directory says it needs zip version 20.5 (found by fuzzing: zipfile raises
    NotImplementedError, which escaped the format check)."""
    data = bytearray(builders.plain_docx())
    entry = data.index(b"PK\x01\x02")
    data[entry + 6 : entry + 8] = (205).to_bytes(2, "little")
    return bytes(data)


def random_bytes(size: int = 4096, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(size)


def big_upload(megabytes: int = 50) -> bytes:
    return b"%PDF-1.7\n" + os.urandom(1024) * (megabytes * 1024)


# Zip members that lie about their size, written by hand so a test never holds what they inflate to.

def raw_zip(members: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip of already-compressed members, one ``(name, data, method, size, crc)`` each.

    ``size`` and ``crc`` go into the local header and the central directory
    as given, so a member can declare a size its data does not inflate to.
    """
    import struct  # only this builder packs zip headers by hand

    out = io.BytesIO()
    central = []
    for name, data, method, size, crc in members:
        encoded = name.encode("ascii")
        offset = out.tell()
        # version needed, flags, method, time, date (1980-01-01), CRC, compressed size, size
        fields = struct.pack("<HHHHHIII", 20, 0, method, 0, 0x21, crc, len(data), size)
        out.write(b"PK\x03\x04" + fields + struct.pack("<HH", len(encoded), 0) + encoded + data)
        central.append(b"PK\x01\x02" + struct.pack("<H", 20) + fields
                       + struct.pack("<HHHHHII", len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    start = out.tell()
    out.write(b"".join(central))
    out.write(b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, len(central), len(central), out.tell() - start, start, 0))
    return out.getvalue()


def deflated(data: bytes) -> bytes:
    """Raw deflate data, as a zip member holds it."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def deflate_then_zeros(head: bytes, megabytes: int) -> bytes:
    """A raw deflate stream of ``head`` and then ``megabytes`` MB of zeros.

    One megabyte of zeros is compressed once and its bytes repeated: each
    copy ends in a full flush (no reference to earlier data), so the copies
    chain into one valid stream and the zeros are never held in memory.
    """
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    megabyte = compressor.compress(b"\0" * (1024 * 1024)) + compressor.flush(zlib.Z_FULL_FLUSH)
    return start + megabyte * megabytes + compressor.flush()


def lying_member(name: str, head: bytes, megabytes: int) -> tuple[str, bytes, int, int, int]:
    """A member that declares the size and CRC of ``head`` but goes on to inflate ``megabytes`` MB more.

    zipfile's own read() inflates all of it, cuts it at the declared size
    and, the CRC matching, hands back ``head`` as if nothing were wrong.
    """
    return name, deflate_then_zeros(head, megabytes), zipfile.ZIP_DEFLATED, len(head), zlib.crc32(head)


def honest_member(name: str, data: bytes, method: int = zipfile.ZIP_DEFLATED) -> tuple[str, bytes, int, int, int]:
    stored = deflated(data) if method == zipfile.ZIP_DEFLATED else data
    return name, stored, method, len(data), zlib.crc32(data)


def docx_with_lying_part(megabytes: int = 1024, part: str = "word/document.xml") -> bytes:
    """A plain DOCX whose ``part`` declares its real few kilobytes but inflates to ``megabytes`` MB more."""
    source = zipfile.ZipFile(io.BytesIO(builders.plain_docx()))
    return raw_zip([lying_member(info.filename, source.read(info), megabytes) if info.filename == part
                    else honest_member(info.filename, source.read(info)) for info in source.infolist()])


def zip_with_lying_members(megabytes: int = 1024) -> bytes:
    """A batch zip: a text resume that lies about its size, a DOCX whose main part lies, and a good DOCX."""
    text = b"JANE DOE, RHIT\nMedical records technician. HIPAA release of information.\n"
    return raw_zip([lying_member("liar.txt", text, megabytes),
                    honest_member("liar.docx", docx_with_lying_part(megabytes), zipfile.ZIP_STORED),
                    honest_member("good.docx", builders.plain_docx(), zipfile.ZIP_STORED)])


def zip_of_many_small_members(count: int = 4500, size: int = 900 * 1024) -> bytes:
    """``count`` honest members of ``size`` zeros each, all sharing one compressed copy."""
    zeros = b"\0" * size
    member = deflated(zeros)
    crc = zlib.crc32(zeros)
    return raw_zip([(f"resumes/r{number:05}.txt", member, zipfile.ZIP_DEFLATED, size, crc) for number in range(count)])


def zip_with_duplicate_names(name: str, contents: list[bytes]) -> bytes:
    """One member per content, all under the same ``name`` (zipfile warns about this but allows it)."""
    return raw_zip([honest_member(name, data) for data in contents])


def zip_with_many_directory_entries(entries: int) -> bytes:
    """A zip whose central directory lists ``entries`` records, all for one 1-byte member.

    zipfile builds a ZipInfo per record before anyone can count them: with
    millions of records that alone costs gigabytes. The records here are
    copies, so the file stays small (about 60 bytes an entry).
    """
    one = io.BytesIO()
    with zipfile.ZipFile(one, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("a.txt", "a")
    data = one.getvalue()
    directory_at = data.rfind(b"PK\x01\x02")
    end_at = data.rfind(b"PK\x05\x06")
    record = data[directory_at:end_at]
    directory = record * entries
    end = bytearray(data[end_at:end_at + 22])
    end[8:10] = end[10:12] = min(entries, 0xFFFF).to_bytes(2, "little")
    end[12:16] = len(directory).to_bytes(4, "little")
    end[16:20] = directory_at.to_bytes(4, "little")
    return data[:directory_at] + directory + bytes(end)
