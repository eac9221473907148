"""Resumes are personal data: their text never reaches a log, and no upload stays on disk.

The web's own request logging is tested in tests/web/test_security.py; these
tests cover every way in with real resumes, with every logger at DEBUG.
"""

from __future__ import annotations

import io
import logging
import os
import tempfile
from pathlib import Path

import pytest

from jobkit import read_resume
from jobkit.batch.runs import BatchTarget, run_batch
from jobkit.pipeline import check_resume
from jobkit.cli.commands import cli
from jobkit.web import create_app
from tests.conftest import corpus_path

REAL = ["pdf_livecareer_medical_record_technician.pdf", "docx_word_textboxes_header_3sections.docx"]


def _private_lines(path: Path) -> list[str]:
    """Distinctive lines of the resume: its name line, contact and a few long lines of text."""
    document = read_resume(path)
    contact = [v for v in (document.contact.name, document.contact.email, document.contact.phone) if v]
    long_lines = [line.text for line in document.lines if len(line.text) > 40][:5]
    return contact + long_lines


def _all_logged(caplog: pytest.LogCaptureFixture, *streams: str) -> str:
    return "\n".join([record.getMessage() for record in caplog.records] + list(streams))


@pytest.fixture
def everything_logged(caplog):
    with caplog.at_level(logging.DEBUG):
        for name in ("", "jobkit", "pdfminer", "docx", "werkzeug", "flask"):
            logging.getLogger(name).setLevel(logging.DEBUG)
        yield caplog
    logging.getLogger("pdfminer").setLevel(logging.ERROR)


@pytest.mark.parametrize("name", REAL)
def test_no_resume_text_in_the_logs_of_any_interface(name, everything_logged, runner, tmp_path, capfd):
    path = corpus_path("resumes", name)
    private = _private_lines(path)
    assert private, "the test needs text to look for"
    check_resume(path, role="medical-records-technician")
    runner.invoke(cli, ["check", str(path)])
    list(run_batch([path], BatchTarget(role="medical-records-technician"), workers=1))
    app = create_app({"SECRET_KEY": "t", "TESTING": True, "WTF_CSRF_ENABLED": False, "JOBKIT_ISOLATE": False})
    app.test_client().post("/api/v1/check", data={"resume": (io.BytesIO(path.read_bytes()), name)},
                           content_type="multipart/form-data")
    captured = capfd.readouterr()
    logged = _all_logged(everything_logged, captured.err)
    assert everything_logged.records, "something should have been logged at DEBUG"
    for line in private:
        assert line not in logged, f"resume text reached a log: {line[:30]}..."


def _files_under(*folders: Path) -> set[Path]:
    return {p for folder in folders if folder.exists() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("isolate", [False, True], ids=["in-process", "worker-process"])
def test_no_upload_remains_on_disk_after_its_report(isolate, tmp_path, monkeypatch):
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setenv("TMPDIR", str(temp))
    path = corpus_path("resumes", REAL[0])
    data = path.read_bytes()
    app = create_app({"SECRET_KEY": "t", "TESTING": True, "WTF_CSRF_ENABLED": False, "JOBKIT_ISOLATE": isolate,
                      "JOBKIT_WORKERS": 1, "JOBKIT_DATABASE": str(tmp_path / "jobs.sqlite3")})
    instance = Path(app.instance_path)
    before = _files_under(temp, instance, tmp_path)
    client = app.test_client()
    page = client.post("/check", data={"resume": (io.BytesIO(data), "mine.pdf")}, content_type="multipart/form-data")
    api = client.post("/api/v1/check", data={"resume": (io.BytesIO(data), "mine.pdf")},
                      content_type="multipart/form-data")
    assert page.status_code == api.status_code == 200
    pool = app.extensions.get("jobkit_pool")
    if pool:
        pool.close()
    after = _files_under(temp, instance, tmp_path)
    new = after - before
    assert not any(f.read_bytes() == data or data[:4096] in f.read_bytes() for f in new), new
    assert not [f for f in new if f.suffix in (".pdf", ".docx", ".txt", "")], new
    assert os.listdir(temp) == []


def test_pdfminer_debug_logging_is_silenced_whatever_was_imported_first(caplog):
    """The application may set pdfminer to DEBUG after jobkit's reader was imported: a read still logs nothing."""
    import jobkit.read.pdf.pdfminer_reader  # noqa: F401 - imported first on purpose, as in a long-running server

    path = corpus_path("resumes", REAL[0])
    with caplog.at_level(logging.DEBUG):
        for name in ("pdfminer", "pdfminer.psparser", "pdfminer.pdfinterp", "pdfminer.pdfpage"):
            logging.getLogger(name).setLevel(logging.DEBUG)
        read_resume(path)
    assert not [r for r in caplog.records if r.name.startswith("pdfminer")]
