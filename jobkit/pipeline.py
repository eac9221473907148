"""The one pipeline: read a resume, score it against a role or a posting, run every check.

:func:`check_resume` (and :func:`check_document` for a document already read) returns a
:class:`Report`, which holds the document and the target; every interface shows it as its
:class:`~jobkit.model.report_record.ReportRecord` (:meth:`Report.to_record`), whose JSON is
:meth:`Report.to_dict`, so every interface shows the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from jobkit.checks.ats_sites import check_ats_site
from jobkit.checks.autofill import autofill_preview
from jobkit.checks.credentials import check_credentials, credit_adjustments
from jobkit.checks.formatting import formatting_advice
from jobkit.checks.structure import check_sections
from jobkit.checks.job_title import check_job_title
from jobkit.checks.impact import check_impact
from jobkit.checks.proofreading import check_proofreading
from jobkit.checks.length import DEFAULT_TARGET_PAGES, check_length
from jobkit.checks.readiness import BETTER_ROLE_MARGIN, ROLE_LEAD, readiness
from jobkit.config import Limits
from jobkit.data.keywords import Glossary, Requirement, list_roles, load_glossary
from jobkit.errors import NotFound
from jobkit.match.docindex import DocIndex, build_index
from jobkit.match.matcher_cache import matcher_for
from jobkit.match.hints import Hint, resume_hint
from jobkit.match.resume_fields import resume_structure
from jobkit.match.line_terms import line_terms
from jobkit.match.scoring import SCORING_VERSION, MatchedTerm, MissingTerm, ScoreResult, score_index
from jobkit.match.stuffing import stuffing_findings
from jobkit.match.target import Target, resolve_target
from jobkit.model.check_results import Checks, Readiness, RoleScore
from jobkit.model.document import Document, Finding
from jobkit.model.match_results import Band, CategoryScore, Knockout
from jobkit.model.redaction import without_contact
from jobkit.model.resume_structure import AutofillEntry, ResumeStructure
from jobkit.model.score_bands import FAIR
from jobkit.model.report_record import (JobRecord, MatchedRecord, MissingRecord, PostingRequirement, ReportRecord,
                                        RoleRef)
from jobkit.model.schema import as_stored, jsonable
from jobkit.model.severity import severity_rank
from jobkit.read import Source, read_resume
from jobkit.read.deadline import time_limit

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
    # Job postings only: each knockout item with what the resume backs.
    knockouts: tuple[Knockout, ...] = ()
    # The resume field by field, and what an application form that reads it would be filled with.
    structure: ResumeStructure | None = None
    autofill: tuple[AutofillEntry, ...] = ()
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
            structure=self.structure,
            autofill=self.autofill,
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
            employer=posting.employer,
            source=posting.source,
            name=posting.name,
            knockouts=self.knockouts,
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
    return MissingRecord(**_term(missing.requirement), advice=missing.advice, note=missing.note or None,
                         one_of=missing.requirement.one_of)


def _posting_requirement(requirement: Requirement) -> PostingRequirement:
    return PostingRequirement(**_term(requirement), note=requirement.note, mentions=requirement.mentions,
                              wording=tuple(requirement.wording), one_of=requirement.one_of)


def check_document(
    document: Document, target: Target, *, target_pages: int | None = None, today: date | None = None,
    glossary: Glossary | None = None, federal: bool | None = None, apply_link: str | None = None,
) -> Report:
    """Score and check an already-read document: the part that must stay fast.

    ``glossary`` defaults to the shipped keyword files; pass another to check against your own.
    ``federal``: None follows the posting (a USAJOBS, VA or IHS announcement brings federal rules),
    True or False forces them on or off. ``target_pages`` None means the rules' own target: two
    pages under federal rules, one otherwise. ``apply_link``: where the application is made (its site's
    documented gates are applied; the posting's own mention of a site is used otherwise).
    """
    index = build_index(document)
    credentials = check_credentials(index, glossary or load_glossary(), target.requirements, today)
    result = score_index(index, target.requirements, matcher_for(target.requirements), credit_adjustments(credentials))
    findings = list(document.findings) + stuffing_findings(index, result)
    findings.sort(key=lambda f: severity_rank(f.severity))
    advice = formatting_advice(findings)
    announcement = target.posting.federal if target.posting is not None else None
    federal_rules = federal if federal is not None else announcement is not None
    if federal_rules:  # imported only for a check under federal rules (and knockouts for a posting): a faster start
        from jobkit.checks.federal_rules import check_federal
        from jobkit.data.federal_facts import load_federal_rules
    if target_pages is None:
        target_pages = load_federal_rules().page_limit if federal_rules else DEFAULT_TARGET_PAGES
    length = check_length(index, target_pages)
    sections = check_sections(index, wants_credentials=target.posting is None or bool(target.posting.credentials))
    job_title = check_job_title(index, _titles(target), posting=target.posting is not None)
    federal_check = check_federal(index, announcement, length, forced=federal is not None) if federal_rules else None
    proofreading = check_proofreading(index)
    impact = check_impact(index, line_terms(index))
    structure = resume_structure(index, credentials)
    report = Report(
        document=document,
        target=target,
        score=result.score,
        band=result.band,
        categories=result.categories,
        matched=result.matched,
        missing=result.missing,
        findings=findings,
        checks=Checks(length=length, credentials=credentials, sections=sections, formatting=tuple(advice),
                      job_title=job_title, federal=federal_check, proofreading=proofreading, impact=impact,
                      ats_site=check_ats_site(document, apply_link, target.posting.ats_site if target.posting else None)),
        summary=readiness(result.score, result.missing, advice, length, credentials, sections, job_title,
                          federal_check.issues if federal_check else (), posting=target.posting,
                          hints=_hints(index, result), better_role=_better_role(index, target, result.score),
                          target=_target_words(target), matched=result.matched, federal_rules=federal_rules,
                          proofreading=proofreading.issues),
        structure=structure,
        autofill=autofill_preview(document, structure),
    )
    if target.posting is not None:
        from jobkit.checks.knockouts import check_knockouts

        report.extras_in_resume = {t.text: index.contains(t.text) for t in target.posting.other_terms}
        report.knockouts = check_knockouts(index, target.posting.knockouts, credentials, federal_check, today)
    return report


def _hints(index: DocIndex, result: ScoreResult) -> dict[str, Hint]:
    """What on the resume suggests each missing required term (the only grounds for a keyword fix)."""
    hints = {}
    for item in result.missing:
        if item.requirement.need == "required":
            hint = resume_hint(index, item.requirement)
            if hint is not None:
                hints[item.requirement.term.id] = hint
    return hints


def _better_role(index: DocIndex, target: Target, score: int) -> RoleScore | None:
    """The shipped role the resume fits clearly better, or None.

    Clearly: in the fair band or above, :data:`BETTER_ROLE_MARGIN` points above the kind of job checked
    (the role itself, or the role the posting is closest to), and :data:`ROLE_LEAD` points above every
    other role, so a near tie never names one role as the answer. For a posting, its closest role is
    never named: the posting's own terms are what differ, not the kind of job.
    """
    own = target.id if target.kind == "role" else (target.posting.closest_role if target.posting else None)
    scores: dict[str, tuple[int, str]] = {}
    for role in list_roles():
        scores[role.id] = (score if role.id == own and target.kind == "role" else
                           score_index(index, role.requirements, matcher_for(role.requirements)).score, role.name)
    # Above the kind of job checked, and above this report's own score: "reads closer to" must be true of both.
    own_score = max(scores[own][0], score) if own in scores else score
    ranked = sorted(((value, role_id) for role_id, (value, _) in scores.items() if role_id != own), reverse=True)
    if not ranked:
        return None
    best, role_id = ranked[0]
    runner_up = ranked[1][0] if len(ranked) > 1 else 0
    if best >= max(FAIR, own_score + BETTER_ROLE_MARGIN) and best - runner_up >= ROLE_LEAD:
        return RoleScore(role_id, scores[role_id][1], best)
    return None


def _target_words(target: Target) -> str:
    """How a sentence names what the resume is checked against."""
    if target.posting is not None:
        return f"the posting ({target.posting.name})" if target.posting.title else "the posting"
    return target.name


def _titles(target: Target) -> tuple[str, ...]:
    """The titles a resume for this target should name: the posting's, or the role's usual ones."""
    if target.posting is not None:
        return (target.posting.title,) if target.posting.title else ()
    if target.kind == "role" and target.id:
        from jobkit.data.keywords import load_role

        try:
            return load_role(target.id).titles or (target.name,)
        except NotFound:
            return (target.name,)
    return ()


def check_resume(
    resume: Source | Document,
    *,
    role: str | None = None,
    job: str | None = None,
    target: Target | None = None,
    filename: str | None = None,
    limits: Limits | None = None,
    target_pages: int | None = None,
    federal: bool | None = None,
    apply_link: str | None = None,
) -> Report:
    """Read ``resume`` (path, bytes, file or Document) and check it against a role id or job posting text.

    ``job`` is posting text, never a path (see :func:`jobkit.match.target.posting_from_file` for a file).
    """
    limits = limits or Limits.from_env()
    name = filename or (resume.name if isinstance(resume, Document) else None)
    # One CPU-time budget covers reading and checking: matching and the credential patterns see
    # the resume's text too, so a file built to stall them must run out of time as well.
    with time_limit(limits.time_budget, name):
        target = target or resolve_target(role, job)
        document = resume if isinstance(resume, Document) else read_resume(resume, filename, limits=limits)
        return check_document(document, target, target_pages=target_pages, federal=federal, apply_link=apply_link)
