"""Views of a report for HTML: what the ATS sees, chart geometry, and what changed between two versions.

Pure functions over a :class:`ReportRecord` (with its lines); the web page
and the standalone HTML report both render from these.
"""

from __future__ import annotations

import math
import re
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


# Characters an ATS cannot read: the replacement character, private-use glyphs (icon fonts), controls.
_GLYPHS = re.compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f]+")


def _pieces(text: str, term: str | None) -> list[dict[str, Any]]:
    """``text`` split so that unreadable characters become their own (boxed) pieces."""
    out: list[dict[str, Any]] = []
    position = 0
    for match in _GLYPHS.finditer(text):
        if match.start() > position:
            out.append({"text": text[position:match.start()], "term": term, "glyph": False})
        out.append({"text": "?" * len(match.group()), "term": None, "glyph": True})
        position = match.end()
    if position < len(text) or not out:
        out.append({"text": text[position:], "term": term, "glyph": False})
    return out


def _segments(text: str, spans: list[tuple[int, int, str]]) -> list[dict[str, Any]]:
    segments: list[dict[str, Any]] = []
    position = 0
    for start, end, term in sorted(spans):
        if start < position or end > len(text) or start >= end:
            continue
        if start > position:
            segments += _pieces(text[position:start], None)
        segments += _pieces(text[start:end], term)
        position = end
    if position < len(text):
        segments += _pieces(text[position:], None)
    return segments


HIDDEN_LABEL = "Hidden: a person does not see this, but an ATS reads it"


def ats_view(report: ReportRecord) -> list[dict[str, Any]]:
    """Each line with its page, its risk label and matched terms marked."""
    spans = _spans(report)
    rows = []
    for number, line in enumerate(report.lines or ()):
        risk = HIDDEN_LABEL if line.hidden else ORIGIN_LABELS.get(line.origin)
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


def finding_pages(where: str) -> list[int]:
    """The pages a finding names ("pages 1 and 2", "page 3"), for links to the ATS view; none for "whole document"."""
    return [int(n) for n in re.findall(r"\d+", where)] if "page" in where else []


def mixed_reading(report: ReportRecord) -> list[dict[str, Any]]:
    """For pages read as two columns: the lines in the order a simpler ATS may read them, across the columns.

    Such a parser reads straight across the page, so each left-column line runs into the
    right-column line beside it. Lines are ordered by their top edge (within 4 points), then left to right.
    """
    pages = sorted({p for f in report.findings if f.code == "two_column" for p in finding_pages(f.where)})
    out = []
    for page in pages:
        lines = [line for line in report.lines or () if line.page == page and line.bbox and line.text.strip()]
        if not lines:
            continue
        ordered = sorted(lines, key=lambda line: (round(line.bbox[1] / 4), line.bbox[0]))  # type: ignore[index]
        rows: list[list[str]] = []
        last_top: float | None = None
        for line in ordered:
            top = line.bbox[1]  # type: ignore[index]
            if last_top is not None and abs(top - last_top) <= 4 and rows:
                rows[-1].append(line.text.strip())
            else:
                rows.append([line.text.strip()])
            last_top = top
        out.append({"page": page, "rows": ["   ".join(r) for r in rows]})
    return out


# Where a missing term goes, by kind: short, since the term itself is named beside it.
WHERE_TO_ADD = {
    "hard_skill": "Name it in an experience bullet that shows you did it.",
    "software": "List it under skills and name it in a bullet where you used it.",
    "knowledge": "Mention it where you used it, or under coursework.",
    "credential": "List it under certifications with its issuer, or that you are eligible or scheduled.",
    "education": "List the degree or program under education.",
    "soft_skill": "Show it with a result in a bullet rather than listing it.",
}


def years_asked(report: ReportRecord) -> str:
    """The experience a posting asks for, in words: "1 year", "2 years", "6 months"."""
    if report.job is None or not report.job.years_of_experience:
        return ""
    months = max(y.months for y in report.job.years_of_experience)
    if months % 12:
        return f"{months} months"
    return f"{months // 12} year{'' if months == 12 else 's'}"


def posting_terms(report: ReportRecord) -> list[dict[str, Any]]:
    """The posting's terms side by side with the resume: how often each side names it, where, and what to write."""
    if report.job is None:
        return []
    matched = {m.id: m for m in report.matched}
    missing = {m.id: m for m in report.missing}
    met_groups = {r.one_of for r in report.job.requirements if r.one_of and r.id in matched}
    rows = []
    for wanted in report.job.requirements:
        posting_words = wanted.wording[0] if wanted.wording else wanted.term
        found = matched.get(wanted.id)
        if found is None and wanted.one_of in met_groups:
            status, add = "an alternative is there", "Nothing: the posting takes any one of these, and you show another."
            where, resume_count = "", 0
        elif found is None:
            status, add = "missing", WHERE_TO_ADD.get(wanted.category, "")
            where, resume_count = "", 0
        else:
            resume_count = found.count
            where = ", ".join(dict.fromkeys(_section_word(e.section) for e in found.evidence))
            other_words = any(note.startswith("The posting says") for note in found.notes)
            status = "in other words" if other_words else "in part" if found.credit < 0.95 else "found"
            add = (f"Also write '{posting_words}' once, as the posting does." if other_words
                   else next((n for n in found.notes), "") if status == "in part" else "")
        rows.append({"term": wanted.term, "need": wanted.need + (" (one of)" if wanted.one_of else ""),
                     "posting_words": posting_words,
                     "same_words": posting_words.casefold() == wanted.term.casefold(),
                     "posting_count": wanted.mentions, "resume_count": resume_count, "where": where,
                     "status": status, "add": add})
    order = {"missing": 0, "in other words": 1, "in part": 2, "an alternative is there": 3, "found": 3}
    return sorted(rows, key=lambda r: (not r["need"].startswith("required"), order[r["status"]], -r["posting_count"]))


