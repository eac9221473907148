"""Time budgets for reading and checking, so a hostile file cannot hang the caller.

Budgets are in **CPU seconds**: on a busy machine a genuine resume gets the
CPU time it needs however long it waits for a core, while a file built to
stall a reader still runs out. A much larger wall-clock bound
(:data:`WALL_FACTOR` times the budget) is the outer guard for a read that
sleeps or waits instead of computing.

Three mechanisms work together:

* :class:`Deadline` is checked cooperatively by reader loops (between pages,
  parts, paragraphs and elements). :func:`check_current` finds the deadline
  of the running thread, so deep loops need no extra argument.
* :func:`time_limit` interrupts a runaway loop that never checks. On a
  process's main thread it arms ``ITIMER_PROF`` (CPU time) and
  ``ITIMER_REAL`` (the wall guard); on any other thread (Dask workers, a web
  server's threads) a watchdog thread reads that thread's own CPU clock and
  raises in it. Either way the exception arrives between two Python
  bytecodes, inside pdfminer's interpreter loop too.
* :func:`cpu_backstop` sets ``RLIMIT_CPU`` so that the kernel ends a process
  stuck inside one C call (a regular expression, zlib) that no Python-level
  interrupt can reach. Worker processes and the CLI use it.

The interrupt raises a ``BaseException`` subclass so that library code with a
broad ``except Exception`` cannot swallow it; :func:`time_limit` turns it into
:class:`~jobkit.errors.ReadTimeout`.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from typing import TYPE_CHECKING

from jobkit.errors import ReadTimeout

if TYPE_CHECKING:
    from jobkit.config import Limits

WALL_FACTOR = 4.0
WALL_MINIMUM = 60.0
WATCHDOG_INTERVAL = 0.05
_local = threading.local()


class _Alarm(BaseException):
    """Raised by the timer or the watchdog; never escapes :func:`time_limit`."""


def _on_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def _cpu_clock() -> float:
    """CPU seconds of the calling thread (the whole process on the main thread, as ITIMER_PROF counts)."""
    return time.process_time() if _on_main_thread() else time.thread_time()


def wall_bound(cpu_seconds: float) -> float:
    """The wall-clock guard that goes with a CPU budget."""
    return max(WALL_MINIMUM, WALL_FACTOR * cpu_seconds)


class Deadline:
    """A CPU-time budget (and a wall-clock guard) checked cooperatively."""

    def __init__(self, seconds: float, filename: str | None = None) -> None:
        self.seconds = seconds
        self.filename = filename
        self.cpu_expires = _cpu_clock() + seconds
        self.wall_expires = time.monotonic() + wall_bound(seconds)

    def expired(self) -> bool:
        return _cpu_clock() > self.cpu_expires or time.monotonic() > self.wall_expires

    def check(self) -> None:
        if self.expired():
            raise timeout_error(self.seconds, self.filename)

    def remaining(self) -> float:
        return self.cpu_expires - _cpu_clock()



def backstop_seconds(limits: "Limits | None" = None) -> float:
    """CPU seconds after which the kernel ends a process stuck in C code: well past the cooperative budget."""
    from jobkit.config import Limits

    return wall_bound((limits or Limits.from_env()).time_budget)


@contextmanager
def bounded_check(limits: "Limits | None", filename: str | None = None) -> Iterator[None]:
    """The process-level backstops around one check: the kernel's CPU limit for a call stuck in C
    (:func:`cpu_backstop`), and the memory cap reached where Python allocates, as the typed error that
    names the cap (:func:`jobkit.memory.too_much_memory`)."""
    from jobkit.memory import too_much_memory

    with cpu_backstop(backstop_seconds(limits)):
        try:
            yield
        except MemoryError:
            raise too_much_memory(filename) from None


def timeout_error(seconds: float, filename: str | None) -> ReadTimeout:
    return ReadTimeout(
        f"Reading the file took more than the {seconds:g} s of computing time allowed; it may be damaged or built "
        "to stall readers.",
        filename=filename,
    )


def current_deadline() -> Deadline | None:
    return getattr(_local, "deadline", None)


def check_current() -> None:
    """Check the running thread's deadline, if any (for loops deep inside a reader)."""
    deadline = getattr(_local, "deadline", None)
    if deadline is not None and deadline.expired():
        raise timeout_error(deadline.seconds, deadline.filename)


