"""Running totals over a batch: the cohort summary and a program's pass rates.

The cohort keeps counters and one short row per resume, never the reports,
so its memory grows by a few hundred bytes a file.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from jobkit.batch.rubric import SHORT_NAMES, criterion_labels
from jobkit.data.programs import Program
from jobkit.model.batches import NOT_READ, BatchResult
from jobkit.model.cohort_summary import (CohortRow, CohortSummary, CriterionRate, FailedCriterion, FindingShare,
                                         ProgramName, RubricSummary, ScoreBin, TermShare)
from jobkit.model.finding_codes import finding_info
from jobkit.model.report_record import ReportRecord
from jobkit.model.rubric_results import RubricResult


def _share(count: int, base: int) -> int:
    return round(100 * count / base)


class Cohort:
    """Running totals over a batch, for the summary and the HTML cohort report.

    ``link_rows``: each checked resume's row keeps its result's index (the Batch page links the stored report).
    """

    def __init__(self, link_rows: bool = False) -> None:
        self.link_rows = link_rows
        self.total = 0
        self.scores: list[int] = []
        self.readiness: list[int] = []
        self.levels: Counter[str] = Counter()
        self.errors: Counter[str] = Counter()
        self.missing: Counter[str] = Counter()
        self.findings: Counter[str] = Counter()
        self.held: Counter[str] = Counter()
        self.in_progress: Counter[str] = Counter()
        self.over_length = 0
        self.rows: list[CohortRow] = []

    def add(self, result: BatchResult) -> None:
        self.total += 1
        problem, report = result.problem, result.report  # a scan: a blank page to an ATS, not a low score
        if problem is not None or report is None:
            problem = problem or NOT_READ
            self.errors[problem.code] += 1
            self.rows.append(CohortRow(result.file, error=problem.message))
            return
        self._count(report)
        self.rows.append(self._row(result, report))

    def _count(self, report: ReportRecord) -> None:
        self.scores.append(report.score)
        if report.summary.readiness is not None:  # no figure for a posting jobkit does not recognise
            self.readiness.append(report.summary.readiness)
        self.levels[report.summary.level] += 1
        self.missing.update(m.term for m in report.missing)
        self.findings.update({f.code for f in report.findings})
        for found in report.checks.credentials.found:
            (self.held if found.status == "held" else self.in_progress)[found.acronym] += 1
        self.over_length += 0 if report.checks.length.passed else 1

    def _row(self, result: BatchResult, report: ReportRecord) -> CohortRow:
        fixes = report.summary.top_fixes
        rubric = result.rubric  # a program batch: how many of its criteria this resume passed
        failed = tuple(FailedCriterion(c.id, SHORT_NAMES.get(c.id, c.id), c.evidence)
                       for c in (rubric.criteria if rubric else ()) if not c.passed)
        return CohortRow(
            result.file, score=report.score, readiness=report.summary.readiness, level=report.summary.label,
            pages=report.pages, words=report.words, first_fix=fixes[0].title if fixes else "",
            criteria_passed=sum(c.passed for c in rubric.criteria) if rubric else None,
            criteria_total=len(rubric.criteria) if rubric else None, seq=result.index if self.link_rows else None,
            failed=failed, next_steps=next_steps(rubric, report))

    @property
    def checked(self) -> int:
        return len(self.scores)

    def histogram(self) -> tuple[ScoreBin, ...]:
        bins = [0] * 10
        for score in self.scores:
            bins[min(score // 10, 9)] += 1
        return tuple(ScoreBin(f"{10 * i}-{10 * i + 9 if i < 9 else 100}", n) for i, n in enumerate(bins))

    def summary(self, top: int = 15, rubric: RubricSummary | None = None) -> CohortSummary:
        checked = max(self.checked, 1)
        return CohortSummary(
            total=self.total, checked=self.checked, errors=sum(self.errors.values()),
            error_codes=dict(self.errors.most_common()),
            median_score=statistics.median(self.scores) if self.scores else None,
            mean_score=round(statistics.fmean(self.scores), 1) if self.scores else None,
            median_readiness=statistics.median(self.readiness) if self.readiness else None,
            levels=dict(self.levels), histogram=self.histogram(),
            most_missing=tuple(TermShare(t, n, _share(n, checked)) for t, n in self.missing.most_common(top)),
            formatting=tuple(FindingShare(c, finding_info(c).title, n, _share(n, checked))
                             for c, n in self.findings.most_common()),
            credentials_held=dict(self.held.most_common()),
            credentials_in_progress=dict(self.in_progress.most_common()),
            over_length=self.over_length,
            rows=tuple(sorted(self.rows, key=lambda r: (r.score is None, -(r.score or 0), r.file))),
            rubric=rubric,
        )


NEXT_STEPS = 3


def next_steps(rubric: RubricResult | None, report: ReportRecord) -> tuple[str, ...]:
    """One student's next three things: the program criteria not passed first (each with what was found), then the
    report's own fixes, in their order."""
    steps = [f"{c.label}: {c.evidence}" for c in (rubric.criteria if rubric else ()) if not c.passed]
    steps += [f"{fix.title}: {fix.detail}" if fix.detail else fix.title for fix in report.summary.top_fixes]
    return tuple(steps[:NEXT_STEPS])


