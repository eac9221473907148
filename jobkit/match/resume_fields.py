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
_FIELD_AFTER = re.compile(r"(?:\bin\b|\bof\b(?! (?:arts|science|applied|business|fine|engineering|technology|completion)\b)|:|,)\s*"
                          r"(?P<field>[A-Za-z&/' ,-]{3,80}?)\s*$", re.IGNORECASE)
_LABEL_WORDS = re.compile(r"\b(?:expected|anticipated|graduation|graduated|current|currently|present|completed|"
                          r"in progress|candidate)\b.*$", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\bCity\s*,\s*State\b")  # LiveCareer's anonymized samples
# Words a field of study ends with: "Health Information Management Florida International University" is cut after it
_FIELD_ENDS = frozenset("management science sciences technology administration studies arts coding billing services "
                        "nursing psychology accounting work engineering education assisting terminology".split())
MAX_NAME_WORDS_BEFORE = 3
_STRAY_NUMBER = re.compile(r"[\s,]+\d{1,2}\s*$")  # "... ADMINISTRATION , 1": a month left by "1 2008"
BARE_DEGREE = 5  # characters: "B.S", "MBA": a degree with no school, year or field is only a heading
_GPA = re.compile(r"[,;]?\s*\b(?:overall |cumulative )?GPA\b.*$", re.IGNORECASE)  # "Central Piedmont Community College": a school's name before its school word
# A diploma named as a credential ("High School Diploma", "GED"); "Bainbridge High School" is a school's name
_DIPLOMA = re.compile(r"\b(?:high school diploma|GED|general educational development)\b", re.IGNORECASE)
_LIST_SPLIT = re.compile(r"\s*(?:,|;|\||\u2022|\u00b7|\t| {3,})\s*")
MAX_SKILLS = 60
MAX_SKILL_WORDS = 6


def _clean(text: str) -> str:
    text = _STRAY_NUMBER.sub("", _GPA.sub("", _LABEL_WORDS.sub("", text)))
    return _undoubled(" ".join(text.strip(" ,;:-\u2013").split()))


def _undoubled(text: str) -> str:
    """"Health Information Technology Health Information Technology" (a template's field written twice): once."""
    words = text.split()
    for size in range(len(words) // 2, 1, -1):
        if words[-size:] == words[-2 * size:-size]:
            return " ".join(words[:-size])
    return text


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
    lower_ok = bool(match) and match.group(0).lstrip().lower().startswith("in ")  # "Bachelor's in accounting"
    return field if field and (field[0].isupper() or lower_ok) and len(field.split()) <= 8 else None


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
        credential, school = _credential_and_school(_clean(_PLACEHOLDER.sub("", piece)))
    for text in texts:
        for piece in _pieces(text):
            if _DIPLOMA.search(piece) and credential is None:
                credential = _clean(_DIPLOMA.search(piece).group(0))  # type: ignore[union-attr]
            elif _SCHOOL_WORDS.search(piece) and piece != credential and not (credential and piece in credential) \
                    and not _DIPLOMA.search(piece):
                if credential and credential.split(" :")[0] in piece:  # "University Of California Bachelor of Arts"
                    piece = piece[:piece.find(credential.split(" :")[0])]
                school = school or _clean(_PLACEHOLDER.sub("", piece.split(",")[0] if piece.count(",") > 1 else piece)) \
                    or None
    if credential is None and school and ":" in school:  # "AA : Psychology Miami Dade Community College"
        head, tail = _credential_and_school(school)
        credential, school = (head, tail) if head and tail else (credential, school)
    if school is None and degree is not None:  # "Central Connecticut 2010 Bachelor of Arts": the piece before it
        text = index.document.lines[degree.line].text
        before = [p for p in _pieces(_PLACEHOLDER.sub("", text[:degree.start])) if p]
        school = _clean(before[-1]) if before and len(before[-1].split()) <= 6 else None
    if school is None and degree is not None:  # "Associate ..., Advanced Culinary Arts 2010 Stratford": after it
        text = index.document.lines[degree.line].text
        after = [p for p in _pieces(_PLACEHOLDER.sub("", text[degree.start:])) if credential and p not in credential]
        school = next((_clean(p) for p in after if 1 <= len(p.split()) <= 6 and p[:1].isupper()), None)
    if school is None and degree is not None:  # "UC Berkeley | 2019" on its own line above or below the degree
        others = [p for n in lines if n != degree.line for p in _pieces(index.document.lines[n].text)]
        school = next((_clean(p) for p in others if 1 <= len(p.split()) <= 6 and p[:1].isupper()
                       and not _NOT_SCHOOL_LINE.match(p)), None)
    level = degree.level if degree else None
    return School(school, credential, level, _field(credential) if credential else None, _year(texts),
                  bool(degree and degree.expected), lines[0])


def _credential_and_school(piece: str) -> tuple[str | None, str | None]:
    """"BA : Social Science Bowie State University": the degree, and the school's name run into it (its capitalised
    words up to the school word)."""
    match = _SCHOOL_WORDS.search(piece)
    if not match or not match.start():
        return piece or None, None
    words = piece[:match.start()].split()
    start = len(words)
    while start and len(words) - start < MAX_NAME_WORDS_BEFORE and words[start - 1][:1].isupper() \
            and not words[start - 1].endswith((":", ",")) and "/" not in words[start - 1] \
            and words[start - 1].lower() not in _FIELD_ENDS:
        start -= 1
    if start == 0 or start == len(words) and not piece[match.start():].split():
        return piece or None, None
    head = " ".join(words[:start]).rstrip(" :,")
    tail = piece[len(" ".join(words[:start])):].strip()
    return (head or None), (tail.split(",")[0].strip() or None)


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
    for position, n in enumerate(lines):
        text = index.document.lines[n].text
        has_school = bool(_SCHOOL_WORDS.search(text))
        current = entries[-1] if entries else None
        following = lines[position + 1] if position + 1 < len(lines) else None
        if following in degrees and following - n == 1 and not _names_before(text) and current is not None \
                and (current[0] is not None or _names_in(index, current[1])):
            entries.append((None, [n]))  # "December2015" alone above the next degree: that degree's date
            continue
        if n in degrees:
            own_school = _names_before(index.document.lines[n].text[:degrees[n].start])
            if current is not None and current[0] is None and not any(n2 in degrees for n2 in current[1]) \
                    and n - current[1][-1] <= 2 and not (own_school and _names_in(index, current[1])):
                entries[-1] = (degrees[n], current[1] + [n])  # the school's line came first
            else:
                entries.append((degrees[n], [n]))
        elif current is None:
            entries.append((None, [n]))  # a line above the first degree: the school's, most often
        elif has_school and (current is None or (current[0] is not None and _has_school(index, current[1]))):
            entries.append((None, [n]))
        elif current is not None:
            current[1].append(n)
    schools = [_entry(index, degree, sorted(group)) for degree, group in entries]
    # "B.S :" alone on a line under a full degree line: a heading, not a school
    return tuple(s for s in schools if s.school or s.year or len(s.credential or "") > BARE_DEGREE)


def _names_in(index: "DocIndex", lines: list[int]) -> bool:
    """Whether these lines name anything (a school), not only years and places ("2009")."""
    return any(_names_before(index.document.lines[n].text) for n in lines)


def _names_before(text: str) -> bool:
    """A name before a degree on its line ("Central Connecticut 2010 Bachelor of Arts"): that line's own school."""
    return any(p[:1].isupper() for p in _pieces(_PLACEHOLDER.sub("", text)))


def _has_school(index: "DocIndex", lines: list[int]) -> bool:
    return any(_SCHOOL_WORDS.search(index.document.lines[n].text) for n in lines)


def _skills(index: "DocIndex") -> tuple[str, ...]:
    out: list[str] = []
    headings = _heading_lines(index)
    for n, name in enumerate(index.sections):
        line = index.document.lines[n]
        if name != "skills" or line.hidden or n in headings:
            continue
        for item in _LIST_SPLIT.split(BULLET.sub("", line.text)):
            item = item.strip(" .:")
            if item and len(item.split()) <= MAX_SKILL_WORDS and item not in out:
                out.append(item)
    return tuple(out[:MAX_SKILLS])


def _heading_lines(index: "DocIndex") -> set[int]:
    return {s.heading_line for s in index.document.sections if s.heading_line is not None}


def _other_certifications(index: "DocIndex", credentials: "CredentialCheck") -> tuple[str, ...]:
    skipped = {found.line for found in credentials.found} | _heading_lines(index)
    out = []
    for n, name in enumerate(index.sections):
        if name != "certifications" or n in skipped:
            continue
        text = BULLET.sub("", index.document.lines[n].text).strip()
        if text and not index.document.lines[n].hidden and len(text.split()) <= 14:
            out.append(text)
    return tuple(out)


def resume_structure(index: "DocIndex", credentials: "CredentialCheck") -> ResumeStructure:
    return ResumeStructure(jobs=index.jobs(), education=education_entries(index),
                           certifications=credentials.found, other_certifications=_other_certifications(index, credentials),
                           skills=_skills(index))
