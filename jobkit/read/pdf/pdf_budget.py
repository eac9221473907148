"""The decoded-bytes budget of one PDF read and the nesting limit, shared by both PDF engines.

Pure Python with no pdfminer import: :mod:`pdf_guard` applies them inside
pdfminer's decoders and parser, :mod:`pdfium_reader` to the streams it checks
before PDFium decodes them.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager

from jobkit.config import MB
from jobkit.errors import UnsafeDocument

MAX_NESTING = 512


class Budget:
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


BUDGET: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("jobkit_pdf_budget", default=None)


@contextmanager
def stream_budget(limit: int, name: str | None = None) -> Iterator[None]:
    """Allow at most ``limit`` decoded stream bytes while the block runs."""
    token = BUDGET.set(Budget(limit, name))
    try:
        yield
    finally:
        BUDGET.reset(token)


def spend(size: int) -> None:
    budget = BUDGET.get()
    if budget is not None:
        budget.spend(size)


def runlength_size(data: bytes, stop: int | None = None) -> int:
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


def too_deep(name: str | None) -> UnsafeDocument:
    """The error for nesting past ``MAX_NESTING``, whichever engine finds it."""
    return UnsafeDocument(
        f"This PDF nests arrays or dictionaries more than {MAX_NESTING} deep; no real document does, "
        "so the file looks built to exhaust memory.",
        filename=name,
    )
