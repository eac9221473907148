"""The ATS match score: weighted coverage of what a role or posting asks for.

Each requirement has a weight (1-3); required terms count one and a half
times, and terms specific to health information work ("core" in the
glossary: ICD-10-CM, release of information, RHIT...) count double, so that
generic terms a chef or an accountant also uses (training, audits,
communication) cannot carry a resume into a good band on their own. A found term earns the credit of its best evidence (1.0 when used in
experience or summary, less when only listed, nothing in hidden text), so
the score is presence-weighted and cannot be bought by repetition.

Bands (see :data:`BANDS`): commercial ATS checkers advise aiming for about
75-80% keyword coverage before applying, so 80 and over is "strong", 65-79 is
close to that target, and below 45 a keyword screen is likely to filter the
resume out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from jobkit.match.docindex import DocIndex
from jobkit.data.keywords import CATEGORIES, CATEGORY_LABELS, Requirement
from jobkit.match.matcher import LISTED_CREDIT, Matcher, TermMatch
from jobkit.model.evidence import Evidence
from jobkit.model.match_results import Band, CategoryScore
from jobkit.model.score_bands import FAIR, GOOD, STRONG
from jobkit.match.tokens import phrase_key

SCORING_VERSION = "2.1.0"
REQUIRED_FACTOR = 1.5
CORE_FACTOR = 2.0

BANDS = (
    (STRONG, "strong", "Strong match", "Meets or beats the 75-80% keyword coverage commercial ATS checkers aim for."),
    (GOOD, "good", "Good match",
     "Close to the usual 75-80% target: show the top missing terms you have to pass most keyword screens."),
    (FAIR, "partial", "Partial match",
     "Many screens rank this below other applicants; show the missing required terms you have."),
    (25, "weak", "Weak match", "A keyword screen is likely to filter this resume out for this job."),
    (0, "poor", "Poor match", "This resume reads as a different field from this job."),
)

# Advice for a missing term: always "if true", since nothing tells jobkit the person has it.
_ADVICE = {
    "software": "If you have used {term}, name it in the experience bullet where you used it.",
    "credential": "If you hold {term}, list it after your name and in a Certifications section; if you are working "
    "towards it, say so ('exam scheduled June 2027').",
    "education": "If you have completed it, list it in your Education section with the field spelled out "
    "('Associate of Applied Science, Health Information Technology').",
    "hard_skill": "If you have done this, describe it in an experience bullet that names it ('{term}').",
    "knowledge": "If you know it, mention it where you applied it, or in your summary or coursework.",
    "soft_skill": "If it describes you, show it with a result in a bullet ('audited 200 charts a week at 99% "
    "accuracy') rather than listing it.",
}


def band_for(score: int) -> Band:
    for floor, name, label, explanation in BANDS:
        if score >= floor:
            return Band(name, label, explanation)
    raise AssertionError("unreachable: the lowest band starts at 0")


@dataclass(frozen=True)
class MatchedTerm:
    requirement: Requirement
    credit: float
    count: int
    evidence: tuple[Evidence, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class MissingTerm:
    requirement: Requirement
    advice: str
    note: str = ""


@dataclass
class ScoreResult:
    score: int
    band: Band
    categories: list[CategoryScore]
    matched: list[MatchedTerm]
    missing: list[MissingTerm]
    matches: dict[str, TermMatch] = field(default_factory=dict)


def effective_weight(requirement: Requirement) -> float:
    need = REQUIRED_FACTOR if requirement.need == "required" else 1.0
    return requirement.weight * need * (CORE_FACTOR if requirement.term.core else 1.0)


def _notes(requirement: Requirement, match: TermMatch, index: DocIndex | None = None) -> tuple[str, ...]:
    best = match.evidence[0]
    notes = []
    if best.kind == "misspelling":
        notes.append(f"Spelled '{best.matched}': write '{requirement.term.term}' so every ATS matches it.")
    elif best.kind == "fuzzy":
        notes.append(f"'{best.matched}' looks like a misspelling of '{best.variant}' ({best.score}% similar); fix it.")
    elif best.kind == "degree_other_field":
        notes.append("A degree at this level was found, but not in the field the role asks for: partial credit.")
    elif best.kind == "degree_expected":
        notes.append("This degree is not finished yet (expected or in progress): half credit until you earn it.")
    if 0 < best.credit <= LISTED_CREDIT and best.kind in ("exact", "alias"):
        notes.append("Only listed (skills line or keyword list): counts less than a term used in an experience bullet. "
                     "Show where you used it.")
    if requirement.wording and best.kind in ("exact", "alias") \
            and phrase_key(best.matched) not in {phrase_key(w) for w in requirement.wording} \
            and not (index is not None and any(index.contains(w) for w in requirement.wording)):
        notes.append(_wording_note(requirement.wording[0], best.matched))
    if best.origin in ("text_box", "header", "footer"):
        notes.append(f"Found only in a {best.origin.replace('_', ' ')}, which some ATS skip.")
    return tuple(notes)


def _wording_note(posting: str, resume: str) -> str:
    """Advice when the resume names a posting's term in other words ("EMR" for the posting's "EHR").

    It costs no credit: the two are the same thing and jobkit matches them, as
    recruiters and many ATS searches do. But some ATS match only the words of the
    posting, so the note says to use them once.
    """
    return (f"The posting says '{posting}'; your resume says '{resume}'. Some ATS match only the posting's words: "
            f"use '{posting}' once too, for example in your skills line.")


def advice_for(requirement: Requirement) -> str:
    """How to show a missing term, if true, naming it in the posting's own words when it has them."""
    term = requirement.term
    return term.advice or _ADVICE[term.category].format(term=(requirement.wording or (term.term,))[0])


