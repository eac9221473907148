"""What a pasted job posting asks for.

Every glossary term and credential the posting names becomes a requirement,
marked required or preferred from the posting's own words ("must",
"required", "preferred", "a plus") and headings. Years of experience and the
degree level are pulled out, and so are salient terms no keyword set knows
(acronyms, repeated phrases), shown separately so nothing is hidden.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from typing import Any

from jobkit.match.docindex import build_index
from jobkit.model.document import Document
from jobkit.match.education import find_degrees, level_rank
from jobkit.errors import InvalidInput
from jobkit.data.keywords import Requirement, list_roles, load_glossary
from jobkit.match.matcher_cache import glossary_matcher
from jobkit.match.tokens import STOP_WORDS, phrase_key, tokenize

_REQUIRED = re.compile(r"\b(must|required|requires?|requirements?|mandatory|essential|minimum|qualifications?|need to)\b", re.I)
_PREFERRED = re.compile(r"\b(preferred|prefer|a plus|plus\b|desired|desirable|nice to have|ideally|bonus|advantage)", re.I)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_YEARS = re.compile(
    r"\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\+?\s*(?:\(\d+\)\s*)?(years?|months?)\b"
    r"[^.;]{0,60}?\bexperience\b",
    re.I,
)
# Whole hyphenated codes (ICD-10-CM), so their parts are not taken for acronyms.
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&]{1,7}(?:-[A-Z0-9]{1,6})*\b")
_METADATA = re.compile(r"\b(announcement|vacancy|control number|number:|grade|salary|pay scale)\b", re.I)
_TITLE_FIELD = re.compile(r"^\s*(?:job\s+)?title\s*:\s*(.+)$", re.I)
_TITLE_WORDS = re.compile(
    r"\b(technician|tech|coder|registrar|specialist|manager|clerk|analyst|officer|poster|lead|assistant|"
    r"administrator|director|supervisor|coordinator)\b",
    re.I,
)
_URL = re.compile(r"https?://\S+|www\.\S+")
# Phrases made only of these words say nothing about the job ("ability to work", "must have").
_GENERIC = frozenset(
    "ability able must have will work working experience knowledge skills skill years year one two position job "
    "applicants applicant required requirements including include other such may also well new time".split()
)
_NOISE_ACRONYMS = frozenset(
    "US USA VA GS OR AND THE FT PT AM PM EEO HR IT II III IV VI VII ID NA TBD FAQ PDF URL IHS DOE DC AZ AR CA CO NC NY "
    "MD TX PA IL OR WA MN FL GA OH MI NJ VISN VAMC VHA DVA MRT KSAS KSA CBTA APH NS MR COVID NW NE SW SE OUR NOT TO "
    "ALL ANY YOU ARE FOR PER VIA NEW OUT USD".split()
)
CATEGORY_WEIGHT = {"credential": 3, "education": 3, "hard_skill": 2, "software": 2, "knowledge": 2, "soft_skill": 1}
MIN_CORE_TERMS = 3


def _credential_label(term: Any) -> str:
    """RHIT for a catalogue credential, the term's name for a group such as "Coding certification"."""
    return term.term.split(" (")[0] if term.id.startswith("cred-") else term.term


@dataclass(frozen=True)
class YearsOfExperience:
    months: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"months": self.months, "years": round(self.months / 12, 1), "text": self.text}


@dataclass(frozen=True)
class SalientTerm:
    text: str
    count: int
    kind: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "count": self.count, "kind": self.kind}


@dataclass(frozen=True)
class Posting:
    """A job posting turned into requirements and facts."""

    title: str
    requirements: tuple[Requirement, ...]
    years: tuple[YearsOfExperience, ...]
    degree: str | None
    other_terms: tuple[SalientTerm, ...]
    core_terms: int
    closest_role: str | None
    closest_role_overlap: float

    @property
    def looks_like_him_job(self) -> bool:
        return self.core_terms >= MIN_CORE_TERMS

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "requirements": [
                {"id": r.term.id, "term": r.term.term, "category": r.term.category, "weight": r.weight, "need": r.need, "note": r.note}
                for r in self.requirements
            ],
            "credentials": [_credential_label(r.term) for r in self.requirements if r.term.category == "credential"],
            "years_of_experience": [y.to_dict() for y in self.years],
            "degree": self.degree,
            "other_terms": [t.to_dict() for t in self.other_terms],
            "core_terms": self.core_terms,
            "looks_like_him_job": self.looks_like_him_job,
            "closest_role": self.closest_role,
            "closest_role_overlap": round(self.closest_role_overlap, 2),
        }


