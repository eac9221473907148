"""The one answer: is this resume for this job, will an ATS read it, and the three fixes that help most.

Two questions, kept apart. *Is this resume for this job?* is the keyword match: a resume in the poor
band does not show the job (level ``not_a_fit``), and no formatting can make up for it, so its
figure is held at the match. *Will an ATS read it?* is formatting, length and profile. The readiness
figure weighs them (match half, formatting a quarter, credentials, sections and contact 15%, length
10%) but never reads better than the match allows: a weak match is at most "Not ready", a partial one
at most "Needs work", a good one at most "Almost ready". An image-only file is ``unreadable`` (at most
10); a posting with fewer than five recognised terms gets no figure (``posting_not_recognised``).

Fixes are ranked by what decides, in tiers (:data:`TIERS`): content an ATS loses and page limits a
portal enforces; then what the posting requires (credentials, degree) and the federal basic
requirements; then the details federal HR needs; then keywords and contact; then polish. A keyword
is put forward only when something on the resume suggests it (:mod:`jobkit.match.hints`), in the
posting's own words, and always "if true".
"""

from __future__ import annotations


from typing import TYPE_CHECKING

from jobkit.match.hints import Hint
from jobkit.model.check_results import (
    CredentialCheck, FormattingAdvice, Fix, Issue, JobTitleCheck, LengthCheck, Readiness, ReadinessLevel, RoleScore,
    SectionsCheck,
)
from jobkit.model.finding_codes import issue_info
from jobkit.model.score_bands import FAIR, GOOD, STRONG
from jobkit.model.severity import severity_table
from jobkit.match.matcher import LISTED_CREDIT
from jobkit.match.scoring import MatchedTerm, MissingTerm, band_for, effective_weight

if TYPE_CHECKING:
    from jobkit.match.posting import Posting

WEIGHTS = {"match": 0.50, "formatting": 0.25, "profile": 0.15, "length": 0.10}
PENALTY = severity_table(critical=100, high=30, medium=12, low=4, info=0)
PROFILE_PENALTY = severity_table(high=25, medium=12, low=5, info=0)  # no credential or section issue is critical
IMPACT = severity_table(critical=100, high=60, medium=30, low=10, info=0)
# Findings whose content an ATS may never see: fixing one can matter more than any missing keyword,
# since the keywords inside are lost too, so they rank above keyword fixes.
HIDES_CONTENT = frozenset({"image_only", "text_box", "header_footer", "two_column", "unreadable_glyphs", "table"})
HIDES_BONUS = 40
TITLE_IMPACT = 35  # about a weight-2 missing required term
LEVELS = ((STRONG, "ready", "Ready to send"), (GOOD, "almost", "Almost ready"), (FAIR, "needs_work", "Needs work"),
          (0, "not_ready", "Not ready"))
# The highest readiness figure each match band allows: formatting cannot lift a resume past what it shows.
# A weak match is at most "Needs work", a partial one at most "Almost ready": a posting's terms are read by
# machine, so a strong candidate can score weak on an announcement full of alternatives; only the poor band
# (another field) is held at the match itself.
MATCH_CEILING = {"strong": 100, "good": 100, "partial": STRONG - 1, "weak": GOOD - 1}
LABELS: dict[str, str] = {"not_a_fit": "Does not show this job yet", "posting_not_recognised": "Posting not recognized",
                          "unreadable": "Could not be read as text"}
UNREADABLE_CAP = 10
PORTAL_CEILING = FAIR - 1  # over a page limit a portal enforces: "Not ready", whatever else is right
# Fix tiers, first to last: what decides comes before what polishes.
TIERS = {"blocker": 0, "requirement": 1, "federal_detail": 2, "keyword": 3, "polish": 4}
_ISSUE_TIER = {"federal_too_long": "blocker", "federal_no_path": "requirement", "federal_job_details": "federal_detail",
               "federal_duty_not_shown": "federal_detail", "missing_email": "keyword", "contact_not_readable": "keyword"}
