"""The report page's files (the report as a web page, JSON and CSV; the resume as JSON Resume, text and Word),
each built only when its button is pressed.

Nothing is kept on the server between a report and its downloads. The report page holds the report itself
(its JSON, with the resume's lines) in one hidden form field, compressed and signed with the app's secret
key; each download button posts that field back, and the server builds the one file asked for from it and
sends it as an attachment. The signature means the server only ever builds files from a report it made;
the field is not secret from whoever holds the page, which shows the same report. It does not expire, so a
page left open still saves its files, as it did when the files were inlined in the page.

Before, the upload request built every file into the page as a ``data:`` link, for files most people never
save: the Word rebuild alone (about 33 ms of CPU) cost half a pdfminer check and more than a pdfium one.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Response, current_app, request, send_file
from itsdangerous import BadSignature, URLSafeSerializer

from jobkit import __version__
from jobkit.errors import InvalidInput
from jobkit.model.report_record import ReportRecord
from jobkit.output.plain_resume import DOCX_TYPE, plain_docx
from jobkit.output.registry import MEDIA_TYPES, export_report

downloads = Blueprint("downloads", __name__)

# A page from another jobkit version cannot be read back the same way: its buttons ask for a new check.
SALT = f"jobkit report download {__version__}"
STALE = ("This download could not be made from that page: it is from an earlier version of the site, or it was "
         "changed. Check your resume again, then save the files from the new report.")


@dataclass(frozen=True)
class Download:
    format: str
    label: str
    kind: str  # "page" (the report as a web page), "data" (the report as JSON or CSV) or "resume"
    name: str  # the file's name, from the resume's own ({stem})

    def file_name(self, report: ReportRecord) -> str:
        return self.name.format(stem=report.file.rsplit(".", 1)[0][:60] or "resume")


FILES = {d.format: d for d in (
    Download("html", "Web page", "page", "jobkit-{stem}.html"),
    Download("json", "JSON", "data", "jobkit-{stem}.json"),
    Download("csv", "CSV row (spreadsheet)", "data", "jobkit-{stem}.csv"),
    Download("jsonresume", "Your resume as JSON Resume", "resume", "{stem}.resume.json"),
    Download("txt", "Plain version (text)", "resume", "{stem}-plain.txt"),
    Download("docx", "Plain version (Word)", "resume", "{stem}-plain.docx"),
)}


def _signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt=SALT)


def report_field(report: ReportRecord) -> str:
    """The report as the page carries it for its download buttons: JSON, compressed, signed."""
    return _signer().dumps(report.to_dict())


def _has_resume(report: ReportRecord) -> bool:
    return not report.unreadable and report.structure is not None


def download_links(report: ReportRecord) -> list[dict[str, str]]:
    """The page's download buttons: the report's three files, and the resume's three when it was read."""
    return [{"label": d.label, "kind": d.kind, "format": d.format}
            for d in FILES.values() if d.kind != "resume" or _has_resume(report)]


def _posted_report(value: str) -> ReportRecord:
    try:
        return ReportRecord.from_dict(_signer().loads(value))
    except (BadSignature, TypeError, KeyError, ValueError):
        raise InvalidInput(STALE) from None


def _file(report: ReportRecord, fmt: str) -> tuple[bytes, str]:
    """One file's bytes and media type, as the page used to inline them."""
    if fmt == "docx":
        return plain_docx(report), DOCX_TYPE
    return export_report(report, fmt).encode("utf-8"), f"{MEDIA_TYPES[fmt].split(';')[0]}; charset=utf-8"


@downloads.post("/check/download")
def download() -> Response:
    """One of a report page's files, built from the report the page posts back; nothing is kept."""
    # The report field holds what the upload held: allow it the upload's limit, not the form fields' 512 KB.
    request.max_form_memory_size = current_app.config["MAX_CONTENT_LENGTH"]
    chosen = FILES.get(request.form.get("format", ""))
    if chosen is None:
        raise InvalidInput(f"Choose one of the report's files: {', '.join(FILES)}.")
    report = _posted_report(request.form.get("report", ""))
    if chosen.kind == "resume" and not _has_resume(report):
        raise InvalidInput("This report has no resume to save: jobkit could not read its text.")
    data, media_type = _file(report, chosen.format)
    response = send_file(io.BytesIO(data), as_attachment=True, download_name=chosen.file_name(report),
                         conditional=False, etag=False)  # send_file quotes the name (RFC 6266, non-ASCII too)
    response.headers["Content-Type"] = media_type  # as the page's data: links had it (send_file would guess)
    return response


def page_values(report: ReportRecord) -> dict[str, Any]:
    """What report.html needs for its download buttons."""
    return {"downloads": download_links(report), "report_field": report_field(report)}
