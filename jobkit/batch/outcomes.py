"""Graduates' outcomes joined to a batch's results (``jobkit batch-outcomes RESULTS.jsonl OUTCOMES.csv``).

The outcomes CSV has one row per student: a ``student_id`` or ``file`` column and any of ``interviews``,
``offers``, ``exam_passed`` (yes/no) and ``date``; headings are matched ignoring case, spaces and a few
common other names (:mod:`jobkit.batch.outcome_rows`). A row names its student by the resume's file name or by an id the
files are named with (``S1001.pdf``), ignoring case and the extension, so ``jane.docx`` in the outcomes
and ``Jane.PDF`` in the batch are one student. Nothing is inferred for a student without a row: they are
counted as "no outcome on file", never as "no interview". The comparison is of pass rates per criterion
and medians between students with at least one interview and those with a row saying none.
"""

from __future__ import annotations

import os
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from jobkit.batch.outcome_rows import MAX_ROWS
from jobkit.batch.results_file import parse_line
from jobkit.batch.term_compare import student_stem
from jobkit.batch.rubric import criterion_labels, evaluate
from jobkit.data.programs import Program
from jobkit.errors import InvalidInput
from jobkit.model.batches import BatchLine
from jobkit.model.finding_codes import error_words
from jobkit.model.outcome_results import (MIN_GROUP, CriterionOutcome, GroupRate, JoinedStudent, MedianOutcome,
                                          Outcome, OutcomeJoin)


@dataclass
class Results:
    """A results file's students in order, by :func:`student_stem` (the first of a repeated one kept)."""

    name: str
    students: dict[str, JoinedStudent] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    duplicates: int = 0


def _student(line: BatchLine, program: Program | None, labels: dict[str, str]) -> JoinedStudent:
    report = line.report
    if report is None:
        return JoinedStudent(line.file, error=line.error.message if line.error else "could not be read")
    if report.unreadable:
        return JoinedStudent(line.file, error=error_words("image_only"))
    rubric = evaluate(program, report) if program is not None else line.rubric
    criteria = None
    if rubric is not None:
        criteria = {c.id: c.passed for c in rubric.criteria}
        for c in rubric.criteria:
            labels.setdefault(c.id, c.label)
    return JoinedStudent(line.file, report.score, report.summary.readiness, criteria=criteria)


def read_results(lines: Iterable[str], name: str, program: Program | None = None) -> Results:
    """The students of a ``jobkit batch --jsonl`` file's lines; with ``program``, judged by its rubric again."""
    results = Results(name, labels=criterion_labels(program) if program else {})
    number = 0
    for number, text in enumerate(lines, 1):
        if number > MAX_ROWS:
            raise InvalidInput(f"{name}: has more than {MAX_ROWS:,} lines. Join the outcomes of one batch at a time.")
        if not text.strip():
            continue
        line = parse_line(name, number, text, "Use the results.jsonl a batch wrote (jobkit batch --jsonl, or the "
                                                 "Batch page's download).")
        student = _student(line, program, results.labels)
        key = student_stem(student.file or "")
        if key in results.students:
            results.duplicates += 1
        else:
            results.students[key] = student
    if not results.students:
        raise InvalidInput(f"{name}: holds no batch results. Use the results.jsonl a batch wrote.")
    return results


def read_results_file(path: str | os.PathLike[str], program: Program | None = None) -> Results:
    path = Path(path)
    try:
        with path.open(encoding="utf-8") as handle:
            return read_results(handle, path.name, program)
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"{path.name}: cannot be read as JSON lines ({exc}).") from None


def _matched(outcome: Outcome, students: dict[str, JoinedStudent]) -> str | None:
    """The key of the resume an outcome row names: by file name, else by an id the files are named with."""
    for name in (outcome.file, outcome.student_id):
        if name and student_stem(name) in students:
            return student_stem(name)
    return None


