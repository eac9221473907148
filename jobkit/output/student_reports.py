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
from dataclasses import dataclass
from pathlib import Path

from jobkit.data.programs import Program
from jobkit.model.batches import NOT_READ, BatchResult
from jobkit.model.cohort_summary import CohortSummary
from jobkit.model.rubric_results import Criterion
from jobkit.model.schema import jsonable
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


@dataclass(frozen=True)
class StudentRow:
    """One resume in the index: its report's file (``href``) and scores, or why it could not be read."""

    index: int
    file: str
    error: str | None = None
    href: str | None = None
    score: int | None = None
    readiness: int | None = None
    level: str | None = None
    unreadable: bool = False
    passed: bool | None = None  # a program's batch: every criterion passed
    criteria: dict[str, Criterion] | None = None


class StudentReports:
    """Writes each report as results arrive; :meth:`finish` writes the index."""

    def __init__(self, folder: str | os.PathLike[str], program: Program | None = None) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.program = program
        self.rows: list[StudentRow] = []

    def add(self, result: BatchResult) -> None:
        rubric, report = result.rubric, result.report
        passed = rubric.passed if rubric else None
        criteria = {c.id: c for c in rubric.criteria} if rubric else None
        if report is None:
            error = (result.error or NOT_READ).message
            self.rows.append(StudentRow(result.index, result.file, error=error, passed=passed, criteria=criteria))
            return
        name = report_filename(result.index, result.file)
        (self.folder / name).write_text(render_report_html(report), encoding="utf-8")
        self.rows.append(StudentRow(result.index, result.file, href=name, score=report.score,
                                    readiness=report.summary.readiness, level=report.summary.label,
                                    unreadable=report.unreadable, passed=passed, criteria=criteria))

    def finish(self, cohort: CohortSummary, target_label: str) -> Path:
        """Write ``index.html`` (rows in input order) and return its path."""
        rows = sorted(self.rows, key=lambda r: r.index)
        html = environment().get_template("student_index.html").render(
            rows=rows, cohort=cohort, target_label=target_label, rubric=cohort.rubric, program=self.program,
            css=stylesheet())
        path = self.folder / INDEX
        path.write_text(html, encoding="utf-8")
        return path


def write_summary_json(folder: Path, summary: CohortSummary) -> Path:
    """The cohort summary (with its "rubric" when a program is given) beside the index."""
    path = folder / SUMMARY
    path.write_text(json.dumps(jsonable(summary), ensure_ascii=False, indent=1), encoding="utf-8")
    return path
