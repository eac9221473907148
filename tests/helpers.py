"""Small helpers shared by tests: documents from text."""

from __future__ import annotations

from jobkit import read_resume
from jobkit.model.document import Document


def text_doc(text: str, name: str = "resume.txt") -> Document:
    """A Document read from plain text, through the real text reader."""
    return read_resume(text.encode("utf-8"), name)


def wait_for_batch(client, url: str, timeout: float = 90) -> dict:  # type: ignore[no-untyped-def]
    """Poll a Batch page's status until the batch is no longer waiting or running; its last status."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = client.get(url + "/status.json").get_json()
        if status["state"] not in ("queued", "running"):
            return status  # type: ignore[no-any-return]
        time.sleep(0.2)
    raise AssertionError("the batch did not finish")
