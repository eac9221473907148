"""One problem a check found, with where it is: the class every check's issues share."""

from __future__ import annotations

from dataclasses import dataclass

from jobkit.model.severity import Severity


@dataclass(frozen=True)
class Issue:
    """One problem a check found (credentials, headings, contact, dates), with what it concerns."""

    code: str
    severity: Severity
    message: str
    line: int | None = None
    page: int | None = None
    found: str | None = None
    suggestion: str | None = None
    section: str | None = None
    heading: str | None = None
    field: str | None = None
    styles: tuple[str, ...] | None = None
