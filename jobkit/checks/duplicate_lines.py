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
CONTAINED_RUNS = 0.75  # share of a sentence's three-word runs found in another for it to be written there again
MIN_CONTAINED_WORDS = 6  # a sentence found inside another counts as written twice from this many words
_NUMBERS = re.compile(r"\d+")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_CONTACT = re.compile(r"@|https?://|www\.|linkedin\.com|github\.com", re.I)  # contact lines repeat in headers
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


def _shingles(key: str) -> frozenset[tuple[str, ...]]:
    words = key.split()
    return frozenset(zip(words, words[1:], words[2:]))


def _same(a: str, b: str, shingles_a: frozenset[tuple[str, ...]], shingles_b: frozenset[tuple[str, ...]],
          numbers_a: list[str], numbers_b: list[str]) -> bool:
    """The same sentence, or nearly: one a short extension of the other ("sales." / "sales and returns"), or
    one found, nearly word for word, inside a run-on line ("Ask for and/or offered ..." in "... Asked for and/or
    offered ...": most of its three-word runs are there)."""
    if a == b:
        return True
    if numbers_a != numbers_b and not (len(a) > 2 * len(b) or len(b) > 2 * len(a)):
        return False  # "2018 Finalist" and "2017 Finalist" are two lines
    (short, short_runs), (long_, long_runs) = sorted(((a, shingles_a), (b, shingles_b)), key=lambda pair: len(pair[0]))
    if long_.startswith(short) and len(short) >= 0.7 * len(long_):
        return True
    if len(short.split()) >= MIN_CONTAINED_WORDS:
        if f" {short} " in f" {long_} ":
            return True  # a duty repeated inside a run-on line whose bullets the text layer merged
        if short_runs and len(short_runs & long_runs) >= CONTAINED_RUNS * len(short_runs):
            return True
    return abs(len(a) - len(b)) <= len(a) // 10 and ratio(a, b) >= NEAR_DUPLICATE


def duplicate_lines(index: "DocIndex") -> list[DuplicateLine]:
    """Sentences and bullets written twice (verbatim or nearly), each with both places."""
    out: list[DuplicateLine] = []
    kept: list[tuple[int, str, str, frozenset[tuple[str, ...]], list[str], str]] = []
    reported: set[str] = set()
    for number, sentence in _units(index):
        key = _normal(sentence)
        words = key.split()
        if len(words) < MIN_DUPLICATE_WORDS or _YEAR.search(sentence) and len(words) < 10 \
                or not (_SENTENCE_WORD.search(sentence) or sentence.rstrip().endswith(".")) or _CONTACT.search(sentence):
            continue  # short lines, job headers and headings ("Company Name City , State") repeat by nature
        runs = _shingles(key)
        numbers = _NUMBERS.findall(key)
        text = BULLET.sub("", sentence).strip()
        text_key = _normal(text)  # each sentence normalised once, not once per pair it is compared in
        for other, other_key, other_text, other_runs, other_numbers, other_text_key in kept:
            if _same(other_key, key, other_runs, runs, other_numbers, numbers):
                # what is written twice: the shorter (the earlier one when both are as long)
                shorter, shorter_key = (text, text_key) if len(text) < len(other_text) else (other_text, other_text_key)
                if shorter_key not in reported:
                    reported.add(shorter_key)
                    out.append(DuplicateLine(shorter, (other, number)))
                    if len(out) == MAX_DUPLICATES:
                        return out
        if len(kept) < MAX_LINES_COMPARED:
            kept.append((number, key, text, runs, numbers, text_key))
    return out
