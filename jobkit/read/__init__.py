"""Read a resume (PDF, DOCX, plain text) into one :class:`~jobkit.model.document.Document`."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from typing import BinaryIO, Union

from jobkit.config import Limits, format_size
from jobkit.read.deadline import Deadline, time_limit
from jobkit.model.document import Document
from jobkit.errors import CorruptDocument, EmptyDocument, FileTooLarge, InvalidInput, JobkitError, NotFound
from jobkit.read.sniff import sniff_format
from jobkit.read.assemble import assemble
from jobkit.read.raw import RawDocument

Source = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, BinaryIO]
Reader = Callable[[bytes, str, Limits, Deadline], RawDocument]


def _reader(fmt: str) -> Reader:
    """Import only the reader a file needs: a PDF check never loads lxml."""
    if fmt == "pdf":
        from jobkit.read.pdf.pdf_reader import read_pdf

        return read_pdf
    if fmt == "docx":
        from jobkit.read.docx.docx_reader import read_docx

        return read_docx
    from jobkit.read.text_reader import read_text

    return read_text

_LABELS = {"pdf": "PDF", "docx": "Word file", "text": "text file"}


def read_resume(source: Source, filename: str | None = None, *, limits: Limits | None = None) -> Document:
    """Read a resume from a path, bytes or a binary file object.

    The format is decided from the content, not the name. Raises a
    :class:`~jobkit.errors.JobkitError` subclass when the file cannot be read;
    an image-only PDF is not an error but a document with an ``image_only``
    finding.
    """
    limits = limits or Limits.from_env()
    data, name = load_bytes(source, filename, limits)
    fmt = sniff_format(data, name)
    with time_limit(limits.time_budget, name) as deadline:
        raw = _run_reader(_reader(fmt), fmt, data, name, limits, deadline)
        document = replace(assemble(raw, name), file_bytes=len(data))
    if document.words == 0 and "image_only" not in document.finding_codes():
        raise EmptyDocument(f"This {_LABELS[fmt]} contains no text at all.", filename=name)
    return document


def _run_reader(reader: Reader, fmt: str, data: bytes, name: str, limits: Limits, deadline: Deadline) -> RawDocument:
    try:
        return reader(data, name, limits, deadline)
    except JobkitError:
        raise
    except RecursionError:
        raise CorruptDocument(
            f"This {_LABELS[fmt]} is nested too deeply to read safely; it may be damaged or hostile.", filename=name
        ) from None
    except MemoryError:
        raise CorruptDocument(f"This {_LABELS[fmt]} needs too much memory to read.", filename=name) from None
    except Exception as exc:  # noqa: BLE001 - parsers raise anything on broken input
        raise CorruptDocument(
            f"This {_LABELS[fmt]} is damaged or truncated and could not be read ({type(exc).__name__}). "
            "Export or save it again from the original.",
            filename=name,
        ) from None


def load_bytes(source: Source, filename: str | None, limits: Limits) -> tuple[bytes, str]:
    """Get the file's bytes without reading more than the size limit allows."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data, name = bytes(source), filename or "resume"
    elif isinstance(source, (str, os.PathLike)):
        name = filename or os.path.basename(os.fspath(source))
        data = _read_path(os.fspath(source), name, limits)
    elif hasattr(source, "read"):
        name = filename or os.path.basename(str(getattr(source, "name", "") or "resume"))
        data = source.read(limits.max_bytes + 1)
        if not isinstance(data, bytes):
            raise InvalidInput("The file object must be opened in binary mode ('rb').", filename=name)
    else:
        raise InvalidInput(f"Cannot read a resume from {type(source).__name__}; give a path, bytes or a file.")
    if len(data) > limits.max_bytes:
        raise _too_large(len(data), name, limits)
    return data, name


def _read_path(path: str, name: str, limits: Limits) -> bytes:
    try:
        size = os.stat(path).st_size
        if size > limits.max_bytes:
            raise _too_large(size, name, limits)
        with open(path, "rb") as handle:
            return handle.read(limits.max_bytes + 1)
    except FileNotFoundError:
        raise NotFound(f"No such file: {path}", filename=name) from None
    except IsADirectoryError:
        raise InvalidInput(f"{path} is a folder, not a file.", filename=name) from None
    except PermissionError:
        raise InvalidInput(f"Permission denied reading {path}.", filename=name) from None


def _too_large(size: int, name: str, limits: Limits) -> FileTooLarge:
    return FileTooLarge(
        f"The file is {format_size(size)}; the limit is {format_size(limits.max_bytes)}. "
        "A resume is rarely over 1 MB: remove large images or export again.",
        filename=name,
    )
