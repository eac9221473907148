"""The credential check: what the resume claims, and whether it holds up.

Finds catalogue credentials by acronym (RHIT, R.H.I.T., CPC-A) or full name,
anywhere visible including the name line; tells held from in progress
("RHIT eligible", "exam scheduled", CPC-A); flags misspelt acronyms, wrong
issuing bodies and degrees that do not support a credential; compares with
what the role or posting asks for; reminds of renewal cycles. Vague claims
("Certified in ICD-10") are reported too: a code set is not a credential.
"""

from __future__ import annotations

import re
from datetime import date

from jobkit.checks.credential_claims import find_claims, find_suspects
from jobkit.checks.credential_patterns import CredentialPatterns, Mention, find_mentions, issuer_code, patterns_for
from jobkit.data.credential_catalog import Catalogue
from jobkit.match.docindex import DocIndex
from jobkit.model.check_results import CredentialCheck, CredentialFound, CredentialWanted, Issue
from jobkit.match.education import highest_degree, level_rank
from jobkit.data.keywords import Glossary, Requirement

_AFTER_MENTION = re.compile(r"[\s,:(\-\u2013]*(?:issued by|by|from|through)?\s*")


def _wrong_issuer(text: str, mention: Mention, compiled: CredentialPatterns, catalogue: Catalogue) -> str | None:
    """An issuer named right next to the credential ("CPC (AHIMA)", "AHIMA CPC") that does not issue it."""
    after = _AFTER_MENTION.match(text, mention.end)
    candidates = []
    if after:
        hit = compiled.issuers.match(text, after.end())
        if hit:
            candidates.append(hit.group(0))
    before = compiled.issuer_before.search(text, max(0, mention.start - compiled.issuer_reach), mention.start)
    if before:
        candidates.append(before.group(1))
    for name in candidates:
        code = issuer_code(name, catalogue)
        if code not in mention.credential.issuers:
            return name
    return None


def _degree_issues(index: DocIndex, held: list[Mention]) -> list[Issue]:
    issues = []
    degree = highest_degree(index)
    for mention in held:
        needed = mention.credential.degree
        if not needed or (degree and level_rank(degree.level) >= level_rank(needed)):
            continue
        found = f"the highest degree listed is {degree.level}" if degree else "no degree is listed"
        issues.append(Issue(
            "degree_mismatch", "low",
            f"You list {mention.credential.acronym}, which requires {mention.credential.requires[0].lower()}"
            f"{mention.credential.requires[1:]} Here {found}: an employer will ask, so add the degree and program "
            "to your Education section.",
            line=mention.line, page=index.document.lines[mention.line].page,
        ))
    return issues


def _expiry_issues(index: DocIndex, mentions: list[Mention], today: date) -> list[Issue]:
    issues = []
    for mention in mentions:
        if mention.expires and (mention.expires[1], mention.expires[0]) < (today.year, today.month):
            issues.append(Issue(
                "expired_credential", "medium",
                f"{mention.credential.acronym} shows an expiry of {mention.expires[0]:02d}/{mention.expires[1]}, "
                f"which has passed. Renew it ({mention.credential.renewal}) or mark it as lapsed.",
                line=mention.line, page=index.document.lines[mention.line].page,
            ))
    return issues


STATUS_ORDER = {"held": 0, "apprentice": 1, "in_progress": 2}


def _claims_held(index: DocIndex, mention: Mention) -> bool:
    """Held is believable where credentials are claimed: the name line or a certifications section."""
    return mention.status == "held" and (mention.line == 0 or index.sections[mention.line] == "certifications")


