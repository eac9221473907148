"""The background batch runner: works the queue of uploaded batches in SQLite.

Batches never run inside a web server's worker: a web timeout, a slow client
or a recycled worker would cut them off. The web app queues a batch (the zip
saved under the instance folder, a row in SQLite) and this runner, a process
of its own, claims it under a lease, checks every resume in its own process
pool and writes each result as it comes. ``jobkit worker`` runs it in the
foreground (for a service manager); the web app starts one by itself when it
queues a batch and no runner holds the lease, so ``flask --app app run`` and
``jobkit serve`` need nothing else. A runner started that way leaves once the
queue has been empty for a while, or once the server that started it is gone
and its work is done; ``jobkit worker`` never leaves: while another runner
holds the queue it waits for it.

Faults: a lock held by another process is waited out (busy timeout, then
retries with backoff) while the batch's lease holds; the lease is renewed by
a heartbeat thread (:mod:`jobkit.batch.heartbeat`) and once it runs out the
runner stops working on that batch, which the pages then show as interrupted.
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jobkit.batch.heartbeat import Heartbeat
from jobkit.batch.runs import run_batch
from jobkit.batch.inputs import ZipLimits, zip_items
from jobkit.batch.store import BatchStore, LeaseLost, sweep
from jobkit.config import DEFAULTS, Limits
from jobkit.errors import BatchStoreUnavailable, StorageFull
from jobkit.model.batches import StoredBatch

log = logging.getLogger(__name__)
LEASE_SECONDS = 30.0
RENEW_EVERY = 5.0
POLL_SECONDS = 1.0
SWEEP_EVERY = 60.0
STORE_RETRY_SECONDS = 1.0


class Runner:
    """One runner process: holds the queue lease, claims batches, sweeps on a timer.

    With ``wait`` (what ``jobkit worker`` does), a runner that finds another
    one holding the queue waits for it, sweeping meanwhile, instead of
    leaving, so a service manager's restart policy never loops. ``stop``
    ends :meth:`run` once set (anything with ``is_set()`` and ``wait(seconds)``). ``limits`` (read from
    the environment once, when not given) apply to every file of every batch.
    """

    def __init__(self, database: str, *, retention_days: float = DEFAULTS.batch_retention_days,
                 workers: int = DEFAULTS.batch_workers, idle_exit: float | None = None, parent: int | None = None,
                 wait: bool = False, lease_seconds: float | None = None, stop: Any = None,
                 limits: Limits | None = None) -> None:
        self.store = BatchStore(database, retention_days)
        self.workers = workers
        self.limits = limits or Limits.from_env()
        self.idle_exit = idle_exit
        self.parent = parent
        self.wait = wait
        self.lease = lease_seconds or LEASE_SECONDS
        self.renew_every = min(RENEW_EVERY, self.lease / 6)
        self.stop = stop if stop is not None else threading.Event()
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
        self.queue_until = 0.0  # when this runner's hold on the queue ends unless renewed (store clock)
        self.swept = -math.inf

    def _orphaned(self) -> bool:
        return self.parent is not None and os.getppid() != self.parent

    def run(self) -> None:
        """Work the queue until idle for ``idle_exit`` seconds (forever when None), or until ``stop`` is set."""
        waiting = False
        while not self.stop.is_set():
            if self._hold_queue():
                waiting = False
                if self._work():
                    return
            elif not self.wait:
                log.info("another batch runner holds the queue; leaving")
                return
            else:
                if not waiting:
                    log.info("another batch runner holds the queue; waiting for it")
                    waiting = True
                self._sweep_when_due()
                self.stop.wait(self.renew_every)

    def _work(self) -> bool:
        """Claim and process batches while this runner holds the queue: True when it is done (idle, orphaned,
        stopped), False when it lost the queue's lease."""
        idle_since = time.monotonic()
        try:
            while not self.stop.is_set():
                self._sweep_when_due()
                batch = self._claim()
                if batch is not None:
                    self.process(batch)
                    idle_since = time.monotonic()
                elif self._orphaned() or self._idle_since(idle_since):
                    return True
                else:
                    self.stop.wait(POLL_SECONDS)
                if not self._hold_queue():
                    return False  # a runner that lost its lease stops taking work
            return True
        finally:
            self._quietly(self.store.release_runner_lease, self.holder)

    def _idle_since(self, moment: float) -> bool:
        return self.idle_exit is not None and time.monotonic() - moment > self.idle_exit

    def _hold_queue(self) -> bool:
        """Take or renew the queue's lease; a store that is busy or failing keeps the hold until it runs out."""
        try:
            held = self.store.hold_runner_lease(self.holder, self.lease)
        except (BatchStoreUnavailable, StorageFull) as exc:
            log.warning("could not renew the queue's lease (%s); trying again", exc.code)
            return self.store.clock() < self.queue_until
        if held:
            self.queue_until = self.store.clock() + self.lease
        return held

    def _claim(self) -> StoredBatch | None:
        return self._quietly(self.store.claim_next, self.holder, self.lease)  # type: ignore[no-any-return]

    def _sweep_when_due(self) -> None:
        """Expired batches, stale leases and orphan uploads, every SWEEP_EVERY seconds, whoever holds the queue."""
        if time.monotonic() - self.swept >= SWEEP_EVERY:
            self.swept = time.monotonic()
            self._quietly(sweep, self.store)

    def _quietly(self, action: Callable[..., Any], *args: Any) -> Any:
        """A store operation whose failure is logged (its code, never data) and left for the next round."""
        try:
            return action(*args)
        except (BatchStoreUnavailable, StorageFull) as exc:
            log.warning("batch store: %s; trying again later", exc.code)
            return None

    def process(self, batch: StoredBatch) -> None:
        """Check every resume of one batch under its lease; the uploaded zip is deleted whatever happens."""
        with Heartbeat(self.store, batch.id, self.holder, self.lease, batch.lease_expires or 0.0,
                       self.renew_every) as lease:
            self._run(batch, lease)

    def _run(self, batch: StoredBatch, lease: Heartbeat) -> None:
        """Check the batch and end it: done, failed, or interrupted when this runner lost its lease."""
        path = batch.upload_path
        try:
            state, message = self._outcome(batch, lease)
            if not self._hold(lease, self.store.finish, batch.id, state, message, self.holder):
                raise LeaseLost(batch.id)
        except LeaseLost:
            log.warning("batch %s: stopped, this runner no longer holds it", batch.id[:6])
            self._quietly(self.store.mark_stale)  # the pages already show it interrupted; now the file says so
        finally:
            if path and os.path.exists(path):
                os.remove(path)

    def _outcome(self, batch: StoredBatch, lease: Heartbeat) -> tuple[str, str | None]:
        path = batch.upload_path
        if not path or not os.path.exists(path):
            return "failed", "The uploaded file was no longer there, so nothing was checked."
        try:
            self._check_all(batch, Path(path), lease)
        except LeaseLost:
            raise
        except Exception as exc:  # noqa: BLE001 - record the failure; the page shows it
            log.error("batch %s failed: %s", batch.id[:6], type(exc).__name__)
            return "failed", "The batch stopped unexpectedly; the results it finished are kept."
        return "done", None

    def _check_all(self, batch: StoredBatch, path: Path, lease: Heartbeat) -> None:
        limits = ZipLimits.for_limits(self.limits)
        items = list(zip_items(path, limits, display=batch.display or "upload.zip"))  # the archive is listed once
        self._hold(lease, self.store.start, batch.id, len(items), self.holder)
        results = run_batch(items, batch.target, workers=self.workers, include_contact=batch.include_contact,
                            limits=self.limits)
        try:
            for result in results:
                self._hold(lease, self.store.add, batch.id, result, self.holder)
        finally:
            getattr(results, "close", lambda: None)()  # a lost lease stops the pool's work at once

    def _hold(self, lease: Heartbeat, write: Callable[..., Any], batch_id: str, *args: Any) -> Any:
        """One write to the batch under its lease. A store that is busy or failing is tried again while the lease
        holds (LeaseLost once it ran out), for one lease's length at most (then its error stands)."""
        give_up = self.store.clock() + self.lease
        while True:
            lease.check()
            try:
                return write(batch_id, *args)
            except (BatchStoreUnavailable, StorageFull) as exc:
                if self.store.clock() >= give_up:
                    raise
                log.warning("could not write to batch %s (%s); trying again", batch_id[:6], exc.code)
                time.sleep(STORE_RETRY_SECONDS)


