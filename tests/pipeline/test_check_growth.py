"""A whole check does work linear in its input: counted, not timed.

``bench/growth.py`` times whole checks on crafted inputs of N and 4N. Here the
same shapes (its ``SHAPES``) are checked at two sizes while every regular
expression jobkit uses counts the characters it reads (a search from ``pos``
to where it matched or gave up; a ``finditer`` to its last match or the end),
and the count at 4N must stay within ``GROWTH`` times the count at N. A
pattern searched once per match over the whole line (the degree scan's
"expected" look, the date-style check) reads N x N characters and fails here
whatever the machine's speed.
"""

from __future__ import annotations

import dataclasses
import re
import sys
import time
import types
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from bench.growth import POSTING_TOP, RESUME, SHAPES, TOP, crafted
from jobkit.pipeline import check_resume
from jobkit.config import Limits

ROLE = "medical-records-technician"
SIZE = 800
# Linear work gives 4x from N to 4N (less, with the fixed part of a check); quadratic 16x.
GROWTH = 4.5
LIMITS = Limits(time_budget=120, max_pages=1_000)


class Work:
    """What the regular expressions of one check read: calls, characters, and characters per pattern."""

    def __init__(self) -> None:
        self.calls = 0
        self.chars = 0
        self.by_pattern: Counter[str] = Counter()

    def reset(self) -> None:
        self.calls, self.chars, self.by_pattern = 0, 0, Counter()

    def add(self, pattern: re.Pattern[str], start: int, stop: int) -> None:
        self.calls += 1
        self.chars += max(0, stop - start)
        self.by_pattern[pattern.pattern[:60]] += max(0, stop - start)


class Counted:
    """A compiled pattern that tells ``work`` how far each call read."""

    def __init__(self, pattern: re.Pattern[str], work: Work) -> None:
        self._pattern = pattern
        self._work = work

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pattern, name)

    def _end(self, string: str, endpos: int) -> int:
        return min(endpos, len(string))

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        found = self._pattern.search(string, pos, endpos)
        self._work.add(self._pattern, pos, found.end() if found else self._end(string, endpos))
        return found

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        found = self._pattern.match(string, pos, endpos)
        self._work.add(self._pattern, pos, found.end() if found else pos + 1)
        return found

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        found = self._pattern.fullmatch(string, pos, endpos)
        self._work.add(self._pattern, pos, found.end() if found else pos + 1)
        return found

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        reached = pos
        try:
            for found in self._pattern.finditer(string, pos, endpos):
                reached = found.end()
                yield found
            reached = self._end(string, endpos)
        finally:
            self._work.add(self._pattern, pos, reached)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        self._work.add(self._pattern, pos, self._end(string, endpos))
        return self._pattern.findall(string, pos, endpos)

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        self._work.add(self._pattern, 0, len(string))
        return self._pattern.sub(repl, string, count)

    def subn(self, repl: Any, string: str, count: int = 0) -> tuple[str, int]:
        self._work.add(self._pattern, 0, len(string))
        return self._pattern.subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[Any]:
        self._work.add(self._pattern, 0, len(string))
        return self._pattern.split(string, maxsplit)


def counting_re(work: Work) -> types.SimpleNamespace:
    """A stand-in for the ``re`` module whose functions count through :class:`Counted`."""
    names = {name: getattr(re, name) for name in dir(re) if not name.startswith("__")}

    def counted(method: str) -> Any:
        def call(pattern: Any, string: str, *args: Any, flags: int = 0) -> Any:
            compiled = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, flags)
            return getattr(Counted(compiled, work), method)(string, *args)
        return call

    def counted_sub(method: str) -> Any:
        def call(pattern: Any, repl: Any, string: str, count: int = 0, flags: int = 0) -> Any:
            compiled = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, flags)
            return getattr(Counted(compiled, work), method)(repl, string, count)
        return call

    for method in ("search", "match", "fullmatch", "finditer", "findall", "split"):
        names[method] = counted(method)
    names["sub"], names["subn"] = counted_sub("sub"), counted_sub("subn")
    return types.SimpleNamespace(**names)


def _wrapped(value: Any, work: Work, seen: dict[int, Counted], depth: int = 0) -> Any:
    """``value`` with every compiled pattern in it (in tuples, lists, dicts, dataclasses) counting; the
    same object when it holds none."""
    if isinstance(value, re.Pattern):
        if isinstance(value.pattern, bytes):
            return value
        return seen.setdefault(id(value), Counted(value, work))
    if depth >= 3:
        return value
    if isinstance(value, (tuple, list)):
        items = [_wrapped(item, work, seen, depth + 1) for item in value]
        changed = any(a is not b for a, b in zip(items, value))
        return type(value)(items) if changed and type(value) in (tuple, list) else value
    if isinstance(value, dict) and type(value) is dict:
        items = {key: _wrapped(item, work, seen, depth + 1) for key, item in value.items()}
        return items if any(items[k] is not v for k, v in value.items()) else value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value) if f.init}
        changed = {k: w for k, v in fields.items() if (w := _wrapped(v, work, seen, depth + 1)) is not v}
        return dataclasses.replace(value, **changed) if changed else value
    return value


