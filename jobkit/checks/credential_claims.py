"""Credential claims that are not catalogue credentials, and credential-like words that look misspelt.

"Certified in ICD-10" (a code set is not a credential), "CPR Certified"
(another field's), "RHTI" (did you mean RHIT?) and unknown acronyms listed
under Certifications. Split from :mod:`jobkit.checks.credentials`, which finds
the catalogue credentials these skip.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from jobkit.data.credential_catalog import Catalogue
from jobkit.match.docindex import DocIndex
from jobkit.model.check_results import CredentialClaim, Issue

if TYPE_CHECKING:
    from jobkit.checks.credential_patterns import CredentialPatterns, Mention

_CLAIM_IN = re.compile(r"\bcertified (?:in|as|for)\s+([^.;\n]{3,60})", re.I)
# Words of at most 60 characters ("AT&T/Cisco"): unbounded, every capital after a "&" or
# "/" of a long run ("A&A&A&...") started a match that re-read the rest of the run.
_CLAIM_BEFORE = re.compile(r"\b([A-Z][\w&/]{0,59}+(?:[ -][A-Z][\w&/]{0,59}+){0,3})[ -]++(?i:certified)\b")
_CODE_SETS = re.compile(r"\b(ICD|CPT|HCPCS|DRG|SNOMED|coding)\b", re.I)
_CANDIDATE = re.compile(r"(?<![\w-])[A-Z]{3,6}(?:-[A-Z])?(?![\w-])")


def find_claims(index: DocIndex, catalogue: Catalogue, compiled: CredentialPatterns) -> list[CredentialClaim]:
    claims = []
    lines = index.document.lines
    for number in sorted(index.lines_with(compiled.claim_triggers)):
        line = lines[number]
        if line.hidden:
            continue
        joined = line.text + (" " + lines[number + 1].text if number + 1 < len(lines) else "")
        for pattern in (_CLAIM_IN, _CLAIM_BEFORE):
            for match in pattern.finditer(joined):
                if match.start() >= len(line.text):
                    continue
                text = match.group(0).strip()
                if compiled.credentials.search(text):
                    continue  # a catalogue credential: reported with its facts instead
                kind, note = _claim_note(text, catalogue)
                claims.append(CredentialClaim(text, number, line.page, kind, note))  # type: ignore[arg-type]
    return claims


def _claim_note(text: str, catalogue: Catalogue) -> tuple[str, str]:
    words = {w.upper() for w in re.findall(r"[A-Za-z]+", text)}
    if words & catalogue.other_acronyms - {"ICD", "CPT", "HCPCS", "DRG", "HIPAA", "EHR", "EMR"}:
        return "other", "A credential outside health information work: fine to list, it earns no keyword credit."
    if _CODE_SETS.search(text):
        return ("vague", "ICD-10, CPT and HCPCS are code sets, not credentials. Name the coding credential you hold "
                "(CCA or CCS from AHIMA, CPC from AAPC) or call this training.")
    return "claim", "Employers may not recognize this credential from its letters alone: write its full name and who issued it."


def find_suspects(index: DocIndex, catalogue: Catalogue, compiled: CredentialPatterns, mentions: list[Mention]) -> list[Issue]:
    """Credential-like acronyms that are misspelt or unknown, where credentials are listed."""
    known = compiled.known
    mentioned = {(m.line, m.start) for m in mentions}
    issues = []
    seen: set[str] = set()
    places = {i for i, name in enumerate(index.sections) if name == "certifications"} | {0}
    places |= index.lines_with(compiled.cert_triggers)
    for number in sorted(places):
        line = index.document.lines[number] if number < len(index.document.lines) else None
        if line is None or line.hidden:
            continue
        text = line.text if number else line.text.partition(",")[2]
        offset = 0 if number else len(line.text) - len(text)
        for match in _CANDIDATE.finditer(text):
            word = match.group(0)
            if word in known or word in seen or (number, match.start() + offset) in mentioned:
                continue
            seen.add(word)
            issues.append(_suspect_issue(word, number, line.page, catalogue, index.sections[number]))
    return [i for i in issues if i]


def _suspect_issue(word: str, line: int, page: int, catalogue: Catalogue, section: str) -> Issue | None:
    from rapidfuzz.distance import DamerauLevenshtein

    close = [c for c in catalogue.credentials.values() if DamerauLevenshtein.distance(word, c.acronym) == 1]
    if close:
        best = close[0]
        return Issue(
            "misspelt_credential", "medium", f"'{word}': did you mean {best.acronym} ({best.name}, {best.issuer})? "
            "An ATS matches credentials letter for letter.", line=line, page=page, found=word, suggestion=best.acronym,
        )
    vowels = sum(1 for c in word if c in "AEIOU")
    if section != "certifications" or vowels > 1:
        return None
    return Issue(
        "unknown_credential", "low", f"'{word}' looks like a credential jobkit does not know. Spell out its full name "
        "and issuing body so recruiters recognize it, and check the spelling.", line=line, page=page, found=word,
    )
