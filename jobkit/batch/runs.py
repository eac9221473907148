"""Batch checks: many resumes against one role or posting, on any executor.

:func:`run_batch` yields one :class:`BatchResult` per resume as checks
finish. Work goes to any ``concurrent.futures.Executor``: a local process
pool by default, or a Dask cluster's executor. At most a few tasks per
worker are in flight, so memory stays flat however many files there are.
Each file is isolated: a bad or hostile file becomes an error row and the
batch goes on. In jobkit's own pool (:mod:`jobkit.workers`) a task that
overruns its wall-clock limit costs only its worker; with another executor
the parent gives up on the task and records a timeout for it.
"""

from __future__ import annotations

import os
import time
import zipfile
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from concurrent.futures import TimeoutError as FuturesTimeout
from functools import lru_cache
from typing import Any

from jobkit.batch.inputs import BatchItem, ZipLimits, collect, first_of_each, read_zip_member
from jobkit.batch.rubric import document_lines, evaluate
from jobkit.config import Limits
from jobkit.data.programs import Program, load_program
from jobkit.errors import CorruptDocument, InternalError, JobkitError, ReadTimeout, WorkerFailed
from jobkit.read.deadline import bounded_check
from jobkit.model.redaction import contact_values, redact
from jobkit.model.batches import BatchError, BatchResult, BatchTarget
from jobkit.model.report_record import ReportRecord
from jobkit.model.rubric_results import RubricResult
from jobkit.workers import WorkerPool, task_timeout
from jobkit.read.zip_errors import ZIP_ERRORS

__all__ = ["BatchResult", "BatchTarget", "run_batch"]


@lru_cache(maxsize=8)
def _target(role: str | None, job: str | None) -> Any:
    """Resolved once per worker process (a posting is parsed once, not per resume)."""
    from jobkit.match.target import resolve_target

    return resolve_target(role, job)


def check_one(data: bytes, name: str, target: BatchTarget, include_contact: bool, limits: Limits,
              program: Program | None = None) -> tuple[str, Any]:
    """Worker entry: never raises; returns ("ok", (ReportRecord, rubric or None)) or ("error", BatchError).

    Without ``include_contact``, contact details are taken out of the record
    wherever it quotes them (:func:`jobkit.model.redaction.without_contact`).
    ``program`` is the target's program, loaded by the parent and sent with each
    task (a worker may have started before a data folder was chosen); its rubric is
    judged here, while the resume's lines are at hand, and redacted the same way. ``limits`` travel with
    each task (the PDF engine among them): a worker may have started before the batch's settings were read.
    """
    from jobkit.pipeline import check_resume

    try:
        with bounded_check(limits, name):
            report = check_resume(data, target=_target(target.role, target.job), filename=name, limits=limits,
                                  target_pages=target.pages, federal=target.federal)
        record = report.to_record(include_contact=include_contact)
        secrets = () if include_contact else contact_values(report.document.contact)
        return "ok", (record, _rubric(program, record, report.document, secrets))
    except JobkitError as exc:  # the memory cap reached too (bounded_check)
        return "error", BatchError.of(exc)
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop a batch of thousands
        return "error", BatchError.of(InternalError(f"Unexpected {type(exc).__name__} while checking this file."))


def _rubric(program: Program | None, record: ReportRecord, document: Any,
            secrets: tuple[str, ...]) -> RubricResult | None:
    if program is None or record.unreadable:
        return None
    return redact(evaluate(program, record, document_lines(document)), secrets)


def default_executor(workers: int | None = None) -> WorkerPool:
    """jobkit's own process pool, sized to the machine (or to ``workers``)."""
    return WorkerPool(workers)


class _Reader:
    """Reads items one at a time, keeping the current zip archive open.

    Zip members are inflated in bounded chunks by their entry's position
    (:func:`jobkit.batch.inputs.read_zip_member`), never with ``ZipFile.read``,
    which inflates up to 1 GB before checking a member's declared size.
    """

    def __init__(self) -> None:
        self._path: str | None = None
        self._archive: zipfile.ZipFile | None = None

    def read(self, item: BatchItem) -> bytes:
        if item.member is None:
            return item.read()
        if item.path != self._path:
            self.close()
            self._archive, self._path = zipfile.ZipFile(item.path), item.path  # type: ignore[arg-type]
        assert self._archive is not None
        return read_zip_member(self._archive, item)

    def close(self) -> None:
        if self._archive is not None:
            self._archive.close()
        self._archive, self._path = None, None


def _workers(executor: Any) -> int:
    """How many tasks the executor runs at once: pool size, or a Dask cluster's thread count."""
    if isinstance(executor, WorkerPool):
        return executor.workers
    client = getattr(executor, "_client", None)
    if client is not None:
        try:
            return max(1, sum(client.nthreads().values()))
        except Exception:  # noqa: BLE001 - an unreachable scheduler shows up when tasks fail
            return os.cpu_count() or 2
    return getattr(executor, "_max_workers", None) or os.cpu_count() or 2


