"""Does the resume name the job applied for? Recruiters search an ATS by job title first.

A posting's own title is looked for ("Medical Records Technician (Coder)", also
without the part in brackets); for a role, any of the role's usual titles. A
title counts when its words appear in order on one line, in any case and with
word endings and punctuation ignored (the matcher's token keys), or when one
line says nearly the same (rapidfuzz, at most a word's difference).
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from jobkit.match.docindex import DocIndex
from jobkit.match.tokens import phrase_key
from jobkit.model.check_results import JobTitleCheck

NEAR_TITLE = 88
_BRACKETS = re.compile(r"\s*\([^)]*\)")


def _forms(titles: tuple[str, ...]) -> list[str]:
    forms: list[str] = []
    for title in titles:
        for form in (title, _BRACKETS.sub("", title).strip()):
            if form and form not in forms and len(phrase_key(form)) >= 1:
                forms.append(form)
    return forms


class _Lines:
    """The visible lines of a resume as the title check compares them, each made once per check."""

    def __init__(self, index: DocIndex) -> None:
        tokens: dict[int, list[str]] = {}
        for stream in index.streams:  # the matcher's tokens of each line, as phrase_key() makes them
            if not stream.hidden:
                for norm, number in zip(stream.norms, stream.lines):
                    tokens.setdefault(number, []).append(norm)
        self.numbers: list[int] = []
        self.keys: list[tuple[str, ...]] = []
        self.folded: list[str] = []
        for number, line in enumerate(index.document.lines):
            if line.hidden or not line.text.strip():
                continue
            self.numbers.append(number)
            self.keys.append(tuple(tokens.get(number, ())))
            self.folded.append(line.text.casefold())

    def first_with(self, form: str) -> int | None:
        """The first line holding the title's words in order, or one that says nearly the same."""
        key = phrase_key(form)
        size = len(key)
        found = next((i for i, words in enumerate(self.keys) if key[0] in words and
                      any(words[j:j + size] == key for j in range(len(words) - size + 1))), None)
        if size >= 2:
            near = [i for i, text in enumerate(self.folded[:found]) if len(text) <= 3 * len(form)]
            hits = process.extract(form.casefold(), [self.folded[i] for i in near], scorer=fuzz.token_set_ratio,
                                   score_cutoff=NEAR_TITLE, limit=None)
            if hits:
                found = near[min(hit[2] for hit in hits)]
        return None if found is None else self.numbers[found]


def check_job_title(index: DocIndex, titles: tuple[str, ...], *, posting: bool) -> JobTitleCheck | None:
    """The title check, or None when there is no title to look for."""
    forms = _forms(titles)
    if not forms:
        return None
    wanted = titles[0]
    lines = _Lines(index)
    for form in forms:
        number = lines.first_with(form)
        if number is not None:
            line = index.document.lines[number]
            return JobTitleCheck(wanted, True, f"Your resume names the job: '{line.text.strip()[:80]}' (page {line.page}).",
                                 wording=form, line=number, page=line.page)
    whose = "The posting's title" if posting else "The usual title for this role"
    return JobTitleCheck(wanted, False, f"{whose} is '{wanted}', and your resume does not say it. Recruiters search by "
                                        "title: if it is true of you, write it in your summary or as the title of a job you held.")
