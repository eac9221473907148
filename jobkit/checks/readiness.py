"""ATS readiness: match, formatting, length and profile in one figure, with the
three fixes that would help most.

The weights put the keyword match first (half) because that is what an ATS
ranks on; formatting next (a quarter) because a lost column or text box
hides keywords; credentials, sections and contact (15%) and length (10%)
last. An image-only file caps readiness at 10: the ATS reads nothing.
"""

from __future__ import annotations


from jobkit.model.check_results import (
    CredentialCheck, FormattingAdvice, Fix, Issue, JobTitleCheck, LengthCheck, Readiness, SectionsCheck,
)
from jobkit.model.finding_codes import issue_info
from jobkit.model.score_bands import FAIR, GOOD, STRONG
from jobkit.model.severity import severity_table
from jobkit.match.scoring import MissingTerm, effective_weight

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


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _formatting_score(advice: list[FormattingAdvice]) -> int:
    return max(0, 100 - sum(PENALTY.get(row.severity, 0) for row in advice))


def _length_score(length: LengthCheck) -> int:
    over = max(0, length.pages - length.target_pages)
    return max(0, 100 - 35 * over - (15 if length.word_status == "short" else 0))


def _profile_issues(credentials: CredentialCheck, sections: SectionsCheck) -> list[Issue]:
    return list(credentials.issues) + list(sections.issues)


def _candidates(
    score: int, missing: list[MissingTerm], advice: list[FormattingAdvice], length: LengthCheck, issues: list[Issue],
    job_title: JobTitleCheck | None = None,
) -> list[tuple[int, Fix]]:
    fixes = [(IMPACT.get(row.severity, 0) + (HIDES_BONUS if row.code in HIDES_CONTENT and row.severity != "info" else 0),
              Fix("formatting", row.title, row.fix)) for row in advice]
    for item in [m for m in missing if m.requirement.need == "required"][:3]:
        fixes.append((round(8 * effective_weight(item.requirement)),
                      Fix("keyword", f"Add '{(item.requirement.wording or (item.requirement.term.term,))[0]}'", item.advice)))
    if not length.passed:
        over = length.pages - length.target_pages
        detail = " ".join(filter(None, [(length.spills_at or "") + ".", (length.advice or ("",))[0]])).lstrip(". ")
        fixes.append((40 + 10 * over, Fix("length", f"Cut {plural(over, 'page')}", detail)))
    for issue in issues:
        info = issue_info(issue.code)
        fixes.append((info.rank, Fix("profile", info.title, issue.message)))
    if job_title is not None and not job_title.found:
        fixes.append((TITLE_IMPACT, Fix("profile", f"Name the job title '{job_title.wanted}'", job_title.message)))
    return sorted(fixes, key=lambda f: -f[0])


def _top_fixes(candidates: list[tuple[int, Fix]]) -> tuple[Fix, ...]:
    """The three fixes that help most; at most two keyword fixes, so a layout or contact problem is never crowded out."""
    fixes: list[Fix] = []
    seen = set()
    for _, fix in candidates:
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
) -> Readiness:
    issues = _profile_issues(credentials, sections) + list(federal_issues)
    parts = {
        "match": score,
        "formatting": _formatting_score(advice),
        "profile": max(0, 100 - sum(PROFILE_PENALTY.get(i.severity, 0) for i in issues)),
        "length": _length_score(length),
    }
    overall = round(sum(WEIGHTS[k] * v for k, v in parts.items()))
    if any(row.code == "image_only" and row.severity == "critical" for row in advice):
        overall = min(overall, 10)
    level, label = next((name, label) for floor, name, label in LEVELS if overall >= floor)
    return Readiness(
        readiness=overall,
        level=level,  # type: ignore[arg-type]
        label=label,
        parts=parts,
        weights=dict(WEIGHTS),
        explanation=(
            f"From keyword match {parts['match']}, formatting "
            f"{parts['formatting']} ({plural(len(advice), 'problem') if advice else 'no problems'}), credentials, sections "
            f"and contact {parts['profile']} ({plural(len(issues), 'issue') if issues else 'no issues'}), "
            f"length {parts['length']} ({length.message.rstrip('.')})"
        ),
        top_fixes=_top_fixes(_candidates(score, missing, advice, length, issues, job_title)),
    )