_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+")


def _cue(text: str) -> str | None:
    return "preferred" if _PREFERRED.search(text) else "required" if _REQUIRED.search(text) else None


def line_modes(document: Document) -> list[str]:
    """For each line, the cue its heading sets: "required", "preferred" or "mentioned"."""
    modes: list[str] = []
    mode = "mentioned"
    for line in document.lines:
        text = line.text
        is_heading = line.styled_heading or text.rstrip().endswith(":") or (len(text) < 80 and text.isupper())
        if is_heading and len(text) < 90:
            mode = _cue(text) or "mentioned"
        modes.append(mode)
    return modes


class _Sentences:
    """Where the sentences of one line start and end, and their cues, each found once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []
        for match in _SENTENCE_END.finditer(text):
            self.starts.append(match.start())
            self.ends.append(match.end())
        self._cues: dict[int, str | None] = {}

    def cue(self, offset: int) -> str | None:
        """The cue of the sentence holding ``offset``: after the last break starting before it, up to the next."""
        number = bisect_left(self.starts, offset)
        if number not in self._cues:
            start = self.ends[number - 1] if number else 0
            end = self.starts[number] if number < len(self.starts) else len(self.text)
            self._cues[number] = _cue(self.text[start:end])
        return self._cues[number]


class _Cues:
    """Cues at places of one posting, each line split into sentences once.

    A posting asks for the cue at every occurrence of every term; finding the
    sentence anew each time re-read the line, which made a long line with no
    sentence end quadratic.
    """

    def __init__(self, document: Document, modes: list[str]) -> None:
        self.document = document
        self.modes = modes
        self._lines: dict[int, _Sentences] = {}

    def at(self, line: int, offset: int) -> str:
        """The cue of the sentence holding ``offset``: its own words first, then its heading's."""
        sentences = self._lines.get(line)
        if sentences is None:
            sentences = self._lines[line] = _Sentences(self.document.lines[line].text)
        return sentences.cue(offset) or self.modes[line]


def cue_at(document: Document, modes: list[str], line: int, offset: int) -> str:
    """The cue of the sentence holding ``offset``: its own words first, then its heading's."""
    return _Cues(document, modes).at(line, offset)


def _years(text: str) -> tuple[YearsOfExperience, ...]:
    found: dict[int, YearsOfExperience] = {}
    for match in _YEARS.finditer(text):
        amount = match.group(1).lower()
        number = _NUMBER_WORDS.get(amount) or int(amount)
        months = number * (12 if match.group(2).lower().startswith("year") else 1)
        found.setdefault(months, YearsOfExperience(months, " ".join(match.group(0).split())))
    return tuple(found[m] for m in sorted(found))


def _acronym_like(word: str) -> bool:
    """True for SCDM or VAMHCS; false for capitalised words (MISSION) and reference numbers (IHS-24-WR)."""
    if word in _NOISE_ACRONYMS or sum(c.isdigit() for c in word) >= 2 or word.count("-") > 1:
        return False
    letters = [c for c in word if c.isalpha()]
    vowels = sum(1 for c in letters if c in "AEIOUY")
    return not (len(letters) >= 5 and vowels >= 0.3 * len(letters))


def _salient(document: Document, known: set[tuple[str, ...]], acronyms_known: set[str]) -> tuple[SalientTerm, ...]:
    acronyms: Counter[str] = Counter()
    phrases: Counter[str] = Counter()
    for line in document.lines:
        if not _shouting(line.text) and not _METADATA.search(line.text):
            for match in _ACRONYM.finditer(line.text):
                word = match.group(0)
                if _acronym_like(word) and word not in acronyms_known and phrase_key(word) not in known:
                    acronyms[word] += 1
        raws = [t.raw for t in tokenize(line.text) if not t.raw.isdigit() and len(t.raw) > 2]
        for n in (2, 3):
            for i in range(len(raws) - n + 1):
                gram = raws[i : i + n]
                if not any(w in STOP_WORDS for w in gram) and not all(w in _GENERIC for w in gram):
                    phrases[" ".join(gram)] += 1
    out = [SalientTerm(a, c, "acronym") for a, c in acronyms.most_common(8) if len(a) > 2 or c >= 2]
    repeated = [(p, c) for p, c in phrases.most_common(60) if c >= 3 and not _contains_known(phrase_key(p), known)]
    out += [SalientTerm(p, c, "phrase") for p, c in _drop_overlaps(repeated)[:8]]
    return tuple(out)


