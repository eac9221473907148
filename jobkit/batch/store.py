"""Batch jobs, their queue and their results in SQLite (standard library).

Results (never the uploaded files) are kept until they expire, seven days by
default or as chosen for the batch, or until the user deletes them. Each call opens its own connection,
so web processes and the background batch runner can share the database;
WAL mode lets readers poll progress while a batch writes.

Who is working on what is decided by **leases**, not process ids: the runner
holds a lease on the queue and on the batch it processes, and renews them as
it goes. A batch whose lease ran out (its runner was killed, its machine
restarted, its container came back with the same process ids) is marked
interrupted with its finished results kept. A runner writes a result only
while its lease holds, checked in the same statement that writes it. The
schema carries ``PRAGMA user_version`` and is migrated step by step on open.

Deleted batches are overwritten in the file (``secure_delete``) and the
write-ahead log is emptied after a sweep or a delete (:meth:`BatchStore.scrub`),
so expired resumes' text does not stay on disk.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import replace
from typing import Any

from jobkit.batch.database import BUSY_SECONDS, LOCK_RETRIES, connect, retried, unavailable
from jobkit.batch.owner_keys import StoredKey
from jobkit.config import DEFAULTS
from jobkit.errors import BatchStoreUnavailable
from jobkit.model.batches import BatchLine, BatchResult, BatchTarget, StoredBatch
from jobkit.model.schema import from_jsonable, jsonable
from jobkit.output.batch_rows import json_line

MIGRATIONS = (
    # 1: the first schema.
    """
    CREATE TABLE IF NOT EXISTS batches (
        id TEXT PRIMARY KEY, created REAL NOT NULL, expires REAL NOT NULL, state TEXT NOT NULL, label TEXT NOT NULL,
        target TEXT NOT NULL, include_contact INTEGER NOT NULL DEFAULT 0, total INTEGER NOT NULL DEFAULT 0,
        done INTEGER NOT NULL DEFAULT 0, errors INTEGER NOT NULL DEFAULT 0, owner_pid INTEGER, message TEXT
    );
    CREATE TABLE IF NOT EXISTS results (
        batch_id TEXT NOT NULL REFERENCES batches(id) ON DELETE CASCADE, seq INTEGER NOT NULL, file TEXT NOT NULL,
        payload TEXT NOT NULL, PRIMARY KEY (batch_id, seq)
    );
    """,
    # 2: a queue worked by a background runner under leases; batches belong to a browser session.
    """
    ALTER TABLE batches ADD COLUMN upload_path TEXT;
    ALTER TABLE batches ADD COLUMN display TEXT;
    ALTER TABLE batches ADD COLUMN owner TEXT;
    ALTER TABLE batches ADD COLUMN lease_owner TEXT;
    ALTER TABLE batches ADD COLUMN lease_expires REAL;
    CREATE INDEX IF NOT EXISTS batches_owner ON batches(owner);
    CREATE INDEX IF NOT EXISTS batches_state ON batches(state);
    CREATE TABLE IF NOT EXISTS leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires REAL NOT NULL);
    """,
    # 3: when the advisor confirmed that the students consented (NULL: a batch from before consent was asked).
    """
    ALTER TABLE batches ADD COLUMN consent_at REAL;
    """,
    # 4: the batch's name; advisor keys (jobkit.batch.owner_keys: a selector and the salted hash of the secret).
    """
    ALTER TABLE batches ADD COLUMN title TEXT;
    CREATE TABLE IF NOT EXISTS owner_keys (selector TEXT PRIMARY KEY, owner TEXT NOT NULL UNIQUE, salt BLOB NOT NULL,
                                           digest BLOB NOT NULL, created REAL NOT NULL);
    """,
)
ACTIVE = ("queued", "running")
RUNNER_LEASE = "batch-runner"
# A batch is held by the runner named by the parameter while it runs and its lease has not run out, by the
# store's clock when the statement runs: the condition of every write a runner makes to its batch.
HELD = "lease_owner=? AND state='running' AND lease_expires >= jobkit_now()"
INTERRUPTED = ("Interrupted: the server working on this batch stopped before it finished. "
               "The results it had finished are kept below.")


class LeaseLost(Exception):
    """This runner no longer holds the batch's lease (it ran out, or the batch was marked interrupted): stop."""


