"""Scoring speed: checks of already-read documents, and the posting parse beside them.

Reads every resume in the corpus once, then in interleaved rounds (ABAB: one round of checks against the largest
role set, one round parsing a 2,000-word posting afresh, again and again) times, in CPU time beside wall time:
- check_document() (index, match, score and the report checks) per resume;
- parsing the posting with the cache cleared, and a check against it once parsed (the cache's saving);
then, in ABBA rounds of their own, parsing postings of 500, 1,000, 2,000 and 4,000 words built the same way
(4x the words should cost about 4x: the parse is linear in the posting's length).
CPU time is this process's own (no workers here), so a loaded machine changes the wall figures, not the CPU ones.
Goals (issue 33): a check <= 2 ms of CPU per resume; parsing a 2,000-word posting <= 0.5x a resume check.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import CORPUS, interleaved, resume_files  # noqa: E402

POSTING_WORDS = 2000
GROWTH_WORDS = (500, 1000, 2000, 4000)


def _posting_text(limit: int = POSTING_WORDS) -> str:
    """The corpus postings' lines, in order, up to ``limit`` words: a long posting with a posting's line structure."""
    lines: list[str] = []
    words = 0
    for path in sorted((CORPUS / "jobs").glob("*")):
        if path.suffix in (".txt", ".md"):
            for line in path.read_text(encoding="utf-8").splitlines():
                if words >= limit:
                    return "\n".join(lines)
                lines.append(line)
                words += len(line.split())
    return "\n".join(lines)


def posting_growth(rounds: int = 3) -> dict[str, float]:
    """CPU ms (median) of parsing postings of each of GROWTH_WORDS words afresh, in ABBA rounds."""
    from jobkit.match import target as targets

    def parse(text: str):  # type: ignore[no-untyped-def]
        def run() -> None:
            targets._POSTINGS.clear()
            targets.posting_target(text)
        return run

    results = interleaved({str(n): parse(_posting_text(n)) for n in GROWTH_WORDS}, rounds)
    return {name: 1000 * row["cpu_median"] for name, row in results.items()}


def _timed(work) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    cpu, wall = time.process_time(), time.perf_counter()
    work()
    return time.process_time() - cpu, time.perf_counter() - wall


def run(rounds: int = 5) -> dict[str, Any]:
    from jobkit import read_resume
    from jobkit.errors import JobkitError
    from jobkit.match import target as targets
    from jobkit.match.target import posting_target, role_target
    from jobkit.pipeline import check_document

    documents = []
    for folder in ("resumes", "offlinecv"):
        for path in resume_files(folder):  # resumes only: not the folder's SOURCES.tsv
            try:
                documents.append(read_resume(path))
            except JobkitError:
                continue
    role = role_target("medical-records-technician")
    text = _posting_text()
    check_document(documents[0], role)  # compile the matchers once
    posting = posting_target(text)
    checks, parses, against = [], [], []
    for _ in range(rounds):
        checks.append(_timed(lambda: [check_document(d, role) for d in documents]))
        targets._POSTINGS.clear()
        parses.append(_timed(lambda: posting_target(text)))
        against.append(_timed(lambda: [check_document(d, posting) for d in documents[:10]]))
    per_check = statistics.median(c for c, _ in checks) / len(documents)
    parse = statistics.median(c for c, _ in parses)
    growth = posting_growth()
    return {"posting_growth_ms": growth, "posting_growth_4x": growth["4000"] / growth["1000"],
            "documents": len(documents), "ms_per_resume": 1000 * per_check,
            "wall_ms_per_resume": 1000 * statistics.median(w for _, w in checks) / len(documents),
            "posting_parse_ms": 1000 * parse, "posting_parse_wall_ms": 1000 * statistics.median(w for _, w in parses),
            "check_against_parsed_posting_ms": 1000 * statistics.median(c for c, _ in against) / 10,
            "parse_vs_check": parse / per_check, "words": len(text.split())}


def main() -> None:
    result = run()
    print(f"documents scored:               {result['documents']}")
    print(f"scoring + checks per resume:    {result['ms_per_resume']:.2f} ms CPU ({result['wall_ms_per_resume']:.2f} ms "
          "wall)  (goal <= 2 ms CPU)")
    print(f"posting parse ({result['words']} words): {result['posting_parse_ms']:.1f} ms CPU "
          f"({result['posting_parse_wall_ms']:.1f} ms wall) = {result['parse_vs_check']:.1f}x a resume check "
          "(goal <= 0.5x)")
    print(f"a check against it once parsed: {result['check_against_parsed_posting_ms']:.2f} ms CPU per resume "
          "(the parsed posting is cached by its text's hash)")
    growth = result["posting_growth_ms"]
    print("posting parse by length:        " + ", ".join(f"{int(n):,} words {ms:.1f} ms" for n, ms in growth.items())
          + f" (CPU; 1,000 -> 4,000 words: {result['posting_growth_4x']:.1f}x, linear ~4x)")


if __name__ == "__main__":
    main()
