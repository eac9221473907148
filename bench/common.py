"""Helpers shared by the benchmark scripts."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("JOBKIT_CORPUS", ROOT.parent / "shared" / "corpus")).resolve()


def corpus_folder(name: str) -> Path:
    folder = CORPUS / name
    if not folder.is_dir():
        raise SystemExit(f"corpus folder {folder} not found; set JOBKIT_CORPUS")
    return folder


def pdfs(name: str = "offlinecv") -> list[Path]:
    return sorted(corpus_folder(name).glob("*.pdf"))
