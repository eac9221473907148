"""Credential patterns: how a catalogue credential, its issuer and its status are found in a line.

One home for the regexes and word sets built from the credential catalogue, shared by the
credential check (:mod:`jobkit.checks.credentials`) and the claim and misspelling finder
(:mod:`jobkit.checks.credential_claims`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jobkit.data.credential_catalog import Catalogue, Credential
from jobkit.data.keywords import Glossary
from jobkit.match.docindex import DocIndex
from jobkit.match.tokens import phrase_key, stem
from jobkit.read.dates import DATE, MONTH_NAMES, find_dates, token_date

IN_PROGRESS = re.compile(
    r"\b(eligible|eligibility|candidate|in[ -]progress|pending|scheduled|expected|anticipated|preparing|studying|pursuing"
    r"|working toward|will sit|sitting for|to sit|enrolled|exam date|planned|in training)\b",
    re.I,
)
EARLIEST_YEAR = 1980  # a year near a credential before this is no year it was earned
# "Expires:" and the like; the date after it is read by the one date reader. Possessive spaces: two plain
# \s* around the colon could split a run of spaces every way.
_EXPIRES = re.compile(r"\b(?:exp(?:ires|iration|\.)?|valid (?:through|until|thru))\s*+:?\s*+", re.I)
_WINDOW = 40
# How far before a mention a vendor or an issuer is looked for. The regexes are
# anchored at the mention; searching the whole line before it, once per mention,
# made a long line of acronyms quadratic.
_VENDOR_WINDOW = 40
# An issuer before a mention: its longest name plus this much for ": ", "-certified " and the like.
_ISSUER_SLACK = 40
# Another vendor's credential with the same letters ("Citrix CCA" is Citrix Certified Associate).
_VENDOR = re.compile(
    r"\b(Citrix|Cisco|Microsoft|Amazon|AWS|Google|Oracle|CompTIA|VMware|Salesforce|Adobe|Red Hat|Juniper|Apple|"
    r"Autodesk|SAP|IBM|Dell|HP|Fortinet|Palo Alto)\s*$"
)
_MONTHS = frozenset(name.upper() for name in MONTH_NAMES) | {"SEPT"}  # capitals that are no credential


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
class CredentialPatterns:
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


_PATTERNS: dict[int, tuple[Glossary, CredentialPatterns]] = {}


def patterns_for(glossary: Glossary) -> CredentialPatterns:
    """The catalogue's patterns, built once per glossary."""
    entry = _PATTERNS.get(id(glossary))
    if entry is None or entry[0] is not glossary:
        entry = (glossary, compile_patterns(glossary))
        _PATTERNS.clear()
        _PATTERNS[id(glossary)] = entry
    return entry[1]


def compile_patterns(glossary: Glossary) -> CredentialPatterns:
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
    return CredentialPatterns(
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


def issuer_code(text: str, catalogue: Catalogue) -> str:
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


def _earned(window: str) -> int | None:
    """The year of the first date in ``window`` from :data:`EARLIEST_YEAR` on ("RHIT, 2019")."""
    return next((d.year for d in map(token_date, find_dates(window)) if d and d.year >= EARLIEST_YEAR), None)


def _expiry(window: str) -> tuple[int, int] | None:
    """(month, year) of the first "Expires <date>" in ``window``; a date without a month expires in December."""
    for keyword in _EXPIRES.finditer(window):
        date = token_date(DATE.match(window, keyword.end()))
        if date is not None:
            return date.month or 12, date.year
    return None


def find_mentions(index: DocIndex, compiled: CredentialPatterns) -> list[Mention]:
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
            mentions.append(
                Mention(
                    credential, number, *span, _status(line.text, *span, credential),
                    _earned(window),
                    _expiry(window),
                )
            )
    return mentions
