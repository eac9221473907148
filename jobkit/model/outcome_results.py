"""Graduates' outcomes joined to a batch's results, as typed data (no I/O): what ``jobkit batch-outcomes``
and the Outcomes page show as text, a table, a chart and CSV.

A blank cell of the outcomes file is ``None``: not known, never zero. A student with no outcome row has
``outcome=None`` and is counted as "no outcome on file", never as "no interview".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

MIN_GROUP = 5  # a group smaller than this is shown but marked "too few to compare"
ASSOCIATION_NOTE = ("Association, not cause: students who got interviews may differ in many ways besides their "
                    "resumes, so a criterion passed more often among them did not, by itself, get them the interview.")

Status = Literal["joined", "no outcome on file", "no resume in this batch"]
Group = Literal["interviewed", "not interviewed"]


@dataclass(frozen=True)
class Outcome:
    """One student's row of an outcomes CSV; ``row`` is its row number in a spreadsheet (the header is row 1)."""

    row: int
    student_id: str | None = None
    file: str | None = None
    interviews: int | None = None
    offers: int | None = None
    exam_passed: bool | None = None
    date: str | None = None  # yyyy-mm-dd

    @property
    def name(self) -> str:
        """How the row names its student: the id, else the file name."""
        return self.student_id or self.file or ""

    @property
    def group(self) -> Group | None:
        """Which side of the comparison: None while the interviews cell is blank (nothing is inferred)."""
        if self.interviews is None:
            return None
        return "interviewed" if self.interviews > 0 else "not interviewed"


@dataclass(frozen=True)
class JoinedStudent:
    """One resume of the batch beside its outcome row (either may be missing, never both)."""

    file: str | None  # the resume's file in the batch; None for an outcome row that matched no resume
    score: int | None = None
    readiness: int | None = None
    error: str | None = None  # why the resume has no scores
    criteria: dict[str, bool] | None = None  # None: not judged by a rubric
    outcome: Outcome | None = None

    @property
    def status(self) -> Status:
        if self.file is None:
            return "no resume in this batch"
        return "joined" if self.outcome is not None else "no outcome on file"

    @property
    def student_id(self) -> str | None:
        return self.outcome.student_id if self.outcome else None

    @property
    def criteria_passed(self) -> int | None:
        return None if self.criteria is None else sum(self.criteria.values())

    @property
    def group(self) -> Group | None:
        return self.outcome.group if self.outcome else None


@dataclass(frozen=True)
class GroupRate:
    """How many of a group passed a criterion, of how many judged; ``rate`` in percent (None for an empty group)."""

    passed: int
    total: int
    rate: int | None


@dataclass(frozen=True)
class CriterionOutcome:
    """One criterion's pass rate among the interviewed and among those with an outcome row and no interview.

    ``difference`` (interviewed minus not, in points) is None while either group is too small.
    """

    id: str
    label: str
    interviewed: GroupRate
    not_interviewed: GroupRate
    difference: int | None
    too_few: bool


@dataclass(frozen=True)
class MedianOutcome:
    """A measure's median (readiness, keyword match) in each group, with each group's size."""

    measure: str
    interviewed: float | None
    interviewed_count: int
    not_interviewed: float | None
    not_interviewed_count: int
    difference: float | None
    too_few: bool


@dataclass(frozen=True)
class OutcomeJoin:
    """A batch's results joined to an outcomes file."""

    results: str  # the results file's name
    outcomes: str  # the outcomes file's name
    resumes: int  # students in the results (a repeated one counted once)
    duplicates: int  # results lines repeating a student already read
    with_outcome: int
    no_outcome: int
    interviewed: int
    not_interviewed: int
    interviews_unknown: int  # joined students whose interviews cell is blank
    unmatched: tuple[str, ...]  # outcome rows naming no resume of the batch
    criteria: tuple[CriterionOutcome, ...]
    medians: tuple[MedianOutcome, ...]
    students: tuple[JoinedStudent, ...]
    labels: dict[str, str] = field(default_factory=dict)
    program: str | None = None
    min_group: int = MIN_GROUP
    note: str = ASSOCIATION_NOTE
