"""What a practice answer must never be credited for: words it denies, and practices that would end an interview.

A key point's words count only when the answer does not deny them in their clause ("I never check for a
valid authorization"; "... don't really matter"). An answer that describes or endorses a practice listed in
interview_questions/_unsafe_practices.toml (releasing without authorization, sharing a login, upcoding,
backdating...) is named with the rule it breaks, its reason and its public source (:func:`unsafe_in`), and
:mod:`jobkit.answers` then credits it with nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jobkit.data.unsafe_practices import unsafe_practices
from jobkit.model.feedback_record import UnsafeRecord


@dataclass(frozen=True)
class UnsafeFinding:
    """A practice the answer describes that breaks a rule: what, why, the public source, and the answer's words."""

    rule: str
    name: str
    why: str
    source: str
    said: str

    def to_record(self) -> UnsafeRecord:
        return UnsafeRecord(self.rule, self.name, self.why, self.source, self.said)


# Denial around a point's words: before them in the same clause ("I never check for a valid authorization",
# "no need to query", "without a signed request", "instead of logging"), or after them ("... don't really matter",
# "HIPAA isn't a big deal"). A denied point is not covered; when the denial breaks a rule, the unsafe
# practices name it (jobkit.data.unsafe_practices).
_DENIED_BEFORE = re.compile(
    r"\b(never|not|no|don'?t|doesn'?t|didn'?t|won'?t|wouldn'?t|can'?t|without|skip\w*|instead\s+of|rarely|"
    r"no\s+need\s+to|stopped|avoid\w*)\b(?:[^.;!?\n](?!\bbut\b)){0,60}$", re.I)
_DENIED_AFTER = re.compile(
    r"^[^.;!?\n]{0,40}?\b(?:do(?:es)?n'?t|do(?:es)?\s+not|is(?:n'?t|\s+not)|are(?:n'?t|\s+not))\s+(?:really\s+)?"
    r"(?:matter|a\s+big\s+deal|important|needed|necessary|required|worth)", re.I)
_CLAUSE = re.compile(r"[.;!?\n]")


def is_denied(answer: str, start: int, end: int, own: str = "") -> bool:
    """Whether the words at answer[start:end] are denied or refused in their clause. A negation the key point
    itself says ("Adds a check so it does not recur", ``own``) is part of the point, not a denial of it."""
    clause_start = max((m.end() for m in _CLAUSE.finditer(answer, 0, start)), default=0)
    before = _DENIED_BEFORE.search(answer[clause_start:start])
    if before and not re.search(r"\b" + re.escape(before.group(1)) + r"\b", own, re.I):
        return True
    return bool(_DENIED_AFTER.search(answer[end:end + 80]))


def unsafe_in(answer: str) -> tuple[UnsafeFinding, ...]:
    """The unsafe practices the answer describes or endorses, each once, with the sentence that says it."""
    sentences = [s.strip() for s in re.split(r"(?<=[.;!?])\s+|\n", answer) if s.strip()]
    found: list[UnsafeFinding] = []
    for rule in unsafe_practices():
        for sentence in sentences:
            if any(p.search(sentence) for p in rule.patterns) and not any(r.search(sentence) for r in rule.refusals):
                found.append(UnsafeFinding(rule.id, rule.name, rule.why, rule.source, sentence[:200].rstrip(".;!? ")))
                break
    return tuple(found)
