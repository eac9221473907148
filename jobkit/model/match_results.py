"""What matching gives the report (data only): the band a score falls in, the score per category, and what a
posting asks beyond its known terms (years of experience, salient terms).

These are the report's own classes: :class:`jobkit.model.report_record.ReportRecord` holds them as the
matcher made them, and :func:`jobkit.model.schema.jsonable` writes them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Band:
    name: str
    label: str
    explanation: str


@dataclass(frozen=True)
class CategoryScore:
    category: str
    label: str
    score: int
    matched: int
    total: int


@dataclass(frozen=True)
class YearsOfExperience:
    months: int
    years: float  # months / 12, to one decimal
    text: str


@dataclass(frozen=True)
class SalientTerm:
    """A term the posting stresses that no keyword set knows, and whether the resume has it."""

    text: str
    count: int
    kind: str
    in_resume: bool = False  # set in a report; a parsed posting leaves it False
