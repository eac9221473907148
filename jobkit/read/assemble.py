"""Turn a format reader's output into the shared :class:`Document`."""

from __future__ import annotations

import os
import re

from jobkit.read.contact import find_contact
from jobkit.model.document import Contact, Document, Finding, Line
from jobkit.model.severity import severity_rank
from jobkit.read.sections import find_sections
from jobkit.read.textnorm import count_words
from jobkit.read.raw import RawDocument
from jobkit.read.sniff import SUFFIXES

_SPACED_LETTERS = re.compile(r"(?:\b\w\b ){4,}\b\w\b")
_PAGE_NUMBER = re.compile(r"^(page\s*)?\d+(\s*(of|/)\s*\d+)?$", re.IGNORECASE)
_NAMES = {"pdf": "a PDF", "docx": "a Word .docx document", "text": "plain text"}


def assemble(raw: RawDocument, name: str) -> Document:
    lines = tuple(raw.lines)
    sections = find_sections(lines)
    contact = find_contact(lines, sections, raw.links)
    visible = "\n".join(line.text for line in lines if not line.hidden)
    findings = raw.findings + _common_findings(raw, lines, contact, name)
    findings.sort(key=lambda f: severity_rank(f.severity))
    return Document(
        name=name,
        format=raw.format,
        pages=raw.pages,
        page_count_method=raw.page_count_method,
        page_count_confidence=raw.page_count_confidence,
        lines=lines,
        sections=sections,
        contact=contact,
        findings=tuple(findings),
        words=count_words(visible),
        characters=len(visible),
        metadata=raw.metadata,
    )


def _common_findings(raw: RawDocument, lines: tuple[Line, ...], contact: Contact, name: str) -> list[Finding]:
    found: list[Finding] = []
    for make in (_unreadable, _mojibake):
        finding = make(raw, lines)
        if finding:
            found.append(finding)
    found += _header_footer(lines, contact)
    found += _letter_spacing(lines)
    extension = _extension_mismatch(raw.format, name)
    if extension:
        found.append(extension)
    return found


def _unreadable(raw: RawDocument, lines: tuple[Line, ...]) -> Finding | None:
    if not raw.unreadable:
        return None
    total = sum(len(line.text) for line in lines) + raw.unreadable
    share = raw.unreadable / max(total, 1)
    severity = "high" if share > 0.05 else "medium" if raw.unreadable > 20 else "low"
    pages = sorted(raw.unreadable_pages)
    where = ("pages " + ", ".join(map(str, pages))) if pages else "icons and symbols"
    return Finding(
        "unreadable_glyphs",
        severity,
        f"{raw.unreadable} glyph(s) have no readable text behind them (icon fonts, symbols, or fonts without a "
        "Unicode map); an ATS sees nothing or garbage there. Replace icons with words such as 'Email:' and "
        "embed standard fonts.",
        where,
        page=pages[0] if pages else None,
        count=raw.unreadable,
    )


def _mojibake(raw: RawDocument, lines: tuple[Line, ...]) -> Finding | None:
    if not raw.mojibake:
        return None
    return Finding(
        "encoding_garbage",
        "medium",
        f"{raw.mojibake} place(s) show mis-encoded characters such as "
        f"{' or '.join(repr(seen) for seen in raw.mojibake_seen) or repr('â€™')} where a dash, quote or other "
        "character was meant; an ATS shows them as garbage. Retype those characters or save the file again as UTF-8.",
        "text",
        count=raw.mojibake,
    )


def _header_footer(lines: tuple[Line, ...], contact: Contact) -> list[Finding]:
    content = [
        line for line in lines if line.origin in ("header", "footer") and not _PAGE_NUMBER.match(line.text.strip())
    ]
    if not content:
        return []
    fields = sorted(k for k, origin in contact.origins.items() if origin in ("header", "footer") and k != "name")
    if fields:
        return [
            Finding(
                "header_footer",
                "high",
                f"Your {', '.join(fields)} sit only in the page header or footer. Many ATS skip headers and footers, "
                "so the employer may have no way to reach you; put contact details in the body at the top.",
                "header/footer",
                page=1,
                count=len(content),
            )
        ]
    return [
        Finding(
            "header_footer",
            "medium",
            f"{len(content)} line(s) of text sit in the page header or footer (e.g. \"{content[0].text[:40]}\"); "
            "many ATS skip them. Move anything important into the body.",
            "header/footer",
            page=1,
            count=len(content),
        )
    ]


def _letter_spacing(lines: tuple[Line, ...]) -> list[Finding]:
    spaced = [line for line in lines if _SPACED_LETTERS.search(line.text)]
    if not spaced:
        return []
    return [
        Finding(
            "letter_spacing",
            "low",
            f"{len(spaced)} line(s) are letter-spaced (\"{spaced[0].text[:30]}\"): an ATS reads single letters, "
            "not words. Use normal spacing and make headings bold instead.",
            f"page {spaced[0].page}",
            page=spaced[0].page,
            count=len(spaced),
        )
    ]


def _extension_mismatch(fmt: str, name: str) -> Finding | None:
    ext = os.path.splitext(name)[1].lower()
    if ext in SUFFIXES[fmt] or not ext:
        return None
    return Finding(
        "wrong_extension",
        "medium",
        f"The file is named '{ext}' but is really {_NAMES[fmt]}. Some ATS reject or misread files whose name does "
        f"not match their content; rename it to {SUFFIXES[fmt][0]}.",
        "file name",
    )
