"""Self-check for a practice answer: which key points it covers, whether it
tells a situation-action-result story, and its length.

This is honest feedback, not a grade: a point counts as covered only on
distinctive evidence, never on one common word. Each key point has cue words
(its ``match`` list) and its own wording. A point is covered when the answer
uses one of its strong cues (a phrase such as "root cause" or "minimum
necessary", a glossary term or alias such as "audit" or "HIPAA", or an
acronym such as "MRN"), or at least two of its distinctive words (from its
cues and its wording; all of them when the point has fewer than two), or
restates the point: every content word of its wording in one sentence ("I used
data to find the problem"). Stop words and generic verbs ("when", "check",
"make", "use") are never evidence; words that many key points across the
question bank share ("record", "patient") count only in a restatement (see
:func:`_generic_words`). Close misspellings count for words and phrases of
eight letters or more only ("confidentialty"). It cannot judge whether what you
said is true or well put; the outline shows what a strong answer covers.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from jobkit.data.keywords import load_glossary
from jobkit.data.questions import KeyPoint, Question, QuestionSet, list_sets
from jobkit.answer_safety import UnsafeFinding, is_denied, unsafe_in
from jobkit.match.tokens import Token, is_acronym, phrase_key, tokenize
from jobkit.model.feedback_record import FeedbackRecord, PointRecord
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
    denied: bool = False  # the answer uses the point's words but denies or skips them

    def to_record(self) -> PointRecord:
        return PointRecord(self.point.point, self.covered, self.found, self.point.source, self.denied)


@dataclass(frozen=True)
class Feedback:
    question: Question
    words: int
    points: tuple[PointResult, ...]
    star: dict[str, bool]
    star_expected: bool
    star_message: str | None
    length_message: str
    unsafe: tuple[UnsafeFinding, ...] = ()

    @property
    def covered(self) -> int:
        return sum(1 for p in self.points if p.covered)

    @property
    def messages(self) -> tuple[str, ...]:
        """Everything in plain sentences: a broken rule first, then coverage, what was missed, story shape, length."""
        out = [f"This answer would end an interview: {u.name.lower()} (\"{u.said}\"). {u.why} ({u.source})"
               for u in self.unsafe]
        if self.unsafe:
            out.append("No key point is credited while the answer breaks a rule: say what you would do instead.")
        else:
            out.append(f"You covered {self.covered} of {len(self.points)} key points.")
        denied = [p.point.point for p in self.points if p.denied and not p.covered]
        if denied and not self.unsafe:
            out.append("You named but denied or skipped: " + "; ".join(denied) + ". An interviewer hears that you "
                       "would not do it.")
        missed = [p.point.point for p in self.points if not p.covered and not p.denied]
        if missed:
            out.append("Not covered: " + "; ".join(missed) + ".")
        if self.star_message:
            out.append(self.star_message)
        out.append(self.length_message)
        return tuple(out)

    def to_record(self) -> FeedbackRecord:
        """The feedback as the API serves it (its JSON is ``jsonable`` of this)."""
        return FeedbackRecord(self.question.id, self.words, self.covered, len(self.points),
                              tuple(p.to_record() for p in self.points), dict(self.star), self.star_expected,
                              self.messages, self.question.outline, tuple(u.to_record() for u in self.unsafe))


# Words that show nothing on their own: function words the tokenizer keeps,
# generic verbs and nouns any answer uses ("when", "check", "make", "time"),
# the verbs key points are phrased with ("Describes...", "Explains...") and
# words every answer in this field says ("medical", "health"). Written
# as plain words; compared by their stems. Words many key points share are
# added from the question bank itself (_generic_words).
GENERIC_WORDS = frozenset(
    word
    for text in (
        "it is are was were be been being not no so do does did done what when where how who why which that this "
        "there here then than since up out as from into about if i we you me my our your they them their can will "
        "would should could must may have has had also just very more most all any each every one two first other "
        "such both only even its against before after during through under over within without because back next now",
        "make made use used work help time get got check need know keep ask tell told say said take took give go "
        "find found see look thing way sure right good well new day week month year kept",
        "describe explain mention show example specific",  # how key points are worded, not what they say
        "medical health",
    )
    for word in text.split()
)
# A word in at least this share of all key points is not distinctive (in
# this bank: "record", "patient", "data", "code", "provider", "report").
GENERIC_SHARE = 0.05
FUZZY_MIN_LETTERS = 8  # shorter words must match exactly: "when" is never "where"
_SENTENCE_END = re.compile(r"[.!?;\n]")


@dataclass(frozen=True)
class _Generic:
    listed: frozenset[str]  # stems of GENERIC_WORDS: never evidence
    common: frozenset[str]  # stems of words the bank's key points share: evidence only when restating a point

    @property
    def all(self) -> frozenset[str]:
        return self.listed | self.common


@lru_cache(maxsize=4)
def _generic_stems(bank: tuple[QuestionSet, ...]) -> _Generic:
    frequency: Counter[str] = Counter()
    points = 0
    for question_set in bank:
        for question in question_set.questions:
            for point in question.key_points:
                points += 1
                frequency.update({t.norm for text in (point.point, *point.match) for t in tokenize(text)})
    listed = frozenset(t.norm for word in GENERIC_WORDS for t in tokenize(word))
    cutoff = max(3.0, GENERIC_SHARE * points)
    return _Generic(listed, frozenset(word for word, count in frequency.items() if count >= cutoff) - listed)


def _generic_words() -> _Generic:
    """Stems that are no evidence: the listed generic words, and every word
    used by at least GENERIC_SHARE of the key points in interview_questions/
    (document frequency: a word that many points use distinguishes none)."""
    return _generic_stems(tuple(list_sets()))


@dataclass(frozen=True)
class _Cue:
    text: str  # as the data or the glossary writes it
    key: tuple[str, ...]
    plain: str


@dataclass(frozen=True)
class _Evidence:
    """What shows one key point: strong cues (any one is enough), distinctive words (``need`` of them)
    and the content words of its own wording (all of them, in one sentence)."""

    cues: tuple[_Cue, ...]
    words: frozenset[str]
    long_words: tuple[tuple[str, str], ...]  # (stem, plain word) that may match a close misspelling
    need: int
    wording: frozenset[str]


@lru_cache(maxsize=2048)
def _glossary_forms(phrase: str) -> tuple[str, ...]:
    """When a cue is a glossary term's own name ("audit", "HIPAA"), that term's other forms and known misspellings.

    Only its own name: a cue that is one alias of a broad term ("accounting of disclosures" of Release of
    information) would bring in the term's other aliases ("valid authorization"), which belong to other points.
    """
    key = phrase_key(phrase)
    for term in load_glossary().terms.values():
        if phrase_key(term.term) == key or (is_acronym(phrase) and any(phrase_key(a) == key for a in term.aliases)):
            return tuple(dict.fromkeys((term.term, *term.aliases, *term.misspellings)))
    return ()


@lru_cache(maxsize=2048)
def _in_glossary(phrase: str) -> bool:
    """Whether a cue is a glossary term's name or one of its aliases: then one word of it is strong evidence."""
    key = phrase_key(phrase)
    return any(phrase_key(form) == key for term in load_glossary().terms.values() for form in (term.term, *term.aliases))


