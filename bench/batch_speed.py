"""Batch throughput on the offlinecv corpus with 1 and with 2 worker processes.

The corpus is passed three times so the run is long enough for a steady
state; the pool is started (and its workers warmed) before timing. Goal:
2 workers at least 1.8x the files per second of 1.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import pdfs  # noqa: E402


def _rate(workers: int, files: list[Path]) -> float:
    from jobkit.batch.pipeline import BatchTarget, default_executor, run_batch

    target = BatchTarget(role="medical-records-technician")
    executor = default_executor(workers)
    try:
        list(run_batch(files[: 2 * workers], target, executor))  # start and warm the workers
        started = time.perf_counter()
        count = sum(1 for _ in run_batch(files, target, executor))
        return count / (time.perf_counter() - started)
    finally:
        executor.close()


def run() -> dict[str, float]:
    files = pdfs("offlinecv") * 3
    one = _rate(1, files)
    two = _rate(2, files)
    return {"files": len(files), "one_worker": one, "two_workers": two, "speedup": two / one}


def main() -> None:
    result = run()
    print(f"files per run:              {result['files']}")
    print(f"1 worker:                   {result['one_worker']:.1f} files/s")
    print(f"2 workers:                  {result['two_workers']:.1f} files/s")
    print(f"speed-up 2 vs 1:            {result['speedup']:.2f}x  (goal >= 1.8)")


if __name__ == "__main__":
    main()
