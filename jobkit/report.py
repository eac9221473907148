"""The one report model. The pipeline returns a :class:`Report`; every
interface shows it as its :class:`~jobkit.model.report_record.ReportRecord`
(:meth:`Report.to_record`), whose JSON is :meth:`Report.to_dict`, so every
interface shows the same numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jobkit.model.check_results import Checks, Readiness
from jobkit.model.report_record import (BandRecord, CategoryRecord, ContactRecord, JobRecord,
                                        LineRecord, MatchedRecord, MissingRecord, ReportRecord, RoleRecord)
from jobkit.model.schema import from_jsonable
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

    def to_record(self, *, include_text: bool = False, include_contact: bool = True) -> ReportRecord:
        """The report as it is serialised and shown (see :mod:`jobkit.model.report_record`)."""
        doc = self.document
        return ReportRecord(
            scoring_version=self.scoring_version,
            reader=doc.metadata.get("reader", ""),
            file=doc.name,
            format=doc.format,
            pages=doc.pages,
            page_count_method=doc.page_count_method,
            page_count_confidence=doc.page_count_confidence,
            words=doc.words,
            role=RoleRecord(self.target.id, self.target.name) if self.target.posting is None else None,
            job=self._job() if self.target.posting is not None else None,
            score=self.score,
            band=BandRecord(self.band.name, self.band.label, self.band.explanation),
            summary=self.summary,
            categories=tuple(from_jsonable(CategoryRecord, c.to_dict()) for c in self.categories),
            matched=tuple(from_jsonable(MatchedRecord, m.to_dict()) for m in self.matched),
            missing=tuple(from_jsonable(MissingRecord, m.to_dict()) for m in self.missing),
            findings=tuple(self.findings),
            checks=self.checks,
            sections=doc.sections,
            contact=from_jsonable(ContactRecord, doc.contact.to_dict()) if include_contact else None,
            lines=tuple(from_jsonable(LineRecord, line.to_dict()) for line in doc.lines) if include_text else None,
        )

    def _job(self) -> JobRecord:
        job = self.target.to_dict()
        for term in job["other_terms"]:
            term["in_resume"] = self.extras_in_resume.get(term["text"], False)
        return from_jsonable(JobRecord, job)  # type: ignore[no-any-return]

    def to_dict(self, *, include_text: bool = False, include_contact: bool = True) -> dict[str, Any]:
        return self.to_record(include_text=include_text, include_contact=include_contact).to_dict()