SCREENED_CATEGORIES = ("credential", "education")  # what a posting's screening questions ask yes or no
SHOWN_REQUIREMENTS = 3  # required terms named in "what this job asks for"
BETTER_ROLE_MARGIN = 10  # points a role must score above the kind of job checked to be named
ROLE_LEAD = 3  # and above every other role: a near tie names none


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


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


def _wording(item: MissingTerm) -> str:
    """The term in the posting's own words when it has them, else the glossary's."""
    return (item.requirement.wording or (item.requirement.term.term,))[0]


def _formatting_fixes(advice: list[FormattingAdvice]) -> list[tuple[int, int, Fix]]:
    out = []
    for row in advice:
        blocker = row.code in HIDES_CONTENT and row.severity in ("critical", "high")
        impact = IMPACT.get(row.severity, 0) + (HIDES_BONUS if row.code in HIDES_CONTENT and row.severity != "info" else 0)
        out.append((TIERS["blocker" if blocker else "polish"], impact, Fix("formatting", row.title, row.fix)))
    return out


def _requirement_fixes(missing: list[MissingTerm], posting: "Posting | None", federal: bool = False) -> list[tuple[int, int, Fix]]:
    """What a posting requires and screens for (a credential, a degree), each in the posting's words.

    Not under federal rules: an announcement's basic requirements are alternatives (experience, or a
    degree, or a program), which the federal check judges as paths; one term of one path is no requirement.
    """
    if posting is None or federal:
        return []
    out = []
    for item in missing:
        req = item.requirement
        if req.need == "required" and req.term.category in SCREENED_CATEGORIES:
            what = "credential" if req.term.category == "credential" else "qualification"
            out.append((TIERS["requirement"], round(8 * effective_weight(req)),
                        Fix("requirement", f"The posting requires '{_wording(item)}'",
                            f"It is a required {what}: the application will likely ask about it. {item.advice}")))
    return out


def _keyword_fixes(missing: list[MissingTerm], hints: dict[str, Hint], posting: "Posting | None") -> list[tuple[int, int, Fix]]:
    out = []
    for item in missing:
        req = item.requirement
        hint = hints.get(req.term.id)
        if req.need != "required" or hint is None or (posting is not None and req.term.category in SCREENED_CATEGORIES):
            continue
        out.append((TIERS["keyword"], round(8 * effective_weight(req)),
                    Fix("keyword", f"Name '{_wording(item)}', if true",
                        f"Your resume mentions \"{hint.words}\" (page {hint.page}). {item.advice}")))
    return out


def _shown_fixes(matched: list[MatchedTerm]) -> list[tuple[int, int, Fix]]:
    """Required terms the resume only lists: showing where they were used is grounded advice."""
    out = []
    for item in matched:
        req, best = item.requirement, item.evidence[0] if item.evidence else None
        if req.need == "required" and best is not None and 0 < item.credit <= LISTED_CREDIT \
                and req.term.category not in SCREENED_CATEGORIES:
            word = (req.wording or (req.term.term,))[0]
            out.append((TIERS["keyword"], round(8 * effective_weight(req) * (1 - item.credit)),
                        Fix("keyword", f"Show '{word}' in your experience",
                            f"Your resume only lists it (\"{best.matched}\", page {best.page}), which counts less "
                            "than a bullet that says where you used it.")))
    return out


def _issue_fixes(issues: list[Issue]) -> list[tuple[int, int, Fix]]:
    out = []
    for issue in issues:
        info = issue_info(issue.code)
        tier = _ISSUE_TIER.get(issue.code, "polish")
        kind = "federal" if issue.code.startswith("federal_") else "profile"
        out.append((TIERS[tier], info.rank, Fix(kind, info.title, issue.message)))  # type: ignore[arg-type]
    return out


def _length_fix(length: LengthCheck, issues: list[Issue]) -> list[tuple[int, int, Fix]]:
    if length.passed or any(i.code == "federal_too_long" for i in issues):
        return []  # a federal page limit is its own (blocker) fix
    over = length.pages - length.target_pages
    detail = " ".join(filter(None, [(length.spills_at or "") + ".", (length.advice or ("",))[0]])).lstrip(". ")
    return [(TIERS["polish"], 40 + 10 * over, Fix("length", f"Cut {plural(over, 'page')}", detail))]


