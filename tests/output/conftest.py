"""Shared by the output tests: a web client whose reports and batches are downloaded as files."""

from __future__ import annotations

import pytest

from jobkit.web import create_app


@pytest.fixture
def client(tmp_path):  # type: ignore[no-untyped-def]
    """A test client of an app with its own database and one batch worker."""
    app = create_app({"SECRET_KEY": "t", "TESTING": True, "WTF_CSRF_ENABLED": False, "JOBKIT_ISOLATE": False,
                      "JOBKIT_DATABASE": str(tmp_path / "db.sqlite3"), "JOBKIT_BATCH_WORKERS": 1})
    return app.test_client()
