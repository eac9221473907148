"""Find terms in a document, with the evidence for every match.

A :class:`Matcher` compiles a set of terms once (every alias turned into its
token tuple) and then matches any number of documents. Matches are exact or
alias token sequences; longer terms also match misspellings through
rapidfuzz. Each match carries the line it came from, its section and the
credit its context earns: a term used in an experience bullet counts fully,
one only listed in a skills line counts less, hidden text counts nothing.

Three rules keep a match to the sense the term means:

- a form with a context rule in the glossary counts only with its ``near``
  words around it and none of its ``not_near`` words ("abstracts" beside
  "literature reviews" is not Abstracting);
- where the spans of two terms overlap, the longest wins, as spaCy's
  ``filter_spans`` does ("Electronic Medical Record" is the EHR, not also a
  patient record), unless the two spans are the same words (both named);
- a misspelling found by fuzzy matching counts only near (within
  :data:`FUZZY_NEIGHBOURHOOD` words of) a health-information term written out,
  so "code carts" on a nurse's resume is not "coded charts".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from jobkit.match.docindex import LISTED_SECTIONS, USED_SECTIONS, DocIndex
from jobkit.match.education import degree_evidence
from jobkit.model.evidence import Evidence
from jobkit.data.keywords import CONTEXT_WINDOW, ContextRule, Term
from jobkit.match.near_spelling import near_match as _fuzzy_search
from jobkit.match.tokens import is_acronym, phrase_key, plain_key

FUZZY_MIN_LENGTH = 8
LISTED_CREDIT = 0.7
LIST_LINE_CREDIT = 0.6
OTHER_CREDIT = 0.85
SPELLING_FACTOR = 0.8
SNIPPET = 160
FUZZY_NEIGHBOURHOOD = 25


@dataclass(frozen=True)
class Variant:
    term_id: str
    text: str
    key: tuple[str, ...]
    kind: str
    plain: str
    fuzzy: bool
    near: frozenset[tuple[str, ...]] = frozenset()
    not_near: frozenset[tuple[str, ...]] = frozenset()
    names_term: bool = False  # the form holds the term's own name or acronym ("CPT codes" names CPT)


def context_credit(category: str, section: str, in_list: bool) -> float:
    """How much a match counts where it was found."""
    if category in ("credential", "education"):
        return 1.0
    if section in USED_SECTIONS:
        credit = 1.0
    elif section in LISTED_SECTIONS:
        credit = LISTED_CREDIT
    else:
        credit = OTHER_CREDIT
    return min(credit, LIST_LINE_CREDIT) if in_list else credit


class Matcher:
    """Compiled matchers for a set of terms."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.terms = {term.id: term for term in terms}
        self.by_first: dict[str, list[Variant]] = {}
        self.fuzzy: dict[str, list[Variant]] = {}
        for term in self.terms.values():
            for variant in self._variants(term):
                self.by_first.setdefault(variant.key[0], []).append(variant)
                if variant.fuzzy:
                    self.fuzzy.setdefault(term.id, []).append(variant)

    @staticmethod
    def _variants(term: Term) -> list[Variant]:
        seen: set[tuple[str, ...]] = set()
        out = []
        forms = [(term.term, "exact")] + [(a, "alias") for a in term.aliases] + [(m, "misspelling") for m in term.misspellings]
        names = [k for k in [phrase_key(term.term)] + [phrase_key(a) for a in term.aliases if is_acronym(a)] if k]
        for text, kind in forms:
            near, not_near = _context(term.context, text)
            key = phrase_key(text)
            if not key or key in seen or (len(key) == 1 and len(key[0]) < 2):
                continue  # an alias that normalises to one letter would match anything
            seen.add(key)
            plain = plain_key(text)
            # Fuzzy only for long words: "terminolgy" is a typo, "HR department" is not "HIM department".
            fuzzy = (
                kind != "misspelling"
                and not is_acronym(text)
                and len(plain) >= FUZZY_MIN_LENGTH
                and len(key) <= 4
                and all(len(word) >= 4 for word in plain.split())
            )
            names_term = any(_contains(key, name) for name in names)
            out.append(Variant(term.id, text, key, kind, plain, fuzzy, near, not_near, names_term))
        return out

    def match(self, index: DocIndex, keep: int = 3) -> dict[str, "TermMatch"]:
        """Matches per term id, with the ``keep`` best pieces of evidence; terms not found are absent."""
        hits = self._exact(index)
        result = {term_id: self._finish(index, found.values(), keep) for term_id, found in hits.items() if found}
        self._rest(index, result, hits)
        return result

    def _rest(self, index: DocIndex, result: dict[str, "TermMatch"], hits: dict[str, dict[tuple[int, int], "_Hit"]]
              ) -> None:
        """The terms the exact forms did not find: by a degree on the resume, then by a near spelling."""
        for term in self.terms.values():
            if (term.degree or term.any_degree) and term.id not in result:
                evidence = degree_evidence(index, term)
                if evidence:
                    result[term.id] = TermMatch(evidence, len(evidence))
        self._fuzzy(index, result, self._written_out(hits))

    def _exact(self, index: DocIndex) -> dict[str, dict[tuple[int, int], "_Hit"]]:
        """Each term's matches of its exact forms and aliases, by (stream, position), the longest span kept."""
        hits: dict[str, dict[tuple[int, int], _Hit]] = {}
        for norm, places in index.positions.items():
            for variant in self.by_first.get(norm, ()):
                for s_index, pos in places:
                    if index.streams[s_index].elided and (pos or len(variant.key) < 2):
                        continue  # a coordination's stream holds only phrases that cross its gap
                    if _matches_at(index, s_index, pos, variant.key) and _in_context(index, s_index, pos, variant):
                        hit = self._hit(index, s_index, pos, variant, variant.kind)
                        _keep_longest(hits.setdefault(variant.term_id, {}), (s_index, pos), hit)
        return _longest_spans(hits)

    def _written_out(self, hits: dict[str, dict[tuple[int, int], "_Hit"]]) -> dict[int, list[int]]:
        """Stream positions where a health-information term is written out: where fuzzy matches may count."""
        places: dict[int, list[int]] = {}
        for term_id, found in hits.items():
            if self.terms[term_id].core:
                for s_index, pos in found:
                    places.setdefault(s_index, []).append(pos)
        return places

    def _hit(self, index: DocIndex, s_index: int, pos: int, variant: Variant, kind: str, score: int | None = None) -> "_Hit":
        stream = index.streams[s_index]
        in_list = stream.lines[pos] in index.list_lines
        credit = 0.0 if stream.hidden else context_credit(self.terms[variant.term_id].category, stream.section, in_list)
        if kind in ("fuzzy", "misspelling"):
            credit *= SPELLING_FACTOR
        return _Hit(s_index, pos, variant, kind, score, credit, in_list)

    def _finish(self, index: DocIndex, hits: Iterable["_Hit"], keep: int = 3) -> "TermMatch":
        ordered = sorted(hits, key=_best_first)
        visible = sum(1 for h in ordered if not index.streams[h.s_index].hidden)
        return TermMatch([self._evidence(index, h) for h in ordered[:keep]], visible)

    def _fuzzy(self, index: DocIndex, result: dict[str, "TermMatch"], domain: dict[int, list[int]]) -> None:
        cache = index.fuzzy_found  # a variant's near match is the same for every role set that asks
        for term_id, variants in self.fuzzy.items():
            if term_id in result:
                continue
            for variant in variants:
                found = cache.get(variant.plain, _UNSEEN)
                if found is _UNSEEN:
                    found = cache[variant.plain] = _fuzzy_search(index, variant.key, variant.plain)
                if found and any(abs(pos - found[1]) <= FUZZY_NEIGHBOURHOOD for pos in domain.get(found[0], ())) \
                        and _in_context(index, found[0], found[1], variant):
                    s_index, pos, score = found
                    result[term_id] = self._finish(index, [self._hit(index, s_index, pos, variant, "fuzzy", score)])
                    break

    def _evidence(self, index: DocIndex, hit: "_Hit") -> Evidence:
        stream = index.streams[hit.s_index]
        line_no, first = index.token(hit.s_index, hit.pos)
        last_line, last = index.token(hit.s_index, hit.pos + len(hit.variant.key) - 1)
        line = index.document.lines[line_no]
        end = last.end if last_line == line_no else len(line.text)
        text, start, end = _snippet(line.text, first.start, end)
        return Evidence(
            text=text, matched=text[start:end], start=start, end=end, line=line_no, page=line.page,
            section=stream.section, origin=line.origin, kind=hit.kind, variant=hit.variant.text, credit=hit.credit,
            hidden=stream.hidden, in_list=hit.in_list, score=hit.score, offset=first.start,
        )


