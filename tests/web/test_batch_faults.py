"""The Batch pages under faults: a full disk, a damaged database, retention without traffic, tokens in access logs."""

from __future__ import annotations

import errno
import io
import logging
import os
import sqlite3
import threading
import urllib.request
import zipfile
from pathlib import Path

import pytest
from werkzeug.datastructures import FileStorage
from werkzeug.serving import make_server

from jobkit.batch.queue_runner import Runner
from jobkit.web import create_app, sweeps
from tests import builders

MARK = "Zanzibarquette"
RESUME = (f"JANE DOE\nMedical Records Technician\nEXPERIENCE\n- Scanned and indexed charts at {MARK} Clinic in Epic, "
          "release of information, HIPAA\nEDUCATION\nAAS Health Information Technology, 2024\n")


class Clock:
    def __init__(self) -> None:
        self.now = 1_900_000_000.0

    def __call__(self) -> float:
        return self.now


def _config(tmp_path: Path, **extra):
    return {"SECRET_KEY": "t", "TESTING": True, "WTF_CSRF_ENABLED": False, "JOBKIT_ISOLATE": False,
            "JOBKIT_DATABASE": str(tmp_path / "jobs.sqlite3"), "JOBKIT_BATCH_RUNNER": "external",
            "JOBKIT_BATCH_WORKERS": 1, **extra}


