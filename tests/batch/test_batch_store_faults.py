"""The batch queue under faults: locks held by another process, a runner paused past its lease, a damaged file.

Clocks are injected and locks are released by the test itself: nothing here
waits on wall-clock time.
"""

from __future__ import annotations

import os
import sqlite3
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobkit.batch import queue_runner
from jobkit.batch.heartbeat import Heartbeat
from jobkit.batch.runs import BatchResult
from jobkit.batch.queue_runner import Runner
from jobkit.batch.store import BatchStore, LeaseLost, sweep
from jobkit.cli.commands import cli
from jobkit.errors import BatchStoreUnavailable
from jobkit.model.batches import BatchError
from tests import builders
from tests.batch.conftest import MRT_TARGET

TARGET = MRT_TARGET
MARK = "Zanzibarquette"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: float = 1_900_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def _result(index: int, text: str = "could not be read") -> BatchResult:
    return BatchResult(index, f"r{index}.docx", error=BatchError("corrupt_document", text))


def _queued(store: BatchStore, tmp_path: Path) -> str:
    batch_id = store.create("label", TARGET, False)
    upload = tmp_path / f"{batch_id}.zip"
    with zipfile.ZipFile(upload, "w") as archive:
        for number in range(5):
            archive.writestr(f"r{number}.docx", builders.plain_docx())
    store.set_upload(batch_id, str(upload))
    return batch_id


def _rows(path: str) -> int:
    with sqlite3.connect(path) as db:
        return int(db.execute("SELECT COUNT(*) FROM results").fetchone()[0])


