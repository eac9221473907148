"""The one report model. The pipeline returns a :class:`Report`; every
interface shows it as its :class:`~jobkit.model.report_record.ReportRecord`
(:meth:`Report.to_record`), whose JSON is :meth:`Report.to_dict`, so every
interface shows the same numbers."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from jobkit.data.keywords import Requirement
from jobkit.model.check_results import Checks, Readiness
from jobkit.model.document import Document, Finding
from jobkit.model.match_results import Band, CategoryScore
from jobkit.model.redaction import without_contact
from jobkit.model.report_record import (JobRecord, MatchedRecord, MissingRecord, PostingRequirement, ReportRecord,
                                        RoleRef)
from jobkit.model.schema import as_stored, jsonable
from jobkit.match.scoring import SCORING_VERSION, MatchedTerm, MissingTerm
from jobkit.match.target import Target

if TYPE_CHECKING:
    from jobkit.match.posting import Posting


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
        """The report as it is serialised and shown (see :mod:`jobkit.model.report_record`).

        Without ``include_contact`` the contact details are removed everywhere the report quotes them
        (:func:`jobkit.model.redaction.without_contact`), not only from its ``contact`` part.
        """
        doc, posting = self.document, self.target.posting
        record = ReportRecord(
            scoring_version=self.scoring_version,
            reader=doc.metadata.get("reader", ""),
            file=doc.name,
            format=doc.format,
            pages=doc.pages,
            page_count_method=doc.page_count_method,
            page_count_confidence=doc.page_count_confidence,
            words=doc.words,
            role=RoleRef(self.target.id, self.target.name) if posting is None else None,
            job=self._job(posting) if posting is not None else None,
            score=self.score,
            band=self.band,
            summary=self.summary,
            categories=tuple(self.categories),
            matched=tuple(_matched(m) for m in self.matched),
            missing=tuple(_missing(m) for m in self.missing),
            findings=tuple(self.findings),
            checks=self.checks,
            sections=doc.sections,
            contact=doc.contact,
            lines=tuple(as_stored(line) for line in doc.lines) if include_text else None,
        )
        return record if include_contact else without_contact(record)

    def _job(self, posting: "Posting") -> JobRecord:
        return as_stored(JobRecord(
            title=posting.title,
            requirements=tuple(_posting_requirement(r) for r in posting.requirements),
            credentials=posting.credentials,
            years_of_experience=posting.years,
            degree=posting.degree,
            other_terms=tuple(replace(t, in_resume=self.extras_in_resume.get(t.text, False))
                              for t in posting.other_terms),
            core_terms=posting.core_terms,
            looks_like_him_job=posting.looks_like_him_job,
            closest_role=posting.closest_role,
            closest_role_overlap=posting.closest_role_overlap,
            federal=posting.federal is not None,
            few_terms_recognised=posting.few_terms_recognised,
        ))

    def to_dict(self, *, include_text: bool = False, include_contact: bool = True) -> dict[str, Any]:
        record = self.to_record(include_text=include_text, include_contact=include_contact)
        return jsonable(record)  # type: ignore[no-any-return]


def _term(requirement: Requirement) -> dict[str, Any]:
    """The fields every requirement in the report starts with (see ``RequirementRecord``)."""
    term = requirement.term
    return {"id": term.id, "term": term.term, "category": term.category, "weight": requirement.weight,
            "need": requirement.need}


def _matched(matched: MatchedTerm) -> MatchedRecord:
    evidence = tuple(as_stored(e) for e in matched.evidence)
    return as_stored(MatchedRecord(**_term(matched.requirement), credit=matched.credit, count=matched.count,
                                   evidence=evidence, notes=tuple(matched.notes)))


def _missing(missing: MissingTerm) -> MissingRecord:
    return MissingRecord(**_term(missing.requirement), advice=missing.advice, note=missing.note or None)


def _posting_requirement(requirement: Requirement) -> PostingRequirement:
    return PostingRequirement(**_term(requirement), note=requirement.note, mentions=requirement.mentions,
                              wording=tuple(requirement.wording))
