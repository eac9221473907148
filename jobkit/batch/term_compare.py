"""Two batch runs side by side (``jobkit batch-compare OLD.jsonl NEW.jsonl``): what changed per student and for the cohort.

Students are matched by file name: the last part of the path, ignoring case
(``class.zip/2027/Jane.PDF`` and ``jane.pdf`` are one student), or by a
student id from a roster CSV (``file`` and ``student_id`` columns), so
``jane-fall.pdf`` and ``jane-doe-spring.docx`` can be one student. Criteria
come from the runs' "rubric" keys (``jobkit batch --program``), or are worked
out again from the stored reports when a program is given, so both runs are
judged by the same rubric.
"""

from __future__ import annotations

import os
import statistics
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from jobkit.batch.results_file import parse_line
from jobkit.batch.rubric import criterion_labels, evaluate
from jobkit.data.programs import Program
from jobkit.errors import InvalidInput
from jobkit.model.finding_codes import error_words
from jobkit.model.batches import BatchError, BatchLine, BatchResult
from jobkit.model.cohort_summary import ScoreBin
from jobkit.model.comparison import Comparison, CriterionChange, RunSummary, StudentChange, VerdictPair
from jobkit.model.report_record import ReportRecord
from jobkit.model.rubric_results import RubricResult

CHANGE_BINS = (("Down 10 or more", -1000, -10), ("Down 1 to 9", -9, -1), ("No change", 0, 0),
               ("Up 1 to 9", 1, 9), ("Up 10 or more", 10, 1000))


@dataclass
class Entry:
    """One resume of one run."""

    file: str
    score: int | None = None
    readiness: int | None = None
    error: str | None = None
    criteria: dict[str, bool] | None = None  # None: no rubric for this resume


@dataclass
class Run:
    path: str
    entries: dict[str, Entry] = field(default_factory=dict)
    duplicates: int = 0
    labels: dict[str, str] = field(default_factory=dict)
    roster: "Roster | None" = None  # students keyed by a roster's ids where it has the file

    def add(self, entry: Entry) -> None:
        """Keep ``entry`` under its student key; a repeated student is counted, the first one kept."""
        key = student_key(entry.file, self.roster)
        if key in self.entries:
            self.duplicates += 1
        else:
            self.entries[key] = entry

    def scores(self, keys: list[str] | None = None) -> list[int]:
        chosen = (self.entries[k] for k in keys) if keys is not None else self.entries.values()
        return [e.score for e in chosen if e.score is not None]


Roster = dict[str, str]  # file base name, case-folded -> student id


DOCUMENT_EXTENSIONS = {".pdf", ".docx", ".doc", ".txt", ".md", ".rtf", ".odt"}


def student_stem(name: str) -> str:
    """How a file name or an id names a student: its last path part, without a document's extension, ignoring
    case (``Jane_Doe.docx`` and ``jane_doe.PDF`` are ``jane_doe``; an id such as ``2026.014`` keeps its dot).
    The one rule for term comparisons, rosters and the outcomes join."""
    base = os.path.basename(name.replace("\\", "/")).strip()
    stem, extension = os.path.splitext(base)
    return (stem if stem and extension.casefold() in DOCUMENT_EXTENSIONS else base).casefold()


def student_key(file: str, roster: Roster | None = None) -> str:
    """How two runs name the same student: the roster's id for the file (by its full name or its stem), else the
    file's :func:`student_stem` (``jane.docx`` in the fall and ``Jane.pdf`` in the spring are one student)."""
    name = os.path.basename(file.replace("\\", "/")).casefold()
    if roster:
        for key in (name, student_stem(file)):
            if key in roster:
                return "id:" + roster[key]
    return student_stem(file)


def read_roster(path: str | os.PathLike[str]) -> Roster:
    """A roster CSV: a ``file`` column (the resume's file name) and a ``student_id`` (or ``id``) column."""
    import csv

    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InvalidInput(f"{path.name}: cannot be read as a CSV file ({exc}).") from None
    columns = {c.strip().casefold(): c for c in (rows[0].keys() if rows else ()) if c}
    id_column = columns.get("student_id") or columns.get("id")
    if "file" not in columns or id_column is None:
        raise InvalidInput(f"{path.name}: a roster needs a 'file' column and a 'student_id' column.")
    roster: Roster = {}
    for number, row in enumerate(rows, 2):
        file, student = (row.get(columns["file"]) or "").strip(), (row.get(id_column) or "").strip()
        if not file or not student:
            raise InvalidInput(f"{path.name}, line {number}: both 'file' and '{id_column}' must be filled in.")
        roster[os.path.basename(file.replace("\\", "/")).casefold()] = student
        roster.setdefault(student_stem(file), student)  # "jane" finds jane.docx's id for jane.pdf
    return roster


def _entry(file: str, record: ReportRecord | None, error: BatchError | None, rubric: RubricResult | None,
           labels: dict[str, str]) -> Entry:
    """One resume of a run; a scan with no text counts as not checked, as in the cohort summary."""
    entry = Entry(file)
    if record is None:
        entry.error = error.message if error else "could not be read"
    elif record.unreadable:
        entry.error = error_words("image_only")
    else:
        entry.score, entry.readiness = record.score, record.summary.readiness
        if rubric is not None:
            entry.criteria = {c.id: c.passed for c in rubric.criteria}
            for c in rubric.criteria:
                labels.setdefault(c.id, c.label)
    return entry


