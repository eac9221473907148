"""Batch jobs and their results in SQLite (standard library).

Results (never the uploaded files) are kept until they expire, seven days by
default, or until the user deletes them. Each call opens its own connection,
so web workers and the background batch threads can share the database;
WAL mode lets readers poll progress while a batch writes.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from typing import Any

from .batch import BatchResult

SCHEMA = """
CREATE TABLE IF NOT EXISTS batches (
    id TEXT PRIMARY KEY,
    created REAL NOT NULL,
    expires REAL NOT NULL,
    state TEXT NOT NULL,
    label TEXT NOT NULL,
    target TEXT NOT NULL,
    include_contact INTEGER NOT NULL DEFAULT 0,
    total INTEGER NOT NULL DEFAULT 0,
    done INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0,
    owner_pid INTEGER,
    message TEXT
);
CREATE TABLE IF NOT EXISTS results (
    batch_id TEXT NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    file TEXT NOT NULL,
    payload TEXT NOT NULL,
    PRIMARY KEY (batch_id, seq)
);
"""
ACTIVE = ("queued", "running")


def _alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class BatchStore:
    def __init__(self, path: str, retention_days: float = 7.0) -> None:
        self.path = path
        self.retention = retention_days * 86400
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self.path, timeout=30)) as db:
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA foreign_keys=ON")
            with db:
                yield db

    def create(self, label: str, target: dict[str, Any], include_contact: bool) -> str:
        batch_id = secrets.token_urlsafe(18)
        now = time.time()
        with self._connect() as db:
            db.execute(
                "INSERT INTO batches (id, created, expires, state, label, target, include_contact, owner_pid) "
                "VALUES (?, ?, ?, 'queued', ?, ?, ?, ?)",
                (batch_id, now, now + self.retention, label, json.dumps(target), int(include_contact), os.getpid()),
            )
        return batch_id

    def start(self, batch_id: str, total: int) -> None:
        with self._connect() as db:
            db.execute("UPDATE batches SET state='running', total=?, owner_pid=? WHERE id=?", (total, os.getpid(), batch_id))

    def add(self, batch_id: str, result: BatchResult) -> None:
        payload = {"report": result.report} if result.report is not None else {"error": result.error}
        with self._connect() as db:
            db.execute("INSERT OR REPLACE INTO results (batch_id, seq, file, payload) VALUES (?, ?, ?, ?)",
                       (batch_id, result.index, result.file, json.dumps(payload, ensure_ascii=False)))
            db.execute("UPDATE batches SET done = done + 1, errors = errors + ? WHERE id=?",
                       (0 if result.ok else 1, batch_id))

    def finish(self, batch_id: str, state: str = "done", message: str | None = None) -> None:
        with self._connect() as db:
            db.execute("UPDATE batches SET state=?, message=? WHERE id=?", (state, message, batch_id))

    def get(self, batch_id: str) -> dict[str, Any] | None:
        with self._connect() as db:
            row = db.execute("SELECT * FROM batches WHERE id=? AND expires > ?", (batch_id, time.time())).fetchone()
            if row is None:
                return None
            batch = dict(row)
            if batch["state"] in ACTIVE and not _alive(batch["owner_pid"]):
                # The process running it is gone (a restart): keep what finished.
                db.execute("UPDATE batches SET state='interrupted' WHERE id=?", (batch_id,))
                batch["state"] = "interrupted"
        batch["target"] = json.loads(batch["target"])
        return batch

    def results(self, batch_id: str) -> Iterator[BatchResult]:
        with self._connect() as db:
            for row in db.execute("SELECT seq, file, payload FROM results WHERE batch_id=? ORDER BY seq", (batch_id,)):
                payload = json.loads(row["payload"])
                yield BatchResult(row["seq"], row["file"], report=payload.get("report"), error=payload.get("error"))

    def delete(self, batch_id: str) -> bool:
        with self._connect() as db:
            return db.execute("DELETE FROM batches WHERE id=?", (batch_id,)).rowcount > 0

    def purge_expired(self) -> int:
        with self._connect() as db:
            return db.execute("DELETE FROM batches WHERE expires <= ?", (time.time(),)).rowcount
