"""The Batch page takes the zips it promises (JOBKIT_BATCH_MAX_UPLOAD), CSRF check and all."""

from __future__ import annotations

import io
import os
import re
import zipfile

from jobkit.web import create_app
from tests import builders
from tests.conftest import corpus_files
from tests.helpers import wait_for_batch

MB = 1024 * 1024


def _fifty_megabyte_zip() -> bytes:
    """Corpus resumes plus stored filler members: about 50 MB, far over the 10 MB resume upload limit."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("jane.docx", builders.plain_docx())
        for path in corpus_files("resumes", ".pdf", ".docx")[:10]:
            archive.write(path, path.name)
        while buffer.tell() < 50 * MB:
            archive.writestr(f"scans/page-{buffer.tell()}.bin", os.urandom(8 * MB))
    return buffer.getvalue()


def test_a_50_mb_zip_passes_the_csrf_check_and_is_accepted(tmp_path):
    app = create_app({"SECRET_KEY": "t", "TESTING": True, "JOBKIT_ISOLATE": False,
                      "JOBKIT_DATABASE": str(tmp_path / "jobs.sqlite3"), "JOBKIT_BATCH_WORKERS": 1})
    client = app.test_client()
    token = re.search(r'name="csrf_token" [^>]*value="([^"]+)"', client.get("/batch/").get_data(as_text=True)).group(1)
    data = _fifty_megabyte_zip()
    assert len(data) > 5 * app.config["MAX_CONTENT_LENGTH"]
    response = client.post("/batch/", data={"archive": (io.BytesIO(data), "class.zip"), "csrf_token": token,
                                            "role": "medical-records-technician", "pages": "1", "consent": "on"},
                           content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    assert wait_for_batch(client, response.headers["Location"], timeout=120)["done"] >= 2


def test_a_zip_over_the_batch_limit_is_refused(tmp_path):
    app = create_app({"SECRET_KEY": "t", "TESTING": True, "WTF_CSRF_ENABLED": False, "JOBKIT_ISOLATE": False,
                      "JOBKIT_DATABASE": str(tmp_path / "jobs.sqlite3"), "JOBKIT_BATCH_MAX_UPLOAD": 2 * MB})
    client = app.test_client()
    client.get("/batch/")
    response = client.post("/batch/", data={"archive": (io.BytesIO(os.urandom(3 * MB)), "c.zip")},
                           content_type="multipart/form-data")
    assert response.status_code == 413


def test_a_batch_upload_is_refused_from_its_headers_without_a_batch_session(tmp_path):
    """No session from the Batch page (a script spraying uploads): refused before the body is read."""
    app = create_app({"SECRET_KEY": "t", "TESTING": True, "JOBKIT_ISOLATE": False,
                      "JOBKIT_DATABASE": str(tmp_path / "jobs.sqlite3")})
    body = io.BytesIO(b"x" * (20 * MB))
    response = app.test_client().post("/batch/", input_stream=body, content_type="multipart/form-data; boundary=b",
                                      headers={"Content-Length": str(20 * MB)})
    assert response.status_code == 400 and b"Open the Batch page first" in response.data
    assert body.tell() == 0, "the body was not read"
