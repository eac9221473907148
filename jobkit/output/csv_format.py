"""A report as one CSV row: the columns batch writes per resume and
``jobkit check --format csv`` prints for one, so the two can be appended
to one spreadsheet.

Every CSV jobkit writes goes through :class:`SafeDictWriter`, so no cell can
run as a formula when the file is opened in a spreadsheet (see
:func:`spreadsheet_safe`).
"""

from __future__ import annotations

import csv
import io
import os
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from jobkit.data.keywords import CATEGORIES
from jobkit.model.batches import BatchError
from jobkit.model.report_record import ReportRecord

BASE_FIELDS = ["file", "score", "band", "readiness", "readiness_level"]
TAIL_FIELDS = ["pages", "page_count_method", "words", "credentials_held", "credentials_in_progress",
               "credentials_missing", "top_missing_terms", "formatting_findings", "federal_rules", "federal_issues",
               "reader", "error_code", "error"]
CONTACT_FIELDS = ["name", "email", "phone", "location", "linkedin"]
TOP_MISSING = 5
# What makes Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """``value`` as a cell a spreadsheet shows as text, never runs as a formula.

    A file name such as ``=HYPERLINK(...).txt``, or a term taken from a resume
    or a posting, would otherwise be evaluated when the CSV is opened. A string
    that starts with one of :data:`FORMULA_STARTS` (after leading spaces of any kind) gets a
    single quote in front, as OWASP advises. Numbers are left alone, so a
    score stays a number and -2 stays -2.
    """
    if isinstance(value, str) and _visible_start(value).startswith(FORMULA_STARTS + FULL_WIDTH_STARTS):
        return "'" + value
    return value


# Full-width forms some spreadsheets also read as formula signs.
FULL_WIDTH_STARTS = ("\uff1d", "\uff0b", "\uff0d", "\uff20")


def _visible_start(value: str) -> str:
    """The text after leading whitespace of any kind (no-break and ideographic spaces, newlines) and
    invisible format characters (zero-width spaces, a byte-order mark), which a spreadsheet may skip."""
    at = 0
    while at < len(value) and (value[at] in " \n\u00a0\u3000\u2007\u202f" or unicodedata.category(value[at]) == "Cf"):
        at += 1
    return value[at:]


class SafeDictWriter(csv.DictWriter):
    """A ``csv.DictWriter`` that passes every cell through :func:`spreadsheet_safe`.

    Extra keys are ignored. A cell that needed the quote prefix is also written
    in double quotes (OWASP's advice); the others are quoted only when the CSV
    format needs it, so the usual output is unchanged.
    """

    def __init__(self, handle: Any, fieldnames: list[str], **kwargs: Any) -> None:
        kwargs.setdefault("extrasaction", "ignore")
        super().__init__(handle, fieldnames, **kwargs)
        self._handle = handle
        self._scratch = io.StringIO()
        dialect = self.writer.dialect
        self._plain = csv.writer(self._scratch, dialect, quoting=csv.QUOTE_MINIMAL, lineterminator="")
        self._quoted = csv.writer(self._scratch, dialect, quoting=csv.QUOTE_ALL, lineterminator="")

    def writerow(self, rowdict: Mapping[str, Any]) -> Any:
        """Write one row; a row with no prefixed cell goes straight to the csv writer."""
        cells = self._cells(rowdict)
        safe = [spreadsheet_safe(cell) for cell in cells]
        prefixed = [new is not old for new, old in zip(safe, cells)]  # spreadsheet_safe returns unchanged cells as is
        if not any(prefixed):
            return self.writer.writerow(safe)
        dialect = self.writer.dialect
        line = dialect.delimiter.join(self._cell(value, quote) for value, quote in zip(safe, prefixed))
        return self._handle.write(line + dialect.lineterminator)

    def _cells(self, rowdict: Mapping[str, Any]) -> list[Any]:
        """The row's values in column order, as ``DictWriter`` would take them."""
        extra = rowdict.keys() - set(self.fieldnames)
        if extra and self.extrasaction == "raise":
            raise ValueError(f"dict contains fields not in fieldnames: {', '.join(map(repr, sorted(extra)))}")
        return [rowdict.get(key, self.restval) for key in self.fieldnames]

    def _cell(self, value: Any, quote: bool) -> str:
        """One cell as CSV text; ``quote`` forces double quotes around it."""
        if value is None or value == "":
            return ""  # csv writes a lone empty field as "" to tell it from an empty line
        self._scratch.seek(0)
        self._scratch.truncate()
        (self._quoted if quote else self._plain).writerow([value])
        return self._scratch.getvalue()


def csv_fields(include_contact: bool = False) -> list[str]:
    categories = [f"score_{c}" for c in CATEGORIES]
    return BASE_FIELDS + categories + TAIL_FIELDS + (CONTACT_FIELDS if include_contact else [])


def _credentials(report: ReportRecord) -> dict[str, str]:
    found = report.checks.credentials.found
    target = report.checks.credentials.target
    return {
        "credentials_held": "; ".join(f.acronym for f in found if f.status == "held"),
        "credentials_in_progress": "; ".join(f.acronym for f in found if f.status != "held"),
        "credentials_missing": "; ".join(t.term.split(" (")[0] for t in target if t.status == "missing"),
    }


def _proofreading(report: ReportRecord) -> dict[str, Any]:
    proof, impact = report.checks.proofreading, report.checks.impact
    return {
        "misspellings": "; ".join(f"{m.word} -> {m.suggestion}" for m in proof.misspellings) if proof else "",
        "duplicate_lines": len(proof.duplicate_lines) if proof else "",
        "name_missing": ("yes" if proof.name_missing else "no") if proof else "",
        "experience_bullets": impact.bullets if impact else "",
        "bullets_with_outcome": impact.with_outcome if impact else "",
    }


def report_row(report: ReportRecord, include_contact: bool = False) -> dict[str, Any]:
    """The row for one report."""
    row: dict[str, Any] = {
        "file": report.file,
        "score": report.score,
        "band": report.band.name,
        "readiness": report.summary.readiness,
        "readiness_level": report.summary.level,
        "pages": report.pages,
        "page_count_method": report.page_count_method,
        "words": report.words,
        "top_missing_terms": "; ".join(m.term for m in report.missing[:TOP_MISSING]),
        "formatting_findings": "; ".join(f.code for f in report.findings),
        "federal_rules": "yes" if report.checks.federal else "no",
        "federal_issues": "; ".join(i.message for i in report.checks.federal.issues) if report.checks.federal else "",
        "reader": report.reader,
        **_credentials(report),
        **_proofreading(report),
    }
    for category in report.categories:
        row[f"score_{category.category}"] = category.score
    if include_contact and report.contact is not None:
        row.update({key: getattr(report.contact, key) or "" for key in CONTACT_FIELDS})
    return row


def error_row(file: str, error: BatchError) -> dict[str, Any]:
    """The row for a file that could not be checked."""
    return {"file": file, "error_code": error.code, "error": error.message}


def report_csv(report: ReportRecord, include_contact: bool = False) -> str:
    """A header and one row, as text."""
    buffer = io.StringIO()
    writer = SafeDictWriter(buffer, csv_fields(include_contact))
    writer.writeheader()
    writer.writerow(report_row(report, include_contact))
    return buffer.getvalue()


def write_private_csv(path: os.PathLike[str] | str, fieldnames: list[str], rows: Iterable[Mapping[str, Any]]) -> None:
    """A new CSV only its owner can read (mode 600; an existing file is never overwritten): a key from ids to names."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", newline="", encoding="utf-8") as handle:
        writer = SafeDictWriter(handle, fieldnames=fieldnames)
        writer.writeheader()
        writer.writerows(rows)
