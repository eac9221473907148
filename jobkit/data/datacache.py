"""The JSON cache of parsed data files, kept in a folder only the current user can write.

Parsing every TOML data file costs more than the rest of a CLI check, so the
parsed tables are kept as JSON (never pickle: a cache file cannot run code).
A cache folder is shared with nobody: one owned by another user, or one other
users may write to, is not used at all (one warning line says why). Inside
it, an entry is named by the SHA-256 of the source file's bytes, so a changed
file never gets stale data, and it carries a hash of its own JSON, so a
truncated or edited entry is a miss. Entries are read only when they are
regular files of this user (never through a symlink, never blocking on a
FIFO) and of a bounded size; anything odd is a miss, never an error.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jobkit.config import setting_value, user_cache_dir

FORMAT = b"jobkit-data-cache-2"
MAX_ENTRY_BYTES = 8 * 1024 * 1024
_OPEN_ENTRY = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_CREATE_ENTRY = (os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0)
                 | getattr(os, "O_CLOEXEC", 0))
# POSIX only (O_NOFOLLOW, owners, *at() calls; os.replace is renameat): elsewhere there is no cache.
_SUPPORTED = all(hasattr(os, name) for name in ("O_NOFOLLOW", "O_DIRECTORY", "getuid")) and {
    os.open, os.rename, os.unlink} <= os.supports_dir_fd
log = logging.getLogger("jobkit.data")
_warned: set[str] = set()
Table = dict[str, Any]


def cache_folder() -> Path | None:
    """Where parsed data files are cached (JOBKIT_CACHE_DIR); None when the cache is turned off."""
    if setting_value("JOBKIT_NO_CACHE") or not _SUPPORTED:
        return None
    return Path(setting_value("JOBKIT_CACHE_DIR") or user_cache_dir())


def entry_name(content: bytes) -> str:
    """The file name of the entry for a data file with these bytes."""
    return hashlib.sha256(FORMAT + b"\0" + content).hexdigest() + ".json"


def cached(content: bytes, parse: Callable[[], Table]) -> Table:
    """The parsed table of a data file with these bytes: from the cache, else ``parse()`` (then stored)."""
    folder = _open_folder()
    if folder is None:
        return parse()
    try:
        name = entry_name(content)
        data = _read_entry(folder, name)
        if data is None:
            data = parse()
            _write_entry(folder, name, data)
        return data
    finally:
        os.close(folder)


def _open_folder() -> int | None:
    """A descriptor of the cache folder when it is safe to use (created mode 0700 if missing), else None."""
    path = cache_folder()
    if path is None:
        return None
    flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        try:
            folder = os.open(path, flags)
        except FileNotFoundError:
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
            folder = os.open(path, flags)
    except OSError:
        return None  # a read-only home, a file in the way: just parse every time
    problem = _unsafe(os.fstat(folder))
    if problem:
        os.close(folder)
        _warn_once(path, problem)
        return None
    return folder


def _unsafe(info: os.stat_result) -> str:
    """Why a folder must not hold the cache ('' when it may): what the descriptor opened is what is judged."""
    if info.st_uid != os.getuid():
        return f"it belongs to another user (user id {info.st_uid})"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"other users can write to it (mode {stat.S_IMODE(info.st_mode):o}; run chmod 700 on it)"
    return ""


def _warn_once(path: Path, problem: str) -> None:
    if str(path) not in _warned:
        _warned.add(str(path))
        log.warning("jobkit: not using the data-file cache %s: %s. Set JOBKIT_CACHE_DIR to a folder only you can "
                    "write to, or JOBKIT_NO_CACHE=1; jobkit parses the data files instead (slower start).",
                    path, problem)


def _read_entry(folder: int, name: str) -> Table | None:
    """The table stored under ``name``, or None (a miss) for anything but a sound entry of this user."""
    try:
        handle = os.open(name, _OPEN_ENTRY, dir_fd=folder)
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid() or info.st_size > MAX_ENTRY_BYTES:
            return None
        raw = _read_upto(handle, MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(handle)
    return _decode(raw)


def _read_upto(handle: int, limit: int) -> bytes:
    chunks, total = [], 0
    while total < limit:
        chunk = os.read(handle, min(1 << 20, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _decode(raw: bytes) -> Table | None:
    """An entry is a header line (format and the SHA-256 of the JSON) and the JSON; a mismatch is a miss."""
    header, _, body = raw.partition(b"\n")
    if len(raw) > MAX_ENTRY_BYTES or header != FORMAT + b" " + hashlib.sha256(body).hexdigest().encode():
        return None
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: nested past what json can decode
        return None
    return data if isinstance(data, dict) else None


def _write_entry(folder: int, name: str, data: Table) -> None:
    """Store an entry: a new private file (never through a link someone left) renamed into place."""
    try:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    except (TypeError, ValueError, RecursionError):
        return  # a value JSON cannot hold (a TOML date): parse this file every time
    raw = FORMAT + b" " + hashlib.sha256(body).hexdigest().encode() + b"\n" + body
    if len(raw) > MAX_ENTRY_BYTES:
        return
    temporary = f"{name[:-len('.json')]}.{os.getpid()}.tmp"
    try:
        handle = os.open(temporary, _CREATE_ENTRY, 0o600, dir_fd=folder)
    except OSError:
        return  # already there (another process, or something planted): leave it alone
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(raw)
        os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
    except OSError:
        _remove(folder, temporary)


def _remove(folder: int, name: str) -> None:
    try:
        os.unlink(name, dir_fd=folder)
    except OSError:
        pass
