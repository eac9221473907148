"""Keyword accuracy: jobkit measured against the hand labels in bench/data/.

    python bench/accuracy.py            # tables of figures and goals
    python bench/accuracy.py --json     # the figures as JSON
    python bench/accuracy.py --detail   # also every false positive / false negative and posting-term miss

Three measures (see bench/data/README.md for how the labels were made):

1. Concept presence: for each labelled resume and concept, does jobkit find it?
   The resume is checked against every glossary term at once; a concept counts
   as found when the match earns credit > 0. A credential (``cred-<acronym>``)
   counts as found only when the credential check reports it as held. A concept
   id the glossary does not have is "not modelled": predicted absent.
2. Ranking AUC per posting: the chance that a resume graded >= 2 for a posting
   scores above one graded <= 1 (ties count half).
3. Posting terms: the share of the terms a recruiter screens for that the
   posting parser picks up, whether it marks them required/preferred right,
   and boilerplate (not_keywords) that leaks into requirements or other terms.

4. Advice: the wrong or misleading sentences per report, from the hand labels of every
   sentence of 19 reports (bench/advice.py, bench/data/advice_labels.toml).
5. Federal qualification: duties read from specialized-experience statements, jobs credited as
   health-information experience (bench/federal.py).
6. Interview answers: key points credited, unsafe answers named (bench/answers.py).
7. Knockout items: what a posting's screening questions ask, found and answered from the resume
   (bench/knockouts.py; goals: items found >= 0.9, answers right >= 0.9, every either/or group kept).
8. Proofreading and impact on 25 hand-labelled resumes (bench/proofreading.py; goals: misspelling precision
   >= 0.9 and recall >= 0.7, duplicates found >= 0.9, missing name right on every resume, outcome counts within
   one bullet on >= 80% of resumes).
9. The resume's structure (what an application form's autofill takes) on 41 hand-labelled resumes
   (bench/structure.py; goals: job field F1 >= 0.9, date F1 >= 0.9, the name right on every resume, every
   JSON Resume export schema-valid).

Goals: presence F1 >= 0.95, AUC >= 0.90 on every posting, posting-term recall
>= 0.85, no level wrong, at most 0.1 wrong or misleading sentences per report.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import CORPUS  # noqa: E402

if TYPE_CHECKING:
    from jobkit.data.keywords import Glossary, Requirement
    from jobkit.match.posting import Posting
    from jobkit.match.target import Target
    from jobkit.model.document import Document

DATA = Path(__file__).resolve().parent / "data"
CONCEPT_LABELS = DATA / "concept_labels.toml"
RELEVANCE_LABELS = DATA / "relevance_labels.toml"
POSTING_TERMS = DATA / "posting_terms.toml"

GOAL_F1 = 0.95
GOAL_AUC = 0.90
GOAL_TERM_RECALL = 0.85
GOAL_LEVEL_ERRORS = 0
POSITIVE_GRADE = 2  # graded >= 2 is a fit, <= 1 is not
NAME_CUTOFF = 90  # rapidfuzz token_sort_ratio for a free-text term name

# Label id -> glossary id, only where the two name the same thing differently.
# Every label id that exists in the glossary today uses the glossary's own id, so this is empty;
# ids the glossary lacks (icd-9-cm, medical-billing, ...) are "not modelled", not mapped.
# The labels name CDI work and physician queries as one concept; the glossary keeps queries as their own term.
LABEL_TO_GLOSSARY: dict[str, str] = {"cdi-physician-queries": "physician-queries"}


# ---------------------------------------------------------------- pure metrics


def prf(tp: int, fp: int, fn: int) -> tuple[float | None, float | None, float | None]:
    """Precision, recall and F1 from counts; None where the figure is undefined (0/0)."""
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else None
    return precision, recall, f1


def auc(positives: Sequence[float], negatives: Sequence[float]) -> float | None:
    """P(a positive scores above a negative), ties counting half; None without both classes."""
    if not positives or not negatives:
        return None
    wins = 0.0
    for p in positives:
        for n in negatives:
            wins += 1.0 if p > n else 0.5 if p == n else 0.0
    return wins / (len(positives) * len(negatives))


# ---------------------------------------------------------------- labels and inputs


def load_labels() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The three label files, parsed."""
    concepts, relevance, terms = (tomllib.loads(p.read_text(encoding="utf-8"))
                                  for p in (CONCEPT_LABELS, RELEVANCE_LABELS, POSTING_TERMS))
    return concepts, relevance, terms


