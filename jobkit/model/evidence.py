"""Where and how a term was found in a resume: the evidence every match carries (data only)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Evidence:
    """Where and how a term was found."""

    text: str
    start: int
    end: int
    line: int
    page: int
    section: str
    origin: str
    kind: str
    variant: str
    credit: float
    hidden: bool = False
    in_list: bool = False
    score: int | None = None
    # Where the match starts in the full line (``start`` is within ``text``, which may be cut).
    offset: int = 0

    @property
    def matched(self) -> str:
        return self.text[self.start : self.end]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text": self.text,
            "matched": self.matched,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "page": self.page,
            "section": self.section,
            "origin": self.origin,
            "kind": self.kind,
            "credit": round(self.credit, 2),
            "offset": self.offset,
        }
        if self.score is not None:
            out["score"] = self.score
        if self.hidden:
            out["hidden"] = True
        if self.in_list:
            out["in_list"] = True
        return out
