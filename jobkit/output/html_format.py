"""HTML rendering of reports with Jinja2 (no Flask): standalone report files.

The web app renders the same ``report_body.html`` partial through Flask, so
a saved report and the page in the browser show the same thing.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from jobkit.model.check_results import MAX_TARGET_PAGES, MIN_TARGET_PAGES
from jobkit.model.cohort_summary import CohortSummary
from jobkit.model.finding_codes import ERROR_WORDS
from jobkit.model.report_record import ReportRecord
from jobkit.model.severity import severity_labels
from jobkit.model.score_bands import score_color
from jobkit.output.html_view import ats_view, finding_pages, gauge, mixed_reading, posting_terms, years_asked
from jobkit.data.resources import data_dir

def template_globals() -> dict[str, Any]:
    """Helpers every report template uses (shared with the Flask app)."""
    return {"ats_view": ats_view, "gauge": gauge, "score_class": score_color, "severity_labels": severity_labels(),
            "posting_terms": posting_terms, "mixed_reading": mixed_reading, "finding_pages": finding_pages,
            "years_asked": years_asked, "page_range": (MIN_TARGET_PAGES, MAX_TARGET_PAGES), "error_names": ERROR_WORDS}


@lru_cache(maxsize=2)
def _environment(folder: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=jinja2.select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(template_globals())
    return env


def environment() -> jinja2.Environment:
    return _environment(data_dir("templates"))


def stylesheet() -> str:
    return (data_dir("templates") / "static" / "jobkit.css").read_text(encoding="utf-8")


ROW_LIMIT = 2000


def render_cohort_html(cohort: CohortSummary, target_label: str) -> str:
    """A self-contained HTML cohort report for a batch."""
    template = environment().get_template("cohort_standalone.html")
    return template.render(cohort=cohort, target_label=target_label, css=stylesheet(), row_limit=ROW_LIMIT)


def render_report_html(report: ReportRecord) -> str:
    """A self-contained HTML page for one report (with its lines)."""
    return environment().get_template("report_standalone.html").render(report=report, css=stylesheet())
