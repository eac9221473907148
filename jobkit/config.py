"""Every JOBKIT_* setting, declared once, and the limits that protect readers from hostile files.

:class:`Settings` declares each setting in one place: its variable, type, default, allowed range and help
(the README's Configuration table lists the same, and a test holds the two together). An entry point
reads the environment once, with :meth:`Settings.from_env`, and passes the frozen result down: the CLI
per command, the web app in its factory, ``jobkit worker`` when it starts. A library call given no
limits reads only what it needs (:meth:`Limits.from_env`, :func:`setting_value`), through the same
declaration. A value that cannot be used is a one-line :class:`SettingError` naming the setting.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

from jobkit.errors import SettingError

MB = 1024 * 1024
MIN_MEMORY_MB = 256  # below this Python and the readers cannot even start
# PDF readers: pdfminer.six (the default, pure Python) or PDFium through pypdfium2 (the ``fast`` extra).
PDF_ENGINES = ("pdfminer", "pdfium")
# "spawn": the web app starts a background batch runner when it queues a batch and none is running;
# "external": run `jobkit worker` yourself (a service manager's unit, another machine on the same disk).
BATCH_RUNNERS = ("spawn", "external")
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


def format_size(size: float) -> str:
    """``size`` bytes in plain units: "1000 bytes", "9.8 KB", "10.4 MB" (KB and bytes below 1 MB)."""
    for unit, scale in (("MB", MB), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size:.0f} byte{'' if size == 1 else 's'}"


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
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Limits":
        """The defaults with the limits the environment sets (the settings declared with ``limit=``)."""
        return replace(cls(), **{s.limit: s.read(environ) for s in SETTINGS if s.limit})


@dataclass(frozen=True)
class Setting:
    """One JOBKIT_* variable: how it is read and what it may hold."""

    name: str
    kind: str  # whole, number, choice, flag, text or path (text made absolute)
    default: Any
    help: str
    above: float | None = None  # the value must be more than this ...
    low: float | None = None  # ... or at least this
    high: float | None = None  # ... and at most this
    unit: str = ""  # "megabytes": said in the message for a bad value
    off: int | None = None  # the value that turns it off, read as None
    choices: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # other variables read when this one is unset
    shown: str = ""  # the default in words, where it is not a plain value
    limit: str = ""  # the Limits field it sets
    field: str = ""  # the Settings attribute (filled in from the declaration)

    @property
    def shown_default(self) -> str:
        """The default as the README's Configuration table writes it."""
        if self.shown:
            return self.shown
        if isinstance(self.default, bool):
            return "1" if self.default else "0"
        return _plain(self.default)

    def read(self, environ: Mapping[str, str] | None = None) -> Any:
        """The value from ``environ`` (the process environment by default), or the default when unset."""
        source = os.environ if environ is None else environ
        raw = next((source[n] for n in (self.name, *self.aliases) if source.get(n, "").strip()), None)
        if raw is None:
            return os.path.abspath(self.default) if self.kind == "path" else self.default
        return self.parse(raw)

    def parse(self, raw: str) -> Any:
        """``raw`` as this setting's type; a :class:`SettingError` naming it when it is not usable."""
        value = raw.strip()
        if self.kind in ("text", "path"):
            return os.path.abspath(value) if self.kind == "path" else value
        if self.kind == "flag" and value.lower() in _TRUE + _FALSE:
            return value.lower() in _TRUE
        if self.kind == "choice" and value.lower() in self.choices:
            return value.lower()
        if self.kind in ("whole", "number"):
            number = _number(value)
            if self.off is not None and number == self.off:
                return None
            if self._fits(number):
                return int(number) if self.kind == "whole" else number
        raise SettingError(f"{self.name}={raw!r} is not usable: set it to {self.needs()}, "
                           f"or {'unset it' if self.off is None else f'to {self.off} for no cap'}.")

    def _fits(self, number: float) -> bool:
        whole = self.kind != "whole" or number.is_integer()
        return (math.isfinite(number) and whole and (self.above is None or number > self.above)
                and (self.low is None or number >= self.low) and (self.high is None or number <= self.high))

    def needs(self) -> str:
        """What a usable value is, in words: "a whole number above 0 (the default is 30)"."""
        if self.kind == "flag":
            return f"1 or 0 (the default is {self.shown_default})"
        if self.kind == "choice":
            return f"one of: {', '.join(self.choices)} (the default is {self.default})"
        what = ("a whole number" if self.kind == "whole" else "a number") + (f" of {self.unit}" if self.unit else "")
        if self.above is not None:
            what += f" above {_plain(self.above)}"
        elif self.high is not None:
            what += f" from {_plain(self.low)} to {_plain(self.high)}"
        elif self.low is not None:
            what += f" from {_plain(self.low)} up"
        return f"{what} (the default is {self.shown_default})"


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return math.nan


def _plain(value: Any) -> str:
    """30.0 as "30", 0.1 as "0.1"."""
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def declare(name: str, kind: str, default: Any, help: str, **options: Any) -> Any:
    """A :class:`Settings` field read from the variable ``name``: the one declaration of that setting."""
    setting = Setting(name, kind, default, help, **options)
    return field(default=default, repr="KEY" not in name, metadata={"setting": setting})  # no key in a repr


