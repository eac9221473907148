"""What matching gives the report (data only): the band a score falls in, the score per category, and what a
posting asks beyond its known terms (years of experience, salient terms).

These are the report's own classes: :class:`jobkit.model.report_record.ReportRecord` holds them as the
matcher made them, and :func:`jobkit.model.schema.jsonable` writes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from jobkit.model.schema import json_field


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


@dataclass(frozen=True)
class Knockout:
    """One thing an application's screening questions would ask, in the posting's words, and what the resume
    honestly backs: ``met`` True (the resume shows it), False (it shows too little or nothing where a resume
    would show it: a credential, a degree, years of dated work) or None (a resume cannot say: a schedule, a
    background check, a system not named). A parsed posting leaves the resume fields empty."""

    text: str  # the posting's sentence
    kind: str  # one of jobkit.data.screening.KINDS
    required: bool = True  # False: preferred, which a screening question may still ask
    required_years: float | None = json_field(default=None, written="always")  # experience: the years asked for ("3-5 years" asks for 3)
    settings: tuple[str, ...] = ()  # experience: what the years must be in ("inpatient", "coding"), by name
    within_months: int | None = None  # credential: may be earned within this many months of hire
    required_wpm: int | None = None  # typing: the speed asked for
    terms: tuple[str, ...] = ()  # the credentials or systems it names, in the posting's words
    one_of: str | None = json_field(default=None, written="always")  # items that are alternatives share an id (a federal announcement's paths: "basic")
    path: str | None = None  # federal: the basic-requirement path this item is (experience, education, ...)
    evidence: str | None = json_field(default=None, written="always")  # the resume line that backs the answer
    met: bool | None = json_field(default=None, written="always")
    answer: str = ""  # the honest answer the resume supports, in plain words

    @property
    def status(self) -> str:
        """The resume's answer in two or three words, the same in every interface."""
        return KNOCKOUT_STATUS[self.met]


# How every interface names what the resume backs for a knockout item.
KNOCKOUT_STATUS = {True: "shown", False: "not shown", None: "resume can't say"}
