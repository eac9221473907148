"""A batch's cohort summary, as typed data (no I/O): what the CLI prints, the HTML cohort report and the
Batch page show, and ``jobkit batch --reports`` writes as ``summary.json`` (its :func:`jsonable`).

Optional facts whose default is ``None`` are left out of the JSON while ``None``; the medians are
always written, as null for a batch with nothing checked.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScoreBin:
    """How many resumes (or students) fall in one band of a histogram."""

    label: str
    count: int


@dataclass(frozen=True)
class TermShare:
    """A term the cohort's resumes miss: how many miss it, and the share of those checked."""

    term: str
    count: int
    share: int


@dataclass(frozen=True)
class FindingShare:
    """A formatting problem: how many resumes have it, and the share of those checked."""

    code: str
    title: str
    count: int
    share: int


@dataclass(frozen=True)
class FailedCriterion:
    """A program criterion one student does not pass, with what was found."""

    id: str
    short: str  # the column heading ("Terms", "Credentials")
    evidence: str


@dataclass(frozen=True)
class CohortRow:
    """One resume in the cohort table: its scores, or why it could not be checked (``error``)."""

    file: str
    error: str | None = None
    score: int | None = None
    readiness: int | None = None
    level: str | None = None
    pages: int | None = None
    words: int | None = None
    first_fix: str | None = None
    criteria_passed: int | None = None  # a program batch: how many of its criteria this resume passed
    criteria_total: int | None = None
    seq: int | None = None  # the Batch page: the stored result the row links to
    failed: tuple[FailedCriterion, ...] = ()  # a program batch: the criteria this student does not pass
    next_steps: tuple[str, ...] = ()  # at most three: the rubric's failures first, then the report's fixes


@dataclass(frozen=True)
class ProgramName:
    id: str
    name: str


@dataclass(frozen=True)
class CriterionRate:
    """How many of the checked resumes pass one criterion of a program."""

    id: str
    label: str
    short: str  # the column heading
    passed: int
    rate: int
    failing: tuple[str, ...] = ()  # the files of the students who do not pass it


@dataclass(frozen=True)
class RubricSummary:
    """A program's pass rates over a cohort."""

    program: ProgramName
    checked: int
    all_passed: int
    all_passed_rate: int
    criteria: tuple[CriterionRate, ...]


@dataclass(frozen=True)
class CohortSummary:
    """Counts, medians, the score histogram, what the cohort misses, and one row per resume (best first)."""

    total: int
    checked: int
    errors: int
    error_codes: dict[str, int]
    median_score: float | None
    mean_score: float | None
    median_readiness: float | None
    levels: dict[str, int]
    histogram: tuple[ScoreBin, ...]
    most_missing: tuple[TermShare, ...]
    formatting: tuple[FindingShare, ...]
    credentials_held: dict[str, int]
    credentials_in_progress: dict[str, int]
    over_length: int
    rows: tuple[CohortRow, ...]
    rubric: RubricSummary | None = None
