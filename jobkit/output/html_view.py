"""Views of a report for HTML: what the ATS sees, chart geometry, and what changed between two versions.

Pure functions over a :class:`ReportRecord` (with its lines); the web page
and the standalone HTML report both render from these.
"""

from __future__ import annotations

import math
from typing import Any

from jobkit.model.report_record import ReportRecord

ORIGIN_LABELS = {
    "table": "in a table: some ATS skip or scramble it",
    "text_box": "in a text box: many ATS skip it",
    "header": "in the page header: many ATS skip it",
    "footer": "in the page footer: many ATS skip it",
}


def _spans(report: ReportRecord) -> dict[int, list[tuple[int, int, str]]]:
    """Matched term positions per line, from the evidence."""
    spans: dict[int, list[tuple[int, int, str]]] = {}
    for item in report.matched:
        for evidence in item.evidence:
            start = evidence.offset
            end = start + (evidence.end - evidence.start)
            spans.setdefault(evidence.line, []).append((start, end, item.term))
    return spans


def _segments(text: str, spans: list[tuple[int, int, str]]) -> list[dict[str, Any]]:
    segments: list[dict[str, Any]] = []
    position = 0
    for start, end, term in sorted(spans):
        if start < position or end > len(text) or start >= end:
            continue
        if start > position:
            segments.append({"text": text[position:start], "term": None})
        segments.append({"text": text[start:end], "term": term})
        position = end
    if position < len(text):
        segments.append({"text": text[position:], "term": None})
    return segments


def ats_view(report: ReportRecord) -> list[dict[str, Any]]:
    """Each line with its page, its risk label and matched terms marked."""
    spans = _spans(report)
    rows = []
    for number, line in enumerate(report.lines or ()):
        risk = "hidden: invisible to readers, read by an ATS" if line.hidden else ORIGIN_LABELS.get(line.origin)
        rows.append(
            {
                "page": line.page,
                "origin": line.origin,
                "hidden": bool(line.hidden),
                "risk": risk,
                "segments": _segments(line.text, spans.get(number, [])),
            }
        )
    return rows


def gauge(score: int, radius: int = 52) -> dict[str, float]:
    """Circle geometry for an SVG score gauge: stroke-dasharray of the filled arc."""
    circumference = 2 * math.pi * radius
    return {"radius": radius, "circumference": round(circumference, 2), "filled": round(circumference * score / 100, 2)}


def score_class(score: int) -> str:
    return "good" if score >= 65 else "fair" if score >= 45 else "poor"


def _change(before: int, after: int) -> dict[str, int]:
    return {"before": before, "after": after, "change": after - before}


def compare(before: ReportRecord, after: ReportRecord) -> dict[str, Any]:
    """What changed between two versions of a resume checked against the same target."""
    b_terms = {m.id: m.term for m in before.matched}
    a_terms = {m.id: m.term for m in after.matched}
    b_cats = {c.category: c.score for c in before.categories}
    b_findings = {f.code for f in before.findings}
    a_findings = {f.code for f in after.findings}
    return {
        "score": _change(before.score, after.score),
        "readiness": _change(before.summary.readiness, after.summary.readiness),
        "categories": [{"label": c.label, **_change(b_cats.get(c.category, 0), c.score)} for c in after.categories],
        "gained": [term for key, term in a_terms.items() if key not in b_terms],
        "lost": [term for key, term in b_terms.items() if key not in a_terms],
        "fixed": sorted(b_findings - a_findings),
        "new_problems": sorted(a_findings - b_findings),
        "pages": {"before": before.pages, "after": after.pages},
    }
