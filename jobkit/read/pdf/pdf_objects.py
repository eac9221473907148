"""A PDF's objects, found by scanning its bytes: enough to follow pages, resources and forms.

Pure Python and engine-neutral, so a count made here (see :mod:`pdf_forms`)
is the same whichever engine reads the file afterwards, and nothing is drawn
or expanded to make it. Every ``N G obj`` in the file and in its object
streams is indexed; when a number is defined more than once (an incremental
update, or a file built to disagree with its cross-reference table), every
definition is kept and callers take the union, so a count is never lower
than what an engine would see. Streams are decoded on first use, once,
against the decoded-bytes budget. In an encrypted file (an empty user
password only: any other is refused by the engines) streams are decrypted
with pdfminer's security handlers, imported only then.
"""

from __future__ import annotations

import bisect
import io
import re
from collections.abc import Callable
from dataclasses import dataclass

from jobkit.errors import JobkitError
from jobkit.read.deadline import check_current
from jobkit.read.pdf.pdf_budget import BUDGET, Budget
from jobkit.read.pdf.pdf_streams import decode, filters_of

NAME_CHARS = rb"[^\s/\[\]<>(){}%]"
# "obj" found as a literal (fast), its "N G " read backwards: one regex for the whole header, run over
# every byte of the file (stream data included), made this pass seven times slower on the corpus.
_OBJ_WORD = re.compile(rb"obj(?![A-Za-z])")
_SPACE, _DIGITS = frozenset(b"\0\t\n\f\r "), frozenset(b"0123456789")
_BODY_END = re.compile(rb">>\s*stream(?:\r\n|\n|\r)|endobj(?![A-Za-z])")
_REF = re.compile(rb"(\d{1,10})\s+(\d{1,5})\s+R(?![A-Za-z])")
_LENGTH = re.compile(rb"/Length\s+(\d{1,10})(?:\s+(\d{1,5})\s+R)?")
_INTEGER = re.compile(rb"\d{1,10}")
_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm(?!" + NAME_CHARS + rb")")
_NAME = re.compile(rb"/" + NAME_CHARS + rb"*")  # no backtracking: one pass over the text
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_SPECIAL = re.compile(rb"[()\\%]")
_LINE_END = re.compile(rb"[\r\n]")
CHECK_EVERY = 256

Decipher = Callable[[int, int, bytes], bytes]


@dataclass(slots=True)
class Definition:
    """One definition of an object: its dictionary (or whole body) and, for a stream, its data as stored."""

    number: int
    generation: int
    head: bytes
    raw: memoryview | None = None
    decoded: bytes | None = None
    begin: int = 0  # where a stream's data starts in the file


def unescape_name(name: bytes) -> bytes:
    """``F#6frm`` as ``Form``: a PDF name may spell any byte as ``#xx``, and both engines read it so."""
    return _ESCAPE.sub(lambda e: bytes([int(e.group(1), 16)]), name) if b"#" in name else name


def unescape_names(text: bytes) -> bytes:
    """Every name in ``text`` unescaped (:func:`unescape_name`)."""
    return _NAME.sub(lambda m: unescape_name(m.group(0)), text) if b"#" in text else text


def strip_comments(text: bytes) -> bytes:
    """``text`` without its comments (``%`` to the end of the line, outside strings), as a parser reads it.

    Linear: only parentheses, backslashes and ``%`` are visited, with the line ends of comments.
    """
    if b"%" not in text:
        return text
    kept: list[bytes] = []
    at = keep_from = depth = 0
    while (found := _SPECIAL.search(text, at)) is not None:
        at, char = found.end(), found.group(0)
        if depth and char == b"\\":
            at += 1  # the escaped byte is part of the string, whatever it is
        elif char == b"(":
            depth += 1
        elif char == b")":
            depth = max(depth - 1, 0)
        elif char == b"%" and not depth:
            kept.append(text[keep_from:found.start()] + b" ")
            line_end = _LINE_END.search(text, at)
            if line_end is None:
                return b"".join(kept)
            at = keep_from = line_end.start()
    kept.append(text[keep_from:])
    return b"".join(kept)