@lru_cache(maxsize=4096)
def _evidence(point: KeyPoint, generic: _Generic) -> _Evidence:
    weak = generic.all

    def distinctive(text: str) -> list[Token]:
        return [t for t in tokenize(text) if t.norm not in weak]

    cues: list[_Cue] = []
    for phrase in point.match:
        if not distinctive(phrase):
            continue  # "check", "since then", "IT": nothing distinctive, and so neither are its synonyms
        for form, from_glossary in ((phrase, _in_glossary(phrase)), *((f, True) for f in _glossary_forms(phrase))):
            tokens = tokenize(form)
            if not any(t.norm not in weak for t in tokens):
                continue
            # One distinctive word is strong only as a glossary form or an acronym ("audit", "HIPAA", "MRN");
            # a phrase is strong when one of its words is distinctive ("root cause", "minimum necessary").
            if len(tokens) > 1 or from_glossary or is_acronym(form):
                cues.append(_Cue(form, tuple(t.norm for t in tokens), " ".join(t.raw for t in tokens)))
    words: dict[str, str] = {}
    for text in (point.point, *point.match):
        for token in distinctive(text):
            words.setdefault(token.norm, token.raw)
    long_words = tuple((norm, raw) for norm, raw in words.items() if len(raw) >= FUZZY_MIN_LETTERS and raw.isalpha())
    # Saying the point itself ("I used data to find the problem") covers it even when its words are
    # common in the bank; a wording with fewer than two content words is no evidence by itself.
    wording = frozenset(t.norm for t in tokenize(point.point) if t.norm not in generic.listed)
    return _Evidence(tuple(dict.fromkeys(cues)), frozenset(words), long_words, min(2, len(words)),
                     wording if len(wording) >= 2 else frozenset())


def _find(tokens: list[Token], key: tuple[str, ...]) -> int | None:
    n = len(key)
    for i in range(len(tokens) - n + 1):
        if tuple(t.norm for t in tokens[i : i + n]) == key:
            return i
    return None


def _near(windows: dict[int, set[str]], cue: _Cue) -> bool:
    """A close misspelling of a longer cue, compared with the answer's runs of as many words."""
    if len(cue.plain.replace(" ", "")) < FUZZY_MIN_LETTERS or is_acronym(cue.text):
        return False
    return any(
        abs(len(window) - len(cue.plain)) <= 3 and fuzz.ratio(cue.plain, window, score_cutoff=FUZZY_CUTOFF)
        for window in windows.setdefault(len(cue.key), set())
    )


