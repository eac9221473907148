"""The words and line shapes of a job posting, shared by the posting's readers.

What a heading is made of, a list item, a sentence end, a job word, a URL, a
job board's chrome ("Posted 3 days ago", "Job ID: 123") and a heading in
capitals: one home for the vocabulary :mod:`posting_cues` (required or
preferred), :mod:`posting_title` (the job title) and :mod:`posting_extras`
(the terms no keyword set knows) all read lines with.
"""

from __future__ import annotations

import re

from jobkit.model.job_titles import TITLE_WORDS  # noqa: F401  (used here and by the title finder)

SENTENCE_PUNCTUATION = re.compile(r"[.;!?](?:\s|$)")
LIST_ITEM = re.compile(r"^(?:[-*\u2022\u00b7\u25aa\u2013]|\(?\w{1,2}\))\s*")

# The words a plain heading line is made of, with no colon and not in capitals: "Preferred",
# "Preferred Qualifications", "Nice to have", "Minimum Qualifications", "Basic Requirements", "Job Duties".
# A short line made only of these is a heading; "CCS required" or "Epic" (an item under a heading) is not.
CUE_HEADING_WORDS = frozenset(
    "required requirements requirement minimum basic mandatory essential must qualifications qualification "
    "preferred desired desirable nice bonus pluses ideally".split()
)
_HEADING_FILLER = frozenset(
    "and or the of to a have haves also additional other key knowledge skills skill abilities ability education "
    "experience certifications certification certificates licenses license licensure credentials training "
    "qualities expertise background points what we you your job position candidate".split()
)
# Sections that end a "Preferred" or "Required" block ("Physical Demands", "Benefits").
SECTION_WORDS = frozenset(
    "duties responsibilities responsibility tasks functions benefits perks physical demands work working "
    "environment conditions summary overview description about us company role competencies how apply "
    "compensation salary pay schedule why join our team mission".split()
)


def heading_words(text: str) -> list[str]:
    """The words of a short line made only of heading words ("Experience and Education"), else []."""
    stripped = text.strip().strip("*_#`").strip()
    if not stripped or len(stripped) > 60 or not stripped[0].isalpha() or re.search(r"[.;!?]", stripped):
        return []
    words = re.findall(r"[a-z]+", stripped.lower())
    if not 1 <= len(words) <= 6 or any(
        w not in CUE_HEADING_WORDS and w not in _HEADING_FILLER and w not in SECTION_WORDS for w in words
    ):
        return []
    return words


URL = re.compile(r"https?://\S+|www\.\S+")
_CHROME = re.compile(
    r"^(?:created|posted|updated|date posted|posting date|closes|closing date|open date|close date|apply|easy apply|"
    r"job id|job number|req(?:uisition)?\b|reference|ref\b|skip to|back to|share|save|print|sign in|log in|"
    r"u\.s\. flag|this job announcement|hiring complete|reviewing applications)\b",
    re.I,
)
_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\b"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b",
    re.I,
)
# "Company: ...", "Location: ...": a field label of a few words, then a colon.
_FIELD = re.compile(r"^([A-Za-z][A-Za-z &/()-]{0,30}):(?:\s|$)")

def is_chrome(text: str) -> bool:
    """Job-board chrome, not a title: "Created at: November 01, 2025 00:02", "Posted 3 days ago", "Apply now",
    "Job ID: 123", "Company: ...", a date, a bare URL (already removed, so an empty line)."""
    if not text or _CHROME.match(text) or _DATE.search(text):
        return True
    field = _FIELD.match(text)
    return bool(field) and not TITLE_WORDS.search(field.group(1))


def is_shouting(text: str) -> bool:
    """A heading in capitals ("CLICK TO APPLY"): its words are not acronyms."""
    if "http" in text or "www." in text:
        text = URL.sub(" ", text)
    words = [w for w in text.split() if w.isalpha() or any(c.isalpha() for c in w)]
    return bool(words) and sum(1 for w in words if w.isupper()) >= 0.6 * len(words) and len(words) >= 2
