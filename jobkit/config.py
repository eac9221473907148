"""Limits that protect readers from hostile or oversized files.

Defaults suit resumes; each can be changed per call or through an environment
variable, so a career center can raise the page cap without code changes.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, replace

from jobkit.errors import SettingError

MB = 1024 * 1024
# The memory one check may use (JOBKIT_MAX_MEMORY_MB): the CLI's own process, and every worker
# process of the web app and of batches. Address space, as RLIMIT_AS counts it.
DEFAULT_MAX_MEMORY_MB = 1536
MIN_MEMORY_MB = 256  # below this Python and the readers cannot even start


def _env_number(name: str, default: float, *, whole: bool = False) -> float:
    """A positive number from the environment (``whole``: a whole number), or ``default`` when unset.

    Anything else is a :class:`SettingError` naming the setting, what it needs and its default.
    """
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0 or (whole and not value.is_integer()):
        kind = "a whole number" if whole else "a number"
        shown = int(default) if float(default).is_integer() else default
        raise SettingError(f"{name}={raw!r} is not usable: set it to {kind} above 0 (the default is {shown}), "
                           "or unset it.")
    return value


def max_memory_mb() -> int | None:
    """JOBKIT_MAX_MEMORY_MB: the memory cap of one check's process in MB (default 1536); 0 means no cap."""
    raw = os.environ.get("JOBKIT_MAX_MEMORY_MB")
    if raw is None or raw.strip() == "":
        return DEFAULT_MAX_MEMORY_MB
    value = raw.strip()
    if not value.isdigit() or 0 < int(value) < MIN_MEMORY_MB:
        raise SettingError(f"JOBKIT_MAX_MEMORY_MB={raw!r} is not usable: set it to a whole number of megabytes "
                           f"from {MIN_MEMORY_MB} up (the default is {DEFAULT_MAX_MEMORY_MB}), or to 0 for no cap.")
    return int(value) or None


def format_size(size: float) -> str:
    """``size`` bytes in plain units: "1000 bytes", "9.8 KB", "10.4 MB" (KB and bytes below 1 MB)."""
    for unit, scale in (("MB", MB), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size:.0f} byte{'' if size == 1 else 's'}"


# PDF readers: pdfminer.six (the default, pure Python) or PDFium through pypdfium2 (the ``fast`` extra).
PDF_ENGINES = ("pdfminer", "pdfium")


def _env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value not in choices:
        raise SettingError(f"{name}={raw!r} is not usable: set it to one of: {', '.join(choices)} "
                           f"(the default is {default}), or unset it.")
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
    # Form XObjects drawn, nested ones once per copy of their parent, and the drawing operators those
    # copies hold (jobkit.read.pdf.pdf_forms): both engines expand every copy, PDFium at about 340 bytes
    # an operator. The corpus needs at most 49 draws (a form that draws itself) and 500 operators; a file
    # just under both limits costs PDFium 90 MB and pdfminer 5 CPU seconds.
    max_form_draws: int = 10_000
    max_form_operators: int = 100_000
    # Which PDF reader runs (JOBKIT_PDF_ENGINE): one of PDF_ENGINES.
    pdf_engine: str = "pdfminer"

    @classmethod
    def from_env(cls) -> "Limits":
        base = cls()
        return replace(
            base,
            max_bytes=int(_env_number("JOBKIT_MAX_BYTES", base.max_bytes, whole=True)),
            max_pages=int(_env_number("JOBKIT_MAX_PAGES", base.max_pages, whole=True)),
            time_budget=_env_number("JOBKIT_READ_TIMEOUT", base.time_budget),
            pdf_engine=_env_choice("JOBKIT_PDF_ENGINE", PDF_ENGINES, base.pdf_engine),
        )


def default_database() -> str:
    """The SQLite file for web batches: JOBKIT_DATABASE, else instance/jobkit.sqlite3 under the current folder.

    The web app and ``jobkit worker`` both use this, so started from the same
    folder they share one queue.
    """
    return os.path.abspath(os.environ.get("JOBKIT_DATABASE") or os.path.join("instance", "jobkit.sqlite3"))
