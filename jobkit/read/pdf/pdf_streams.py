"""Decode a PDF's streams in pure Python, spending the decoded-bytes budget as it goes.

Shared by the passes that look at a file before an engine does: the PDFium
path's :func:`~jobkit.read.pdf.pdfium_reader.check_streams` and the form
fan-out count (:mod:`jobkit.read.pdf.pdf_forms`), which both engines run.
Flate, RunLength, LZW, ASCII85 and ASCIIHex are decoded (pdfminer's own
RunLength and LZW decoders are imported only when a stream needs them);
image codecs and crypt filters are not, since reading text never needs them.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import zlib
from collections.abc import Iterator

from jobkit.read.deadline import check_current
from jobkit.read.pdf.pdf_budget import Budget, runlength_size

STREAM = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_SHORT = {b"Fl": b"FlateDecode", b"RL": b"RunLengthDecode", b"LZW": b"LZWDecode", b"A85": b"ASCII85Decode",
          b"AHx": b"ASCIIHexDecode"}
_CHUNK = 1 << 20


def decoded_streams(data: bytes, budget: Budget) -> Iterator[tuple[bytes, bytes | None]]:
    """(stream dictionary, decoded bytes or None) for each stream but images, the budget spent as it goes."""
    view = memoryview(data)
    encrypted = b"/Encrypt" in data
    for match in STREAM.finditer(data):
        head = data[max(0, match.start() - 2048) : match.start()]
        head = head[head.rfind(b"obj") + 1 :]
        if b"/Image" in head:
            continue
        end = data.find(b"endstream", match.end())
        raw = view[match.end() : end if end >= 0 else len(data)]
        filters = filters_of(head)
        if encrypted and filters[:1] != [b"FlateDecode"]:
            continue
        yield head, decode(raw, filters[:1] if encrypted else filters, budget)


def filters_of(head: bytes) -> list[bytes]:
    """The stream's filter names, in order; an indirect /Filter is tried as Flate."""
    found = _FILTER.search(head)
    if found is None:
        return [b"FlateDecode"] if b"/Filter" in head else []
    return [_SHORT.get(n, n) for n in _NAME.findall(found.group(1))]


def decode(raw: memoryview, filters: list[bytes], budget: Budget) -> bytes | None:
    data: bytes | memoryview = raw
    for name in filters:
        check_current()
        if name == b"FlateDecode":
            data = _inflate(data, budget)
        elif name == b"ASCII85Decode":
            end = bytes(data).find(b"~>")
            try:
                data = base64.a85decode(bytes(data[: end if end >= 0 else len(data)]))
            except ValueError:
                return None
        elif name == b"ASCIIHexDecode":
            digits = bytes(data).split(b">", 1)[0].translate(None, b" \t\r\n\f\0")
            try:
                data = binascii.unhexlify(digits + b"0" * (len(digits) % 2))
            except binascii.Error:
                return None
        elif name == b"RunLengthDecode":
            from pdfminer.runlength import rldecode

            data = bytes(data)
            budget.spend(runlength_size(data, stop=budget.left))
            data = rldecode(data)
        elif name == b"LZWDecode":
            data = _lzw(bytes(data), budget)
        else:
            return None  # an image codec or a crypt filter: nothing PDFium decodes to read text
    return bytes(data)


def _inflate(data: bytes | memoryview, budget: Budget) -> bytes:
    pending = memoryview(data)
    inflater = zlib.decompressobj()
    parts: list[bytes] = []
    try:
        while pending and not inflater.eof:
            check_current()
            piece = pending[: 4 * _CHUNK]
            out = inflater.decompress(piece, _CHUNK)
            budget.spend(len(out))
            parts.append(out)
            consumed = len(piece) - len(inflater.unconsumed_tail)
            if not out and not consumed:
                break
            pending = pending[consumed:]
    except zlib.error:
        pass  # damaged or encrypted: what inflated so far is all PDFium gets too
    return b"".join(parts)


def _lzw(data: bytes, budget: Budget) -> bytes:
    from pdfminer.lzw import LZWDecoder

    parts = []
    try:
        for part in LZWDecoder(io.BytesIO(data)).run():
            budget.spend(len(part))
            parts.append(part)
    except (ValueError, IndexError, TypeError):
        pass
    return b"".join(parts)

