"""A report as one CSV row: the columns batch writes per resume and
``jobkit check --format csv`` prints for one, so the two can be appended
to one spreadsheet."""

from __future__ import annotations

import csv
import io
from typing import Any

from .keywords import CATEGORIES

BASE_FIELDS = ["file", "score", "band", "readiness", "readiness_level"]
TAIL_FIELDS = ["pages", "page_count_method", "words", "credentials_held", "credentials_in_progress",
               "credentials_missing", "top_missing_terms", "formatting_findings", "error_code", "error"]
CONTACT_FIELDS = ["name", "email", "phone", "location", "linkedin"]
TOP_MISSING = 5


def csv_fields(include_contact: bool = False) -> list[str]:
    categories = [f"score_{c}" for c in CATEGORIES]
    return BASE_FIELDS + categories + TAIL_FIELDS + (CONTACT_FIELDS if include_contact else [])


def _credentials(report: dict[str, Any]) -> dict[str, str]:
    found = report["checks"]["credentials"]["found"]
    target = report["checks"]["credentials"]["target"]
    return {
        "credentials_held": "; ".join(f["acronym"] for f in found if f["status"] == "held"),
        "credentials_in_progress": "; ".join(f["acronym"] for f in found if f["status"] != "held"),
        "credentials_missing": "; ".join(t["term"].split(" (")[0] for t in target if t["status"] == "missing"),
    }


def report_row(report: dict[str, Any], include_contact: bool = False) -> dict[str, Any]:
    """The row for one report (``Report.to_dict()``)."""
    row: dict[str, Any] = {
        "file": report["file"],
        "score": report["score"],
        "band": report["band"]["name"],
        "readiness": report["summary"]["readiness"],
        "readiness_level": report["summary"]["level"],
        "pages": report["pages"],
        "page_count_method": report["page_count_method"],
        "words": report["words"],
        "top_missing_terms": "; ".join(m["term"] for m in report["missing"][:TOP_MISSING]),
        "formatting_findings": "; ".join(f["code"] for f in report["findings"]),
        **_credentials(report),
    }
    for category in report["categories"]:
        row[f"score_{category['category']}"] = category["score"]
    if include_contact and report.get("contact"):
        row.update({k: report["contact"].get(k) or "" for k in CONTACT_FIELDS})
    return row


def error_row(file: str, error: dict[str, Any]) -> dict[str, Any]:
    """The row for a file that could not be checked."""
    return {"file": file, "error_code": error.get("code", ""), "error": error.get("message", "")}


def report_csv(report: dict[str, Any], include_contact: bool = False) -> str:
    """A header and one row, as text."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=csv_fields(include_contact), extrasaction="ignore")
    writer.writeheader()
    writer.writerow(report_row(report, include_contact))
    return buffer.getvalue()
