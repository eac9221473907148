"""jobkit: read a resume the way an applicant tracking system does, and check it
against Medical Records Technician jobs.

The public names are imported on first use (PEP 562), so ``import jobkit``
and the ``jobkit`` command start quickly and load only what they need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "Contact": "jobkit.model.document",
    "Document": "jobkit.model.document",
    "Finding": "jobkit.model.document",
    "Line": "jobkit.model.document",
    "Section": "jobkit.model.document",
    "JobkitError": "jobkit.errors",
    "Limits": "jobkit.config",
    "read_resume": "jobkit.read",
    "check_resume": "jobkit.pipeline",
    "check_document": "jobkit.pipeline",
    "Report": "jobkit.pipeline",
    "list_roles": "jobkit.data.keywords",
    "load_role": "jobkit.data.keywords",
    "load_glossary": "jobkit.data.keywords",
    "posting_from_text": "jobkit.match.target",
    "posting_from_file": "jobkit.match.target",
    "list_sets": "jobkit.data.questions",
    "load_set": "jobkit.data.questions",
    "draw_round": "jobkit.data.questions",
    "questions_for_gaps": "jobkit.data.questions",
    "review_answer": "jobkit.answers",
    "run_batch": "jobkit.batch.runs",
    "BatchTarget": "jobkit.batch.runs",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:
    from jobkit.answers import review_answer
    from jobkit.batch.runs import BatchTarget, run_batch
    from jobkit.pipeline import check_document, check_resume
    from jobkit.config import Limits
    from jobkit.model.document import Contact, Document, Finding, Line, Section
    from jobkit.errors import JobkitError
    from jobkit.data.keywords import list_roles, load_glossary, load_role
    from jobkit.data.questions import draw_round, list_sets, load_set, questions_for_gaps
    from jobkit.read import read_resume
    from jobkit.pipeline import Report
    from jobkit.match.target import posting_from_file, posting_from_text


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'jobkit' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
