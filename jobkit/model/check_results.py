"""The typed results of the checks beside the match score (data only, no I/O).

Each check returns one of these frozen dataclasses;
:func:`jobkit.model.schema.jsonable` turns any of them into the report's JSON,
written once for all of them. A field whose default is ``None`` is left out of
the JSON while it is ``None`` (as the report always did for optional facts such
as ``spills_at``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from jobkit.model.ats_site_results import AtsSiteCheck
from jobkit.model.issues import Issue
from jobkit.model.proofreading_results import ImpactCheck, ProofreadingCheck
from jobkit.model.schema import json_field
from jobkit.model.severity import Severity

WordStatus = Literal["short", "ok", "long"]
CredentialStatus = Literal["held", "apprentice", "in_progress"]
WantedStatus = Literal["held", "in_progress", "missing"]
ClaimKind = Literal["vague", "other", "claim"]
# requirement: what the posting (or role) requires that the resume does not show; federal: what federal HR needs.
FixKind = Literal["formatting", "keyword", "length", "profile", "federal", "requirement", "target"]
# not_a_fit: the resume does not show this job (the keyword match is in the poor band), whatever its format;
# posting_not_recognised: too few terms of the posting are known to judge against it (no figure);
# unreadable: no text an ATS could read.
ReadinessLevel = Literal["ready", "almost", "needs_work", "not_ready", "not_a_fit", "posting_not_recognised",
                         "unreadable"]


@dataclass(frozen=True)
class LongBullet:
    text: str
    words: int
    page: int
    line: int


# The page targets anyone may ask for: --pages, the forms, the API, a program's target_pages.
MIN_TARGET_PAGES, MAX_TARGET_PAGES = 1, 5


@dataclass(frozen=True)
class LengthCheck:
    """Pages against the target, how they were counted, words, long bullets and what to cut."""

    target_pages: int
    pages: int
    method: str
    how_counted: str
    confidence: str
    passed: bool
    message: str
    words: int
    word_band: tuple[int, int]
    word_status: WordStatus
    long_bullets: tuple[LongBullet, ...]
    advice: tuple[str, ...]
    spills_at: str | None = None


@dataclass(frozen=True)
class CredentialFound:
    """A catalogue credential stated on the resume, with its facts and its status there."""

    acronym: str
    name: str
    issuer: str
    issuer_name: str
    requires: str
    renewal: str
    sources: tuple[str, ...]
    status: CredentialStatus
    line: int
    page: int
    section: str
    text: str
    leads_to: str | None = None
    year: int | None = None


@dataclass(frozen=True)
class CredentialClaim:
    """A "certified in ..." claim that names no catalogue credential."""

    text: str
    line: int
    page: int
    kind: ClaimKind
    note: str


@dataclass(frozen=True)
class CredentialWanted:
    """A credential the role or posting asks for, and whether the resume shows it."""

    id: str
    term: str
    need: str
    status: WantedStatus


@dataclass(frozen=True)
class CredentialCheck:
    found: tuple[CredentialFound, ...]
    claims: tuple[CredentialClaim, ...]
    issues: tuple[Issue, ...]
    target: tuple[CredentialWanted, ...]
    reminders: tuple[str, ...]


@dataclass(frozen=True)
class SectionName:
    name: str
    heading: str | None
    standard: str


@dataclass(frozen=True)
class SectionsCheck:
    """Headings an ATS knows, contact details present and readable, one date style."""

    sections: tuple[SectionName, ...]
    contact_found: dict[str, bool]
    issues: tuple[Issue, ...]


@dataclass(frozen=True)
class FormattingAdvice:
    """A reader finding as advice: its title, what is wrong, the fix."""

    code: str
    severity: Severity
    title: str
    message: str
    fix: str
    where: str


@dataclass(frozen=True)
class Fix:
    """One thing to change, in plain words; ``kind`` says what it is about (see :data:`FixKind`)."""

    kind: FixKind
    title: str
    detail: str


@dataclass(frozen=True)
class RoleScore:
    """A shipped role the resume fits clearly better than what it was checked against."""

    id: str
    name: str
    score: int


@dataclass(frozen=True)
class Readiness:
    """The one answer: is this resume for this job, will an ATS read it, and the three fixes that help most.

    ``readiness`` is None when there is no verdict to give (a posting jobkit cannot read into terms).
    ``message`` is the headline sentence every interface shows under the label.
    """

    readiness: int | None
    level: ReadinessLevel
    label: str
    parts: dict[str, int]
    weights: dict[str, float]
    explanation: str
    top_fixes: tuple[Fix, ...]
    message: str = ""
    better_role: RoleScore | None = json_field(default=None, written="always")


@dataclass(frozen=True)
class JobTitleCheck:
    """Whether the resume names the job applied for: recruiters search an ATS by title."""

    wanted: str  # the posting's title, or the role's name
    found: bool
    message: str
    wording: str | None = None  # the resume's words that name it
    line: int | None = None
    page: int | None = None


@dataclass(frozen=True)
class FederalJob:
    """One job on the resume and what a federal HR specialist would find missing on it."""

    title: str | None
    employer: str | None
    dates: str
    line: int
    page: int
    missing: tuple[str, ...]


@dataclass(frozen=True)
class DutyShown:
    """A duty from the announcement's qualification statement, and the resume line that shows it."""

    duty: str
    shown: bool
    evidence: str | None = None
    line: int | None = None
    page: int | None = None


@dataclass(frozen=True)
class BasicPath:
    """One way the announcement lets an applicant qualify, and whether the resume shows it."""

    path: str  # experience | education | coding_program | combination
    label: str  # the announcement's own words for the path, when it has them
    met: bool
    evidence: str
    lines: tuple[int, ...] = ()  # experience: the resume lines that qualify each job (its health-information work)


@dataclass(frozen=True)
class FederalCheck:
    """The federal rules applied to this resume: why they apply, each job's gaps, the duties shown."""

    reasons: tuple[str, ...]
    forced: bool
    page_limit: int
    rules: tuple[str, ...]
    jobs: tuple[FederalJob, ...]
    duties: tuple[DutyShown, ...]
    gaps: tuple[str, ...]
    issues: tuple[Issue, ...]
    paths: tuple[BasicPath, ...] = ()
    grades: tuple[int, ...] = ()  # the GS grades the announcement is for
    grade_note: str = ""  # the grade, the next lower grade experience must equal, and time-in-grade
    unsplit: tuple[str, ...] = ()  # specialized-experience statements found but not split into duties: shown whole


@dataclass(frozen=True)
class Checks:
    length: LengthCheck
    credentials: CredentialCheck
    sections: SectionsCheck
    formatting: tuple[FormattingAdvice, ...] = field(default_factory=tuple)
    job_title: JobTitleCheck | None = None
    federal: FederalCheck | None = None
    proofreading: ProofreadingCheck | None = None
    impact: ImpactCheck | None = None
    # The application system the apply link or the posting names, and its documented gates for this resume
    ats_site: AtsSiteCheck | None = None

