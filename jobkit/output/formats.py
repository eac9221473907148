"""One report, four serialisations: text for a terminal, JSON, a CSV row and
a standalone HTML page. The CLI and the JSON API both go through
:func:`export_report`, so each format is produced in one place."""

from __future__ import annotations

import json
from typing import Any

from jobkit.errors import InvalidInput

FORMATS = ("text", "json", "csv", "html")
MEDIA_TYPES = {
    "text": "text/plain; charset=utf-8",
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "html": "text/html; charset=utf-8",
}


def public_report(report: dict[str, Any]) -> dict[str, Any]:
    """The report without its lines: what ``--format json`` and the API return."""
    return {key: value for key, value in report.items() if key != "lines"}


def export_report(report: dict[str, Any], fmt: str, *, limit: int = 12) -> str:
    """Serialise ``Report.to_dict(include_text=True)`` as ``fmt``.

    HTML needs the lines (it shows the ATS view with the evidence marked);
    the other formats leave them out.
    """
    if fmt == "json":
        return json.dumps(public_report(report), ensure_ascii=False, indent=2)
    if fmt == "csv":
        from jobkit.output.csv_format import report_csv

        return report_csv(report)
    if fmt == "html":
        from jobkit.output.html_format import render_report_html

        return render_report_html(report)
    if fmt == "text":
        from jobkit.output.text_format import render_report

        return render_report(report, limit=limit)
    raise InvalidInput(f"Unknown report format {fmt!r}; use one of: {', '.join(FORMATS)}.")
