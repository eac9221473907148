"""Worker entries: what runs inside a worker process for one upload.

The pool itself is :mod:`jobkit.workers`. Results come back as the report's
``ReportRecord`` (with its lines), errors as a :class:`~jobkit.model.batches.BatchError`
(the batch worker's shape too), re-raised in the caller as the same jobkit error types.
"""

from __future__ import annotations

from typing import Any

from jobkit import errors
from jobkit.config import Limits
from jobkit.read.deadline import bounded_check
from jobkit.errors import JobkitError
from jobkit.model.batches import BatchError
from jobkit.model.report_record import ReportRecord
from jobkit.workers import WorkerPool, outcome

_ERRORS = {cls.code: cls for cls in vars(errors).values() if isinstance(cls, type) and issubclass(cls, JobkitError)}


def check_job(data: bytes, filename: str, role: str | None, job: str | None, target_pages: int | None,
              federal: bool | None = None, limits: Limits | None = None, apply_link: str | None = None) -> tuple[str, Any]:
    """Worker entry: check one upload with the app's ``limits`` (sent along: a worker does not read settings);
    never raises."""
    from jobkit.pipeline import check_resume

    try:
        with bounded_check(limits, filename):
            report = check_resume(data, role=role, job=job, filename=filename, target_pages=target_pages,
                                  federal=federal, limits=limits, apply_link=apply_link)
        return "ok", report.to_record(include_text=True)
    except JobkitError as exc:  # the memory cap reached too (bounded_check)
        return "error", BatchError.of(exc)


def raise_error(error: BatchError) -> None:
    raise _ERRORS.get(error.code, JobkitError)(error.message)


def check_upload(pool: WorkerPool, data: bytes, filename: str, role: str | None, job: str | None,
                 target_pages: int | None = None, federal: bool | None = None,
                 limits: Limits | None = None, apply_link: str | None = None) -> ReportRecord:
    """Check one upload in ``pool``; the report, or the typed error raised here."""
    task = pool.submit(check_job, data, filename, role, job, target_pages, federal, limits, apply_link)
    status, payload = outcome(task, pool.timeout)
    if status == "error":
        raise_error(payload)
    return payload  # type: ignore[no-any-return]
