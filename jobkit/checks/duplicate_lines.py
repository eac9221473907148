"""Lines and sentences written twice: the duty repeated in the next bullet, the same sentence twice in a summary,
a duty copied into every job. Compared by sentence, not only by line, so a repeat inside a run-on line whose bullets
the PDF text layer merged is found too; lines that differ only in their numbers ("2018 Finalist", "2017 Finalist")
are two lines. Bounded: at most a few hundred sentences are compared."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rapidfuzz.fuzz import ratio as _ratio

from jobkit.model.proofreading_results import DuplicateLine
from jobkit.read.bullets import BULLET

if TYPE_CHECKING:
    from jobkit.match.docindex import DocIndex

MAX_LINES_COMPARED = 400
MAX_DUPLICATES = 12
NEAR_DUPLICATE = 0.92
MIN_DUPLICATE_WORDS = 5
MIN_CONTAINED_WORDS = 6  # a sentence found inside another counts as written twice from this many words
_NUMBERS = re.compile(r"\d+")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_SENTENCE_WORD = re.compile(r"\b[a-z]{4,}\b")  # a line of prose has lower-case words


def ratio(a: str, b: str) -> float:
    return _ratio(a, b) / 100


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s%]", " ", BULLET.sub("", text).lower()).split())


_CONTINUES = re.compile(r"(?:,|\b(?:and|or|the|of|to|a|an|with|for|in|on|by|as|from|at|such)\s*)$", re.I)


def _starts_item(previous: str, text: str) -> bool:
    """A line starting in capitals after a line that does not run on ("..., and"): a new duty whose bullet glyph
    the text layer lost."""
    return text[:1].isupper() and not _CONTINUES.search(previous)


def _units(index: "DocIndex") -> list[tuple[int, str]]:
    """The resume's sentences and bullets, each with the line it starts on: lines that wrap are joined, a bullet
    or a line after a sentence's end starts a new one (a sentence written twice inside a paragraph counts)."""
    units: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(index.document.lines):
        if line.hidden or line.origin in ("header", "footer"):
            continue  # a running header or footer repeats on every page by design
        text = line.text.strip()
        if not text or BULLET.match(line.text) or (current and (current[-1][-1:] in ".!?:;" or _starts_item(current[-1], text))):
            if current:
                units.append((start, " ".join(current)))
            current, start = [], number
        if text:
            if not current:
                start = number
            current.append(text)
    if current:
        units.append((start, " ".join(current)))
    out = []
    for number, text in units:
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text):
            out.append((number, sentence))
    return out


def _same(a: str, b: str) -> bool:
    """The same sentence, or nearly: one a short extension of the other ("sales." / "sales and returns")."""
    if a == b:
        return True
    if _NUMBERS.findall(a) != _NUMBERS.findall(b):
        return False  # "2018 Finalist" and "2017 Finalist" are two lines
    short, long_ = sorted((a, b), key=len)
    if long_.startswith(short) and len(short) >= 0.7 * len(long_):
        return True
    if len(short.split()) >= MIN_CONTAINED_WORDS and f" {short} " in f" {long_} ":
        return True  # a duty repeated inside a run-on line whose bullets the text layer merged
    return abs(len(a) - len(b)) <= len(a) // 10 and ratio(a, b) >= NEAR_DUPLICATE


def duplicate_lines(index: "DocIndex") -> list[DuplicateLine]:
    """Sentences and bullets written twice (verbatim or nearly), each with both places."""
    out: list[DuplicateLine] = []
    kept: list[tuple[int, str, str]] = []
    reported: set[str] = set()
    for number, sentence in _units(index):
        key = _normal(sentence)
        if len(key.split()) < MIN_DUPLICATE_WORDS or _YEAR.search(sentence) and len(key.split()) < 10 \
                or not _SENTENCE_WORD.search(sentence):
            continue  # short lines, job headers and headings ("Company Name City , State") repeat by nature
        twins = [(other, other_key, other_text) for other, other_key, other_text in kept if _same(other_key, key)]
        for other, other_key, other_text in twins:
            shorter = min((other_text, BULLET.sub("", sentence).strip()), key=len)  # what is written twice
            if _normal(shorter) not in reported:
                reported.add(_normal(shorter))
                out.append(DuplicateLine(shorter, (other, number)))
        if not twins and len(kept) < MAX_LINES_COMPARED:
            kept.append((number, key, BULLET.sub("", sentence).strip()))
    return out[:MAX_DUPLICATES]