def _best(index: DocIndex, mentions: list[Mention]) -> dict[str, Mention]:
    """One mention per credential. "RHIT pending" outweighs a bare RHIT in a skills list,
    but not "Jane Doe, RHIT" or an RHIT listed under Certifications."""
    by_credential: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_credential.setdefault(mention.credential.acronym, []).append(mention)
    best: dict[str, Mention] = {}
    for acronym, group in by_credential.items():
        claimed = [m for m in group if _claims_held(index, m)]
        pending = [m for m in group if m.status != "held"]
        if claimed or not pending:
            best[acronym] = claimed[0] if claimed else group[0]
        else:
            best[acronym] = min(pending, key=lambda m: STATUS_ORDER[m.status])
    return best


def _target_status(requirements: tuple[Requirement, ...], best: dict[str, Mention], glossary: Glossary) -> list[CredentialWanted]:
    rows = []
    for requirement in requirements:
        term = requirement.term
        if term.category != "credential":
            continue
        members = term.any_of or (term.id,)
        statuses = [best[a].status for a in best if best[a].credential.term_id in members]
        status = min(statuses, key=lambda s: STATUS_ORDER[s]) if statuses else "missing"
        if status == "apprentice":
            status = "in_progress"
        rows.append(CredentialWanted(term.id, term.term, requirement.need, status))  # type: ignore[arg-type]
    return rows


def check_credentials(
    index: DocIndex, glossary: Glossary, requirements: tuple[Requirement, ...] = (), today: date | None = None
) -> CredentialCheck:
    catalogue = glossary.catalogue
    compiled = patterns_for(glossary)
    today = today or date.today()
    mentions = find_mentions(index, compiled)
    best = _best(index, mentions)
    issues: list[Issue] = []
    for mention in mentions:
        line = index.document.lines[mention.line]
        wrong = _wrong_issuer(line.text, mention, compiled, catalogue)
        if wrong:
            credential = mention.credential
            issues.append(Issue(
                "wrong_issuer", "medium",
                f"{credential.acronym} is issued by {credential.issuer} ({credential.issuer_name}), not {wrong}. "
                "Recruiters check this; correct the issuing body.",
                line=mention.line, page=line.page,
            ))
    issues += find_suspects(index, catalogue, compiled, mentions)
    held = [m for m in best.values() if m.status == "held"]
    issues += _degree_issues(index, held)
    issues += _expiry_issues(index, mentions, today)
    return CredentialCheck(
        found=tuple(_found_row(index, m) for m in best.values()),
        claims=tuple(find_claims(index, catalogue, compiled)),
        issues=tuple(issues),
        target=tuple(_target_status(requirements, best, glossary)),
        reminders=tuple(
            f"{m.credential.acronym}: {m.credential.renewal} ({m.credential.issuer})."
            + (f" Earned {m.year}: keep your CEU log for each cycle since." if m.year else "")
            for m in held
            if m.credential.renewal
        ),
    )


def _found_row(index: DocIndex, mention: Mention) -> CredentialFound:
    credential = mention.credential
    line = index.document.lines[mention.line]
    return CredentialFound(
        acronym=credential.acronym, name=credential.name, issuer=credential.issuer, issuer_name=credential.issuer_name,
        requires=credential.requires, renewal=credential.renewal, sources=credential.sources,
        status=mention.status,  # type: ignore[arg-type]
        line=mention.line, page=line.page, section=index.sections[mention.line], text=line.text[:160],
        leads_to=credential.status_of or None, year=mention.year or None,
    )


def credit_adjustments(result: CredentialCheck) -> dict[str, tuple[float, str]]:
    """The credential check decides what credential terms earn in the score.

    In progress counts half. A credential the check did not find as a claim
    (the acronym of another vendor's certificate, "Citrix CCA") counts nothing.
    """
    adjust = {}
    for row in result.target:
        if row.status == "in_progress":
            adjust[row.id] = (0.5, "In progress, not yet held: counts half until you pass the exam.")
        elif row.status == "missing":
            adjust[row.id] = (
                0.0,
                "Mentioned, but not as a credential you hold (another vendor's, or a vague claim): name it by its "
                "acronym and issuer, e.g. 'CPC (AAPC)'.",
            )
    return adjust
