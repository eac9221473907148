"""The one report model. The CLI, the web page, the JSON API and batch all
serialise this object with :meth:`Report.to_dict`; CSV and HTML render from
that dictionary, so every interface shows the same numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jobkit.model.check_results import Checks, Readiness, jsonable
from jobkit.model.document import Document, Finding
from jobkit.match.scoring import SCORING_VERSION, Band, CategoryScore, MatchedTerm, MissingTerm
from jobkit.match.target import Target


@dataclass
class Report:
    document: Document
    target: Target
    score: int
    band: Band
    categories: list[CategoryScore]
    matched: list[MatchedTerm]
    missing: list[MissingTerm]
    findings: list[Finding]
    checks: Checks
    summary: Readiness
    # Job postings only: whether each salient extra term appears in the resume.
    extras_in_resume: dict[str, bool] = field(default_factory=dict)
    scoring_version: str = SCORING_VERSION

    def to_dict(self, *, include_text: bool = False, include_contact: bool = True) -> dict[str, Any]:
        doc = self.document
        out: dict[str, Any] = {
            "scoring_version": self.scoring_version,
            "file": doc.name,
            "format": doc.format,
            "pages": doc.pages,
            "page_count_method": doc.page_count_method,
            "page_count_confidence": doc.page_count_confidence,
            "words": doc.words,
            self.target.kind: self.target.to_dict(),
            "score": self.score,
            "band": self.band.to_dict(),
            "summary": jsonable(self.summary),
            "categories": [c.to_dict() for c in self.categories],
            "matched": [m.to_dict() for m in self.matched],
            "missing": [m.to_dict() for m in self.missing],
            "findings": [f.to_dict() for f in self.findings],
            "checks": jsonable(self.checks),
            "sections": [s.to_dict() for s in doc.sections],
        }
        if self.target.kind == "job":
            for term in out["job"]["other_terms"]:
                term["in_resume"] = self.extras_in_resume.get(term["text"], False)
        if include_contact:
            out["contact"] = doc.contact.to_dict()
        if include_text:
            out["lines"] = [line.to_dict() for line in doc.lines]
        return out