class BatchStore:
    """The queue and the results; ``clock`` gives the time for expiry and leases (tests pass their own)."""

    def __init__(self, path: str, retention_days: float = DEFAULTS.batch_retention_days, *,
                 clock: Callable[[], float] = time.time, busy_seconds: float = BUSY_SECONDS,
                 lock_retries: int = LOCK_RETRIES, sleep: Callable[[float], None] = time.sleep) -> None:
        self.path = path
        # Where zips wait for the runner: beside the database, one folder per database, so a sweep
        # never touches another deployment's uploads.
        self.uploads = path + ".uploads"
        self.retention = retention_days * 86400
        self.clock, self.busy, self.lock_retries, self.sleep = clock, busy_seconds, lock_retries, sleep
        self.scrub_pending = False  # a delete whose text may still be in the write-ahead log
        try:
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        except OSError as exc:
            raise unavailable(path, exc) from None
        self._open()

    @retried
    def _open(self) -> None:
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
        self._migrate()

    def _connect(self, autocommit: bool = False) -> AbstractContextManager[sqlite3.Connection]:
        return connect(self.path, self.busy, self.clock, autocommit)

    def _migrate(self) -> None:
        with self._connect(autocommit=True) as db:
            db.execute("BEGIN IMMEDIATE")  # one process migrates at a time
            try:
                version = db.execute("PRAGMA user_version").fetchone()[0]
                for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                    for statement in filter(str.strip, script.split(";")):
                        db.execute(statement)
                    db.execute(f"PRAGMA user_version = {number}")
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def schema_version(self) -> int:
        with self._connect() as db:
            return int(db.execute("PRAGMA user_version").fetchone()[0])

    # Creating and reading batches

    @retried
    def create(self, label: str, target: BatchTarget, include_contact: bool, *, owner: str | None = None,
               upload_path: str | None = None, display: str | None = None, consented: bool = False,
               title: str | None = None, retention_days: float | None = None) -> str:
        """A new batch, its ``target`` stored as its JSON; ``consented``: the advisor confirmed it;
        ``retention_days``: how long its results are kept (the store's retention when None)."""
        batch_id = secrets.token_urlsafe(18)
        now = self.clock()
        kept = self.retention if retention_days is None else retention_days * 86400
        with self._connect() as db:
            db.execute(
                "INSERT INTO batches (id, created, expires, state, label, target, include_contact, owner, upload_path, "
                "display, consent_at, title) VALUES (?, ?, ?, 'receiving', ?, ?, ?, ?, ?, ?, ?, ?)",
                (batch_id, now, now + kept, label, json.dumps(jsonable(target)), int(include_contact), owner,
                 upload_path, display, now if consented else None, title),
            )
        return batch_id

    @retried
    def set_upload(self, batch_id: str, upload_path: str) -> None:
        """The upload is saved: the batch joins the queue (a runner never sees a batch without its file)."""
        with self._connect() as db:
            db.execute("UPDATE batches SET upload_path=?, state='queued' WHERE id=?", (upload_path, batch_id))

    def get(self, batch_id: str) -> StoredBatch | None:
        now = self.clock()
        with self._connect() as db:
            row = db.execute("SELECT * FROM batches WHERE id=? AND expires > ?", (batch_id, now)).fetchone()
        if row is None:
            return None
        batch = _stored_batch(row)
        if batch.state == "running" and (batch.lease_expires or 0) < now:
            try:
                self.mark_stale()
            except BatchStoreUnavailable:
                pass  # shown as interrupted all the same: its runner can no longer write to it
            batch = replace(batch, state="interrupted", message=INTERRUPTED)
        return batch

    def owned_by(self, owner: str, limit: int = 20) -> list[StoredBatch]:
        with self._connect() as db:
            ids = [r["id"] for r in db.execute(
                "SELECT id FROM batches WHERE owner=? AND expires > ? ORDER BY created DESC LIMIT ?",
                (owner, self.clock(), limit))]
        return [batch for batch in map(self.get, ids) if batch]

    @retried
    def replace_owner_key(self, owner: str, key: StoredKey) -> bool:
        """``owner``'s batches move to ``key.owner``, which only ``key`` opens: the owner's old key, and every
        browser holding ``owner``, no longer list them. False (nothing changed) when the selector is taken."""
        with self._connect() as db:
            if not db.execute("INSERT OR IGNORE INTO owner_keys (selector, owner, salt, digest, created) "
                              "VALUES (?, ?, ?, ?, ?)",
                              (key.selector, key.owner, key.salt, key.digest, self.clock())).rowcount:
                return False
            db.execute("UPDATE batches SET owner=? WHERE owner=?", (key.owner, owner))
            db.execute("DELETE FROM owner_keys WHERE owner=? AND selector<>?", (owner, key.selector))
        return True

    def owner_key(self, selector: str) -> StoredKey | None:
        with self._connect() as db:
            row = db.execute("SELECT selector, owner, salt, digest FROM owner_keys WHERE selector=?",
                             (selector,)).fetchone()
        return StoredKey(*row) if row else None

    def active_count(self, owner: str | None = None) -> int:
        query = "SELECT COUNT(*) FROM batches WHERE state IN ('queued', 'running')"
        args: tuple[Any, ...] = ()
        if owner is not None:
            query, args = query + " AND owner=?", (owner,)
        with self._connect() as db:
            return int(db.execute(query, args).fetchone()[0])

    def results(self, batch_id: str) -> Iterator[BatchResult]:
        with self._connect() as db:
            rows = db.execute("SELECT seq, file, payload FROM results WHERE batch_id=? ORDER BY seq", (batch_id,))
            for row in rows:
                line = from_jsonable(BatchLine, {**json.loads(row["payload"]), "file": row["file"]}, "result")
                yield BatchResult(row["seq"], line.file, line.report, line.error, rubric=line.rubric)

    def delete(self, batch_id: str) -> bool:
        """Delete a batch and its results now, text and all (see :meth:`scrub`)."""
        deleted = self._delete(batch_id)
        if deleted:
            self.scrub()
        return deleted

    @retried
    def _delete(self, batch_id: str) -> bool:
        with self._connect() as db:
            return db.execute("DELETE FROM batches WHERE id=?", (batch_id,)).rowcount > 0

    def scrub(self) -> bool:
        """Copy the write-ahead log into the file and empty it, so deleted results are gone from both files.

        Deleted rows are already zeros (``secure_delete``); until this checkpoint their old text is still in the
        log. A reader in the middle of a long download can hold the checkpoint back: then it is tried again at
        the next sweep (``scrub_pending``). True when the log was emptied.
        """
        try:
            with self._connect(autocommit=True) as db:  # a checkpoint cannot run inside a transaction
                busy = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        except (BatchStoreUnavailable, sqlite3.OperationalError):
            busy = 1
        self.scrub_pending = bool(busy)
        return not busy

    # The runner's side: leases, progress, the end of a batch

    @retried
    def hold_runner_lease(self, holder: str, seconds: float) -> bool:
        """Take or renew the queue's lease; False while another live runner holds it."""
        now = self.clock()
        with self._connect() as db:
            db.execute(
                "INSERT INTO leases (name, holder, expires) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET "
                "holder=excluded.holder, expires=excluded.expires WHERE leases.holder=excluded.holder OR leases.expires<?",
                (RUNNER_LEASE, holder, now + seconds, now),
            )
            row = db.execute("SELECT holder FROM leases WHERE name=?", (RUNNER_LEASE,)).fetchone()
        return row is not None and row["holder"] == holder

    @retried
    def release_runner_lease(self, holder: str) -> None:
        with self._connect() as db:
            db.execute("DELETE FROM leases WHERE name=? AND holder=?", (RUNNER_LEASE, holder))

    def runner_alive(self) -> bool:
        with self._connect() as db:
            row = db.execute("SELECT expires FROM leases WHERE name=?", (RUNNER_LEASE,)).fetchone()
        return row is not None and row["expires"] > self.clock()

    @retried
    def claim_next(self, holder: str, seconds: float) -> StoredBatch | None:
        """The oldest queued batch, now running under ``holder``'s lease (atomic: one runner gets it)."""
        now = self.clock()
        with self._connect() as db:
            row = db.execute("SELECT id FROM batches WHERE state='queued' AND expires > ? ORDER BY created LIMIT 1",
                             (now,)).fetchone()
            if row is None:
                return None
            claimed = db.execute(
                "UPDATE batches SET state='running', lease_owner=?, lease_expires=?, owner_pid=? "
                "WHERE id=? AND state='queued'", (holder, now + seconds, os.getpid(), row["id"])).rowcount
        return self.get(row["id"]) if claimed else None

    @retried
    def start(self, batch_id: str, total: int, holder: str) -> None:
        """The batch's resumes are counted; LeaseLost when ``holder`` no longer holds it."""
        with self._connect() as db:
            if not db.execute(f"UPDATE batches SET total=? WHERE id=? AND {HELD}", (total, batch_id, holder)).rowcount:
                raise LeaseLost(batch_id)

    @retried
    def renew(self, batch_id: str, holder: str, seconds: float) -> float | None:
        """Extend ``holder``'s lease on the batch: its new end, or None when the lease is lost (it ran out first)."""
        expires = self.clock() + seconds
        with self._connect() as db:
            renewed = db.execute(f"UPDATE batches SET lease_expires=? WHERE id=? AND {HELD}",
                                 (expires, batch_id, holder)).rowcount
        return expires if renewed else None

    @retried
    def add(self, batch_id: str, result: BatchResult, holder: str) -> None:
        """Store one result while ``holder`` holds the batch's lease, checked in the write itself; else LeaseLost."""
        with self._connect() as db:
            stored = db.execute(
                "INSERT OR REPLACE INTO results (batch_id, seq, file, payload) SELECT ?, ?, ?, ? WHERE EXISTS "
                f"(SELECT 1 FROM batches WHERE id=? AND {HELD})",
                (batch_id, result.index, result.file, json_line(result), batch_id, holder),
            ).rowcount
            if not stored:
                raise LeaseLost(batch_id)
            db.execute("UPDATE batches SET done = done + 1, errors = errors + ? WHERE id=?",
                       (0 if result.problem is None else 1, batch_id))  # a scan too, as the page counts it

    @retried
    def finish(self, batch_id: str, state: str = "done", message: str | None = None, holder: str | None = None) -> bool:
        """The end of a batch; with ``holder``, only while that runner holds its lease (interrupted stays so)."""
        with self._connect() as db:
            return db.execute(
                "UPDATE batches SET state=?, message=?, upload_path=NULL, lease_expires=NULL WHERE id=? AND "
                f"(? IS NULL OR ({HELD}))",
                (state, message, batch_id, holder, holder)).rowcount > 0

    # Sweeping: at every start, by a runner and by the web app on a timer (see sweep())

    @retried
    def mark_stale(self) -> int:
        """Running batches whose lease ran out are interrupted; their finished results stay."""
        with self._connect() as db:
            return db.execute(
                "UPDATE batches SET state='interrupted', message=? WHERE state='running' AND "
                "(lease_expires IS NULL OR lease_expires < ?)", (INTERRUPTED, self.clock())).rowcount

    def purge_expired(self) -> int:
        """Delete expired batches with their results, text and all (see :meth:`scrub`)."""
        deleted = self._purge()
        if deleted or self.scrub_pending:
            self.scrub()
        return deleted

    @retried
    def _purge(self) -> int:
        with self._connect() as db:
            return db.execute("DELETE FROM batches WHERE expires <= ?", (self.clock(),)).rowcount

    def uploads_in_use(self) -> set[str]:
        """Upload files a queued or running batch still needs."""
        with self._connect() as db:
            rows = db.execute("SELECT upload_path FROM batches WHERE state IN ('queued', 'running') AND "
                              "upload_path IS NOT NULL")
            return {os.path.abspath(r["upload_path"]) for r in rows}


