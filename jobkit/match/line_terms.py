"""Which glossary terms each line of a document shows, in their sense (context rules applied), hidden text left
out: found once per document and kept on its index, for the federal duties and the impact measures."""

from __future__ import annotations

from jobkit.match.docindex import DocIndex
from jobkit.match.matcher_cache import glossary_matcher

MAX_EVIDENCE = 200  # evidence kept per term when finding which lines show which terms


def line_terms(index: DocIndex) -> dict[int, set[str]]:
    """Line -> ids of the glossary terms found on it."""
    if index.line_terms is None:
        out: dict[int, set[str]] = {}
        for term_id, match in glossary_matcher().match(index, keep=MAX_EVIDENCE).items():
            for evidence in match.evidence:
                if evidence.credit > 0:
                    out.setdefault(evidence.line, set()).add(term_id)
        index.line_terms = out
    return index.line_terms
