"""Required or preferred: the cues a posting gives for each line and sentence.

A cue word ("must", "required", "preferred", "a plus") counts within its own
sentence or ";" clause; a heading ("Preferred Qualifications", plain or with a
colon) sets the cue for the lines under it until the next heading.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from jobkit.model.document import Document
_REQUIRED = re.compile(r"\b(must|required|requires?|requirements?|mandatory|essential|minimum|qualifications?|need to)\b", re.I)
# A bare "plus" means "and" ("RHIT plus either CCS or CIC", "codes ... plus abstracts"): only "a plus"
# ("is a plus", "would be a big plus"), "(plus)" and "pluses" mean preferred. "prefer" stops short of
# "preference", which in federal postings is a hiring rule ("Indian preference", "veterans' preference").
_PREFERRED = re.compile(
    r"\b(?:prefer(?:red|ably|s)?\b|a\s+(?:big\s+|definite\s+|great\s+|huge\s+|strong\s+|real\s+)?plus\b|pluses\b|"
    r"desired|desirable|nice[\s-]to[\s-]have|ideally|bonus|advantage)|\(plus\)",
    re.I,
)
_SENTENCE_PUNCTUATION = re.compile(r"[.;!?](?:\s|$)")
_LIST_ITEM = re.compile(r"^(?:[-*\u2022\u00b7\u25aa\u2013]|\(?\w{1,2}\))\s*")
# Where a cue stops: a sentence end, or a ";" even with no space after it ("CCS required;CPC (desired)"),
# so "(desired)" or "required" in one ";"-separated clause is that clause's cue only.
# Examples of what counts, not requirements each: "(e.g., courses in ...)", "for example", "such as".
_EXAMPLES = re.compile(r"(?P<open>\(\s*)?\b(?:e\.g\.,?|for example,?|such as)(?=\s)", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|;\s*")


def _cue(text: str) -> str | None:
    return "preferred" if _PREFERRED.search(text) else "required" if _REQUIRED.search(text) else None
# The words a plain heading line is made of, with no colon and not in capitals: "Preferred",
# "Preferred Qualifications", "Nice to have", "Minimum Qualifications", "Basic Requirements", "Job Duties".
# A short line made only of these is a heading; "CCS required" or "Epic" (an item under a heading) is not.
_CUE_HEADING_WORDS = frozenset(
    "required requirements requirement minimum basic mandatory essential must qualifications qualification "
    "preferred desired desirable nice bonus pluses ideally".split()
)
_HEADING_FILLER = frozenset(
    "and or the of to a have haves also additional other key knowledge skills skill abilities ability education "
    "experience certifications certification certificates licenses license licensure credentials training "
    "qualities expertise background points what we you your job position candidate".split()
)
# Sections that end a "Preferred" or "Required" block ("Physical Demands", "Benefits").
_SECTION_WORDS = frozenset(
    "duties responsibilities responsibility tasks functions benefits perks physical demands work working "
    "environment conditions summary overview description about us company role competencies how apply "
    "compensation salary pay schedule why join our team mission".split()
)


def _heading_words(text: str) -> list[str]:
    """The words of a short line made only of heading words ("Experience and Education"), else []."""
    stripped = text.strip().strip("*_#`").strip()
    if not stripped or len(stripped) > 60 or not stripped[0].isalpha() or re.search(r"[.;!?]", stripped):
        return []
    words = re.findall(r"[a-z]+", stripped.lower())
    if not 1 <= len(words) <= 6 or any(
        w not in _CUE_HEADING_WORDS and w not in _HEADING_FILLER and w not in _SECTION_WORDS for w in words
    ):
        return []
    return words


def _plain_heading(text: str) -> str | None:
    """The cue of a short heading-like line without a colon ("Preferred Qualifications"), else None.

    A line of filler words only ("Experience and Education") is a sub-heading: it keeps the cue it is under.
    """
    words = _heading_words(text)
    if any(w in _CUE_HEADING_WORDS for w in words):
        return _cue(text) or "required"
    return "mentioned" if any(w in _SECTION_WORDS for w in words) else None


def line_modes(document: Document) -> list[str]:
    """For each line, the cue its heading sets: "required", "preferred" or "mentioned"."""
    modes: list[str] = []
    mode = "mentioned"
    for line in document.lines:
        text = line.text
        # A line in capitals is a heading ("JOB DUTIES", "SKILLS"), but one acronym alone is an item ("RHIT").
        shouted = len(text) < 80 and text.isupper() and (len(text.split()) > 1 or bool(_heading_words(text)))
        is_heading = line.styled_heading or text.rstrip().endswith(":") or shouted
        if is_heading and len(text) < 90:
            mode = _cue(text) or "mentioned"
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
        for match in _SENTENCE_END.finditer(text):
            self.starts.append(match.start())
            self.ends.append(match.end())
        self._cues: dict[int, str | None] = {}
        self.examples = [(m.end(), self._example_end(m)) for m in _EXAMPLES.finditer(text)]

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
            self._cues[number] = _cue(self.text[start:end])
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
