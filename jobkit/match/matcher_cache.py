"""Compiled matchers, built once per role set or glossary and reused.

Compiling turns every alias into tokens; doing it once per set keeps scoring
a resume to about a millisecond.
"""

from __future__ import annotations

import weakref
from functools import lru_cache

from jobkit.data.keywords import Glossary, Requirement, load_glossary
from jobkit.match.matcher import Matcher

_GLOSSARY_MATCHERS: "weakref.WeakKeyDictionary[Glossary, Matcher]" = weakref.WeakKeyDictionary()


@lru_cache(maxsize=64)
def matcher_for(requirements: tuple[Requirement, ...]) -> Matcher:
    """A matcher for the terms of a role set or a parsed posting (requirements are frozen, so they are the key)."""
    return Matcher(r.term for r in requirements)


def glossary_matcher(glossary: Glossary | None = None) -> Matcher:
    """A matcher for every known term (used to read job postings), kept while its glossary lives."""
    glossary = glossary or load_glossary()
    matcher = _GLOSSARY_MATCHERS.get(glossary)
    if matcher is None:
        matcher = _GLOSSARY_MATCHERS[glossary] = Matcher(glossary.terms.values())
    return matcher
