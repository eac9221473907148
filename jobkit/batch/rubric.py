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

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from jobkit.batch.outputs import CsvOutput, csv_row
from jobkit.data.programs import Program
from jobkit.model.document import Document, Section
from jobkit.model.report_record import ReportRecord
from jobkit.output.csv_format import SafeDictWriter, csv_fields

if TYPE_CHECKING:
    from jobkit.batch.pipeline import BatchResult

QuotedLine = tuple[str, str, int]  # (text, section name, page; 0 when not known)

STATUS_WORDS = {"held": "held", "apprentice": "apprentice", "in_progress": "in progress"}
# Column headings for tables; the full label says the threshold.
SHORT_NAMES = {"score": "Keyword match", "readiness": "Readiness", "pages": "Pages", "terms": "Program terms",
               "credentials": "Credentials", "sections": "Sections", "contact": "Contact", "practicum": "Practicum"}


@dataclass(frozen=True)
class CriterionResult:
    """One criterion for one resume: ``evidence`` says what was found, in words."""

    id: str
    label: str
    passed: bool
    evidence: str
    details: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "passed": self.passed, "evidence": self.evidence, **self.details}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "CriterionResult":
        base = ("id", "label", "passed", "evidence")
        return cls(str(data["id"]), str(data["label"]), bool(data["passed"]), str(data["evidence"]),
                   {k: v for k, v in data.items() if k not in base})


@dataclass(frozen=True)
class RubricResult:
    program: str
    criteria: tuple[CriterionResult, ...]

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.criteria)

    def get(self, criterion: str) -> CriterionResult | None:
        return next((c for c in self.criteria if c.id == criterion), None)

    def to_dict(self) -> dict[str, Any]:
        return {"program": self.program, "passed": self.passed, "criteria": [c.to_dict() for c in self.criteria]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "RubricResult":
        """A rubric as a batch stored it (the "rubric" of a JSON line or a stored result)."""
        return cls(str(data["program"]), tuple(CriterionResult.from_dict(c) for c in data["criteria"]))


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
    }
    return {c: labels[c] for c in program.criteria}


def _threshold(value: int, needed: int, higher: bool, what: str) -> tuple[bool, str, dict[str, Any]]:
    passed = value >= needed if higher else value <= needed
    bound = "needs at least" if higher else "at most"
    return passed, f"{what} {value}; {bound} {needed}.", {"value": value, "threshold": needed}


def _terms(program: Program, report: ReportRecord) -> tuple[bool, str, dict[str, Any]]:
    matched = {m.id: m for m in report.matched}
    present = [t for t in program.terms if t in matched]
    absent = [t for t in program.terms if t not in matched]
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
    return len(present) >= needed, text + ".", {"present": present, "missing": absent, "threshold": needed}


def _credentials(program: Program, report: ReportRecord) -> tuple[bool, str, dict[str, Any]]:
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
    return not absent, "; ".join(parts) + ".", {"listed": listed, "missing": absent}


def _sections(program: Program, report: ReportRecord) -> tuple[bool, str, dict[str, Any]]:
    have = {s.name: s.standard for s in report.checks.sections.sections}
    absent = [s for s in program.sections if s not in have]
    text = "Has " + (", ".join(have[s] for s in program.sections if s in have) or "none of them")
    if absent:
        text += "; missing: " + ", ".join(absent)
    return not absent, text + ".", {"missing": absent}


def _contact(program: Program, report: ReportRecord) -> tuple[bool, str, dict[str, Any]]:
    found = report.checks.sections.contact_found
    absent = [f for f in program.rules.contact if not found.get(f)]
    text = ", ".join(f"{f} {'found' if found.get(f) else 'missing'}" for f in program.rules.contact)
    return not absent, text + ".", {"missing": absent}


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


def _practicum(program: Program, lines: Iterable[QuotedLine]) -> tuple[bool, str, dict[str, Any]]:
    practicum = program.practicum
    assert practicum is not None
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in practicum.phrases) + r")(?:s|es)?\b", re.IGNORECASE)
    elsewhere = None
    for text, section, page in lines:
        if not pattern.search(text):
            continue
        where = f"'{text.strip()[:100]}' ({section}{f', page {page}' if page else ''})"
        if section == practicum.section:
            return True, f"Found under {practicum.section}: {where}.", {"section": section}
        elsewhere = elsewhere or (where, section)
    if elsewhere is not None:
        return False, f"Named outside {practicum.section}: {elsewhere[0]}. {practicum.advice}".strip(), \
            {"section": elsewhere[1]}
    return False, f"Not found under {practicum.section}. {practicum.advice}".strip(), {"section": None}


