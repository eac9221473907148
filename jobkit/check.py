"""check_resume(): read a resume and score it against a role or a posting."""

from __future__ import annotations

from datetime import date

from jobkit.checks.credentials import check_credentials, credit_adjustments
from jobkit.checks.formatting import formatting_advice
from jobkit.checks.length import DEFAULT_TARGET_PAGES, check_length
from jobkit.checks.readiness import readiness
from jobkit.checks.headings import check_sections
from jobkit.checks.federal_rules import check_federal
from jobkit.checks.job_title import check_job_title
from jobkit.data.federal_facts import load_federal_rules
from jobkit.errors import NotFound
from jobkit.config import Limits
from jobkit.model.check_results import Checks
from jobkit.read.deadline import time_limit
from jobkit.match.docindex import DocIndex, build_index
from jobkit.model.document import Document
from jobkit.model.severity import severity_rank
from jobkit.data.keywords import Glossary, load_glossary
from jobkit.match.matcher_cache import matcher_for
from jobkit.read import Source, read_resume
from jobkit.report import Report
from jobkit.match.scoring import score_index
from jobkit.match.stuffing import stuffing_findings
from jobkit.match.target import Target, resolve_target
from jobkit.match.tokens import phrase_key


def check_document(
    document: Document, target: Target, *, target_pages: int | None = None, today: date | None = None,
    glossary: Glossary | None = None, federal: bool | None = None,
) -> Report:
    """Score and check an already-read document: the part that must stay fast.

    ``glossary`` defaults to the shipped keyword files; pass another to check against your own.
    ``federal``: None follows the posting (a USAJOBS, VA or IHS announcement brings federal rules),
    True or False forces them on or off. ``target_pages`` None means the rules' own target: two
    pages under federal rules, one otherwise.
    """
    index = build_index(document)
    credentials = check_credentials(index, glossary or load_glossary(), target.requirements, today)
    result = score_index(index, target.requirements, matcher_for(target.requirements), credit_adjustments(credentials))
    findings = list(document.findings) + stuffing_findings(index, result)
    findings.sort(key=lambda f: severity_rank(f.severity))
    advice = formatting_advice(findings)
    announcement = target.posting.federal if target.posting is not None else None
    federal_rules = federal if federal is not None else announcement is not None
    if target_pages is None:
        target_pages = load_federal_rules().page_limit if federal_rules else DEFAULT_TARGET_PAGES
    length = check_length(index, target_pages)
    sections = check_sections(index)
    job_title = check_job_title(index, _titles(target), posting=target.posting is not None)
    federal_check = check_federal(index, announcement, length, forced=federal is not None) if federal_rules else None
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
                      job_title=job_title, federal=federal_check),
        summary=readiness(result.score, result.missing, advice, length, credentials, sections, job_title,
                          federal_check.issues if federal_check else ()),
    )
    if target.posting is not None:
        report.extras_in_resume = {t.text: _contains(index, t.text) for t in target.posting.other_terms}
    return report


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


def _contains(index: DocIndex, phrase: str) -> bool:
    key = phrase_key(phrase)
    if not key:
        return False
    for s_index, pos in index.positions.get(key[0], ()):
        if tuple(index.streams[s_index].norms[pos : pos + len(key)]) == key and not index.streams[s_index].hidden:
            return True
    return False


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
        return check_document(document, target, target_pages=target_pages, federal=federal)