class PdfObjects:
    """Every object definition in ``data``, by number; ``steps`` counts the objects indexed."""

    def __init__(self, data: bytes, budget: Budget) -> None:
        self.definitions: dict[int, list[Definition]] = {}
        self.steps = 0
        self._budget = budget
        self._decipher = _decipher(data, budget) if b"/Encrypt" in data else None
        self._scan(data)
        streams = [d for defs in list(self.definitions.values()) for d in defs if d.raw is not None]
        for definition in streams:
            self._extend(definition, memoryview(data))
        for definition in streams:
            if _OBJECT_STREAM.search(definition.head):
                self._unpack(definition)
        for definition in streams:  # lengths kept in object streams
            self._extend(definition, memoryview(data))

    def heads(self, number: int) -> list[bytes]:
        return [d.head for d in self.definitions.get(number, ())]

    def streams(self, number: int) -> list[tuple[bytes, bytes]]:
        """(dictionary, decoded data) of each definition of ``number`` that is a stream."""
        return [(d.head, self.content(d)) for d in self.definitions.get(number, ()) if d.raw is not None]

    def resolve(self, value: bytes) -> list[bytes]:
        """The text a value stands for: the heads of the object ``N G R`` refers to, or the value itself."""
        ref = _REF.match(value)
        return self.heads(int(ref.group(1))) if ref else [value]

    def content(self, definition: Definition) -> bytes:
        """A stream's decoded data (empty when it cannot be decoded), decoded once."""
        if definition.decoded is None:
            definition.decoded = self._decode(definition)
        return definition.decoded

    def _add(self, definition: Definition) -> None:
        self.steps += 1
        if self.steps % CHECK_EVERY == 0:
            check_current()
        definition.head = unescape_names(strip_comments(definition.head))
        self.definitions.setdefault(definition.number, []).append(definition)

    def _scan(self, data: bytes) -> None:
        """Each ``N G obj`` up to the next one (or, for a stream, past its data: the first ``endstream``
        or its /Length, whichever is further, so a stream cannot hide part of itself)."""
        view = memoryview(data)
        header = _next_header(data, 0)
        while header is not None:
            start, body, number, generation = header
            following = _next_header(data, body)
            limit = following[0] if following else len(data)
            end = _BODY_END.search(data, body, limit)
            if end is None or end.group(0).startswith(b"endobj"):
                self._add(Definition(number, generation, data[body:end.start() if end else limit]))
                header = following
                continue
            head = data[body:end.start() + 2]
            stop = data.find(b"endstream", end.end())
            stop = max(len(data) if stop < 0 else stop, min(len(data), end.end() + (_direct_length(head) or 0)))
            self._add(Definition(number, generation, head, view[end.end():stop], begin=end.end()))
            header = following if following is not None and following[0] >= stop else _next_header(data, stop)

    def _extend(self, stream: Definition, view: memoryview) -> None:
        """Reach a stream's indirect /Length when it ends past the first ``endstream``."""
        assert stream.raw is not None
        length = self._length(stream)
        if length is not None and len(stream.raw) < length <= len(view) - stream.begin:
            stream.raw = view[stream.begin:stream.begin + length]
            stream.decoded = None

    def _length(self, stream: Definition) -> int | None:
        found = _LENGTH.search(stream.head)
        if found is None or found.group(2) is None:
            return None
        return next((v for v in map(_plain_integer, self.heads(int(found.group(1)))) if v is not None), None)

    def _unpack(self, stream: Definition) -> None:
        """Index the objects an object stream holds (``/N`` pairs of number and offset, then the bodies)."""
        content = self.content(stream)
        first = _direct_integer(stream.head, rb"/First")
        if first is None or first > len(content):
            return
        numbers = [int(n) for n in _INTEGER.findall(content[:first])]
        pairs = list(zip(numbers[0::2], numbers[1::2]))
        # Each body runs to the next offset up, in whatever order the pairs list them.
        bounds = sorted({offset for _, offset in pairs} | {len(content) - first})
        for number, offset in pairs:
            end = bounds[bisect.bisect_right(bounds, offset)] if offset < bounds[-1] else offset
            self._add(Definition(number, 0, content[first + offset:first + end]))

    def _decode(self, definition: Definition) -> bytes:
        assert definition.raw is not None
        raw = definition.raw
        filters = filters_of(definition.head)
        if self._decipher is not None:
            try:
                raw = memoryview(self._decipher(definition.number, definition.generation, self._exact(definition)))
            except Exception:  # noqa: BLE001 - a stream the handler cannot decrypt: the engines cannot either
                return b""
        return decode(raw, filters, self._budget) or b""

    def _exact(self, definition: Definition) -> bytes:
        """The stream's bytes cut at its /Length when that is known (a cipher needs them exactly)."""
        assert definition.raw is not None
        raw = bytes(definition.raw)
        length = _direct_length(definition.head) or self._length(definition)
        return raw[:length] if length is not None and length <= len(raw) else raw.rstrip(b"\r\n")


