"""What a pasted job posting asks for.

Every glossary term and credential the posting names becomes a requirement,
marked required or preferred from the posting's own words ("must",
"required", "preferred", "a plus") and headings. Years of experience and the
degree level are pulled out, and so are salient terms no keyword set knows
(acronyms, repeated phrases), shown separately so nothing is hidden.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from jobkit.match.docindex import build_index
from jobkit.model.document import Document
from jobkit.model.evidence import Evidence
from jobkit.model.match_results import Knockout, SalientTerm, YearsOfExperience
from jobkit.match.education import find_degrees, level_rank
from jobkit.errors import InvalidInput
from jobkit.data.ats_site_rules import site_in_text
from jobkit.data.keywords import Glossary, Requirement, list_roles, load_glossary
from jobkit.match.matcher_cache import glossary_matcher
from jobkit.match.tokens import phrase_key
from jobkit.match.federal import FederalPosting, read_federal
from jobkit.match.posting_cues import LEADS_TO, LEADS_TO_REACH, Cues, line_modes
from jobkit.match.posting_extras import boilerplate_spans, employer_name, lower_words, salient_terms
from jobkit.match.posting_title import posting_title
from jobkit.match.screening_items import knockout_items
from jobkit.match.posting_years import years_of_experience

CATEGORY_WEIGHT = {"credential": 3, "education": 3, "hard_skill": 2, "software": 2, "knowledge": 2, "soft_skill": 1}
MIN_CORE_TERMS = 3
# Below this many recognised terms the match score rests on too little to mean much, and the report says so.
MIN_RECOGNISED_TERMS = 5


def _credential_label(term: Any) -> str:
    """RHIT for a catalogue credential, the term's name for a group such as "Coding certification"."""
    return term.term.split(" (")[0] if term.id.startswith("cred-") else term.term


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
    federal: FederalPosting | None = None  # set for USAJOBS, VA and IHS announcements
    employer: str = ""  # the employer's name when the posting gives it
    source: str | None = None  # the posting's file name, when it came as a file
    knockouts: tuple[Knockout, ...] = ()  # what the application's screening questions would ask
    ats_site: str | None = None  # the application system the posting's text names (its apply link's host)

    @property
    def name(self) -> str:
        """How a report names the posting: its title and employer, else its file's name, else "pasted text"."""
        if self.title:
            return self.title + (f" at {self.employer}" if self.employer else "")
        return self.source or "pasted text"

    @property
    def looks_like_him_job(self) -> bool:
        return self.core_terms >= MIN_CORE_TERMS

    @property
    def few_terms_recognised(self) -> bool:
        """True when jobkit knows too few of the posting's terms for the score to say much."""
        return len(self.requirements) < MIN_RECOGNISED_TERMS

    @property
    def credentials(self) -> tuple[str, ...]:
        """The credentials the posting names, as the report lists them ("RHIT", "Coding certification")."""
        return tuple(_credential_label(r.term) for r in self.requirements if r.term.category == "credential")


def _weight(category: str, mentions: int) -> int:
    base = CATEGORY_WEIGHT[category]
    return min(3, base + (1 if mentions >= 3 and category != "soft_skill" else 0))


def _closest_role(term_ids: set[str]) -> tuple[str | None, float]:
    """The role whose terms the posting names most (by weight). A role with defining terms (its file's
    ``defining``) counts only when the posting names one: a coding posting without "risk adjustment" is not a
    risk-adjustment job, one without remote work is not a remote coder's."""
    best: tuple[str | None, float] = (None, 0.0)
    for role in list_roles():
        if role.defining and not term_ids & set(role.defining):
            continue
        total = sum(r.weight for r in role.requirements)
        overlap = sum(r.weight for r in role.requirements if r.term.id in term_ids) / total
        if overlap > best[1]:
            best = (role.id, overlap)
    return best


# Between two credentials or degrees the posting offers as alternatives: "CCS or CIC", "CCS/CIC", "either ... or".
_OR_BETWEEN = re.compile(r"^[\s,()]*(?:or|/|,\s*or|\bor\s+an?|\bor\s+the)[\s,()]*$|^\s*,\s*$", re.I)
GROUPED_CATEGORIES = ("credential", "education")


def _alternatives(document: Document, requirements: list[Requirement], matches: dict[str, Any]) -> list[Requirement]:
    """Credentials and degrees a posting offers as alternatives share a ``one_of`` group id ("g1", "g2"...).

    Two such terms are alternatives where one line names them next to each other with only "or", "/" or a
    comma between ("CCS or CIC", "CCS, CCA or CPC", "RHIT/RHIA"); a list joined by "and" or "plus" asks for all.
    """
    # An umbrella term met by any of several ("Coding certification": CPC, CCS, CCA) names no alternative itself.
    kinds = {r.term.id for r in requirements if r.term.category in GROUPED_CATEGORIES and not r.term.any_of}
    spans: dict[int, list[tuple[int, int, str]]] = {}
    for term_id in kinds:
        match = matches.get(term_id)
        for evidence in (match.evidence if match else ()):
            # offset: where the match starts in the full line (the evidence text may be cut)
            spans.setdefault(evidence.line, []).append((evidence.offset, evidence.offset + evidence.end - evidence.start,
                                                        term_id))
    parent: dict[str, str] = {}

    def root(term_id: str) -> str:
        while parent.get(term_id, term_id) != term_id:
            term_id = parent[term_id]
        return term_id

    for line, found in spans.items():
        text = document.lines[line].text
        found.sort()
        for (_, end_a, a), (start_b, _, b) in zip(found, found[1:]):
            between = text[end_a:start_b]
            if a != b and _OR_BETWEEN.match(between) and not re.search(r"\b(?:and|plus)\b", between, re.I):
                # a list "A, B or C": the commas before an "or" later on the line are alternatives too
                if between.strip() == "," and not re.search(r"\bor\b", text[start_b:], re.I):
                    continue
                parent[root(b)] = root(a)
    groups: dict[str, list[str]] = {}
    for term_id in kinds:
        groups.setdefault(root(term_id), []).append(term_id)
    names = {}
    for number, members in enumerate(sorted((m for m in groups.values() if len(m) > 1), key=sorted), 1):
        names.update({member: f"g{number}" for member in members})
    return [replace(r, one_of=names[r.term.id]) if r.term.id in names else r for r in requirements]


