"""CLI cold start: `jobkit check` on a one-page PDF vs a bare pdfminer script.

Each command runs as a fresh process, many times, and the medians are
compared. The baseline only imports pdfminer and prints extract_text(); the
goal is `jobkit check` within 1.3x of it, which keeps Flask and other heavy
imports out of the CLI path. Bytecode is compiled first so neither side pays
for compiling sources (PYTHONDONTWRITEBYTECODE would otherwise make every
run recompile jobkit), and the data-file cache is warmed by one run.
"""

from __future__ import annotations

import compileall
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import CORPUS, ROOT  # noqa: E402

ONE_PAGE = "offlinecv/google-docs__google-docs-skia-proxy-achievements-oneline.pdf"
BASELINE = "import sys\nfrom pdfminer.high_level import extract_text\nprint(extract_text(sys.argv[1]))"


def _medians_ms(commands: list[list[str]], runs: int) -> list[float]:
    """Run the commands in turn, ``runs`` rounds, so drift in the machine's load hits all alike."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for command, bucket in zip(commands, times):
            started = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            bucket.append(time.perf_counter() - started)
    return [statistics.median(bucket) * 1000 for bucket in times]


def _jobkit_command() -> list[str]:
    script = shutil.which("jobkit", path=str(Path(sys.executable).parent)) or shutil.which("jobkit")
    return [script] if script else [sys.executable, "-m", "jobkit.cli"]


def run(runs: int = 30) -> dict[str, float]:
    resume = CORPUS / ONE_PAGE
    if not resume.is_file():
        raise SystemExit(f"{resume} not found; set JOBKIT_CORPUS")
    compileall.compile_dir(str(ROOT / "jobkit"), quiet=1)
    check = [*_jobkit_command(), "check", str(resume)]
    baseline = [sys.executable, "-c", BASELINE, str(resume)]
    subprocess.run(check, stdout=subprocess.DEVNULL, check=True)  # warm the data-file cache and the OS file cache
    subprocess.run(baseline, stdout=subprocess.DEVNULL, check=True)
    python, base, jobkit = _medians_ms([[sys.executable, "-c", "pass"], baseline, check], runs)
    return {"python_ms": python, "baseline_ms": base, "jobkit_ms": jobkit, "ratio": jobkit / base}


def main() -> None:
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("note: PYTHONDONTWRITEBYTECODE is set; bytecode was compiled explicitly before timing")
    result = run()
    print(f"python -c pass:             {result['python_ms']:.0f} ms")
    print(f"bare pdfminer script:       {result['baseline_ms']:.0f} ms")
    print(f"jobkit check:               {result['jobkit_ms']:.0f} ms")
    print(f"ratio jobkit/bare:          {result['ratio']:.2f}x  (goal <= 1.3)")


if __name__ == "__main__":
    main()