def labelled_files(concepts: dict[str, Any]) -> list[str]:
    """Corpus-relative paths of every labelled resume."""
    return [r["file"] for r in concepts["resume"]]


def _corpus_file(relative: str) -> Path:
    path = CORPUS / relative
    if not path.is_file():
        raise SystemExit(f"corpus file {path} not found; set JOBKIT_CORPUS")
    return path


class _Documents:
    """Each resume read once."""

    def __init__(self) -> None:
        self._cache: dict[str, Document] = {}

    def __getitem__(self, relative: str) -> "Document":
        if relative not in self._cache:
            from jobkit.read import read_resume

            self._cache[relative] = read_resume(_corpus_file(relative))
        return self._cache[relative]


@dataclass
class _ParsedPosting:
    document: "Document"
    posting: "Posting"
    target: "Target"


def _parse_posting_file(relative: str) -> _ParsedPosting:
    """The posting as `jobkit check --job FILE` sees it: the file's text, parsed like pasted text."""
    from jobkit.match.posting import parse_posting
    from jobkit.match.target import posting_target, posting_text_from_file
    from jobkit.read import read_resume

    text = posting_text_from_file(_corpus_file(relative))
    document = read_resume(text.encode("utf-8"), "posting.txt")  # what posting_from_text does
    posting = parse_posting(document)
    return _ParsedPosting(document, posting, posting_target(posting))


# ---------------------------------------------------------------- 1. concept presence


@dataclass
class ConceptCounts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0


@dataclass
class PresenceError:
    kind: str  # "FP" or "FN"
    resume: str
    concept: str
    evidence: str  # jobkit's matched text (FP) or the label's quote (FN)
    note: str = ""


def _all_terms_target(glossary: "Glossary") -> "Target":
    from jobkit.data.keywords import Requirement
    from jobkit.match.target import Target

    requirements = tuple(Requirement(term, 1, "required") for term in glossary.terms.values())
    return Target("role", "all-glossary-terms", "Every glossary term", requirements)


@dataclass
class _Prediction:
    found: dict[str, str]  # glossary id -> evidence text
    seen: dict[str, str] = field(default_factory=dict)  # glossary id -> why it was not counted


def _predict(document: "Document", target: "Target", glossary: "Glossary") -> _Prediction:
    from jobkit.pipeline import check_document

    report = check_document(document, target, glossary=glossary)
    found: dict[str, str] = {}
    seen: dict[str, str] = {}
    for matched in report.matched:
        # A degree in another field, or one not earned yet, earns partial credit in the score, but the
        # term itself (an associate degree in HIM, held) is not on the resume: it does not count as present.
        claims = [e for e in matched.evidence if e.kind not in ("degree_other_field", "degree_expected")]
        if matched.credit > 0 and claims and not matched.requirement.term.id.startswith("cred-"):
            best = claims[0]
            found[matched.requirement.term.id] = f"'{best.matched}' ({best.kind}, {best.section}) in: {best.text}"
    for missing in report.missing:
        if missing.note:
            seen[missing.requirement.term.id] = missing.note
    for row in report.checks.credentials.found:
        credential = glossary.catalogue.get(row.acronym)
        term_id = credential.term_id if credential else "cred-" + row.acronym.lower()
        if row.status == "held":
            found[term_id] = f"'{row.acronym}' held ({row.section}) in: {row.text}"
        else:
            seen[term_id] = f"credential check: {row.status} in: {row.text}"
    return _Prediction(found, seen)