def evaluate(program: Program, report: ReportRecord, lines: Iterable[QuotedLine] | None = None) -> RubricResult:
    """Every criterion of ``program`` for one report; ``lines``: the resume's lines when the text is at hand."""
    rules = program.rules
    checks = {
        "score": lambda: _threshold(report.score, rules.min_score or 0, True, "Keyword match"),
        "readiness": lambda: _threshold(report.summary.readiness, rules.min_readiness or 0, True, "Readiness"),
        "pages": lambda: _threshold(report.pages, rules.max_pages or 0, False, "Pages"),
        "terms": lambda: _terms(program, report),
        "credentials": lambda: _credentials(program, report),
        "sections": lambda: _sections(program, report),
        "contact": lambda: _contact(program, report),
        "practicum": lambda: _practicum(program, quoted_lines(report) if lines is None else lines),
    }
    labels = criterion_labels(program)
    results = []
    for criterion in program.criteria:
        passed, evidence, details = checks[criterion]()
        results.append(CriterionResult(criterion, labels[criterion], passed, evidence, details))
    return RubricResult(program.id, tuple(results))


def with_rubric(line: str, rubric: RubricResult | None) -> str:
    """A batch JSON line (:func:`jobkit.batch.outputs.json_line`, one object) with a "rubric" key added."""
    if rubric is None:
        return line
    return line[:-1] + ',"rubric":' + json.dumps(rubric.to_dict(), ensure_ascii=False, separators=(",", ":")) + "}"


def criterion_column(criterion: str) -> str:
    return f"criterion_{criterion}"


def criterion_cells(program: Program, rubric: RubricResult | None) -> dict[str, str]:
    """``criterion_<id>``: pass, fail, or empty for a file that could not be checked."""
    cells = {criterion_column(c): "" for c in program.criteria}
    if rubric is not None:
        cells.update({criterion_column(c.id): "pass" if c.passed else "fail" for c in rubric.criteria})
        cells["rubric_passed"] = "yes" if rubric.passed else "no"
    return cells


class RubricCsvOutput(CsvOutput):
    """The batch CSV with a ``criterion_<id>`` column per criterion and ``rubric_passed``."""

    def __init__(self, handle: IO[str], program: Program, include_contact: bool = False) -> None:
        self.include_contact = include_contact
        self.program = program
        extra = [criterion_column(c) for c in program.criteria] + ["rubric_passed"]
        self.writer = SafeDictWriter(handle, csv_fields(include_contact) + extra)
        self.writer.writeheader()

    def write_with(self, result: BatchResult, rubric: RubricResult | None) -> None:
        self.writer.writerow(csv_row(result, self.include_contact) | criterion_cells(self.program, rubric))


class RubricTally:
    """Pass counts per criterion over a cohort, for the summary."""

    def __init__(self, program: Program) -> None:
        self.program = program
        self.labels = criterion_labels(program)
        self.checked = 0
        self.all_passed = 0
        self.passed: Counter[str] = Counter()

    def add(self, rubric: RubricResult | None) -> None:
        if rubric is None:
            return
        self.checked += 1
        self.all_passed += rubric.passed
        self.passed.update(c.id for c in rubric.criteria if c.passed)

    def to_dict(self) -> dict[str, Any]:
        base = max(self.checked, 1)
        return {
            "program": {"id": self.program.id, "name": self.program.name},
            "checked": self.checked,
            "all_passed": self.all_passed,
            "all_passed_rate": round(100 * self.all_passed / base),
            "criteria": [{"id": c, "label": self.labels[c], "short": SHORT_NAMES[c], "passed": self.passed[c],
                          "rate": round(100 * self.passed[c] / base)} for c in self.program.criteria],
        }


def rubric_summary_lines(summary: dict[str, Any]) -> list[str]:
    """The cohort's pass rates as text lines (the CLI summary and batch-compare use them)."""
    lines = [f"Program {summary['program']['name']}: {summary['all_passed']} of {summary['checked']} "
             f"pass every criterion ({summary['all_passed_rate']}%)."]
    lines += [f"  {c['label']}: {c['passed']} of {summary['checked']} ({c['rate']}%)" for c in summary["criteria"]]
    return lines