class _Pool:
    """The executor in use: jobkit's own pool unless one is given."""

    def __init__(self, executor: Executor | None, workers: int | None = None, timeout: float | None = None) -> None:
        self.own = executor is None
        self.executor: Any = executor or WorkerPool(workers, timeout=timeout)

    def submit(self, *args: Any) -> Future[Any]:
        return self.executor.submit(*args)  # type: ignore[no-any-return]

    def close(self) -> None:
        if self.own:
            self.executor.close()


def run_batch(
    inputs: Iterable[str | os.PathLike[str]] | Iterable[BatchItem],
    target: BatchTarget,
    executor: Executor | None = None,
    *,
    include_contact: bool = False,
    per_file_timeout: float | None = None,
    zip_limits: ZipLimits | None = None,
    workers: int | None = None,
    limits: Limits | None = None,
) -> Iterator[BatchResult]:
    """Check every resume under ``inputs``; yield results as they finish.

    ``executor`` is any ``concurrent.futures.Executor`` (a Dask cluster's
    ``client.get_executor()`` works); by default a process pool sized to the
    machine, or to ``workers``. ``limits`` (by default from the environment) apply to every file, and
    their ``max_bytes`` to every zip member. The target's program is loaded here, once, and sent with each task.
    """
    if (target.role is None) == (target.job is None):
        raise ValueError("A batch needs exactly one of a role or a job posting.")
    limits = limits or Limits.from_env()
    program = load_program(target.program) if target.program else None
    task = (target, include_contact, limits, program)  # check_one's arguments after the file
    zip_limits = zip_limits or ZipLimits.for_limits(limits)
    timeout = per_file_timeout or task_timeout(limits)
    pool = _Pool(executor, workers, timeout)
    window = 3 * _workers(pool.executor)
    reader = _Reader()
    pending: dict[Future[Any], tuple[int, str, float]] = {}
    try:
        for index, item in enumerate(_items(inputs, zip_limits)):
            early = _submit(pool, reader, item, index, task, pending)
            if early is not None:
                yield early
            while len(pending) >= window:
                yield from _collect(pending, None if pool.own else timeout)
        while pending:
            yield from _collect(pending, None if pool.own else timeout)
    finally:
        reader.close()
        for future in pending:
            future.cancel()
        pool.close()


def _items(inputs: Iterable[Any], limits: ZipLimits) -> Iterator[BatchItem]:
    buffered = list(inputs) if not isinstance(inputs, Iterator) else inputs
    for value in first_of_each(buffered):  # the same zip given twice is one cohort, checked once
        if isinstance(value, BatchItem):
            yield value
        else:
            yield from collect([value], limits)


def _submit(
    pool: _Pool, reader: _Reader, item: BatchItem, index: int, task: tuple[Any, ...],
    pending: dict[Future[Any], tuple[int, str, float]],
) -> BatchResult | None:
    if item.error is not None:
        return BatchResult(index, item.name, error=BatchError.of(item.error))
    try:
        data = reader.read(item)
    except JobkitError as exc:  # a member that lies about its size, or an archive past its budget
        return BatchResult(index, item.name, error=BatchError.of(exc))
    except ZIP_ERRORS as exc:
        return BatchResult(index, item.name, error=BatchError.of(CorruptDocument(f"Could not read the file ({exc}).")))
    # The member's own name: item.name of a duplicate ends in "(duplicate 2)", which would hide its suffix.
    filename = os.path.basename(item.member or item.name)
    pending[pool.submit(check_one, data, filename, *task)] = (index, item.name, time.monotonic())
    return None


def _collect(pending: dict[Future[Any], tuple[int, str, float]], timeout: float | None) -> Iterator[BatchResult]:
    """Finished results; with another executor (``timeout`` set), tasks overrunning it become timeouts.

    jobkit's own pool times each task from when it starts in a worker and kills only that worker.
    """
    done, _ = wait(list(pending), timeout=1.0, return_when=FIRST_COMPLETED)
    now = time.monotonic()
    for future in done:
        index, name, started = pending.pop(future)
        yield _result(future, index, name, now - started)
    for future, (index, name, started) in list(pending.items()):
        if timeout is not None and now - started > timeout:
            future.cancel()
            del pending[future]
            overran = ReadTimeout(f"Checking this file took longer than {timeout:g} s.")
            yield BatchResult(index, name, error=BatchError.of(overran))


def _result(future: Future[Any], index: int, name: str, seconds: float) -> BatchResult:
    try:
        status, payload = future.result()
    except FuturesTimeout:
        stopped = ReadTimeout("Checking this file took too long and was stopped.")
        return BatchResult(index, name, error=BatchError.of(stopped), seconds=seconds)
    except Exception as exc:  # noqa: BLE001 - a dead worker or a lost Dask task is this file's error
        failed = WorkerFailed(f"The worker checking this file failed ({type(exc).__name__}).")
        return BatchResult(index, name, error=BatchError.of(failed), seconds=seconds)
    if status == "ok":
        record, rubric = payload
        return BatchResult(index, name, report=record, seconds=seconds, rubric=rubric)
    return BatchResult(index, name, error=payload, seconds=seconds)
