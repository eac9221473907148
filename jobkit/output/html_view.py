"""Views of a report dictionary for HTML: what the ATS sees, and chart geometry.

Pure functions over ``Report.to_dict(include_text=True)``; the web page and
the standalone HTML report both render from these.
"""

from __future__ import annotations

import math
from typing import Any

ORIGIN_LABELS = {
    "table": "in a table: some ATS skip or scramble it",
    "text_box": "in a text box: many ATS skip it",
    "header": "in the page header: many ATS skip it",
    "footer": "in the page footer: many ATS skip it",
}


def _spans(report: dict[str, Any]) -> dict[int, list[tuple[int, int, str]]]:
    """Matched term positions per line, from the evidence."""
    spans: dict[int, list[tuple[int, int, str]]] = {}
    for item in report.get("matched", []):
        for evidence in item["evidence"]:
            start = evidence.get("offset", 0)
            end = start + (evidence["end"] - evidence["start"])
            spans.setdefault(evidence["line"], []).append((start, end, item["term"]))
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


def ats_view(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Each line with its page, its risk label and matched terms marked."""
    spans = _spans(report)
    rows = []
    for number, line in enumerate(report.get("lines", [])):
        risk = "hidden: invisible to readers, read by an ATS" if line.get("hidden") else ORIGIN_LABELS.get(line["origin"])
        rows.append(
            {
                "page": line["page"],
                "origin": line["origin"],
                "hidden": bool(line.get("hidden")),
                "risk": risk,
                "segments": _segments(line["text"], spans.get(number, [])),
            }
        )
    return rows


def gauge(score: int, radius: int = 52) -> dict[str, float]:
    """Circle geometry for an SVG score gauge: stroke-dasharray of the filled arc."""
    circumference = 2 * math.pi * radius
    return {"radius": radius, "circumference": round(circumference, 2), "filled": round(circumference * score / 100, 2)}


def score_class(score: int) -> str:
    return "good" if score >= 65 else "fair" if score >= 45 else "poor"


def compare(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """What changed between two versions of a resume checked against the same target."""
    b_terms = {m["id"]: m for m in before["matched"]}
    a_terms = {m["id"]: m for m in after["matched"]}
    b_cats = {c["category"]: c for c in before["categories"]}
    b_findings = {f["code"] for f in before["findings"]}
    a_findings = {f["code"] for f in after["findings"]}
    return {
        "score": {"before": before["score"], "after": after["score"], "change": after["score"] - before["score"]},
        "readiness": {
            "before": before["summary"]["readiness"],
            "after": after["summary"]["readiness"],
            "change": after["summary"]["readiness"] - before["summary"]["readiness"],
        },
        "categories": [
            {
                "label": c["label"],
                "before": b_cats.get(c["category"], {}).get("score", 0),
                "after": c["score"],
                "change": c["score"] - b_cats.get(c["category"], {}).get("score", 0),
            }
            for c in after["categories"]
        ],
        "gained": [a_terms[t]["term"] for t in a_terms if t not in b_terms],
        "lost": [b_terms[t]["term"] for t in b_terms if t not in a_terms],
        "fixed": sorted(b_findings - a_findings),
        "new_problems": sorted(a_findings - b_findings),
        "pages": {"before": before["pages"], "after": after["pages"]},
    }