def _section_word(section: str) -> str:
    return {"other": "elsewhere"}.get(section, section.replace("_", " "))


def gauge(score: int, radius: int = 52) -> dict[str, float]:
    """Circle geometry for an SVG score gauge: stroke-dasharray of the filled arc."""
    circumference = 2 * math.pi * radius
    return {"radius": radius, "circumference": round(circumference, 2), "filled": round(circumference * score / 100, 2)}


def _change(before: int | None, after: int | None, *, lower_is_better: bool = False) -> dict[str, Any]:
    """A figure before and after, its change, and whether that is better (True), worse (False) or neither."""
    change = (after - before) if before is not None and after is not None else 0
    better = None if change == 0 else (change < 0) == lower_is_better
    return {"before": before, "after": after, "change": change, "better": better}


def problems(record: ReportRecord) -> dict[str, dict[str, Any]]:
    """The report's problems by a key that survives an edit: formatting findings, check issues, length.

    Each has its plain title and whether it is a blocker (it decides an application: critical or high
    severity, a federal rule, a page limit).
    """
    from jobkit.model.finding_codes import ISSUES

    out: dict[str, dict[str, Any]] = {}
    for row in record.checks.formatting:
        if row.severity != "info":
            out["finding:" + row.code] = {"title": row.title, "blocker": row.severity in ("critical", "high")}
    federal = record.checks.federal.issues if record.checks.federal else ()
    for issue in (*record.checks.credentials.issues, *record.checks.sections.issues, *federal):
        info = ISSUES.get(issue.code)
        out["issue:" + issue.code] = {"title": info.title if info else issue.code,
                                      "blocker": issue.severity in ("critical", "high") or issue.code.startswith("federal_")}
    if not record.checks.length.passed and "issue:federal_too_long" not in out:
        out["length"] = {"title": f"Over the {record.checks.length.target_pages}-page target",
                         "blocker": record.checks.federal is not None}
    return out


def _contact_count(record: ReportRecord) -> int:
    contact = record.contact
    return 0 if contact is None else sum(bool(v) for v in (contact.email, contact.phone, contact.location))


def compare(before: ReportRecord, after: ReportRecord) -> dict[str, Any]:
    """What changed between two versions checked against the same target, each change marked better or worse
    for that target (a third page is worse under a two-page rule, not "+1"); new and fixed blockers first."""
    b_terms = {m.id: m.term for m in before.matched}
    a_terms = {m.id: m.term for m in after.matched}
    b_cats = {c.category: c.score for c in before.categories}
    b_problems, a_problems = problems(before), problems(after)
    target = after.checks.length.target_pages
    fixed = [dict(v, key=k) for k, v in b_problems.items() if k not in a_problems]
    new = [dict(v, key=k) for k, v in a_problems.items() if k not in b_problems]
    pages = _change(max(0, before.pages - target), max(0, after.pages - target), lower_is_better=True)
    return {
        "score": _change(before.score, after.score),
        "readiness": _change(before.summary.readiness, after.summary.readiness),
        "level": {"before": before.summary.label, "after": after.summary.label},
        "categories": [{"label": c.label, **_change(b_cats.get(c.category, 0), c.score)} for c in after.categories],
        "gained": [term for key, term in a_terms.items() if key not in b_terms],
        "lost": [term for key, term in b_terms.items() if key not in a_terms],
        "fixed": sorted(fixed, key=lambda p: (not p["blocker"], p["title"])),
        "new_problems": sorted(new, key=lambda p: (not p["blocker"], p["title"])),
        "pages": {"before": before.pages, "after": after.pages, "target": target, "change": after.pages - before.pages,
                  "better": pages["better"]},
        "contact": {**_change(_contact_count(before), _contact_count(after)), "of": 3},
    }


def since_last(previous: dict[str, Any], after: ReportRecord) -> dict[str, Any] | None:
    """The change since the previous check of an edited version, from the figures the report page carried
    in its own form (nothing is stored): readiness, keyword match and the problem keys then."""
    try:
        readiness = previous.get("readiness")
        score = int(previous["score"])
        keys = {str(k) for k in previous.get("problems", [])[:200]}
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    readiness = int(readiness) if isinstance(readiness, (int, float)) else None
    now = problems(after)
    return {
        "readiness": _change(readiness, after.summary.readiness),
        "score": _change(score, after.score),
        "fixed": len([k for k in keys if k not in now]),
        "new": sorted((dict(v, key=k) for k, v in now.items() if k not in keys), key=lambda p: (not p["blocker"], p["title"])),
    }
