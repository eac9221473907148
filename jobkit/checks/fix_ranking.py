"""The fixes a report puts first, ranked by what decides (:data:`TIERS`), and the candidates each check gives.

Tiers, first to last: content an ATS loses and page limits a portal enforces; what the posting requires
(a credential or degree a screening question asks about) and the federal basic requirements; the details
federal HR needs; keywords and contact; then polish. Within a tier, the larger impact first. A keyword is
put forward only when the resume hints at it (:mod:`jobkit.match.hints`), in the posting's own words,
and always "if true". Split from :mod:`jobkit.checks.readiness`, which decides the level and the figure.
"""

from __future__ import annotations

from dataclasses import replace

from typing import TYPE_CHECKING

from jobkit.match.hints import Hint
from jobkit.match.matcher import LISTED_CREDIT
from jobkit.match.scoring import MatchedTerm, MissingTerm, effective_weight
from jobkit.model.check_results import FormattingAdvice, Fix, Issue, LengthCheck, RoleScore
from jobkit.model.finding_codes import issue_info
from jobkit.model.severity import severity_table

if TYPE_CHECKING:
    from jobkit.match.posting import Posting

IMPACT = severity_table(critical=100, high=60, medium=30, low=10, info=0)
# Findings whose content an ATS may never see: fixing one can matter more than any missing keyword,
# since the keywords inside are lost too, so they rank above keyword fixes.
HIDES_CONTENT = frozenset({"image_only", "text_box", "header_footer", "two_column", "unreadable_glyphs", "table"})
HIDES_BONUS = 40
TITLE_IMPACT = 35  # about a weight-2 missing required term
# Fix tiers, first to last: what decides comes before what polishes.
TIERS = {"blocker": 0, "requirement": 1, "federal_detail": 2, "keyword": 3, "polish": 4}
_ISSUE_TIER = {"federal_too_long": "blocker", "federal_no_path": "requirement", "federal_job_details": "federal_detail",
               "federal_duty_not_shown": "federal_detail", "missing_email": "keyword", "contact_not_readable": "keyword",
               "name_missing": "keyword", "misspelt_field_term": "keyword"}
SCREENED_CATEGORIES = ("credential", "education")  # what a posting's screening questions ask yes or no
SHOWN_REQUIREMENTS = 3  # required terms named in "what this job asks for"

Candidate = tuple[int, int, Fix]  # (tier, impact, fix)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def wording(item: MissingTerm) -> str:
    """The term in the posting's own words when it has them, else the glossary's."""
    return (item.requirement.wording or (item.requirement.term.term,))[0]


def formatting_fixes(advice: list[FormattingAdvice]) -> list[Candidate]:
    out = []
    for row in advice:
        blocker = row.code in HIDES_CONTENT and row.severity in ("critical", "high")
        impact = IMPACT.get(row.severity, 0) + (HIDES_BONUS if row.code in HIDES_CONTENT and row.severity != "info" else 0)
        out.append((TIERS["blocker" if blocker else "polish"], impact, Fix("formatting", row.title, row.fix)))
    return out


def requirement_fixes(missing: list[MissingTerm], posting: "Posting | None", federal: bool = False) -> list[Candidate]:
    """What a posting requires and screens for (a credential, a degree), each in the posting's words.

    Not under federal rules: an announcement's basic requirements are alternatives (experience, or a
    degree, or a program), which the federal check judges as paths; one term of one path is no requirement.
    """
    if posting is None or federal:
        return []
    out = []
    groups: dict[str, list[MissingTerm]] = {}
    grouped_terms = {t for r in posting.requirements if r.one_of for t in (r.term.id,)}
    for item in missing:
        req = item.requirement
        if req.need != "required" or req.term.category not in SCREENED_CATEGORIES:
            continue
        if req.one_of:
            groups.setdefault(req.one_of, []).append(item)
            continue
        if req.term.any_of and grouped_terms.intersection(req.term.any_of):
            continue  # "Coding certification" where the posting names which ones: the group's fix says it
        what = "credential" if req.term.category == "credential" else "qualification"
        out.append((TIERS["requirement"], round(8 * effective_weight(req)),
                    Fix("requirement", f"The posting requires '{wording(item)}'",
                        f"It is a required {what}: the application will likely ask about it. {item.advice}")))
    for members in groups.values():
        names = [f"'{wording(m)}'" for m in members]
        listed = ", ".join(names[:-1]) + " or " + names[-1]
        out.append((TIERS["requirement"], max(round(8 * effective_weight(m.requirement)) for m in members),
                    Fix("requirement", f"The posting requires one of {listed}",
                        "Any one of them meets it: the application will likely ask about it. If you hold one, list it "
                        "after your name and in a Certifications section; if you are working towards one, say so "
                        "('exam scheduled June 2027').")))
    return out


