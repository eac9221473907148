"""One report, four serialisations: text for a terminal, JSON, a CSV row and a
standalone HTML page, as a small registry (tablib's ``formats/`` idea): each
format has its media type and its render function, imported only when used.
The CLI, the JSON API and the report page all go through :func:`export_report`,
so each format is produced in one place."""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass, replace
from typing import Any, Callable

from jobkit.errors import InvalidInput
from jobkit.model.report_record import ReportRecord


@dataclass(frozen=True)
class Format:
    name: str
    media_type: str
    module: str  # where the render function lives: loaded on first use (a CLI check never loads Jinja)
    function: str
    takes_limit: bool = False

    def render(self, report: ReportRecord, limit: int) -> str:
        render: Callable[..., str] = getattr(importlib.import_module(self.module), self.function)
        return render(report, limit=limit) if self.takes_limit else render(report)


def public_report(report: ReportRecord) -> dict[str, Any]:
    """The report's JSON without its lines: what ``--format json`` and the API return (the lines are never
    serialised: a record without them leaves the key out)."""
    return replace(report, lines=None).to_dict()


def report_json(report: ReportRecord) -> str:
    return json.dumps(public_report(report), ensure_ascii=False, indent=2)


REGISTRY: dict[str, Format] = {f.name: f for f in (
    Format("text", "text/plain; charset=utf-8", "jobkit.output.text_format", "render_report", takes_limit=True),
    Format("json", "application/json", "jobkit.output.registry", "report_json"),
    Format("csv", "text/csv; charset=utf-8", "jobkit.output.csv_format", "report_csv"),
    Format("html", "text/html; charset=utf-8", "jobkit.output.html_format", "render_report_html"),
    # The resume itself, not the report: JSON Resume, and the plain single-column rebuild (.txt)
    Format("jsonresume", "application/json", "jobkit.output.jsonresume", "json_resume_text"),
    Format("txt", "text/plain; charset=utf-8", "jobkit.output.plain_resume", "plain_text"),
)}
FORMATS = tuple(REGISTRY)
MEDIA_TYPES = {name: f.media_type for name, f in REGISTRY.items()}


def export_report(report: ReportRecord, fmt: str, *, limit: int = 12) -> str:
    """Serialise ``Report.to_record(include_text=True)`` as ``fmt``.

    HTML needs the lines (it shows the ATS view with the evidence marked);
    the other formats leave them out.
    """
    if fmt not in REGISTRY:
        raise InvalidInput(f"Unknown report format {fmt!r}; use one of: {', '.join(FORMATS)}.")
    return REGISTRY[fmt].render(report, limit)
