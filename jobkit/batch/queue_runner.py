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
and its work is done.
"""

from __future__ import annotations

import argparse
import logging
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from jobkit.batch.pipeline import BatchTarget, run_batch
from jobkit.batch.program_setup import stored_program
from jobkit.batch.inputs import zip_items
from jobkit.batch.store import BatchStore, sweep

log = logging.getLogger(__name__)
LEASE_SECONDS = 30.0
RENEW_EVERY = 5.0
POLL_SECONDS = 1.0
SWEEP_EVERY = 300.0


class Runner:
    """One runner process: holds the queue lease, claims batches, sweeps on a timer."""

    def __init__(self, database: str, *, retention_days: float = 7.0, workers: int = 2,
                 idle_exit: float | None = None, parent: int | None = None) -> None:
        self.store = BatchStore(database, retention_days)
        self.workers = workers
        self.idle_exit = idle_exit
        self.parent = parent
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"

    def _orphaned(self) -> bool:
        return self.parent is not None and os.getppid() != self.parent

    def run(self) -> None:
        """Work the queue until idle for ``idle_exit`` seconds (forever when None)."""
        if not self.store.hold_runner_lease(self.holder, LEASE_SECONDS):
            log.info("another batch runner holds the queue; leaving")
            return
        sweep(self.store)
        swept = idle_since = time.monotonic()
        try:
            while True:
                if not self.store.hold_runner_lease(self.holder, LEASE_SECONDS):
                    return  # a runner that lost its lease stops taking work
                if time.monotonic() - swept > SWEEP_EVERY:
                    sweep(self.store)
                    swept = time.monotonic()
                batch = self.store.claim_next(self.holder, LEASE_SECONDS)
                if batch is not None:
                    self.process(batch)
                    idle_since = time.monotonic()
                    continue
                idle = time.monotonic() - idle_since
                if self._orphaned() or (self.idle_exit is not None and idle > self.idle_exit):
                    return
                time.sleep(POLL_SECONDS)
        finally:
            self.store.release_runner_lease(self.holder)

    def _heartbeat(self, batch_id: str, stop: threading.Event) -> None:
        """Renew the batch's and the queue's leases on a timer, however long one step takes."""
        while not stop.wait(RENEW_EVERY):
            self.store.renew(batch_id, self.holder, LEASE_SECONDS)
            self.store.hold_runner_lease(self.holder, LEASE_SECONDS)

    def process(self, batch: dict[str, Any]) -> None:
        """Check every resume of one batch; the uploaded zip is deleted whatever happens."""
        stop = threading.Event()
        beat = threading.Thread(target=self._heartbeat, args=(batch["id"], stop), name="jobkit-lease", daemon=True)
        beat.start()
        try:
            self._run(batch)
        finally:
            stop.set()
            beat.join(RENEW_EVERY + 5)

    def _run(self, batch: dict[str, Any]) -> None:
        batch_id, path = batch["id"], batch["upload_path"]
        target = batch["target"]
        try:
            if not path or not os.path.exists(path):
                self.store.finish(batch_id, "failed", "The uploaded file was no longer there, so nothing was checked.",
                                  holder=self.holder)
                return
            items = list(zip_items(Path(path), display=batch["display"] or "upload.zip"))  # the archive is listed once
            self.store.start(batch_id, len(items), holder=self.holder)
            job = BatchTarget(role=target.get("role"), job=target.get("job"), target_pages=target.get("pages"),
                              federal=target.get("federal"), program=stored_program(target))
            for result in run_batch(items, job, workers=self.workers, include_contact=bool(batch["include_contact"])):
                self.store.add(batch_id, result)
            self.store.finish(batch_id, "done", holder=self.holder)
        except Exception as exc:  # noqa: BLE001 - record the failure; the page shows it
            log.error("batch %s failed: %s", batch_id[:6], type(exc).__name__)
            self.store.finish(batch_id, "failed", "The batch stopped unexpectedly; the results it finished are kept.",
                              holder=self.holder)
        finally:
            if path and os.path.exists(path):
                os.remove(path)


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
    parser.add_argument("--retention-days", type=float, default=7.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--idle-exit", type=float, default=None)
    parser.add_argument("--parent", type=int, default=None)
    options = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s jobkit-batch %(levelname)s %(message)s")
    Runner(options.database, retention_days=options.retention_days, workers=options.workers,
           idle_exit=options.idle_exit, parent=options.parent).run()


if __name__ == "__main__":
    main()
