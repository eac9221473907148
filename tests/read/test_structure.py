"""The resume's structure (issue 31): jobs, schools and certifications field by field, the phone a form can use,
and the section and name rules that kept jobs and names from being read."""

from __future__ import annotations

import pytest

from jobkit import check_resume
from jobkit.read import read_resume
from jobkit.read.experience import job_entries
from tests.conftest import corpus_path

RESUME = """Maria Lopez
maria.lopez@example.org | (512) 555-0147 | Austin, TX
EXPERIENCE
Release of Information Specialist, Baylor Scott & White, Mar 2020 - Present
- Processed 45 release-of-information requests a day.
HIM Clerk, Seton Medical Center, 2017 - 2019
- Scanned and indexed loose documents into the EHR.
EDUCATION
Associate of Applied Science in Health Information Technology
Austin Community College, 2019
CERTIFICATIONS
RHIT, AHIMA, 2020
BLS - American Heart Association
SKILLS
Epic, Cerner, ICD-10-CM, Release of information
"""


def structure(text: str = RESUME):
    return check_resume(read_resume(text.encode(), "resume.txt")).structure


def test_jobs_keep_the_dates_as_the_resume_gives_them():
    jobs = structure().jobs
    assert [(j.title, j.employer, j.start_text, j.end_text) for j in jobs] == [
        ("Release of Information Specialist", "Baylor Scott & White", "2020-03", "present"),
        ("HIM Clerk", "Seton Medical Center", "2017", "2019")]  # a year-only date gets no invented month
    assert jobs[1].start.month is None and jobs[1].start.words() == "2017"


def test_schools_certifications_and_skills_are_read_as_written():
    found = structure()
    school = found.education[0]
    assert (school.school, school.credential, school.level, school.field, school.year, school.expected) == (
        "Austin Community College", "Associate of Applied Science in Health Information Technology", "associate",
        "Health Information Technology", "2019", False)
    assert [(c.acronym, c.status) for c in found.certifications] == [("RHIT", "held")]
    assert found.other_certifications == ("BLS - American Heart Association",)
    assert found.skills[:3] == ("Epic", "Cerner", "ICD-10-CM")


@pytest.mark.parametrize("phone", ["123-456-7890", "(555) 123-4567", "000-000-0000"])
def test_a_placeholder_phone_is_not_taken_and_the_report_says_why(phone):
    report = check_resume(read_resume(RESUME.replace("(512) 555-0147", phone).encode(), "resume.txt"))
    contact = report.document.contact
    assert contact.phone is None and contact.rejected_phone == phone
    issue = next(i for i in report.checks.sections.issues if i.code == "missing_phone")
    assert phone in issue.message and "template" in issue.message
    warning = next(w for e in report.autofill if e.kind == "contact" for w in e.warnings)
    assert warning.code == "placeholder_phone"


def test_a_real_number_is_kept():
    assert read_resume(RESUME.encode(), "resume.txt").contact.phone == "(512) 555-0147"
    assert read_resume(RESUME.replace("(512) 555-0147", "+44 20 7946 0958").encode(), "r.txt").contact.phone


def test_an_inline_label_inside_a_job_does_not_start_a_section():
    """The nurse's Army jobs sat after "TRAINING: Trained 2 Medical Technicians ..." and were read as education."""
    nurse = job_entries(read_resume(corpus_path("resumes", "pdf_livecareer_negative_registered_nurse.pdf")))
    assert [j.title for j in nurse][:2] == ["Registered Nurse", "Medical Technician/ Healthcare Specialist"]
    assert len(nurse) == 4
    short = read_resume(b"Jo Park\njo@example.org\nEXPERIENCE\nClerk, Valley Clinic, 2019 - 2021\n- Filed charts.\n"
                        b"Skills: Epic, Cerner, Meditech, ICD-10-CM, CPT, HCPCS, Microsoft Excel\n", "r.txt")
    assert [s.name for s in short.sections][-1] == "skills"  # a short list after a label is still a section


def test_named_experience_headings_and_externships_hold_jobs():
    emt = job_entries(read_resume(corpus_path("resumes", "docx_word2007_emt_sample.docx")))
    assert [j.title for j in emt][:2] == ["Clinical Emergency Medical Technician", "Field Emergency Medical Technician"]
    two = job_entries(read_resume(corpus_path("offlinecv", "unknown__synthetic-two-experience-sections.pdf")))
    assert [j.title for j in two] == ["Lead Vocalist", "Ensemble Member", "Voice Instructor", "Teaching Assistant"]


def test_a_name_beside_contact_details_or_under_an_address_line():
    moderncv = read_resume(corpus_path("resumes", "pdf_latex_moderncv_fictional.pdf")).contact
    assert moderncv.name == "Barry Allen"  # not "Google HQ" from "Google HQ, Mountain View, CA, USA"
    labelled = read_resume(corpus_path("resumes", "pdf_libreoffice51_template_site.pdf")).contact
    assert labelled.name == "ROBERT SMITH"  # "ROBERT SMITH LinkedIn:"


def test_a_student_row_in_experience_is_not_a_job():
    text = ("Jo Park\njo@example.org\nEXPERIENCE\nClerk, Valley Clinic, 2019 - 2021\n- Filed charts.\n"
            "08/2013-12/2015, Student, ASN, Nursing, Columbus Technical College\n")
    assert [j.title for j in job_entries(read_resume(text.encode(), "r.txt"))] == ["Clerk"]


def test_a_school_run_into_the_degree_line_and_a_high_school_diploma():
    text = ("Jo Park\njo@example.org\nEDUCATION\nBachelor of Science : Health Information Management Florida "
            "International University 2012\nHigh School Diploma : 2007\n")
    schools = structure(text).education
    assert [(s.school, s.credential, s.year) for s in schools] == [
        ("Florida International University", "Bachelor of Science : Health Information Management", "2012"),
        (None, "High School Diploma", "2007")]
    assert schools[0].field == "Health Information Management"


def test_a_date_alone_above_a_degree_is_that_degrees_and_a_named_high_school_is_a_school():
    text = ("Jo Park\njo@example.org\nEDUCATION\nDiploma\nMay 2004\nHS : General Studies Bainbridge High School\n"
            "December 2015\nAssociate of Science : Nursing, Columbus Technical College\n")
    schools = structure(text).education
    assert [(s.school, s.credential, s.year) for s in schools] == [
        ("Bainbridge High School", "HS : General Studies", "2004"),
        ("Columbus Technical College", "Associate of Science : Nursing", "2015")]
