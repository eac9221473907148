"""What an advisor chooses for a web batch besides its target: a name, and how long its results are kept.

A name ("HIT 2027 cohort, fall") is shown on the pages and in the cohort JSON as typed, less invisible
characters, and turned into plain ASCII for download file names. How long results are kept is chosen
per batch, never beyond the server's maximum (``JOBKIT_BATCH_MAX_RETENTION_DAYS``).
"""

from __future__ import annotations

import math
import re
import unicodedata

from jobkit.errors import InvalidInput

MAX_TITLE = 80
MAX_SLUG = 60
KEEP_CHOICES = (7.0, 30.0, 90.0, 180.0)  # days offered on the form, up to the server's maximum
# Control, format (bidi overrides among them), lone surrogate, line and paragraph separator.
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def clean_title(text: str | None) -> str | None:
    """A batch name as typed, on one line, without invisible characters, at most 80 characters; None when empty."""
    visible = "".join(c for c in (text or "") if unicodedata.category(c) not in _HIDDEN or c in "\t\n\r")
    title = " ".join(visible.split())[:MAX_TITLE].strip()
    return title or None


def file_name(title: str | None, suffix: str) -> str:
    """A download's file name: ``jobkit-hit-2027-cohort-fall-results.csv``, or ``jobkit-results.csv`` unnamed."""
    ascii_text = unicodedata.normalize("NFKD", title or "").encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:MAX_SLUG].strip("-")
    return f"jobkit-{slug}-{suffix}" if slug else f"jobkit-{suffix}"


def keep_choices(default: float, maximum: float) -> list[float]:
    """The numbers of days the form offers: the usual choices up to ``maximum``, the default and the maximum."""
    return sorted({*(days for days in KEEP_CHOICES if days < maximum), min(default, maximum), maximum})


def kept_days(raw: str | None, default: float, maximum: float) -> float:
    """The days chosen on the form (the default when none), at most ``maximum``: a longer choice is cut to it."""
    if not (raw or "").strip():
        return min(default, maximum)
    try:
        days = float(raw)  # type: ignore[arg-type]
    except ValueError:
        days = math.nan
    if not math.isfinite(days) or days <= 0:
        raise InvalidInput(f"Choose how long to keep the results: a number of days, at most {days_words(maximum)}.")
    return min(days, maximum)


def days_words(days: float) -> str:
    """7.0 as "7 days", 1 as "1 day", 0.5 as "0.5 days"."""
    number = str(int(days)) if float(days).is_integer() else f"{days:g}"
    return f"{number} day{'' if number == '1' else 's'}"
