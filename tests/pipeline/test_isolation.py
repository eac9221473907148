"""Worker isolation: a hanging or crashing check cannot take the caller down."""

import os
import time

import pytest

from jobkit.errors import CorruptDocument, ReadTimeout, UnsupportedFormat
from jobkit.isolation import check_upload
from jobkit.workers import WorkerPool
from tests import builders


def _sleep(seconds):
    time.sleep(seconds)
    return "woke"


def _crash():
    os._exit(3)


@pytest.fixture
def pool():
    workers = WorkerPool(workers=1, timeout=3)
    yield workers
    workers.close()


def test_a_check_runs_in_a_worker(pool):
    report = check_upload(pool, builders.plain_docx(), "r.docx", "medical-coder", None)
    assert report.role.id == "medical-coder" and report.lines


def test_errors_come_back_typed(pool):
    with pytest.raises(UnsupportedFormat, match="PNG"):
        check_upload(pool, b"\x89PNG\r\n\x1a\n" + b"0" * 10, "x.pdf", "medical-coder", None)


def test_a_hanging_worker_is_killed_and_the_pool_recovers(pool):
    with pytest.raises(ReadTimeout):  # the 30 s sleep never returned "woke": the guard ended it
        pool.call(_sleep, 30)
    assert pool.call(_sleep, 0) == "woke"


def test_a_crashing_worker_is_a_typed_error_and_the_pool_recovers(pool):
    with pytest.raises(CorruptDocument, match="crashed"):
        pool.call(_crash)
    assert pool.call(_sleep, 0) == "woke"


def _pid():
    return os.getpid()


def test_workers_are_replaced_after_their_share_of_tasks():
    recycled = WorkerPool(workers=1, timeout=10, tasks_per_worker=2)
    try:
        pids = [recycled.call(_pid) for _ in range(6)]
        report = check_upload(recycled, builders.plain_docx(), "r.docx", "medical-coder", None)
    finally:
        recycled.close()
    assert len(set(pids)) == 3 and report.score >= 0


def test_one_timeout_kills_only_its_own_worker():
    """An innocent check running beside a hostile one finishes (the pool does not kill every worker)."""
    import threading

    two = WorkerPool(workers=2, timeout=4)
    outcomes: dict[str, object] = {}

    def innocent() -> None:
        time.sleep(1.5)  # start after the hostile task holds its worker, still run when it is killed at 4 s
        outcomes["innocent"] = two.call(_sleep, 3)

    try:
        two.call(_pid)  # both workers warm
        thread = threading.Thread(target=innocent)
        thread.start()
        with pytest.raises(ReadTimeout):
            two.call(_sleep, 30)
        thread.join(20)
    finally:
        two.close()
    assert outcomes.get("innocent") == "woke"
