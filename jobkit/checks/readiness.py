"""The one answer: is this resume for this job, will an ATS read it, and the three fixes that help most.

Two questions, kept apart. *Is this resume for this job?* is the keyword match: a resume in the poor
band does not show the job (level ``not_a_fit``), and no formatting can make up for it, so its
figure is held at the match. *Will an ATS read it?* is formatting, length and profile. The readiness
figure weighs them (match half, formatting a quarter, credentials, sections and contact 15%, length
10%) but never reads better than the match allows (:data:`MATCH_CEILING`: "Ready to send" needs a strong
match, "Almost ready" a good one; a partial or weak match is at most "Needs work"), nor better than "Not ready" over a page limit a
portal enforces. An image-only file is ``unreadable`` (at most 10); a posting with fewer than five
recognised terms gets no figure (``posting_not_recognised``). The fixes are ranked in
:mod:`jobkit.checks.fix_ranking`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jobkit.checks.fix_ranking import (
    TIERS, TITLE_IMPACT, asks_for, better_role_fix, formatting_fixes, issue_fixes, keyword_fixes, length_fix, plural,
    proofreading_fixes, requirement_fixes, shown_fixes, top_fixes,
)
from jobkit.match.hints import Hint
from jobkit.model.check_results import (
    CredentialCheck, FormattingAdvice, Fix, Issue, JobTitleCheck, LengthCheck, Readiness, ReadinessLevel, RoleScore,
    SectionsCheck,
)
from jobkit.model.finding_codes import issue_info
from jobkit.model.score_bands import FAIR, GOOD, STRONG
from jobkit.model.severity import severity_table
from jobkit.match.scoring import MatchedTerm, MissingTerm, band_for

if TYPE_CHECKING:
    from jobkit.match.posting import Posting

WEIGHTS = {"match": 0.50, "formatting": 0.25, "profile": 0.15, "length": 0.10}
PENALTY = severity_table(critical=100, high=30, medium=12, low=4, info=0)
PROFILE_PENALTY = severity_table(high=25, medium=12, low=5, info=0)  # no credential or section issue is critical
LEVELS = ((STRONG, "ready", "Ready to send"), (GOOD, "almost", "Almost ready"), (FAIR, "needs_work", "Needs work"),
          (0, "not_ready", "Not ready"))
# The highest readiness figure each match band allows: formatting cannot lift a resume past what it shows.
# "Ready to send" needs a strong match and "Almost ready" a good one; a partial or weak match is at most
# "Needs work" (a posting's terms are read by machine, so a strong candidate can score weak on an announcement
# full of alternatives: not lower than that); only the poor band (another field) is held at the match itself.
MATCH_CEILING = {"strong": 100, "good": STRONG - 1, "partial": GOOD - 1, "weak": GOOD - 1}
LABELS: dict[str, str] = {"not_a_fit": "Does not show this job yet", "posting_not_recognised": "Posting not recognized",
                          "unreadable": "Could not be read as text"}
UNREADABLE_CAP = 10
PORTAL_CEILING = FAIR - 1  # over a page limit a portal enforces: "Not ready", whatever else is right
BETTER_ROLE_MARGIN = 10  # points a role must score above the kind of job checked to be named
ROLE_LEAD = 3  # and above every other role: a near tie names none


def _formatting_score(advice: list[FormattingAdvice]) -> int:
    return max(0, 100 - sum(PENALTY.get(row.severity, 0) for row in advice))


def _length_score(length: LengthCheck) -> int:
    over = max(0, length.pages - length.target_pages)
    return max(0, 100 - 35 * over - (15 if length.word_status == "short" else 0))


def _profile_issues(credentials: CredentialCheck, sections: SectionsCheck) -> list[Issue]:
    return list(credentials.issues) + list(sections.issues)


def _messages(level: str, target: str, score: int, better: RoleScore | None, posting: "Posting | None") -> str:
    closer = f" It reads closer to {better.name} ({better.score} of 100 there)." if better else ""
    if level == "not_a_fit":
        return (f"Your resume does not show this job yet: it shows {score} of 100 of what {target} asks for. "
                f"Good formatting cannot make up for that.{closer}")
    if level == "posting_not_recognised" and posting is not None:
        known = ", ".join(r.term.term for r in posting.requirements) or "none"
        return (f"jobkit recognized only {plural(len(posting.requirements), 'term')} of this posting ({known}), "
                "too few to judge your resume against it. Compare the posting's requirements with your resume "
                "yourself, or check against a role.")
    if level == "unreadable":
        return "This file could not be read as text: an ATS sees a blank page."
    return {
        "ready": f"Your resume shows what {target} asks for, and an ATS should read it well.",
        "almost": "Your resume shows this job and an ATS reads it; the fixes below would lift it.",
        "needs_work": "Your resume shows parts of this job; an ATS would miss or rank low what it lacks. "
                      "Start with the fixes below.",
        "not_ready": "Your resume shows little of what this job asks for, or an ATS would lose much of it. "
                     "Start with the fixes below.",
    }[level] + closer


def readiness(
    score: int,
    missing: list[MissingTerm],
    advice: list[FormattingAdvice],
    length: LengthCheck,
    credentials: CredentialCheck,
    sections: SectionsCheck,
    job_title: JobTitleCheck | None = None,
    federal_issues: tuple[Issue, ...] = (),
    *,
    posting: "Posting | None" = None,
    hints: dict[str, Hint] | None = None,
    better_role: RoleScore | None = None,
    target: str = "the role",
    matched: list[MatchedTerm] | None = None,
    federal_rules: bool = False,
    proofreading: tuple[Issue, ...] = (),
) -> Readiness:
    """The headline for a checked resume. ``hints``: what on the resume suggests each missing term
    (:func:`jobkit.match.hints.resume_hint`); ``target``: how the messages name what it is checked against."""
    issues = _profile_issues(credentials, sections) + list(federal_issues)
    federal = federal_rules or bool(federal_issues)
    parts = {
        "match": score,
        "formatting": _formatting_score(advice),
        "profile": max(0, 100 - sum(PROFILE_PENALTY.get(i.severity, 0) for i in issues)),
        "length": _length_score(length),
    }
    overall: int | None = round(sum(WEIGHTS[k] * v for k, v in parts.items()))
    assert overall is not None
    explanation = (
        f"From keyword match {parts['match']}, formatting "
        f"{parts['formatting']} ({plural(len(advice), 'problem') if advice else 'no problems'}), credentials, sections "
        f"and contact {parts['profile']} ({plural(len(issues), 'issue') if issues else 'no issues'}), "
        f"length {parts['length']} ({length.message.rstrip('.')})"
    )
    band = band_for(score).name
    candidates = formatting_fixes(advice) + issue_fixes(issues) + length_fix(length, issues)
    level: ReadinessLevel
    if any(row.code == "image_only" and row.severity == "critical" for row in advice):
        level, overall = "unreadable", min(overall, UNREADABLE_CAP)
    elif posting is not None and posting.few_terms_recognised:
        level, overall = "posting_not_recognised", None
        explanation = "No figure: too few of the posting's terms are known to judge the match"
    elif band == "poor":
        level = "not_a_fit"
        if overall > score:
            explanation += f"; held at {score}, the keyword match: formatting cannot make up for a resume for another job"
            overall = score
        candidates = [(0, 0, fix) for fix in (better_role_fix(better_role),) if fix]
        candidates += requirement_fixes(missing, posting, federal)
        candidates += [c for c in issue_fixes(issues) if c[2].title == issue_info("federal_no_path").title]
        candidates += [(9, 0, fix) for fix in (asks_for(missing, target, posting),) if fix]
    else:
        ceiling = MATCH_CEILING[band]
        if overall > ceiling:
            explanation += f"; held at {ceiling} by the keyword match ({band_for(score).label.lower()})"
            overall = ceiling
        if any(i.code == "federal_too_long" for i in issues) and overall > PORTAL_CEILING:
            explanation += f"; held at {PORTAL_CEILING}: USAJOBS does not consider a resume over its page limit at all"
            overall = PORTAL_CEILING
        level = next(name for floor, name, _ in LEVELS if overall >= floor)  # type: ignore[assignment]
        candidates += requirement_fixes(missing, posting, federal) + keyword_fixes(missing, hints or {}, posting)
        candidates += shown_fixes(matched or []) + proofreading_fixes(proofreading)
        if job_title is not None and not job_title.found:
            candidates.append((TIERS["keyword"], TITLE_IMPACT,
                               Fix("profile", f"Name the job title '{job_title.wanted}'", job_title.message)))
        if better_role is not None and level in ("not_ready", "needs_work"):
            candidates.append((TIERS["keyword"], 1, better_role_fix(better_role)))  # type: ignore[arg-type]
    label = LABELS.get(level) or next(text for _, name, text in LEVELS if name == level)
    return Readiness(
        readiness=overall,
        level=level,
        label=label,
        parts=parts,
        weights=dict(WEIGHTS),
        explanation=explanation,
        top_fixes=top_fixes(candidates),
        message=_messages(level, target, score, better_role, posting),
        better_role=better_role,
    )
