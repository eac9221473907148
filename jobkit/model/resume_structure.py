"""The resume's structure, as an application form's "autofill with resume" would take it: each job (title,
employer, place, dates as the resume gives them), each school, the certifications, the skills; and the autofill
preview built from it. Data only: :mod:`jobkit.read.structure` reads it, :mod:`jobkit.checks.autofill` checks it.

Dates are what the resume states (a year, or a month and a year), never invented: a year-only date has no month.
"""

from __future__ import annotations

from dataclasses import dataclass

from jobkit.model.check_results import CredentialFound

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class WorkDate:
    year: int
    month: int | None = None

    def first_month(self) -> int:  # months since year 0; a year-only date starts in January ...
        return self.year * 12 + (self.month or 1) - 1

    def last_month(self) -> int:  # ... and ends in December
        return self.year * 12 + (self.month or 12) - 1

    def words(self) -> str:
        """"Mar 2019", or "2019" when the resume gives only the year."""
        return f"{MONTHS[self.month - 1]} {self.year}" if self.month else str(self.year)

    def iso(self) -> str:
        """"2019-03", or "2019" when the resume gives only the year (JSON Resume's partial ISO 8601 dates)."""
        return f"{self.year:04d}-{self.month:02d}" if self.month else f"{self.year:04d}"


@dataclass(frozen=True)
class JobEntry:
    """One job: title, employer and place as written, its dates, and the lines under it."""

    title: str | None
    employer: str | None
    location: str | None
    start: WorkDate | None
    end: WorkDate | None
    current: bool
    hours_per_week: int | None
    series_grade: str | None
    first_line: int
    last_line: int
    bullets: tuple[int, ...]
    section: str = "experience"
    date_line: int | None = None  # the line its dates sit on

    @property
    def month_year_dates(self) -> bool:
        """Both ends have a month: the start, and the end or "Present"."""
        ended = self.current or (self.end is not None and self.end.month is not None)
        return ended and self.start is not None and self.start.month is not None

    @property
    def start_text(self) -> str | None:
        return self.start.iso() if self.start else None

    @property
    def end_text(self) -> str | None:
        """"present" for a current job; None when the resume gives no end."""
        return "present" if self.current else self.end.iso() if self.end else None


@dataclass(frozen=True)
class School:
    """One education entry: the school, the credential as written, its level and field, and its year."""

    school: str | None
    credential: str | None  # "Associate of Applied Science in Health Information Technology"
    level: str | None  # certificate, associate, bachelor, master, doctorate
    field: str | None  # "Health Information Technology"
    year: str | None  # the year finished (or expected), as the resume gives it
    expected: bool
    line: int


@dataclass(frozen=True)
class ResumeStructure:
    """What the resume holds, field by field (contact details are the report's ``contact``)."""

    jobs: tuple[JobEntry, ...]
    education: tuple[School, ...]
    certifications: tuple[CredentialFound, ...]  # the credentials recognized, with their status on the resume
    other_certifications: tuple[str, ...]  # certificates listed that jobkit does not know ("BLS", "First Aid")
    skills: tuple[str, ...]


@dataclass(frozen=True)
class FormField:
    label: str  # the form's field: "Job title", "Company", "From", ...
    value: str | None  # what the form would get; None: left empty


@dataclass(frozen=True)
class AutofillWarning:
    code: str  # no_dates, dates_on_other_line, title_employer_not_told_apart, in_table, in_second_column,
    #            contact_in_header_footer, same_employer, no_year, placeholder_phone, no_jobs_read, ...
    message: str  # what is likely to come out wrong and what to change


@dataclass(frozen=True)
class AutofillEntry:
    """One block of an application form filled from the resume: the contact block, a job or a school."""

    kind: str  # contact, job, school
    number: int  # 1-based within its kind
    fields: tuple[FormField, ...]
    warnings: tuple[AutofillWarning, ...] = ()
    line: int | None = None
