"""The report as it is serialised: typed records whose fields are the JSON's keys.

:class:`jobkit.report.Report` is what the pipeline produces in process (it
holds the whole ``Document`` and the ``Target``). Everything that shows a
report (text, CSV, HTML, the cohort, compare, the web pages) reads a
:class:`ReportRecord` instead: it travels from worker processes, is stored by
batch and read back with :meth:`ReportRecord.from_dict`, and its JSON is
:func:`jobkit.model.check_results.jsonable` of it. So the JSON field names,
the JSON Schema in the OpenAPI document and the attributes every consumer
uses are one declaration. A field whose default is ``None`` is left out of
the JSON while it is ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jobkit.model.check_results import Checks, Readiness, jsonable
from jobkit.model.document import Finding, Section
from jobkit.model.schema import from_jsonable


@dataclass(frozen=True)
class BandRecord:
    name: str
    label: str
    explanation: str


@dataclass(frozen=True)
class CategoryRecord:
    category: str
    label: str
    score: int
    matched: int
    total: int


@dataclass(frozen=True)
class EvidenceRecord:
    """Where a term was found: ``text`` is the (possibly cut) line, ``start``/``end`` the match in it,
    ``offset`` where the match starts in the full line ``line``."""

    text: str
    matched: str
    start: int
    end: int
    line: int
    page: int
    section: str
    origin: str
    kind: str
    credit: float
    offset: int
    score: int | None = None
    hidden: bool | None = None
    in_list: bool | None = None


@dataclass(frozen=True)
class MatchedRecord:
    id: str
    term: str
    category: str
    weight: int
    need: str
    credit: float
    count: int
    evidence: tuple[EvidenceRecord, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class MissingRecord:
    id: str
    term: str
    category: str
    weight: int
    need: str
    advice: str
    note: str | None = None


@dataclass(frozen=True)
class ContactRecord:
    name: str | None
    email: str | None
    phone: str | None
    linkedin: str | None
    urls: tuple[str, ...]
    location: str | None
    origins: dict[str, str]


@dataclass(frozen=True)
class LineRecord:
    """One line as an ATS reads it; ``bbox`` is (x0, top, x1, bottom) in points, PDF only."""

    text: str
    page: int
    origin: str
    hidden: bool | None = None
    bbox: tuple[float, float, float, float] | None = None
    font_size: float | None = None
    bold: bool | None = None


@dataclass(frozen=True)
class RoleRecord:
    id: str | None
    name: str


@dataclass(frozen=True)
class PostingRequirement:
    id: str
    term: str
    category: str
    weight: int
    need: str
    note: str | None
    mentions: int = 0  # how many times the posting names it
    wording: tuple[str, ...] = ()  # the posting's own words for it


@dataclass(frozen=True)
class YearsRecord:
    months: int
    years: float
    text: str


@dataclass(frozen=True)
class OtherTerm:
    """A term the posting stresses that no keyword set knows, and whether the resume has it."""

    text: str
    count: int
    kind: str
    in_resume: bool


@dataclass(frozen=True)
class JobRecord:
    """What jobkit read from a pasted posting."""

    title: str
    requirements: tuple[PostingRequirement, ...]
    credentials: tuple[str, ...]
    years_of_experience: tuple[YearsRecord, ...]
    degree: str | None
    other_terms: tuple[OtherTerm, ...]
    core_terms: int
    looks_like_him_job: bool
    closest_role: str | None
    closest_role_overlap: float
    federal: bool = False  # a USAJOBS, VA or IHS announcement
    few_terms_recognised: bool = False


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
    role: RoleRecord | None = None
    job: JobRecord | None = None
    score: int
    band: BandRecord
    summary: Readiness
    categories: tuple[CategoryRecord, ...]
    matched: tuple[MatchedRecord, ...]
    missing: tuple[MissingRecord, ...]
    findings: tuple[Finding, ...]
    checks: Checks
    sections: tuple[Section, ...]
    contact: ContactRecord | None = None
    lines: tuple[LineRecord, ...] | None = None

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
        return "job posting: " + (self.job.title if self.job and self.job.title else "pasted text")
