"""Amounts of time a posting names: years of experience ("3-5 years of inpatient coding", "one (1) year of
creditable experience", "three (5) years": the digits win) and deadlines ("within 12 months of hire"). The one
home of these rules: the posting's years and its knockout items both read them here."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet

from jobkit.read.regex_needs import Patterns
from jobkit.model.match_results import YearsOfExperience

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "twelve": 12, "eighteen": 18, "twenty-four": 24}
_AMOUNT = r"(?:\d{1,2}(?:\.\d)?|(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|eighteen|twenty-four)\b)"
# "2+ years", "two years", "one (1) year", "three (5) years", "5 (five) years", "3-5 years", "3 to 5 years",
# "Two years' experience": the lower bound is what is asked for.
AMOUNT_OF_TIME = re.compile(
    rf"(?<![\w-])(?P<low>{_AMOUNT})\+?\s*(?:\((?P<low_alt>{_AMOUNT})\+?\)\s*)?"
    rf"(?:(?:-|\u2013|to\b)\s*{_AMOUNT}\+?\s*(?:\({_AMOUNT}\+?\)\s*)?)?"
    r"(?P<unit>years?|yrs?\.?|months?)(?:'|\u2019|'s)?(?![\w-])", re.I)
# Years that are not experience: school, age, retention, "within two years of hire", "in the last 5 years".
_NOT_AFTER = re.compile(r"^\W*(?:above high school|of the required|of (?:college|education|school|study|age|post-?secondary)|"
                        r"(?:of )?(?:full-time )?(?:undergraduate|graduate|college|semester)|old\b|of hire|after)", re.I)
_NOT_BEFORE = re.compile(r"\b(?:within|last|past|retain(?:ed)?|for the|every|after|per|in the|first|up to)\W*$", re.I)
# "Six months of the required one year ...": a part of a requirement already counted.
_PART_OF = re.compile(r"\bof the (?:required|above)\b", re.I)
_WORK = re.compile(r"\b(?:experience|experienced|coding|coder|working|work|worked|employment|abstracting|billing|"
                   r"as an?\b|in an?\b)", re.I)
_EXPERIENCE_NEAR = re.compile(r"[^.;]{0,60}?\bexperience\b", re.I)  # .match() anchors it
AMOUNT_QUICK = Patterns((AMOUNT_OF_TIME,))  # what :func:`experience_asked` looks for first
_WITHIN = re.compile(rf"\bwithin\s+(?:the\s+first\s+)?(?P<amount>{_AMOUNT})\s*(?:\(\d+\)\s*)?(?P<unit>months?|years?|days?)\b", re.I)


def amount(word: str, alternative: str | None = None) -> float:
    """The number of "three (5)" or "5 (five)": digits win over a number word, as the digits are usually the
    announcement's legal text; the one in parentheses when both are digits."""
    if alternative and alternative[0].isdigit():
        return float(alternative)
    if word[0].isdigit():
        return float(word)
    return float(_NUMBER_WORDS[word.lower()])


def _months(match: re.Match[str]) -> int:
    number = amount(match.group("low"), match.group("low_alt"))
    return round(number * 12) if match.group("unit").lower().startswith("y") else round(number)


def years_of_experience(text: str) -> tuple[YearsOfExperience, ...]:
    """Every distinct amount of experience the posting names ("2+ years ... experience"), smallest first."""
    found: dict[int, YearsOfExperience] = {}
    for match in AMOUNT_OF_TIME.finditer(text):
        tail = _EXPERIENCE_NEAR.match(text, match.end())
        if tail is None:
            continue
        months = _months(match)
        words = " ".join(text[match.start():tail.end()].split())
        found.setdefault(months, YearsOfExperience(months, round(months / 12, 1), words))
    return tuple(found[m] for m in sorted(found))


def experience_asked(sentence: str, lower: str | None = None,
                     present: AbstractSet[str] | None = None) -> tuple[float, str] | None:
    """The years of experience one sentence asks for, and the words after them (where its setting is named):
    an amount of time followed by work ("experience", "coding", "as a coder"), not schooling, age or a deadline.
    ``lower``, ``present``: the sentence in lower case and the words of :data:`AMOUNT_QUICK` it holds, when the
    caller has them (a sentence naming no amount of time is not searched further)."""
    if not AMOUNT_QUICK.may(sentence, lower, present) or _PART_OF.search(sentence):
        return None
    for match in AMOUNT_OF_TIME.finditer(sentence):
        before, after = sentence[:match.start()], sentence[match.end():]
        if _NOT_AFTER.match(after) or _NOT_BEFORE.search(before) or not _WORK.search(after[:160]):
            continue
        return round(_months(match) / 12, 2), after[:200]
    return None


def within_months(text: str) -> int | None:
    """The deadline "within N months (years, days) of hire", in months."""
    match = _WITHIN.search(text)
    if not match:
        return None
    number, unit = amount(match.group("amount")), match.group("unit").lower()
    return int(number * 12) if unit.startswith("year") else int(number) if unit.startswith("month") else max(1, int(number // 30))
