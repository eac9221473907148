"""Keyword stuffing: repetition, long bare lists and hidden keywords.

None of these raise the score (it counts presence, and hidden text earns
nothing); they are reported because recruiters read them as gaming the ATS.
"""

from __future__ import annotations

from jobkit.match.docindex import SEPARATORS, DocIndex
from jobkit.model.document import Finding
from jobkit.match.scoring import ScoreResult

REPEAT_MIN = 8
REPEAT_SHARE = 0.04
LIST_ITEMS = 20


def _items(text: str) -> int:
    return len([p for p in SEPARATORS.split(text) if p.strip()])


def stuffing_findings(index: DocIndex, result: ScoreResult) -> list[Finding]:
    found: list[Finding] = []
    words = max(index.document.words, 1)
    for matched in result.matched:
        if matched.count >= REPEAT_MIN and matched.count > REPEAT_SHARE * words:
            term = matched.requirement.term.term
            found.append(
                Finding(
                    "keyword_stuffing",
                    "medium",
                    f"'{term}' appears {matched.count} times ({100 * matched.count / words:.1f}% of your words). "
                    "Repetition does not raise the score and reads as stuffing; keep the uses that show real work.",
                    "whole document",
                    count=matched.count,
                )
            )
    hidden_only = [
        m.requirement.term.term
        for m in result.missing
        if m.note.startswith("Found only in hidden text")
    ]
    if hidden_only:
        found.append(
            Finding(
                "keyword_stuffing",
                "high",
                f"{len(hidden_only)} term(s) appear only in hidden text ({', '.join(hidden_only[:5])}) and were not counted. "
                "Hidden keywords are caught by recruiters and some ATS; remove them and use the terms visibly where true.",
                "hidden text",
                count=len(hidden_only),
            )
        )
    long_lists = [i for i in index.list_lines if _items(index.document.lines[i].text) >= LIST_ITEMS]
    if long_lists:
        first = index.document.lines[min(long_lists)]
        found.append(
            Finding(
                "keyword_list",
                "low",
                f"{len(long_lists)} line(s) are long bare keyword lists ({_items(first.text)} items on page {first.page}). "
                "They count less than terms used in experience bullets; keep the list short and show skills in context.",
                f"page {first.page}",
                page=first.page,
                count=len(long_lists),
            )
        )
    return found

