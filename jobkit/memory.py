"""One memory cap for every way in: JOBKIT_MAX_MEMORY_MB (1536 MB unless set; 0 for none).

``jobkit check`` and ``jobkit read`` apply it to their own process, the web
app and batches to each worker process (:mod:`jobkit.workers`). It caps the
address space (``RLIMIT_AS``): a file that needs more fails alone, as a
``MemoryError`` where Python allocates (turned into :func:`too_much_memory`),
or, inside a C library that cannot recover, by ending that one process (a
worker, replaced; the CLI, with a crash). The cap only ever lowers the
limit: one set lower by the system or the caller is kept.
"""

from __future__ import annotations

from jobkit.config import MB, Settings, max_memory_mb
from jobkit.errors import CorruptDocument


def lower_memory_limit(megabytes: int | None) -> int | None:
    """Cap this process's address space at ``megabytes`` (None or 0: leave it); the limit now in force, in bytes.

    None means no limit (or not a Unix system). A soft limit already lower is kept, and the
    hard limit is never changed.
    """
    try:
        import resource
    except ImportError:  # not Unix
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    unlimited = resource.RLIM_INFINITY
    wanted = megabytes * MB if megabytes else unlimited
    if hard != unlimited and (wanted == unlimited or wanted > hard):
        wanted = hard
    if wanted == unlimited or (soft != unlimited and soft <= wanted):
        return None if soft == unlimited else soft
    try:
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ValueError, OSError):
        return None if soft == unlimited else soft
    return wanted


def apply_settings(settings: Settings, cap_memory: bool = True) -> int | None:
    """Cap this process at the settings' JOBKIT_MAX_MEMORY_MB (unless ``cap_memory`` is false): the CLI's entry."""
    return lower_memory_limit(settings.max_memory_mb) if cap_memory else None


def too_much_memory(filename: str | None = None) -> CorruptDocument:
    """The error for a check that ran out of the memory it may use."""
    megabytes = max_memory_mb()
    limit = f"{megabytes} MB, set by JOBKIT_MAX_MEMORY_MB" if megabytes else "the system's limit"
    return CorruptDocument(
        f"The file needs more memory to check than the limit allows ({limit}); it may be damaged or built to "
        "exhaust memory. Save or export it again.",
        filename=filename,
    )
