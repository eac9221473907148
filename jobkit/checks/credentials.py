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
from dataclasses import dataclass
from datetime import date

from jobkit.checks.credential_claims import find_claims, find_suspects
from jobkit.data.credential_catalog import Catalogue, Credential
from jobkit.match.docindex import DocIndex
from jobkit.model.check_results import CredentialCheck, CredentialFound, CredentialWanted, Issue
from jobkit.match.education import highest_degree, level_rank
from jobkit.data.keywords import Glossary, Requirement
from jobkit.match.tokens import phrase_key, stem

IN_PROGRESS = re.compile(
    r"\b(eligible|eligibility|candidate|in[ -]progress|pending|scheduled|expected|anticipated|preparing|studying|pursuing"
    r"|working toward|will sit|sitting for|to sit|enrolled|exam date|planned|in training)\b",
    re.I,
)
_YEAR = re.compile(r"\b(19[89]\d|20\d\d)\b")
# Possessive spaces: two plain \s* around the colon could split a run of spaces every way.
_EXPIRES = re.compile(
    r"\b(?:exp(?:ires|iration|\.)?|valid (?:through|until|thru))\s*+:?\s*+(?:(\d{1,2})/)?(19\d\d|20\d\d)", re.I
)
_WINDOW = 40
# How far before a mention a vendor or an issuer is looked for. The regexes are
# anchored at the mention; searching the whole line before it, once per mention,
# made a long line of acronyms quadratic.
_VENDOR_WINDOW = 40
# An issuer before a mention: its longest name plus this much for ": ", "-certified " and the like.
_ISSUER_SLACK = 40
_AFTER_MENTION = re.compile(r"[\s,:(\-\u2013]*(?:issued by|by|from|through)?\s*")
# Another vendor's credential with the same letters ("Citrix CCA" is Citrix Certified Associate).
_VENDOR = re.compile(
    r"\b(Citrix|Cisco|Microsoft|Amazon|AWS|Google|Oracle|CompTIA|VMware|Salesforce|Adobe|Red Hat|Juniper|Apple|"
    r"Autodesk|SAP|IBM|Dell|HP|Fortinet|Palo Alto)\s*$"
)
_MONTHS = frozenset("JAN FEB MAR APR MAY JUN JUL AUG SEP SEPT OCT NOV DEC".split())


@dataclass(frozen=True)
class Mention:
    credential: Credential
    line: int
    start: int
    end: int
    status: str
    year: int | None
    expires: tuple[int, int] | None


def _acronym_pattern(acronym: str) -> str:
    letters, _, suffix = acronym.partition("-")
    core = r"\.?".join(re.escape(c) for c in letters) + r"\.?"
    if suffix:
        core += r"[-\u2010 ]?" + re.escape(suffix)
    return r"(?<![\w-])" + core + r"(?![\w]|-[A-Z](?![\w]))"


@dataclass(frozen=True)
class _Compiled:
    """Regexes and word sets for one catalogue, built once."""

    credentials: re.Pattern[str]
    by_group: dict[str, Credential]
    issuers: re.Pattern[str]
    # An issuer ending where a mention starts ("AHIMA CPC", "AAPC-certified CPC"),
    # and how many characters before the mention it can start.
    issuer_before: re.Pattern[str]
    issuer_reach: int
    known: frozenset[str]
    # Token stems that must be on a line for the regexes to have a chance.
    triggers: frozenset[str]
    claim_triggers: frozenset[str]
    cert_triggers: frozenset[str]


_COMPILED: dict[int, tuple[Glossary, _Compiled]] = {}


def _compiled(glossary: Glossary) -> _Compiled:
    entry = _COMPILED.get(id(glossary))
    if entry is None or entry[0] is not glossary:
        entry = (glossary, _compile(glossary))
        _COMPILED.clear()
        _COMPILED[id(glossary)] = entry
    return entry[1]


