"""Every benchmark in one run on one machine, as one table of figures and goals.

    python bench/run.py            # the full run (the web load alone takes a few minutes)
    python bench/run.py --quick    # smaller web load and batch, growth of resumes only, for a first look

Each benchmark runs in a fresh Python process, so none inherits another's
imports or memory, and is also a script of its own in bench/ with more
detail. The figures depend on the machine; the table prints what it ran on.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROOT = Path(__file__).resolve().parent.parent
Row = tuple[str, str, str, bool]


def _fresh(call: str) -> Any:
    """``bench.<call>`` evaluated in a new interpreter, its result passed back as JSON."""
    module = call.split(".", 1)[0]
    code = f"import json\nfrom bench import {module}\nprint(json.dumps({call}))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"bench {call} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _read() -> list[Row]:
    r = _fresh("read_speed.run()")
    goals = r["goals"]
    rows = [("Full read (pdfminer) vs naive pdfminer extract_text (CPU, ABBA x3)", f"{r['ratio']:.2f}x ({r['jobkit_s']:.2f} s "
             f"vs {r['naive_s']:.2f} s median, {r['files']} PDFs)", f"<= {goals['read']}", r["ratio"] <= goals["read"])]
    fast = r.get("fast_check")
    if fast:
        rows += [("Full check (pdfium) vs naive extract_text (CPU / wall)", f"{fast['ratio']:.2f}x / {fast['wall_ratio']:.2f}x",
                  f"<= {goals['fast_check']}", fast["ratio"] <= goals["fast_check"]),
                 ("Full check (pdfium) vs pypdfium2 bare text (CPU / wall)", f"{fast['vs_bare']:.2f}x / "
                  f"{fast['vs_bare_wall']:.2f}x", f"<= {goals['fast_check_vs_bare']}",
                  fast["vs_bare"] <= goals["fast_check_vs_bare"])]
    for name, row in r["results"].items():
        if name != "pdfminer extract_text":
            rows.append((f"  {name} vs naive extract_text", f"{row['ratio']:.2f}x CPU, {row['wall_ratio']:.2f}x wall "
                         f"({1000 * row['cpu_median'] / r['files']:.1f} ms per PDF)", "engine / peer / limit", True))
    return rows


def _score() -> list[Row]:
    r = _fresh("score_speed.run()")
    return [("Scoring + checks per resume (CPU)", f"{r['ms_per_resume']:.2f} ms, {r['wall_ms_per_resume']:.2f} ms wall "
             f"({r['documents']} resumes)", "<= 2 ms", r["ms_per_resume"] <= 2),
            ("Posting parse, 2,000 words, vs a resume check (CPU)", f"{r['parse_vs_check']:.1f}x "
             f"({r['posting_parse_ms']:.0f} ms; once parsed, cached by its text's hash)", "<= 0.5x",
             r["parse_vs_check"] <= 0.5)]


def _growth(quick: bool) -> list[Row]:
    r = _fresh("growth.run(modes=('resume',))" if quick else "growth.run()")
    return [(f"Whole check growth, N to 4N: worst of {len(r['rows'])} crafted shapes (CPU)",
             f"{r['worst']:.2f}x ({r['worst_shape']})", f"<= {r['limit']:.0f}x (linear ~4x)", r["worst"] <= r["limit"])]


def _batch_speed() -> list[Row]:
    r = _fresh("batch_speed.run()")
    goals = r["goals"]
    rows = [("Batch, 2 workers vs 1 (pdfminer, files/s)", f"{r['speedup']:.2f}x ({r['one_worker']:.1f} -> "
             f"{r['two_workers']:.1f} files/s)", f">= {goals['two_vs_one']}x", r["speedup"] >= goals["two_vs_one"])]
    fast = r.get("fast_vs_default_2")
    if fast:
        rows.append(("Batch, pdfium vs pdfminer (2 workers, files/s)", f"{fast['files_per_s']:.2f}x (CPU per file "
                     f"{fast['cpu']:.2f}x less)", f">= {goals['fast_vs_default']}x",
                     fast["files_per_s"] >= goals["fast_vs_default"]))
    for name, row in r["results"].items():
        rows.append((f"  batch, {name}", f"{row['files_per_s_median']:.1f} files/s, {row['cpu_ms_per_file']:.1f} ms CPU "
                     "per file (median)", "engine side by side", True))
    return rows


def _cli() -> list[Row]:
    r = _fresh("cli_start.run()")
    goals = r["goals"]
    rows = [("CLI cold start, jobkit check (pdfminer) vs bare pdfminer", f"{r['ratio']:.2f}x ({r['jobkit_ms']:.0f} ms vs "
             f"{r['baseline_ms']:.0f} ms)", f"<= {goals['default']}x", r["ratio"] <= goals["default"])]
    if "fast_ratio" in r:
        rows.append(("CLI cold start, jobkit check (pdfium) vs bare pdfminer", f"{r['fast_ratio']:.2f}x "
                     f"({r['fast_ms']:.0f} ms vs {r['baseline_ms']:.0f} ms)", f"<= {goals['fast']}x",
                     r["fast_ratio"] <= goals["fast"]))
    return rows


def _accuracy() -> list[Row]:
    r = _fresh("accuracy.figures()")
    presence, ranking, terms, goals = r["presence"]["overall"], r["ranking"], r["posting_terms"], r["goals"]
    return [
        ("Accuracy: concept presence F1 (micro, hand labels)", f"{presence['f1']:.3f} (P {presence['precision']:.3f}, "
         f"R {presence['recall']:.3f}; {len(r['presence']['not_modelled'])} concepts not modelled)",
         goals["presence_f1"]["goal"], goals["presence_f1"]["met"]),
        ("Accuracy: ranking AUC per posting, mean / min", f"{ranking['mean']:.3f} / {ranking['min']:.3f} "
         f"({len(ranking['postings']) - len(ranking['skipped'])} postings)", goals["auc_every_posting"]["goal"],
         goals["auc_every_posting"]["met"]),
        ("Accuracy: posting-term recall", f"{terms['recall']:.3f} ({terms['picked']}/{terms['terms']} terms; "
         f"{len(terms['leaks'])} boilerplate leaks)", goals["posting_term_recall"]["goal"],
         goals["posting_term_recall"]["met"]),
        ("Accuracy: posting-term level (required/preferred) errors", f"{len(terms['level_errors'])} of "
         f"{terms['level_checked']} picked up", goals["level_errors"]["goal"], goals["level_errors"]["met"]),
    ]


def _web(quick: bool) -> list[Row]:
    r = _fresh(f"web_load.run(clients=16, uploads={25 if quick else 500})")
    return [
        (f"Web load: 5xx + failed connections ({r['requests']:.0f} uploads, 16 clients)", f"{r['errors']:.0f}", "0",
         r["errors"] == 0 and bool(r["still_answers"])),
        ("Web load: p99 / median latency", f"{r['p99_over_median']:.2f}x ({r['p99_ms']:.0f} / {r['median_ms']:.0f} ms, "
         f"{r['per_second']:.0f} uploads/s)", "<= 3x", r["p99_over_median"] <= 3),
        ("Web load: memory of the web processes (trend)", f"{r['web_first_mb']:.0f} -> {r['web_last_mb']:.0f} MB "
         f"(first vs last quarter of {r['samples']:.0f} one-second samples)", "flat (< +10%)",
         r["web_last_mb"] < 1.1 * r["web_first_mb"]),
        ("Web load: memory of the check workers (trend)", f"{r['workers_first_mb']:.0f} -> {r['workers_last_mb']:.0f} MB "
         "(each replaced after 200 checks)", "flat (< +10%)", r["workers_last_mb"] < 1.1 * r["workers_first_mb"]),
    ]


def _web_cpu(quick: bool) -> list[Row]:
    rows = []
    for engine in ("pdfminer", "pdfium"):
        r = _fresh(f"web_cpu.run(rounds={1 if quick else 3}, engine={engine!r})")
        rows.append((f"Web CPU per upload (POST /check) / in-process check ({engine}, CPU, ABBA x{r['rounds']})",
                     f"{r['ratio']:.2f}x ({r['web_ms']:.1f} ms vs {r['check_ms']:.1f} ms, {r['files']} PDFs)",
                     f"<= {r['goal']}x", r["ratio"] <= r["goal"]))
    return rows


def _batch_memory(quick: bool) -> list[Row]:
    small, large = (_fresh(f"batch_memory.peak({n}, 2)") for n in ((100, 400) if quick else (500, 2000)))
    growth = large["total_mb"] - small["total_mb"]
    return [(f"Batch peak memory, {small['files']:.0f} vs {large['files']:.0f} files",
             f"{small['total_mb']:.0f} -> {large['total_mb']:.0f} MB ({growth:+.0f} MB)", "<= 250 MB, flat",
             large["total_mb"] <= 250 and growth < 0.1 * small["total_mb"])]


def main() -> None:
    parser = argparse.ArgumentParser(description="Run every jobkit benchmark and print one table.")
    parser.add_argument("--quick", action="store_true",
                        help="smaller web load and batch memory runs, growth of crafted resumes only")
    args = parser.parse_args()
    steps: list[tuple[str, Callable[[], list[Row]]]] = [
        ("read", _read), ("score", _score), ("growth", lambda: _growth(args.quick)), ("batch speed", _batch_speed),
        ("CLI start", _cli),
        ("accuracy", _accuracy),
        ("web load", lambda: _web(args.quick)), ("web CPU", lambda: _web_cpu(args.quick)),
        ("batch memory", lambda: _batch_memory(args.quick)),
    ]
    rows: list[Row] = []
    started = time.perf_counter()
    for label, step in steps:
        print(f"running {label} ...", file=sys.stderr, flush=True)
        rows.extend(step())
    machine: dict[str, Any] = {"python": platform.python_version(), "cpus": os.cpu_count(), "system": platform.system()}
    print(f"\njobkit benchmarks: Python {machine['python']}, {machine['cpus']} CPUs, {machine['system']}, "
          f"{time.perf_counter() - started:.0f} s{' (quick)' if args.quick else ''}\n")
    print("| Benchmark | Result | Goal | Met |")
    print("|---|---|---|---|")
    for name, result, goal, met in rows:
        print(f"| {name} | {result} | {goal} | {'yes' if met else 'NO'} |")


if __name__ == "__main__":
    main()
