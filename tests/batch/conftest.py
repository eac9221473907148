"""Shared by the batch tests: the example program, two students' resumes before and after, the role target."""

from __future__ import annotations

from jobkit.model.batches import BatchTarget

PROGRAM = "example-him-associate"
MRT_TARGET = BatchTarget(role="medical-records-technician")

JANE_BEFORE = """\
JANE DOE
jane.doe@example.com | (512) 555-0147 | Austin, TX 78701

SUMMARY
Health information technology student looking for a medical records job.

EXPERIENCE
Front Desk Associate, Austin Family Clinic, Jun 2024 - Dec 2026
- Registered patients and kept patient records confidential.

EDUCATION
Associate of Applied Science in Health Information Technology, Austin Community College, May 2027

SKILLS
Data entry, Microsoft Office
"""

JANE_AFTER = """\
JANE DOE, RHIT eligible
jane.doe@example.com | (512) 555-0147 | Austin, TX 78701

SUMMARY
Health information technology graduate, RHIT eligible, with HIPAA compliant release of information and ICD-10-CM and
CPT coding in an EHR.

EXPERIENCE
Professional Practice Experience, Central Hospital HIM Department, Jan 2027 - Apr 2027 (120 hours)
- Processed release of information requests under HIPAA in the electronic health record (Epic).
- Reviewed charts for completeness and assigned ICD-10-CM and CPT codes using medical terminology.
Front Desk Associate, Austin Family Clinic, Jun 2024 - Dec 2026
- Registered patients and kept patient records confidential.

EDUCATION
Associate of Applied Science in Health Information Technology, Austin Community College, May 2027

SKILLS
Medical terminology, data entry, electronic health records (Epic), HIPAA, ICD-10-CM, CPT, Microsoft Office

CERTIFICATIONS
RHIT eligible (exam scheduled June 2027)
"""

JOHN_BEFORE = """\
JOHN ROE
john.roe@example.com

OBJECTIVE
Looking for a job in an office.

WORK HISTORY
Cashier, Corner Market, 2023 - 2026
- Helped customers and handled the register.

EDUCATION
Austin Community College, 2027
"""

JOHN_AFTER = JOHN_BEFORE.replace("john.roe@example.com", "john.roe@example.com | (512) 555-0143").replace(
    "Looking for a job in an office.",
    "Health information technology student with HIPAA training, medical terminology and data entry in an EHR.")
