"""Context rules of the keyword data: when a form of a term counts (data only)."""

from __future__ import annotations

from dataclasses import dataclass, field

from jobkit.data.datafile import spec

@dataclass(frozen=True)
class ContextRule:
    """When some forms of a term count: words that must, or must not, be near.

    "abstracts" is Abstracting on a registrar's resume and coursework on a
    nurse's ("abstracts, literature reviews"); a rule on the word keeps the
    sense the term means. ``near``: at least one of these within
    :data:`CONTEXT_WINDOW` words; ``not_near``: none of these there.
    """

    forms: tuple[str, ...] = field(default=(), metadata=spec("texts"))  # empty: every form of the term
    near: tuple[str, ...] = field(default=(), metadata=spec("texts"))
    not_near: tuple[str, ...] = field(default=(), metadata=spec("texts"))


CONTEXT_WINDOW = 8  # words either side of a match
