"""Batch outputs: a CSV row and a JSON line per resume, and the cohort summary.

The cohort keeps counters and one short row per resume, never the reports,
so its memory grows by a few hundred bytes a file.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter
from typing import IO, Any

from jobkit.batch.pipeline import BatchResult
from jobkit.model.finding_codes import finding_info
from jobkit.output.csv_format import SafeDictWriter, csv_fields, error_row, report_row


UNREADABLE = "No text layer: an ATS sees a blank page. Export the original document to PDF or Word, not a scan."


def csv_row(result: BatchResult, include_contact: bool = False) -> dict[str, Any]:
    """One CSV row from a batch result (the same numbers as the report)."""
    if result.report is None:
        return error_row(result.file, result.error or {})
    if result.report.unreadable:
        return error_row(result.file, {"code": "image_only", "message": UNREADABLE})
    row = report_row(result.report, include_contact)
    row["file"] = result.file
    return row


class CsvOutput:
    """The batch CSV, one row per result; cells are made spreadsheet-safe by :class:`SafeDictWriter`."""

    def __init__(self, handle: IO[str], include_contact: bool = False) -> None:
        self.include_contact = include_contact
        self.writer = SafeDictWriter(handle, csv_fields(include_contact))
        self.writer.writeheader()

    def write(self, result: BatchResult) -> None:
        self.writer.writerow(csv_row(result, self.include_contact))


def json_line(result: BatchResult) -> str:
    payload: dict[str, Any] = {"file": result.file}
    if result.report is not None:
        payload["report"] = result.report.to_dict()
    else:
        payload["error"] = result.error
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


class Cohort:
    """Running totals over a batch, for the summary and the HTML cohort report."""

    def __init__(self) -> None:
        self.total = 0
        self.scores: list[int] = []
        self.readiness: list[int] = []
        self.levels: Counter[str] = Counter()
        self.errors: Counter[str] = Counter()
        self.missing: Counter[str] = Counter()
        self.findings: Counter[str] = Counter()
        self.held: Counter[str] = Counter()
        self.in_progress: Counter[str] = Counter()
        self.over_length = 0
        self.rows: list[dict[str, Any]] = []

    def add(self, result: BatchResult) -> None:
        self.total += 1
        if result.report is None:
            code = (result.error or {}).get("code", "error")
            self.errors[code] += 1
            self.rows.append({"file": result.file, "error": (result.error or {}).get("message", code)})
            return
        report = result.report
        if report.unreadable:  # a blank page to an ATS: not a checked resume with a low score
            self.errors["image_only"] += 1
            self.rows.append({"file": result.file, "error": UNREADABLE})
            return
        self.scores.append(report.score)
        self.readiness.append(report.summary.readiness)
        self.levels[report.summary.level] += 1
        self.missing.update(m.term for m in report.missing)
        self.findings.update({f.code for f in report.findings})
        for found in report.checks.credentials.found:
            (self.held if found.status == "held" else self.in_progress)[found.acronym] += 1
        self.over_length += 0 if report.checks.length.passed else 1
        fixes = report.summary.top_fixes
        row = {
            "file": result.file, "score": report.score, "readiness": report.summary.readiness,
            "level": report.summary.label, "pages": report.pages, "words": report.words,
            "first_fix": fixes[0].title if fixes else "",
        }
        if result.rubric is not None:  # a program batch: how many of its criteria this resume passed
            row["criteria_passed"] = sum(c.passed for c in result.rubric.criteria)
            row["criteria_total"] = len(result.rubric.criteria)
        self.rows.append(row)

    @property
    def checked(self) -> int:
        return len(self.scores)

    def histogram(self) -> list[dict[str, Any]]:
        bins = [0] * 10
        for score in self.scores:
            bins[min(score // 10, 9)] += 1
        return [{"label": f"{10 * i}-{10 * i + 9 if i < 9 else 100}", "count": n} for i, n in enumerate(bins)]

    def to_dict(self, top: int = 15) -> dict[str, Any]:
        checked = max(self.checked, 1)
        return {
            "total": self.total,
            "checked": self.checked,
            "errors": sum(self.errors.values()),
            "error_codes": dict(self.errors.most_common()),
            "median_score": statistics.median(self.scores) if self.scores else None,
            "mean_score": round(statistics.fmean(self.scores), 1) if self.scores else None,
            "median_readiness": statistics.median(self.readiness) if self.readiness else None,
            "levels": dict(self.levels),
            "histogram": self.histogram(),
            "most_missing": [{"term": t, "count": n, "share": round(100 * n / checked)} for t, n in self.missing.most_common(top)],
            "formatting": [{"code": c, "title": finding_info(c).title, "count": n, "share": round(100 * n / checked)}
                           for c, n in self.findings.most_common()],
            "credentials_held": dict(self.held.most_common()),
            "credentials_in_progress": dict(self.in_progress.most_common()),
            "over_length": self.over_length,
            "rows": sorted(self.rows, key=lambda r: (r.get("score") is None, -(r.get("score") or 0), r["file"])),
        }