def spawn_runner(database: str, *, retention_days: float, workers: int, idle_exit: float) -> None:
    """Start a runner process beside this server (it outlives a request, never a finished queue)."""
    args = [sys.executable, "-m", "jobkit.batch.queue_runner", "--database", database,
            "--retention-days", str(retention_days), "--workers", str(workers), "--idle-exit", str(idle_exit),
            "--parent", str(os.getpid())]
    subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, start_new_session=True,
                     close_fds=True)


def ensure_runner(store: BatchStore, *, workers: int, idle_exit: float) -> bool:
    """Start a runner unless one holds the queue's lease; True when one was started."""
    if store.runner_alive():
        return False
    spawn_runner(store.path, retention_days=store.retention / 86400, workers=workers, idle_exit=idle_exit)
    return True


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m jobkit.batch.queue_runner", description=__doc__.split("\n")[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--retention-days", type=float, default=DEFAULTS.batch_retention_days)
    parser.add_argument("--workers", type=int, default=DEFAULTS.batch_workers)
    parser.add_argument("--idle-exit", type=float, default=None)
    parser.add_argument("--parent", type=int, default=None)
    options = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s jobkit-batch %(levelname)s %(message)s")
    Runner(options.database, retention_days=options.retention_days, workers=options.workers,
           idle_exit=options.idle_exit, parent=options.parent).run()


if __name__ == "__main__":
    main()
