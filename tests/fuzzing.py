"""Mutation fuzzing of the readers, shared by the CI run and the long run.

Seeds are real files from the corpus (resumes, the pdfminer and python-docx
robustness samples) plus the test builders' files. A mutation is a short
list of operations chosen from a random source: byte flips, interesting
values, PDF tokens, deleted, repeated or spliced chunks, truncation; for a
DOCX, the same operations applied to one XML part inside the zip (with a
valid CRC, so the XML parser is reached rather than the zip check). PDF
seeds also come with their Flate streams inflated, so that mutations land
in content streams instead of only breaking compression.

The property, on each PDF engine (``check_one(..., engine=...)``; pdfminer
and PDFium parse the same bytes with different code): ``read_resume``
returns a document or raises a ``JobkitError``; a document also goes through a full check. Anything else is
a bug. The readers turn a parser's own exception on broken input into
CorruptDocument; when the exception behind it was raised in jobkit's code
rather than in pdfminer or python-docx, that is a jobkit bug hiding behind
a typed error, and counts as a failure too.
"""

from __future__ import annotations

import io
import random
import re
import traceback
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from jobkit import read_resume
from jobkit.pipeline import check_document
from jobkit.config import PDF_ENGINES, Limits
from jobkit.errors import CorruptDocument, JobkitError
from jobkit.match.target import role_target
from tests import builders
from tests.conftest import CORPUS

MAX_SEED_BYTES = 400_000
LIMITS = Limits(time_budget=10)
# One set of limits per PDF engine: the fuzz property holds on each (the limits never come from the environment).
ENGINE_LIMITS = {engine: Limits(time_budget=10, pdf_engine=engine) for engine in PDF_ENGINES}
PDF_TOKENS = [b"<<", b">>", b"[", b"]", b"(", b")", b"<", b">", b" R ", b" obj ", b"endobj", b"stream\n",
              b"endstream", b"/Type /Page ", b"/Kids [1 0 R]", b"/Count 99999", b" 0 ", b" -1 ", b"99999999999",
              b"1e308", b"/Length 0", b"/Filter /FlateDecode", b" q ", b" Q ", b" BT ", b" ET ", b" Tj ",
              b" TJ ", b" Tf ", b" Td ", b" Tm ", b" cm ", b" Do ", b"/F1 ", b"xref", b"trailer", b"startxref",
              b"%%EOF", b"\\", b"\x00", b"\xff"]
XML_TOKENS = [b"<w:p>", b"</w:p>", b"<w:r>", b"<w:t>", b"</w:t>", b"<w:tbl>", b"<w:tc>", b"<w:txbxContent>",
              b'<w:vanish/>', b'<w:color w:val="FFFFFF"/>', b'<w:sz w:val="-4"/>', b"&amp;", b"&#0;", b"&#xD800;",
              b'<w:cols w:num="99999"/>', b'<w:pgSz w:w="0" w:h="0"/>', b"<w:br w:type=\"page\"/>", b"<", b">",
              b"\"", b"\x00", b"\xc3\x28", b"<![CDATA[", b"]]>", b"<?pi?>", b"<!-- -->"]
INTERESTING = [0, 1, 0x7F, 0x80, 0xFF, 0x20, 0x0A, 0x25, 0x2F]


@dataclass(frozen=True)
class Seed:
    name: str
    data: bytes


def _inflate_pdf_streams(data: bytes) -> bytes | None:
    """The PDF with its Flate streams stored inflated (xref offsets then break; pdfminer recovers)."""
    changed = False

    def inflate(match: re.Match[bytes]) -> bytes:
        nonlocal changed
        head, body = match.group(1), match.group(2)
        if b"/FlateDecode" not in head or b"/DecodeParms" in head:
            return match.group(0)
        try:
            raw = zlib.decompress(body)
        except zlib.error:
            return match.group(0)
        changed = True
        head = re.sub(rb"/Filter\s*/FlateDecode", b"", head)
        head = re.sub(rb"/Length\s+\d+(\s+\d+\s+R)?", b"/Length %d" % len(raw), head)
        return head + b"stream\n" + raw + b"\nendstream"

    out = re.sub(rb"(<<(?:(?!>>\s*stream).){0,2000}?>>\s*)stream\r?\n(.*?)\r?\nendstream", inflate, data,
                 flags=re.S)
    return out if changed else None


