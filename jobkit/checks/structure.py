"""Sections and contact: standard headings, readable contact details, date formats.

An ATS files text under the headings it recognises. Odd headings ("My
Journey") leave content unfiled; contact details only in a header, footer or
text box may never reach the recruiter; mixed date formats confuse the
parsers that compute years of experience.
"""

from __future__ import annotations

from typing import Any

from jobkit.match.docindex import DocIndex
from jobkit.model.check_results import Issue, SectionName, SectionsCheck
from jobkit.read.dates import STYLES, date_style, find_dates
from jobkit.read.sections import heading_key

EXPECTED = ("summary", "experience", "education", "skills", "certifications")
STANDARD_NAME = {
    "summary": "Summary",
    "experience": "Experience",
    "education": "Education",
    "skills": "Skills",
    "certifications": "Certifications",
    "projects": "Projects",
    "awards": "Awards",
    "volunteer": "Volunteer Experience",
    "affiliations": "Professional Affiliations",
    "publications": "Publications",
    "languages": "Languages",
    "interests": "Interests",
    "coursework": "Relevant Coursework",
    "references": "References",
    "contact": "Contact",
}
# Headings every ATS files correctly; anything else mapped to a section gets a suggestion.
COMMON = {
    "summary": {"summary", "professional summary", "profile", "professional profile", "objective", "career objective",
                "summary of qualifications", "career summary"},
    "experience": {"experience", "work experience", "professional experience", "employment history", "work history",
                   "relevant experience", "employment", "professional history"},
    "education": {"education", "education and training", "academic background"},
    "skills": {"skills", "technical skills", "core competencies", "key skills", "skills summary", "professional skills",
               "areas of expertise", "skill highlights", "computer skills"},
    "certifications": {"certifications", "certification", "licenses", "licenses and certifications",
                       "certifications and licenses", "credentials", "professional certifications"},
}
_WHY = {
    "summary": "a 2-3 line summary naming the role and your strongest terms is the first text an ATS and a recruiter read",
    "experience": "an ATS computes your years of experience from this section",
    "education": "employers filter on degree; the MRT path runs through an associate degree",
    "skills": "a short skills line lets the ATS find software and code sets quickly",
    "certifications": "health information employers screen for credentials such as RHIT, CCA or CPC",
}


def _issue(code: str, severity: str, message: str, **extra: Any) -> Issue:
    return Issue(code, severity, message, **extra)  # type: ignore[arg-type]


def _heading_issues(index: DocIndex, wants_credentials: bool = True) -> list[Issue]:
    issues = []
    present = {s.name for s in index.document.sections}
    for name in EXPECTED:
        if name == "certifications" and not wants_credentials:
            continue  # a posting that asks for no credential: no section to advise for one
        if name not in present:
            severity = "high" if name in ("experience", "education") else "medium" if name != "certifications" else "low"
            issues.append(_issue("missing_section", severity, f"No '{STANDARD_NAME[name]}' section: {_WHY[name]}.", section=name))
    for section in index.document.sections:
        if section.heading is None:
            continue
        key = heading_key(section.heading)
        if section.name == "other":
            issues.append(
                _issue(
                    "odd_heading", "medium",
                    f"The heading '{section.heading}' is not one an ATS knows, so the text under it may be filed "
                    "nowhere. Use a standard heading such as Experience, Skills or Certifications.",
                    heading=section.heading,
                )
            )
        elif section.name in COMMON and key not in COMMON[section.name]:
            issues.append(
                _issue(
                    "odd_heading", "low",
                    f"'{section.heading}' is read as {STANDARD_NAME[section.name]} by jobkit, but some ATS only know the "
                    f"standard wording: rename it '{STANDARD_NAME[section.name]}'.",
                    heading=section.heading, suggestion=STANDARD_NAME[section.name],
                )
            )
    return issues


def _contact_issues(index: DocIndex) -> list[Issue]:
    contact = index.document.contact
    issues = []
    if not contact.email:
        issues.append(_issue("missing_email", "high", "No email address found: recruiters reply by email. Put it near your name."))
    if not contact.phone and contact.rejected_phone:
        issues.append(_issue("missing_phone", "high", f"\"{contact.rejected_phone}\" is not a phone number anyone can "
                             "call (it looks like a template's example): put your own number under your name."))
    elif not contact.phone:
        issues.append(_issue("missing_phone", "medium", "No phone number found: add one under your name."))
    if not contact.location:
        issues.append(_issue("missing_location", "low", "No city and state found: many ATS filter candidates by location."))
    hidden_away = {k: v for k, v in contact.origins.items() if v in ("header", "footer", "text_box") and k in ("email", "phone")}
    for field, origin in hidden_away.items():
        where = origin.replace("_", " ")
        issues.append(
            _issue(
                "contact_not_readable", "high",
                f"Your {field} sits only in a {where}, which many ATS skip. Repeat it in the body under your name.",
                field=field,
            )
        )
    return issues


def _line_styles(text: str) -> dict[str, list[str]]:
    """The dates on one line by style (the one date reader's tokens), styles in :data:`STYLES` order."""
    found: dict[str, list[str]] = {}
    for match in find_dates(text):
        style = date_style(match)
        if style is not None:
            found.setdefault(style, []).append(match.group(0))
    return {style: found[style] for style in STYLES if style in found}


def _date_issues(index: DocIndex) -> list[Issue]:
    counts: dict[str, list[str]] = {}
    for number, line in enumerate(index.document.lines):
        if index.sections[number] not in ("experience", "education") or line.hidden:
            continue
        for style, dates in _line_styles(line.text).items():
            counts.setdefault(style, []).extend(dates)
    if len(counts) < 2:
        return []
    examples = ", ".join(f"'{found[0]}' ({style})" for style, found in counts.items())
    return [
        _issue(
            "inconsistent_dates", "low",
            f"Dates are written in {len(counts)} styles: {examples}. Pick one (e.g. 'Jan 2021 - Present') so an ATS "
            "computes your years of experience correctly.",
            styles=tuple(sorted(counts)),
        )
    ]


def check_sections(index: DocIndex, wants_credentials: bool = True) -> SectionsCheck:
    """Headings, contact and dates. ``wants_credentials`` False (a posting that names no credential) drops the
    advice to add a Certifications section, which would point the person at RHIT or CPC for a job that asks for neither."""
    contact = index.document.contact
    return SectionsCheck(
        sections=tuple(SectionName(s.name, s.heading, STANDARD_NAME.get(s.name, s.name.title()))
                       for s in index.document.sections),
        contact_found={field: bool(getattr(contact, field)) for field in ("email", "phone", "location", "linkedin")},
        issues=tuple(_heading_issues(index, wants_credentials) + _contact_issues(index) + _date_issues(index)),
    )
