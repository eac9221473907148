"""The one process-pool factory, used by the web app and by batch.

Each check runs in a worker process with a memory cap (RLIMIT_AS, the one
JOBKIT_MAX_MEMORY_MB sets for every way in: see :mod:`jobkit.memory`), a
CPU-time backstop (RLIMIT_CPU, set per task) and the reader's own CPU-time
budget. The pool is pebble's ``ProcessPool``: every task has its own
wall-clock timeout, and a task that overruns or kills its worker costs only
that worker, which is replaced; the other workers' checks, other users'
uploads among them, go on untouched. Workers are also replaced after a number
of tasks (like gunicorn's ``--max-requests``), so whatever a long run of odd
files leaves behind in one (a fragmented heap, pdfminer's caches) is given
back.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FuturesTimeout
from typing import Any

from jobkit.config import Limits, max_memory_mb
from jobkit.read.deadline import wall_bound
from jobkit.errors import CorruptDocument, ReadTimeout

log = logging.getLogger(__name__)
DEFAULT_TASKS_PER_WORKER = 200
# Seconds on top of the wall guard before the parent gives up on a task and kills its worker.
WALL_MARGIN = 10.0


def task_timeout(limits: Limits | None = None) -> float:
    """Wall-clock seconds a task may take: the reader's wall guard plus a margin."""
    budget = (limits or Limits.from_env()).time_budget
    return wall_bound(budget) + WALL_MARGIN


def init_worker(memory_mb: int | None) -> None:
    """Cap the worker's memory (never above a lower limit it inherited); a file that needs more fails on its own."""
    from jobkit.memory import lower_memory_limit

    lower_memory_limit(memory_mb)


def _context() -> Any:
    context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
    if hasattr(context, "set_forkserver_preload"):
        context.set_forkserver_preload(["jobkit.pipeline"])
    return context


class WorkerPool:
    """A process pool whose tasks time out alone."""

    def __init__(self, workers: int | None = None, timeout: float | None = None,
                 memory_mb: int | None = None, tasks_per_worker: int = DEFAULT_TASKS_PER_WORKER) -> None:
        """``memory_mb``: each worker's cap; None (the default) for JOBKIT_MAX_MEMORY_MB, 0 for none."""
        self.workers = workers or os.cpu_count() or 1
        self.timeout = timeout if timeout is not None else task_timeout()
        self.memory_mb = max_memory_mb() if memory_mb is None else memory_mb
        self.tasks_per_worker = tasks_per_worker
        self._pool: Any = None
        self._lock = threading.Lock()

    def _executor(self) -> Any:
        with self._lock:
            if self._pool is None:
                from pebble import ProcessPool

                self._pool = ProcessPool(self.workers, max_tasks=self.tasks_per_worker, initializer=init_worker,
                                         initargs=(self.memory_mb,), context=_context())
            return self._pool

    def submit(self, fn: Any, *args: Any) -> Future[Any]:
        """Schedule ``fn(*args)``; its future fails with TimeoutError after :attr:`timeout` seconds."""
        return self._executor().schedule(fn, args=args, timeout=self.timeout)  # type: ignore[no-any-return]

    def call(self, fn: Any, *args: Any) -> Any:
        """Run ``fn(*args)`` in a worker; raise ReadTimeout or CorruptDocument if it overruns or dies."""
        return outcome(self.submit(fn, *args), self.timeout)

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.stop()
            pool.join(timeout=5)


def outcome(future: Future[Any], timeout: float) -> Any:
    """A task's result, with a timeout or a dead worker turned into a typed jobkit error."""
    from pebble import ProcessExpired

    try:
        return future.result()
    except FuturesTimeout:
        log.warning("a worker exceeded %.0f s and was replaced", timeout)
        raise ReadTimeout(f"Checking the file took longer than {timeout:g} s and was stopped.") from None
    except ProcessExpired:
        log.warning("a worker died and was replaced")
        raise CorruptDocument("The file crashed the reader, so it was not checked. Save it again and retry.") from None
