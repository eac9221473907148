"""Two batch runs of the same students compared, as typed data (no I/O): what ``jobkit batch-compare`` and
the Batch page's comparison show as text, CSV and HTML.

A value that one of the runs lacks (a resume not checked, a criterion not judged) is ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass

from jobkit.model.cohort_summary import ScoreBin


@dataclass(frozen=True)
class RunSummary:
    """One run: its file (or batch) name, how many students, repeated names, medians."""

    path: str
    total: int
    duplicates: int
    median_score: float | None
    median_readiness: float | None


@dataclass(frozen=True)
class VerdictPair:
    """One criterion for one student, before and after (None: not judged in that run)."""

    old: bool | None
    new: bool | None


@dataclass(frozen=True)
class StudentChange:
    """One student in both runs: ``key`` is ``id:<student id>`` from a roster, else the file's base name."""

    key: str
    file: str
    old_file: str
    old_score: int | None
    new_score: int | None
    old_readiness: int | None
    new_readiness: int | None
    old_error: str | None
    new_error: str | None
    score_change: int | None
    readiness_change: int | None
    criteria: dict[str, VerdictPair]
    improved: tuple[str, ...]  # criteria failed before and passed now
    regressed: tuple[str, ...]

    @property
    def student_id(self) -> str:
        """The roster's id for the student, or "" when matched by file name."""
        return self.key[3:] if self.key.startswith("id:") else ""

    @property
    def changed(self) -> bool:
        """Anything different between the runs (a file unreadable in both counts as unchanged)."""
        return bool(self.score_change or self.readiness_change or self.improved or self.regressed
                    or (self.old_score is None) != (self.new_score is None))


@dataclass(frozen=True)
class CriterionChange:
    """One criterion's pass rate over each run (rates None when no resume of that run was judged)."""

    id: str
    label: str
    old_passed: int
    old_total: int
    new_passed: int
    new_total: int
    old_rate: int | None
    new_rate: int | None
    change: int | None


@dataclass(frozen=True)
class Comparison:
    """Per student and cohort changes between an old and a new run."""

    old: RunSummary
    new: RunSummary
    matched: int
    matched_by: str
    only_old: tuple[str, ...]  # files of students in one run only
    only_new: tuple[str, ...]
    matched_median_change: float | None
    score_changes: tuple[ScoreBin, ...]
    criteria: tuple[CriterionChange, ...]
    labels: dict[str, str]  # criterion id -> label, over both runs
    students: tuple[StudentChange, ...]  # biggest gains first

    @property
    def moved(self) -> tuple[StudentChange, ...]:
        """The matched students with any change, in the same order."""
        return tuple(s for s in self.students if s.changed)
