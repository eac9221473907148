"""Reading speed: jobkit's read and full check beside its peers and the practical limit, in interleaved rounds.

Reads every PDF in the offlinecv corpus folder with each contender, in ABBA order over
several rounds (``bench.common.interleaved``), and prints CPU and wall time (min and median)
and each one's ratio to pdfminer's naive ``extract_text`` (median over rounds of the ratio
within a round, CPU and wall):

- pdfminer ``extract_text`` (its default layout analysis): the naive peer;
- pdfminer without layout analysis (``laparams=None``): the parse-only floor of that library;
- jobkit's full read (layout findings included) and its full check (read, match, checks,
  report) with each installed PDF engine;
- ``pdftotext`` (poppler, if installed) and pypdfium2's bare text (if installed): the limit.

Goals: the default engine's read <= 1.0x the naive peer; a full check with the fast engine
(pdfium) <= 0.2x the naive peer and <= 3x pypdfium2's bare text.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import interleaved, pdfs, print_table, round_ratio  # noqa: E402

NAIVE, BARE = "pdfminer extract_text", "pypdfium2 bare text"
READ, FAST_CHECK = "jobkit read (pdfminer)", "jobkit check (pdfium)"
GOALS = {"read": 1.0, "fast_check": 0.2, "fast_check_vs_bare": 3.0}


def _jobkit(datas: list[bytes], engine: str, check: bool):  # type: ignore[no-untyped-def]
    from jobkit import read_resume
    from jobkit.pipeline import check_resume
    from jobkit.config import Limits

    limits = Limits(pdf_engine=engine)
    if check:
        return lambda: [check_resume(d, filename="resume.pdf", limits=limits) for d in datas]
    return lambda: [read_resume(d, "resume.pdf", limits=limits) for d in datas]


def _contenders(datas: list[bytes], paths: list[Path]) -> dict[str, Any]:
    from pdfminer.high_level import extract_text, extract_text_to_fp

    engines = ["pdfminer"] + (["pdfium"] if _has("pypdfium2") else [])
    contenders: dict[str, Any] = {
        NAIVE: lambda: [extract_text(io.BytesIO(d)) for d in datas],
        "pdfminer, no layout": lambda: [extract_text_to_fp(io.BytesIO(d), io.StringIO(), laparams=None) for d in datas],
    }
    for check in (False, True):
        for engine in engines:
            contenders[f"jobkit {'check' if check else 'read'} ({engine})"] = _jobkit(datas, engine, check)
    if "pdfium" in engines:
        contenders[BARE] = lambda: bare_text(datas)
    if shutil.which("pdftotext"):
        def poppler() -> None:
            with tempfile.TemporaryDirectory() as folder:
                for path in paths:
                    subprocess.run(["pdftotext", str(path), str(Path(folder) / "out.txt")], check=False,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        contenders["pdftotext (poppler)"] = poppler
    return contenders


def bare_text(datas: list[bytes]) -> None:
    """pypdfium2's bare text of every page: the practical limit a check is measured against."""
    import pypdfium2 as pdfium

    for data in datas:
        document = pdfium.PdfDocument(data)
        for page in document:
            page.get_textpage().get_text_range()
        document.close()


def _has(module: str) -> bool:
    try:
        __import__(module)
        return True
    except ImportError:
        return False


def run(rounds: int = 3) -> dict[str, Any]:
    paths = pdfs("offlinecv")
    datas = [path.read_bytes() for path in paths]
    contenders = _contenders(datas, paths)
    for contender in contenders.values():  # imports, data files and caches warmed before timing
        contender()
    results = interleaved(contenders, rounds)
    jobkit = results[READ]
    out: dict[str, Any] = {"files": len(paths), "rounds": rounds, "results": results,
                           "naive_s": results[NAIVE]["cpu_median"], "jobkit_s": jobkit["cpu_median"],
                           "ratio": jobkit["ratio"], "goals": GOALS}
    if FAST_CHECK in results:
        out["fast_check"] = {"ratio": results[FAST_CHECK]["ratio"], "wall_ratio": results[FAST_CHECK]["wall_ratio"],
                             "vs_bare": round_ratio(results, FAST_CHECK, BARE),
                             "vs_bare_wall": round_ratio(results, FAST_CHECK, BARE, "wall")}
    return out


def main() -> None:
    result = run()
    print_table(f"Reading {result['files']} PDFs (offlinecv), ABBA x{result['rounds']}, per file:", result["results"],
                per=result["files"], unit="ms")
    print(f"jobkit read (pdfminer) / naive extract_text:   {result['ratio']:.2f}x CPU  (goal <= {GOALS['read']})")
    fast = result.get("fast_check")
    if fast:
        print(f"jobkit check (pdfium) / naive extract_text:    {fast['ratio']:.2f}x CPU, {fast['wall_ratio']:.2f}x wall"
              f"  (goal <= {GOALS['fast_check']})")
        print(f"jobkit check (pdfium) / pypdfium2 bare text:   {fast['vs_bare']:.2f}x CPU, {fast['vs_bare_wall']:.2f}x wall"
              f"  (goal <= {GOALS['fast_check_vs_bare']})")


if __name__ == "__main__":
    main()