def _next_header(data: bytes, at: int) -> tuple[int, int, int, int] | None:
    """(start, end, number, generation) of the first ``N G obj`` from ``at``, or None."""
    while (found := _OBJ_WORD.search(data, at)) is not None:
        at = found.end()
        if not found.start() or data[found.start() - 1] not in _SPACE:
            continue  # "endobj", or a word
        generation_end = _back(data, found.start(), _SPACE)
        generation_start = _back(data, generation_end, _DIGITS)
        number_end = _back(data, generation_start, _SPACE)
        number_start = _back(data, number_end, _DIGITS)
        if (0 < generation_end - generation_start <= 5 and number_end < generation_start
                and 0 < number_end - number_start <= 10 and (number_start == 0 or data[number_start - 1] not in _DIGITS)):
            return number_start, at, int(data[number_start:number_end]), int(data[generation_start:generation_end])
    return None


def _back(data: bytes, at: int, kinds: frozenset[int]) -> int:
    """Where the run of ``kinds`` bytes that ends at ``at`` starts."""
    while at > 0 and data[at - 1] in kinds:
        at -= 1
    return at


def _direct_length(head: bytes) -> int | None:
    found = _LENGTH.search(head)
    return int(found.group(1)) if found and found.group(2) is None else None


def _direct_integer(head: bytes, key: bytes) -> int | None:
    found = re.search(re.escape(key) + rb"\s+(\d{1,10})(?!\s+\d+\s+R)", head)
    return int(found.group(1)) if found else None


def _plain_integer(body: bytes) -> int | None:
    text = body.strip()
    return int(text) if text.isdigit() and len(text) <= 10 else None


def _decipher(data: bytes, budget: Budget) -> Decipher | None:
    """pdfminer's decryption for this file's empty user password, or None when it has none.

    pdfminer parses the cross-reference streams to find the encryption dictionary: under
    jobkit's guards (:mod:`pdf_guard`) and this pass's budget, as in a pdfminer read.
    """
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    from jobkit.read.pdf.pdf_guard import install, silence_pdfminer

    install()
    silence_pdfminer()  # its warnings can quote the file's bytes: never in a log
    token = BUDGET.set(budget)
    try:
        handler = PDFDocument(PDFParser(io.BytesIO(data)), password="").decipher
    except JobkitError:
        raise
    except Exception:  # noqa: BLE001 - a password or a broken file: the engine gives that error itself
        return None
    finally:
        BUDGET.reset(token)
    if handler is None:
        return None
    return lambda number, generation, raw: handler(number, generation, raw, None)
