"""Peak memory and CPU of `jobkit check` on a form XObject fan-out PDF, with each PDF engine.

The file (tests/hostile.py, ``pdf_form_fanout``) is 1.3 KB: three forms, each drawing
the next 200 times, with 200 rectangles in the last (40,201 form draws, 8 million
rectangles). Each run is a fresh `jobkit check` process; its peak resident memory and
CPU seconds are its own (``os.wait4``), beside the wall time. Rows:

* guarded: jobkit as it is; the form count refuses the file before either engine draws it.
* ``--unguarded`` adds, per engine, the count switched off: once under the memory cap
  (JOBKIT_MAX_MEMORY_MB, 1536 MB), once with no cap (what a check did before both
  existed: PDFium took 2.7 GB). These cost up to 3 GB and 20 CPU seconds each.

Goal: guarded, each engine refuses the file with ``unsafe_document`` under 100 MB and 1 CPU second.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL_MB, GOAL_CPU = 100, 1.0
# The jobkit command, with the form count optionally switched off (argv[1]: "guarded" or "unguarded").
RUN_CHECK = """
import sys
if sys.argv.pop(1) == "unguarded":
    import jobkit.read.pdf.pdf_reader as reader
    reader.check_forms = lambda *args, **kwargs: None
sys.argv[0] = "jobkit"
from jobkit.cli.commands import main
main()
"""


def measure(pdf: Path, engine: str, guarded: bool, memory_mb: str) -> dict[str, Any]:
    """One `jobkit check` in a fresh process: exit, what it printed, its peak memory and CPU, the wall time."""
    env = {**os.environ, "JOBKIT_MAX_MEMORY_MB": memory_mb}
    command = [sys.executable, "-c", RUN_CHECK, "guarded" if guarded else "unguarded", "check", str(pdf),
               "--pdf-engine", engine]
    started = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT) as child:
        assert child.stderr is not None
        said = child.stderr.read().decode("utf-8", "replace").strip().splitlines()
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    last = (said or [""])[-1].split(": ", 1)[-1]  # after the file name
    return {"exit": _exit(child.returncode), "said": last[:60], "peak_mb": usage.ru_maxrss / 1024,
            "cpu_s": usage.ru_utime + usage.ru_stime, "wall_s": time.perf_counter() - started}


def _exit(code: int) -> str:
    return f"{code}" if code >= 0 else signal.Signals(-code).name


def run(unguarded: bool = False) -> dict[str, dict[str, Any]]:
    from tests.hostile import pdf_form_fanout

    engines = ["pdfminer"] + (["pdfium"] if importlib.util.find_spec("pypdfium2") else [])
    settings = [("guarded", True, "")]
    if unguarded:
        settings += [("no count, 1536 MB cap", False, "1536"), ("no count, no cap", False, "0")]
    rows: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "fan.pdf"
        pdf.write_bytes(pdf_form_fanout())
        for label, guarded, memory_mb in settings:
            for engine in engines:
                rows[f"{engine}, {label}"] = measure(pdf, engine, guarded, memory_mb)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unguarded", action="store_true", help="also run with the form count off (up to 3 GB)")
    rows = run(parser.parse_args().unguarded)
    print(f"  {'run':34} {'exit':>7} {'peak MB':>8} {'CPU s':>7} {'wall s':>7}  printed")
    for name, row in rows.items():
        print(f"  {name:34} {row['exit']:>7} {row['peak_mb']:>8.0f} {row['cpu_s']:>7.2f} {row['wall_s']:>7.2f}  "
              f"{row['said']}")
    guarded = [row for name, row in rows.items() if name.endswith("guarded") and "no count" not in name]
    met = all("unsafe_document" in r["said"] and r["peak_mb"] < GOAL_MB and r["cpu_s"] < GOAL_CPU for r in guarded)
    print(f"goal: guarded, unsafe_document under {GOAL_MB} MB and {GOAL_CPU:g} CPU s per engine: "
          f"{'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
