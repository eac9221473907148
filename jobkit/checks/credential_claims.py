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
_CLAIM_BEFORE = re.compile(r"\b((?!Certified\b)[A-Z][\w&/]{0,59}+(?:[ -](?!Certified\b)[A-Z][\w&/]{0,59}+){0,3})[ -]++(?i:certified)\b")
# A certificate named from its first word ("Certified Medical Billing Specialist", "Certified Coding Associate").
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\b"
_CLAIM_NAMED = re.compile(r"\bCertified(?:[ -](?:(?!" + _MONTHS + r"|Certified\b)[A-Z][\w&/]{0,30}+|of|and)){1,5}(?=$|[\s,;.()|-])")
_CODE_SETS = re.compile(r"\b(ICD|CPT|HCPCS|DRG|SNOMED|coding)\b", re.I)
# Health-information words: a certificate named with them is a claim in this field that jobkit cannot verify.
_FIELD_WORDS = re.compile(r"\b(?:coding|coder|billing|records?|health information|HIM|documentation|registr\w*|"
                          r"privacy|release of information|medical office|transcription)\b", re.I)
# Where a claim may start: the line's start, or after punctuation, a bullet or a wide gap; a capitalised run
# that begins mid-sentence ("... Technology Background Certified") is a fragment of the page, not a name.
_STARTERS = ",;:|(\u2022\u00b7\u25aa\u25cf-"
_CANDIDATE = re.compile(r"(?<![\w-])[A-Z]{3,6}(?:-[A-Z])?(?![\w-])")


def find_claims(index: DocIndex, catalogue: Catalogue, compiled: CredentialPatterns) -> list[CredentialClaim]:
    claims = []
    seen: set[str] = set()
    lines = index.document.lines
    for number in sorted(index.lines_with(compiled.claim_triggers)):
        line = lines[number]
        if line.hidden:
            continue
        joined = line.text + (" " + lines[number + 1].text if number + 1 < len(lines) else "")
        for pattern in (_CLAIM_IN, _CLAIM_BEFORE, _CLAIM_NAMED):
            # A name that starts with "Certified" ends with its line (the next may be a heading).
            for match in pattern.finditer(line.text if pattern is _CLAIM_NAMED else joined):
                if match.start() >= len(line.text):
                    continue
                text = match.group(0).strip()
                if pattern is _CLAIM_BEFORE and re.match(r"\s+(?:in|as|for)\b", joined[match.end():], re.I):
                    continue  # "... Certified in ICD-10": the claim is what follows (the "certified in" pattern)
                if re.match(r"(?i)(?:pre|re|non)-?certif", text):
                    continue  # "pre-certified the procedures": a task, not a credential
                if compiled.credentials.search(text) or not _credential_shaped(joined, match, pattern is _CLAIM_IN):
                    continue  # a catalogue credential (reported with its facts), or a fragment of the page
                key = " ".join(text.lower().split())
                if key in seen:
                    continue  # the same claim twice ("CPR Certified" in the summary and the list)
                seen.add(key)
                kind, note = _claim_note(text, catalogue)
                claims.append(CredentialClaim(text, number, line.page, kind, note))  # type: ignore[arg-type]
    return claims


def _credential_shaped(joined: str, match: re.Match[str], sentence: bool) -> bool:
    """A name a credential could have: it starts a line or a list item, and no word of it is a heading in
    capitals ("Functions QUALIFICATIONS Certified"). "Certified in ..." may stand inside a sentence."""
    words = re.findall(r"[A-Za-z]+", match.group(0))
    if any(len(w) >= 5 and w.isupper() for w in words) and not all(w.isupper() for w in words if len(w) > 1):
        return False
    if sentence:
        return True
    before = joined[max(0, match.start() - 40):match.start()]  # a bounded look back: the line may be long
    stripped = before.rstrip()
    return match.start() == 0 or not stripped.strip() and match.start() <= 40 or len(before) - len(stripped) >= 2 \
        or stripped[-1:] in _STARTERS


def _claim_note(text: str, catalogue: Catalogue) -> tuple[str, str]:
    words = {w.upper() for w in re.findall(r"[A-Za-z]+", text)}
    if words & catalogue.other_acronyms - {"ICD", "CPT", "HCPCS", "DRG", "HIPAA", "EHR", "EMR"}:
        return "other", "A credential outside health information work: fine to list, it earns no keyword credit."
    if _CODE_SETS.search(text) and not _CLAIM_NAMED.fullmatch(text):
        return ("vague", "ICD-10, CPT and HCPCS are code sets, not credentials. Name the coding credential you hold "
                "(CCA or CCS from AHIMA, CPC from AAPC) or call this training.")
    name = re.sub(r"(?i)[ -]*certified[ -]*", " ", text).strip()
    full_name = any(len(w) >= 4 and not w.isupper() for w in re.findall(r"[A-Za-z]+", name))
    if _FIELD_WORDS.search(text):
        return ("claim", "jobkit does not recognize this certificate. Add who issued it (for example 'Certified Medical "
                "Billing Specialist, AMBA') so a recruiter can check it; an employer asking for RHIT, CCA, CCS or CPC "
                "will not count it as one of those.")
    if full_name:
        return "other", "A certificate outside health information work: fine to list; it earns no keyword credit."
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