@dataclass(frozen=True)
class _Hit:
    s_index: int
    pos: int
    variant: Variant
    kind: str
    score: int | None
    credit: float
    in_list: bool


def _best_first(hit: _Hit) -> tuple[float, int, int]:
    return (-hit.credit, hit.s_index, hit.pos)  # the most credit first, then in document order


@dataclass(frozen=True)
class TermMatch:
    """The best evidence for one term (at most three) and how often it occurs."""

    evidence: list[Evidence]
    count: int

    @property
    def credit(self) -> float:
        return self.evidence[0].credit if self.evidence else 0.0


_UNSEEN = (-1, -1, -1)  # a variant not searched for yet in this document


def _context(rules: tuple[ContextRule, ...], form: str) -> tuple[frozenset[tuple[str, ...]], frozenset[tuple[str, ...]]]:
    """The near and not-near phrases (as token keys) that apply to one form of a term."""
    near: set[tuple[str, ...]] = set()
    not_near: set[tuple[str, ...]] = set()
    key = phrase_key(form)
    for rule in rules:
        # Forms are compared as token keys: "Abstracting" and "abstracts" are one key after stemming.
        if not rule.forms or key in {phrase_key(f) for f in rule.forms}:
            near.update(k for k in map(phrase_key, rule.near) if k)
            not_near.update(k for k in map(phrase_key, rule.not_near) if k)
    return frozenset(near), frozenset(not_near)


