"""Federal job postings (USAJOBS, VA, IHS): how to tell one, and the duties its qualification statement lists.

A federal posting switches the report to federal rules (see :mod:`jobkit.checks.federal_rules`).
It is known by the words only federal announcements use: the USAJOBS site, a GS grade, "Title 38",
"creditable experience", an agency name. One weak sign ("veterans") is not enough; two are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# (pattern, points, what it tells the user). Two points make a posting federal.
_SIGNS = (
    (r"\bUSAJOBS\b", 2, "it is a USAJOBS announcement"),
    (r"\b(?:GS|WG|GG)[-\s]?\d{1,4}(?:[-/]\d{1,2})?\b", 2, "it names a General Schedule grade"),
    (r"\bannouncement (?:number|#)", 2, "it has a federal announcement number"),
    (r"\b(?:title 38|38 U\.?S\.?C)", 2, "it cites Title 38, the VA's hiring law"),
    (r"\bcreditable experience\b", 2, "it uses the federal qualification wording (\"creditable experience\")"),
    (r"\bspecialized experience\b", 2, "it has a \"specialized experience\" qualification statement"),
    (r"\btime[-\s]in[-\s]grade\b", 2, "it states time-in-grade rules"),
    (r"\bbasic requirements\b", 1, "it lists basic requirements, as federal qualification standards do"),
    (r"\b(?:department of veterans affairs|veterans health administration|VHA|VAMC|VA medical center)\b", 2,
     "the employer is the Department of Veterans Affairs"),
    (r"\b(?:indian health service|IHS)\b", 2, "the employer is the Indian Health Service"),
    (r"\bVA\b", 1, "it names the VA"),
    (r"\bveterans?\b", 1, "it mentions veterans"),
    (r"\bfederal (?:employees|government|service|agency)\b", 1, "it mentions federal employment"),
)
_COMPILED = tuple((re.compile(pattern, re.I if not pattern.startswith(r"\bVA") else 0), points, reason)
                  for pattern, points, reason in _SIGNS)
FEDERAL_POINTS = 2
_GRADE = re.compile(r"\bGS[-\s]?(\d{1,2})\b", re.I)
# "... specialized experience ... which included (or: such as / including / for example) A; B; and C."
_SPECIALIZED = re.compile(r"specialized experience[^.:]{0,300}?(?:which|that) (?:included?|includes)\s*:?\s*([^.]{10,1500})", re.I)
_DUTY_SPLIT = re.compile(r";|,\s*(?:and|or)\s+|\s+and\s+(?=[a-z]+ing\b)|,\s+(?=[a-z]+ing\b)")


# The VA's basic-requirement paths (VA Handbook 5005, Appendix G... as the corpus postings word them):
# one year of creditable experience, OR an associate degree in HIT/HIM or 12 semester hours of related
# courses, OR an AHIMA-approved coding program, OR a combination.
_PATHS = (
    ("experience", re.compile(r"\bone year of creditable experience\b|\b(?:one|1) year of (?:specialized )?experience\b", re.I)),
    ("education", re.compile(r"\bassociate'?s? degree\b[^.]{0,160}\bhealth information\b|\b12 semester hours\b", re.I)),
    ("coding_program", re.compile(r"\bAHIMA[- ]approved coding program\b", re.I)),
    ("combination", re.compile(r"\bexperience/education combination\b|\bequivalent combinations?\b", re.I)),
)


@dataclass(frozen=True)
class FederalPosting:
    """Why the posting is read as federal, and what its qualification statement asks for."""

    reasons: tuple[str, ...]
    grades: tuple[int, ...]
    specialized_duties: tuple[str, ...]
    paths: tuple[str, ...] = ()  # the basic-requirement paths it offers: experience, education, coding_program, combination


def federal_signs(text: str) -> tuple[int, tuple[str, ...]]:
    """Points and reasons from the federal signs in ``text``."""
    points, found = 0, []
    for pattern, weight, reason in _COMPILED:
        if pattern.search(text):
            points += weight
            found.append((weight, reason))
    # The two strongest signs are reason enough to show; the rest only add points.
    return points, tuple(reason for _, reason in sorted(found, key=lambda item: -item[0])[:2])


def specialized_duties(text: str) -> tuple[str, ...]:
    """The duties a "specialized experience" statement lists, one phrase each."""
    duties: list[str] = []
    for match in _SPECIALIZED.finditer(text):
        for part in _DUTY_SPLIT.split(match.group(1)):
            duty = " ".join(part.split()).strip(" ,;:-").removeprefix("and ").removeprefix("or ").strip()
            if len(duty.split()) >= 2 and duty not in duties:
                duties.append(duty[:200])
    return tuple(duties)


def read_federal(text: str) -> FederalPosting | None:
    """The posting's federal facts, or None for a private-sector posting."""
    points, reasons = federal_signs(text)
    if points < FEDERAL_POINTS:
        return None
    grades = tuple(sorted({int(g) for g in _GRADE.findall(text) if 1 <= int(g) <= 15}))
    paths = tuple(name for name, pattern in _PATHS if pattern.search(text))
    return FederalPosting(reasons=reasons, grades=grades, specialized_duties=specialized_duties(text), paths=paths)
