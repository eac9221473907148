"""The one date reader: every way a resume writes a date, with its month, year and style.

The job parser (:mod:`jobkit.read.experience`) reads the month and year of each token, the
date-consistency check (:mod:`jobkit.checks.structure`) its style; both read the same tokens, so
they cannot disagree on "Sept. 2021", "Jan '21" or "01/15/21". Years run from 1950 to 2049; a
two-digit year is 20YY up to 49 and 19YY from 50. The pattern is linear: no nested or overlapping
unbounded repeats.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from jobkit.model.resume_structure import WorkDate  # noqa: F401 (read.dates.WorkDate, as before)

MONTH_NAMES = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, 1)}
# Group names are the token's kind: mon "Sept. 2021", season "Fall 2020", mdy "01/15/2021", iso "2021-01(-15)",
# num "01/2021", weak "01/21", year "2021", now "Present". The outer group of each closes last (lastgroup).
DATE = re.compile(
    r"(?P<mon>\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,? ?(?P<my>\d{4}|['\u2019]\d{2})\b)"
    r"|(?P<season>\b(?:spring|summer|fall|autumn|winter),? (?P<sy>\d{4})\b)"
    r"|(?P<mdy>\b(?P<dm>\d{1,2})/\d{1,2}/(?P<dy>\d{4}|\d{2})\b)"
    r"|(?P<iso>\b(?P<iy>(?:19|20)\d\d)-(?P<im>0[1-9]|1[0-2])(?P<id>-[0-3]\d)?\b)"
    r"|(?P<num>\b(?P<nm>\d{1,2})(?P<sep>[/.-])(?P<ny>\d{4})\b)"
    r"|(?P<weak>(?<!\.)\b(?P<wm>\d{1,2})/(?P<wy>\d{2})\b)"  # never a score: "GPA 9.5/10"
    r"|(?P<year>\b(?:19[5-9]\d|20[0-4]\d)\b)"
    r"|(?P<now>\b(?:present|current(?:ly)?|now|to date|ongoing|today)\b)",
    re.IGNORECASE,
)
# (month group, year group) of the numeric kinds.
_NUMERIC = {"mdy": ("dm", "dy"), "iso": ("im", "iy"), "num": ("nm", "ny"), "weak": ("wm", "wy")}
# The order the date-consistency check lists styles in, when one line holds several.
STYLES = ("Mon YYYY", "MM/YYYY", "MM/DD/YYYY", "YYYY-MM", "Season YYYY", "Mon 'YY", "MM-YYYY", "MM.YYYY",
          "MM/DD/YY", "MM/YY", "YYYY-MM-DD")


def find_dates(text: str) -> Iterator[re.Match[str]]:
    """Every date token in ``text``, "Present" and impossible dates ("13/2020") included."""
    return DATE.finditer(text)


def token_date(match: re.Match[str] | None) -> WorkDate | None:
    """The date a token states; None for "Present" and for impossible dates."""
    kind = match.lastgroup if match else "now"
    if match is None or kind in (None, "now"):
        return None
    month: int | None = None
    if kind == "mon":
        digits, month = match.group("my").lstrip("'\u2019"), _MONTHS[match.group()[:3].lower()]
    elif kind in ("season", "year"):
        digits = match.group("sy") if kind == "season" else match.group()
    else:
        month, digits = int(match.group(_NUMERIC[kind][0])), match.group(_NUMERIC[kind][1])
    year = int(digits) if len(digits) == 4 else int(digits) + (2000 if int(digits) <= 49 else 1900)
    return WorkDate(year, month) if 1950 <= year <= 2049 and (month or 1) <= 12 and month != 0 else None


def date_style(match: re.Match[str]) -> str | None:
    """How a token writes its date ("Mon YYYY", "MM/DD/YY" ...); None for a year alone, "Present" or no date."""
    kind = match.lastgroup
    if token_date(match) is None or kind in ("year", "now"):
        return None
    if kind == "mon":
        return "Mon 'YY" if len(match.group("my")) == 3 else "Mon YYYY"
    if kind == "num":
        return f"MM{match.group('sep')}YYYY"
    if kind == "mdy":
        return "MM/DD/YY" if len(match.group("dy")) == 2 else "MM/DD/YYYY"
    if kind == "iso":
        return "YYYY-MM-DD" if match.group("id") else "YYYY-MM"
    return "Season YYYY" if kind == "season" else "MM/YY"
