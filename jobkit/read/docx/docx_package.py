"""Safety checks on a DOCX zip package before any part is inflated or parsed.

A DOCX is a zip of XML parts. A hostile one can declare gigabytes behind a
few kilobytes (a zip bomb) or carry a DTD whose entities expand a billion
times or pull in files from the reading machine. Word never writes a DTD in
OOXML, so any ``<!DOCTYPE``/``<!ENTITY`` is refused outright. The directory
is checked first (part count, declared total, ratio), but declared sizes can
lie and :mod:`zipfile` inflates up to 1 GB before it cuts a part at its
declared size, so every part, media included, is then inflated in bounded
chunks (:mod:`jobkit.read.zip_members`) and refused if it goes past its declared
size or the package past ``max_unpacked_bytes``. python-docx reads the same
bytes afterwards with zipfile's unbounded read; that is safe only because
each part it can load is then known to inflate to exactly its declared size.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from collections.abc import Callable

from jobkit.config import MB, Limits
from jobkit.errors import CorruptDocument, JobkitError, TooManyPages, UnsafeDocument
from jobkit.read.zip_errors import ZIP_ERRORS
from jobkit.read.zip_members import check_directory, InflateBudget, ratio_over, read_member, verify_member

_DTD = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_DECLARED = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_XML_SUFFIXES = (".xml", ".rels", ".vml")
# Paragraph start tags (<w:p>, <w:p w:rsidR=...>, <a:p>), not <w:pPr>.
_PARAGRAPH = re.compile(rb"<(?:\w+:)?p[\s>/]")
# OOXML parts are UTF-8 or UTF-16 (ECMA-376 part 2); other encodings could hide a DTD from the byte scan.
_ALLOWED_ENCODINGS = {"utf-8", "utf8", "utf-16", "utf-16le", "utf-16be", "us-ascii", "ascii"}
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def open_package(data: bytes, name: str, limits: Limits) -> zipfile.ZipFile:
    """Open the zip and refuse bombs, DTDs and paragraph floods; return the checked archive."""
    check_directory(io.BytesIO(data), limits.max_zip_entries, name)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except ZIP_ERRORS as exc:
        raise CorruptDocument(
            f"This Word file is damaged or truncated ({exc}). Open it in Word and save it again.", filename=name
        ) from None
    _check_sizes(infos, name, limits)
    _check_parts(archive, infos, name, limits)
    return archive


def _check_sizes(infos: list[zipfile.ZipInfo], name: str, limits: Limits) -> None:
    if len(infos) > limits.max_zip_entries:
        raise UnsafeDocument(
            f"This Word file holds {len(infos)} parts (limit {limits.max_zip_entries}); it is not a normal document.",
            filename=name,
        )
    total = sum(info.file_size for info in infos)
    if total > limits.max_unpacked_bytes:
        raise UnsafeDocument(
            f"This Word file would unpack to {total // MB} MB (limit {limits.max_unpacked_bytes // MB} MB): "
            "it looks like a zip bomb.",
            filename=name,
        )
    for info in infos:
        if info.filename.lower().endswith(_XML_SUFFIXES) and info.file_size > limits.max_xml_part_bytes:
            raise TooManyPages(
                f"The part {info.filename!r} of this Word file holds {info.file_size // MB} MB of text markup; a "
                f"resume needs well under 1 MB (limit {limits.max_xml_part_bytes // MB} MB). Save a shorter document.",
                filename=name,
            )
        ratio = ratio_over(info, limits.max_ratio)
        if ratio is not None:
            raise UnsafeDocument(
                f"The part {info.filename!r} inflates {ratio:.0f} times (limit {limits.max_ratio:.0f}): "
                "it looks like a zip bomb.",
                filename=name,
            )


def _budget(limits: Limits) -> InflateBudget:
    return InflateBudget(member_bytes=limits.max_unpacked_bytes, total_bytes=limits.max_unpacked_bytes)


def _check_parts(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], name: str, limits: Limits) -> None:
    """Inflate every entry (duplicates too: python-docx reads the last of a name) within one package budget."""
    budget = _budget(limits)
    for info in infos:
        if info.filename.lower().endswith(_XML_SUFFIXES):
            _check_xml(_inflate(read_member, archive, info, budget, name), info, name, limits)
        else:
            _inflate(verify_member, archive, info, budget, name)


def _inflate(read: Callable[..., bytes | None], archive: zipfile.ZipFile, info: zipfile.ZipInfo,
             budget: InflateBudget, name: str) -> bytes:
    """``read`` (read_member, or verify_member that keeps nothing) with zipfile's errors as CorruptDocument."""
    try:
        return read(archive, info, budget=budget, name=name) or b""
    except JobkitError:
        raise
    except ZIP_ERRORS as exc:
        raise CorruptDocument(
            f"The part {info.filename!r} of this Word file is damaged ({exc}). Save the document again.",
            filename=name,
        ) from None


def _check_xml(data: bytes, info: zipfile.ZipInfo, name: str, limits: Limits) -> None:
    if info.filename == "word/document.xml":
        # Counted in the raw XML, a flood is refused before lxml builds a tree for it.
        check_paragraph_count(len(_PARAGRAPH.findall(data)), name, limits)
    if _DTD.search(_xml_text(data, info.filename, name)):
        raise UnsafeDocument(
            f"The part {info.filename!r} declares a DTD or XML entities, which Word never writes; "
            "the file looks built to attack XML readers and was not read.",
            filename=name,
        )


def check_paragraph_count(count: int, name: str, limits: Limits) -> None:
    if count > limits.max_paragraphs:
        raise TooManyPages(
            f"This Word file has {count} paragraphs; a resume has far fewer (limit {limits.max_paragraphs}).",
            filename=name,
        )


def _xml_text(data: bytes, part: str, name: str) -> str:
    """The part as text, decoded the way an XML parser would, so a DTD cannot hide in UTF-16."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    if data[:2] == b"<\x00":
        return data.decode("utf-16-le", errors="replace")
    if data[:2] == b"\x00<":
        return data.decode("utf-16-be", errors="replace")
    declared = _DECLARED.match(data)
    if declared and declared.group(1).decode().lower() not in _ALLOWED_ENCODINGS:
        raise UnsafeDocument(
            f"The part {part!r} declares the character encoding {declared.group(1).decode()!r}; Word writes only "
            "UTF-8 or UTF-16, so the file was not read.",
            filename=name,
        )
    return data.decode("utf-8", errors="replace")


def read_part(archive: zipfile.ZipFile, part: str) -> bytes | None:
    """A part of a package :func:`open_package` checked, read in bounded chunks; None if it is missing."""
    try:
        info = archive.getinfo(part)
    except KeyError:
        return None
    return read_member(archive, info, budget=InflateBudget(info.file_size, info.file_size), name=part)