def presence(documents: _Documents, concepts: dict[str, Any], glossary: "Glossary") -> dict[str, Any]:
    ids: list[str] = list(concepts["concepts"])
    not_modelled = [c for c in ids if LABEL_TO_GLOSSARY.get(c, c) not in glossary.terms]
    target = _all_terms_target(glossary)
    counts = {c: ConceptCounts() for c in ids}
    errors: list[PresenceError] = []
    for resume in concepts["resume"]:
        present: dict[str, str] = resume.get("present", {})
        prediction = _predict(documents[resume["file"]], target, glossary)
        for concept in ids:
            gid = LABEL_TO_GLOSSARY.get(concept, concept)
            predicted = concept not in not_modelled and gid in prediction.found
            actual = concept in present
            row = counts[concept]
            if predicted and actual:
                row.tp += 1
            elif predicted:
                row.fp += 1
                errors.append(PresenceError("FP", resume["file"], concept, prediction.found[gid]))
            elif actual:
                row.fn += 1
                note = "not modelled" if concept in not_modelled else prediction.seen.get(gid, "no match")
                errors.append(PresenceError("FN", resume["file"], concept, present[concept], note))
            else:
                row.tn += 1
    per_concept = {}
    for concept, row in counts.items():
        p, r, f = prf(row.tp, row.fp, row.fn)
        per_concept[concept] = {"tp": row.tp, "fp": row.fp, "fn": row.fn, "tn": row.tn, "support": row.tp + row.fn,
                                "precision": p, "recall": r, "f1": f, "modelled": concept not in not_modelled}

    def micro(keys: list[str]) -> dict[str, Any]:
        tp, fp, fn = (sum(per_concept[c][k] for c in keys) for k in ("tp", "fp", "fn"))
        p, r, f = prf(tp, fp, fn)
        return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}

    return {
        "resumes": len(concepts["resume"]),
        "concepts": per_concept,
        "not_modelled": not_modelled,
        "overall": micro(ids),
        "modelled_only": micro([c for c in ids if c not in not_modelled]),
        "errors": [e.__dict__ for e in errors],
    }


# ---------------------------------------------------------------- 2. ranking AUC


def ranking(documents: _Documents, relevance: dict[str, Any], postings: dict[str, _ParsedPosting]) -> dict[str, Any]:
    from jobkit.pipeline import check_document

    per_posting: dict[str, Any] = {}
    skipped: dict[str, str] = {}
    for entry in relevance["posting"]:
        name = entry["file"]
        target = postings[name].target
        scored = [(resume, grade, check_document(documents[resume], target).score)
                  for resume, grade in entry["grades"].items()]
        positives = [s for _, g, s in scored if g >= POSITIVE_GRADE]
        negatives = [s for _, g, s in scored if g < POSITIVE_GRADE]
        value = auc(positives, negatives)
        if value is None:
            skipped[name] = f"no {'positives' if not positives else 'negatives'} (grade >= {POSITIVE_GRADE} vs <= 1)"
        per_posting[name] = {
            "auc": value, "positives": len(positives), "negatives": len(negatives),
            "scores": sorted(([r, g, s] for r, g, s in scored), key=lambda x: (-x[2], -x[1])),
        }
    values = [p["auc"] for p in per_posting.values() if p["auc"] is not None]
    return {
        "postings": per_posting,
        "skipped": skipped,
        "mean": sum(values) / len(values) if values else None,
        "min": min(values) if values else None,
    }


# ---------------------------------------------------------------- 3. posting terms


def name_forms(name: str) -> list[str]:
    """A term's name, the name without remarks in parentheses, and an acronym given in them ("... (CMA)")."""
    forms = [name.strip()]
    bare = re.sub(r"\s*\([^)]*\)", "", name).strip()
    if bare and bare not in forms:
        forms.append(bare)
    for inner in re.findall(r"\(([^()\s]+)\)", name):
        if sum(c.isupper() for c in inner) >= 2 and inner not in forms:
            forms.append(inner)
    return forms