def parse_posting(document: Document) -> Posting:
    """Requirements and facts from a posting already read into a Document."""
    if document.words < 5:
        raise InvalidInput("The job posting is empty or too short to check against.")
    glossary = load_glossary()
    index = build_index(document)
    matches = glossary_matcher().match(index, keep=1000)
    cues = Cues(document, line_modes(document))
    federal = read_federal(document.text)
    requirements = []
    boilerplate: dict[int, list[tuple[int, int]]] = {}
    for term_id, match in matches.items():
        term = glossary.terms[term_id]
        evidence = [e for e in match.evidence if not _in_boilerplate(document, e, boilerplate)]
        if not evidence:
            continue  # named only in hiring-process wording ("Supervisory status: No")
        match = replace(match, evidence=evidence, count=len(evidence))
        if term.degree and (match.evidence[0].kind == "degree_other_field" or match.evidence[0].variant != term.degree):
            continue  # a degree term only for the level the posting names; a bare level is added below
        if term.any_degree and match.evidence[0].kind.startswith("degree"):
            continue  # a posting asks for a diploma only when it names one, not wherever it names a degree
        need, note = _need({cues.at(e.line, e.offset) for e in match.evidence})
        if need == "required" and term.category == "credential" and all(
                LEADS_TO.search(document.lines[e.line].text[:e.offset][-LEADS_TO_REACH:]) for e in match.evidence):
            need, note = "preferred", "named as what a program leads to, not asked for"
        wording = tuple(dict.fromkeys(_balanced(e.matched) for e in match.evidence if e.kind in ("exact", "alias")))
        requirements.append(Requirement(term, _weight(term.category, match.count), need, note, wording, match.count))
    _add_degree(index, cues, requirements)
    requirements = _alternatives(document, requirements, matches)
    requirements.sort(key=lambda r: (-r.weight, r.need != "required", r.term.term))
    known, glossary_words, acronyms_known = _vocabulary(glossary)
    term_ids = {r.term.id for r in requirements}
    closest, overlap = _closest_role(term_ids)
    degrees = find_degrees(index)
    title = posting_title(document)
    return Posting(
        title=title,
        requirements=tuple(requirements),
        years=years_of_experience(document.text),
        degree=min((d.level for d in degrees), key=level_rank) if degrees else None,
        other_terms=salient_terms(document, known, acronyms_known, title, glossary_words),
        core_terms=sum(1 for r in requirements if r.term.core),
        closest_role=closest,
        closest_role_overlap=overlap,
        federal=federal,
        employer=employer_name(document),
        knockouts=knockout_items(document, tuple(requirements), matches, cues, federal, title),
        ats_site=_site_id(document.text),
    )


def _site_id(text: str) -> str | None:
    site = site_in_text(text)
    return site.id if site else None


@lru_cache(maxsize=4)
def _vocabulary(glossary: Glossary) -> tuple[frozenset[tuple[str, ...]], frozenset[str], frozenset[str]]:
    """What the glossary already knows, built once per glossary (it was 40% of a short posting's parse):
    every term's token key, its words in lower case, and every known acronym."""
    known = frozenset(phrase_key(v) for t in glossary.terms.values() for v in (t.term, *t.aliases))
    words = frozenset(lower_words(v for t in glossary.terms.values() for v in (t.term, *t.aliases)))
    acronyms = frozenset(glossary.catalogue.credentials) | frozenset(glossary.catalogue.other_acronyms)
    return known, words, acronyms


def _balanced(words: str) -> str:
    """The posting's words with a bracket the match left open closed: "(HIM" -> "(HIM)"."""
    return words + ")" * (words.count("(") - words.count(")")) if words.count("(") > words.count(")") else words


def _in_boilerplate(document: Document, evidence: Evidence, spans: dict[int, list[tuple[int, int]]]) -> bool:
    """Whether a match sits inside hiring-process wording (spans found once per line, kept in ``spans``)."""
    if evidence.line not in spans:
        spans[evidence.line] = boilerplate_spans(document.lines[evidence.line].text)
    end = evidence.offset + len(evidence.matched)
    return any(start <= evidence.offset and end <= stop for start, stop in spans[evidence.line])


def _need(cues: set[str]) -> tuple[str, str]:
    """Required or preferred, and why, from the cues at every place the posting names a term.

    Stated as required anywhere wins; a term named only as preferred, or only among examples
    of what counts ("e.g., courses in anatomy and physiology"), is preferred; a term named
    without any cue counts as required.
    """
    if "required" in cues:
        return "required", "stated as required"
    if cues <= {"preferred", "example"}:
        return "preferred", "listed as preferred" if "preferred" in cues else "given as an example of what counts"
    return "required", "named in the posting"


def _add_degree(index: Any, cues: Cues, requirements: list[Requirement]) -> None:
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