def _from_line(line: BatchLine, program: Program | None, labels: dict[str, str]) -> Entry:
    """A JSON line as an entry: judged again by ``program`` when given, else by the rubric it stored."""
    rubric = None
    if line.report is not None and not line.report.unreadable:
        rubric = evaluate(program, line.report) if program is not None else line.rubric
    return _entry(line.file, line.report, line.error, rubric, labels)


def run_from_results(name: str, results: Iterable[BatchResult], program: Program | None = None,
                     roster: Roster | None = None) -> Run:
    """A stored batch (the Batch page's) as a run; criteria from each result's stored rubric.

    With ``program``, only rubrics of that program count, labelled as it labels them.
    """
    run = Run(name, labels=criterion_labels(program) if program else {}, roster=roster)
    for result in results:
        rubric = result.rubric if program is None or (result.rubric and result.rubric.program == program.id) else None
        run.add(_entry(result.file, result.report, result.error, rubric, run.labels))
    return run


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    yield number, line
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"{path.name}: cannot be read as JSON lines ({exc}).") from None


def read_run(path: str | os.PathLike[str], program: Program | None = None, roster: Roster | None = None) -> Run:
    """The resumes of one ``jobkit batch --jsonl`` file, by student key (the first of a repeated name wins)."""
    path = Path(path)
    run = Run(str(path), labels=criterion_labels(program) if program else {}, roster=roster)
    for number, text in _lines(path):
        run.add(_from_line(parse_line(path.name, number, text), program, run.labels))
    return run


def _rate(run: Run, criterion: str, keys: list[str]) -> tuple[int, int]:
    """How many of the students ``keys`` pass ``criterion`` in ``run``, of those judged on it."""
    chosen = (run.entries[k] for k in keys)
    judged = [e.criteria[criterion] for e in chosen if e.criteria is not None and criterion in e.criteria]
    return sum(judged), len(judged)


def _percent(passed: int, total: int) -> int | None:
    return round(100 * passed / total) if total else None


def _difference(new: int | None, old: int | None) -> int | None:
    return new - old if new is not None and old is not None else None


def _student(key: str, old: Entry, new: Entry, criteria: list[str]) -> StudentChange:
    before, after = old.criteria or {}, new.criteria or {}
    return StudentChange(
        key=key, file=new.file, old_file=old.file, old_score=old.score, new_score=new.score,
        old_readiness=old.readiness, new_readiness=new.readiness, old_error=old.error, new_error=new.error,
        score_change=_difference(new.score, old.score), readiness_change=_difference(new.readiness, old.readiness),
        criteria={c: VerdictPair(before.get(c), after.get(c)) for c in criteria},
        improved=tuple(c for c in criteria if before.get(c) is False and after.get(c) is True),
        regressed=tuple(c for c in criteria if before.get(c) is True and after.get(c) is False))


def _change_order(student: StudentChange) -> tuple[bool, int, int, int, str]:
    """Biggest gains first, then no change, then losses; a student checked only once goes last."""
    score, readiness = student.score_change, student.readiness_change
    net = len(student.improved) - len(student.regressed)
    return (score is None, -(score or 0), -(readiness or 0), -net, student.key)


def _median(values: list[int]) -> float | None:
    return statistics.median(values) if values else None


def _criterion_change(criterion: str, label: str, old: Run, new: Run, matched: list[str]) -> CriterionChange:
    """Pass rates among the students in both runs only: cohorts of different sizes are never compared whole."""
    old_passed, old_total = _rate(old, criterion, matched)
    new_passed, new_total = _rate(new, criterion, matched)
    before, after = _percent(old_passed, old_total), _percent(new_passed, new_total)
    return CriterionChange(criterion, label, old_passed, old_total, new_passed, new_total, before, after,
                           _difference(after, before))


def _run_summary(run: Run) -> RunSummary:
    readiness = [e.readiness for e in run.entries.values() if e.readiness is not None]
    return RunSummary(os.path.basename(run.path), len(run.entries), run.duplicates, _median(run.scores()),
                      _median(readiness))


def compare_runs(old: Run, new: Run) -> Comparison:
    """Per student and cohort changes between two runs."""
    labels = {**old.labels, **new.labels}
    criteria = list(labels)
    matched = sorted(set(old.entries) & set(new.entries))
    students = sorted((_student(k, old.entries[k], new.entries[k], criteria) for k in matched), key=_change_order)
    changes = [s.score_change for s in students if s.score_change is not None]
    return Comparison(
        old=_run_summary(old), new=_run_summary(new), matched=len(matched),
        matched_by="student id (from the roster) or file name" if old.roster or new.roster else "file name",
        only_old=tuple(sorted(old.entries[k].file for k in set(old.entries) - set(new.entries))),
        only_new=tuple(sorted(new.entries[k].file for k in set(new.entries) - set(old.entries))),
        matched_median_change=_median(changes),
        score_changes=tuple(ScoreBin(label, sum(1 for c in changes if low <= c <= high))
                            for label, low, high in CHANGE_BINS),
        criteria=tuple(_criterion_change(c, labels[c], old, new, matched) for c in criteria),
        labels=labels, students=tuple(students))
