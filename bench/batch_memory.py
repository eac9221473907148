"""Peak memory of a batch: 2,000 files (the corpus repeated) against 500.

Measures the resident memory of the parent process, of the largest worker
and of all of them together while the batch runs. Goal: the total stays at
or under 250 MB and does not grow with the number of files.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import corpus_folder  # noqa: E402
from bench.procmem import PeakSampler  # noqa: E402


def _files(count: int) -> list[Path]:
    pool = sorted(p for folder in ("resumes", "offlinecv") for p in corpus_folder(folder).iterdir()
                  if p.suffix in (".pdf", ".docx", ".txt"))
    return [pool[i % len(pool)] for i in range(count)]


def peak(count: int, workers: int) -> dict[str, float]:
    from jobkit.batch.runs import BatchTarget, run_batch
    from jobkit.batch.cohort import Cohort

    cohort = Cohort()
    with PeakSampler() as sampler:
        for result in run_batch(_files(count), BatchTarget(role="medical-records-technician"), workers=workers):
            cohort.add(result)
    return {"files": count, "parent_mb": sampler.parent_kb / 1024, "worker_mb": sampler.worker_kb / 1024,
            "total_mb": sampler.total_kb / 1024}


def run(workers: int = 2) -> dict[str, dict[str, float]]:
    return {"small": peak(500, workers), "large": peak(2000, workers)}


def main() -> None:
    result = run()
    for label in ("small", "large"):
        r = result[label]
        print(f"{r['files']:>5} files: parent {r['parent_mb']:.0f} MB, largest worker {r['worker_mb']:.0f} MB, "
              f"all processes {r['total_mb']:.0f} MB")
    growth = result["large"]["total_mb"] - result["small"]["total_mb"]
    print(f"growth from 500 to 2000 files: {growth:+.0f} MB  (goal: total <= 250 MB, flat)")


if __name__ == "__main__":
    main()
