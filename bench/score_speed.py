"""Scoring speed: checks of already-read documents against a full role set.

Reads every resume in the corpus once, then times check_document() (index,
match, score, stuffing and the report checks) against the largest role set.
Goal: <= 2 ms per resume.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import resume_files  # noqa: E402


def run(rounds: int = 5) -> dict[str, float]:
    from jobkit import read_resume
    from jobkit.pipeline import check_document
    from jobkit.errors import JobkitError
    from jobkit.match.target import role_target

    documents = []
    for folder in ("resumes", "offlinecv"):
        for path in resume_files(folder):  # resumes only: not the folder's SOURCES.tsv
            try:
                documents.append(read_resume(path))
            except JobkitError:
                continue
    target = role_target("medical-records-technician")
    check_document(documents[0], target)  # compile the matchers once
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for document in documents:
            check_document(document, target)
        best = min(best, time.perf_counter() - started)
    return {"documents": len(documents), "ms_per_resume": 1000 * best / len(documents)}


def main() -> None:
    result = run()
    print(f"documents scored:           {result['documents']}")
    print(f"scoring + checks per resume: {result['ms_per_resume']:.2f} ms  (goal <= 2)")


if __name__ == "__main__":
    main()
