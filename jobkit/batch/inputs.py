"""Batch inputs: files, folders (recursive) and zip archives, read one at a time.

Items are yielded lazily and hold no bytes until :meth:`BatchItem.read` is
called, so a batch of 50,000 resumes never holds more than the files in
flight. Zip archives are checked before anything is extracted: member count,
total declared size, compression method and ratio; member names with ``..``
or an absolute path are reported as errors and never touch the file system
(jobkit reads members in memory and never extracts them). ``__MACOSX``
folders and hidden files are skipped. Declared sizes can lie, so members are
inflated in bounded chunks (:mod:`jobkit.read.zip_members`): one that goes past
its declared size, or an archive past ``max_total_bytes`` actually inflated,
is refused. Each member is read by its position in the archive, so two
members with the same name are both checked, the second and later ones
reported as ``name (duplicate 2)`` and so on.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from jobkit.config import MB, Limits, format_size
from jobkit.read.filenames import display_path
from jobkit.errors import FileTooLarge, JobkitError, NotFound, UnsafeDocument
from jobkit.read.sniff import RESUME_SUFFIXES
from jobkit.read.zip_errors import ZIP_ERRORS
from jobkit.read.zip_members import check_directory, InflateBudget, ratio_over, read_member, unreadable_method


@dataclass(frozen=True)
class ZipLimits:
    """What one batch zip may hold. ``max_total_bytes`` bounds both the declared total and what is actually inflated.

    A member is one resume: the file limit (``Limits.max_bytes``, JOBKIT_MAX_BYTES) applies to it as to an upload.
    """

    max_members: int = 20_000
    max_total_bytes: int = 2048 * MB
    max_member_bytes: int = Limits.max_bytes
    max_ratio: float = Limits.max_ratio

    @classmethod
    def for_limits(cls, limits: Limits) -> "ZipLimits":
        """The zip limits that go with a reader's ``limits``: each member may be as large as one file."""
        return replace(cls(), max_member_bytes=limits.max_bytes, max_ratio=limits.max_ratio)

    def budget(self) -> InflateBudget:
        """A fresh inflate budget for one pass over one archive."""
        return InflateBudget(member_bytes=self.max_member_bytes, total_bytes=self.max_total_bytes)


@dataclass(frozen=True)
class BatchItem:
    """One resume to check: a file, or a member of a zip archive, or an input error."""

    name: str
    path: str | None = None
    member: str | None = None
    error: JobkitError | None = None
    # A zip member's position in infolist(): which of several same-named members this is.
    entry: int | None = None
    # Shared by every member of one pass over an archive (None: a budget of its own, from ZipLimits()).
    budget: InflateBudget | None = None

    def read(self) -> bytes:
        if self.error is not None:
            raise self.error
        assert self.path is not None
        if self.member is None:
            with open(self.path, "rb") as handle:
                return handle.read()
        with zipfile.ZipFile(self.path) as archive:
            return read_zip_member(archive, self)


def read_zip_member(archive: zipfile.ZipFile, item: BatchItem) -> bytes:
    """The bytes of the archive entry ``item`` names, in bounded chunks within its archive's budget.

    Raises UnsafeDocument/FileTooLarge for a member that lies or is too big,
    and one of ZIP_ERRORS for a damaged one (or an archive changed since it was listed).
    """
    assert item.member is not None
    if item.entry is None:
        info = archive.getinfo(item.member)
    else:
        info = archive.infolist()[item.entry]
        if info.filename != item.member:
            raise zipfile.BadZipFile(f"the archive changed: entry {item.entry} is no longer {item.member!r}")
    return read_member(archive, info, budget=item.budget or ZipLimits().budget(), name=item.member)


def _hidden(part: str) -> bool:
    return part.startswith(".") or part == "__MACOSX"


def _unsafe_name(name: str) -> bool:
    pure = PurePosixPath(name.replace("\\", "/"))
    return pure.is_absolute() or ".." in pure.parts or (len(name) > 1 and name[1] == ":")


def zip_items(path: Path, limits: ZipLimits = ZipLimits(), display: str | None = None) -> Iterator[BatchItem]:
    """The resumes inside one zip archive, checked against the limits first.

    ``display`` names the archive in results (the web passes the uploaded
    file's name rather than the name it was saved under).
    """
    label = display or path.name
    try:
        check_directory(path, limits.max_members, label)
    except UnsafeDocument as exc:
        yield BatchItem(label, error=exc)
        return
    try:
        archive = zipfile.ZipFile(path)
        infos = archive.infolist()
    except ZIP_ERRORS as exc:
        yield BatchItem(label, error=UnsafeDocument(f"{label} is not a readable zip archive ({exc}).", filename=label))
        return
    with archive:
        problem = _archive_problem(label, infos, limits)
        if problem:
            yield BatchItem(label, error=problem)
            return
        budget = limits.budget()
        shown: set[str] = set()
        for entry, info in enumerate(infos):
            if not _skipped(info):
                yield _member_item(path, entry, info, _distinct(display_path(f"{label}/{info.filename}"), shown), limits,
                                 budget)


