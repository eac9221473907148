"""The job title of a pasted posting: the first line that names a job, not the job board's chrome."""

from __future__ import annotations

import re

from jobkit.model.document import Document
from jobkit.match.posting_vocabulary import LIST_ITEM, SENTENCE_PUNCTUATION, TITLE_WORDS, URL, heading_words, is_chrome

_TITLE_FIELD = re.compile(r"^\s*(?:job\s+)?title\s*:\s*(.+)$", re.I)
# A job named in a sentence: capitalised words ending in a job word, with its parenthetical
# ("The Medical Records Technician (Coder) is responsible", "Tumor registrar is responsible").
_NAMED_TITLE = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\bThe\s))((?:[A-Z][\w/&-]*+\s+){1,5}(?i:" + TITLE_WORDS.pattern + r")"
    r"(?:\s*\([^()]{1,40}\))?)"
)


# An announcement's revision marks are not part of the job's title ("Med Rec Tech (Coder) - AMENDED").
_REVISION = re.compile(r"\s*[-\u2013(]*\s*\b(?:AMENDED|REVISED|RE-?ANNOUNCED|REPOSTED|UPDATED)\b\s*\)?\s*$", re.I)


def posting_title(document: Document) -> str:
    title = _title(document)
    return _REVISION.sub("", title).strip() or title


def _title(document: Document) -> str:
    """The job title: a "Title:" field, else the first early line naming a job, else a job named in an
    early sentence ("The Medical Records Technician (Coder) is responsible ..."), else the first short line
    that is not job-board chrome, a heading or a sentence; "" when there is none."""
    lines = [URL.sub("", line.text).strip().strip("*#_`").strip() for line in document.lines[:15]]
    for text in lines:
        field = _TITLE_FIELD.match(text)
        if field:
            return field.group(1).strip()[:120]
    candidates = [t for t in lines if not is_chrome(t) and not heading_words(t) and not t.endswith(":")]
    for text in candidates:
        if TITLE_WORDS.search(text) and len(text) < 100 and not text.endswith("."):
            return text[:120]
    for text in candidates:
        named = _NAMED_TITLE.search(text)
        if named:
            return re.sub(r"^(?:The|A|An)\s+", "", named.group(1))[:120]
    for text in candidates:
        if (len(text) <= 120 and sum(c.isalpha() for c in text) >= 3 and not SENTENCE_PUNCTUATION.search(text)
                and not LIST_ITEM.match(text)):
            return text
    return ""