def _compile(glossary: Glossary) -> _Compiled:
    catalogue = glossary.catalogue
    parts, by_group = [], {}
    # Longest acronyms first: the alternation then finds CPC-A before CPC can claim it.
    for number, credential in enumerate(sorted(catalogue.credentials.values(), key=lambda c: -len(c.acronym))):
        names = [re.escape(n).replace(r"\ ", r"[\s-]+") for n in (credential.name, *credential.aliases) if " " in n]
        pattern = _acronym_pattern(credential.acronym)
        if names:
            pattern += "|(?i:" + "|".join(names) + ")"
        parts.append(f"(?P<c{number}>{pattern})")
        by_group[f"c{number}"] = credential
    known = set(catalogue.credentials) | set(catalogue.other_acronyms) | _MONTHS
    known |= {c.issuer for c in catalogue.credentials.values()} | {"HCCA", "AMA", "AHA", "HIMSS", "NCRA"}
    known |= {a.upper() for t in glossary.terms.values() for a in (t.term, *t.aliases) if a.isupper()}
    triggers = {phrase_key(form)[0] for c in catalogue.credentials.values() for form in (c.acronym, c.name, *c.aliases)}
    claims = {stem(w) for w in ("certified", "certify")}
    certs = claims | {stem(w) for w in ("certification", "certifications", "certificate", "credential", "credentials",
                                         "license", "licensed", "licenses", "licensure", "registered")}
    issuers = _issuer_pattern(catalogue)
    before = re.compile(r"(" + issuers.pattern + r")[\s:\-\u2013]*(?:certified\s+)?$", re.I)
    codes, names = _issuer_names(catalogue)
    reach = max(len(name) for name in codes | names) + _ISSUER_SLACK
    return _Compiled(
        re.compile("|".join(parts)), by_group, issuers, before, reach,
        frozenset(known), frozenset(triggers), frozenset(claims), frozenset(certs),
    )


def _issuer_names(catalogue: Catalogue) -> tuple[set[str], set[str]]:
    """The issuers' acronyms (AHIMA) and full names (American Health Information Management Association)."""
    names = {name for c in catalogue.credentials.values() for name in c.issuers}
    full = {c.issuer_name.split(" (")[0] for c in catalogue.credentials.values()}
    full |= {"American Academy of Professional Coders", "Health Care Compliance Association"}
    return names, full


def _issuer_pattern(catalogue: Catalogue) -> re.Pattern[str]:
    names, full = _issuer_names(catalogue)
    parts = [rf"\b{re.escape(n)}\b" for n in sorted(names, key=len, reverse=True)]
    parts += [re.escape(n) for n in sorted(full, key=len, reverse=True)]
    return re.compile("|".join(parts), re.I)


def _issuer_code(text: str, catalogue: Catalogue) -> str:
    upper = text.upper()
    for credential in catalogue.credentials.values():
        if credential.issuer_name.split(" (")[0].upper() == upper:
            return credential.issuer
    return {"AMERICAN ACADEMY OF PROFESSIONAL CODERS": "AAPC", "HEALTH CARE COMPLIANCE ASSOCIATION": "HCCA"}.get(upper, upper)


def _status(text: str, start: int, end: int, credential: Credential) -> str:
    window = text[max(0, start - _WINDOW) : end + _WINDOW]
    if credential.status_of:
        return "apprentice"
    return "in_progress" if IN_PROGRESS.search(window) else "held"


def find_mentions(index: DocIndex, compiled: _Compiled) -> list[Mention]:
    """Every catalogue credential stated in visible text, in document order."""
    mentions: list[Mention] = []
    for number in sorted(index.lines_with(compiled.triggers)):
        line = index.document.lines[number]
        if line.hidden:
            continue
        for match in compiled.credentials.finditer(line.text):
            credential = compiled.by_group[match.lastgroup or ""]
            span = match.span()
            if _VENDOR.search(line.text, max(0, span[0] - _VENDOR_WINDOW), span[0]):
                continue
            window = line.text[max(0, span[0] - _WINDOW) : span[1] + _WINDOW]
            year = _YEAR.search(window)
            expires = _EXPIRES.search(window)
            mentions.append(
                Mention(
                    credential, number, *span, _status(line.text, *span, credential),
                    int(year.group(1)) if year else None,
                    (int(expires.group(1) or 12), int(expires.group(2))) if expires else None,
                )
            )
    return mentions


def _wrong_issuer(text: str, mention: Mention, compiled: _Compiled, catalogue: Catalogue) -> str | None:
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
        code = _issuer_code(name, catalogue)
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
    compiled = _compiled(glossary)
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
