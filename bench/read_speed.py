"""Reading speed: jobkit's read beside its peers and the practical limit, in interleaved rounds.

Reads every PDF in the offlinecv corpus folder with each contender, in ABBA order over
several rounds (``bench.common.interleaved``), and prints CPU and wall time (min and median)
and each one's CPU ratio to pdfminer's naive ``extract_text``:

- pdfminer ``extract_text`` (its default layout analysis): the naive peer;
- pdfminer without layout analysis (``laparams=None``): the parse-only floor of that library;
- jobkit's full read (layout findings included), with each installed PDF engine;
- ``pdftotext`` (poppler, if installed) and pypdfium2's bare text (if installed): the limit.

Goal for the default engine: <= 1.0x the naive peer.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import interleaved, pdfs, print_table  # noqa: E402


def _contenders(datas: list[bytes], paths: list[Path]) -> dict[str, object]:
    from pdfminer.high_level import extract_text, extract_text_to_fp

    from jobkit import read_resume

    contenders = {
        "pdfminer extract_text": lambda: [extract_text(io.BytesIO(d)) for d in datas],
        "pdfminer, no layout": lambda: [extract_text_to_fp(io.BytesIO(d), io.StringIO(), laparams=None) for d in datas],
        "jobkit read (pdfminer)": lambda: [read_resume(d, "resume.pdf") for d in datas],
    }
    if _has("pypdfium2"):
        import pypdfium2 as pdfium

        def engine(name: str):  # type: ignore[no-untyped-def]
            def run() -> None:
                os.environ["JOBKIT_PDF_ENGINE"] = name
                try:
                    [read_resume(d, "resume.pdf") for d in datas]
                finally:
                    os.environ.pop("JOBKIT_PDF_ENGINE", None)
            return run

        contenders["jobkit read (pdfium)"] = engine("pdfium")

        def bare() -> None:
            for data in datas:
                document = pdfium.PdfDocument(data)
                for page in document:
                    page.get_textpage().get_text_range()
                document.close()
        contenders["pypdfium2 bare text"] = bare
    if shutil.which("pdftotext"):
        def poppler() -> None:
            with tempfile.TemporaryDirectory() as folder:
                for path in paths:
                    subprocess.run(["pdftotext", str(path), str(Path(folder) / "out.txt")], check=False,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        contenders["pdftotext (poppler)"] = poppler
    return contenders


def _has(module: str) -> bool:
    try:
        __import__(module)
        return True
    except ImportError:
        return False


def run(rounds: int = 3) -> dict[str, object]:
    paths = pdfs("offlinecv")
    datas = [path.read_bytes() for path in paths]
    results = interleaved(_contenders(datas, paths), rounds)  # type: ignore[arg-type]
    jobkit = results["jobkit read (pdfminer)"]
    return {"files": len(paths), "results": results, "naive_s": results["pdfminer extract_text"]["cpu_median"],
            "jobkit_s": jobkit["cpu_median"], "ratio": jobkit["ratio"]}


def main() -> None:
    result = run()
    print_table(f"Reading {result['files']} PDFs (offlinecv), ABBA x3, per file:", result["results"],  # type: ignore[arg-type]
                per=result["files"], unit="ms")  # type: ignore[arg-type]
    print(f"jobkit (pdfminer) / naive extract_text: {result['ratio']:.2f}x  (goal <= 1.0)")


if __name__ == "__main__":
    main()
