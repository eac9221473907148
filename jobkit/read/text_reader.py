"""Read plain-text and Markdown resumes.

Encodings: a byte-order mark decides (UTF-8, UTF-16, UTF-32); otherwise UTF-8,
then Windows-1252, the 8-bit encoding Windows editors write, which also
covers Latin-1. Pages are estimated at a standard page: US Letter, one-inch
margins, 11 pt text, about 85 characters a line and 48 lines a page.
"""

from __future__ import annotations

import math
import re

from jobkit.config import Limits
from jobkit.read.deadline import Deadline
from jobkit.model.document import Line
from jobkit.errors import EmptyDocument, TooManyPages
from jobkit.read.textnorm import clean_line, count_mojibake, mojibake_seen
from jobkit.read.raw import RawDocument

CHARS_PER_LINE = 85
LINES_PER_PAGE = 48

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
# Neither the link text nor the URL runs over a "[": a new "[" starts the next
# candidate. Without that, each "[" or "](" of an unclosed run scanned to the
# end of the line, quadratic in its length.
_MD_LINK = re.compile(r"\[([^\[\]]*+)\]\(([^)\s\[\]]++)(?:\s++\"[^\"]*+\")?\)")
# Single-star emphasis does not run over another opening star (" *x"), for the
# same reason: each opener of " *a *a *a ..." otherwise scanned to the end.
_MD_EMPHASIS = re.compile(
    r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)((?:[^*]|(?<=[\w*])\*|\*(?=\s))+?)(?<!\s)\*(?![\w*])|`([^`]*)`"
)
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_LABEL = re.compile(r"^[A-Za-z][A-Za-z &/]{1,40}:$")


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes to text; return the text and the encoding used."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _markdown_line(line: str) -> tuple[str, bool]:
    """Strip Markdown syntax; say whether the line is a Markdown heading."""
    heading = _MD_HEADING.match(line)
    if heading:
        line = heading.group(1)
    line = _MD_LINK.sub(lambda m: m.group(1) if m.group(1) == m.group(2) else f"{m.group(1)} {m.group(2)}".strip(), line)
    line = _MD_EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or m.group(4) or "", line)
    return line, heading is not None


def _looks_like_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters or len(text) > 50:
        return False
    return (text.isupper() and len(letters) >= 3) or bool(_LABEL.match(text))


def read_text(data: bytes, name: str, limits: Limits, deadline: Deadline) -> RawDocument:
    text, encoding = decode_text(data)
    mojibake = count_mojibake(text)
    lines: list[Line] = []
    unreadable = 0
    rows = 0
    previous_blank = True
    for raw_line in text.splitlines():
        rows += max(1, math.ceil(len(raw_line.expandtabs(4)) / CHARS_PER_LINE))
        if _MD_RULE.match(raw_line):
            continue
        stripped, md_heading = _markdown_line(raw_line)
        clean, bad = clean_line(stripped)
        unreadable += bad
        after_blank, previous_blank = previous_blank, not clean
        if not clean:
            continue
        page = (rows - 1) // LINES_PER_PAGE + 1
        # A plain-text heading stands after a blank line; a run of capitals
        # inside a block ("CPC (AAPC)") is content, not a heading.
        heading = md_heading or (after_blank and _looks_like_heading(clean))
        lines.append(Line(clean, page, styled_heading=heading))
        if len(lines) % 2000 == 0:
            deadline.check()
    if not lines:
        raise EmptyDocument("The text file has no readable text.", filename=name)
    pages = max(1, math.ceil(rows / LINES_PER_PAGE))
    if pages > limits.max_pages:
        raise TooManyPages(
            f"This text fills about {pages} pages; a resume has at most {limits.max_pages} (the configured limit).",
            filename=name,
        )
    return RawDocument(
        format="text",
        lines=lines,
        pages=pages,
        page_count_method="text_standard_page_estimate",
        page_count_confidence="low",
        metadata={"encoding": encoding, "reader": "jobkit text reader"},
        unreadable=unreadable,
        mojibake=mojibake,
        mojibake_seen=mojibake_seen((text,)) if mojibake else (),
    )
