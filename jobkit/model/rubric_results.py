"""A program rubric's verdicts on one resume, as typed data (no I/O).

One class per kind of criterion, so each carries exactly the facts it was
judged on and :func:`jobkit.model.schema.jsonable` writes the same flat JSON
the batch outputs and the API always showed (``{"id", "label", "passed",
"evidence", ...its facts}``). :func:`jobkit.model.schema.from_jsonable` reads
a stored one back by trying the kinds in :data:`Criterion`'s order: each
needs its own facts, and the practicum, needing none, comes last.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from jobkit.model.schema import json_field


@dataclass(frozen=True)
class CriterionResult:
    """One criterion for one resume: ``evidence`` says what was found, in words."""

    id: str
    label: str
    passed: bool
    evidence: str


@dataclass(frozen=True)
class ThresholdResult(CriterionResult):
    """A number against its bound (keyword match, readiness, pages)."""

    value: int
    threshold: int


@dataclass(frozen=True)
class TermsResult(CriterionResult):
    """The program's terms the resume matched (``present``) and did not, against how many it needs."""

    present: tuple[str, ...]
    missing: tuple[str, ...]
    threshold: int


@dataclass(frozen=True)
class CredentialsResult(CriterionResult):
    """The program's credentials the resume lists, and those it does not."""

    listed: tuple[str, ...]
    missing: tuple[str, ...]


@dataclass(frozen=True)
class MissingResult(CriterionResult):
    """What a resume lacks of a required list (sections, contact details)."""

    missing: tuple[str, ...]


@dataclass(frozen=True)
class PracticumResult(CriterionResult):
    """Where the practicum was named: its section, or null when nowhere."""

    section: str | None = json_field(written="always", default=None)


# The order from_jsonable tries them in: the one needing fewest facts last.
Criterion = Union[ThresholdResult, TermsResult, CredentialsResult, MissingResult, PracticumResult]


@dataclass(frozen=True)
class RubricResult:
    """A program's rubric on one resume: ``passed`` when every criterion passed (see :func:`judged`)."""

    program: str
    passed: bool
    criteria: tuple[Criterion, ...]

    def get(self, criterion: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion), None)


def judged(program: str, criteria: tuple[Criterion, ...]) -> RubricResult:
    """The rubric result of ``criteria``: passed when all of them are."""
    return RubricResult(program, all(c.passed for c in criteria), criteria)
