"""Time budgets for reading, so a hostile file cannot hang the caller.

Two mechanisms work together:

* :class:`Deadline` is checked by the readers between pages, parts and
  paragraphs. It works on every thread but cannot stop a single runaway page.
* :func:`time_limit` arms ``SIGALRM`` when running on the main thread of a
  Unix process (the CLI, batch and web worker processes). The alarm raises
  inside pdfminer's interpreter loop, so even one looping content stream ends.

The alarm raises a ``BaseException`` subclass so that library code with a broad
``except Exception`` cannot swallow it; :func:`time_limit` turns it into
:class:`~jobkit.errors.ReadTimeout`.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import ReadTimeout


class _Alarm(BaseException):
    """Raised by the SIGALRM handler; never escapes :func:`time_limit`."""


class Deadline:
    """A point in time after which cooperative checks raise ReadTimeout."""

    def __init__(self, seconds: float, filename: str | None = None) -> None:
        self.seconds = seconds
        self.filename = filename
        self.expires = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.expires:
            raise _timeout(self.seconds, self.filename)

    def remaining(self) -> float:
        return self.expires - time.monotonic()


def _timeout(seconds: float, filename: str | None) -> ReadTimeout:
    return ReadTimeout(
        f"Reading the file took longer than the {seconds:g} s limit; it may be damaged or built to stall readers.",
        filename=filename,
    )


def _can_use_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _on_alarm(signum: int, frame: object) -> None:
    raise _Alarm()


@contextmanager
def time_limit(seconds: float, filename: str | None = None) -> Iterator[Deadline]:
    """Run the body under a time budget; yields the cooperative Deadline."""
    deadline = Deadline(seconds, filename)
    if not _can_use_alarm():
        yield deadline
        return
    outer_remaining, _ = signal.getitimer(signal.ITIMER_REAL)
    if outer_remaining and outer_remaining < seconds:
        # An enclosing budget is tighter: let it rule, keep its handler.
        yield deadline
        return
    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield deadline
    except _Alarm:
        raise _timeout(seconds, filename) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_remaining:
            left = outer_remaining - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))