def name_match(name: str, candidates: Sequence[str], cutoff: int = NAME_CUTOFF) -> str | None:
    """The candidate equal to a form of ``name`` (any case), else a close fuzzy one, else None."""
    from rapidfuzz import fuzz, process, utils

    lowered = {c.casefold(): c for c in candidates}
    for form in name_forms(name):
        if form.casefold() in lowered:
            return lowered[form.casefold()]
    for form in name_forms(name):
        best = process.extractOne(form, list(candidates), scorer=fuzz.token_sort_ratio, processor=utils.default_process,
                                  score_cutoff=cutoff)
        if best:
            return str(best[0])
    return None


def keyword_forms(keyword: str) -> list[str]:
    """How a not_keyword may appear in the posting: the same forms as a term name."""
    return name_forms(keyword)


def _phrase_pattern(text: str, ignore_case: bool = True) -> re.Pattern[str]:
    words = text.split()
    body = r"\W+".join(re.escape(w) for w in words)
    return re.compile(r"(?<!\w)" + body + r"(?!\w)", re.I if ignore_case else 0)


def _boilerplate_spans(document: "Document", keywords: Sequence[str]) -> dict[int, list[tuple[int, int, str]]]:
    """Per line, the spans of boilerplate text (start, end, the not_keyword it is)."""
    spans: dict[int, list[tuple[int, int, str]]] = {}
    patterns = [(k, _phrase_pattern(f, ignore_case=not f.isupper() or len(f) > 8))
                for k in keywords for f in keyword_forms(k)]
    for number, line in enumerate(document.lines):
        for keyword, pattern in patterns:
            for match in pattern.finditer(line.text):
                spans.setdefault(number, []).append((match.start(), match.end(), keyword))
    return spans


def _inside(spans: dict[int, list[tuple[int, int, str]]], line: int, start: int, end: int) -> str | None:
    for s, e, keyword in spans.get(line, ()):
        if s <= start and end <= e:
            return keyword
    return None


def _full_line_span(evidence: Any) -> tuple[int, int, int]:
    """(line, start, end) of a match in its full line: a degree's evidence holds the whole line, a term's a snippet."""
    if evidence.kind in ("degree", "degree_other_field"):
        return evidence.line, evidence.start, evidence.end
    return evidence.line, evidence.offset, evidence.offset + len(evidence.matched)


def _leaks(parsed: _ParsedPosting, keywords: Sequence[str]) -> list[dict[str, str]]:
    """Requirements and other terms found only inside boilerplate text."""
    from jobkit.match.docindex import build_index
    from jobkit.match.education import find_degrees, level_rank
    from jobkit.match.matcher_cache import glossary_matcher

    document = parsed.document
    spans = _boilerplate_spans(document, keywords)
    index = build_index(document)
    matches = glossary_matcher().match(index, keep=1000)
    leaks = []
    for requirement in parsed.posting.requirements:
        places: list[tuple[int, int, int]] = []
        match = matches.get(requirement.term.id)
        if match is not None:
            places = [_full_line_span(e) for e in match.evidence]
        elif requirement.term.degree:  # added from the lowest degree level the posting names
            degrees = find_degrees(index)
            if degrees:
                lowest = min(degrees, key=lambda d: level_rank(d.level))
                places = [(lowest.line, lowest.start, lowest.end)]
        inside = [_inside(spans, *place) for place in places]
        if places and all(inside):
            leaks.append({"kind": "requirement", "text": requirement.term.term, "id": requirement.term.id,
                          "not_keyword": str(inside[0])})
    for term in parsed.posting.other_terms:
        pattern = _phrase_pattern(term.text, ignore_case=term.kind != "acronym")
        places = [(n, m.start(), m.end()) for n, line in enumerate(document.lines) for m in pattern.finditer(line.text)]
        inside = [_inside(spans, *place) for place in places]
        keyword = None
        if places and all(inside):
            keyword = inside[0]
        elif not places:  # not located (split over lines): fall back to containment in a not_keyword
            contained = _phrase_pattern(term.text)
            keyword = next((k for k in keywords for f in keyword_forms(k) if contained.search(f)), None)
        if keyword:
            leaks.append({"kind": "other_term", "text": term.text, "id": "", "not_keyword": keyword})
    return leaks