@dataclass(frozen=True)
class Settings:
    """Every JOBKIT_* setting's value; ``Settings()`` holds the defaults."""

    max_bytes: int = declare("JOBKIT_MAX_BYTES", "whole", Limits.max_bytes, "largest file read (bytes)",
                             above=0, limit="max_bytes")
    max_pages: int = declare("JOBKIT_MAX_PAGES", "whole", Limits.max_pages, "most pages a resume may have",
                             above=0, limit="max_pages")
    pdf_engine: str = declare("JOBKIT_PDF_ENGINE", "choice", Limits.pdf_engine, "the PDF reader",
                              choices=PDF_ENGINES, limit="pdf_engine")
    max_memory_mb: int | None = declare("JOBKIT_MAX_MEMORY_MB", "whole", 1536,
                                        "memory (address space) one check's process may use, in MB",
                                        low=MIN_MEMORY_MB, unit="megabytes", off=0)
    read_timeout: float = declare("JOBKIT_READ_TIMEOUT", "number", Limits.time_budget,
                                  "CPU seconds reading and checking one file may take", above=0, limit="time_budget")
    secret_key: str = declare("JOBKIT_SECRET_KEY", "text", "", "signs the web forms and sessions",
                              aliases=("SECRET_KEY",), shown="none")
    check_rate: str = declare("JOBKIT_CHECK_RATE", "text", "30 per minute", "checks one client address may run")
    batch_rate: str = declare("JOBKIT_BATCH_RATE", "text", "10 per hour", "batch uploads one client address may start")
    ratelimit_storage: str = declare("JOBKIT_RATELIMIT_STORAGE", "text", "memory://",
                                     "Flask-Limiter storage URI for a count shared by all processes")
    proxy_fix: bool = declare("JOBKIT_PROXY_FIX", "flag", False, "trust one proxy's X-Forwarded-For and -Proto")
    https: bool = declare("JOBKIT_HTTPS", "flag", False, "served only over HTTPS: Secure cookie and HSTS")
    isolate: bool = declare("JOBKIT_ISOLATE", "flag", True, "check web uploads in worker processes")
    web_workers: int = declare("JOBKIT_WEB_WORKERS", "whole", 2, "worker processes per web server process",
                               low=1, high=256)
    database: str = declare("JOBKIT_DATABASE", "path", os.path.join("instance", "jobkit.sqlite3"),
                            "SQLite file for web batch jobs")
    batch_retention_days: float = declare("JOBKIT_BATCH_RETENTION_DAYS", "number", 7.0,
                                          "days web batch results are kept", above=0)
    batch_max_retention_days: float = declare("JOBKIT_BATCH_MAX_RETENTION_DAYS", "number", 180.0,
                                              "most days an advisor may choose to keep a web batch's results", above=0)
    batch_max_upload: int = declare("JOBKIT_BATCH_MAX_UPLOAD", "whole", 200 * MB, "largest batch zip upload (bytes)",
                                    above=0)
    batch_workers: int = declare("JOBKIT_BATCH_WORKERS", "whole", 2, "worker processes per web batch", low=1, high=256)
    batch_runner: str = declare("JOBKIT_BATCH_RUNNER", "choice", "spawn", "who starts the background batch runner",
                                choices=BATCH_RUNNERS)
    runner_idle: float = declare("JOBKIT_RUNNER_IDLE", "number", 60.0,
                                 "seconds a runner the app started waits for work", above=0)
    batches_per_session: int = declare("JOBKIT_BATCHES_PER_SESSION", "whole", 2,
                                       "batches one browser session may have waiting or running", above=0)
    batch_queue: int = declare("JOBKIT_BATCH_QUEUE", "whole", 20, "batches waiting or running, in all", above=0)
    dask_scheduler: str | None = declare("JOBKIT_DASK_SCHEDULER", "text", None,
                                         "Dask scheduler address for jobkit batch", shown="none")
    dask_timeout: float = declare("JOBKIT_DASK_TIMEOUT", "number", 10.0, "seconds to wait for the Dask scheduler",
                                  low=0.1, high=3600, unit="seconds")
    data_dir: str | None = declare("JOBKIT_DATA_DIR", "text", None, "a folder of data files to use instead",
                                   shown="shipped data")
    cache_dir: str | None = declare("JOBKIT_CACHE_DIR", "text", None, "where parsed data files are cached",
                                    shown="$XDG_CACHE_HOME/jobkit or ~/.cache/jobkit")
    no_cache: bool = declare("JOBKIT_NO_CACHE", "flag", False, "parse the data files every time", shown="unset")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        """Every setting from ``environ`` (the process environment by default): the one read of a process."""
        return cls(**{s.field: s.read(environ) for s in SETTINGS})

    def limits(self, pdf_engine: str | None = None) -> Limits:
        """The reader limits these settings give, with ``pdf_engine`` (a command-line choice) over the setting."""
        chosen = replace(Limits(), **{s.limit: getattr(self, s.field) for s in SETTINGS if s.limit})
        return replace(chosen, pdf_engine=pdf_engine) if pdf_engine else chosen


SETTINGS: tuple[Setting, ...] = tuple(replace(f.metadata["setting"], field=f.name) for f in fields(Settings))
_BY_NAME = {s.name: s for s in SETTINGS}
DEFAULTS = Settings()  # the one home of every default: DEFAULTS.batch_workers, DEFAULTS.batch_retention_days ...


def setting_value(name: str, environ: Mapping[str, str] | None = None) -> Any:
    """One declared setting, read now: for code that runs without an entry point's :class:`Settings`."""
    return _BY_NAME[name].read(environ)


def max_memory_mb() -> int | None:
    """JOBKIT_MAX_MEMORY_MB: the memory cap of one check's process in MB (default 1536); None means no cap."""
    return setting_value("JOBKIT_MAX_MEMORY_MB")  # type: ignore[no-any-return]


def user_cache_dir() -> str:
    """The user's cache folder for jobkit: $XDG_CACHE_HOME/jobkit, else ~/.cache/jobkit."""
    return os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "jobkit")
