"""jobkit: read a resume the way an applicant tracking system does, and check it
against Medical Records Technician jobs."""

from __future__ import annotations

from .config import Limits
from .document import Contact, Document, Finding, Line, Section
from .errors import JobkitError
from .readers import read_resume

__version__ = "0.1.0"

__all__ = [
    "Contact",
    "Document",
    "Finding",
    "JobkitError",
    "Limits",
    "Line",
    "Section",
    "read_resume",
]