def _picked_up(term: dict[str, Any], posting: "Posting") -> tuple["Requirement | None", str] | None:
    """What the parser made of a labelled term: (requirement or None for an other term, matched name), or None."""
    if term["id"]:
        gid = LABEL_TO_GLOSSARY.get(term["id"], term["id"])
        for requirement in posting.requirements:
            if requirement.term.id == gid:
                return requirement, requirement.term.term
        return None
    by_name = {r.term.term: r for r in posting.requirements}
    for requirement in posting.requirements:
        for form in (*requirement.wording, *requirement.term.aliases):
            by_name.setdefault(form, requirement)
    others = [t.text for t in posting.other_terms]
    hit = name_match(term["name"], list(by_name) + others)
    if hit is None:
        # The posting's own words that the parser took for a term, inside the words the labeller quoted.
        # Only wording that says most of what the label names: "NCCI edits" for "NCCI edits", not
        # "coding" for "E/M coding".
        quote = term.get("quote", "").casefold()
        name_words = set(re.findall(r"\w+", term["name"].casefold()))
        for requirement in posting.requirements:
            for wording in requirement.wording:
                words = set(re.findall(r"\w+", wording.casefold()))
                if words and _phrase_pattern(wording).search(quote) and len(words & name_words) * 2 > len(name_words):
                    return requirement, requirement.term.term
        for other in posting.other_terms:
            if _phrase_pattern(other.text).search(quote):
                return None, other.text
        return None
    return by_name.get(hit), hit


def posting_terms(labels: dict[str, Any], postings: dict[str, _ParsedPosting], glossary: "Glossary") -> dict[str, Any]:
    per_posting: dict[str, Any] = {}
    total = picked = checked = 0
    level_errors: list[dict[str, str]] = []
    missed: list[dict[str, str]] = []
    leaks: list[dict[str, str]] = []
    not_modelled: set[str] = set()
    for entry in labels["posting"]:
        name = entry["file"]
        parsed = postings[name]
        hits = 0
        for term in entry["terms"]:
            total += 1
            gid = LABEL_TO_GLOSSARY.get(term["id"], term["id"])
            result = _picked_up(term, parsed.posting)
            if result is None:
                reason = "not modelled" if gid and gid not in glossary.terms else "not found by the parser"
                if reason == "not modelled":
                    not_modelled.add(gid)
                missed.append({"posting": name, "name": term["name"], "id": term["id"], "level": term["level"],
                               "reason": reason, "quote": term.get("quote", "")})
                continue
            hits += 1
            picked += 1
            requirement, _ = result
            if requirement is not None:
                checked += 1
                if requirement.need != term["level"]:
                    level_errors.append({"posting": name, "name": term["name"], "id": requirement.term.id,
                                         "label": term["level"], "jobkit": requirement.need, "note": requirement.note})
        found_leaks = [{"posting": name, **leak} for leak in _leaks(parsed, entry.get("not_keywords", []))]
        leaks += found_leaks
        per_posting[name] = {"terms": len(entry["terms"]), "picked": hits, "leaks": len(found_leaks),
                             "recall": hits / len(entry["terms"]) if entry["terms"] else None}
    return {
        "postings": per_posting,
        "terms": total,
        "picked": picked,
        "recall": picked / total if total else None,
        "level_checked": checked,
        "level_errors": level_errors,
        "level_accuracy": (checked - len(level_errors)) / checked if checked else None,
        "missed": missed,
        "not_modelled": sorted(not_modelled),
        "leaks": leaks,
    }


# ---------------------------------------------------------------- all together


def evaluate() -> dict[str, Any]:
    """Every figure, with the error lists."""
    from jobkit.data.keywords import load_glossary

    concepts, relevance, terms = load_labels()
    glossary = load_glossary()
    documents = _Documents()
    files = {e["file"] for e in relevance["posting"]} | {e["file"] for e in terms["posting"]}
    postings = {name: _parse_posting_file(name) for name in sorted(files)}
    result = {
        "presence": presence(documents, concepts, glossary),
        "ranking": ranking(documents, relevance, postings),
        "posting_terms": posting_terms(terms, postings, glossary),
    }
    result["goals"] = _goals(result)
    return result