def _asks_for(missing: list[MissingTerm], target: str, posting: "Posting | None") -> Fix | None:
    """For a resume that does not show the job: the few things that would have to be true, never keyword adds
    (a posting's screened credential or degree is its own fix, so it is not named twice)."""
    needed = [m for m in missing if m.requirement.need == "required"
              and not (posting is not None and m.requirement.term.category in SCREENED_CATEGORIES)]
    needed.sort(key=lambda m: -effective_weight(m.requirement))
    if not needed:
        return None
    names = [f"'{_wording(m)}'" for m in needed[:SHOWN_REQUIREMENTS]]
    listed = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]
    return Fix("requirement", "What this job asks for",
               f"{target[0].upper() + target[1:]} requires {listed}, and jobkit does not find them on your resume. "
               "Apply when your experience, training or credentials include them (name them in the words you used), "
               "and do not add words your work does not back.")


def _better_role_fix(better: RoleScore | None) -> Fix | None:
    if better is None:
        return None
    return Fix("target", f"Check against {better.name}",
               f"Your resume scores {better.score} of 100 as {better.name}: jobs of that kind fit what it shows better "
               f"(jobkit check --role {better.id}).")


def _top_fixes(candidates: list[tuple[int, int, Fix]]) -> tuple[Fix, ...]:
    """The three fixes that decide most: by tier, then impact; at most two keyword fixes."""
    fixes: list[Fix] = []
    seen = set()
    for _, _, fix in sorted(candidates, key=lambda c: (c[0], -c[1])):
        if fix.title in seen or (fix.kind == "keyword" and sum(f.kind == "keyword" for f in fixes) == 2):
            continue
        seen.add(fix.title)
        fixes.append(fix)
        if len(fixes) == 3:
            break
    return tuple(fixes)


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
    candidates = _formatting_fixes(advice) + _issue_fixes(issues) + _length_fix(length, issues)
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
        candidates = [(0, 0, fix) for fix in (_better_role_fix(better_role),) if fix]
        candidates += _requirement_fixes(missing, posting, federal)
        candidates += [c for c in _issue_fixes(issues) if c[2].title == issue_info("federal_no_path").title]
        candidates += [(9, 0, fix) for fix in (_asks_for(missing, target, posting),) if fix]
    else:
        ceiling = MATCH_CEILING[band]
        if overall > ceiling:
            explanation += f"; held at {ceiling} by the keyword match ({band_for(score).label.lower()})"
            overall = ceiling
        if any(i.code == "federal_too_long" for i in issues) and overall > PORTAL_CEILING:
            explanation += f"; held at {PORTAL_CEILING}: USAJOBS does not consider a resume over its page limit at all"
            overall = PORTAL_CEILING
        level = next(name for floor, name, _ in LEVELS if overall >= floor)  # type: ignore[assignment]
        candidates += _requirement_fixes(missing, posting, federal) + _keyword_fixes(missing, hints or {}, posting)
        candidates += _shown_fixes(matched or [])
        if job_title is not None and not job_title.found:
            candidates.append((TIERS["keyword"], TITLE_IMPACT,
                               Fix("profile", f"Name the job title '{job_title.wanted}'", job_title.message)))
        if better_role is not None and level in ("not_ready", "needs_work"):
            candidates.append((TIERS["keyword"], 1, _better_role_fix(better_role)))  # type: ignore[arg-type]
    label = LABELS.get(level) or next(text for _, name, text in LEVELS if name == level)
    return Readiness(
        readiness=overall,
        level=level,
        label=label,
        parts=parts,
        weights=dict(WEIGHTS),
        explanation=explanation,
        top_fixes=_top_fixes(candidates),
        message=_messages(level, target, score, better_role, posting),
        better_role=better_role,
    )
