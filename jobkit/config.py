"""Limits that protect readers from hostile or oversized files.

Defaults suit resumes; each can be changed per call or through an environment
variable, so a career center can raise the page cap without code changes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

MB = 1024 * 1024


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"environment variable {name}={raw!r} is not a number") from None
    if value <= 0:
        raise ValueError(f"environment variable {name}={raw!r} must be positive")
    return value


# PDF readers: pdfminer.six (the default, pure Python) or PDFium through pypdfium2 (``jobkit[fast]``).
PDF_ENGINES = ("pdfminer", "pdfium")


def _env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value not in choices:
        raise ValueError(f"environment variable {name}={raw!r} must be one of: {', '.join(choices)}")
    return value


@dataclass(frozen=True)
class Limits:
    """What a reader accepts before it gives up with a typed error."""

    max_bytes: int = 10 * MB
    max_pages: int = 30
    time_budget: float = 20.0
    # DOCX packages: checked from the zip directory before anything is inflated.
    max_zip_entries: int = 2000
    max_unpacked_bytes: int = 120 * MB
    max_ratio: float = 200.0
    max_paragraphs: int = 50_000
    # One XML part (document.xml, a header...): the largest in the corpus is 0.44 MB; lxml needs about
    # 20 bytes of memory per byte of XML, so 8 MB keeps a check under 300 MB.
    max_xml_part_bytes: int = 8 * MB
    # PDFs, per document: inflated stream bytes (the corpus needs at most 0.7 MB) and glyphs drawn.
    max_pdf_stream_bytes: int = 32 * MB
    max_glyphs: int = 250_000
    # Which PDF reader runs (JOBKIT_PDF_ENGINE): one of PDF_ENGINES.
    pdf_engine: str = "pdfminer"

    @classmethod
    def from_env(cls) -> "Limits":
        base = cls()
        return replace(
            base,
            max_bytes=int(_env_number("JOBKIT_MAX_BYTES", base.max_bytes)),
            max_pages=int(_env_number("JOBKIT_MAX_PAGES", base.max_pages)),
            time_budget=_env_number("JOBKIT_READ_TIMEOUT", base.time_budget),
            pdf_engine=_env_choice("JOBKIT_PDF_ENGINE", PDF_ENGINES, base.pdf_engine),
        )


def default_database() -> str:
    """The SQLite file for web batches: JOBKIT_DATABASE, else instance/jobkit.sqlite3 under the current folder.

    The web app and ``jobkit worker`` both use this, so started from the same
    folder they share one queue.
    """
    return os.path.abspath(os.environ.get("JOBKIT_DATABASE") or os.path.join("instance", "jobkit.sqlite3"))
