"""Self-check for a practice answer: which key points it covers, whether it
tells a situation-action-result story, and its length.

This is honest feedback, not a grade: a point counts as covered when the
answer uses words that show it (the key point's own words, their glossary
aliases, or close misspellings of longer phrases). It cannot judge whether
what you said is true or well put; the outline shows what a strong answer
covers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from jobkit.data.keywords import load_glossary
from jobkit.data.questions import KeyPoint, Question
from jobkit.match.tokens import Token, phrase_key, plain_key, tokenize
from jobkit.read.textnorm import count_words

SHORT_WORDS = 40
LONG_WORDS = 300
FUZZY_CUTOFF = 90
_STORY_QUESTION = re.compile(r"\b(a time|describe a situation|give an example|tell me about|walk me through a)\b", re.I)
_SITUATION = re.compile(
    r"\b(when|once|at my|in my (?:last|previous|current)|there was|we had|last (?:year|month|week)|during|while working)\b", re.I
)
_ACTION = re.compile(r"\b(?:I|we)\s+(?:\w+ed|made|took|sent|set|led|ran|wrote|built|told|went|found|called|checked|kept)\b")
# "(?<!\d)\d++": a percentage is looked for from the first digit of a number only;
# from every digit, a long number with no "%" took quadratic time.
_RESULT = re.compile(
    r"\b(as a result|result|resulted|so that|which meant|outcome|reduced|improved|increased|saved|prevented|avoided|"
    r"fixed|resolved|on time|since then)\b|(?<!\d)\d++\s?%|\b\d+ (?:records|charts|claims|requests|days|hours)\b",
    re.I,
)


@dataclass(frozen=True)
class PointResult:
    point: KeyPoint
    covered: bool
    found: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"point": self.point.point, "covered": self.covered, "found": self.found, "source": self.point.source}


@dataclass(frozen=True)
class Feedback:
    question: Question
    words: int
    points: tuple[PointResult, ...]
    star: dict[str, bool]
    star_expected: bool
    star_message: str | None
    length_message: str

    @property
    def covered(self) -> int:
        return sum(1 for p in self.points if p.covered)

    @property
    def messages(self) -> tuple[str, ...]:
        """Everything in plain sentences: coverage, what was missed, story shape, length."""
        out = [f"You covered {self.covered} of {len(self.points)} key points."]
        missed = [p.point.point for p in self.points if not p.covered]
        if missed:
            out.append("Not covered: " + "; ".join(missed) + ".")
        if self.star_message:
            out.append(self.star_message)
        out.append(self.length_message)
        return tuple(out)

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question.id,
            "words": self.words,
            "covered": self.covered,
            "total": len(self.points),
            "key_points": [p.to_dict() for p in self.points],
            "star": self.star,
            "star_expected": self.star_expected,
            "messages": list(self.messages),
            "outline": self.question.outline,
        }


@lru_cache(maxsize=1024)
def _phrases(phrase: str) -> tuple[str, ...]:
    """A match phrase plus, when it names a glossary term, that term's other forms."""
    glossary = load_glossary()
    key = phrase_key(phrase)
    for term in glossary.terms.values():
        forms = (term.term, *term.aliases)
        if any(phrase_key(form) == key for form in forms):
            return tuple(dict.fromkeys((phrase, *forms)))
    return (phrase,)


def _find(tokens: list[Token], key: tuple[str, ...]) -> int | None:
    n = len(key)
    for i in range(len(tokens) - n + 1):
        if tuple(t.norm for t in tokens[i : i + n]) == key:
            return i
    return None


def _check_point(point: KeyPoint, answer: str, tokens: list[Token], plain: str) -> PointResult:
    for phrase in point.match:
        for form in _phrases(phrase):
            key = phrase_key(form)
            at = _find(tokens, key) if key else None
            if at is not None:
                # Quote the answer's own words ("entering"), not the data's form ("enter").
                return PointResult(point, True, answer[tokens[at].start : tokens[at + len(key) - 1].end])
    for phrase in point.match:
        form = plain_key(phrase)
        if len(form) >= 8 and fuzz.partial_ratio(form, plain, score_cutoff=FUZZY_CUTOFF):
            return PointResult(point, True, f"~{phrase}")
    return PointResult(point, False, None)


def _length_message(words: int) -> str:
    if words < SHORT_WORDS:
        return (f"{words} words is short: say more. Spoken answers of about one to two minutes (roughly 60-250 words) "
                "give room for an example.")
    if words > LONG_WORDS:
        return f"{words} words is long for a spoken answer: keep the key points and one example."
    return f"{words} words: a good length for a one-to-two-minute spoken answer."


def review_answer(question: Question, answer: str) -> Feedback:
    """Which key points the answer covers, its story shape and its length."""
    tokens = tokenize(answer)
    plain = plain_key(answer)
    points = tuple(_check_point(point, answer, tokens, plain) for point in question.key_points)
    star = {
        "situation": bool(_SITUATION.search(answer)),
        "action": bool(_ACTION.search(answer)),
        "result": bool(_RESULT.search(answer)),
    }
    star_expected = bool(_STORY_QUESTION.search(question.text))
    words = count_words(answer)
    return Feedback(question, words, points, star, star_expected, _star_message(star, star_expected), _length_message(words))


def _star_message(star: dict[str, bool], expected: bool) -> str | None:
    if not expected:
        return None
    absent = [part for part, present in star.items() if not present]
    if not absent:
        return "Your answer has a situation, an action and a result."
    return "This question asks for a story: add the " + " and ".join(absent) + " (the situation, what you did, the result)."
