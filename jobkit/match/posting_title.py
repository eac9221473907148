"""The job title of a pasted posting: the first line that names a job, not the job board's chrome."""

from __future__ import annotations

import re

from jobkit.model.document import Document
from jobkit.match.posting_cues import _LIST_ITEM, _SENTENCE_PUNCTUATION, _heading_words
_TITLE_FIELD = re.compile(r"^\s*(?:job\s+)?title\s*:\s*(.+)$", re.I)
_TITLE_WORDS = re.compile(
    r"\b(technician|tech|coder|registrar|specialist|manager|clerk|analyst|officer|poster|lead|assistant|"
    r"administrator|director|supervisor|coordinator)\b",
    re.I,
)
_URL = re.compile(r"https?://\S+|www\.\S+")
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
# A job named in a sentence: capitalised words ending in a job word, with its parenthetical
# ("The Medical Records Technician (Coder) is responsible", "Tumor registrar is responsible").
_NAMED_TITLE = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\bThe\s))((?:[A-Z][\w/&-]*+\s+){1,5}(?i:" + _TITLE_WORDS.pattern + r")"
    r"(?:\s*\([^()]{1,40}\))?)"
)


def _chrome(text: str) -> bool:
    """Job-board chrome, not a title: "Created at: November 01, 2025 00:02", "Posted 3 days ago", "Apply now",
    "Job ID: 123", "Company: ...", a date, a bare URL (already removed, so an empty line)."""
    if not text or _CHROME.match(text) or _DATE.search(text):
        return True
    field = _FIELD.match(text)
    return bool(field) and not _TITLE_WORDS.search(field.group(1))


def posting_title(document: Document) -> str:
    """The job title: a "Title:" field, else the first early line naming a job, else a job named in an
    early sentence ("The Medical Records Technician (Coder) is responsible ..."), else the first short line
    that is not job-board chrome, a heading or a sentence; "" when there is none."""
    lines = [_URL.sub("", line.text).strip().strip("*#_`").strip() for line in document.lines[:15]]
    for text in lines:
        field = _TITLE_FIELD.match(text)
        if field:
            return field.group(1).strip()[:120]
    candidates = [t for t in lines if not _chrome(t) and not _heading_words(t) and not t.endswith(":")]
    for text in candidates:
        if _TITLE_WORDS.search(text) and len(text) < 100 and not text.endswith("."):
            return text[:120]
    for text in candidates:
        named = _NAMED_TITLE.search(text)
        if named:
            return re.sub(r"^(?:The|A|An)\s+", "", named.group(1))[:120]
    for text in candidates:
        if (len(text) <= 120 and sum(c.isalpha() for c in text) >= 3 and not _SENTENCE_PUNCTUATION.search(text)
                and not _LIST_ITEM.match(text)):
            return text
    return ""


def _shouting(text: str) -> bool:
    """A heading in capitals ("CLICK TO APPLY"): its words are not acronyms."""
    words = [w for w in _URL.sub(" ", text).split() if any(c.isalpha() for c in w)]
    return bool(words) and sum(1 for w in words if w.isupper()) >= 0.6 * len(words) and len(words) >= 2