def seeds(corpus: Path = CORPUS) -> list[Seed]:
    found: list[Seed] = [
        Seed("built.pdf", builders.single_column_pdf()), Seed("columns.pdf", builders.two_column_pdf()),
        Seed("built.docx", builders.plain_docx()), Seed("table.docx", builders.table_docx(nested=True)),
        Seed("boxes.docx", builders.text_box_docx(["RHIT", "HIPAA"])), Seed("header.docx", builders.header_contact_docx()),
        Seed("plain.txt", "\n".join(text for text, _, _ in builders.RESUME_LINES).encode()),
    ]
    for folder in ("resumes", "robustness/pdfminer", "robustness/python-docx", "offlinecv"):
        base = corpus / folder
        if not base.is_dir():
            continue
        for path in sorted(base.iterdir()):
            if path.suffix.lower() in (".pdf", ".docx", ".txt", ".md") and path.stat().st_size <= MAX_SEED_BYTES:
                found.append(Seed(path.name, path.read_bytes()))
    inflated = [Seed("inflated-" + s.name, data) for s in found if s.name.endswith(".pdf")
                for data in [_inflate_pdf_streams(s.data)] if data]
    # Keep the inflated copies pdfminer still recovers: the others only ever test the "corrupt" answer.
    return found + [s for s in inflated if _reads(s)]


def _reads(seed: Seed) -> bool:
    try:
        read_resume(seed.data, seed.name, limits=LIMITS)
    except JobkitError:
        return False
    return True


def _mutate_bytes(data: bytes, rng: random.Random, tokens: list[bytes]) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if not buf:
            buf.extend(rng.choice(tokens))
            continue
        at = rng.randrange(len(buf))
        op = rng.randrange(8)
        if op == 0:
            buf[at] ^= 1 << rng.randrange(8)
        elif op == 1:
            buf[at] = rng.choice(INTERESTING)
        elif op == 2:
            buf[at:at] = rng.choice(tokens)
        elif op == 3:
            del buf[at : at + rng.randint(1, 256)]
        elif op == 4:
            chunk = buf[at : at + rng.randint(1, 512)]
            where = rng.randrange(len(buf))
            buf[where:where] = chunk * rng.randint(1, 8)
        elif op == 5:
            del buf[at:]
        elif op == 6:
            buf[at : at + 4] = str(rng.choice([0, -1, 2**31, 10**12, rng.randint(0, 9999)])).encode()
        else:
            for k in range(at, min(len(buf), at + rng.randint(1, 64))):
                buf[k] = rng.randrange(256)
    return bytes(buf)


def _mutate_docx(data: bytes, rng: random.Random) -> bytes:
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
        names = [n for n in source.namelist() if n.endswith((".xml", ".rels"))]
    except zipfile.BadZipFile:
        return _mutate_bytes(data, rng, XML_TOKENS)
    if not names:
        return _mutate_bytes(data, rng, XML_TOKENS)
    weights = [8 if n == "word/document.xml" else 1 for n in names]
    target = rng.choices(names, weights)[0]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == target:
                content = _mutate_bytes(content, rng, XML_TOKENS)
            archive.writestr(item.filename, content)
    return out.getvalue()


def mutate(seed: Seed, rng: random.Random, other: Seed | None = None) -> bytes:
    """One mutated input from ``seed`` (``other`` is spliced in now and then)."""
    if other is not None and rng.random() < 0.08:
        cut = rng.randrange(len(seed.data) + 1)
        return seed.data[:cut] + other.data[rng.randrange(len(other.data) + 1):]
    if seed.name.endswith(".docx") and rng.random() < 0.8:
        return _mutate_docx(seed.data, rng)
    return _mutate_bytes(seed.data, rng, PDF_TOKENS if seed.name.endswith(".pdf") else XML_TOKENS)


_TARGET = None
JOBKIT_SOURCE = str(Path(__file__).resolve().parent.parent / "jobkit")


class HiddenBug(AssertionError):
    """A jobkit exception that the reader's catch-all turned into CorruptDocument."""


def _raised_in_jobkit(exc: BaseException) -> str | None:
    frames = traceback.extract_tb(exc.__traceback__)
    if frames and frames[-1].filename.startswith(JOBKIT_SOURCE):
        last = frames[-1]
        return f"{type(exc).__name__}: {exc} at {Path(last.filename).name}:{last.lineno}"
    return None


def check_one(data: bytes, name: str, engine: str = "pdfminer") -> str:
    """Read (and check) one input with the given PDF engine; returns "ok" or the error code.

    Anything but a JobkitError propagates, and so does (as HiddenBug) a
    CorruptDocument whose underlying exception came from jobkit's own code.
    """
    global _TARGET
    try:
        document = read_resume(data, name, limits=ENGINE_LIMITS[engine])
    except JobkitError as exc:
        # Only the reader's catch-all (CorruptDocument) can hide a bug; a ReadTimeout is always raised while
        # handling jobkit's own alarm, and that is the timer working.
        hidden = (_raised_in_jobkit(exc.__context__)
                  if isinstance(exc, CorruptDocument) and exc.__context__ is not None else None)
        if hidden:
            raise HiddenBug(hidden) from exc.__context__
        return exc.code
    if _TARGET is None:
        _TARGET = role_target("medical-records-technician")
    check_document(document, _TARGET).to_dict(include_text=True)
    return "ok"