def _in_context(index: DocIndex, s_index: int, pos: int, variant: Variant) -> bool:
    """Whether the words around a match satisfy the form's context rule (no rule: always)."""
    if not variant.near and not variant.not_near:
        return True
    norms = index.streams[s_index].norms
    low, high = max(0, pos - CONTEXT_WINDOW), min(len(norms), pos + len(variant.key) + CONTEXT_WINDOW)
    around = norms[low:pos] + ["\0"] + norms[pos + len(variant.key):high]  # "\0": no phrase spans the match itself

    grams: dict[int, set[tuple[str, ...]]] = {}  # the window's runs of n words, built once per length asked

    def found(phrases: frozenset[tuple[str, ...]]) -> bool:
        for phrase in phrases:
            size = len(phrase)
            runs = grams.get(size)
            if runs is None:
                runs = grams[size] = {tuple(around[i:i + size]) for i in range(len(around) - size + 1)}
            if phrase in runs:
                return True
        return False

    if variant.not_near and found(variant.not_near):
        return False
    return not variant.near or found(variant.near)


def _longest_spans(hits: dict[str, dict[tuple[int, int], "_Hit"]]) -> dict[str, dict[tuple[int, int], "_Hit"]]:
    """Drop a term's match where another term's match covers more of the same words.

    Spans are compared within one token stream; a span inside or overlapping a
    longer one loses ("medical record" inside "Electronic Medical Record"),
    unless both terms are named there: the two spans are the same words
    ("ICD-10-CM/PCS"), or the shorter one is its term's own name or acronym
    ("EHR" in "Epic EHR", "SQL" in "SQL Server").
    """
    spans: dict[int, list[tuple[int, int, str, _Hit]]] = {}
    for term_id, found in hits.items():
        for (s_index, pos), hit in found.items():
            spans.setdefault(s_index, []).append((pos, pos + len(hit.variant.key), term_id, hit))
    losers: set[tuple[str, int, int]] = set()
    for s_index, items in spans.items():
        if len(items) < 2:
            continue
        items.sort(key=lambda item: (item[0], -(item[1] - item[0])))
        for a, first in enumerate(items):
            # By index, not items[a + 1:]: a slice copies the whole tail for every match (N x N).
            for b in range(a + 1, len(items)):
                second = items[b]
                if second[0] >= first[1]:
                    break
                shorter = min(first, second, key=lambda item: item[1] - item[0])
                longer = second if shorter is first else first
                if shorter[2] != longer[2] and shorter[1] - shorter[0] < longer[1] - longer[0] \
                        and not _named(shorter[3]) and not _conjunct(longer, shorter):
                    losers.add((shorter[2], s_index, shorter[0]))
    if not losers:
        return hits
    return {term_id: {place: hit for place, hit in found.items() if (term_id, *place) not in losers}
            for term_id, found in hits.items()}