def _credit(requirement: Requirement, matches: Mapping[str, TermMatch], adjust: Mapping[str, tuple[float, str]]) -> float:
    match = matches.get(requirement.term.id)
    credit = match.credit if match else 0.0
    return credit * adjust[requirement.term.id][0] if match and requirement.term.id in adjust else credit


def _best_of_groups(requirements: Sequence[Requirement], matches: Mapping[str, TermMatch],
                    adjust: Mapping[str, tuple[float, str]]) -> dict[str, Requirement]:
    """Per either/or group, the member that counts: the one the resume shows best, else the heaviest."""
    best: dict[str, Requirement] = {}
    for requirement in requirements:
        group = requirement.one_of
        if group is None:
            continue
        current = best.get(group)
        key = (_credit(requirement, matches, adjust) * effective_weight(requirement), effective_weight(requirement))
        if current is None or key > (_credit(current, matches, adjust) * effective_weight(current), effective_weight(current)):
            best[group] = requirement
    return best


def score_index(
    index: DocIndex,
    requirements: Sequence[Requirement],
    matcher: Matcher,
    adjust: Mapping[str, tuple[float, str]] | None = None,
) -> ScoreResult:
    """Score a prepared document against requirements with a matcher compiled for them.

    ``adjust`` scales the credit of some terms, with the reason: the
    credential check passes in-progress credentials at half credit.
    """
    matches = matcher.match(index)
    adjust = adjust or {}
    matched: list[MatchedTerm] = []
    missing: list[MissingTerm] = []
    earned: dict[str, float] = {c: 0.0 for c in CATEGORIES}
    possible: dict[str, float] = {c: 0.0 for c in CATEGORIES}
    counts: dict[str, list[int]] = {c: [0, 0] for c in CATEGORIES}
    best = _best_of_groups(requirements, matches, adjust)
    for requirement in requirements:
        category = requirement.term.category
        weight = effective_weight(requirement)
        group = requirement.one_of
        if group is None or best[group] is requirement:  # an either/or group counts once, as its best member
            possible[category] += weight
            counts[category][1] += 1
        match = matches.get(requirement.term.id)
        credit = match.credit if match else 0.0
        notes = _notes(requirement, match, index) if match and credit > 0 else ()
        if match and requirement.term.id in adjust:
            factor, reason = adjust[requirement.term.id]
            credit, notes = credit * factor, notes + (reason,)
        if match is None or credit <= 0:
            if group is not None and _credit(best[group], matches, adjust) > 0:
                continue  # another member of its either/or group is there: nothing is missing
            note = "Found only in hidden text, which is not counted." if match and match.credit <= 0 else ""
            if match and match.credit > 0:
                note = adjust[requirement.term.id][1]
            missing.append(MissingTerm(requirement, advice_for(requirement), note))
            continue
        if group is None or best[group] is requirement:
            earned[category] += weight * credit
            counts[category][0] += 1
        matched.append(MatchedTerm(requirement, credit, match.count, tuple(match.evidence), notes))
    total = sum(possible.values())
    score = round(100 * sum(earned.values()) / total) if total else 0
    categories = [
        CategoryScore(c, CATEGORY_LABELS[c], round(100 * earned[c] / possible[c]), counts[c][0], counts[c][1])
        for c in CATEGORIES
        if possible[c]
    ]
    missing.sort(key=lambda m: (-effective_weight(m.requirement), CATEGORIES.index(m.requirement.term.category)))
    matched.sort(key=lambda m: (-effective_weight(m.requirement), -m.credit))
    return ScoreResult(score, band_for(score), categories, matched, missing, matches)
