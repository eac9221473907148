"""Bullet points rebuilt from lines (a PDF wraps one bullet over several lines)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from jobkit.model.document import Document

BULLET = re.compile(r"^\s*(?:[\u2022\u00b7\u25aa\u25cf\u25e6\u2023\u25cb\u25a0\u25a1\u27a2\u2713\u2714*>-]|o\s)\s*")
WORK_SECTIONS = frozenset({"experience", "projects", "volunteer", "summary"})


@dataclass(frozen=True)
class Bullet:
    line: int
    page: int
    text: str
    words: int


def continues(prev_text: str, text: str) -> bool:
    """A wrapped line goes on with a lower-case word, or after a line with no closing stop."""
    if BULLET.match(text):
        return False
    return text[:1].islower() or not prev_text.rstrip().endswith((".", ":", ";", "!", "?"))


def bullets(document: Document, sections: list[str]) -> list[Bullet]:
    """Bulleted paragraphs in the work sections, each with its word count."""
    found: list[Bullet] = []
    current: list[str] = []
    start = 0
    for index, line in enumerate(document.lines):
        in_work = sections[index] in WORK_SECTIONS and not line.hidden and not line.styled_heading
        if current and in_work and document.lines[index - 1].page == line.page and continues(current[-1], line.text):
            current.append(line.text)
            continue
        if current:
            found.append(_bullet(document, start, current))
            current = []
        if in_work and BULLET.match(line.text):
            start, current = index, [BULLET.sub("", line.text)]
    if current:
        found.append(_bullet(document, start, current))
    return found


def _bullet(document: Document, start: int, parts: list[str]) -> Bullet:
    text = " ".join(parts)
    return Bullet(start, document.lines[start].page, text, len(text.split()))