def _goals(result: dict[str, Any]) -> dict[str, Any]:
    f1 = result["presence"]["overall"]["f1"]
    low = result["ranking"]["min"]
    recall = result["posting_terms"]["recall"]
    errors = len(result["posting_terms"]["level_errors"])
    return {
        "presence_f1": {"goal": f">= {GOAL_F1:.2f}", "value": f1, "met": f1 is not None and f1 >= GOAL_F1},
        "auc_every_posting": {"goal": f">= {GOAL_AUC:.2f} on every posting", "value": low,
                              "met": low is not None and low >= GOAL_AUC},
        "posting_term_recall": {"goal": f">= {GOAL_TERM_RECALL:.2f}", "value": recall,
                                "met": recall is not None and recall >= GOAL_TERM_RECALL},
        "level_errors": {"goal": str(GOAL_LEVEL_ERRORS), "value": errors, "met": errors <= GOAL_LEVEL_ERRORS},
    }


def figures() -> dict[str, Any]:
    """The figures without the per-error lists (what bench/run.py and --json use); prints nothing."""
    result = evaluate()
    presence_figures = {k: v for k, v in result["presence"].items() if k != "errors"}
    ranking_figures = {
        "postings": {name: {k: v for k, v in p.items() if k != "scores"}
                     for name, p in result["ranking"]["postings"].items()},
        **{k: v for k, v in result["ranking"].items() if k != "postings"},
    }
    terms = result["posting_terms"]
    term_figures = {k: v for k, v in terms.items() if k != "missed"}
    term_figures["missed"] = len(terms["missed"])
    from bench.advice import figures as advice_figures
    from bench.answers import figures as answer_figures
    from bench.federal import figures as federal_figures
    from bench.knockouts import figures as knockout_figures
    from bench.proofreading import figures as proofreading_figures
    from bench.structure import figures as structure_figures

    return {"presence": presence_figures, "ranking": ranking_figures, "posting_terms": term_figures,
            "advice": advice_figures(), "federal": federal_figures(), "answers": answer_figures(),
            "knockouts": knockout_figures(), "proofreading": proofreading_figures(),
            "structure": structure_figures(), "goals": result["goals"]}


# ---------------------------------------------------------------- printing


