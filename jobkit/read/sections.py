"""Find section headings and map them to canonical names.

A heading is recognised by its words ("Work History" is experience) or, for
headings no list knows ("My Journey"), by looking like the headings that were
recognised: same size, weight and case. Bold job titles therefore do not cut
an experience section in pieces.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from jobkit.model.document import Line, Section
from jobkit.model.section_names import CANONICAL

# Words that, inside a styled heading, say which canonical section it is.
_KEYWORDS = (
    ("experience", "experience"), ("employment", "experience"), ("education", "education"),
    ("skill", "skills"), ("competenc", "skills"), ("certif", "certifications"), ("licens", "certifications"),
    ("summary", "summary"), ("profile", "summary"), ("objective", "summary"), ("project", "projects"),
    ("award", "awards"), ("honor", "awards"), ("volunteer", "volunteer"), ("course", "coursework"),
    ("affiliation", "affiliations"), ("membership", "affiliations"), ("publication", "publications"),
)

VOCABULARY: dict[str, str] = {phrase: name for name, phrases in CANONICAL.items() for phrase in phrases}
_PHRASES = list(VOCABULARY)
_SPACED = re.compile(r"^(?:\w\s){2,}\w$")
_NON_WORD = re.compile(r"[^\w\s]")
_JOB_SECTIONS = frozenset({"experience", "volunteer"})
_SENTENCE_WORDS = 6  # an inline label's text this long inside a job is a sentence, not a section's list ...
_LIST_ITEM_WORDS = 3  # ... unless its items, cut at commas, are this short on average (a list of skills)
_INLINE = re.compile(r"^\s*([A-Za-z][A-Za-z &/]{1,38}?)\s*[:\u2013\u2014-]\s+(\S.*)$")


def heading_key(text: str) -> str:
    """Lower-case heading text with letter-spacing, '&' and punctuation removed."""
    text = text.strip().lower().replace("&", " and ")
    if _SPACED.match(text) or (len(text) > 6 and sum(1 for t in text.split() if len(t) == 1) >= 0.7 * len(text.split())):
        text = re.sub(r"(?<=\w) (?=\w)", "", re.sub(r"\s{2,}", "  ", text))
    text = _NON_WORD.sub(" ", text)
    return " ".join(text.split())


def canonical_name(text: str, fuzzy: bool = True) -> str | None:
    """Canonical section for heading text, or None when it is not a known heading."""
    key = heading_key(text)
    if not key or len(key.split()) > 6:
        return None
    if key in VOCABULARY:
        return VOCABULARY[key]
    words = text.split()
    if 2 <= len(words) <= 3 and key.split()[-1] in ("experience", "employment") and all(w[:1].isupper() for w in words):
        return "experience"  # "Teaching Experience", "Performance Experience", "Healthcare Employment"
    if fuzzy and len(key) >= 5:
        match = process.extractOne(key, _PHRASES, scorer=fuzz.ratio, score_cutoff=88)
        if match:
            return VOCABULARY[match[0]]
    return None


def _keyword_name(key: str) -> str | None:
    for stem, name in _KEYWORDS:
        if stem in key:
            return name
    return None


def _signature(line: Line) -> tuple[object, ...]:
    size = round(line.font_size or 0.0)
    return (size, bool(line.bold), line.text.isupper())


def _is_candidate(line: Line) -> bool:
    text = line.text
    if line.hidden or len(text) > 60 or "@" in text or text.endswith((".", ",", ";")):
        return False
    return len(text.split()) <= 6 and sum(c.isdigit() for c in text) <= 2


def _sentence(text: str) -> bool:
    """A sentence ("Trained 2 Medical Technicians in medical administration ..."), not a list ("Epic, Cerner, ...")."""
    items = [item for item in re.split(r"[,;|\u2022\u00b7]", text) if item.strip()]
    return len(text.split()) >= _SENTENCE_WORDS and len(text.split()) / max(1, len(items)) > _LIST_ITEM_WORDS


def detect_headings(lines: Sequence[Line]) -> dict[int, tuple[str, str, bool]]:
    """Map line index -> (canonical name, heading text, inline) for each heading."""
    found: dict[int, tuple[str, str, bool]] = {}
    signatures: set[tuple[object, ...]] = set()
    last = None  # the heading above this line
    for index, line in enumerate(lines):
        if not _is_candidate(line):
            inline = _INLINE.match(line.text) if not line.hidden else None
            name = canonical_name(inline.group(1), fuzzy=False) if inline else None
            # "TRAINING: Trained 2 Medical Technicians in ...": a labelled duty inside a job, not a section
            in_job = last in _JOB_SECTIONS and inline is not None and _sentence(inline.group(2))
            if name and not in_job:
                found[index] = (name, inline.group(1).strip(), True)  # type: ignore[union-attr]
                last = name
            continue
        name = canonical_name(line.text, fuzzy=line.styled_heading or line.text.isupper())
        if name:
            found[index] = (name, line.text, False)
            last = name
            if line.styled_heading or line.text.isupper():
                signatures.add(_signature(line))
    # An unknown heading never opens the document: above the first known
    # heading sits the name and contact block, often in large bold capitals.
    first_known = min(found, default=3)
    for index, line in enumerate(lines):
        if index in found or index < first_known or not _is_candidate(line) or not line.styled_heading:
            continue
        if _signature(line) in signatures or (not signatures and line.text.isupper() and len(line.text) > 3):
            key = heading_key(line.text)
            found[index] = (_keyword_name(key) or "other", line.text, False)
    return found


def find_sections(lines: Sequence[Line]) -> tuple[Section, ...]:
    """Split lines into sections; lines before the first heading are "contact"."""
    headings = detect_headings(lines)
    sections: list[Section] = []
    starts = sorted(headings)
    if not starts or starts[0] > 0:
        first = starts[0] if starts else len(lines)
        if first:
            sections.append(Section("contact", None, None, 0, first))
    for position, index in enumerate(starts):
        name, heading, inline = headings[index]
        end = starts[position + 1] if position + 1 < len(starts) else len(lines)
        sections.append(Section(name, heading, index, index if inline else index + 1, end))
    return tuple(sections)
