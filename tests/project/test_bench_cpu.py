"""The benchmarks' CPU clock counts the whole process tree (issue 33): a worker that is a grandchild (a
forkserver's) and still alive is counted, where rusage alone sees nothing until it is reaped by us."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from bench.common import _cpu, _live_descendants_cpu

BURN = "import time\nend = time.process_time() + 0.3\nwhile time.process_time() < end: pass\ntime.sleep(30)"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_live_grandchilds_cpu_is_counted():
    # a shell that starts python and waits: the python is a grandchild, alive while it sleeps
    child = subprocess.Popen(["/bin/sh", "-c", f'{sys.executable} -c "{BURN}"; true'], start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while _live_descendants_cpu(child.pid) < 0.25 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _live_descendants_cpu(child.pid) >= 0.25  # the shell's child, seen through /proc while it lives
        assert _cpu() >= _live_descendants_cpu(child.pid)  # and the benchmarks' clock includes it
    finally:
        os.killpg(child.pid, signal.SIGKILL)  # the shell and the python it started
        child.wait()
