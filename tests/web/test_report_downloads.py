"""The report page's files are built when their button is pressed, from the report the page posts back (issue 33):
the same files as the core's exports, none of them built by the upload itself, and nothing kept on the server."""

from __future__ import annotations

import html
import io
import re
import zipfile

import pytest

from jobkit.output.plain_resume import plain_docx
from jobkit.output.registry import export_report
from jobkit.pipeline import check_resume
from jobkit.web import create_app
from jobkit.web.report_downloads import STALE
from tests.conftest import corpus_path
from tests.web.test_pages import MRT, upload

# Every kind of file the page offers, read three ways: a PDF (the fast engine's corpus), a Word file, and a scan.
RESUMES = [("offlinecv", "google-docs__google-docs-skia-proxy-classic.pdf"),
           ("resumes", "docx_word_office_coordinator.docx"), ("resumes", "pdf_chromium_html_twocolumn.pdf")]
TYPES = {"html": "text/html; charset=utf-8", "json": "application/json; charset=utf-8",
         "csv": "text/csv; charset=utf-8", "jsonresume": "application/json; charset=utf-8",
         "txt": "text/plain; charset=utf-8",
         "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def report_form(page: str) -> tuple[str, list[str]]:
    """The page's signed report and the formats of its download buttons."""
    field = re.search(r'<form id="report-files" method="post" action="/check/download"><input type="hidden" '
                      r'name="report" value="([^"]+)"></form>', page)
    assert field, "the report page has no download form"
    return field.group(1), re.findall(r'<button type="submit" form="report-files" name="format" value="([a-z]+)"', page)


def fetch(client, report: str, fmt: str):  # type: ignore[no-untyped-def]
    return client.post("/check/download", data={"report": report, "format": fmt})


def _word_parts(data: bytes) -> dict[str, bytes]:
    """A Word file's parts (its zip members), without the zip's own timestamps."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


@pytest.mark.parametrize("folder,name", RESUMES)
def test_each_download_is_the_file_the_page_used_to_hold(client, folder, name):
    path = corpus_path(folder, name)
    page = upload(client, path.read_bytes(), path.name).get_data(as_text=True)
    assert "href=\"data:" not in page  # no file travels inside the page any more
    report, formats = report_form(page)
    assert formats == ["html", "jsonresume", "txt", "docx", "json", "csv"]
    record = check_resume(path.read_bytes(), role=MRT, filename=path.name, target_pages=1).to_record(include_text=True)
    stem = path.stem[:60]
    names = {"html": f"jobkit-{stem}.html", "json": f"jobkit-{stem}.json", "csv": f"jobkit-{stem}.csv",
             "jsonresume": f"{stem}.resume.json", "txt": f"{stem}-plain.txt", "docx": f"{stem}-plain.docx"}
    for fmt in formats:
        response = fetch(client, report, fmt)
        assert response.status_code == 200, (fmt, response.get_data(as_text=True)[:300])
        assert response.headers["Content-Type"] == TYPES[fmt]
        assert response.headers["Content-Disposition"] == f"attachment; filename={names[fmt]}"
        assert response.headers["Cache-Control"] == "no-store"
        if fmt == "docx":
            assert _word_parts(response.get_data()) == _word_parts(plain_docx(record))
        else:
            assert response.get_data() == export_report(record, fmt).encode("utf-8"), fmt


def test_a_scan_offers_the_report_files_only(client):
    path = corpus_path("resumes", "pdf_imageonly_no_text_layer_1.pdf")
    page = upload(client, path.read_bytes(), path.name).get_data(as_text=True)
    report, formats = report_form(page)
    assert formats == ["html", "json", "csv"]
    assert fetch(client, report, "csv").status_code == 200
    refused = fetch(client, report, "docx")
    assert refused.status_code == 400 and "could not read its text" in refused.get_data(as_text=True)


class _Counted:
    """Counts the calls to one function (kept where it is looked up at call time, so any caller is counted)."""

    def __init__(self, monkeypatch, owner, name: str) -> None:  # type: ignore[no-untyped-def]
        self.calls = 0
        original = getattr(owner, name)

        def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
            self.calls += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, counted)


def test_the_upload_builds_no_file_and_a_button_builds_one(client, monkeypatch):
    import docx
    import jsonschema

    from jobkit.output.registry import Format

    word = _Counted(monkeypatch, docx, "Document")  # the Word rebuild
    schema = _Counted(monkeypatch, jsonschema, "Draft4Validator")  # the JSON Resume check
    exports = _Counted(monkeypatch, Format, "render")  # every other file (web page, JSON, CSV, JSON Resume, text)
    path = corpus_path("resumes", "pdf_chromium_html_twocolumn.pdf")  # a PDF: reading a Word file opens a Document
    page = upload(client, path.read_bytes(), path.name).get_data(as_text=True)
    assert (word.calls, schema.calls, exports.calls) == (0, 0, 0)
    report, _ = report_form(page)
    assert fetch(client, report, "docx").status_code == 200
    assert (word.calls, schema.calls, exports.calls) == (1, 0, 0)
    assert fetch(client, report, "jsonresume").status_code == 200
    assert (word.calls, schema.calls, exports.calls) == (1, 1, 1)


def test_a_changed_or_foreign_report_is_refused(client):
    path = corpus_path("resumes", "docx_word_office_coordinator.docx")
    report, _ = report_form(upload(client, path.read_bytes(), path.name).get_data(as_text=True))
    other = create_app({"SECRET_KEY": "another key", "TESTING": True, "JOBKIT_ISOLATE": False}).test_client()
    changed = report[:-3] + ("AAA" if report[-3:] != "AAA" else "BBB")
    for answer in (fetch(client, changed, "csv"), fetch(other, report, "csv"), fetch(client, "", "csv")):
        assert answer.status_code == 400
        assert STALE in html.unescape(answer.get_data(as_text=True))
    unknown = fetch(client, report, "exe")
    assert unknown.status_code == 400 and "Choose one of the report's files" in html.unescape(unknown.get_data(as_text=True))


def test_downloads_need_no_form_token_and_take_a_report_as_large_as_an_upload(client, csrf_client):
    """The signed report is the proof the page came from this server: a page left open past the form
    token's four hours still saves its files. Its field may be larger than other form fields (512 KB)."""
    path = corpus_path("resumes", "docx_word_office_coordinator.docx")
    report, _ = report_form(upload(client, path.read_bytes(), path.name).get_data(as_text=True))
    assert fetch(csrf_client, report, "txt").status_code == 200  # same key, CSRF protection on, no form token
    large = fetch(client, "x" * (600 * 1024), "txt")
    assert large.status_code == 400  # read and refused as not signed, not turned away as too large (413)


def test_the_apis_json_leaves_the_lines_out_without_writing_them(monkeypatch):
    """The API's JSON (and the JSON file) is the report without its lines, which are not serialised only to be dropped."""
    from jobkit.model import schema
    from jobkit.model.document import Line
    from jobkit.output.registry import public_report

    path = corpus_path("offlinecv", "google-docs__google-docs-skia-proxy-classic.pdf")
    record = check_resume(path.read_bytes(), role=MRT, filename=path.name).to_record(include_text=True)
    whole = record.to_dict()
    assert "lines" in whole
    written = []
    original = schema.jsonable

    def counted(value):  # type: ignore[no-untyped-def]
        written.append(type(value))
        return original(value)

    monkeypatch.setattr(schema, "jsonable", counted)
    assert public_report(record) == {key: value for key, value in whole.items() if key != "lines"}
    assert written and Line not in written


def test_downloads_have_a_rate_limit_of_their_own():
    """A file costs about what a check does (a Word rebuild, 30 ms): each address may build as many a minute as it
    may run checks, counted apart, so saving a report's files never uses up the checks."""
    from tests.web.test_bad_requests import BASE

    client = create_app({**BASE, "JOBKIT_CHECK_RATE": "2 per minute"}).test_client()
    path = corpus_path(*RESUMES[0])
    page = upload(client, path.read_bytes(), path.name).get_data(as_text=True)
    report, _ = report_form(page)
    assert [fetch(client, report, fmt).status_code for fmt in ("txt", "json", "csv")] == [200, 200, 429]
    assert upload(client, path.read_bytes(), path.name).status_code == 200
