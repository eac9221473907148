"""Where and how a term was found in a resume: the evidence every match carries (data only)."""

from __future__ import annotations

from dataclasses import dataclass

from jobkit.model.schema import json_field


@dataclass(frozen=True)
class Evidence:
    """Where a term was found: ``text`` is the (possibly cut) line, ``start``/``end`` the match in it,
    ``offset`` where the match starts in the full line ``line``."""

    text: str
    matched: str  # text[start:end], kept apart so a redacted text still shows what matched
    start: int
    end: int
    line: int
    page: int
    section: str
    origin: str
    kind: str
    credit: float = json_field(digits=2)
    offset: int = 0
    score: int | None = None
    hidden: bool = json_field(default=False, written="unless_default")
    in_list: bool = json_field(default=False, written="unless_default")
    variant: str = json_field(default="", written="never")  # the form of the term that matched
