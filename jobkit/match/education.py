"""Degrees on a resume: level (certificate to doctorate) and field of study.

Used to match education terms ("Associate degree in health information
technology") and by the credential check (an RHIT implies an associate
degree, an RHIA a bachelor's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from jobkit.data.credential_catalog import DEGREE_LEVELS
from jobkit.match.tokens import phrase_key
from jobkit.model.evidence import Evidence
from jobkit.read.dates import find_dates, token_date

if TYPE_CHECKING:
    from jobkit.match.docindex import DocIndex
    from jobkit.data.keywords import Term

_WORDS = [
    ("doctorate", r"\b(?:ph\.?\s?d\.?|doctor of|doctorate|doctoral)"),
    ("master", r"\b(?:master(?:'s|s)?\b|m\.s\.|m\.a\.|msc\b|m\.?b\.?a\b|m\.?h\.?a\b|m\.?p\.?h\b|mshi\b|mshim\b|mhi\b|"
               r"m\.?\s?tech\b|m\.?f\.?a\b|m\.?eng\b)"),
    ("bachelor", r"\b(?:bachelor(?:'s|s)?\b|b\.s\.?|b\.a\b\.?|bsc\b|b\.sc\b|bsn\b|bba\b|bshim?\b|b\.?\s?tech\b|b\.f\.a\.?|bfa\b|"
                 r"b\.e\.|b\.?eng\b|b\.?arch\b|b\.com\b)"),
    ("associate", r"\b(?:associate(?:'s|s)?\s+(?:of|in|degree)\b|associate(?:'s)? degree|a\.a\.s\b\.?|aas\b|a\.s\.|a\.a\.|associate of)"),
    ("certificate", r"\b(?:certificate program|certificate in|certificate of|certification program|coding program|diploma in)"),
]
# "Boston, MA" and "Jackson, MS" are states, not degrees: no abbreviation right after a comma.
_ABBREVIATIONS = [
    ("master", r"(?<!,\s)(?<!,)\b(?:MS|MA)\b(?=\s*(?:[Ii][Nn]\b|,|\(|-|:|$))"),
    ("bachelor", r"\b(?:BS|BA)\b(?=\s*(?:[Ii][Nn]\b|,|\(|-|:|$))"),
    ("associate", r"\b(?:AS|AA)\b(?=\s+(?:[Ii][Nn]|degree)\b)"),
]
# One alternation per family, a named group per level: one scan of each line.
_WORD_RE = re.compile("|".join(f"(?P<{level}>{p})" for level, p in _WORDS), re.IGNORECASE)
_ABBR_RE = re.compile("|".join(f"(?P<{level}>{p})" for level, p in _ABBREVIATIONS))
# A degree at the level but in another field: "or a related field" earns some credit.
OTHER_FIELD_CREDIT = 0.4
# A degree not yet earned ("Expected Graduation: June 2027", "pursuing"): shown, not held.
EXPECTED_CREDIT = 0.5
_EXPECTED = re.compile(r"\b(?:expected|anticipated|pursuing|in progress|candidate|currently enrolled|enrolled in|"
                       r"expected graduation|graduating)\b", re.IGNORECASE)
_SCHOOL = re.compile(r"\b(?:degree|university|college|school|institute|academy|program)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Degree:
    level: str
    line: int
    start: int
    end: int
    expected: bool = False


def level_rank(level: str) -> int:
    return DEGREE_LEVELS.index(level)


def find_degrees(index: "DocIndex") -> list[Degree]:
    """Degrees stated on the resume, best evidence first (education section lines); cached on the index."""
    if index.degrees is None:
        index.degrees = _scan_degrees(index)
    return index.degrees


def _scan_degrees(index: "DocIndex") -> list[Degree]:
    degrees: list[Degree] = []
    has_section = "education" in index.sections
    for number, line in enumerate(index.document.lines):
        in_education = index.sections[number] in ("education", "certifications")
        if line.hidden or (has_section and not in_education and not _SCHOOL.search(line.text)):
            continue
        for match in _WORD_RE.finditer(line.text):
            level = match.lastgroup or ""
            if level != "certificate" or in_education:
                degrees.append(Degree(level, number, *match.span()))
        if in_education or _SCHOOL.search(line.text):
            for match in _ABBR_RE.finditer(line.text):
                degrees.append(Degree(match.lastgroup or "", number, *match.span()))
    lines_with = {d.line for d in degrees}
    # One look per line, not per degree: a line of "A.A.A." names thousands of degrees.
    expected = {line: _expected(index, line, lines_with) for line in lines_with}
    degrees = [Degree(d.level, d.line, d.start, d.end, expected[d.line]) for d in degrees]
    return sorted(degrees, key=lambda d: (index.sections[d.line] != "education", d.expected, -level_rank(d.level), d.line))


def _expected(index: "DocIndex", line: int, degree_lines: set[int]) -> bool:
    """Whether the degree on ``line`` is not earned yet: an "expected" word, or a year still to come,
    on its line or on a neighbouring line that names no other degree."""
    from datetime import date

    lines = index.document.lines
    near = [line] + [n for n in (line - 1, line + 1) if 0 <= n < len(lines) and n not in degree_lines
                     and index.sections[n] == index.sections[line]]
    this_year = date.today().year
    for number in near:
        text = lines[number].text
        if _EXPECTED.search(text) or any(d.year > this_year for d in map(token_date, find_dates(text)) if d):
            return True
    return False


def highest_degree(index: "DocIndex") -> Degree | None:
    degrees = find_degrees(index)
    return max(degrees, key=lambda d: level_rank(d.level)) if degrees else None


def _field_in(index: "DocIndex", line: int, fields: tuple[str, ...]) -> bool:
    lines = [line] + ([line + 1] if line + 1 < len(index.document.lines) else [])
    norms = [t.norm for n in lines for t in index.line_tokens(n)]
    for field in fields:
        key = phrase_key(field)
        if key and any(tuple(norms[i : i + len(key)]) == key for i in range(len(norms) - len(key) + 1)):
            return True
    return False


def degree_evidence(index: "DocIndex", term: "Term") -> list[Evidence]:
    """Evidence for an education term: a degree at or above its level, in its field (any finished degree for
    a term met by any degree, such as a high school diploma)."""
    if term.degree is None:
        return _any_degree(index) if term.any_degree else []
    out = []
    # One look per line: a long line can name hundreds of degrees, and each look reads the whole line.
    in_field_at: dict[int, bool] = {}
    for degree in find_degrees(index):
        if level_rank(degree.level) < level_rank(term.degree):
            continue
        if degree.line not in in_field_at:
            in_field_at[degree.line] = not term.fields or _field_in(index, degree.line, term.fields)
        in_field = in_field_at[degree.line]
        if not in_field and term.degree == "certificate":
            continue  # a degree in another field is no substitute for specialised training
        line = index.document.lines[degree.line]
        out.append(
            Evidence(
                text=line.text,
                matched=line.text[degree.start : degree.end],
                start=degree.start,
                end=degree.end,
                line=degree.line,
                page=line.page,
                section=index.sections[degree.line],
                origin=line.origin,
                kind="degree_expected" if degree.expected else "degree" if in_field else "degree_other_field",
                variant=degree.level,
                credit=(1.0 if in_field else OTHER_FIELD_CREDIT) * (EXPECTED_CREDIT if degree.expected else 1.0),
            )
        )
    return sorted(out, key=lambda e: -e.credit)[:3]


def _any_degree(index: "DocIndex") -> list[Evidence]:
    out = []
    for degree in find_degrees(index):
        if degree.expected:
            continue
        line = index.document.lines[degree.line]
        out.append(Evidence(text=line.text, matched=line.text[degree.start : degree.end], start=degree.start,
                            end=degree.end, line=degree.line, page=line.page, section=index.sections[degree.line],
                            origin=line.origin, kind="degree", variant=degree.level, credit=1.0))
    return out[:3]
