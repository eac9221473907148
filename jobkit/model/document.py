"""The one document model every reader returns.

A reader turns PDF, DOCX or text into :class:`Document`: lines in reading
order, the sections they fall in, contact details, page and word counts, and
the findings about what an applicant tracking system (ATS) would lose.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Where a line came from. An ATS reads "body" reliably; the others are at risk.
ORIGINS = ("body", "table", "text_box", "header", "footer")

SEVERITIES = ("critical", "high", "medium", "low", "info")
_SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}


def severity_rank(severity: str) -> int:
    """0 for critical, 4 for info: the one order every list of findings or issues is sorted by."""
    return _SEVERITY_RANK.get(severity, len(SEVERITIES))


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text as an ATS would read it."""

    text: str
    page: int
    origin: str = "body"
    hidden: bool = False
    # PDF only: (x0, top, x1, bottom) in points from the page's top-left corner.
    bbox: tuple[float, float, float, float] | None = None
    font_size: float | None = None
    bold: bool | None = None
    # The reader's opinion that this line is styled as a heading.
    styled_heading: bool = False

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "page": self.page, "origin": self.origin}
        if self.hidden:
            out["hidden"] = True
        if self.bbox is not None:
            out["bbox"] = [round(v, 1) for v in self.bbox]
        if self.font_size is not None:
            out["font_size"] = round(self.font_size, 1)
        if self.bold is not None:
            out["bold"] = self.bold
        return out


@dataclass(frozen=True, slots=True)
class Section:
    """A run of lines under one heading, mapped to a canonical name."""

    name: str
    heading: str | None
    heading_line: int | None
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Finding:
    """Something in the file an ATS would lose or misread."""

    code: str
    severity: str
    message: str
    where: str
    page: int | None = None
    count: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "where": self.where,
        }
        if self.page is not None:
            out["page"] = self.page
        if self.count is not None:
            out["count"] = self.count
        return out


@dataclass(frozen=True, slots=True)
class Contact:
    """Contact details found in the text, and where each sat."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    linkedin: str | None = None
    urls: tuple[str, ...] = ()
    location: str | None = None
    # field name -> origin of the line it came from ("body", "header", ...)
    origins: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "email": self.email,
            "phone": self.phone,
            "linkedin": self.linkedin,
            "urls": list(self.urls),
            "location": self.location,
            "origins": dict(self.origins),
        }


@dataclass(frozen=True)
class Document:
    """A resume as an ATS sees it."""

    name: str
    format: str
    pages: int
    page_count_method: str
    page_count_confidence: str
    lines: tuple[Line, ...]
    sections: tuple[Section, ...]
    contact: Contact
    findings: tuple[Finding, ...]
    words: int
    characters: int
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def section_at(self, index: int) -> str:
        """Canonical section name of the line at ``index``."""
        for section in self.sections:
            if section.heading_line == index or section.start <= index < section.end:
                return section.name
        return "other"

    def finding_codes(self) -> set[str]:
        return {f.code for f in self.findings}

    def to_dict(self, *, include_lines: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "file": self.name,
            "format": self.format,
            "pages": self.pages,
            "page_count_method": self.page_count_method,
            "page_count_confidence": self.page_count_confidence,
            "words": self.words,
            "characters": self.characters,
            "text": self.text,
            "sections": [s.to_dict() for s in self.sections],
            "contact": self.contact.to_dict(),
            "findings": [f.to_dict() for f in self.findings],
            "metadata": dict(self.metadata),
        }
        if include_lines:
            out["lines"] = [line.to_dict() for line in self.lines]
        return out