def _locked_by_another(path: str) -> sqlite3.Connection:
    """Another connection holding the database in BEGIN EXCLUSIVE (as another process's sqlite3 shell would)."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    return other


def test_a_lock_held_by_another_process_is_waited_out_with_backoff(tmp_path):
    path = str(tmp_path / "jobs.sqlite3")
    pauses: list[float] = []

    def pause(seconds: float) -> None:  # the other process commits during the second pause
        pauses.append(seconds)
        if len(pauses) == 2:
            other.execute("COMMIT")

    store = BatchStore(path, busy_seconds=0.01, lock_retries=3, sleep=pause)
    other = _locked_by_another(path)
    assert store.hold_runner_lease("runner-a", 30)
    assert pauses == [0.25, 0.5]


def test_a_lock_that_outlasts_the_retries_is_a_plain_busy_error(tmp_path):
    path = str(tmp_path / "jobs.sqlite3")
    store = BatchStore(path, busy_seconds=0.01, lock_retries=2, sleep=lambda s: None)
    other = _locked_by_another(path)
    try:
        with pytest.raises(BatchStoreUnavailable) as raised:
            store.create("label", TARGET, False)
    finally:
        other.execute("ROLLBACK")
    assert "busy" in raised.value.message and "jobs.sqlite3" in raised.value.message
    assert "JOBKIT_DATABASE" in raised.value.message


def _beating_behind_a_lock(tmp_path):
    """A batch claimed by runner "a" with its heartbeat, and another program holding the database locked."""
    clock = Clock()
    path = str(tmp_path / "jobs.sqlite3")
    store = BatchStore(path, clock=clock, busy_seconds=0.01, lock_retries=0)
    _queued(store, tmp_path)
    batch = store.claim_next("a", 30)
    return clock, Heartbeat(store, batch.id, "a", 30, batch.lease_expires, every=5), _locked_by_another(path)


def test_the_heartbeat_survives_a_lock_and_renews_once_it_is_gone(tmp_path):
    clock, beat, other = _beating_behind_a_lock(tmp_path)
    clock.now += 10
    assert beat.renew() is False, "a lock is no reason to give the batch up while the lease holds"
    assert not beat.lost.is_set()
    other.execute("COMMIT")
    clock.now += 10
    assert beat.renew() is True and beat.expires == clock.now + 30
    beat.check()  # held


def test_the_heartbeat_lets_the_batch_go_once_the_lease_ran_out_behind_a_lock(tmp_path):
    clock, beat, other = _beating_behind_a_lock(tmp_path)
    clock.now += 31
    assert beat.renew() is None and beat.lost.is_set()
    other.execute("COMMIT")
    assert beat.renew() is None, "once lost, a renewal that gets through changes nothing"
    with pytest.raises(LeaseLost):
        beat.check()


def test_no_row_lands_once_the_lease_has_run_out(tmp_path):
    clock = Clock()
    path = str(tmp_path / "jobs.sqlite3")
    store = BatchStore(path, clock=clock)
    batch_id = _queued(store, tmp_path)
    store.claim_next("a", 30)
    store.start(batch_id, 5, "a")
    store.add(batch_id, _result(0), "a")
    clock.now += 31  # paused (SIGSTOP) past the lease
    with pytest.raises(LeaseLost):
        store.add(batch_id, _result(1), "a")
    assert store.renew(batch_id, "a", 30) is None
    assert store.finish(batch_id, "done", holder="a") is False
    record = store.get(batch_id)
    assert _rows(path) == 1 and record.done == 1 and record.state == "interrupted"
    with pytest.raises(LeaseLost):
        store.add(batch_id, _result(2), "b")  # nor for another runner that never held it


def _fake_run_batch(clock: Clock, pause_after: int, closed: list[bool]):
    def run_batch(items, job, workers=None, include_contact=False, limits=None):
        try:
            for index, item in enumerate(items):
                if index == pause_after:
                    clock.now += 40  # SIGSTOP 40 s, then SIGCONT: the lease (30 s) ran out meanwhile
                yield _result(index)
        finally:
            closed.append(True)
    return run_batch


def test_a_runner_paused_past_its_lease_stops_at_the_next_result(tmp_path, monkeypatch):
    clock, closed = Clock(), []
    path = str(tmp_path / "jobs.sqlite3")
    runner = Runner(path, workers=1, idle_exit=0)
    runner.store = BatchStore(path, clock=clock)
    batch_id = _queued(runner.store, tmp_path)
    upload = runner.store.get(batch_id).upload_path
    monkeypatch.setattr(queue_runner, "run_batch", _fake_run_batch(clock, pause_after=2, closed=closed))
    runner.run()
    record = runner.store.get(batch_id)
    assert _rows(path) == 2 and record.done == 2 and record.total == 5
    assert record.state == "interrupted" and closed == [True]
    assert not os.path.exists(upload)


def test_a_busy_store_is_tried_again_while_the_lease_holds(tmp_path, monkeypatch):
    clock = Clock()
    path = str(tmp_path / "jobs.sqlite3")
    runner = Runner(path, workers=1, idle_exit=0)
    runner.store = BatchStore(path, clock=clock)
    batch_id = _queued(runner.store, tmp_path)
    add, failures = runner.store.add, []

    def flaky_add(*args):
        if len(failures) < 3:
            failures.append(args[1].index)
            clock.now += 1
            raise BatchStoreUnavailable("The batch store is busy")
        return add(*args)

    runner.store.add = flaky_add
    monkeypatch.setattr(queue_runner, "run_batch", _fake_run_batch(clock, pause_after=99, closed=[]))
    monkeypatch.setattr(queue_runner, "STORE_RETRY_SECONDS", 0)
    runner.run()
    assert failures == [0, 0, 0]
    assert runner.store.get(batch_id).state == "done" and _rows(path) == 5


class StopAfter:
    """``stop`` for a runner: counts its waits and ends the run after ``limit`` of them."""

    def __init__(self, limit: int, on_wait) -> None:
        self.waits, self.limit, self.on_wait = 0, limit, on_wait

    def is_set(self) -> bool:
        return self.waits >= self.limit

    def wait(self, seconds: float) -> bool:
        self.waits += 1
        self.on_wait(self.waits)
        return self.is_set()


def test_the_worker_waits_for_another_runner_and_sweeps_meanwhile(tmp_path, monkeypatch):
    path = str(tmp_path / "jobs.sqlite3")
    store = BatchStore(path)
    assert store.hold_runner_lease("another-runner", 3600)
    expired = store.create("old", TARGET, False)
    with store._connect() as db:
        db.execute("UPDATE batches SET expires = 0 WHERE id = ?", (expired,))
    batch_id = _queued(store, tmp_path)
    seen: list[bool] = []

    def on_wait(count: int) -> None:
        if count == 1:
            seen.append(store.get(batch_id).state == "queued")
            with store._connect() as db:  # swept while waiting, without the queue
                seen.append(db.execute("SELECT COUNT(*) FROM batches WHERE id=?", (expired,)).fetchone()[0] == 0)
        if count == 2:
            store.release_runner_lease("another-runner")  # the other runner leaves

    stop = StopAfter(10, on_wait)
    monkeypatch.setattr(queue_runner, "run_batch", _fake_run_batch(Clock(), pause_after=99, closed=[]))
    Runner(path, workers=1, idle_exit=0, wait=True, stop=stop).run()
    assert seen == [True, True]
    assert store.get(batch_id).state == "done" and _rows(path) == 5
    assert stop.waits == 2, "it took the queue as soon as the other runner left, and left once idle"


def test_jobkit_worker_waits_instead_of_exiting(tmp_path, monkeypatch):
    made: list[dict] = []

    class Recorder:
        def __init__(self, database, **options):
            made.append(options)

        def run(self):
            pass

    monkeypatch.setattr(queue_runner, "Runner", Recorder)
    result = CliRunner().invoke(cli, ["worker", "--database", str(tmp_path / "jobs.sqlite3")])
    assert result.exit_code == 0 and made and made[0]["wait"] is True


@pytest.mark.parametrize("damage", ["garbage", "folder"])
def test_a_damaged_database_is_a_plain_error_naming_the_file_and_the_fix(tmp_path, damage):
    path = tmp_path / "jobs.sqlite3"
    if damage == "folder":
        path.mkdir()
    else:
        path.write_bytes(b"this is not a database, it is a resume: " + MARK.encode() * 200)
    with pytest.raises(BatchStoreUnavailable) as raised:
        BatchStore(str(path))
    message = raised.value.message
    assert "jobs.sqlite3" in message and "JOBKIT_DATABASE" in message and "move the file aside" in message
    assert ("is a folder" in message) == (damage == "folder") and str(tmp_path) not in message


def _file_bytes(path: str) -> bytes:
    """The database file and its write-ahead log, as anyone who can read the disk sees them."""
    return b"".join(Path(p).read_bytes() for p in (path, path + "-wal") if os.path.exists(p))


def _another_process_has_it_open(path: str) -> sqlite3.Connection:
    """While any other connection is open, SQLite keeps the write-ahead log (with the old text) on disk."""
    other = sqlite3.connect(path)
    other.execute("SELECT COUNT(*) FROM batches").fetchone()
    return other


def test_an_expired_batch_is_gone_from_the_file_not_just_from_the_pages(tmp_path):
    clock = Clock()
    path = str(tmp_path / "jobs.sqlite3")
    store = BatchStore(path, retention_days=7, clock=clock)
    batch_id = _queued(store, tmp_path)
    other = _another_process_has_it_open(path)
    store.claim_next("a", 30)
    for index in range(20):
        store.add(batch_id, _result(index, f"- Indexed charts at {MARK} Clinic in Epic " * (5 + 90 * (index % 3))), "a")
    store.finish(batch_id, "done", holder="a")
    assert MARK.encode() in _file_bytes(path)
    clock.now += 7 * 86400 + 1
    assert sweep(store)["expired"] == 1
    assert MARK.encode() not in _file_bytes(path)
    other.close()


def test_a_user_delete_is_gone_from_the_file_at_once(tmp_path):
    path = str(tmp_path / "jobs.sqlite3")
    store = BatchStore(path)
    batch_id = _queued(store, tmp_path)
    other = _another_process_has_it_open(path)
    store.claim_next("a", 30)
    store.add(batch_id, _result(0, f"{MARK} " * 300), "a")
    assert MARK.encode() in _file_bytes(path)
    assert store.delete(batch_id)
    assert MARK.encode() not in _file_bytes(path)
    other.close()
