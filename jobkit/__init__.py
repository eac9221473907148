"""jobkit: read a resume the way an applicant tracking system does, and check it
against Medical Records Technician jobs.

The public names are imported on first use (PEP 562), so ``import jobkit``
and the ``jobkit`` command start quickly and load only what they need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "Contact": "jobkit.document",
    "Document": "jobkit.document",
    "Finding": "jobkit.document",
    "Line": "jobkit.document",
    "Section": "jobkit.document",
    "JobkitError": "jobkit.errors",
    "Limits": "jobkit.config",
    "read_resume": "jobkit.readers",
    "check_resume": "jobkit.check",
    "check_document": "jobkit.check",
    "Report": "jobkit.report",
    "list_roles": "jobkit.keywords",
    "load_role": "jobkit.keywords",
    "load_glossary": "jobkit.keywords",
    "posting_from_text": "jobkit.target",
    "posting_from_file": "jobkit.target",
    "list_sets": "jobkit.questions",
    "load_set": "jobkit.questions",
    "draw_round": "jobkit.questions",
    "questions_for_gaps": "jobkit.questions",
    "review_answer": "jobkit.answers",
    "run_batch": "jobkit.batch",
    "BatchTarget": "jobkit.batch",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:
    from .answers import review_answer
    from .batch import BatchTarget, run_batch
    from .check import check_document, check_resume
    from .config import Limits
    from .document import Contact, Document, Finding, Line, Section
    from .errors import JobkitError
    from .keywords import list_roles, load_glossary, load_role
    from .questions import draw_round, list_sets, load_set, questions_for_gaps
    from .readers import read_resume
    from .report import Report
    from .target import posting_from_file, posting_from_text


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'jobkit' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