def _stored_batch(row: sqlite3.Row) -> StoredBatch:
    """A row of ``batches`` as its class: the target read back from its JSON (older rows wrote every key)."""
    columns = {**dict(row), "target": json.loads(row["target"]), "include_contact": bool(row["include_contact"])}
    return from_jsonable(StoredBatch, columns, "batch")  # type: ignore[no-any-return]


def sweep_uploads(store: BatchStore, grace_seconds: float = 120.0) -> int:
    """Delete uploaded zips no queued or running batch needs (left by a crash or a kill -9).

    A file younger than ``grace_seconds`` is spared: its batch row may be
    about to point at it.
    """
    folder = store.uploads
    if not os.path.isdir(folder):
        return 0
    needed = store.uploads_in_use()
    removed = 0
    for name in os.listdir(folder):
        path = os.path.abspath(os.path.join(folder, name))
        try:
            young = store.clock() - os.path.getmtime(path) < grace_seconds
            if path not in needed and not young and os.path.isfile(path):
                os.remove(path)
                removed += 1
        except OSError:
            continue
    return removed


def sweep(store: BatchStore, grace_seconds: float = 120.0) -> dict[str, int]:
    """Everything a sweep tidies: expired batches (overwritten in the file), stale leases, orphan uploads.

    Run at a runner's start and on its timer, by ``jobkit worker`` even while another runner holds the queue,
    and by the web app at most once a minute per process (:func:`jobkit.web.sweeps.sweep_when_due`).
    """
    return {"expired": store.purge_expired(), "interrupted": store.mark_stale(),
            "uploads": sweep_uploads(store, grace_seconds)}
