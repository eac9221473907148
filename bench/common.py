"""Helpers shared by the benchmark scripts."""

from __future__ import annotations

import os
import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("JOBKIT_CORPUS", ROOT.parent / "shared" / "corpus")).resolve()


def corpus_folder(name: str) -> Path:
    folder = CORPUS / name
    if not folder.is_dir():
        raise SystemExit(f"corpus folder {folder} not found; set JOBKIT_CORPUS")
    return folder


def pdfs(name: str = "offlinecv") -> list[Path]:
    return sorted(corpus_folder(name).glob("*.pdf"))


def resume_files(name: str) -> list[Path]:
    """The resumes in a corpus folder: PDF, Word and text files, not the folder's SOURCES or README."""
    return sorted(p for p in corpus_folder(name).iterdir()
                  if p.suffix.lower() in (".pdf", ".docx", ".doc", ".txt", ".md")
                  and not p.name.startswith(("SOURCES", "README")))


def interleaved(contenders: dict[str, Callable[[], object]], rounds: int = 3) -> dict[str, dict[str, Any]]:
    """Time each contender in ABBA order, ``rounds`` times: on a shared, noisy machine only
    ratios taken within one round mean anything.

    Returns per contender the min and median CPU and wall seconds; ``ratio`` and ``wall_ratio``:
    the median, over rounds, of its CPU (wall) time divided by the first contender's in the same
    round; and ``cpu_rounds``/``wall_rounds``, each round's A and B runs added, for
    :func:`round_ratio`. CPU time is this process's plus its finished children's (a subprocess
    such as pdftotext, or a joined worker pool, counts).
    """
    names = list(contenders)
    cpu: dict[str, list[float]] = {n: [] for n in names}
    wall: dict[str, list[float]] = {n: [] for n in names}
    for _ in range(rounds):
        for name in names + names[::-1]:
            cpu_start, wall_start = _cpu(), time.perf_counter()
            contenders[name]()
            cpu[name].append(_cpu() - cpu_start)
            wall[name].append(time.perf_counter() - wall_start)
    first = names[0]
    out: dict[str, dict[str, Any]] = {}
    for name in names:
        out[name] = {"cpu_min": min(cpu[name]), "cpu_median": statistics.median(cpu[name]),
                     "wall_min": min(wall[name]), "wall_median": statistics.median(wall[name]),
                     "cpu_rounds": _pairs(cpu[name]), "wall_rounds": _pairs(wall[name])}
    for name in names:
        out[name]["ratio"] = round_ratio(out, name, first)
        out[name]["wall_ratio"] = round_ratio(out, name, first, "wall")
    return out


def round_ratio(results: dict[str, dict[str, Any]], name: str, base: str, clock: str = "cpu") -> float:
    """Median over rounds of ``name``'s time over ``base``'s in the same round (``clock``: cpu or wall)."""
    ratios = [a / b for a, b in zip(results[name][f"{clock}_rounds"], results[base][f"{clock}_rounds"]) if b > 0]
    return statistics.median(ratios) if ratios else float("nan")


def _pairs(times: list[float]) -> list[float]:
    """A round's two runs (the A and the B of ABBA) added: one figure per round."""
    return [a + b for a, b in zip(times[::2], times[1::2])]


def _cpu() -> float:
    """This process's CPU, its finished children's, and every live descendant's (with what each has reaped): the
    process tree's CPU, so a forkserver pool's workers (children of the forkserver, not of this process) count."""
    own = time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own + children.ru_utime + children.ru_stime + _live_descendants_cpu()


_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _children_of(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
                found += [int(child) for child in handle.read().split()]
    except OSError:  # not Linux, or the process is gone
        return []
    return found


def _live_descendants_cpu(root: int | None = None) -> float:
    """utime + stime + cutime + cstime of every live descendant of ``root`` (this process by default; Linux /proc,
    0 elsewhere)."""
    total, pending, seen = 0, _children_of(os.getpid() if root is None else root), set()
    while pending:
        pid = pending.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # it ended between the listing and the read: reaped, its time is with its parent now
        total += sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime (fields 14-17)
        pending += _children_of(pid)
    return total / _TICKS


def print_table(title: str, results: dict[str, dict[str, Any]], per: int = 1, unit: str = "s") -> None:
    """The interleaved figures as a table: CPU and wall (min and median) and the ratios to the first row."""
    scale = 1000 / per if unit == "ms" else 1 / per
    print(title)
    print(f"  {'':30} {'CPU min':>10} {'CPU med':>10} {'wall min':>10} {'wall med':>10} {'CPU ratio':>10} {'wall ratio':>10}")
    for name, row in results.items():
        cells = " ".join(f"{row[k] * scale:>8.2f}{unit:<2}" for k in ("cpu_min", "cpu_median", "wall_min", "wall_median"))
        print(f"  {name:30} {cells} {row['ratio']:>9.2f}x {row['wall_ratio']:>9.2f}x")
