"""Shared by the check tests: the default role, a fixed today, and small text resumes turned into a DocIndex."""

from __future__ import annotations

from datetime import date

import pytest

from jobkit.data.keywords import Glossary, load_glossary
from jobkit.match.docindex import DocIndex, build_index
from jobkit.match.target import role_target
from jobkit.read import read_resume

MRT = role_target("medical-records-technician")
TODAY = date(2026, 11, 24)

# A short, complete one-page resume: contact, standard sections, one date style, the role's title.
JANE = """JANE DOE
jane@example.com | (512) 555-0147 | Austin, TX

SUMMARY
Medical Records Technician with three years in hospital health information.

EXPERIENCE
Medical Records Technician, City Hospital, Austin, TX
Jan 2022 - Present
- Processed release of information requests under HIPAA.

EDUCATION
Associate of Applied Science in Health Information Technology, Austin Community College, May 2021

SKILLS
Epic, ICD-10-CM, HIPAA

CERTIFICATIONS
Registered Health Information Technician (RHIT), 2021
"""


def text_index(text: str) -> DocIndex:
    """The DocIndex the pipeline builds for a plain-text resume of ``text``."""
    return build_index(read_resume(text.encode("utf-8"), "x.txt"))


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    """The shipped keyword glossary."""
    return load_glossary()


@pytest.fixture
def index_of():  # type: ignore[no-untyped-def]
    """Build the DocIndex of a small text resume: ``index_of(text)``."""
    return text_index


@pytest.fixture(scope="module")
def jane_index() -> DocIndex:
    """The DocIndex of JANE, the complete one-page resume."""
    return text_index(JANE)

# A VA announcement with a specialized-experience statement: federal rules apply.
FEDERAL_POSTING = """Medical Records Technician (Coder) GS-0675-07
Department of Veterans Affairs, Veterans Health Administration
Announcement number: CBSH-12345-24
Qualifications: To qualify at the GS-07 level you need one year of specialized experience equivalent to the next
lower grade (GS-06) which included assigning ICD-10-CM codes to inpatient records; abstracting data from health
records; and querying providers to clarify documentation.
Basic Requirements: creditable experience. Time-in-grade requirements apply.
"""
