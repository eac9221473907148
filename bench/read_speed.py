"""Reading speed: jobkit's full read vs a naive pdfminer extract_text.

Reads every PDF in the offlinecv corpus folder both ways in the same run,
several rounds, and prints the best time of each and their ratio. Goal:
jobkit's read, layout findings included, costs no more than the naive
extraction (ratio <= 1.0).
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import pdfs  # noqa: E402


def _time(fn, datas: list[bytes], rounds: int) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for data in datas:
            fn(data)
        best = min(best, time.perf_counter() - started)
    return best


def run(rounds: int = 3) -> dict[str, float]:
    from pdfminer.high_level import extract_text

    from jobkit import read_resume

    files = pdfs("offlinecv")
    datas = [path.read_bytes() for path in files]
    naive = _time(lambda d: extract_text(io.BytesIO(d)), datas, rounds)
    full = _time(lambda d: read_resume(d, "resume.pdf"), datas, rounds)
    return {"files": len(files), "naive_s": naive, "jobkit_s": full, "ratio": full / naive}


def main() -> None:
    result = run()
    print(f"files read:                 {result['files']}")
    print(f"naive extract_text:         {result['naive_s']:.2f} s")
    print(f"jobkit read_resume:         {result['jobkit_s']:.2f} s")
    print(f"ratio jobkit/naive:         {result['ratio']:.2f}  (goal <= 1.0)")


if __name__ == "__main__":
    main()