def _f(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _print_tables(result: dict[str, Any]) -> None:
    presence_result = result["presence"]
    print(f"Concept presence ({presence_result['resumes']} resumes x {len(presence_result['concepts'])} concepts)\n")
    print(f"{'concept':24} {'support':>7} {'TP':>4} {'FP':>4} {'FN':>4} {'prec':>6} {'recall':>6} {'F1':>6}")
    for concept, row in presence_result["concepts"].items():
        mark = "  not modelled" if not row["modelled"] else ""
        print(f"{concept:24} {row['support']:>7} {row['tp']:>4} {row['fp']:>4} {row['fn']:>4} "
              f"{_f(row['precision']):>6} {_f(row['recall']):>6} {_f(row['f1']):>6}{mark}")
    for label, key in (("overall (micro)", "overall"), ("modelled concepts only", "modelled_only")):
        o = presence_result[key]
        print(f"{label:24} {'':>7} {o['tp']:>4} {o['fp']:>4} {o['fn']:>4} {_f(o['precision']):>6} {_f(o['recall']):>6} "
              f"{_f(o['f1']):>6}")
    print(f"not modelled (predicted absent): {', '.join(presence_result['not_modelled']) or 'none'}")

    rank = result["ranking"]
    print(f"\nRanking AUC per posting (grade >= {POSITIVE_GRADE} vs <= 1)\n")
    print(f"{'posting':62} {'pos':>4} {'neg':>4} {'AUC':>6}")
    for name, row in rank["postings"].items():
        note = f"  skipped: {rank['skipped'][name]}" if name in rank["skipped"] else ""
        print(f"{name:62} {row['positives']:>4} {row['negatives']:>4} {_f(row['auc']):>6}{note}")
    print(f"mean AUC {_f(rank['mean'])}, minimum {_f(rank['min'])}")

    terms = result["posting_terms"]
    print("\nPosting terms picked up by the posting parser\n")
    print(f"{'posting':62} {'terms':>5} {'picked':>6} {'recall':>6} {'leaks':>5}")
    for name, row in terms["postings"].items():
        print(f"{name:62} {row['terms']:>5} {row['picked']:>6} {_f(row['recall']):>6} {row['leaks']:>5}")
    print(f"posting-term recall {_f(terms['recall'])} ({terms['picked']}/{terms['terms']}); level accuracy "
          f"{_f(terms['level_accuracy'])} ({len(terms['level_errors'])} wrong of {terms['level_checked']} picked up as "
          f"requirements); boilerplate leaks {len(terms['leaks'])}")
    print(f"not modelled posting-term ids: {', '.join(terms['not_modelled']) or 'none'}")
    for error in terms["level_errors"]:
        print(f"  level wrong: {error['posting']}: {error['name']} [{error['id']}] label {error['label']}, "
              f"jobkit {error['jobkit']} ({error['note']})")
    for leak in terms["leaks"]:
        print(f"  leak: {leak['posting']}: {leak['kind']} '{leak['text']}' from not_keyword '{leak['not_keyword']}'")

    print("\nGoals")
    for name, goal in result["goals"].items():
        value = goal["value"]
        shown = _f(value) if isinstance(value, float) else str(value)
        print(f"  {name:22} {shown:>7}  goal {goal['goal']:28} {'met' if goal['met'] else 'NOT MET'}")


def _print_detail(result: dict[str, Any]) -> None:
    errors = result["presence"]["errors"]
    for kind, title in (("FP", "False positives (jobkit found it, the label says absent)"),
                        ("FN", "False negatives (the label says present, jobkit did not count it)")):
        chosen = [e for e in errors if e["kind"] == kind]
        print(f"\n{title}: {len(chosen)}")
        by_count = sorted({e["concept"] for e in chosen}, key=lambda c: (-sum(e["concept"] == c for e in chosen), c))
        for concept in by_count:
            group = [e for e in chosen if e["concept"] == concept]
            print(f"\n  {concept} ({len(group)})")
            for e in group:
                why = f"  [{e['note']}]" if e["note"] else ""
                label = "matched" if kind == "FP" else "label quote"
                print(f"    {e['resume']}{why}\n      {label}: {e['evidence']}")
    print("\nRanking: scores per posting (resume, grade, score), best score first")
    for name, row in result["ranking"]["postings"].items():
        print(f"\n  {name}  AUC {_f(row['auc'])}")
        for resume, grade, score in row["scores"]:
            if grade >= 1 or score >= 20:
                print(f"    {score:>3}  grade {grade}  {resume}")
    print("\n  (resumes graded 0 with a score under 20 are left out)")
    print("\nPosting terms not picked up")
    for miss in result["posting_terms"]["missed"]:
        print(f"  {miss['posting']}: {miss['name']} [{miss['id'] or 'free text'}] {miss['level']} - {miss['reason']}; "
              f"quote: {miss['quote']}")


def main() -> None:
    parser = argparse.ArgumentParser(description="Keyword accuracy of jobkit against the hand labels in bench/data/.")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--detail", action="store_true", help="also list every false positive and false negative")
    args = parser.parse_args()
    if args.json:
        print(json.dumps(figures(), indent=2))
        return
    result = evaluate()
    _print_tables(result)
    if args.detail:
        _print_detail(result)
    from bench.advice import evaluate as advice_evaluate, print_table
    from bench.answers import main as answers_main
    from bench.federal import main as federal_main
    from bench.knockouts import main as knockouts_main
    from bench.proofreading import main as proofreading_main
    from bench.structure import main as structure_main

    print()
    print_table(advice_evaluate(), args.detail)
    print()
    sys.argv = sys.argv[:1] + (["--detail"] if args.detail else [])
    federal_main()
    answers_main()
    knockouts_main()
    proofreading_main()
    structure_main()


if __name__ == "__main__":
    main()
