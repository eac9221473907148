"""Search a list of patterns only where the text holds what they need.

A resume's or a posting's lines (an email needs an "@") and a posting's sentences are each searched with dozens of expressions (the knockout kinds of
keywords/_screening.toml, the cue words), and most expressions need a word the sentence does not
have: "drug test" needs "drug". :func:`needs` reads, from an expression's own syntax tree, a set of
lower-case words one of which every match holds; a sentence without any of them is not searched.
The answer is exactly that of searching every pattern, only cheaper: a needed word is taken only
from literal characters the expression must match one after another, and a text holding one of the
four characters case-insensitive matching folds into an ASCII letter (the Kelvin sign, the long s,
the dotted and dotless i) is searched in full.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from functools import lru_cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]

# Characters that match an ASCII letter under re.IGNORECASE without being that letter in either case.
_FOLDED = ("\u0130", "\u0131", "\u017f", "\u212a")
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def needs(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case ASCII words one of which every match of ``pattern`` holds; None when none can be told."""
    if not isinstance(pattern.pattern, str):
        return None
    try:
        found = _needs(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - re's own parser is private: one it cannot read is searched as it is
        return None
    return found or None


def _needs(items: Iterable[tuple[object, object]]) -> frozenset[str] | None:
    """The best needed set of one sequence: its longest run of literal characters, or a group's own."""
    best: frozenset[str] | None = None
    run = ""
    for op, value in items:
        if op is sre.LITERAL and isinstance(value, int) and value < 128:
            run += chr(value).lower()
            continue
        best, run = _better(best, frozenset((run,)) if run else None), ""
        best = _better(best, _inner(op, value))
    return _better(best, frozenset((run,)) if run else None)


def _inner(op: object, value: object) -> frozenset[str] | None:
    """What a group, a branch or a repeat that must match at least once needs."""
    if op is sre.SUBPATTERN or op is sre.ATOMIC_GROUP:
        return _needs(value[-1] if isinstance(value, tuple) else value)  # type: ignore[arg-type]
    if op in _REPEATS and value[0] >= 1:  # type: ignore[index]
        return _needs(value[2])  # type: ignore[index]
    if op is sre.BRANCH:
        options = [_needs(branch) for branch in value[1]]  # type: ignore[index]
        if all(options):
            return frozenset().union(*options)  # type: ignore[arg-type]
    return None


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The set whose shortest word is longer (it rules out more texts); on a tie, the smaller set."""
    if not a or not b:
        return a or b
    return max((a, b), key=lambda s: (min(map(len, s)), -len(s)))


def _folds(text: str) -> bool:
    """Whether ``text`` holds a character that matches an ASCII letter without being one (then search it all)."""
    return not text.isascii() and any(c in text for c in _FOLDED)


class Patterns:
    """Patterns, each with what it needs; :meth:`first` answers as searching each in turn would."""

    def __init__(self, patterns: Iterable[re.Pattern[str]]) -> None:
        self.patterns = tuple(patterns)
        needed = [needs(p) for p in self.patterns]
        self.words = frozenset().union(*(n for n in needed if n))
        self._always = tuple(number for number, need in enumerate(needed) if need is None)
        # needed word -> the patterns (by number) that need it
        self._by_word = {word: tuple(number for number, need in enumerate(needed) if need and word in need)
                         for word in self.words}

    def first(self, text: str, lower: str | None = None,
              present: AbstractSet[str] | None = None) -> re.Match[str] | None:
        """The first pattern's match in ``text``. ``lower``: ``text.lower()``; ``present``: the needed words
        ``text`` holds (:meth:`Scan.present`), when the caller has them."""
        if present is None:
            present = self._present(text, lower)
        if not self._always and present.isdisjoint(self.words):
            return None
        numbers = set(self._always)
        for word in present:
            numbers.update(self._by_word.get(word, ()))
        for number in sorted(numbers):  # in the patterns' own order: the first that matches answers
            found = self.patterns[number].search(text)
            if found:
                return found
        return None

    def any(self, text: str, lower: str | None = None, present: AbstractSet[str] | None = None) -> bool:
        return self.first(text, lower, present) is not None

    def may(self, text: str, lower: str | None = None, present: AbstractSet[str] | None = None) -> bool:
        """False when no pattern can match ``text`` (it lacks what each needs); True when one might."""
        if present is None:
            present = self._present(text, lower)
        return bool(self._always) or not present.isdisjoint(self.words)

    def _present(self, text: str, lower: str | None) -> AbstractSet[str]:
        """The needed words ``text`` holds (all of them when it holds a character that folds into a letter)."""
        if _folds(text):
            return self.words
        if lower is None:
            lower = text.lower()
        return {word for word in self.words if word in lower}


class Scan:
    """The needed words of several :class:`Patterns` that each of many texts holds, found once per text.

    Built over all the texts first: a word none of them holds is never looked for again."""

    def __init__(self, groups: Iterable[Patterns], texts: Iterable[str]) -> None:
        words = sorted(frozenset().union(*(g.words for g in groups)))
        whole = "\n".join(texts)
        self._every: AbstractSet[str] | None = frozenset(words) if _folds(whole) else None
        lower = whole.lower()
        self._words = tuple(w for w in words if w in lower)

    def present(self, text: str, lower: str) -> AbstractSet[str]:
        """The needed words ``text`` (one of the texts, ``lower`` in lower case) holds."""
        if self._every is not None:
            return self._every
        return {word for word in self._words if word in lower}


@lru_cache(maxsize=256)
def patterns_of(patterns: tuple[re.Pattern[str], ...]) -> Patterns:
    """The :class:`Patterns` of a tuple of compiled patterns, read once (a data file's patterns are loaded once)."""
    return Patterns(patterns)
