"""A document prepared for matching: token streams per section, built once.

Lines of one section are joined into one stream so a term wrapped over two
PDF lines ("electronic health / records") still matches; hidden lines get
streams of their own so they never join visible text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from jobkit.model.document import Document
from jobkit.match.tokens import Token, phrase_key, tokenize, words
from jobkit.read.experience import JobEntry, job_entries

# Sections where a term shows real use, and where it is only listed.
USED_SECTIONS = frozenset({"experience", "summary", "projects", "volunteer"})
LISTED_SECTIONS = frozenset({"skills", "coursework", "interests", "languages"})
SEPARATORS = re.compile(r"[,;|\u2022\u00b7\u25aa\u25cf/]")


@dataclass
class Stream:
    """Tokens of consecutive lines that share a section and visibility.

    ``norms`` and ``raws`` hold each token's stem and lower-case word;
    ``lines`` its line and ``ordinals`` its place in that line, from which
    :meth:`DocIndex.token` recovers the character span when evidence needs it.
    """

    norms: list[str]
    raws: list[str]
    lines: list[int]
    ordinals: list[int]
    section: str
    hidden: bool
    # Positions that start a new sentence or clause ("...coding. The training program"): a phrase
    # never spans one. A wrapped line is not a break; a line after a full stop or a bullet is.
    breaks: set[int] = field(default_factory=set)
    # A coordination read with its middle left out ("electronic [and digital] medical records"): only a phrase
    # starting at its first word and crossing the gap counts there, so nothing is counted twice.
    elided: bool = False


@dataclass
class DocIndex:
    document: Document
    sections: list[str]
    streams: list[Stream]
    positions: dict[str, list[tuple[int, int]]]
    list_lines: frozenset[int]
    _words: dict[str, dict[str, tuple[int, int]]] | None = None
    degrees: list[Any] | None = None
    line_terms: dict[int, set[str]] | None = None  # jobkit.match.line_terms: found once, on first use
    _jobs: tuple[JobEntry, ...] | None = None
    # A variant's plain words -> the near match found for them, or None: the same for every role set.
    fuzzy_found: dict[str, tuple[int, int, int] | None] = field(default_factory=dict)

    def jobs(self) -> tuple[JobEntry, ...]:
        """The document's jobs (:func:`jobkit.read.experience.job_entries`), read once for every check."""
        if self._jobs is None:
            self._jobs = job_entries(self.document)
        return self._jobs
    _spans: dict[int, list[Token]] = field(default_factory=dict)

    def token(self, s_index: int, pos: int) -> tuple[int, Token]:
        """Line number and the full token (with character span) at a stream position."""
        stream = self.streams[s_index]
        line = stream.lines[pos]
        return line, self.line_tokens(line)[stream.ordinals[pos]]

    def line_tokens(self, line: int) -> list[Token]:
        """The tokens of one document line, tokenized once per check (do not change the list)."""
        spans = self._spans.get(line)
        if spans is None:
            spans = self._spans[line] = tokenize(self.document.lines[line].text)
        return spans

    def lines_with(self, norms: frozenset[str] | set[str]) -> set[int]:
        """Lines holding any of these token stems: a cheap filter before a costly regex."""
        found: set[int] = set()
        for norm in norms:
            for s_index, pos in self.positions.get(norm, ()):
                found.add(self.streams[s_index].lines[pos])
        return found

    def contains(self, phrase: str) -> bool:
        """Whether visible text holds ``phrase`` as consecutive words (stems compared, so "records" holds "record")."""
        key = phrase_key(phrase)
        if not key:
            return False
        for s_index, pos in self.positions.get(key[0], ()):
            stream = self.streams[s_index]
            if not stream.hidden and tuple(stream.norms[pos : pos + len(key)]) == key:
                return True
        return False

    def words_starting(self, first: str) -> dict[str, tuple[int, int]]:
        """Distinct visible words starting with ``first`` -> first position (for fuzzy matching)."""
        if self._words is None:
            buckets: dict[str, dict[str, tuple[int, int]]] = {}
            for s_index, stream in enumerate(self.streams):
                if not stream.hidden:
                    for pos, raw in enumerate(stream.raws):
                        buckets.setdefault(raw[0], {}).setdefault(raw, (s_index, pos))
            self._words = buckets
        return self._words.get(first, {})


def is_list_line(text: str) -> bool:
    """A bare keyword list: many short items split by commas, bullets or bars."""
    parts = [p.strip() for p in SEPARATORS.split(text) if p.strip()]
    if len(parts) < 6:
        return False
    return sum(len(p.split()) for p in parts) / len(parts) <= 3.0