def _contains_known(key: tuple[str, ...], known: set[tuple[str, ...]]) -> bool:
    """True when a phrase holds a glossary term ("knowledge of medical terminology")."""
    return any(key[i:j] in known for i in range(len(key)) for j in range(i + 1, len(key) + 1))


def _drop_overlaps(phrases: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Keep one of the shifted n-grams of a repeated sentence, not all of them."""
    kept: list[tuple[str, int]] = []
    for phrase, count in sorted(phrases, key=lambda pc: (-pc[1], -len(pc[0]))):
        words = set(phrase.split())
        if not any(len(words & set(other.split())) >= 2 or phrase in other for other, _ in kept):
            kept.append((phrase, count))
    return kept


def _title(document: Document) -> str:
    """The job title: a "Title:" field, else an early line naming a job, else the first line."""
    lines = [_URL.sub("", line.text).strip() for line in document.lines[:15]]
    for text in lines:
        field = _TITLE_FIELD.match(text)
        if field:
            return field.group(1).strip()[:120]
    for text in lines:
        if _TITLE_WORDS.search(text) and len(text) < 100 and not text.endswith("."):
            return text[:120]
    return lines[0][:120] if lines else ""


def _shouting(text: str) -> bool:
    """A heading in capitals ("CLICK TO APPLY"): its words are not acronyms."""
    words = [w for w in _URL.sub(" ", text).split() if any(c.isalpha() for c in w)]
    return bool(words) and sum(1 for w in words if w.isupper()) >= 0.6 * len(words) and len(words) >= 2


def _weight(category: str, mentions: int) -> int:
    base = CATEGORY_WEIGHT[category]
    return min(3, base + (1 if mentions >= 3 and category != "soft_skill" else 0))


def _closest_role(term_ids: set[str]) -> tuple[str | None, float]:
    best: tuple[str | None, float] = (None, 0.0)
    for role in list_roles():
        total = sum(r.weight for r in role.requirements)
        overlap = sum(r.weight for r in role.requirements if r.term.id in term_ids) / total
        if overlap > best[1]:
            best = (role.id, overlap)
    return best


def parse_posting(document: Document) -> Posting:
    """Requirements and facts from a posting already read into a Document."""
    if document.words < 5:
        raise InvalidInput("The job posting is empty or too short to check against.")
    glossary = load_glossary()
    index = build_index(document)
    matches = glossary_matcher().match(index, keep=1000)
    cues = _Cues(document, line_modes(document))
    requirements = []
    for term_id, match in matches.items():
        term = glossary.terms[term_id]
        if term.degree and (match.evidence[0].kind == "degree_other_field" or match.evidence[0].variant != term.degree):
            continue  # a degree term only for the level the posting names; a bare level is added below
        need_cues = {cues.at(e.line, e.offset) for e in match.evidence}
        need = "preferred" if need_cues == {"preferred"} else "required"
        note = "stated as required" if "required" in need_cues else "listed as preferred" if need == "preferred" else "named in the posting"
        requirements.append(Requirement(term, _weight(term.category, match.count), need, note))
    _add_degree(index, cues, requirements)
    requirements.sort(key=lambda r: (-r.weight, r.need != "required", r.term.term))
    known = {phrase_key(v) for t in glossary.terms.values() for v in (t.term, *t.aliases)}
    acronyms_known = set(glossary.catalogue.credentials) | set(glossary.catalogue.other_acronyms)
    term_ids = {r.term.id for r in requirements}
    closest, overlap = _closest_role(term_ids)
    degrees = find_degrees(index)
    return Posting(
        title=_title(document),
        requirements=tuple(requirements),
        years=_years(document.text),
        degree=min((d.level for d in degrees), key=level_rank) if degrees else None,
        other_terms=_salient(document, known, acronyms_known),
        core_terms=sum(1 for r in requirements if r.term.core),
        closest_role=closest,
        closest_role_overlap=overlap,
    )


def _add_degree(index: Any, cues: _Cues, requirements: list[Requirement]) -> None:
    """A posting that names a degree level gets that education term, unless a field-specific one matched."""
    if any(r.term.category == "education" and r.term.degree for r in requirements):
        return
    degrees = find_degrees(index)
    if not degrees:
        return
    lowest = min(degrees, key=lambda d: level_rank(d.level))
    glossary = load_glossary()
    candidates = [t for t in glossary.terms.values() if t.degree == lowest.level]
    if not candidates:
        return
    term = min(candidates, key=lambda t: len(t.fields))
    need = "preferred" if cues.at(lowest.line, lowest.start) == "preferred" else "required"
    requirements.append(Requirement(term, 3, need, "degree level named in the posting"))
