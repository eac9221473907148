"""CPU-time budgets: a waiting check keeps its budget, a spinning one loses it, on any thread."""

from __future__ import annotations

import threading
import time

import pytest

from jobkit.read.deadline import check_current, cpu_backstop, time_limit
from jobkit.errors import ReadTimeout


def _spin() -> None:
    while True:
        pass


def test_waiting_costs_no_budget():
    """A genuine resume on a saturated machine waits for a core; waiting is not computing."""
    with time_limit(0.3):
        time.sleep(0.6)


def test_a_spinning_loop_is_stopped_on_the_main_thread():
    with pytest.raises(ReadTimeout, match="computing time"):
        with time_limit(0.3):
            _spin()


def _in_thread(body) -> list[BaseException | str]:
    outcome: list[BaseException | str] = []

    def run() -> None:
        try:
            body()
            outcome.append("finished")
        except BaseException as exc:  # noqa: BLE001 - the test inspects it
            outcome.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(20)
    return outcome


def test_a_spinning_loop_is_stopped_in_a_worker_thread():
    """Under Dask or a threaded web server the check runs off the main thread, where no signal is armed."""

    def body() -> None:
        with time_limit(0.3):
            _spin()

    [outcome] = _in_thread(body)
    assert isinstance(outcome, ReadTimeout)


def test_a_thread_that_finishes_in_time_is_not_interrupted_later():
    def body() -> None:
        with time_limit(0.2):
            pass
        deadline = time.monotonic() + 0.5
        while time.monotonic() < deadline:  # spin past the budget, outside the block
            pass

    assert _in_thread(body) == ["finished"]


def test_the_outer_budget_rules_and_loops_can_check_it():
    with pytest.raises(ReadTimeout):
        with time_limit(0.2):
            with time_limit(100):  # a read inside a check: the check's budget holds
                started = time.process_time()
                while time.process_time() - started < 1:
                    check_current()


def test_cpu_backstop_restores_the_limit():
    import resource

    before = resource.getrlimit(resource.RLIMIT_CPU)
    with cpu_backstop(30):
        soft, _ = resource.getrlimit(resource.RLIMIT_CPU)
        assert soft != resource.RLIM_INFINITY
    assert resource.getrlimit(resource.RLIMIT_CPU) == before


def test_cpu_backstop_from_threads_never_leaves_a_limit_behind():
    """A thread pool of checks (tests, Dask) once left the process a CPU limit it later died of."""
    import resource
    from concurrent.futures import ThreadPoolExecutor

    before = resource.getrlimit(resource.RLIMIT_CPU)

    def use() -> None:
        with cpu_backstop(30):
            time.sleep(0.05)

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda _: use(), range(16)))
    assert resource.getrlimit(resource.RLIMIT_CPU) == before
