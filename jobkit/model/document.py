"""The one document model every reader returns.

A reader turns PDF, DOCX or text into :class:`Document`: lines in reading
order, the sections they fall in, contact details, page and word counts, and
the findings about what an applicant tracking system (ATS) would lose.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jobkit.model.schema import json_field, jsonable
from jobkit.model.severity import Severity

# Where a line came from. An ATS reads "body" reliably; the others are at risk.
ORIGINS = ("body", "table", "text_box", "header", "footer")

@dataclass(frozen=True, slots=True)
class Line:
    """One line as an ATS reads it; ``bbox`` is (x0, top, x1, bottom) in points, PDF only."""

    text: str
    page: int
    origin: str = "body"
    hidden: bool = json_field(default=False, written="unless_default")
    # PDF only: (x0, top, x1, bottom) in points from the page's top-left corner.
    bbox: tuple[float, float, float, float] | None = json_field(default=None, digits=1)
    font_size: float | None = json_field(default=None, digits=1)
    bold: bool | None = None
    # The reader's opinion that this line is styled as a heading (in process only, not in the JSON).
    styled_heading: bool = json_field(default=False, written="never")


@dataclass(frozen=True, slots=True)
class Section:
    """A run of lines under one heading, mapped to a canonical name."""

    name: str
    heading: str | None
    heading_line: int | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Finding:
    """Something in the file an ATS would lose or misread."""

    code: str
    severity: Severity
    message: str
    where: str
    page: int | None = None
    count: int | None = None


@dataclass(frozen=True, slots=True)
class Contact:
    """Contact details found in the text, and where each sat."""

    # Every string in these fields is personal: an output that promises "contact removed" redacts it wherever
    # the report quotes it (jobkit.model.redaction), unless the field's metadata says personal: False.
    name: str | None = json_field(default=None, written="always")
    email: str | None = json_field(default=None, written="always")
    phone: str | None = json_field(default=None, written="always")
    linkedin: str | None = json_field(default=None, written="always")
    urls: tuple[str, ...] = ()
    location: str | None = json_field(default=None, written="always")
    # A number shaped like a phone number that is not one ("123-456-7890", "(555) 123-4567": a template's example)
    rejected_phone: str | None = json_field(default=None, written="unless_default")
    # field name -> origin of the line it came from ("body", "header", ...)
    origins: dict[str, str] = field(default_factory=dict, metadata={"personal": False})


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
    file_bytes: int = 0  # the file's size, as uploaded (0 when not known)

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
            "sections": jsonable(self.sections),
            "contact": jsonable(self.contact),
            "findings": jsonable(self.findings),
            "metadata": dict(self.metadata),
        }
        if include_lines:
            out["lines"] = jsonable(self.lines)
        return out
