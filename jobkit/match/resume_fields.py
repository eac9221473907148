"""The resume's structure from its index: jobs (read once, :meth:`DocIndex.jobs`), schools, certifications and
skills, as an application form's "autofill with resume" would take them. Nothing is reworded or invented: each
value is the resume's own words, or None.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from jobkit.match.education import find_degrees
from jobkit.model.resume_structure import ResumeStructure, School
from jobkit.read.bullets import BULLET
from jobkit.read.contact import LOCATION
from jobkit.read.dates import find_dates, token_date

if TYPE_CHECKING:
    from jobkit.match.docindex import DocIndex
    from jobkit.match.education import Degree
    from jobkit.model.check_results import CredentialCheck

_SCHOOL_WORDS = re.compile(r"\b(?:university|college|school|institute|academy|conservatory|polytechnic|seminary|"
                           r"universidad|campus)\b", re.IGNORECASE)
_PIECES = re.compile(r"\s*(?:\||\t|\u00b7|\u2022|\uff0d| [-\u2013\u2014] | {3,})\s*")
_COUNTRY = re.compile(r"\s*(?:,\s*)?(?:USA|US|United States|India)?\s*$")
_NOT_SCHOOL_LINE = re.compile(r"^(?:gpa|overall gpa|cumulative gpa|coursework|relevant coursework|courses|honors|minor|"
                              r"thesis|dean|magna|summa|cum laude|member|activities|awards?|concentration)\b", re.I)
_FIELD_AFTER = re.compile(r"(?:\bin\b|\bof\b(?! (?:arts|science|applied|business|fine|engineering|technology)\b)|:|,)\s*"
                          r"(?P<field>[A-Za-z&/' ,-]{3,80}?)\s*$", re.IGNORECASE)
_LABEL_WORDS = re.compile(r"\b(?:expected|anticipated|graduation|graduated|current|currently|present|completed|"
                          r"in progress|candidate)\b.*$", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\bCity\s*,\s*State\b")  # LiveCareer's anonymized samples
_LIST_SPLIT = re.compile(r"\s*(?:,|;|\||\u2022|\u00b7|\t| {3,})\s*")
MAX_SKILLS = 60
MAX_SKILL_WORDS = 6


def _clean(text: str) -> str:
    text = _LABEL_WORDS.sub("", text)
    return " ".join(text.strip(" ,;:-\u2013").split())


def _without_dates(text: str) -> str:
    return " ".join(_split_dates(text))


def _split_dates(text: str) -> list[str]:
    """The text around its date tokens ("10/2008", "May 2016", "2018 - 2022")."""
    out, at = [], 0
    for match in find_dates(text):
        out.append(text[at:match.start()])
        at = match.end()
    out.append(text[at:])
    return [piece for piece in out if piece.strip(" ,;:-\u2013")]


def _year(texts: list[str]) -> str | None:
    years = [d.year for text in texts for d in map(token_date, find_dates(text)) if d]
    return str(max(years)) if years else None


def _field(credential: str) -> str | None:
    match = _FIELD_AFTER.search(credential)
    field = match.group("field").strip(" ,") if match else ""
    return field if field and field[0].isupper() and len(field.split()) <= 8 else None


def _pieces(text: str) -> list[str]:
    """A line cut at its separators and dates: "M.S. Data Science | Columbia University | 2020"."""
    out = []
    for piece in _PIECES.split(BULLET.sub("", text)):
        out += [p for p in (s.strip(" ,;:-\u2013") for s in _split_dates(piece)) if p]
    return [p for p in out if not _place(p) or _SCHOOL_WORDS.search(p)]


def _place(piece: str) -> bool:
    """"Austin, TX", "City , State", "New Delhi, India": a place, not a school or a degree."""
    if _PLACEHOLDER.fullmatch(piece.strip()):
        return True
    match = LOCATION.match(piece)
    return bool(match) and bool(_COUNTRY.fullmatch(piece[match.end():]))


def _entry(index: "DocIndex", degree: "Degree | None", lines: list[int]) -> School:
    texts = [index.document.lines[n].text for n in lines]
    credential = school = None
    if degree is not None:
        text = index.document.lines[degree.line].text
        piece = next((p for p in _pieces(text) if degree.start <= text.find(p) + len(p) and text.find(p) <= degree.start),
                     _without_dates(text[degree.start:]))
        at = text.find(piece)
        if 0 <= at < degree.start < at + len(piece):  # "Spokane Community College Associate of Arts": from the degree on
            piece = piece[degree.start - at:]
        credential = _clean(_PLACEHOLDER.sub("", piece)) or None
    for text in texts:
        for piece in _pieces(text):
            if _SCHOOL_WORDS.search(piece) and piece != credential and not (credential and piece in credential):
                school = school or _clean(piece.split(",")[0] if piece.count(",") > 1 else piece) or None
    if school is None and degree is not None:  # "Central Connecticut 2010 Bachelor of Arts": the piece before it
        text = index.document.lines[degree.line].text
        before = [p for p in _pieces(_PLACEHOLDER.sub("", text[:degree.start])) if p]
        school = _clean(before[-1]) if before and len(before[-1].split()) <= 6 else None
    if school is None and degree is not None:  # "UC Berkeley | 2019" on its own line above or below the degree
        others = [p for n in lines if n != degree.line for p in _pieces(index.document.lines[n].text)]
        school = next((_clean(p) for p in others if 1 <= len(p.split()) <= 6 and p[:1].isupper()
                       and not _NOT_SCHOOL_LINE.match(p)), None)
    level = degree.level if degree else None
    return School(school, credential, level, _field(credential) if credential else None, _year(texts),
                  bool(degree and degree.expected), lines[0])


def education_entries(index: "DocIndex") -> tuple[School, ...]:
    """Each school: one entry per degree line in the education section, with the lines up to the next one; a school
    line with no degree under it is an entry of its own."""
    headings = _heading_lines(index)
    lines = [n for n, name in enumerate(index.sections) if name == "education" and not index.document.lines[n].hidden
             and n not in headings
             and index.document.lines[n].text.strip() and not _NOT_SCHOOL_LINE.match(BULLET.sub("", index.document.lines[n].text).strip())]
    if not lines:
        return ()
    degrees = {}
    for degree in sorted(find_degrees(index), key=lambda d: (d.line, d.start)):
        if degree.line in lines and degree.line not in degrees:
            degrees[degree.line] = degree
    entries: list[tuple["Degree | None", list[int]]] = []
    for n in lines:
        text = index.document.lines[n].text
        has_school = bool(_SCHOOL_WORDS.search(text))
        current = entries[-1] if entries else None
        if n in degrees:
            if current is not None and current[0] is None and not any(n2 in degrees for n2 in current[1]) \
                    and n - current[1][-1] <= 2:
                entries[-1] = (degrees[n], current[1] + [n])  # the school's line came first
            else:
                entries.append((degrees[n], [n]))
        elif current is None:
            entries.append((None, [n]))  # a line above the first degree: the school's, most often
        elif has_school and (current is None or (current[0] is not None and _has_school(index, current[1]))):
            entries.append((None, [n]))
        elif current is not None:
            current[1].append(n)
    return tuple(_entry(index, degree, sorted(group)) for degree, group in entries)


def _has_school(index: "DocIndex", lines: list[int]) -> bool:
    return any(_SCHOOL_WORDS.search(index.document.lines[n].text) for n in lines)


def _skills(index: "DocIndex") -> tuple[str, ...]:
    out: list[str] = []
    for n, name in enumerate(index.sections):
        line = index.document.lines[n]
        if name != "skills" or line.hidden or (index.document.sections and n in _heading_lines(index)):
            continue
        for item in _LIST_SPLIT.split(BULLET.sub("", line.text)):
            item = item.strip(" .:")
            if item and len(item.split()) <= MAX_SKILL_WORDS and item not in out:
                out.append(item)
    return tuple(out[:MAX_SKILLS])


def _heading_lines(index: "DocIndex") -> set[int]:
    return {s.heading_line for s in index.document.sections if s.heading_line is not None}


def _other_certifications(index: "DocIndex", credentials: "CredentialCheck") -> tuple[str, ...]:
    known = {found.line for found in credentials.found}
    out = []
    for n, name in enumerate(index.sections):
        text = BULLET.sub("", index.document.lines[n].text).strip()
        if name == "certifications" and n not in known and n not in _heading_lines(index) and text \
                and not index.document.lines[n].hidden and len(text.split()) <= 14:
            out.append(text)
    return tuple(out)


def resume_structure(index: "DocIndex", credentials: "CredentialCheck") -> ResumeStructure:
    return ResumeStructure(jobs=index.jobs(), education=education_entries(index),
                           certifications=credentials.found, other_certifications=_other_certifications(index, credentials),
                           skills=_skills(index))