def _skipped(info: zipfile.ZipInfo) -> bool:
    """Folders, ``__MACOSX`` and hidden files; never an unsafe name ("../x" must be reported, not skipped as hidden)."""
    name = info.filename
    hidden = info.is_dir() or any(_hidden(p) for p in PurePosixPath(name.replace("\\", "/")).parts)
    return hidden and not _unsafe_name(name)


def _member_item(path: Path, entry: int, info: zipfile.ZipInfo, shown: str, limits: ZipLimits,
                 budget: InflateBudget) -> BatchItem:
    """The item for one archive entry: an error when its directory entry is refused, else a member to read."""
    name = info.filename
    if _unsafe_name(name):
        return BatchItem(shown, error=UnsafeDocument(
            f"The archive entry {name!r} points outside the archive (path traversal); it was not read.", filename=name))
    if info.file_size > limits.max_member_bytes:
        return BatchItem(shown, error=FileTooLarge(
            f"{name} would unpack to {format_size(info.file_size)}; the limit per file is "
            f"{format_size(limits.max_member_bytes)}.", filename=name))
    if ratio_over(info, limits.max_ratio) is not None:
        return BatchItem(shown, error=UnsafeDocument(
            f"{name} is compressed suspiciously well (a zip bomb?).", filename=name))
    unreadable = unreadable_method(info, name)
    if unreadable is not None:
        return BatchItem(shown, error=unreadable)
    return BatchItem(shown, path=str(path), member=name, entry=entry, budget=budget)


def _distinct(shown: str, taken: set[str]) -> str:
    """``shown``, or ``shown (duplicate N)`` for the Nth entry of a name already used in this archive."""
    candidate, number = shown, 1
    while candidate in taken:
        number += 1
        candidate = f"{shown} (duplicate {number})"
    taken.add(candidate)
    return candidate


def _archive_problem(name: str, infos: list[zipfile.ZipInfo], limits: ZipLimits) -> JobkitError | None:
    if len(infos) > limits.max_members:
        return UnsafeDocument(f"{name} holds {len(infos)} entries (limit {limits.max_members}).", filename=name)
    total = sum(i.file_size for i in infos)
    if total > limits.max_total_bytes:
        return UnsafeDocument(
            f"{name} would unpack to {total // MB} MB (limit {limits.max_total_bytes // MB} MB): it looks like a zip bomb.",
            filename=name,
        )
    return None


def _folder_items(folder: Path, limits: ZipLimits) -> Iterator[BatchItem]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not _hidden(d))
        for file in sorted(files):
            if _hidden(file):
                continue
            path = Path(root) / file
            if path.suffix.lower() == ".zip":
                yield from zip_items(path, limits)
            elif path.suffix.lower() in RESUME_SUFFIXES:
                yield BatchItem(display_path(str(path.relative_to(folder.parent))), path=str(path))


def collect(inputs: Iterable[str | os.PathLike[str]], limits: ZipLimits = ZipLimits()) -> Iterator[BatchItem]:
    """Every resume under the given files, folders and zip archives, in a stable order."""
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            yield from _folder_items(path, limits)
        elif path.suffix.lower() == ".zip" and path.is_file():
            yield from zip_items(path, limits)
        elif path.is_file():
            yield BatchItem(display_path(path.name if path.parent == Path(".") else str(path)), path=str(path))
        else:
            yield BatchItem(str(raw), error=NotFound(f"No such file or folder: {raw}", filename=str(raw)))


def _identity(raw: str | os.PathLike[str]) -> str:
    """One name for one file or folder however it is written ("class.zip", "./class.zip", a link to it)."""
    return os.path.realpath(os.fspath(raw))


def repeated_inputs(inputs: Iterable[str | os.PathLike[str]]) -> list[str]:
    """The inputs given again after their first time: each is checked once (the same zip twice is one cohort)."""
    seen: set[str] = set()
    repeated = []
    for raw in inputs:
        identity = _identity(raw)
        if identity in seen:
            repeated.append(os.fspath(raw))
        seen.add(identity)
    return repeated


def first_of_each(inputs: Iterable[Any]) -> Iterator[Any]:
    """``inputs`` without the repeats :func:`repeated_inputs` names (items already read pass through)."""
    seen: set[str] = set()
    for raw in inputs:
        if isinstance(raw, (str, os.PathLike)):
            identity = _identity(raw)
            if identity in seen:
                continue
            seen.add(identity)
        yield raw


def count_inputs(inputs: Iterable[str | os.PathLike[str]], limits: Limits | None = None) -> int:
    """How many resumes the inputs hold (zips by their directory, nothing read): the progress bar's total."""
    zip_limits = ZipLimits.for_limits(limits) if limits is not None else ZipLimits()
    return sum(1 for _ in collect(list(first_of_each(inputs)), zip_limits))
