"""Tokens for matching: the normal form that makes spelling variants equal.

"ICD-10-CM", "ICD 10 CM" and "icd10cm" give the same tokens; so do
"R.H.I.T." and "RHIT", "Anatomy & Physiology" and "anatomy and physiology",
"audits" and "auditing". Tokens are whole words, so "CPT" can never match
inside "CPA" and "RHIA" never matches "RHIT".

The stemmer only folds inflections (plurals, -ing, -ed, a final e). A full
Porter stemmer also strips -ment, -ion and -ly, which makes "manager" match
"management", "authorizations" match "authority" and "timely" match "time":
wrong matches a job seeker would rightly call nonsense.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

# Dotted acronyms first (R.H.I.T., B.S.), then an acronym with a one-letter
# suffix (CPC-A, CCS-P: the suffix is part of the credential, and "a" would
# otherwise be dropped as a stop word), then runs of letters/digits with an
# optional possessive.
_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}[A-Za-z]?\.?|[A-Z]{2,}-[A-Z](?![\w-])|[^\W_]+(?:['\u2019][sS]\b)?"
)
_ALNUM_SPLIT = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")
STOP_WORDS = frozenset({"and", "of", "the", "for", "in", "to", "a", "an", "with", "on", "at", "by", "or"})

_STEMS: dict[str, str] = {}
_KEEP_S = ("ss", "us", "is", "ous")
_DOUBLES_KEPT = frozenset("lsz")


def _undouble(word: str) -> str:
    """scann -> scan, but bill stays bill."""
    if len(word) > 2 and word[-1] == word[-2] and word[-1] not in _DOUBLES_KEPT and word[-1] not in "aeiou":
        return word[:-1]
    return word


def _inflection(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "xes", "ches", "shes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(_KEEP_S) and len(word) > 3:
        word = word[:-1]
    if word.endswith("ing") and len(word) > 5:
        word = _undouble(word[:-3])
    elif word.endswith("ied") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("ed") and len(word) > 4:
        word = _undouble(word[:-2])
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def stem(word: str) -> str:
    """Fold a lower-case word's inflections; short words and numbers stay as they are."""
    cached = _STEMS.get(word)
    if cached is None:
        cached = word if len(word) <= 3 or not word.isalpha() else _inflection(word)
        if len(_STEMS) < 50_000:
            _STEMS[word] = cached
    return cached


class Token(NamedTuple):
    """One normalised token and where its source word sits in the line."""

    norm: str
    raw: str
    start: int
    end: int


def _pieces(word: str) -> list[str]:
    lowered = word.lower()
    if lowered.isalpha():
        return [lowered]
    if "." in lowered or "-" in lowered:
        lowered = lowered.replace(".", "").replace("-", "")
    if lowered.endswith(("'s", "\u2019s")):
        lowered = lowered[:-2]
    return [p for p in _ALNUM_SPLIT.split(lowered) if p]


def tokenize(text: str) -> list[Token]:
    """Normalised, stemmed tokens of ``text`` with their character spans."""
    tokens: list[Token] = []
    append = tokens.append
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        for piece in _pieces(match.group(0)):
            if piece not in STOP_WORDS:
                append(Token(stem(piece), piece, start, end))
    return tokens


def words(text: str) -> list[tuple[str, str]]:
    """(stem, raw) pairs of ``text``, in order: :func:`tokenize` without spans, for speed."""
    out: list[tuple[str, str]] = []
    append = out.append
    stems = _STEMS
    for word in _TOKEN.findall(text):
        lowered = word.lower()
        if lowered.isalpha():
            if lowered not in STOP_WORDS:
                append((stems.get(lowered) or stem(lowered), lowered))
            continue
        for piece in _pieces(word):
            if piece not in STOP_WORDS:
                append((stem(piece), piece))
    return out


@functools.lru_cache(maxsize=8192)
def phrase_key(text: str) -> tuple[str, ...]:
    """The token tuple a term or alias is matched by (kept for the terms and fields asked again per check)."""
    return tuple(token.norm for token in tokenize(text))


def plain_key(text: str) -> str:
    """Lower-case, unstemmed words joined by spaces: what fuzzy matching compares."""
    return " ".join(token.raw for token in tokenize(text))


def is_acronym(text: str) -> bool:
    """Short all-capital forms such as CPT, RHIT, EHRs: matched exactly, never fuzzily."""
    letters = re.sub(r"[^A-Za-z0-9]", "", text)
    return len(letters) <= 6 and sum(c.isupper() or c.isdigit() for c in letters) >= max(2, len(letters) - 1)
