"""Run checks in worker processes, so a hostile file cannot hang or crash the caller.

Inside the worker the reader's own budget (``SIGALRM`` on the worker's main
thread) stops runaway parsing; the parent also waits no longer than the
budget plus a margin and kills the workers if they do not answer. Workers
run under an address-space limit so a file that explodes in memory fails
alone. Results come back as plain dictionaries (the report's ``to_dict``),
errors as (code, message) pairs re-raised as the same jobkit error types.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from . import errors
from .config import Limits
from .errors import CorruptDocument, JobkitError, ReadTimeout

log = logging.getLogger(__name__)
DEFAULT_MEMORY_MB = 1536
TOO_MUCH_MEMORY = "The file needs too much memory to read."
# A worker is replaced after this many checks (like gunicorn's --max-requests), so whatever a long
# run of odd files leaves behind in a worker (fragmented heap, pdfminer's caches) is given back.
DEFAULT_TASKS_PER_WORKER = 200
_ERRORS = {cls.code: cls for cls in vars(errors).values() if isinstance(cls, type) and issubclass(cls, JobkitError)}


def _init_worker(memory_mb: int | None) -> None:
    """Cap the worker's memory; a file that needs more fails on its own."""
    if memory_mb:
        try:
            import resource

            limit = memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ImportError, ValueError, OSError):  # not Unix, or a lower hard limit already
            pass


def check_job(data: bytes, filename: str, role: str | None, job: str | None, target_pages: int) -> tuple[str, Any]:
    """Worker entry: check one upload; never raises."""
    from .check import check_resume

    try:
        report = check_resume(data, role=role, job=job, filename=filename, target_pages=target_pages)
        return "ok", report.to_dict(include_text=True)
    except JobkitError as exc:
        return "error", (exc.code, exc.message)
    except MemoryError:
        return "error", (CorruptDocument.code, TOO_MUCH_MEMORY)


def raise_error(code: str, message: str) -> None:
    raise _ERRORS.get(code, JobkitError)(message)


class WorkerPool:
    """A small, self-healing process pool with a hard deadline per call."""

    def __init__(self, workers: int = 2, timeout: float | None = None, memory_mb: int | None = DEFAULT_MEMORY_MB,
                 tasks_per_worker: int = DEFAULT_TASKS_PER_WORKER) -> None:
        self.workers = workers
        self.timeout = timeout if timeout is not None else Limits.from_env().time_budget + 10
        self.memory_mb = memory_mb
        self.tasks_per_worker = tasks_per_worker
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
                if hasattr(context, "set_forkserver_preload"):
                    context.set_forkserver_preload(["jobkit.check"])
                self._pool = ProcessPoolExecutor(
                    self.workers, mp_context=context, initializer=_init_worker, initargs=(self.memory_mb,),
                    max_tasks_per_child=self.tasks_per_worker,
                )
            return self._pool

    def call(self, fn: Any, *args: Any) -> Any:
        """Run ``fn(*args)`` in a worker; raise ReadTimeout or CorruptDocument if it hangs or dies."""
        future = self._executor().submit(fn, *args)
        try:
            return future.result(timeout=self.timeout)
        except FuturesTimeout:
            log.warning("a worker exceeded %.0f s; restarting the pool", self.timeout)
            self.reset(kill=True)
            raise ReadTimeout(f"Checking the file took longer than {self.timeout:g} s and was stopped.") from None
        except BrokenProcessPool:
            log.warning("a worker died; restarting the pool")
            self.reset()
            raise CorruptDocument("The file crashed the reader, so it was not checked. Save it again and retry.") from None

    def check(self, data: bytes, filename: str, role: str | None, job: str | None, target_pages: int = 1) -> dict[str, Any]:
        status, payload = self.call(check_job, data, filename, role, job, target_pages)
        if status == "error":
            raise_error(*payload)
        return payload  # type: ignore[no-any-return]

    def reset(self, kill: bool = False) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is None:
            return
        if kill:
            # The executor has no public way to stop a running task; end its processes.
            for process in list(getattr(pool, "_processes", {}).values()):
                process.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        self.reset()
