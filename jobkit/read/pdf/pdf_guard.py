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

import logging
import zlib
from io import BytesIO
from typing import Any

import pdfminer.pdftypes
from pdfminer.lzw import LZWDecoder
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.psparser import PSStackParser
from pdfminer.runlength import rldecode

from jobkit.read.pdf.pdf_budget import BUDGET, MAX_NESTING, runlength_size, spend, too_deep

MAX_STATE_DEPTH = 256


def _max_length() -> int:
    """zlib's max_length for the next piece: one byte over what is left, or 0 (no limit) outside a read."""
    budget = BUDGET.get()
    return 0 if budget is None else max(budget.left, 0) + 1


class _BoundedInflater:
    """``zlib.decompressobj()`` that spends the budget as it inflates."""

    def __init__(self) -> None:
        self._inflater = zlib.decompressobj()

    def decompress(self, data: bytes) -> bytes:
        out = self._inflater.decompress(data, _max_length())
        spend(len(out))
        return out

    def flush(self, *args: Any) -> bytes:
        out = self._inflater.flush(*args)
        spend(len(out))
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


def _bounded_rldecode(data: bytes) -> bytes:
    spend(runlength_size(data))
    return rldecode(data)


def _bounded_lzwdecode(data: bytes) -> bytes:
    parts = []
    for part in LZWDecoder(BytesIO(data)).run():
        spend(len(part))
        parts.append(part)
    return b"".join(parts)


_start_type = PSStackParser.start_type


def _guarded_start_type(self: PSStackParser, pos: int, type: str) -> None:  # type: ignore[type-arg]
    if len(self.context) >= MAX_NESTING:
        budget = BUDGET.get()
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


def silence_pdfminer() -> None:
    """pdfminer logs content-stream operands (resume text) at DEBUG level.

    Resume text must never reach a log, whatever level the application
    configured since jobkit was imported, so every read sets pdfminer's
    loggers (the parent and each module's own) back to ERROR.
    """
    for name in list(logging.root.manager.loggerDict):
        if name == "pdfminer" or name.startswith("pdfminer."):
            logging.getLogger(name).setLevel(logging.ERROR)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