def _on_alarm(signum: int, frame: object) -> None:
    raise _Alarm()


@contextmanager
def _signal_timers(seconds: float) -> Iterator[None]:
    """ITIMER_PROF for the CPU budget and ITIMER_REAL for the wall guard (main thread only)."""
    previous = (signal.signal(signal.SIGPROF, _on_alarm), signal.signal(signal.SIGALRM, _on_alarm))
    signal.setitimer(signal.ITIMER_PROF, seconds)
    signal.setitimer(signal.ITIMER_REAL, wall_bound(seconds))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGPROF, previous[0])
        signal.signal(signal.SIGALRM, previous[1])


class _Watchdog:
    """Raises :class:`_Alarm` in one thread once that thread's CPU time (or the wall guard) runs out."""

    def __init__(self, deadline: Deadline) -> None:
        self.deadline = deadline
        self.target = threading.get_ident()
        self.clock = time.pthread_getcpuclockid(self.target)
        self.cpu_expires = time.clock_gettime(self.clock) + deadline.seconds
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.fired = False
        self.thread = threading.Thread(target=self._watch, name="jobkit-deadline", daemon=True)

    def _watch(self) -> None:
        while not self.stopped.wait(WATCHDOG_INTERVAL):
            try:
                over = time.clock_gettime(self.clock) > self.cpu_expires
            except OSError:  # the watched thread has ended
                return
            if over or time.monotonic() > self.deadline.wall_expires:
                import ctypes  # only off the main thread: the CLI never pays for the import

                with self.lock:
                    if not self.stopped.is_set():
                        self.fired = True
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.target), ctypes.py_object(_Alarm))
                return

    def stop(self) -> None:
        with self.lock:
            self.stopped.set()
            if self.fired:
                import ctypes

                # Clear an interrupt scheduled but not yet delivered.
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.target), None)


@contextmanager
def _watchdog(deadline: Deadline) -> Iterator[None]:
    dog = _Watchdog(deadline)
    dog.thread.start()
    try:
        yield
    finally:
        dog.stop()


def _interrupter(deadline: Deadline):  # type: ignore[no-untyped-def]
    if _on_main_thread() and hasattr(signal, "setitimer"):
        return _signal_timers(deadline.seconds)
    if hasattr(time, "pthread_getcpuclockid"):
        return _watchdog(deadline)
    return _nothing()


@contextmanager
def _nothing() -> Iterator[None]:
    yield


@contextmanager
def time_limit(seconds: float, filename: str | None = None) -> Iterator[Deadline]:
    """Run the body under a CPU-time budget; yields the cooperative Deadline.

    Inside another ``time_limit`` on the same thread, the outer budget rules
    (a check's budget covers the read inside it).
    """
    outer = current_deadline()
    if outer is not None:
        yield outer
        return
    deadline = Deadline(seconds, filename)
    _local.deadline = deadline
    try:
        with _interrupter(deadline):
            yield deadline
    except _Alarm:
        raise timeout_error(seconds, filename) from None
    finally:
        _local.deadline = None


@contextmanager
def cpu_backstop(seconds: float) -> Iterator[None]:
    """Let the kernel end this process if it spends ``seconds`` more CPU time (RLIMIT_CPU).

    The soft limit sends SIGXCPU, whose default action ends the process: the
    last resort for a call stuck in C. The previous limit is restored after.
    Only on the main thread: a process-wide limit is for a process doing one
    thing (the CLI, a worker process).
    """
    try:
        import resource
    except ImportError:  # not Unix
        yield
        return
    if not _on_main_thread():
        # The limit is the whole process's: set from threads (a thread pool, Dask) one thread's restore
        # would undo another's, or leave a limit the process later dies of. Threads rely on the watchdog.
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    wanted = int(usage.ru_utime + usage.ru_stime + seconds) + 1
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    try:
        resource.setrlimit(resource.RLIMIT_CPU, (wanted, hard))
    except (ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
