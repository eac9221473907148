"""Retention without a runner: the web app sweeps the batch store before requests, once a minute per process.

Expired batches are deleted with their text overwritten in the file, batches
whose runner is gone are marked interrupted and orphan zips are removed,
whether or not a batch runner is running and however long the server has
been up (``jobkit worker`` sweeps on the same schedule). Nothing is done at
start-up: a batch database that cannot be opened must not stop the site.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from typing import Any

from flask import current_app

from jobkit.batch.store import sweep
from jobkit.errors import JobkitError
from jobkit.web.batch_pages import open_store

SWEEP_EVERY = 60.0  # seconds between sweeps in one server process
log = logging.getLogger("jobkit.web")


def init_sweeps(app: Any) -> None:
    """Sweep before requests, at most once a minute per process."""
    app.extensions["jobkit_sweep"] = {"due": -math.inf, "lock": threading.Lock()}
    app.before_request(sweep_when_due)


def sweep_when_due() -> None:
    """Sweep when a minute has passed since this process last did: a clock check on every other request.

    The sweep's store gives up at once on another process's lock (it is tried
    again a minute later), and a failure is logged, never passed on to the request.
    """
    state = current_app.extensions["jobkit_sweep"]
    now = (current_app.config.get("JOBKIT_CLOCK") or time.time)()
    if now < state["due"] or not state["lock"].acquire(blocking=False):
        return
    try:
        state["due"] = now + SWEEP_EVERY
        sweep(open_store("jobkit_sweeper", busy_seconds=0.2, lock_retries=0))
    except JobkitError as exc:
        log.warning("batch sweep skipped: %s", exc.message)  # names the file and the fix; never resume data
    except Exception as exc:  # noqa: BLE001 - a sweep never fails someone's request
        log.error("batch sweep failed: %s", type(exc).__name__)
    finally:
        state["lock"].release()
