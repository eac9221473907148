"""Batch inputs: files, folders (recursive) and zip archives, read one at a time.

Items are yielded lazily and hold no bytes until :meth:`BatchItem.read` is
called, so a batch of 50,000 resumes never holds more than the files in
flight. Zip archives are checked before anything is extracted: member count,
total declared size and compression ratio; member names with ``..`` or an
absolute path are reported as errors and never touch the file system (jobkit
reads members in memory and never extracts them). ``__MACOSX`` folders and
hidden files are skipped.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .config import MB
from .errors import FileTooLarge, JobkitError, NotFound, UnsafeDocument
from .zip_errors import ZIP_ERRORS

RESUME_SUFFIXES = (".pdf", ".docx", ".txt", ".md", ".doc", ".rtf", ".odt")


@dataclass(frozen=True)
class ZipLimits:
    max_members: int = 20_000
    max_total_bytes: int = 4096 * MB
    max_member_bytes: int = 10 * MB
    max_ratio: float = 200.0


@dataclass(frozen=True)
class BatchItem:
    """One resume to check: a file, or a member of a zip archive, or an input error."""

    name: str
    path: str | None = None
    member: str | None = None
    error: JobkitError | None = None

    def read(self) -> bytes:
        if self.error is not None:
            raise self.error
        assert self.path is not None
        if self.member is None:
            with open(self.path, "rb") as handle:
                return handle.read()
        with zipfile.ZipFile(self.path) as archive:
            return archive.read(self.member)


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
        for info in infos:
            name = info.filename
            shown = f"{label}/{name}"
            # Unsafe names first: "../x" must be reported, not skipped as hidden.
            if _unsafe_name(name):
                yield BatchItem(shown, error=UnsafeDocument(
                    f"The archive entry {name!r} points outside the archive (path traversal); it was not read.", filename=name))
            elif info.is_dir() or any(_hidden(p) for p in PurePosixPath(name.replace("\\", "/")).parts):
                continue
            elif info.file_size > limits.max_member_bytes:
                yield BatchItem(shown, error=FileTooLarge(
                    f"{name} would unpack to {info.file_size // MB} MB; the limit per file is {limits.max_member_bytes // MB} MB.",
                    filename=name))
            elif info.file_size > MB and info.file_size / max(info.compress_size, 1) > limits.max_ratio:
                yield BatchItem(shown, error=UnsafeDocument(f"{name} is compressed suspiciously well (a zip bomb?).", filename=name))
            else:
                yield BatchItem(shown, path=str(path), member=name)


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
                yield BatchItem(str(path.relative_to(folder.parent)), path=str(path))


def collect(inputs: Iterable[str | os.PathLike[str]], limits: ZipLimits = ZipLimits()) -> Iterator[BatchItem]:
    """Every resume under the given files, folders and zip archives, in a stable order."""
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            yield from _folder_items(path, limits)
        elif path.suffix.lower() == ".zip" and path.is_file():
            yield from zip_items(path, limits)
        elif path.is_file():
            yield BatchItem(path.name if path.parent == Path(".") else str(path), path=str(path))
        else:
            yield BatchItem(str(raw), error=NotFound(f"No such file or folder: {raw}", filename=str(raw)))
