"""Batch throughput on the offlinecv corpus: each PDF engine, with 1 and with 2 worker processes.

Every contender runs ``run_batch`` over the corpus (copied twice under other names, so a run
is long enough for a steady state: a batch checks a file given twice once) in ABBA order over several rounds (``bench.common.interleaved``), and
the figures are files per second (from wall time, min and median) and CPU time per file.
Each run gets a fresh pool of jobkit's own ``WorkerPool``, as users run it (its forkserver
workers, not forked copies of this process), and CPU time is the whole process tree's
(``bench.common`` adds every live descendant's CPU from /proc: the forkserver's workers are its
children, not this process's, so rusage alone missed them). Workers start as they start for a
user, loading what a check needs in each pool.

Goals: the fast engine (pdfium) >= 4x the files per second of the default (pdfminer), with
2 workers each; 2 workers >= 1.8x the files per second of 1 (default engine).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import interleaved, pdfs, round_ratio  # noqa: E402

ROLE = "medical-records-technician"
GOALS = {"fast_vs_default": 4.0, "two_vs_one": 1.8}


def _label(engine: str, workers: int) -> str:
    return f"{engine}, {workers} worker{'s' if workers > 1 else ''}"


def _batch(engine: str, workers: int, files: list[Path]):  # type: ignore[no-untyped-def]
    from jobkit.batch.runs import BatchTarget, run_batch
    from jobkit.config import Limits
    from jobkit.workers import WorkerPool

    def run() -> None:
        pool = WorkerPool(workers)
        try:
            results = list(run_batch(files, BatchTarget(role=ROLE), pool, limits=Limits(pdf_engine=engine)))
        finally:
            pool.close()  # joins the workers: their CPU time is now this process's children's
        if len(results) != len(files) or not all(r.ok for r in results):
            raise SystemExit(f"{_label(engine, workers)}: {sum(not r.ok for r in results)} files failed")
    return run


def _engines() -> list[str]:
    import importlib.util

    return ["pdfminer"] + (["pdfium"] if importlib.util.find_spec("pypdfium2") else [])


def _warm(engines: list[str], sample: Path) -> None:
    """One check per engine in this process first: a missing engine or data file stops the run before the rounds."""
    from jobkit.pipeline import check_resume
    from jobkit.config import Limits

    for engine in engines:
        check_resume(sample, role=ROLE, limits=Limits(pdf_engine=engine))


def run(rounds: int = 2, passes: int = 2) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="jobkit-batch-speed-") as folder:
        files = []
        for number in range(passes):  # the same path twice would be checked once (a batch's repeats are dropped)
            for path in pdfs("offlinecv"):
                files.append(Path(shutil.copy(path, Path(folder) / f"{number}-{path.name}")))
        return _run(files, rounds)


def _run(files: list[Path], rounds: int) -> dict[str, Any]:
    engines = _engines()
    _warm(engines, files[0])
    contenders = {_label(e, w): _batch(e, w, files) for e in engines for w in (1, 2)}
    results = interleaved(contenders, rounds)
    for row in results.values():
        row["files_per_s_median"] = len(files) / row["wall_median"]
        row["files_per_s_max"] = len(files) / row["wall_min"]
        row["cpu_ms_per_file"] = 1000 * row["cpu_median"] / len(files)
    one, two = _label("pdfminer", 1), _label("pdfminer", 2)
    out: dict[str, Any] = {"files": len(files), "rounds": rounds, "results": results, "goals": GOALS,
                           "one_worker": results[one]["files_per_s_median"],
                           "two_workers": results[two]["files_per_s_median"],
                           "speedup": 1 / round_ratio(results, two, one, "wall")}
    if "pdfium" in engines:
        for workers in (1, 2):
            fast, default = _label("pdfium", workers), _label("pdfminer", workers)
            out[f"fast_vs_default_{workers}"] = {"files_per_s": 1 / round_ratio(results, fast, default, "wall"),
                                                 "cpu": 1 / round_ratio(results, fast, default)}
        out["fast_two_vs_one"] = 1 / round_ratio(results, _label("pdfium", 2), _label("pdfium", 1), "wall")
    return out


def main() -> None:
    result = run()
    print(f"Batch of {result['files']} PDFs (offlinecv x2), ABBA x{result['rounds']}:")
    print(f"  {'':22} {'files/s med':>12} {'files/s max':>12} {'CPU/file med':>13} {'wall med':>9}")
    for name, row in result["results"].items():
        print(f"  {name:22} {row['files_per_s_median']:>12.1f} {row['files_per_s_max']:>12.1f} "
              f"{row['cpu_ms_per_file']:>10.1f} ms {row['wall_median']:>7.2f} s")
    print(f"2 workers vs 1 (pdfminer), files/s:    {result['speedup']:.2f}x  (goal >= {GOALS['two_vs_one']})")
    for workers in (1, 2):
        fast = result.get(f"fast_vs_default_{workers}")
        if fast:
            goal = f"  (goal >= {GOALS['fast_vs_default']})" if workers == 2 else ""
            print(f"pdfium vs pdfminer, {workers} worker(s), files/s: {fast['files_per_s']:.2f}x "
                  f"(CPU per file {fast['cpu']:.2f}x less){goal}")
    if "fast_two_vs_one" in result:
        print(f"2 workers vs 1 (pdfium), files/s:      {result['fast_two_vs_one']:.2f}x")

if __name__ == "__main__":
    main()