SORTS = {"score": lambda r: (r.score is None, -(r.score or 0), r.file),
         "readiness": lambda r: (r.readiness is None, -(r.readiness or 0), r.file),
         "criteria": lambda r: (r.criteria_passed is None, r.criteria_passed or 0, r.file),
         "file": lambda r: (r.file.lower(),)}


def view_rows(rows: tuple[CohortRow, ...], sort: str = "score", failing: str = "", level: str = "",
              ascending: bool = False) -> tuple[CohortRow, ...]:
    """The student table as an advisor asks for it: only those failing one criterion (``failing``, its id) or at
    one readiness level (``level``, its label), sorted by score, readiness, criteria passed or file name."""
    kept = [r for r in rows if (not failing or any(f.id == failing for f in r.failed))
            and (not level or r.level == level)]
    kept.sort(key=SORTS.get(sort, SORTS["score"]))
    return tuple(reversed(kept) if ascending else kept)


@dataclass(frozen=True)
class TableView:
    """How the student table is asked for (the Batch page's query): unknown values fall back to the defaults."""

    sort: str = "score"
    failing: str = ""
    level: str = ""
    levels: tuple[str, ...] = ()  # the readiness levels present, for the filter


def table_view(args: Mapping[str, str], cohort: CohortSummary | None) -> TableView:
    criteria = {c.id for c in cohort.rubric.criteria} if cohort and cohort.rubric else set()
    levels = tuple(dict.fromkeys(r.level for r in (cohort.rows if cohort else ()) if r.level))
    sort = args.get("sort", "score")
    failing, level = args.get("failing", ""), args.get("level", "")
    return TableView(sort if sort in SORTS else "score", failing if failing in criteria else "",
                     level if level in levels else "", levels)


class RubricTally:
    """Pass counts per criterion over a cohort, for the summary."""

    def __init__(self, program: Program) -> None:
        self.program = program
        self.labels = criterion_labels(program)
        self.checked = 0
        self.all_passed = 0
        self.passed: Counter[str] = Counter()
        self.failing: dict[str, list[str]] = {c: [] for c in program.criteria}

    def add(self, rubric: RubricResult | None, file: str = "") -> None:
        if rubric is None:
            return
        self.checked += 1
        self.all_passed += rubric.passed
        self.passed.update(c.id for c in rubric.criteria if c.passed)
        for criterion in rubric.criteria:
            if not criterion.passed:
                self.failing.setdefault(criterion.id, []).append(file)

    def summary(self) -> RubricSummary:
        base = max(self.checked, 1)
        criteria = tuple(CriterionRate(c, self.labels[c], SHORT_NAMES[c], self.passed[c], _share(self.passed[c], base),
                                       tuple(sorted(self.failing.get(c, ()), key=str.lower)))
                         for c in self.program.criteria)
        return RubricSummary(ProgramName(self.program.id, self.program.name), self.checked, self.all_passed,
                             _share(self.all_passed, base), criteria)
