"""The repeated phrases of a posting: its two- and three-word runs that no keyword set knows.

Counted line by line in one pass each; a run that is part of a glossary term or of federal boilerplate
("knowledge of medical terminology", "creditable experience"), the employer's name, or made only of generic
words ("ability to work") does not count. :mod:`posting_extras` shows the most repeated as "also stressed".
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from functools import lru_cache

from jobkit.match.tokens import STOP_WORDS

# Phrases made only of these words say nothing about the job ("ability to work", "must have").
_GENERIC = frozenset(
    "ability able must have will work working experience knowledge skills skill years year one two position job "
    "applicants applicant required requirements including include other such may also well new time "
    "three four five six seven eight nine ten month months basic general understanding indicates".split()
)
LONGEST = 8  # tokens of the longest key a run is looked up as

# The keys a run may be part of (glossary terms and boilerplate of two to eight tokens), every start of those
# keys, and their first tokens: a run no key starts with grows into no key.
Keys = tuple[frozenset[tuple[str, ...]], frozenset[tuple[str, ...]], frozenset[str]]


def phrase_keys(known: AbstractSet[tuple[str, ...]], boilerplate: frozenset[tuple[str, ...]]) -> Keys:
    """The :data:`Keys` of a glossary's known keys and the boilerplate's keys (built once per glossary)."""
    return _cached_keys(known, boilerplate) if isinstance(known, frozenset) else _keys(known, boilerplate)


@lru_cache(maxsize=4)
def _cached_keys(known: frozenset[tuple[str, ...]], boilerplate: frozenset[tuple[str, ...]]) -> Keys:
    return _keys(known, boilerplate)


def _keys(known: AbstractSet[tuple[str, ...]], boilerplate: frozenset[tuple[str, ...]]) -> Keys:
    keys = frozenset(k for k in (*known, *boilerplate) if 2 <= len(k) <= LONGEST)
    starts = frozenset(key[:n] for key in keys for n in range(1, len(key) + 1))
    return keys, starts, frozenset(key[0] for key in keys)


def count_phrases(pairs: list[tuple[str, str]], keys: Keys, organisation_grams: set[tuple[str, ...]],
                  grams: list[str]) -> None:
    """Add to ``grams`` a line's two-word runs, then its three-word runs (of its (stem, word) pairs), that are no
    key's part, not the employer's name ("Ignite Team Partners") and not made only of generic words."""
    covered = _covered(tuple(norm for norm, _ in pairs), keys)
    kept = [(norm, raw, c) for (norm, raw), c in zip(pairs, covered) if not raw.isdigit() and len(raw) > 2]
    norms = [norm for norm, _, _ in kept]
    raws = [raw for _, raw, _ in kept]
    free = [not (c or raw in STOP_WORDS) for _, raw, c in kept]  # a run holding a key's part or a stop word: none
    generic = [raw in _GENERIC for raw in raws]
    for i, (free_a, free_b, generic_a, generic_b) in enumerate(zip(free, free[1:], generic, generic[1:])):
        if free_a and free_b and not (generic_a and generic_b) and (norms[i], norms[i + 1]) not in organisation_grams:
            grams.append(raws[i] + " " + raws[i + 1])
    for i, (free_a, free_b, free_c) in enumerate(zip(free, free[1:], free[2:])):
        if (free_a and free_b and free_c and not (generic[i] and generic[i + 1] and generic[i + 2])
                and (norms[i], norms[i + 1], norms[i + 2]) not in organisation_grams):
            grams.append(raws[i] + " " + raws[i + 1] + " " + raws[i + 2])


def _covered(norms: tuple[str, ...], keys: Keys) -> list[bool]:
    """Which tokens of a line are part of a key."""
    known, starts, firsts = keys
    covered = [False] * len(norms)
    for i, first in enumerate(norms):
        if first not in firsts:
            continue
        for j in range(i + 2, min(len(norms), i + LONGEST) + 1):
            key = norms[i:j]
            if key not in starts:
                break
            if key in known:
                covered[i:j] = [True] * (j - i)
    return covered


def contains_known(key: tuple[str, ...], known: AbstractSet[tuple[str, ...]]) -> bool:
    """True when a phrase holds a glossary term ("knowledge of medical terminology")."""
    return any(key[i:j] in known for i in range(len(key)) for j in range(i + 1, len(key) + 1))


def drop_overlaps(phrases: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Keep one of the shifted n-grams of a repeated sentence, not all of them."""
    kept: list[tuple[str, int]] = []
    for phrase, count in sorted(phrases, key=lambda pc: (-pc[1], -len(pc[0]))):
        words = set(phrase.split())
        if not any(len(words & set(other.split())) >= 2 or phrase in other for other, _ in kept):
            kept.append((phrase, count))
    return kept
