"""A runner's hold on one batch: its lease, renewed on a timer by a thread that never dies silently.

The lease ends at ``expires`` unless renewed first. A renewal that fails
(another process holds the database locked, the file went away) is logged
and tried again at the next beat; once the lease's end has passed without a
renewal the lease is **lost**: the web pages already show the batch as
interrupted, so the runner must stop working on it. The store checks the
lease again inside every write, so nothing lands after the loss even if the
runner was paused at the worst moment.
"""

from __future__ import annotations

import logging
import threading
from types import TracebackType
from typing import TYPE_CHECKING

from jobkit.batch.store import LeaseLost

if TYPE_CHECKING:
    from jobkit.batch.store import BatchStore

log = logging.getLogger("jobkit.batch.queue_runner")
RETRY_SECONDS = 0.5  # after a renewal that met a lock or an error


class Heartbeat:
    """``with Heartbeat(...) as lease:`` renews the batch's lease (and the queue's) every ``every`` seconds."""

    def __init__(self, store: "BatchStore", batch_id: str, holder: str, seconds: float, expires: float,
                 every: float) -> None:
        self.store, self.batch_id, self.holder = store, batch_id, holder
        self.seconds, self.expires, self.every = seconds, expires, every
        self.lost = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name="jobkit-lease", daemon=True)

    def __enter__(self) -> "Heartbeat":
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._stop.set()
        self._thread.join(self.every + 1)

    def check(self) -> None:
        """Raise LeaseLost once the lease is lost or its end has passed (the beat may be stuck behind a lock)."""
        if self.lost.is_set() or self.store.clock() >= self.expires:
            self._lose()
            raise LeaseLost(self.batch_id)

    def _beat(self) -> None:
        wait = self.every
        while not self._stop.wait(wait):
            renewed = self.renew()
            if renewed is None:
                return
            wait = self.every if renewed else min(self.every, RETRY_SECONDS)

    def renew(self) -> bool | None:
        """One renewal of the batch's lease, then of the queue's: True when renewed, False when it could not be
        renewed yet (tried again soon), None once the batch's lease is lost. Never raises."""
        try:
            expires = self.store.renew(self.batch_id, self.holder, self.seconds)
        except Exception as exc:  # noqa: BLE001 - a heartbeat that died would lose the lease without a word
            if self._stop.is_set():
                return None  # the batch ended while this renewal waited for a lock
            log.warning("could not renew the lease on batch %s (%s); trying again", self.batch_id[:6],
                        getattr(exc, "code", type(exc).__name__))
            if self.store.clock() < self.expires:
                return False
            expires = None
        if expires is None:
            self._lose()
            return None
        self.expires = expires
        try:
            self.store.hold_runner_lease(self.holder, self.seconds)
        except Exception as exc:  # noqa: BLE001 - the main loop renews the queue's lease too
            log.warning("could not renew the queue's lease (%s); trying again",
                        getattr(exc, "code", type(exc).__name__))
        return True

    def _lose(self) -> None:
        if self.lost.is_set():
            return
        self.lost.set()
        if not self._stop.is_set():  # after the batch ended, a renewal that finds it done is no news
            log.warning("the lease on batch %s ran out before it could be renewed; this runner stops working on it",
                        self.batch_id[:6])
