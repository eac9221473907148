"""The multi-resume layer's data (no I/O): what a batch checks against, one resume's outcome, a stored batch.

Each is written to JSON and read back by the generic :func:`jobkit.model.schema.jsonable` and
:func:`jobkit.model.schema.from_jsonable`: the web queue stores a :class:`BatchTarget` as its JSON,
a stored result and a ``jobkit batch --jsonl`` line read back as a :class:`BatchLine`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from jobkit.errors import JobkitError
from jobkit.model.report_record import ReportRecord
from jobkit.model.rubric_results import RubricResult

BatchState = Literal["receiving", "queued", "running", "done", "interrupted", "failed"]


@dataclass(frozen=True)
class BatchTarget:
    """What every resume in a batch is checked against: a role id or posting text (exactly one; run_batch
    refuses others), the page target, federal rules and a program whose rubric each resume is judged by."""

    role: str | None = None
    job: str | None = None
    pages: int | None = None  # None: 1 page, or 2 under federal rules
    federal: bool | None = None  # None: federal rules for a USAJOBS, VA or IHS posting
    program: str | None = None  # a program's id (programs/<id>.toml)


@dataclass(frozen=True)
class BatchError:
    """Why one file could not be checked, as every worker (web or batch) reports it: a jobkit error's code and
    message (:mod:`jobkit.errors`), or ``image_only`` for a scan with no text. A JSON line written by hand
    without one of them reads with its default."""

    code: str = "error"
    message: str = "Could not be read."

    @classmethod
    def of(cls, exc: JobkitError) -> "BatchError":
        return cls(exc.code, exc.message)


UNREADABLE = BatchError(
    "image_only", "No text layer: an ATS sees a blank page. Export the original document to PDF or Word, not a scan.")
NOT_READ = BatchError()  # a result that holds neither a report nor an error


@dataclass(frozen=True)
class BatchLine:
    """One resume's outcome as JSON: a ``jobkit batch --jsonl`` line, and the payload the web's store keeps."""

    file: str
    report: ReportRecord | None = None  # without its lines
    error: BatchError | None = None
    rubric: RubricResult | None = None  # a program batch's verdicts on this resume


@dataclass
class BatchResult:
    """One resume's outcome in a running batch: its report (without lines) or its error, with its position."""

    index: int
    file: str
    report: ReportRecord | None = None
    error: BatchError | None = None
    seconds: float = 0.0
    rubric: RubricResult | None = None

    @property
    def ok(self) -> bool:
        return self.report is not None

    @property
    def problem(self) -> BatchError | None:
        """Why this resume has no scores (its error, or :data:`UNREADABLE` for a scan); None when it has them."""
        if self.report is None:
            return self.error or NOT_READ
        return UNREADABLE if self.report.unreadable else None

    @property
    def line(self) -> BatchLine:
        return BatchLine(self.file, self.report, self.error if self.report is None else None, self.rubric)


@dataclass(frozen=True)
class StoredBatch:
    """A batch as the web's queue keeps it: its target, its state and counts, its lease and its upload."""

    id: str
    created: float
    expires: float
    state: BatchState
    label: str
    target: BatchTarget
    include_contact: bool
    total: int = 0
    done: int = 0
    errors: int = 0
    message: str | None = None
    display: str | None = None  # the uploaded zip's name, for the pages
    owner: str | None = None  # the browser session's key
    upload_path: str | None = None  # where the zip waits for the runner
    lease_owner: str | None = None
    lease_expires: float | None = None
    consent_at: float | None = None  # when the advisor confirmed the students agreed (None: before it was asked)
    title: str | None = None  # the name the advisor gave the batch ("HIT 2027 cohort, fall")