def section_names(document: Document) -> list[str]:
    names = ["other"] * len(document.lines)
    for section in document.sections:
        if section.heading_line is not None:
            names[section.heading_line] = section.name
        for index in range(section.start, section.end):
            names[index] = section.name
    return names


# A full stop after a word (not the dots of "B.S." or "R.H.I.T."), ; ! ?, a colon before a space, or a bullet.
CLAUSE_BREAK = re.compile(r"\.(?<=[A-Za-z0-9)][A-Za-z0-9)]\.)(?=\s|$)|[;!?](?=\s|$)|:(?=\s)|[|\u2022\u00b7\u25aa\u25cf]")
_BULLET_START = re.compile(r"\s*(?:[-*\u2013\u2022\u00b7\u25aa\u25cf\u2023\u2043>]|\d{1,2}[.)])\s")


_BULLET_FIRST = frozenset("-*\u2013\u2022\u00b7\u25aa\u25cf\u2023\u2043>0123456789")


def _line_words(text: str, breaks: set[int], at: int) -> tuple[list[tuple[str, str]], bool]:
    """The line's (stem, raw) pairs, clause starts added to ``breaks`` (offset ``at``), and whether it ends a sentence."""
    stripped = text.strip()
    if stripped[:1] in _BULLET_FIRST and _BULLET_START.match(text):
        breaks.add(at)
    if CLAUSE_BREAK.search(text) is None:  # most lines: one clause
        return words(text), stripped.endswith(":")
    pairs: list[tuple[str, str]] = []
    for number, clause in enumerate(CLAUSE_BREAK.split(text)):
        if number:
            breaks.add(at + len(pairs))
        pairs.extend(words(clause))
    ended = stripped[-1:] in (";", ":", "!", "?", "|") or (
        stripped.endswith(".") and CLAUSE_BREAK.search(stripped[-3:]) is not None)
    return pairs, ended


# "electronic and digital medical records", "denied and rejected claims", "posts and adjusts payments": the first
# word shares the head that follows the second. Bounded: a few per line, a few hundred per document.
_COORDINATION = re.compile(r"\b([A-Za-z][A-Za-z-]+) (?:and|&|or) ([A-Za-z][A-Za-z-]+) (?=[A-Za-z])")
MAX_COORDINATIONS_PER_LINE = 3
MAX_COORDINATIONS = 300
_HEAD_WORDS = 3  # words after the second conjunct a phrase may continue into


def _coordinations(document: Document, sections: list[str]) -> list[Stream]:
    """Short extra streams with the first conjunct joined to the words after the second ("electronic medical
    records" from "electronic and digital medical records")."""
    out: list[Stream] = []
    for index, line in enumerate(document.lines):
        if line.hidden or " and " not in line.text and " or " not in line.text and "&" not in line.text:
            continue
        pairs = None
        for match in list(_COORDINATION.finditer(line.text))[:MAX_COORDINATIONS_PER_LINE]:
            if pairs is None:
                pairs = words(line.text)
            second = len(words(line.text[:match.start(2)]))
            if second < 1 or second + 1 >= len(pairs) or pairs[second - 1][1] != match.group(1).lower() \
                    or pairs[second][1] != match.group(2).lower():
                continue
            keep = [second - 1] + list(range(second + 1, min(len(pairs), second + 1 + _HEAD_WORDS)))
            out.append(Stream([pairs[k][0] for k in keep], [pairs[k][1] for k in keep], [index] * len(keep), keep,
                              sections[index], False, elided=True))
            if len(out) >= MAX_COORDINATIONS:
                return out
    return out


def build_index(document: Document) -> DocIndex:
    sections = section_names(document)
    streams: list[Stream] = []
    ended = False  # the previous line ended a sentence
    for index, line in enumerate(document.lines):
        key = (sections[index], line.hidden)
        if not streams or (streams[-1].section, streams[-1].hidden) != key:
            streams.append(Stream([], [], [], [], *key))
        stream = streams[-1]
        if ended:
            stream.breaks.add(len(stream.norms))
        pairs, ended = _line_words(line.text, stream.breaks, len(stream.norms))
        stream.norms.extend(norm for norm, _ in pairs)
        stream.raws.extend(raw for _, raw in pairs)
        stream.lines.extend([index] * len(pairs))
        stream.ordinals.extend(range(len(pairs)))
    streams += _coordinations(document, sections)
    positions: dict[str, list[tuple[int, int]]] = {}
    for s_index, stream in enumerate(streams):
        for pos, norm in enumerate(stream.norms):
            positions.setdefault(norm, []).append((s_index, pos))
    list_lines = frozenset(i for i, line in enumerate(document.lines) if is_list_line(line.text))
    return DocIndex(document, sections, streams, positions, list_lines)