def _windows(tokens: list[Token], sizes: set[int]) -> dict[int, set[str]]:
    return {n: {" ".join(t.raw for t in tokens[i : i + n]) for i in range(len(tokens) - n + 1)} for n in sizes}


def _check_point(point: KeyPoint, answer: str, tokens: list[Token], generic: _Generic,
                 windows: dict[int, set[str]], sentence_ends: list[int], *, shared: frozenset[str] = frozenset(),
                 used: set[int] | None = None) -> PointResult:
    """Whether the answer covers ``point``: on its own words only (``shared``: stems another point of the
    question also uses, which show neither; ``used``: answer tokens another point was credited on), and
    never on words the answer denies."""
    used = used if used is not None else set()
    evidence = _evidence(point, generic)
    denied = False

    def free(at: int, length: int) -> bool:
        return not used.intersection(range(at, at + length))

    for cue in evidence.cues:
        for at in _find_all(tokens, cue.key):
            if not free(at, len(cue.key)):
                continue
            start, end = tokens[at].start, tokens[at + len(cue.key) - 1].end
            if is_denied(answer, start, end, point.point):
                denied = True
                continue
            used.update(range(at, at + len(cue.key)))
            # Quote the answer's own words ("audited"), not the data's form ("audit").
            return PointResult(point, True, answer[start:end])
    for cue in evidence.cues:
        if _near(windows, cue):
            return PointResult(point, True, f"~{cue.text}")
    said: dict[str, str] = {}  # stem -> what to show, in the answer's order
    places: list[int] = []
    for i, token in enumerate(tokens):
        if token.norm in evidence.words and token.norm not in shared and token.norm not in said and i not in used:
            if is_denied(answer, token.start, token.end, point.point):
                denied = True
                continue
            said[token.norm] = answer[token.start : token.end]
            places.append(i)
    for norm, raw in evidence.long_words:
        if norm not in said and norm not in shared and _near(windows, _Cue(raw, (norm,), raw)):
            said[norm] = f"~{raw}"
    if evidence.need and len(said) >= evidence.need:
        used.update(places)
        return PointResult(point, True, ", ".join(said.values()))
    if evidence.wording:
        sentences: dict[int, dict[str, str]] = {}
        for token in tokens:
            if token.norm in evidence.wording and not is_denied(answer, token.start, token.end, point.point):
                sentence = bisect_right(sentence_ends, token.start)
                sentences.setdefault(sentence, {}).setdefault(token.norm, answer[token.start : token.end])
        for restated in sentences.values():
            if len(restated) == len(evidence.wording):
                return PointResult(point, True, ", ".join(restated.values()))
    return PointResult(point, False, None, denied=denied)


def _find_all(tokens: list[Token], key: tuple[str, ...]) -> list[int]:
    n = len(key)
    return [i for i in range(len(tokens) - n + 1) if tuple(t.norm for t in tokens[i : i + n]) == key]


def _length_message(words: int) -> str:
    if words < SHORT_WORDS:
        return (f"{words} word{'' if words == 1 else 's'} is short: say more. Spoken answers of about one to two minutes (roughly 60-250 words) "
                "give room for an example.")
    if words > LONG_WORDS:
        return f"{words} words is long for a spoken answer: keep the key points and one example."
    return f"{words} words: a good length for a one-to-two-minute spoken answer."


def review_answer(question: Question, answer: str) -> Feedback:
    """Which key points the answer covers, its story shape and its length."""
    tokens = tokenize(answer)
    generic = _generic_words()
    windows = _windows(tokens, {len(c.key) for p in question.key_points for c in _evidence(p, generic).cues} | {1})
    sentence_ends = [m.start() for m in _SENTENCE_END.finditer(answer)]
    shared: frozenset[str] = frozenset()  # measured: excluding words two points share cost recall and gained nothing
    used: set[int] = set()  # one phrase credits one point
    points = tuple(
        _check_point(point, answer, tokens, generic, windows, sentence_ends, shared=shared, used=used)
        for point in question.key_points
    )
    unsafe = unsafe_in(answer)
    if unsafe:  # an answer that breaks a rule is never shown as covering anything
        points = tuple(PointResult(p.point, False, None, p.denied) for p in points)
    star = {
        "situation": bool(_SITUATION.search(answer)),
        "action": bool(_ACTION.search(answer)),
        "result": bool(_RESULT.search(answer)),
    }
    star_expected = bool(_STORY_QUESTION.search(question.text))
    words = count_words(answer)
    return Feedback(question, words, points, star, star_expected, _star_message(star, star_expected),
                    _length_message(words), unsafe)


def _star_message(star: dict[str, bool], expected: bool) -> str | None:
    if not expected:
        return None
    absent = [part for part, present in star.items() if not present]
    if not absent:
        return "Your answer has a situation, an action and a result."
    return "This question asks for a story: add the " + " and ".join(absent) + " (the situation, what you did, the result)."
