"""Required or preferred: the cues a posting gives for each line and sentence.

A cue word ("must", "required", "preferred", "a plus") counts within its own
sentence or ";" clause; a heading ("Preferred Qualifications", plain or with a
colon) sets the cue for the lines under it until the next heading.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Set as AbstractSet

from jobkit.read.regex_needs import Patterns
from jobkit.model.document import Document
from jobkit.match.posting_vocabulary import CUE_HEADING_WORDS, SECTION_WORDS, heading_words

_REQUIRED = re.compile(r"\b(must|required|requires?|requirements?|mandatory|essential|minimum|qualifications?|need to)\b", re.I)
# A bare "plus" means "and" ("RHIT plus either CCS or CIC", "codes ... plus abstracts"): only "a plus"
# ("is a plus", "would be a big plus"), "(plus)" and "pluses" mean preferred. "prefer" stops short of
# "preference", which in federal postings is a hiring rule ("Indian preference", "veterans' preference").
_PREFERRED = re.compile(
    r"\b(?:prefer(?:red|ably|s)?\b|a\s+(?:big\s+|definite\s+|great\s+|huge\s+|strong\s+|real\s+)?plus\b|pluses\b|"
    r"desired|desirable|nice[\s-]to[\s-]have|ideally|bonus|advantage)|\(plus\)",
    re.I,
)
# Where a cue stops: a sentence end, or a ";" even with no space after it ("CCS required;CPC (desired)"),
# so "(desired)" or "required" in one ";"-separated clause is that clause's cue only.
# Examples of what counts, not requirements each: "(e.g., courses in ...)", "for example", "such as".
_EXAMPLES = re.compile(r"(?P<open>\(\s*)?\b(?:e\.g\.,?|for example,?|such as)(?=\s)", re.I)
# Not after an abbreviation: "the U.S. Department of Education", "(e.g. six months)", "John Q. Public".
SENTENCE_END = re.compile(r"(?<=[.!?])(?<!U\.S\.)(?<!\be\.g\.)(?<!\bi\.e\.)(?<![\s(][A-Z]\.)(?<!\b[ap]\.m\.)\s+|;\s*")


# "eligibility for coding certification", "prepares you for the CCA exam": what a program leads to, not what the
# applicant must hold (a credential just after these words is not asked for).
LEADS_TO = re.compile(r"\b(?:eligib\w*|prepares? (?:you |students )?for|sit for|leads? to)\b", re.I)
LEADS_TO_REACH = 45  # characters before a credential these words may stand


# A line that introduces alternatives or a list, not a heading: "One of the following:", "Either:".
LIST_INTRO = re.compile(r"\b(?:(?:one|any|either|each) of(?: the following)?|the following\b.{0,40}|either)\s*:?\s*$", re.I)
# A list of alternatives: "One of the following (credentials is required):", "Either:".
ALTERNATIVES_INTRO = re.compile(r"\b(?:one|any|either) of the following\b|\b(?:one|any|either) of\s*:?\s*$|^\s*either\s*:?\s*$", re.I)


_ALTERNATIVES_QUICK = Patterns((ALTERNATIVES_INTRO,))
# A line joined to the next by a trailing "OR" ("CCS; OR").
_OR_AT_END = re.compile(r"[;,]?\s*\bOR\s*$")
_REQUIRED_QUICK, _PREFERRED_QUICK = Patterns((_REQUIRED,)), Patterns((_PREFERRED,))
CUE_QUICK = (_REQUIRED_QUICK, _PREFERRED_QUICK)  # what :func:`cue_of` searches with
_EXAMPLES_QUICK = Patterns((_EXAMPLES,))


_MARKER = re.compile(r"^(?:[-*\u2022\u00b7\u25aa\u25cf]|\(?\d{1,2}[.)]|\(?[a-h][.)])\s+")
_LABELLED = re.compile(r"^(?:required|preferred|desired|desirable|minimum|optional|plus)\b[^:]{0,20}:", re.I)


def alternative_lines(document: Document) -> dict[int, int]:
    """Lines that are alternatives of one list, each with its list's number: the items under "One of the
    following:" (up to a blank line, a heading, a line of another shape or ten items) and the intro line itself,
    and lines joined by a trailing "; OR"."""
    groups: dict[int, int] = {}
    lines = document.lines
    group = 0
    for number, line in enumerate(lines):
        if _ALTERNATIVES_QUICK.any(line.text):
            group += 1
            groups[number] = group  # the intro belongs to its list ("Active coding credential, one of:")
            shape = None
            for item in range(number + 1, min(len(lines), number + 11)):
                text = lines[item].text.strip()
                if (not text or (text.endswith(":") and len(text) < 60) or _ALTERNATIVES_QUICK.any(text)
                        or _LABELLED.match(text)):
                    break
                # the list's items share one shape: all bulleted with one mark, or none ("- CRC ..." after
                # indented "CPC", "CCS" is the next requirement, not a third alternative)
                marker = _MARKER.match(text)
                mark = marker.group(0).strip()[:1] if marker else ""
                if shape is None:
                    shape = mark
                elif mark != shape:
                    break
                groups[item] = group
        elif "OR" in line.text and _OR_AT_END.search(line.text) and number + 1 < len(lines):
            joined = groups.get(number)
            if joined is None:
                group += 1
                joined = groups[number] = group
            groups[number + 1] = joined
    return groups


def cue_of(text: str, lower: str | None = None, present: AbstractSet[str] | None = None) -> str | None:
    """``lower``: ``text.lower()``; ``present``: the words of :data:`CUE_QUICK` it holds, when the caller has them."""
    if lower is None:
        lower = text.lower()
    if _PREFERRED_QUICK.any(text, lower, present):
        return "preferred"
    return "required" if _REQUIRED_QUICK.any(text, lower, present) else None


def _plain_heading(text: str) -> str | None:
    """The cue of a short heading-like line without a colon ("Preferred Qualifications"), else None.

    A line of filler words only ("Experience and Education") is a sub-heading: it keeps the cue it is under.
    """
    words = heading_words(text)
    if any(w in CUE_HEADING_WORDS for w in words):
        return cue_of(text) or "required"
    return "mentioned" if any(w in SECTION_WORDS for w in words) else None


def line_modes(document: Document) -> list[str]:
    """For each line, the cue its heading sets: "required", "preferred" or "mentioned"."""
    modes: list[str] = []
    mode = "mentioned"
    for line in document.lines:
        text = line.text
        # A line in capitals is a heading ("JOB DUTIES", "SKILLS"), but one acronym alone is an item ("RHIT").
        shouted = len(text) < 80 and text.isupper() and (len(text.split()) > 1 or bool(heading_words(text)))
        is_heading = line.styled_heading or text.rstrip().endswith(":") or shouted
        if is_heading and len(text) < 90:
            # "One of the following:" introduces a list under the heading above: it keeps that heading's cue
            mode = cue_of(text) or (mode if LIST_INTRO.search(text) else "mentioned")
        else:
            mode = _plain_heading(text) or mode
        modes.append(mode)
    return modes


class _Sentences:
    """Where the sentences of one line start and end, and their cues, each found once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []
        for match in SENTENCE_END.finditer(text):
            self.starts.append(match.start())
            self.ends.append(match.end())
        self._cues: dict[int, str | None] = {}
        found = _EXAMPLES.finditer(text) if _EXAMPLES_QUICK.may(text) else ()
        self.examples = [(m.end(), self._example_end(m)) for m in found]

    def _example_end(self, match: re.Match[str]) -> int:
        """Where a list of examples ends: its closing parenthesis, else the end of its sentence."""
        if match.group("open"):
            close = self.text.find(")", match.end())
            if close != -1:
                return close
        number = bisect_left(self.starts, match.end())
        return self.starts[number] if number < len(self.starts) else len(self.text)

    def cue(self, offset: int) -> str | None:
        """The cue of the sentence holding ``offset``: after the last break starting before it, up to the next.

        A term in a list of examples ("(e.g., courses in medical terminology, anatomy ...)") is
        "example": one way to qualify, not a requirement of its own.
        """
        if any(start <= offset < end for start, end in self.examples):
            return "example"
        number = bisect_left(self.starts, offset)
        if number not in self._cues:
            start = self.ends[number - 1] if number else 0
            end = self.starts[number] if number < len(self.starts) else len(self.text)
            self._cues[number] = cue_of(self.text[start:end])
        return self._cues[number]


class Cues:
    """Cues at places of one posting, each line split into sentences once.

    A posting asks for the cue at every occurrence of every term; finding the
    sentence anew each time re-read the line, which made a long line with no
    sentence end quadratic.
    """

    def __init__(self, document: Document, modes: list[str]) -> None:
        self.document = document
        self.modes = modes
        self._lines: dict[int, _Sentences] = {}

    def at(self, line: int, offset: int) -> str:
        """The cue of the sentence holding ``offset``: its own words first, then its heading's."""
        sentences = self._lines.get(line)
        if sentences is None:
            sentences = self._lines[line] = _Sentences(self.document.lines[line].text)
        return sentences.cue(offset) or self.modes[line]


def cue_at(document: Document, modes: list[str], line: int, offset: int) -> str:
    """The cue of the sentence holding ``offset``: its own words first, then its heading's."""
    return Cues(document, modes).at(line, offset)