_COORDINATION = re.compile(r"\s(?:and|&|or)\s|/", re.I)


def _conjunct(longer: tuple[int, int, str, "_Hit"], shorter: tuple[int, int, str, "_Hit"]) -> bool:
    """Whether the shorter span is one side of a coordination the longer form names: "billing and coding" is
    billing and also coding, so "coding" keeps its own term ("Medical coding") inside it."""
    parts = _COORDINATION.split(longer[3].variant.text, maxsplit=1)
    if len(parts) != 2:
        return False
    left = len(phrase_key(parts[0]))
    start, end = shorter[0] - longer[0], shorter[1] - longer[0]
    return end <= left or start >= left


def _named(hit: "_Hit") -> bool:
    """Whether a match holds its term's own name or acronym, not only a phrase that may be part of a longer name."""
    return hit.variant.names_term


def _contains(key: tuple[str, ...], part: tuple[str, ...]) -> bool:
    return any(key[i:i + len(part)] == part for i in range(len(key) - len(part) + 1))


def _keep_longest(hits: dict[tuple[int, int], _Hit], place: tuple[int, int], hit: _Hit) -> None:
    """Of two variants matching at one place ("ICD-10" inside "ICD-10-CM"), keep the longer."""
    old = hits.get(place)
    if old is None or len(hit.variant.key) > len(old.variant.key):
        hits[place] = hit


def _matches_at(index: DocIndex, s_index: int, pos: int, key: tuple[str, ...]) -> bool:
    if len(key) == 1:
        return True
    stream = index.streams[s_index]
    if tuple(stream.norms[pos : pos + len(key)]) != key:
        return False
    return not stream.breaks or not any(p in stream.breaks for p in range(pos + 1, pos + len(key)))


def _snippet(text: str, start: int, end: int) -> tuple[str, int, int]:
    """Cut a long line down to a window around the match; keep offsets right."""
    if len(text) <= SNIPPET:
        return text, start, end
    left = max(0, min(start - 60, len(text) - SNIPPET))
    right = min(len(text), max(left + SNIPPET, end))
    # Cut between words, never inside one ("documenta..."): move each edge to the nearest space outside the match.
    if left:
        space = text.rfind(" ", max(0, left - 30), left + 1)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.find(" ", right, right + 30)
        right = space if space != -1 else right
    prefix = "..." if left else ""
    suffix = "..." if right < len(text) else ""
    return prefix + text[left:right] + suffix, start - left + len(prefix), end - left + len(prefix)


