"""The report as it is serialised: typed classes whose fields are the JSON's keys.

:class:`jobkit.pipeline.Report` is what the pipeline produces in process (it
holds the whole ``Document`` and the ``Target``). Everything that shows a
report (text, CSV, HTML, the cohort, compare, the web pages) reads a
:class:`ReportRecord` instead: it travels from worker processes, is stored by
batch and read back with :meth:`ReportRecord.from_dict`, and its JSON is
:func:`jobkit.model.schema.jsonable` of it. So the JSON field names, the JSON
Schema in the OpenAPI document and the attributes every consumer uses are one
declaration. A field whose default is ``None`` is left out of the JSON while
it is ``None``.

The report's parts are the model's own classes (:class:`~jobkit.model.match_results.Band`,
:class:`~jobkit.model.evidence.Evidence`, :class:`~jobkit.model.document.Contact`,
:class:`~jobkit.model.document.Line`, ...). Only what the report flattens has a
class of its own here: a requirement with its term (matched, missing, the
posting's), the posting (``job``) and the role's name (``role``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jobkit.model.check_results import Checks, Readiness
from jobkit.model.document import Contact, Finding, Line, Section
from jobkit.model.evidence import Evidence
from jobkit.model.match_results import Band, CategoryScore, Knockout, SalientTerm, YearsOfExperience
from jobkit.model.resume_structure import AutofillEntry, ResumeStructure
from jobkit.model.schema import from_jsonable, json_field, jsonable


# The role a report was checked against, by id and name (the role's terms stay in its keyword file).
@dataclass(frozen=True)
class RoleRef:
    id: str | None
    name: str


@dataclass(frozen=True)
class RequirementRecord:
    """A requirement as the report shows it: its term flattened (id, words, category), its weight and need."""

    id: str
    term: str
    category: str
    weight: int
    need: str


@dataclass(frozen=True)
class MatchedRecord(RequirementRecord):
    credit: float = json_field(digits=2)
    count: int
    evidence: tuple[Evidence, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class MissingRecord(RequirementRecord):
    advice: str
    note: str | None = None
    # The either/or group it belongs to (its id, shared by the alternatives), or null: met by any member.
    one_of: str | None = json_field(default=None, written="always")


@dataclass(frozen=True)
class PostingRequirement(RequirementRecord):
    note: str | None
    mentions: int = 0  # how many times the posting names it
    wording: tuple[str, ...] = ()  # the posting's own words for it
    # Alternatives the posting offers ("CCS or CIC") share an id here, met by any one of them; null otherwise.
    one_of: str | None = json_field(default=None, written="always")


@dataclass(frozen=True)
class JobRecord:
    """What jobkit read from a pasted posting."""

    title: str
    requirements: tuple[PostingRequirement, ...]
    credentials: tuple[str, ...]
    years_of_experience: tuple[YearsOfExperience, ...]
    degree: str | None
    other_terms: tuple[SalientTerm, ...]
    core_terms: int
    looks_like_him_job: bool
    closest_role: str | None
    closest_role_overlap: float = json_field(digits=2)
    federal: bool = False  # a USAJOBS, VA or IHS announcement
    few_terms_recognised: bool = False
    employer: str = ""  # the employer's name when the posting gives it
    source: str | None = None  # the posting's file name, when it came as a file
    name: str = ""  # how reports name the posting: title and employer, else the file name, else "pasted text"
    # What the application's screening questions would ask, each with what the resume backs (required first)
    knockouts: tuple[Knockout, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ReportRecord:
    """One resume checked against one role or posting (exactly one of ``role`` and ``job`` is set)."""

    scoring_version: str
    # What read the file ("pdfminer.six 20250506", "pypdfium2 5.0.0", "python-docx 1.2.0"): with the
    # scoring version, what it takes to reproduce a score.
    reader: str = ""
    file: str
    format: str
    pages: int
    page_count_method: str
    page_count_confidence: str
    words: int
    role: RoleRef | None = None
    job: JobRecord | None = None
    score: int
    band: Band
    summary: Readiness
    categories: tuple[CategoryScore, ...]
    matched: tuple[MatchedRecord, ...]
    missing: tuple[MissingRecord, ...]
    findings: tuple[Finding, ...]
    checks: Checks
    sections: tuple[Section, ...]
    contact: Contact | None = None
    # The resume field by field (jobs, schools, certifications, skills) and the autofill preview built from it
    structure: ResumeStructure | None = None
    autofill: tuple[AutofillEntry, ...] = ()
    lines: tuple[Line, ...] | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ReportRecord":
        """A record from its JSON (a stored batch row, a JSON line, an API response)."""
        return from_jsonable(cls, data)

    def to_dict(self) -> dict[str, Any]:
        return jsonable(self)  # type: ignore[no-any-return]

    @property
    def unreadable(self) -> bool:
        """No text an ATS can read (a scan or a picture of a resume): the report has one thing to say."""
        return any(f.code == "image_only" and f.severity == "critical" for f in self.findings) or self.words == 0

    @property
    def target_name(self) -> str:
        """What the resume was checked against, in words."""
        if self.role is not None:
            return self.role.name
        return "job posting: " + (self.job.name or self.job.title or "pasted text" if self.job else "pasted text")
