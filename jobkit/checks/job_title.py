"""Does the resume name the job applied for? Recruiters search an ATS by job title first.

A posting's own title is looked for ("Medical Records Technician (Coder)", also
without the part in brackets); for a role, any of the role's usual titles. A
title counts when its words appear in order on one line, in any case and with
word endings and punctuation ignored (the matcher's token keys), or when one
line says nearly the same (rapidfuzz, at most a word's difference).
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from jobkit.match.docindex import DocIndex
from jobkit.match.tokens import phrase_key, words as line_words
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


def _found_on(index: DocIndex, form: str, keys: dict[int, tuple[str, ...]]) -> int | None:
    """The first visible line holding the title's words in order, or one that says nearly the same.

    ``keys`` holds each line's token key once made, shared by every form of the title.
    """
    key = phrase_key(form)
    for number, line in enumerate(index.document.lines):
        if line.hidden or not line.text.strip():
            continue
        words = keys.get(number)
        if words is None:
            words = keys[number] = tuple(norm for norm, _ in line_words(line.text))  # phrase_key(), faster
        if key[0] in words and any(words[i:i + len(key)] == key for i in range(len(words) - len(key) + 1)):
            return number
        if len(key) >= 2 and len(line.text) <= 3 * len(form) and \
                fuzz.token_set_ratio(form.casefold(), line.text.casefold()) >= NEAR_TITLE:
            return number
    return None


def check_job_title(index: DocIndex, titles: tuple[str, ...], *, posting: bool) -> JobTitleCheck | None:
    """The title check, or None when there is no title to look for."""
    forms = _forms(titles)
    if not forms:
        return None
    wanted = titles[0]
    keys: dict[int, tuple[str, ...]] = {}
    for form in forms:
        number = _found_on(index, form, keys)
        if number is not None:
            line = index.document.lines[number]
            return JobTitleCheck(wanted, True, f"Your resume names the job: '{line.text.strip()[:80]}' (page {line.page}).",
                                 wording=form, line=number, page=line.page)
    whose = "The posting's title" if posting else "The usual title for this role"
    return JobTitleCheck(wanted, False, f"{whose} is '{wanted}', and your resume does not say it. Recruiters search by "
                                        "title: if it is true of you, write it in your summary or as the title of a job you held.")
