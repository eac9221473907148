"""Security headers, in-memory uploads, logs without resume text, the secret-key warning."""

import io
import logging
import tempfile

from jobkit.web import create_app
from tests import builders

SECRET_PHRASE = "Zanzibar-Quokka-7731"


def test_security_headers_on_every_response(client):
    for path in ("/", "/api/v1/roles", "/nope"):
        headers = client.get(path).headers
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "no-referrer"


def test_reports_are_not_cached(client):
    response = client.post("/check", data={"resume": (io.BytesIO(builders.plain_docx()), "r.docx"),
                                           "role": "medical-coder"}, content_type="multipart/form-data")
    assert response.headers["Cache-Control"] == "no-store"


def test_uploads_are_never_written_to_a_temporary_file(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("an upload was spooled to disk")

    monkeypatch.setattr(tempfile, "TemporaryFile", refuse)
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", refuse)
    monkeypatch.setattr(tempfile, "SpooledTemporaryFile", refuse)
    # Werkzeug spools uploads over 500 KB to a temporary file unless told otherwise.
    big = ("JANE DOE\n\nEXPERIENCE\n" + "Maintained electronic health records.\n" * 20_000).encode()
    assert len(big) > 600_000
    response = client.post("/api/v1/check", data={"resume": (io.BytesIO(big), "r.txt"), "role": "medical-coder"},
                           content_type="multipart/form-data")
    assert response.status_code == 422 and response.get_json()["error"]["code"] == "too_many_pages"


def test_resume_text_and_file_names_never_reach_the_logs(client, caplog):
    resume = f"JANE {SECRET_PHRASE}\njane@example.com\n\nEXPERIENCE\nMaintained {SECRET_PHRASE} records in Epic.\n"
    posting = f"Medical Records Technician\nRequirements: {SECRET_PHRASE} and HIPAA.\n"
    with caplog.at_level(logging.DEBUG):
        client.post("/check", data={"resume": (io.BytesIO(resume.encode()), f"{SECRET_PHRASE}.txt"), "job": posting},
                    content_type="multipart/form-data")
        client.post("/api/v1/check", data={"resume": (io.BytesIO(resume.encode()), f"{SECRET_PHRASE}.txt"),
                                           "role": "medical-coder"}, content_type="multipart/form-data")
        client.post("/check", data={"resume": (io.BytesIO(b"%PDF-1.4 " + SECRET_PHRASE.encode()), f"{SECRET_PHRASE}.pdf"),
                                    "role": "medical-coder"}, content_type="multipart/form-data")
    assert caplog.records, "the request log should say something"
    assert all(SECRET_PHRASE not in record.getMessage() for record in caplog.records)


def test_pdfminer_debug_logging_cannot_leak_text():
    assert logging.getLogger("pdfminer").getEffectiveLevel() >= logging.ERROR


def test_development_secret_key_warns_loudly_under_flask_run(monkeypatch, capsys, caplog):
    monkeypatch.delenv("JOBKIT_SECRET_KEY", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("FLASK_RUN_FROM_CLI", "true")  # what `flask run` sets before it imports app.py
    with caplog.at_level(logging.WARNING):
        app = create_app({"JOBKIT_ISOLATE": False})
    assert app.config["SECRET_KEY"] == "jobkit-development-key-not-secret"
    assert "published DEVELOPMENT key" in capsys.readouterr().err
    assert any("JOBKIT_SECRET_KEY is not set" in r.getMessage() for r in caplog.records)
    monkeypatch.setenv("JOBKIT_SECRET_KEY", "a-long-random-value-of-40-characters-xyz")
    assert create_app({"JOBKIT_ISOLATE": False}).config["SECRET_KEY"] == "a-long-random-value-of-40-characters-xyz"


def test_the_core_never_imports_flask():
    import subprocess
    import sys

    code = ("import sys, jobkit, jobkit.pipeline, jobkit.data.questions, jobkit.answers; "
            "from jobkit.pipeline import check_resume; check_resume(b'JANE DOE\\nEXPERIENCE\\nEHR work', role='medical-coder'); "
            "print('flask' in sys.modules or 'click' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_batch_ids_never_reach_the_log(tmp_path, caplog):
    import logging

    from jobkit.web import create_app

    app = create_app({"SECRET_KEY": "t", "TESTING": True, "JOBKIT_DATABASE": str(tmp_path / "db.sqlite3")})
    with caplog.at_level(logging.INFO, logger="jobkit.web"):
        app.test_client().get("/batch/SecretBatchToken123/status.json")
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "SecretBatchToken123" not in logged and "/batch/<id>/status.json" in logged