def _zip(files: dict[str, bytes | str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in (files or {"r0.docx": builders.plain_docx(), "r1.docx": builders.plain_docx()}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _post(client, data: bytes | None = None):
    client.get("/batch/")
    return client.post("/batch/", data={"archive": (io.BytesIO(data or _zip()), "class.zip"),
                                        "role": "medical-records-technician", "pages": "1", "consent": "on"},
                       content_type="multipart/form-data")


def test_a_full_disk_during_upload_answers_507_and_leaves_nothing_behind(tmp_path, monkeypatch):
    app = create_app(_config(tmp_path))
    client = app.test_client()

    def disk_fills_up(self, destination, buffer_size=16384):
        with open(destination, "wb") as out:
            out.write(self.stream.read(1000))  # part of the zip lands, then the disk is full
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(FileStorage, "save", disk_fills_up)
        answer = _post(client)
    assert answer.status_code == 507
    assert "disk is full, so the upload could not be saved" in answer.get_data(as_text=True)
    uploads = Path(app.config["JOBKIT_DATABASE"] + ".uploads")
    assert list(uploads.glob("*")) == [], "the partial zip is removed"
    with sqlite3.connect(app.config["JOBKIT_DATABASE"]) as db:
        assert db.execute("SELECT COUNT(*) FROM batches").fetchone()[0] == 0
    assert client.get("/batch/").status_code == 200
    assert _post(client).status_code == 302, "the store is usable once there is room again"


@pytest.mark.parametrize("damage", ["garbage", "folder"])
def test_a_damaged_database_leaves_the_rest_of_the_site_working(tmp_path, damage):
    database = tmp_path / "jobs.sqlite3"
    if damage == "folder":
        database.mkdir()
    else:
        database.write_bytes(b"not a database " * 100)
    client = create_app(_config(tmp_path)).test_client()
    assert client.get("/api/v1/health").status_code == 200
    assert client.get("/").status_code == 200
    checked = client.post("/api/v1/check", data={"resume": (io.BytesIO(RESUME.encode()), "r.txt")},
                          content_type="multipart/form-data")
    assert checked.status_code == 200 and checked.get_json()["score"] >= 0
    for url in ("/batch/", "/batch/some-token", "/batch/some-token/status.json", "/batch/progress/"):
        page = client.get(url)
        text = page.get_data(as_text=True)
        assert page.status_code == 503, url
        assert "The batch store is unavailable: jobs.sqlite3" in text and "JOBKIT_DATABASE" in text
        assert str(tmp_path) not in text
    assert _post(client).status_code == 503


def test_the_app_opens_no_database_until_it_is_asked(tmp_path):
    app = create_app(_config(tmp_path))
    assert not os.path.exists(app.config["JOBKIT_DATABASE"])


def _file_bytes(path: str) -> bytes:
    return b"".join(Path(p).read_bytes() for p in (path, path + "-wal") if os.path.exists(p))


def test_an_expired_batch_is_gone_from_the_file_after_one_request(tmp_path):
    """No runner, no restart: one request after the batch expired deletes its text from the file, and orphan zips."""
    clock = Clock()
    app = create_app(_config(tmp_path, JOBKIT_CLOCK=clock, JOBKIT_BATCH_RETENTION_DAYS=1))
    client = app.test_client()
    database = app.config["JOBKIT_DATABASE"]
    url = _post(client, _zip({"jane.txt": RESUME})).headers["Location"]
    runner = Runner(database, workers=1, idle_exit=0)
    runner.store.clock = clock
    runner.run()
    assert client.get(url + "/status.json").get_json()["state"] == "done"
    other = sqlite3.connect(database)  # another process keeps the file open, so its write-ahead log stays
    other.execute("SELECT COUNT(*) FROM results").fetchone()
    assert MARK.encode() in _file_bytes(database)
    orphan = Path(database + ".uploads") / "left-by-a-crash.zip"
    orphan.write_bytes(b"PK student resumes")
    os.utime(orphan, (clock.now - 3600, clock.now - 3600))
    clock.now += 86400 + 1
    assert client.get("/api/v1/health").status_code == 200  # any request: not only the batch pages
    assert MARK.encode() not in _file_bytes(database)
    assert not orphan.exists()
    assert client.get(url).status_code == 404
    other.close()


def test_the_web_sweeps_at_most_once_a_minute_per_process(tmp_path, monkeypatch):
    clock, sweeps_made = Clock(), []
    monkeypatch.setattr(sweeps, "sweep", lambda store: sweeps_made.append(clock.now))
    client = create_app(_config(tmp_path, JOBKIT_CLOCK=clock)).test_client()
    for _ in range(5):
        client.get("/api/v1/health")
    clock.now += 59
    client.get("/api/v1/health")
    assert len(sweeps_made) == 1
    clock.now += 2
    client.get("/api/v1/health")
    client.get("/api/v1/health")
    assert len(sweeps_made) == 2


def test_batch_tokens_never_reach_the_development_servers_access_log(tmp_path, caplog):
    app = create_app(_config(tmp_path))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        with caplog.at_level(logging.INFO, logger="werkzeug"):
            for path in ("/batch/SecretBatchToken123/results.csv", "/batch/progress/?before=SecretOne&after=SecretTwo"):
                try:
                    urllib.request.urlopen(base + path, timeout=30).read()
                except urllib.error.HTTPError as answer:
                    answer.read()
    finally:
        server.shutdown()
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name == "werkzeug")
    assert "GET /batch/<id>/results.csv" in logged and "GET /batch/progress/?before=<id>&after=<id>" in logged
    for secret in ("SecretBatchToken123", "SecretOne", "SecretTwo"):
        assert secret not in logged


def test_batch_tokens_never_reach_gunicorns_access_log(tmp_path, caplog):
    create_app(_config(tmp_path))
    with caplog.at_level(logging.INFO, logger="gunicorn.access"):
        # As gunicorn's access log writes a request under jobkit serve's --access-logformat.
        logging.getLogger("gunicorn.access").info('%(h)s "%(m)s %(U)s" %(s)s', {
            "h": "10.0.0.7", "m": "GET", "U": "/batch/SecretBatchToken123/status.json", "s": "200"})
    assert [r.getMessage() for r in caplog.records] == ['10.0.0.7 "GET /batch/<id>/status.json" 200']


def test_a_test_app_never_writes_to_the_checkouts_instance_folder(client):
    """The factory opens nothing; the first request's sweep opens the test's own database."""
    import os
    from pathlib import Path

    client.get("/api/v1/health")
    client.get("/batch/")
    assert Path(os.environ["JOBKIT_DATABASE"]).is_file()
    assert not Path(os.environ["JOBKIT_DATABASE"]).resolve().is_relative_to(Path(__file__).resolve().parents[2])
