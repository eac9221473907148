"""A program rubric applied to one report: pass or fail per criterion, with the evidence.

Everything here reads the :class:`ReportRecord` a batch keeps. The practicum
criterion also needs the resume's lines: a batch worker passes them
(:func:`document_lines`) while it still holds the text, so every line counts.
Judged again later from a stored record alone (``batch-compare --program``),
it can only look at what the record quotes (section headings, the lines
matched terms and credentials were found on, long bullets), so a practicum
named on a line with nothing else jobkit knows is then not seen.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jobkit.data.programs import Program
from jobkit.model.document import Document, Section
from jobkit.model.report_record import ReportRecord
from jobkit.model.rubric_results import (CredentialsResult, Criterion, MissingResult, PracticumResult,
                                         RubricResult, TermsResult, ThresholdResult, judged)

QuotedLine = tuple[str, str, int]  # (text, section name, page; 0 when not known)

STATUS_WORDS = {"held": "held", "apprentice": "apprentice", "in_progress": "in progress"}
# Column headings for tables; the full label says the threshold.
SHORT_NAMES = {"score": "Keyword match", "readiness": "Readiness", "pages": "Pages", "terms": "Program terms",
               "credentials": "Credentials", "sections": "Sections", "contact": "Contact", "practicum": "Practicum",
               "proofreading": "Proofreading"}


def criterion_labels(program: Program) -> dict[str, str]:
    """The words each criterion of the program is shown with."""
    rules = program.rules
    practicum = program.practicum
    labels = {
        "score": f"Keyword match at least {rules.min_score}",
        "readiness": f"Readiness at least {rules.min_readiness}",
        "pages": f"At most {rules.max_pages} page{'' if rules.max_pages == 1 else 's'}",
        "terms": f"At least {rules.min_terms} of {len(program.terms)} program terms",
        "credentials": "Lists " + ", ".join(program.credentials),
        "sections": "Has every required section",
        "contact": "Contact complete (" + ", ".join(rules.contact) + ")",
        "practicum": practicum.label if practicum else "Practicum listed",
        "proofreading": "Name at the top, no misspellings, no line written twice",
    }
    return {c: labels[c] for c in program.criteria}


Head = tuple[str, str]  # a criterion's id and label


def _threshold(head: Head, value: int | None, needed: int, higher: bool, what: str) -> ThresholdResult:
    if value is None:  # no figure (a posting jobkit does not recognise): the criterion is not met
        return ThresholdResult(*head, False, f"{what}: no figure; needs at least {needed}.", 0, needed)
    passed = value >= needed if higher else value <= needed
    bound = "needs at least" if higher else "at most"
    return ThresholdResult(*head, passed, f"{what} {value}; {bound} {needed}.", value, needed)


def _terms(head: Head, program: Program, report: ReportRecord) -> TermsResult:
    matched = {m.id: m for m in report.matched}
    present = tuple(t for t in program.terms if t in matched)
    absent = tuple(t for t in program.terms if t not in matched)
    names = {m.id: m.term for m in report.missing} | {m.id: m.term for m in report.matched}
    where = []
    for term_id in present:
        evidence = matched[term_id].evidence
        spot = f" ({evidence[0].section}, page {evidence[0].page})" if evidence else ""
        where.append(f"{names.get(term_id, term_id)}{spot}")
    text = f"{len(present)} of {len(program.terms)}: " + ("; ".join(where) if where else "none")
    if absent:
        text += ". Missing: " + ", ".join(names.get(t, t) for t in absent)
    needed = program.rules.min_terms or 0
    return TermsResult(*head, len(present) >= needed, text + ".", present, absent, needed)


def _credentials(head: Head, program: Program, report: ReportRecord) -> CredentialsResult:
    found = {f.acronym.upper(): f for f in report.checks.credentials.found}
    parts, listed, absent = [], [], []
    for acronym in program.credentials:
        hit = found.get(acronym.upper())
        if hit is None:
            absent.append(acronym)
            parts.append(f"{acronym} not found (write '{acronym} eligible' or the exam date while you study)")
        else:
            listed.append(acronym)
            parts.append(f"{acronym} {STATUS_WORDS.get(hit.status, hit.status)} ('{hit.text.strip()[:80]}', page {hit.page})")
    return CredentialsResult(*head, not absent, "; ".join(parts) + ".", tuple(listed), tuple(absent))


def _sections(head: Head, program: Program, report: ReportRecord) -> MissingResult:
    have = {s.name: s.standard for s in report.checks.sections.sections}
    absent = tuple(s for s in program.sections if s not in have)
    text = "Has " + (", ".join(have[s] for s in program.sections if s in have) or "none of them")
    if absent:
        text += "; missing: " + ", ".join(absent)
    return MissingResult(*head, not absent, text + ".", absent)


def _contact(head: Head, program: Program, report: ReportRecord) -> MissingResult:
    found = report.checks.sections.contact_found
    absent = tuple(f for f in program.rules.contact if not found.get(f))
    text = ", ".join(f"{f} {'found' if found.get(f) else 'missing'}" for f in program.rules.contact)
    return MissingResult(*head, not absent, text + ".", absent)


def resume_lines(lines: Iterable[Any], sections: Iterable[Section]) -> Iterator[QuotedLine]:
    """Every line of the resume with its section, for a rubric judged while the text is at hand."""
    names = {}
    for section in sections:
        for number in range(section.start, section.end):
            names[number] = section.name
        if section.heading_line is not None:
            names[section.heading_line] = section.name
    for number, line in enumerate(lines):
        yield line.text, names.get(number, "other"), line.page


def document_lines(document: Document) -> Iterator[QuotedLine]:
    return resume_lines(document.lines, document.sections)


def evaluate_with_text(program: Program, record: ReportRecord) -> RubricResult:
    """The rubric for a record made with its lines (``include_text``), as the API and a single check have it."""
    return evaluate(program, record, resume_lines(record.lines, record.sections) if record.lines is not None else None)


def quoted_lines(report: ReportRecord) -> Iterator[QuotedLine]:
    """(text, section, page) of every resume line the record quotes, headings first."""
    sections = report.sections

    def section_of(line: int) -> str:
        return next((s.name for s in sections if s.heading_line == line or s.start <= line < s.end), "other")

    for section in sections:
        if section.heading:
            yield section.heading, section.name, 0
    for matched in report.matched:
        for evidence in matched.evidence:
            yield evidence.text, evidence.section, evidence.page
    for found in report.checks.credentials.found:
        yield found.text, found.section, found.page
    for claim in report.checks.credentials.claims:
        yield claim.text, section_of(claim.line), claim.page
    for bullet in report.checks.length.long_bullets:
        yield bullet.text, section_of(bullet.line), bullet.page
    title = report.checks.job_title
    if title is not None and title.wording and title.line is not None:
        yield title.wording, section_of(title.line), title.page or 0


def _practicum(head: Head, program: Program, lines: Iterable[QuotedLine]) -> PracticumResult:
    practicum = program.practicum
    assert practicum is not None
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in practicum.phrases) + r")(?:s|es)?\b", re.IGNORECASE)
    elsewhere = None
    for text, section, page in lines:
        if not pattern.search(text):
            continue
        where = f"'{text.strip()[:100]}' ({section}{f', page {page}' if page else ''})"
        if section == practicum.section:
            return PracticumResult(*head, True, f"Found under {practicum.section}: {where}.", section)
        elsewhere = elsewhere or (where, section)
    if elsewhere is not None:
        return PracticumResult(*head, False, f"Named outside {practicum.section}: {elsewhere[0]}. "
                                             f"{practicum.advice}".strip(), elsewhere[1])
    return PracticumResult(*head, False, f"Not found under {practicum.section}. {practicum.advice}".strip(), None)


def _proofread(head: Head, report: ReportRecord) -> MissingResult:
    proof = report.checks.proofreading
    if proof is None:
        return MissingResult(*head, False, "Not proofread.", ("proofreading",))
    problems = (["name at the top"] if proof.name_missing else []) + [
        f"'{m.word}' should be '{m.suggestion}'" for m in proof.misspellings] + [
        f"'{d.text[:60]}' written twice" for d in proof.duplicate_lines]
    evidence = "No misspellings, no line written twice, a name at the top." if not problems else "Fix: " + "; ".join(problems) + "."
    return MissingResult(*head, not problems, evidence, tuple(problems))


def evaluate(program: Program, report: ReportRecord, lines: Iterable[QuotedLine] | None = None) -> RubricResult:
    """Every criterion of ``program`` for one report; ``lines``: the resume's lines when the text is at hand."""
    rules = program.rules
    checks: dict[str, Callable[[Head], Criterion]] = {
        "score": lambda head: _threshold(head, report.score, rules.min_score or 0, True, "Keyword match"),
        "readiness": lambda head: _threshold(head, report.summary.readiness, rules.min_readiness or 0, True,
                                             "Readiness"),
        "pages": lambda head: _threshold(head, report.pages, rules.max_pages or 0, False, "Pages"),
        "terms": lambda head: _terms(head, program, report),
        "credentials": lambda head: _credentials(head, program, report),
        "sections": lambda head: _sections(head, program, report),
        "contact": lambda head: _contact(head, program, report),
        "practicum": lambda head: _practicum(head, program, quoted_lines(report) if lines is None else lines),
        "proofreading": lambda head: _proofread(head, report),
    }
    labels = criterion_labels(program)
    return judged(program.id, tuple(checks[c]((c, labels[c])) for c in program.criteria))
