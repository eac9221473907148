"""How far form XObjects fan out, counted from the file before either engine draws a page.

A form XObject is a content stream drawn by name (``/X Do``), and a form may
draw other forms. Both engines expand every draw in full: PDFium builds each
object of each copy inside one C call (a 1.3 KB file of three forms, each
drawing the next 200 times, with 200 rectangles in the last, is 40,000 copies
and 8 million paths: 2.7 GB), pdfminer interprets each copy in Python.

This pass counts, from the pages' and the forms' content streams and their
resources alone (:mod:`pdf_objects`), how many times forms are drawn in all,
nested and multiplied (``draws``), and how many drawing operators those
copies hold (``operators``). A form drawn inside itself is counted as PDFium
expands it, ``FORM_LEVELS`` deep (pdfminer skips it: fewer). Each form's
count is made once and reused, so the pass is linear in the file; what
cannot be reused (counts cut at that depth) costs a step per draw, and the
steps are held to the draw limit. Past ``Limits.max_form_draws`` or
``Limits.max_form_operators``, or with a chain of more than ``FORM_LEVELS``
different forms, the read is refused with the same
:class:`~jobkit.errors.UnsafeDocument` on both engines.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from jobkit.config import Limits
from jobkit.errors import UnsafeDocument
from jobkit.read.deadline import check_current
from jobkit.read.pdf.pdf_budget import Budget
from jobkit.read.pdf.pdf_objects import CHECK_EVERY, NAME_CHARS, PdfObjects, unescape_name

# PDFium expands forms drawn inside forms 41 levels deep and no further (a form that draws itself
# gives 41 copies); pdfminer skips a form drawn inside itself, and has no limit otherwise.
FORM_LEVELS = 48
_DO = re.compile(rb"/(" + NAME_CHARS + rb"+)\s*Do(?!" + NAME_CHARS + rb")")
# Every Do operator, its operand written however (after a comment, say): those _DO misses may draw any form.
_DO_TOKEN = re.compile(rb"(?<!" + NAME_CHARS + rb")Do(?!" + NAME_CHARS + rb")")
ANY = b""  # in a count of names drawn: a Do whose name was not read
# Operators that draw something (paths painted, text shown, images, shadings), counted per copy.
_OPERATOR = re.compile(rb"(?<![^\s\])>])(?:[fFSsBbn]\*?|Tj|TJ|'|\"|Do|sh|EI)(?![^\s\[(/<%])")
# A form's subtype, or one given by reference (PDFium follows it; counted as a form, to be safe).
_FORM = re.compile(rb"/Subtype\s*(?:/Form(?!" + NAME_CHARS + rb")|\d{1,10}\s+\d{1,5}\s+R)")
_PAGE = re.compile(rb"/Type\s*/Page(?!" + NAME_CHARS + rb")")
_RESOURCES = re.compile(rb"/Resources\s*(\d{1,10}\s+\d{1,5}\s+R|<<)")
_XOBJECTS = re.compile(rb"/XObject\s*(?:<<(.*?)>>|(\d{1,10}\s+\d{1,5}\s+R))", re.S)
_NAMED_REF = re.compile(rb"/(" + NAME_CHARS + rb"+)\s*(\d{1,10})\s+\d{1,5}\s+R(?![A-Za-z])")
_CONTENTS = re.compile(rb"/Contents\s*(\[[^\]]*\]|\d{1,10}\s+\d{1,5}\s+R)")
_PARENT = re.compile(rb"/Parent\s*(\d{1,10})\s+\d{1,5}\s+R")
_REFS = re.compile(rb"(\d{1,10})\s+\d{1,5}\s+R(?![A-Za-z])")
_MAX_PARENTS = 64

XObjects = dict[bytes, tuple[int, ...]]  # a resource name -> the object numbers it may stand for
Edges = list[tuple[int, int]]  # (form object number, times drawn)
_Count = tuple[int, int, int, bool]  # draws, operators, height below, cut at FORM_LEVELS


@dataclass
class FanOut:
    """What the forms of one PDF expand to, and the work it took to count it."""

    draws: int = 0  # form draws, nested forms counted once per copy of their parent
    operators: int = 0  # drawing operators inside those copies
    depth: int = 0  # the deepest form nesting drawn
    steps: int = 0  # objects indexed plus forms expanded: the pass's work


@dataclass
class _Form:
    calls: Counter[bytes]  # names it draws, with how many times
    operators: int  # drawing operators in its own content
    xobjects: XObjects | None  # its own resources' XObjects; None: it uses its caller's


def check_forms(data: bytes, limits: Limits, name: str | None = None) -> FanOut:
    """Count the form fan-out of ``data``; raise :class:`UnsafeDocument` past the limits."""
    objects = PdfObjects(data, Budget(limits.max_pdf_stream_bytes, name))
    counter = _Counter(objects, limits, name)
    counter.count_pages()
    counter.result.steps += objects.steps
    return counter.result


class _Counter:
    def __init__(self, objects: PdfObjects, limits: Limits, name: str | None) -> None:
        self.objects = objects
        self.limits = limits
        self.name = name
        self.result = FanOut()
        self._forms: dict[int, _Form | None] = {}
        self._maps: dict[bytes, XObjects] = {}
        self._edges: dict[tuple[int, int], Edges] = {}
        self._map_forms: dict[int, list[int]] = {}
        self._memo: dict[tuple[int, int], _Count] = {}
        self._path: Counter[int] = Counter()  # forms on the way down to the one being counted
        self._repeats = 0  # how many of them are there twice or more

    def count_pages(self) -> None:
        if not any(d.raw is not None and _FORM.search(d.head) for defs in self.objects.definitions.values()
                   for d in defs):
            return  # no forms to draw: no page's content needs decoding
        calls: dict[bytes, Counter[bytes]] = {}
        page_edges: dict[tuple[bytes, int], Edges] = {}
        for definitions in list(self.objects.definitions.values()):
            for head in [d.head for d in definitions if d.raw is None and _PAGE.search(d.head)]:
                contents = _CONTENTS.search(head)
                key = contents.group(1) if contents else b""
                if key not in calls:
                    calls[key] = _calls(self._contents(key))
                xobjects = self._page_xobjects(head)
                if (key, id(xobjects)) not in page_edges:
                    page_edges[key, id(xobjects)] = self._resolve(calls[key], xobjects)
                draws, operators, _, _ = self._expand(page_edges[key, id(xobjects)], xobjects, 0)
                self.result.draws += draws
                self.result.operators += operators
                self._check(self.result.draws, self.result.operators)

    def _check(self, draws: int, operators: int) -> None:
        if draws > self.limits.max_form_draws:
            raise UnsafeDocument(
                "This PDF repeats its reusable drawings (form XObjects) inside one another more than "
                f"{self.limits.max_form_draws:,} times; a resume needs a few, so the file looks built to exhaust "
                "memory.", filename=self.name)
        if operators > self.limits.max_form_operators:
            raise UnsafeDocument(
                "This PDF's reusable drawings (form XObjects), repeated inside one another, add up to more than "
                f"{self.limits.max_form_operators:,} drawing operations; a resume needs far fewer, so the file "
                "looks built to exhaust memory.", filename=self.name)

    def _too_deep(self) -> UnsafeDocument:
        return UnsafeDocument(
            f"This PDF nests reusable drawings (form XObjects) more than {FORM_LEVELS} deep, each a different "
            "one; no real document does, so the file looks built to exhaust memory.", filename=self.name)

    def _expand(self, edges: Edges, xobjects: XObjects, depth: int) -> _Count:
        """(draws, operators, height, cut) of drawing each edge's form its number of times, ``depth`` deep."""
        draws = operators = height = 0
        cut = False
        for number, times in edges:
            self.result.steps += 1
            if self.result.steps % CHECK_EVERY == 0:
                check_current()
            # Each step is a draw of its own (a different way down): the work stays under the draw limit.
            self._check(self.result.steps, 0)
            inner = self._inside(number, xobjects, depth + 1)
            draws += times * (1 + inner[0])
            operators += times * inner[1]
            height = max(height, inner[2] + 1)
            cut = cut or inner[3]
            self._check(draws, operators)
        return draws, operators, height, cut

    def _inside(self, number: int, caller: XObjects, depth: int) -> _Count:
        """(draws, operators, height, cut) of one copy of form ``number`` drawn ``depth`` forms deep.

        A count reused must not reach past ``FORM_LEVELS`` from here. Past it a form is not expanded
        (PDFium stops there too), unless every form on the way is a different one: that is refused,
        since pdfminer would go on.
        """
        form = self._forms[number]
        assert form is not None
        key = (number, 0 if form.xobjects is not None else id(caller))
        found = self._memo.get(key)
        if found is not None and depth + found[2] <= FORM_LEVELS:
            return found
        if depth > FORM_LEVELS:
            if not self._repeats and not self._path[number]:
                raise self._too_deep()
            return 0, 0, 0, True
        xobjects = caller if form.xobjects is None else form.xobjects
        self._repeats += self._path[number] > 0
        self._path[number] += 1
        try:
            draws, operators, height, cut = self._expand(self._edges_of(form, xobjects, key), xobjects, depth)
        finally:
            self._path[number] -= 1
            self._repeats -= self._path[number] > 0
        found = (draws, operators + form.operators, height, cut)
        if not cut:
            self._memo[key] = found
        self.result.depth = max(self.result.depth, depth + height)
        return found

    def _edges_of(self, form: _Form, xobjects: XObjects, key: tuple[int, int]) -> Edges:
        edges = self._edges.get(key)
        if edges is None:
            edges = self._edges[key] = self._resolve(form.calls, xobjects)
        return edges

    def _resolve(self, calls: Counter[bytes], xobjects: XObjects) -> Edges:
        """The forms drawn by name in ``calls``, each with how many times (images and unknown names left out).

        Names are looked up from the smaller side, and a map's forms are listed once: many pages
        sharing a long content stream or a large resource dictionary cost no more than the file.
        """
        edges: Counter[int] = Counter()
        names, other = (calls, xobjects) if len(calls) <= len(xobjects) else (xobjects, calls)
        for name in names:
            if name != ANY and name in other:
                for number in xobjects[name]:
                    if self._form(number) is not None:
                        edges[number] += calls[name]
        for number in self._forms_in(xobjects) if calls.get(ANY) else ():
            edges[number] += calls[ANY]
        return list(edges.items())

    def _forms_in(self, xobjects: XObjects) -> list[int]:
        """Every form a resource map names (for a Do whose name could not be read), listed once per map."""
        key = id(xobjects)
        if key not in self._map_forms:
            numbers = {number for numbers in xobjects.values() for number in numbers}
            self._map_forms[key] = [number for number in sorted(numbers) if self._form(number) is not None]
        return self._map_forms[key]

    def _form(self, number: int) -> _Form | None:
        if number not in self._forms:
            streams = [(head, content) for head, content in self.objects.streams(number) if _FORM.search(head)]
            maps = [m for m in (self._resources(head) for head, _ in streams) if m is not None]
            self._forms[number] = _Form(
                calls=sum((_calls(content) for _, content in streams), Counter()),
                operators=sum(len(_OPERATOR.findall(content)) for _, content in streams),
                xobjects=_union(maps) if maps else None,
            ) if streams else None
        return self._forms[number]

    def _resources(self, head: bytes) -> XObjects | None:
        """The XObjects of the resources ``head`` names, or None when it names none."""
        found = _RESOURCES.search(head)
        if found is None:
            return None
        inline = found.group(1) == b"<<"
        key = head[found.start(1):] if inline else found.group(1)
        if key not in self._maps:
            texts = [key] if inline else self.objects.resolve(key)
            self._maps[key] = _union([self._xobject_map(text) for text in texts])
        return self._maps[key]

    def _xobject_map(self, text: bytes) -> XObjects:
        found: dict[bytes, set[int]] = {}
        for match in _XOBJECTS.finditer(text):
            bodies = [match.group(1)] if match.group(1) is not None else self.objects.resolve(match.group(2))
            for body in bodies:
                for name, number in _NAMED_REF.findall(body):
                    found.setdefault(name, set()).add(int(number))
        return {name: tuple(numbers) for name, numbers in found.items()}

    def _page_xobjects(self, head: bytes) -> XObjects:
        """A page's XObjects: its own resources', or the nearest ancestor's in the page tree."""
        seen: set[int] = set()
        for _ in range(_MAX_PARENTS):
            found = self._resources(head)
            if found is not None:
                return found
            parent = _PARENT.search(head)
            if parent is None or int(parent.group(1)) in seen:
                break
            seen.add(int(parent.group(1)))
            head = b"\n".join(self.objects.heads(int(parent.group(1))))
        return _NONE

    def _contents(self, value: bytes) -> bytes:
        """A page's content, its streams joined: ``value`` is one reference or an array of them."""
        if not value:
            return b""
        numbers = [int(n) for n in _REFS.findall(value)]
        if not value.startswith(b"[") and not self.objects.streams(numbers[0]):  # an array object of references
            numbers += [int(n) for head in self.objects.heads(numbers[0]) for n in _REFS.findall(head)]
        return b"\n".join(content for number in numbers for _, content in self.objects.streams(number))


_NONE: XObjects = {}


def _calls(content: bytes) -> Counter[bytes]:
    """The names a content stream draws with ``Do``, with how many times each (``ANY``: a name not read)."""
    calls = Counter(unescape_name(name) for name in _DO.findall(content))
    unread = content.count(b"Do") and len(_DO_TOKEN.findall(content)) - sum(calls.values())
    if unread > 0:
        calls[ANY] += unread
    return calls


def _union(maps: list[XObjects]) -> XObjects:
    if len(maps) == 1:
        return maps[0]
    merged: dict[bytes, set[int]] = {}
    for xobjects in maps:
        for name, numbers in xobjects.items():
            merged.setdefault(name, set()).update(numbers)
    return {name: tuple(numbers) for name, numbers in merged.items()}