def keyword_fixes(missing: list[MissingTerm], hints: dict[str, Hint], posting: "Posting | None") -> list[Candidate]:
    out = []
    for item in missing:
        req = item.requirement
        hint = hints.get(req.term.id)
        if req.need != "required" or hint is None or (posting is not None and req.term.category in SCREENED_CATEGORIES):
            continue
        out.append((TIERS["keyword"], round(8 * effective_weight(req)),
                    Fix("keyword", f"Name '{wording(item)}', if true",
                        f"Your resume mentions \"{hint.words}\" (page {hint.page}). {item.advice}")))
    return out


def shown_fixes(matched: list[MatchedTerm]) -> list[Candidate]:
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


def issue_fixes(issues: list[Issue]) -> list[Candidate]:
    out = []
    for issue in issues:
        info = issue_info(issue.code)
        tier = _ISSUE_TIER.get(issue.code, "polish")
        kind = "federal" if issue.code.startswith("federal_") else "profile"
        out.append((TIERS[tier], info.rank, Fix(kind, info.title, issue.message)))  # type: ignore[arg-type]
    return out


def proofreading_fixes(issues: tuple[Issue, ...] | list[Issue]) -> list[Candidate]:
    """One fix per kind of proofreading problem: misspellings together ("'HIPPA' should be 'HIPAA'; ..."),
    so five typos do not crowd out everything else."""
    by_code: dict[str, list[Issue]] = {}
    for issue in issues:
        by_code.setdefault(issue.code, []).append(issue)
    out = []
    for code, group in by_code.items():
        if len(group) > 1 and code in ("misspelt_field_term", "misspelling", "duplicate_line"):
            joined = "; ".join(i.message.rstrip(".").split(":")[0] for i in group[:4])
            group = [replace(group[0], message=joined + ("; and more" if len(group) > 4 else "") + ".")]
        out += issue_fixes(group[:1])
    return out


def length_fix(length: LengthCheck, issues: list[Issue]) -> list[Candidate]:
    if length.passed or any(i.code == "federal_too_long" for i in issues):
        return []  # a federal page limit is its own (blocker) fix
    over = length.pages - length.target_pages
    detail = " ".join(filter(None, [(length.spills_at or "") + ".", (length.advice or ("",))[0]])).lstrip(". ")
    return [(TIERS["polish"], 40 + 10 * over, Fix("length", f"Cut {plural(over, 'page')}", detail))]


def asks_for(missing: list[MissingTerm], target: str, posting: "Posting | None") -> Fix | None:
    """For a resume that does not show the job: the few things that would have to be true, never keyword adds
    (a posting's screened credential or degree is its own fix, so it is not named twice)."""
    needed = [m for m in missing if m.requirement.need == "required"
              and not (posting is not None and m.requirement.term.category in SCREENED_CATEGORIES)]
    needed.sort(key=lambda m: -effective_weight(m.requirement))
    if not needed:
        return None
    names = [f"'{wording(m)}'" for m in needed[:SHOWN_REQUIREMENTS]]
    listed = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]
    return Fix("requirement", "What this job asks for",
               f"{target[0].upper() + target[1:]} requires {listed}, and jobkit does not find them on your resume. "
               "Apply when your experience, training or credentials include them (name them in the words you used), "
               "and do not add words your work does not back.")


def better_role_fix(better: RoleScore | None) -> Fix | None:
    if better is None:
        return None
    return Fix("target", f"Check against {better.name}",
               f"Your resume scores {better.score} of 100 as {better.name}: jobs of that kind fit what it shows better "
               f"(jobkit check --role {better.id}).")


def top_fixes(candidates: list[Candidate]) -> tuple[Fix, ...]:
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
