"""CLI cold start: `jobkit check` on a one-page PDF, with each PDF engine, vs a bare pdfminer script.

Each command runs as a fresh process, several times per turn, in ABBA order over several
rounds (``bench.common.interleaved``: CPU time is the finished children's); the figures are
per run, and the ratios the median over rounds of each command's time over the baseline's
in the same round. The baseline only imports pdfminer and prints extract_text(). Goals:
`jobkit check` within 1.3x of it with the default engine, which keeps Flask and other heavy
imports out of the CLI path, and within 1.0x with the fast engine (``--pdf-engine pdfium``).
Bytecode is compiled first so neither side pays for compiling sources (PYTHONDONTWRITEBYTECODE
would otherwise make every run recompile jobkit), and the data-file cache is warmed by one run.
"""

from __future__ import annotations

import compileall
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import CORPUS, ROOT, interleaved  # noqa: E402

ONE_PAGE = "offlinecv/google-docs__google-docs-skia-proxy-achievements-oneline.pdf"
BASELINE = "import sys\nfrom pdfminer.high_level import extract_text\nprint(extract_text(sys.argv[1]))"
BARE, PYTHON = "bare pdfminer script", "python -c pass"
DEFAULT, FAST = "jobkit check (pdfminer)", "jobkit check (pdfium)"
GOALS = {"default": 1.3, "fast": 1.0}


def _jobkit_command() -> list[str]:
    script = shutil.which("jobkit", path=str(Path(sys.executable).parent)) or shutil.which("jobkit")
    return [script] if script else [sys.executable, "-m", "jobkit.cli"]


def _runs(command: list[str], times: int):  # type: ignore[no-untyped-def]
    def run() -> None:
        for _ in range(times):
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return run


def _commands(resume: Path) -> dict[str, list[str]]:
    check = [*_jobkit_command(), "check", str(resume)]
    commands = {BARE: [sys.executable, "-c", BASELINE, str(resume)], PYTHON: [sys.executable, "-c", "pass"],
                DEFAULT: [*check, "--pdf-engine", "pdfminer"]}
    if importlib.util.find_spec("pypdfium2"):
        commands[FAST] = [*check, "--pdf-engine", "pdfium"]
    return commands


def run(rounds: int = 5, per_turn: int = 3) -> dict[str, Any]:
    resume = CORPUS / ONE_PAGE
    if not resume.is_file():
        raise SystemExit(f"{resume} not found; set JOBKIT_CORPUS")
    compileall.compile_dir(str(ROOT / "jobkit"), quiet=1)
    commands = _commands(resume)
    for command in commands.values():  # warm the data-file cache and the OS file cache
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    results = interleaved({name: _runs(command, per_turn) for name, command in commands.items()}, rounds)
    per_run = {name: {k: row[k] / per_turn for k in ("cpu_min", "cpu_median", "wall_min", "wall_median")}
               for name, row in results.items()}
    out: dict[str, Any] = {"rounds": rounds, "per_turn": per_turn, "goals": GOALS, "results": results,
                           "python_ms": 1000 * per_run[PYTHON]["wall_median"],
                           "baseline_ms": 1000 * per_run[BARE]["wall_median"],
                           "jobkit_ms": 1000 * per_run[DEFAULT]["wall_median"],
                           "ratio": results[DEFAULT]["wall_ratio"], "cpu_ratio": results[DEFAULT]["ratio"]}
    if FAST in results:
        out.update(fast_ms=1000 * per_run[FAST]["wall_median"], fast_ratio=results[FAST]["wall_ratio"],
                   fast_cpu_ratio=results[FAST]["ratio"])
    out["per_run"] = per_run
    return out


def main() -> None:
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("note: PYTHONDONTWRITEBYTECODE is set; bytecode was compiled explicitly before timing")
    result = run()
    print(f"CLI cold start, one-page PDF, ABBA x{result['rounds']} ({result['per_turn']} runs a turn), per run:")
    print(f"  {'':26} {'CPU min':>9} {'CPU med':>9} {'wall min':>9} {'wall med':>9} {'CPU ratio':>10} {'wall ratio':>10}")
    for name, row in result["per_run"].items():
        full = result["results"][name]
        cells = " ".join(f"{1000 * row[k]:>7.0f}ms" for k in ("cpu_min", "cpu_median", "wall_min", "wall_median"))
        print(f"  {name:26} {cells} {full['ratio']:>9.2f}x {full['wall_ratio']:>9.2f}x")
    print(f"jobkit check (pdfminer) / bare:  {result['ratio']:.2f}x wall, {result['cpu_ratio']:.2f}x CPU"
          f"  (goal <= {GOALS['default']})")
    if "fast_ratio" in result:
        print(f"jobkit check (pdfium) / bare:    {result['fast_ratio']:.2f}x wall, {result['fast_cpu_ratio']:.2f}x CPU"
              f"  (goal <= {GOALS['fast']})")


if __name__ == "__main__":
    main()
