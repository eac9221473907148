"""One standalone HTML report per resume and an ``index.html`` linking them (``jobkit batch --reports DIR``).

Each report is :func:`jobkit.output.html_format.render_report_html` of the
batch record (no lines, so no "What the ATS sees" part), as redacted as the
batch's other outputs. File names never come from the input as is: a zip
member can be called ``../../x.html``, so each file is the result's number
and a slug of its name, made of ASCII letters, digits and hyphens only.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

from jobkit.batch.pipeline import BatchResult
from jobkit.batch.rubric import RubricResult
from jobkit.data.programs import Program
from jobkit.output.html_format import environment, render_report_html, stylesheet
from jobkit.read.filenames import display_name

INDEX = "index.html"
SUMMARY = "summary.json"
SLUG_LIMIT = 60
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def report_filename(index: int, name: str) -> str:
    """``00012-jane-doe-resume-pdf.html``: the result's number keeps names unique, the slug readable."""
    ascii_name = unicodedata.normalize("NFKD", display_name(name)).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", ascii_name.lower()).strip("-")[:SLUG_LIMIT].strip("-") or "resume"
    return f"{index + 1:05d}-{slug}.html"


class StudentReports:
    """Writes each report as results arrive; :meth:`finish` writes the index."""

    def __init__(self, folder: str | os.PathLike[str], program: Program | None = None) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.program = program
        self.rows: list[dict[str, Any]] = []

    def add(self, result: BatchResult, rubric: RubricResult | None = None) -> None:
        row: dict[str, Any] = {"index": result.index, "file": result.file}
        if result.report is None:
            row["error"] = (result.error or {}).get("message", "Could not be read.")
        else:
            name = report_filename(result.index, result.file)
            (self.folder / name).write_text(render_report_html(result.report), encoding="utf-8")
            row.update(href=name, score=result.report.score, readiness=result.report.summary.readiness,
                       level=result.report.summary.label, unreadable=result.report.unreadable)
        if rubric is not None:
            row["passed"] = rubric.passed
            row["criteria"] = {c.id: {"passed": c.passed, "evidence": c.evidence} for c in rubric.criteria}
        self.rows.append(row)

    def finish(self, cohort: dict[str, Any], target_label: str, rubric_summary: dict[str, Any] | None = None) -> Path:
        """Write ``index.html`` (rows in input order) and return its path."""
        rows = sorted(self.rows, key=lambda r: r["index"])
        html = environment().get_template("student_index.html").render(
            rows=rows, cohort=cohort, target_label=target_label, rubric=rubric_summary,
            program=self.program.to_dict() if self.program else None, css=stylesheet())
        path = self.folder / INDEX
        path.write_text(html, encoding="utf-8")
        return path


def write_summary_json(folder: Path, summary: dict[str, Any]) -> Path:
    """The cohort summary (``Cohort.to_dict()``, with "rubric" when a program is given) beside the index."""
    path = folder / SUMMARY
    path.write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    return path
