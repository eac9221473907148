"""Connections to the batch database: a busy timeout, lock retries with backoff, secure delete, plain errors.

Another process may hold the SQLite file locked for a while (a backup tool,
someone's ``sqlite3`` shell left in a transaction). A statement waits
``busy`` seconds for the lock; a store operation that still meets a lock is
run again after a short, growing pause, a bounded number of times, and then
reported as :class:`~jobkit.errors.BatchStoreUnavailable`. Any other failure
of the file (damaged, a folder in its place, a full disk) becomes the same
typed error, or :class:`~jobkit.errors.StorageFull`, with a message that
names the file and the setting and says how to fix it.

Every connection turns ``secure_delete`` on, so deleted results are
overwritten with zeros instead of lingering in free pages of the file.
"""

from __future__ import annotations

import errno
import functools
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from typing import Any, TypeVar

from jobkit.errors import BatchStoreUnavailable, JobkitError, StorageFull

BUSY_SECONDS = 5.0  # how long one statement waits for another process's lock
LOCK_RETRIES = 2  # then the whole operation is tried again this many times, after a growing pause
BACKOFF_SECONDS = 0.25
FIX = ("Batches are unavailable until it is fixed; single checks still work. To fix it, move the file aside "
       "(jobkit makes a new, empty one) or set JOBKIT_DATABASE to another file.")
F = TypeVar("F", bound=Callable[..., Any])


def is_locked(exc: BaseException) -> bool:
    """True for "database is locked" and "database table is locked": another connection holds the lock."""
    name = getattr(exc, "sqlite_errorname", "")
    return isinstance(exc, sqlite3.OperationalError) and (
        name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc))


def is_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EDQUOT)
    return getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL" or "disk is full" in str(exc)


def full_error(what: str) -> StorageFull:
    return StorageFull(f"The server's disk is full, so {what} could not be saved. Nothing of it was kept. "
                       "Try again later; an administrator needs to free space on the disk that holds JOBKIT_DATABASE.")


def busy_error(path: str) -> BatchStoreUnavailable:
    return BatchStoreUnavailable(
        f"The batch store is busy: another program has kept {os.path.basename(path)} locked for too long. "
        "Try again in a minute. If it goes on, look for a program that holds the file open (JOBKIT_DATABASE).")


def unavailable(path: str, exc: BaseException) -> JobkitError:
    """The typed error for a file that cannot be used: full disk, damaged file, folder in its place, no access."""
    if is_full(exc):
        return full_error("the batch")
    name = os.path.basename(path)
    detail = getattr(exc, "strerror", None) or str(exc)
    if os.path.isdir(path):
        return BatchStoreUnavailable(f"The batch store is unavailable: {name} is a folder, not a database file. {FIX}")
    if getattr(exc, "sqlite_errorname", "") in ("SQLITE_NOTADB", "SQLITE_CORRUPT") or "not a database" in detail:
        return BatchStoreUnavailable(
            f"The batch store is unavailable: {name} is damaged or is not a SQLite database ({detail}). {FIX}")
    return BatchStoreUnavailable(f"The batch store is unavailable: {name} cannot be opened or written ({detail}). "
                                 f"Check that the server may write it and its folder. {FIX}")


def _failure(exc: BaseException) -> bool:
    """A failure of the file (not a bug in a query, not a lock that a retry may get past)."""
    if isinstance(exc, sqlite3.OperationalError):
        return not is_locked(exc)
    return type(exc) is sqlite3.DatabaseError  # "file is not a database", "database disk image is malformed"


@contextmanager
def connect(path: str, busy: float, clock: Callable[[], float],
            autocommit: bool = False) -> Iterator[sqlite3.Connection]:
    """One connection in one transaction (``autocommit``: none, for PRAGMAs that cannot run in one).

    SQL can call ``jobkit_now()``: the store's clock at the moment the statement runs, so a condition on a
    lease is checked inside the write that depends on it.
    """
    try:
        with closing(sqlite3.connect(path, timeout=busy, isolation_level=None if autocommit else "")) as db:
            db.row_factory = sqlite3.Row
            db.create_function("jobkit_now", 0, clock)
            db.execute("PRAGMA foreign_keys=ON")
            db.execute("PRAGMA secure_delete=ON")
            with db:
                yield db
    except sqlite3.Error as exc:
        if _failure(exc):
            raise unavailable(path, exc) from None
        raise


def retried(method: F) -> F:
    """Run a store operation again, after a growing pause, when it met another process's lock.

    The operation's transaction was rolled back, so running it again is safe.
    After ``self.lock_retries`` more tries it is reported as busy.
    """

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        for attempt in range(self.lock_retries + 1):
            try:
                return method(self, *args, **kwargs)
            except sqlite3.OperationalError as exc:
                if not is_locked(exc):
                    raise
                if attempt == self.lock_retries:
                    raise busy_error(self.path) from None
                self.sleep(BACKOFF_SECONDS * 2 ** attempt)
        raise AssertionError("unreachable")

    return wrapper  # type: ignore[return-value]
