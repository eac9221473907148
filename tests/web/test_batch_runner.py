"""Batches run in a background runner, under leases in SQLite, and survive restarts tidily."""

from __future__ import annotations

import io
import os
import sqlite3
import time
import zipfile
from pathlib import Path


from jobkit.batch.queue_runner import Runner
from jobkit.batch.store import MIGRATIONS, BatchStore, sweep
from jobkit.web import create_app
from tests import builders
from tests.helpers import wait_for_batch


def _config(tmp_path: Path, **extra):
    return {"SECRET_KEY": "t", "TESTING": True, "WTF_CSRF_ENABLED": False, "JOBKIT_ISOLATE": False,
            "JOBKIT_DATABASE": str(tmp_path / "jobs.sqlite3"), "JOBKIT_BATCH_WORKERS": 1, "JOBKIT_RUNNER_IDLE": 5,
            **extra}


def _zip(count: int = 2) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number in range(count):
            archive.writestr(f"r{number}.docx", builders.plain_docx())
    return buffer.getvalue()


def _post(client, data: bytes | None = None):
    client.get("/batch/")  # as a browser does: the page gives the session its key
    return client.post("/batch/", data={"archive": (io.BytesIO(data or _zip()), "c.zip"),
                                        "role": "medical-records-technician", "pages": "1", "consent": "on"},
                       content_type="multipart/form-data")




def test_the_batch_runs_in_a_runner_process_not_the_web_process(tmp_path):
    app = create_app(_config(tmp_path))
    client = app.test_client()
    url = _post(client).headers["Location"]
    assert wait_for_batch(client, url)["state"] == "done"
    with sqlite3.connect(app.config["JOBKIT_DATABASE"]) as db:
        runner_pid = db.execute("SELECT owner_pid FROM batches").fetchone()[0]
    assert runner_pid and runner_pid != os.getpid()
    assert not os.listdir(app.config["JOBKIT_DATABASE"] + ".uploads"), "the upload is deleted once processed"


def test_an_external_runner_works_the_queue(tmp_path):
    app = create_app(_config(tmp_path, JOBKIT_BATCH_RUNNER="external"))
    client = app.test_client()
    url = _post(client).headers["Location"]
    assert client.get(url + "/status.json").get_json()["state"] == "queued"
    uploads = app.config["JOBKIT_DATABASE"] + ".uploads"
    Runner(app.config["JOBKIT_DATABASE"], workers=1, idle_exit=0).run()  # `jobkit worker`, in process
    assert client.get(url + "/status.json").get_json() == {"state": "done", "total": 2, "done": 2, "errors": 0}
    assert not os.listdir(uploads), "the upload is deleted once processed"


def test_one_runner_holds_the_queue(tmp_path):
    store = BatchStore(str(tmp_path / "s.sqlite3"))
    assert store.hold_runner_lease("a", 30) and not store.hold_runner_lease("b", 30)
    assert store.hold_runner_lease("a", 30), "the holder renews"
    store.release_runner_lease("a")
    assert store.hold_runner_lease("b", 30)


def test_limits_per_session_answer_429(tmp_path):
    app = create_app(_config(tmp_path, JOBKIT_BATCH_RUNNER="external", JOBKIT_BATCHES_PER_SESSION=1))
    client = app.test_client()
    assert _post(client).status_code == 302
    refused = _post(client)
    assert refused.status_code == 429 and b"already have 1 batches waiting" in refused.data


def test_start_sweeps_expired_batches_and_orphan_uploads(tmp_path):
    """After a kill -9 the uploaded zip would stay for good; the next start deletes it."""
    app = create_app(_config(tmp_path, JOBKIT_BATCH_RUNNER="external"))
    client = app.test_client()
    url = _post(client).headers["Location"]
    uploads = Path(app.config["JOBKIT_DATABASE"] + ".uploads")
    orphan = uploads / "left-by-a-crash.zip"
    orphan.write_bytes(b"PK")
    old = time.time() - 3600
    os.utime(orphan, (old, old))
    store = BatchStore(app.config["JOBKIT_DATABASE"])
    with store._connect() as db:
        db.execute("UPDATE batches SET expires = ?", (time.time() - 1,))
    counts = sweep(store, grace_seconds=0)
    assert counts["expired"] == 1 and not orphan.exists() and not list(uploads.glob("*"))
    assert client.get(url).status_code == 404


def test_the_store_migrates_an_old_database(tmp_path):
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(MIGRATIONS[0])
        db.execute("INSERT INTO batches (id, created, expires, state, label, target) VALUES "
                   "('x', 0, 9e12, 'done', 'l', '{}')")
    store = BatchStore(str(path))
    assert store.schema_version() == len(MIGRATIONS)
    assert store.get("x").state == "done" and store.get("x").owner is None


def test_the_session_cookie_does_not_carry_batch_ids(tmp_path):
    app = create_app(_config(tmp_path, JOBKIT_BATCH_RUNNER="external"))
    client = app.test_client()
    batch_id = _post(client).headers["Location"].rsplit("/", 1)[-1]
    cookie = client.get_cookie("session")
    from flask.sessions import SecureCookieSessionInterface

    serializer = SecureCookieSessionInterface().get_signing_serializer(app)
    assert batch_id not in str(serializer.loads(cookie.value))
    assert batch_id in client.get("/batch/").get_data(as_text=True)
