"""Tense that changes inside one past job: "Coded inpatient charts" beside "Maintains the chart-tracking log".

A bullet's tense is read from its first word (after adverbs such as "Accurately"): an "-ed" word or an irregular
past form is past; a listed verb's base, "-s" or "-ing" form is present (keywords/_proofreading.toml [tense]).
Only jobs that have ended are checked: a current job may fairly mix ongoing duties with finished results, and
words the lists do not know say nothing, so a flag is always a real change.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from jobkit.data.proofreading_rules import proofreading_rules
from jobkit.model.proofreading_results import TenseChange
from jobkit.read.bullets import BULLET

if TYPE_CHECKING:
    from jobkit.data.proofreading_rules import Tense
    from jobkit.match.docindex import DocIndex
    from jobkit.read.experience import JobEntry

_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")
# "TRAINING: Trained 2 ...", "Worked: 60.": a label before a colon is not the bullet's verb
_LABEL = re.compile(r"^\s*[A-Za-z][A-Za-z /&-]{0,40}:\s*")
_STATEMENT_END = (".", ";", "!", "?", ":")
MAX_ADVERBS = 2  # "Accurately and efficiently processed ..."


def _statements(index: "DocIndex", job: "JobEntry") -> list[int]:
    """The lines of a job that start a statement: a bulleted line, or, where the job has no bullet marks, a line
    that starts with a capital after a line that ended one."""
    lines = index.document.lines
    marked = [n for n in job.bullets if BULLET.match(lines[n].text)]
    if marked:
        return marked
    starts, previous = [], ""
    for n in job.bullets:
        text = lines[n].text.strip()
        if text[:1].isupper() and (not previous or previous.endswith(_STATEMENT_END)):
            starts.append(n)
        previous = text
    return starts


def tense_of(text: str, rules: "Tense | None" = None) -> str | None:
    """"past", "present" or None (not a verb the rules know) for a bullet's text."""
    rules = rules or proofreading_rules().tense
    words = _WORD.findall(_LABEL.sub("", BULLET.sub("", text), count=1))
    if rules is None or not words or not words[0][:1].isupper():
        return None  # a statement opens with a capital: a wrapped line does not
    skipped = 0
    while words and words[0].lower().endswith("ly") and words[0][:1].isupper() and skipped < MAX_ADVERBS:
        words = words[1:] if len(words) < 2 or words[1].lower() != "and" else words[2:]
        skipped += 1
    if not words:
        return None
    word = words[0].lower()
    if word in rules.not_verbs:
        return None
    if word in rules.irregular_past or (word.endswith("ed") and len(word) > 4):
        return "past"
    return "present" if word in rules.present else None


def tense_changes(index: "DocIndex") -> list[TenseChange]:
    out = []
    rules = proofreading_rules().tense
    for job in index.jobs():
        if job.current or job.end is None:
            continue
        tenses = {n: tense_of(index.document.lines[n].text, rules) for n in _statements(index, job)}
        past = [n for n, tense in tenses.items() if tense == "past"]
        present = [n for n, tense in tenses.items() if tense == "present"]
        if past and present:
            first = lambda n: " ".join(BULLET.sub("", index.document.lines[n].text).split()[:5])  # noqa: E731
            out.append(TenseChange(job.title or job.employer or "", job.first_line, first(past[0]),
                                   first(present[0]), len(past), len(present)))
    return out
