"""Terminal rendering of a check report, from the report's own dictionary."""

from __future__ import annotations

from typing import Any

from .render_text import SEVERITY_MARK, wrap

BAR_WIDTH = 20


def bar(score: int) -> str:
    filled = round(score / 100 * BAR_WIDTH)
    return "#" * filled + "-" * (BAR_WIDTH - filled)


def highlight(evidence: dict[str, Any]) -> str:
    text = evidence["text"]
    return text[: evidence["start"]] + "[" + text[evidence["start"] : evidence["end"]] + "]" + text[evidence["end"] :]


def _target(report: dict[str, Any]) -> str:
    if "role" in report:
        return report["role"]["name"]
    return "job posting: " + (report["job"].get("title") or "pasted text")


def _matched(report: dict[str, Any], limit: int) -> list[str]:
    out = [f"Matched ({len(report['matched'])}):"]
    for item in report["matched"][:limit]:
        evidence = item["evidence"][0]
        where = f"{evidence['section']}, page {evidence['page']}"
        out.append(f"  + {item['term']}  [{item['category']}, {item['need']}, weight {item['weight']}]  "
                   f"{evidence['kind']} in {where}, counts {round(item['credit'] * 100)}%")
        out.append(wrap(f'"{highlight(evidence)}"', indent="      "))
        for note in item["notes"]:
            out.append(wrap(f"note: {note}", indent="      "))
    if len(report["matched"]) > limit:
        out.append(f"  ... {len(report['matched']) - limit} more (use --json for all)")
    return out


def _missing(report: dict[str, Any], limit: int) -> list[str]:
    out = [f"Missing, most important first ({len(report['missing'])}):"]
    for item in report["missing"][:limit]:
        out.append(f"  - {item['term']}  [{item['category']}, {item['need']}, weight {item['weight']}]")
        out.append(wrap(item["advice"], indent="      "))
        if item.get("note"):
            out.append(wrap(item["note"], indent="      "))
    if len(report["missing"]) > limit:
        out.append(f"  ... {len(report['missing']) - limit} more (use --json for all)")
    return out


def _posting(job: dict[str, Any]) -> list[str]:
    out = ["The posting asks for:"]
    if not job["looks_like_him_job"]:
        out.append(wrap(
            f"Note: this posting names only {job['core_terms']} health-information terms; it may not be a medical "
            "records job, so the score says little about fit.", indent="  "))
    if job["years_of_experience"]:
        out.append("  experience: " + ", ".join(y["text"] for y in job["years_of_experience"]))
    if job["degree"]:
        out.append(f"  degree: {job['degree']}")
    if job["credentials"]:
        out.append("  credentials: " + ", ".join(job["credentials"]))
    others = job["other_terms"]
    if others:
        out.append("  also stressed (not in any keyword set): "
                   + ", ".join(f"{t['text']} ({'in your resume' if t.get('in_resume') else 'not in your resume'})" for t in others))
    return out


def render_report(report: dict[str, Any], *, limit: int = 12) -> str:
    band = report["band"]
    out = [
        f"{report['file']}  vs  {_target(report)}",
        f"Score: {report['score']}/100  {band['label']}: {band['explanation']}",
        f"  {report['format']}, {report['pages']} page(s) ({report['page_count_method']}), {report['words']} words",
    ]
    for category in report["categories"]:
        out.append(f"  {category['label']:<28} {bar(category['score'])} {category['score']:>3}%  "
                   f"({category['matched']} of {category['total']})")
    summary = report.get("summary") or {}
    if summary.get("top_fixes"):
        out.append("Fix first:")
        for number, fix in enumerate(summary["top_fixes"], 1):
            out.append(wrap(f"{number}. {fix['title']}: {fix['detail']}", indent="  "))
    if "job" in report:
        out += _posting(report["job"])
    out += _matched(report, limit)
    out += _missing(report, limit)
    out.append("Findings:" if report["findings"] else "Findings: none")
    for finding in report["findings"]:
        out.append(wrap(f"{SEVERITY_MARK.get(finding['severity'], '   ')} [{finding['code']}] {finding['message']}"))
    out.append(f"(scoring version {report['scoring_version']})")
    return "\n".join(out)
