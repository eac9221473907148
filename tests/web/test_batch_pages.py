"""The batch pages: upload a zip, progress, cohort report, downloads, delete, expiry, restart."""

import io
import time
import zipfile
from pathlib import Path

import pytest

from jobkit.batch.store import BatchStore
from jobkit.model.batches import BatchTarget
from jobkit.web import create_app
from tests import builders
from tests.helpers import wait_for_batch


@pytest.fixture
def batch_app(tmp_path):
    return create_app({"SECRET_KEY": "t", "TESTING": True, "WTF_CSRF_ENABLED": False, "JOBKIT_ISOLATE": False,
                       "JOBKIT_DATABASE": str(tmp_path / "jobs.sqlite3"), "JOBKIT_BATCH_WORKERS": 1})


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("jane.docx", builders.plain_docx())
        z.writestr("john.pdf", builders.single_column_pdf())
        z.writestr("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
        z.writestr("../sneaky.txt", "x")
    return buffer.getvalue()


def _start(client, data=None, **form):
    fields = {"archive": (io.BytesIO(data or _zip()), "class-2027.zip"), "role": "medical-records-technician",
              "pages": "1", "consent": "on", **form}
    client.get("/batch/")  # as a browser does: the page gives the session its key
    return client.post("/batch/", data=fields, content_type="multipart/form-data")




def test_upload_progress_report_and_downloads(batch_app, tmp_path):
    client = batch_app.test_client()
    assert client.get("/batch/").status_code == 200
    started = _start(client)
    assert started.status_code == 302
    url = started.headers["Location"]
    page = client.get(url)
    assert page.status_code == 200
    status = wait_for_batch(client, url)
    assert status == {"state": "done", "total": 4, "done": 4, "errors": 2}
    report = client.get(url).get_data(as_text=True)
    for text in ("Score distribution", "Terms most often missing", "Download CSV", "class-2027.zip/jane.docx", "path traversal"):
        assert text in report
    csv_text = client.get(url + "/results.csv").get_data(as_text=True)
    assert csv_text.splitlines()[0].startswith("file,score,band") and len(csv_text.splitlines()) == 5
    assert "email" not in csv_text.splitlines()[0]
    jsonl = client.get(url + "/results.jsonl").get_data(as_text=True).splitlines()
    assert len(jsonl) == 4
    assert "Cohort report" in client.get(url + "/report.html").get_data(as_text=True)
    assert not list(Path(batch_app.config["JOBKIT_DATABASE"] + ".uploads").glob("*.zip")), "the upload must be deleted"
    listing = client.get("/batch/").get_data(as_text=True)
    assert "Your batches" in listing


def test_delete_now(batch_app):
    client = batch_app.test_client()
    url = _start(client).headers["Location"]
    wait_for_batch(client, url)
    deleted = client.post(url + "/delete")
    assert deleted.status_code == 302 and "deleted=1" in deleted.headers["Location"]
    assert client.get(url).status_code == 404
    assert client.get(url + "/results.csv").status_code == 404


def test_not_a_zip_and_a_bad_target(batch_app):
    client = batch_app.test_client()
    response = _start(client, data=b"JANE DOE plain text")
    assert response.status_code == 415 and b"must be a .zip" in response.data
    assert _start(client, role="", job="").status_code == 302  # no target: the general MRT role
    assert _start(client, role="astronaut", job="").status_code == 404


def test_results_survive_a_restart_and_expire(batch_app, tmp_path):
    client = batch_app.test_client()
    url = _start(client).headers["Location"]
    wait_for_batch(client, url)
    restarted = create_app({"SECRET_KEY": "t", "TESTING": True, "JOBKIT_ISOLATE": False,
                            "JOBKIT_DATABASE": batch_app.config["JOBKIT_DATABASE"]})
    assert restarted.test_client().get(url + "/results.csv").status_code == 200
    store = BatchStore(batch_app.config["JOBKIT_DATABASE"], retention_days=7)
    batch_id = url.rsplit("/", 1)[-1]
    with store._connect() as db:
        db.execute("UPDATE batches SET expires = ? WHERE id = ?", (time.time() - 1, batch_id))
    assert restarted.test_client().get(url).status_code == 404


def test_a_batch_whose_lease_ran_out_is_interrupted_even_if_its_pid_is_alive(tmp_path):
    """In a container after a restart the same process id is alive again: only the lease tells."""
    import os

    store = BatchStore(str(tmp_path / "s.sqlite3"))
    batch_id = store.create("label", BatchTarget(role="medical-coder"), False)
    store.set_upload(batch_id, str(tmp_path / "x.zip"))
    assert store.claim_next("runner-a", seconds=0.05).id == batch_id
    with store._connect() as db:
        assert db.execute("SELECT owner_pid FROM batches").fetchone()[0] == os.getpid()  # alive, and irrelevant
    time.sleep(0.1)
    record = store.get(batch_id)
    assert record.state == "interrupted" and "results it had finished are kept" in record.message
