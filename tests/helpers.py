"""Small helpers shared by tests: documents from text."""

from __future__ import annotations

from jobkit import read_resume
from jobkit.model.document import Document


def text_doc(text: str, name: str = "resume.txt") -> Document:
    """A Document read from plain text, through the real text reader."""
    return read_resume(text.encode("utf-8"), name)
