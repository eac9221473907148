"""Near spellings of a term in a document: a word one or two keystrokes off ("terminolgy"), or a phrase with every
word exact but one, that one a likely misspelling. The matcher asks for each form once per document and keeps the
answer for every role set (:attr:`~jobkit.match.docindex.DocIndex.fuzzy_found`)."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from jobkit.match.docindex import DocIndex

FUZZY_CUTOFF = 88


def near_match(index: DocIndex, key: tuple[str, ...], plain: str) -> tuple[int, int, int] | None:
    """A document word or phrase that is a likely misspelling of a form (its token key and its plain lower-case
    words): (stream, position, score), or None."""
    return _fuzzy_word(index, plain) if len(key) == 1 else _fuzzy_phrase(index, key, plain)


def _fuzzy_word(index: DocIndex, plain: str) -> tuple[int, int, int] | None:
    """A document word that is a likely misspelling of a one-word form."""
    words = index.words_starting(plain[0])
    low, high = len(plain) * 0.8, len(plain) * 1.25
    best = process.extractOne(
        plain, [w for w in words if low <= len(w) <= high], scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
    )
    if not best:
        return None
    s_index, pos = words[best[0]]
    return s_index, pos, int(best[1])


def _fuzzy_phrase(index: DocIndex, key: tuple[str, ...], plain: str) -> tuple[int, int, int] | None:
    """The phrase with every word exact but one, and that one a likely misspelling.

    Anchoring on the exact words keeps this fast and stops two unrelated words
    from adding up to a match.
    """
    raws = plain.split()
    if len(raws) != len(key):
        return None
    for anchor, norm in enumerate(key):
        for s_index, at in index.positions.get(norm, ()):
            pos = at - anchor
            stream = index.streams[s_index]
            if pos < 0 or pos + len(raws) > len(stream.norms) or stream.hidden:
                continue
            score = _one_typo(stream.norms[pos : pos + len(raws)], stream.raws[pos : pos + len(raws)], key, raws)
            if score:
                return s_index, pos, score
    return None


def _one_typo(norms: list[str], words: list[str], key: tuple[str, ...], raws: list[str]) -> int | None:
    typo = None
    for norm, word, want_norm, want in zip(norms, words, key, raws):
        if norm == want_norm:
            continue
        score = fuzz.ratio(word, want)
        if typo is not None or len(want) < 5 or score < FUZZY_CUTOFF:
            return None
        typo = int(score)
    return typo
