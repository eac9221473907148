"""Read zip members in bounded chunks, never trusting the sizes the zip declares.

:meth:`zipfile.ZipFile.read` asks the decompressor for up to 1 GB at once
(``ZipExtFile.MAX_N``) and only then cuts the output at the size the central
directory declares. A member that says 3 KB but inflates to 1 GB therefore
costs 1 GB of memory before zipfile notices anything, and if its CRC is that
of the first 3 KB, zipfile notices nothing at all. Every zip read in jobkit
goes through :func:`iter_member` instead: it reads 64 KB at a time, stops as
soon as the output passes the declared size (more bytes than declared is a
lie, refused as one) and charges every byte to the archive's
:class:`InflateBudget`, so a zip of many small members cannot inflate
gigabytes in all either.

Only stored and Deflate members are read. bzip2 and LZMA members are
refused: zipfile inflates a whole compressed read of them in one call, and
bzip2 packs 100 MB of zeros into about 100 bytes, so no chunk size bounds
them. Word and the zip tools built into Windows and macOS write only Deflate.
"""

from __future__ import annotations

import copy
import os
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from jobkit.config import MB
from jobkit.errors import CorruptDocument, FileTooLarge, JobkitError, UnsafeDocument

CHUNK = 64 * 1024
# Below this size a member's compression ratio is not judged: a few kilobytes of
# repeated XML compress very well and are harmless; the archive budget bounds
# what many of them add up to. Real DOCX parts above it compress at most ~35x.
RATIO_FLOOR = 64 * 1024
_READABLE_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_METHOD_NAMES = {zipfile.ZIP_BZIP2: "bzip2", zipfile.ZIP_LZMA: "LZMA"}
# zipfile cuts its output at the ZipInfo's file_size. The reader hands it a
# copy that allows this much more, so the reader sees the excess (and refuses
# it) before zipfile would silently cut it. Two chunks can be in flight (one
# returned, one in zipfile's buffer); four leave room.
_SLACK = 4 * CHUNK


@dataclass(eq=False)
class InflateBudget:
    """What one archive may inflate: per member, in all, and what it has inflated so far.

    One budget is shared by every member read from one listing of an
    archive; it is a mutable ledger, compared by identity.
    """

    member_bytes: int
    total_bytes: int
    spent: int = 0

    def spend(self, count: int, name: str) -> None:
        self.spent += count
        if self.spent > self.total_bytes:
            raise UnsafeDocument(
                f"The archive inflated past its budget of {self.total_bytes // MB} MB in all: it looks like a "
                "zip bomb, so the rest of it was not read.",
                filename=name,
            )


def unreadable_method(info: zipfile.ZipInfo, name: str) -> JobkitError | None:
    """The error for a member compressed with anything but stored or Deflate, else None.

    bzip2 and LZMA are refused as unsafe; any other method (Deflate64, one
    from a later zip version) as damaged, as zipfile itself would.
    """
    if info.compress_type in _READABLE_METHODS:
        return None
    fix = "Create the zip again with standard (Deflate) compression."
    method = _METHOD_NAMES.get(info.compress_type)
    if method is None:
        return CorruptDocument(f"The zip entry {info.filename!r} uses compression method {info.compress_type}, "
                               f"which jobkit cannot read. {fix}", filename=name)
    return UnsafeDocument(f"The zip entry {info.filename!r} is compressed with {method}, which jobkit does not inflate "
                          f"(it can hide gigabytes in a few bytes). {fix}", filename=name)


def ratio_over(info: zipfile.ZipInfo, max_ratio: float) -> float | None:
    """The member's declared compression ratio when it is large enough to judge and above ``max_ratio``."""
    ratio = info.file_size / max(info.compress_size, 1)
    return ratio if info.file_size > RATIO_FLOOR and ratio > max_ratio else None


def iter_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, budget: InflateBudget, name: str
) -> Iterator[bytes]:
    """The member's bytes in chunks of at most :data:`CHUNK`, checked against its declared size and the budget.

    Raises UnsafeDocument for a member that inflates past its declared size
    or past the archive budget, or that uses bzip2/LZMA (CorruptDocument for
    another unknown method); FileTooLarge when the declared size is over the
    per-member budget; and a zipfile error (one of
    :data:`jobkit.read.zip_errors.ZIP_ERRORS`) for damage, such as a member that
    ends short of its declared size or fails its CRC check. ``name`` is the
    file the error is reported against.
    """
    _check_declared(info, budget, name)
    declared = info.file_size
    probe = copy.copy(info)
    probe.file_size = declared + _SLACK
    total = 0
    with archive.open(probe) as stream:
        while chunk := stream.read(CHUNK):
            total += len(chunk)
            if total > declared:
                raise UnsafeDocument(
                    f"The zip entry {info.filename!r} inflates to more than the {declared:,} bytes its directory "
                    "declares: the archive lies about its size (a zip bomb), so it was not read.",
                    filename=name,
                )
            budget.spend(len(chunk), name)
            yield chunk
    if total != declared:
        raise zipfile.BadZipFile(f"{info.filename!r} inflates to {total:,} bytes, not the {declared:,} it declares")


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, budget: InflateBudget, name: str) -> bytes:
    """The member's bytes, read through :func:`iter_member` (the errors are the same)."""
    return b"".join(iter_member(archive, info, budget=budget, name=name))


def verify_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, budget: InflateBudget, name: str) -> None:
    """Inflate the member and drop the bytes: afterwards it is known to inflate to exactly its declared size."""
    for _ in iter_member(archive, info, budget=budget, name=name):
        pass


def _check_declared(info: zipfile.ZipInfo, budget: InflateBudget, name: str) -> None:
    unreadable = unreadable_method(info, name)
    if unreadable is not None:
        raise unreadable
    if info.file_size > budget.member_bytes:
        raise FileTooLarge(
            f"The zip entry {info.filename!r} would unpack to {info.file_size // MB} MB; the limit is "
            f"{budget.member_bytes // MB} MB.",
            filename=name,
        )


MAX_DIRECTORY_BYTES = 32 * 1024 * 1024


def check_directory(source: Any, max_entries: int, name: str,
                    max_directory_bytes: int = MAX_DIRECTORY_BYTES) -> None:
    """Refuse an archive whose central directory lists too many entries, before ``zipfile`` parses it.

    ``zipfile.ZipFile`` builds a ZipInfo for every entry the directory lists
    before anyone can count them: a 194 MB directory of 3.4 million entries
    costs it 1.7 GB and most of a minute. The end-of-directory record states
    the count and size, so they are read from there first.
    ``source`` is a path or a binary file object.
    """
    handle = open(source, "rb") if isinstance(source, (str, os.PathLike)) else source
    try:
        record = zipfile._EndRecData(handle)  # type: ignore[attr-defined] # the stdlib's own reader of that record
    except (OSError, ValueError, struct.error):
        record = None
    finally:
        if handle is not source:
            handle.close()
        elif hasattr(handle, "seek"):
            handle.seek(0)
    if not record:
        return  # not a zip: zipfile says so with its own error
    entries, size = record[zipfile._ECD_ENTRIES_TOTAL], record[zipfile._ECD_SIZE]  # type: ignore[attr-defined]
    if entries > max_entries or size > max_directory_bytes:
        raise UnsafeDocument(
            f"{name} lists {entries:,} entries in a {size // (1024 * 1024)} MB directory (limit {max_entries:,} "
            "entries); it is not a normal archive of resumes.",
            filename=name,
        )