def count_regex_work(monkeypatch: pytest.MonkeyPatch) -> Work:
    """Make every pattern jobkit has loaded (and its ``re`` calls) count into one :class:`Work`."""
    work, seen = Work(), {}
    fake_re = counting_re(work)
    for name, module in list(sys.modules.items()):
        # Text resumes and postings only here: the PDF reader's byte patterns never see them.
        if not (name == "jobkit" or name.startswith("jobkit.")) or name.startswith("jobkit.read.pdf"):
            continue
        for attribute, value in list(vars(module).items()):
            if value is re:
                monkeypatch.setattr(module, attribute, fake_re)
            elif not isinstance(value, (types.ModuleType, type, types.FunctionType)):
                wrapped = _wrapped(value, work, seen)
                if wrapped is not value:
                    monkeypatch.setattr(module, attribute, wrapped)
    return work


def check(mode: str, heading: str, unit: str, size: int) -> None:
    """One whole check of a shape, as in ``bench/growth.py``: crafted resume, or crafted posting."""
    text = crafted(heading, unit, size)
    resume = (TOP + text).encode() if mode == "resume" else RESUME.encode()
    job = POSTING_TOP + text if mode == "posting" else None
    check_resume(resume, role=None if job else ROLE, job=job, filename="resume.txt", limits=LIMITS)


@pytest.fixture(scope="module")
def counting() -> Iterator[Work]:
    """Every pattern counting into one :class:`Work` for this module's tests (patched once: it is the slow part)."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("JOBKIT_MAX_PAGES", "1000")  # the posting reads its limits from the environment
        check("posting", "SKILLS", "Epic, ", 200)  # import every module a check uses, and fill its caches
        check("resume", "SKILLS", "Epic, ", 200)
        yield count_regex_work(monkeypatch)


@pytest.fixture
def work(counting: Work) -> Work:
    counting.reset()
    return counting


def measured(work: Work, mode: str, heading: str, unit: str, size: int) -> Work:
    work.reset()
    check(mode, heading, unit, size)
    snapshot = Work()
    snapshot.calls, snapshot.chars, snapshot.by_pattern = work.calls, work.chars, Counter(work.by_pattern)
    return snapshot


def _growers(small: Work, large: Work) -> str:
    """The patterns whose reading grew most, for the failure message."""
    grew = [p for p in large.by_pattern if large.by_pattern[p] > GROWTH * small.by_pattern[p]]
    grew.sort(key=lambda p: large.by_pattern[p] - GROWTH * small.by_pattern[p], reverse=True)
    return "; ".join(f"{p!r}: {small.by_pattern[p]} -> {large.by_pattern[p]}" for p in grew[:3])


@pytest.mark.parametrize("label, heading, unit", SHAPES, ids=[s[0] for s in SHAPES])
@pytest.mark.parametrize("mode", ["resume", "posting"])
def test_regex_work_grows_linearly(work: Work, mode: str, label: str, heading: str, unit: str) -> None:
    small = measured(work, mode, heading, unit, SIZE)
    large = measured(work, mode, heading, unit, 4 * SIZE)
    assert small.calls > 0 and small.chars > len(crafted(heading, unit, SIZE))  # the counting is on
    assert large.chars <= GROWTH * small.chars, (
        f"{label} ({mode}): regexes read {small.chars} characters at {SIZE} and {large.chars} at {4 * SIZE}; "
        + _growers(small, large))
    assert large.calls <= GROWTH * small.calls, f"{label} ({mode}): {small.calls} -> {large.calls} regex calls"


def test_counting_sees_a_per_match_search() -> None:
    """The counter itself: a search over the whole line once per match counts N x N characters."""
    work = Work()
    dots, word = Counted(re.compile(r"\."), work), Counted(re.compile(r"expected"), work)
    line = "A." * 500
    for _ in dots.finditer(line):
        word.search(line)
    assert work.calls == 1 + 500
    assert work.chars == len(line) * (1 + 500)


def test_degree_scan_reads_each_line_a_bounded_number_of_times(work: Work) -> None:
    """A line of 2,500 "A." names 1,250 associate degrees ("A.A."); the expected-degree look reads it a few times,
    not once per degree (that was 12.5 million characters for these 5 KB, and past the 20 s budget at 20 KB)."""
    from jobkit.match.docindex import build_index
    from jobkit.match.education import find_degrees
    from jobkit.read import read_resume

    document = read_resume(("EDUCATION\n" + "A." * 2_500 + "\n").encode(), "a.txt", limits=LIMITS)
    index = build_index(document)
    work.reset()
    degrees = find_degrees(index)
    assert len(degrees) == 1_250 and {d.level for d in degrees} == {"associate"}
    assert not any(d.expected for d in degrees)
    assert work.chars <= 20 * 5_000


def test_overlap_scan_of_many_matches_is_linear() -> None:
    """Sixty thousand one-word matches in one stream: the overlap scan compares each with its
    neighbours only. It copied the rest of the list for every match (N x N element copies, about
    6 s of CPU here), which no counter sees, so this one bound is CPU seconds, and generous."""
    from jobkit.match.matcher import _Hit, _longest_spans

    variant = types.SimpleNamespace(key=("epic",), names_term=True)
    hits = {"epic": {(0, pos): _Hit(0, pos, variant, "exact", None, 1.0, False)  # type: ignore[arg-type]
                     for pos in range(0, 120_000, 2)}}
    started = time.process_time()
    kept = _longest_spans(hits)
    assert time.process_time() - started < 1.5
    assert len(kept["epic"]) == 60_000
