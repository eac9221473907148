"""Bounds on what a hostile PDF can make pdfminer allocate.

pdfminer inflates every stream in full and keeps it: a 400 KB file whose
content stream inflates to 400 MB of spaces costs 850 MB of memory, and the
RunLength and LZW filters can expand 128 and thousands of times. This module
gives each read a budget of decoded bytes: the Flate, LZW and RunLength
decoders pdfminer calls are replaced by versions that stop as soon as the
budget is spent and raise :class:`~jobkit.errors.UnsafeDocument`, before the
memory is taken. Outside a read (no budget set) they behave as pdfminer's own.

Two cheap-to-write, costly-to-hold constructs are capped as well. Every
``q`` operator copies the graphics state, so a stream of a million ``q`` is
a gigabyte: ISO 32000 (annex C) puts the practical nesting limit at 28, and
beyond ``MAX_STATE_DEPTH`` the interpreter subclass ignores extra saves,
which changes nothing for a real resume. Every ``[`` or ``<<`` opens a
parser frame: pdfminer's parsers are all ``PSStackParser``s, whose
``start_type`` is wrapped to refuse nesting deeper than ``MAX_NESTING``.
"""

from __future__ import annotations

import contextvars
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from typing import Any

import pdfminer.pdftypes
from pdfminer.lzw import LZWDecoder
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.psparser import PSStackParser
from pdfminer.runlength import rldecode

from jobkit.config import MB
from jobkit.errors import UnsafeDocument

MAX_STATE_DEPTH = 256
MAX_NESTING = 512


class _Budget:
    def __init__(self, limit: int, name: str | None) -> None:
        self.limit = limit
        self.left = limit
        self.name = name

    def spend(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise UnsafeDocument(
                f"This PDF's compressed content would inflate to more than {self.limit // MB} MB; "
                "a resume needs a small fraction of that, so the file looks built to exhaust memory.",
                filename=self.name,
            )


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("jobkit_pdf_budget", default=None)


@contextmanager
def stream_budget(limit: int, name: str | None = None) -> Iterator[None]:
    """Allow at most ``limit`` decoded stream bytes while the block runs."""
    token = _BUDGET.set(_Budget(limit, name))
    try:
        yield
    finally:
        _BUDGET.reset(token)


def _spend(size: int) -> None:
    budget = _BUDGET.get()
    if budget is not None:
        budget.spend(size)


def _max_length() -> int:
    """zlib's max_length for the next piece: one byte over what is left, or 0 (no limit) outside a read."""
    budget = _BUDGET.get()
    return 0 if budget is None else max(budget.left, 0) + 1


class _BoundedInflater:
    """``zlib.decompressobj()`` that spends the budget as it inflates."""

    def __init__(self) -> None:
        self._inflater = zlib.decompressobj()

    def decompress(self, data: bytes) -> bytes:
        out = self._inflater.decompress(data, _max_length())
        _spend(len(out))
        return out

    def flush(self, *args: Any) -> bytes:
        out = self._inflater.flush(*args)
        _spend(len(out))
        return out

    @property
    def eof(self) -> bool:
        return self._inflater.eof


class _BoundedZlib:
    """The part of the :mod:`zlib` module pdfminer.pdftypes uses, bounded."""

    error = zlib.error

    @staticmethod
    def decompressobj() -> _BoundedInflater:
        return _BoundedInflater()

    @staticmethod
    def decompress(data: bytes) -> bytes:
        inflater = _BoundedInflater()
        out = inflater.decompress(data)
        if not inflater.eof:
            # What zlib.decompress says for a cut stream: pdfminer then falls back to its byte-wise recovery.
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out


def _runlength_size(data: bytes, stop: int | None = None) -> int:
    """The decoded size of RunLength data, from its length bytes alone (counting stops once past ``stop``)."""
    size, at = 0, 0
    while at < len(data) and (stop is None or size <= stop):
        length = data[at]
        if length == 128:
            break
        if length < 128:
            size += length + 1
            at += length + 2
        else:
            size += 257 - length
            at += 2
    return size


def _bounded_rldecode(data: bytes) -> bytes:
    _spend(_runlength_size(data))
    return rldecode(data)


def _bounded_lzwdecode(data: bytes) -> bytes:
    parts = []
    for part in LZWDecoder(BytesIO(data)).run():
        _spend(len(part))
        parts.append(part)
    return b"".join(parts)


_start_type = PSStackParser.start_type


def too_deep(name: str | None) -> UnsafeDocument:
    """The error for nesting past ``MAX_NESTING``, whichever engine finds it."""
    return UnsafeDocument(
        f"This PDF nests arrays or dictionaries more than {MAX_NESTING} deep; no real document does, "
        "so the file looks built to exhaust memory.",
        filename=name,
    )


def _guarded_start_type(self: PSStackParser, pos: int, type: str) -> None:  # type: ignore[type-arg]
    if len(self.context) >= MAX_NESTING:
        budget = _BUDGET.get()
        raise too_deep(budget.name if budget else None)
    _start_type(self, pos, type)


def install() -> None:
    """Route pdfminer's stream decoding and parser nesting through the guards (idempotent)."""
    pdfminer.pdftypes.zlib = _BoundedZlib  # type: ignore[assignment]
    pdfminer.pdftypes.rldecode = _bounded_rldecode
    pdfminer.pdftypes.lzwdecode = _bounded_lzwdecode
    PSStackParser.start_type = _guarded_start_type  # type: ignore[method-assign]


class GuardedInterpreter(PDFPageInterpreter):
    """pdfminer's interpreter with a cap on saved graphics states."""

    def do_q(self) -> None:
        if len(self.gstack) < MAX_STATE_DEPTH:
            super().do_q()