def _joined(results: Results, outcomes: Iterable[Outcome], name: str) -> tuple[list[JoinedStudent], list[Outcome]]:
    taken: dict[str, Outcome] = {}
    unmatched: list[Outcome] = []
    for outcome in outcomes:
        key = _matched(outcome, results.students)
        if key is None:
            unmatched.append(outcome)
        elif key in taken:
            raise InvalidInput(f"{name}, row {outcome.row}: names the same resume ({results.students[key].file}) as "
                               f"row {taken[key].row}. Keep one row per student.")
        else:
            taken[key] = outcome
    students = [replace(s, outcome=taken.get(k)) for k, s in results.students.items()]
    return students, unmatched


def _percent(passed: int, total: int) -> int | None:
    return round(100 * passed / total) if total else None


def _rate(students: list[JoinedStudent], criterion: str) -> GroupRate:
    judged = [s.criteria[criterion] for s in students if s.criteria is not None and criterion in s.criteria]
    return GroupRate(sum(judged), len(judged), _percent(sum(judged), len(judged)))


def _criterion(criterion: str, label: str, yes: list[JoinedStudent], no: list[JoinedStudent]) -> CriterionOutcome:
    interviewed, not_interviewed = _rate(yes, criterion), _rate(no, criterion)
    too_few = min(interviewed.total, not_interviewed.total) < MIN_GROUP
    difference = None
    if not too_few and interviewed.rate is not None and not_interviewed.rate is not None:
        difference = interviewed.rate - not_interviewed.rate
    return CriterionOutcome(criterion, label, interviewed, not_interviewed, difference, too_few)


def _middle(values: list[int]) -> float | None:
    """The median, as a whole number when it is one (64, not 64.0)."""
    if not values:
        return None
    middle = statistics.median(values)
    return int(middle) if middle == int(middle) else round(middle, 1)


def _median(measure: str, attribute: str, yes: list[JoinedStudent], no: list[JoinedStudent]) -> MedianOutcome:
    first = [v for v in (getattr(s, attribute) for s in yes) if v is not None]
    second = [v for v in (getattr(s, attribute) for s in no) if v is not None]
    low, high = _middle(first), _middle(second)
    too_few = min(len(first), len(second)) < MIN_GROUP
    difference = None if too_few or low is None or high is None else low - high
    return MedianOutcome(measure, low, len(first), high, len(second), difference, too_few)


def _order(student: JoinedStudent) -> tuple[int, str]:
    rank = {"joined": 0, "no outcome on file": 1, "no resume in this batch": 2}[student.status]
    name = student.file or (student.outcome.name if student.outcome else "")
    return rank, os.path.basename(name.replace("\\", "/")).casefold()


def join_outcomes(results: Results, outcomes: Iterable[Outcome], outcomes_name: str,
                  program: Program | None = None) -> OutcomeJoin:
    """The batch's students beside their outcomes, and the comparison of the interviewed with the not interviewed."""
    students, unmatched = _joined(results, outcomes, outcomes_name)
    yes = [s for s in students if s.group == "interviewed"]
    no = [s for s in students if s.group == "not interviewed"]
    with_outcome = sum(1 for s in students if s.outcome is not None)
    rows = students + [JoinedStudent(None, outcome=o) for o in unmatched]
    return OutcomeJoin(
        results=results.name, outcomes=outcomes_name, resumes=len(students), duplicates=results.duplicates,
        with_outcome=with_outcome, no_outcome=len(students) - with_outcome, interviewed=len(yes),
        not_interviewed=len(no), interviews_unknown=with_outcome - len(yes) - len(no),
        unmatched=tuple(o.name for o in unmatched),
        criteria=tuple(_criterion(c, label, yes, no) for c, label in results.labels.items()),
        medians=(_median("Readiness", "readiness", yes, no), _median("Keyword match", "score", yes, no)),
        students=tuple(sorted(rows, key=_order)), labels=dict(results.labels),
        program=program.id if program else None)
