"""The experience section split into jobs: layouts, dates, hours, series and grade, gaps, stalls, real resumes.

Federal resumes (USAJOBS, VA) are judged per job held, so each job needs its own dates, hours and grade.
The corpus checks assert what a person reads in ``jobkit read FILE``: the number of jobs and the first
job's dates, written down from the text, not from the parser's output.
"""

from __future__ import annotations

import dataclasses
import time

import pytest

from jobkit.config import Limits
from jobkit.model.document import Section
from jobkit.read import read_resume
from jobkit.read.experience import JobEntry, WorkDate, gaps, job_entries
from tests.conftest import corpus_path
from tests.helpers import text_doc

TOP = "Jane Doe\njane.doe@example.com | (512) 555-0147\n\n"
ONE_CALL = 2.0  # CPU seconds; generous, so only quadratic (or worse) behavior fails


def jobs(body: str) -> tuple[JobEntry, ...]:
    return job_entries(text_doc(TOP + body))


def cpu_seconds(fn) -> float:  # type: ignore[no-untyped-def]
    started = time.process_time()
    fn()
    return time.process_time() - started


# --- layouts -------------------------------------------------------------------------------------------------


def test_title_line_then_employer_city_state_and_dates():
    found = jobs(
        "WORK EXPERIENCE\n"
        "Medical Records Technician\n"
        "Mercy Hospital, Springfield, IL | Jan 2019 - Present\n"
        "- Abstracted discharge records into the cancer registry\n"
        "- Released information under HIPAA rules\n"
        "File Clerk\n"
        "County Clinic, Dayton, OH | March 2016 to June 2018\n"
        "- Filed and retrieved patient charts\n"
        "EDUCATION\n"
        "AAS Health Information Technology, 2015\n"
    )
    assert [(j.title, j.employer, j.location) for j in found] == [
        ("Medical Records Technician", "Mercy Hospital", "Springfield, IL"),
        ("File Clerk", "County Clinic", "Dayton, OH"),
    ]
    first, second = found
    assert (first.start, first.end, first.current) == (WorkDate(2019, 1), None, True)
    assert (second.start, second.end, second.current) == (WorkDate(2016, 3), WorkDate(2018, 6), False)
    document = text_doc(TOP + "WORK EXPERIENCE\nMedical Records Technician\nMercy Hospital | 2019 - 2021\n- Coded\n")
    (only,) = job_entries(document)
    assert document.lines[only.first_line].text == "Medical Records Technician"
    assert [document.lines[i].text for i in only.bullets] == ["- Coded"]


def test_bullets_are_the_lines_up_to_the_next_job():
    document = text_doc(
        TOP + "Experience\nRecords Clerk\nAcme Health | 2019 - 2021\n- Filed charts\n- Scanned forms\n"
        "Coder\nBeta Clinic | 2016 - 2018\n- Coded visits\nEducation\nBS, 2014\n"
    )
    first, second = job_entries(document)
    assert [document.lines[i].text for i in first.bullets] == ["- Filed charts", "- Scanned forms"]
    assert first.last_line + 1 == second.first_line
    assert document.lines[second.last_line].text == "- Coded visits"


def test_employer_dash_title_and_dates_on_one_line():
    found = jobs(
        "Experience\n"
        "Mercy Hospital \u2014 Medical Records Technician  Jan. 2019 \u2013 Present\n"
        "\u2022 Coded inpatient records\n"
        "Sunrise Clinic \u2014 Records Clerk  Sept 2015 \u2013 Dec 2018\n"
        "\u2022 Filed charts\n"
    )
    assert [(j.title, j.employer, j.start, j.end) for j in found] == [
        ("Medical Records Technician", "Mercy Hospital", WorkDate(2019, 1), None),
        ("Records Clerk", "Sunrise Clinic", WorkDate(2015, 9), WorkDate(2018, 12)),
    ]


def test_dates_on_the_line_before_the_title():
    found = jobs(
        "Experience\n"
        "01/2019 - 03/2021\n"
        "Health Information Clerk, Acme Health, Austin, TX\n"
        "- Filed charts\n"
        "06/2016 - 12/2018\n"
        "Scheduler, Beta Clinic, Dallas, TX\n"
        "- Booked visits\n"
    )
    assert [(j.title, j.employer, j.location, j.start, j.end) for j in found] == [
        ("Health Information Clerk", "Acme Health", "Austin, TX", WorkDate(2019, 1), WorkDate(2021, 3)),
        ("Scheduler", "Beta Clinic", "Dallas, TX", WorkDate(2016, 6), WorkDate(2018, 12)),
    ]


def test_a_range_split_over_three_lines():
    found = jobs("Experience\nJanuary 2016\nto\nCurrent\nMedical Records Lead\n- Led audits\n")
    assert [(j.title, j.start, j.current) for j in found] == [("Medical Records Lead", WorkDate(2016, 1), True)]


def test_employer_line_above_title_and_dates():
    found = jobs(
        "Experience\nAcme Hospital\nRelease of Information Specialist May 2023 - Present\n- Released records\n"
        "Beta Clinic\nCoding Intern Summer 2022\n- Coded charts\n"
    )
    assert [(j.title, j.employer, j.start, j.end) for j in found] == [
        ("Release of Information Specialist", "Acme Hospital", WorkDate(2023, 5), None),
        ("Coding Intern", "Beta Clinic", WorkDate(2022, None), None),
    ]


def test_usajobs_federal_blocks():
    found = jobs(
        "PROFESSIONAL EXPERIENCE\n"
        "Department of Veterans Affairs, VA Medical Center\n"
        "Washington, DC\n"
        "Medical Records Technician (Coder), GS-0675-07\n"
        "05/2019 - Present\n"
        "Hours per week: 40\n"
        "Duties:\n"
        "- Coded inpatient records with ICD-10-CM\n"
        "Department of the Army, Womack Army Medical Center\n"
        "Fort Bragg, NC\n"
        "Medical Support Assistant, GS-679-5\n"
        "01/2016 - 04/2019\n"
        "- Scheduled appointments\n"
        "EDUCATION\n"
        "BS, 2014\n"
    )
    assert [(j.title, j.employer, j.location) for j in found] == [
        ("Medical Records Technician (Coder)", "Department of Veterans Affairs", "Washington, DC"),
        ("Medical Support Assistant", "Department of the Army", "Fort Bragg, NC"),
    ]
    assert [(j.series_grade, j.hours_per_week, j.month_year_dates) for j in found] == [
        ("GS-0675-07", 40, True), ("GS-679-5", None, True),
    ]
    assert len(found[0].bullets) == 1  # the "Hours per week" and "Duties:" labels are not duties


def test_labelled_fields():
    (found,) = jobs("Experience\nPosition Title: File Clerk\nEmployer: Mercy Hospital\nDates: 2019 - 2021\n- Filed\n")
    assert (found.title, found.employer, found.start, found.end) == ("File Clerk", "Mercy Hospital", WorkDate(2019),
                                                                    WorkDate(2021))


def test_a_range_inside_a_duty_sentence_is_not_a_job():
    found = jobs(
        "Experience\nCoder, Mercy Hospital, 2015 - 2020\n"
        "Served as acting lead from Jan 2019 to Mar 2019 during a staffing gap.\n- Coded records\n"
    )
    assert len(found) == 1 and len(found[0].bullets) == 2


# --- dates ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("dates", "start", "end", "current"), [
    ("Jan 2019 - Present", WorkDate(2019, 1), None, True),
    ("01/2019 \u2013 03/2021", WorkDate(2019, 1), WorkDate(2021, 3), False),
    ("2019-2021", WorkDate(2019), WorkDate(2021), False),
    ("March 2018 to June 2020", WorkDate(2018, 3), WorkDate(2020, 6), False),
    ("Since 2017", WorkDate(2017), None, True),
    ("Sept. 2015 \u2014 Dec. 2018", WorkDate(2015, 9), WorkDate(2018, 12), False),
    ("Jan. 2019 to date", WorkDate(2019, 1), None, True),
    ("5/2008 - Now", WorkDate(2008, 5), None, True),
    ("2015 \u2013 Current", WorkDate(2015), None, True),
    ("06/01/2019 - 03/15/2021", WorkDate(2019, 6), WorkDate(2021, 3), False),
    ("Aug 2020 Oct 2021", WorkDate(2020, 8), WorkDate(2021, 10), False),
])
def test_date_forms(dates, start, end, current):
    (found,) = jobs(f"Experience\nMedical Records Clerk, Mercy Hospital | {dates}\n- Filed charts\n")
    assert (found.start, found.end, found.current) == (start, end, current)


def test_year_only_keeps_no_month():
    year_only, month_year, open_month = jobs(
        "Experience\nCoder, Mercy Hospital | 2016 - 2018\n- Coded\nClerk, Beta Clinic | Jan 2014 - 2016\n- Filed\n"
        "Scheduler, Gamma Health | Feb 2012 - Present\n- Booked\n"
    )
    assert (year_only.start, year_only.end) == (WorkDate(2016, None), WorkDate(2018, None))
    assert not year_only.month_year_dates
    assert not month_year.month_year_dates  # the end has no month
    assert open_month.month_year_dates  # "Present" needs no month


# --- hours and series/grade ----------------------------------------------------------------------------------


@pytest.mark.parametrize("hours", ["40 hours per week", "Hours per week: 40", "40 hrs/wk", "Full-time (40 hours)"])
def test_hours_per_week(hours):
    (found,) = jobs(f"Experience\nMedical Records Technician\nMercy Hospital | 2019 - 2021\n{hours}\n- Coded\n")
    assert found.hours_per_week == 40


def test_hours_in_a_duty_sentence_do_not_count():
    (found,) = jobs("Experience\nFile Clerk, Mercy Hospital | 2019 - 2021\n"
                    "- Automated the weekly report, saving 10 hours per week of manual work\n")
    assert found.hours_per_week is None


@pytest.mark.parametrize(("stated", "expected"), [
    ("GS-0675-07", "GS-0675-07"), ("GS-675-7", "GS-675-7"), ("GS-07", "GS-07"), ("WG-4749-08", "WG-4749-08"),
    ("VN-0675-05", "VN-0675-05"), ("Pay Plan: GS Series: 0675 Grade: 07", "GS-0675-07"),
])
def test_series_and_grade(stated, expected):
    (found,) = jobs(f"Experience\nMedical Records Technician, {stated}\nVA Medical Center | 2019 - 2021\n- Coded\n")
    assert found.series_grade == expected


def test_no_grade_on_a_private_sector_job():
    (found,) = jobs("Experience\nCoder, Mercy Hospital | 2019 - 2021\n- Coded 40 charts a day\n")
    assert found.series_grade is None and found.hours_per_week is None


# --- gaps ----------------------------------------------------------------------------------------------------


def job(start: WorkDate, end: WorkDate | None = None, current: bool = False) -> JobEntry:
    return JobEntry(None, None, None, start, end, current, None, None, 0, 0, ())


def test_gaps_of_six_months_or_more():
    history = [job(WorkDate(2019, 8), current=True), job(WorkDate(2015, 1), WorkDate(2019, 1))]
    assert gaps(history) == [(WorkDate(2019, 1), WorkDate(2019, 8))]  # Feb to Jul: six months
    assert gaps([job(WorkDate(2019, 7), current=True), job(WorkDate(2015, 1), WorkDate(2019, 1))]) == []
    assert gaps(history, min_months=7) == []


def test_gaps_skip_overlaps_and_current_jobs():
    overlapping = [job(WorkDate(2010, 1), WorkDate(2020, 1)), job(WorkDate(2012, 1), WorkDate(2013, 1)),
                   job(WorkDate(2020, 3), current=True)]
    assert gaps(overlapping) == []
    assert gaps([job(WorkDate(2010, 1), current=True), job(WorkDate(2018, 1), WorkDate(2019, 1))]) == []


def test_gaps_with_year_only_dates_need_two_years():
    assert gaps([job(WorkDate(2015), WorkDate(2016)), job(WorkDate(2017), WorkDate(2018))]) == []
    assert gaps([job(WorkDate(2015), WorkDate(2016)), job(WorkDate(2018), current=True)]) == [
        (WorkDate(2016), WorkDate(2018))]


def test_gaps_from_a_resume():
    found = jobs("Experience\nCoder, Mercy Hospital | Mar 2020 - Present\n- Coded\n"
                 "Clerk, Beta Clinic | Jan 2016 - Jun 2019\n- Filed\n")
    assert gaps(found) == [(WorkDate(2019, 6), WorkDate(2020, 3))]


# --- no experience, odd input, stalls ------------------------------------------------------------------------


def test_no_experience_section():
    assert jobs("Summary\nDetail-minded records clerk.\nSkills\nICD-10, HIPAA, Epic\n") == ()
    assert jobs("Experience\nFiled charts for a busy clinic.\nAnswered phones.\n") == ()


def test_odd_sections_do_not_crash():
    document = text_doc(TOP + "Experience\nCoder, Mercy Hospital | 2019 - 2021\n- Coded\n")
    odd = dataclasses.replace(document, sections=(
        Section("experience", None, None, 9, 2), Section("experience", None, None, -4, 999),
        Section("volunteer", "Volunteer", 0, 0, 0),
    ))
    for entry in job_entries(odd):
        assert 0 <= entry.first_line <= entry.last_line < len(document.lines)


@pytest.mark.parametrize("unit", ["Jan 2019 - ", "1/", "2019 ", "May ", "GS-", "40 hours per week ", "City , State ",
                                  "a. ", "( ", "Since "])
def test_a_40_kb_line_finishes_fast(unit):
    line = (unit * (40_000 // len(unit) + 1))[:40_000]
    document = read_resume((TOP + "Experience\n" + line + "\n").encode(), "x.txt", limits=Limits(time_budget=120))
    assert cpu_seconds(lambda: gaps(job_entries(document))) < ONE_CALL


@pytest.mark.parametrize("lines", [
    "Medical Records Technician, Mercy Hospital, Springfield, IL | Jan 2019 - Present\n- Coded records\n",
    "January 2016\nto\n", "Records Clerk\n", "Sous Chef Jul 2010\n",
])
def test_5000_lines_finish_fast(lines):
    text = TOP + "Experience\n" + lines * (5000 // lines.count("\n"))
    document = read_resume(text.encode(), "x.txt", limits=Limits(time_budget=120, max_pages=1000))
    assert len(document.lines) > 5000
    assert cpu_seconds(lambda: gaps(job_entries(document))) < ONE_CALL


# --- real resumes: counts and first dates as read by eye in `jobkit read` ------------------------------------

CORPUS_JOBS = [
    # file, jobs counted by eye, first job's start, end, current
    (("resumes", "pdf_livecareer_medical_record_technician.pdf"), 4, WorkDate(2014, 10), None, True),
    (("resumes", "pdf_livecareer_health_information_specialist.pdf"), 4, WorkDate(2016, 1), None, True),
    (("resumes", "pdf_livecareer_medical_billing_mislabeled.pdf"), 5, WorkDate(2014, 7), WorkDate(2015, 12), False),
    # 4 jobs (a "Student" row is school, not a job); the Army jobs after an inline "TRAINING:" duty label are jobs
    (("resumes", "pdf_livecareer_negative_registered_nurse.pdf"), 4, WorkDate(2016, 6), None, False),
    (("resumes", "docx_word2007_emt_sample.docx"), 5, WorkDate(2012, 9), None, False),  # 2 externships, 2 jobs, 1 volunteer
    (("resumes", "docx_word_office_coordinator.docx"), 2, WorkDate(2019, 8), None, True),
    (("resumes", "docx_word_pair_accountant.docx"), 3, WorkDate(2021, 10), None, True),
    (("resumes", "docx_word_textboxes_header_3sections.docx"), 7, WorkDate(2021, 11), None, True),
    (("resumes", "pdf_latex_awesomecv_resume.pdf"), 8, WorkDate(2023, 9), WorkDate(2024, 3), False),
    (("resumes", "pdf_latex_deedy_twocolumn.pdf"), 4, WorkDate(2015, 1), None, True),
    (("resumes", "pdf_latex_moderncv_fictional.pdf"), 1, WorkDate(2022, 6), None, True),
    (("resumes", "pdf_indesign_designer_layout.pdf"), 3, WorkDate(2018, 1), None, True),
    (("offlinecv", "latex__awesome-cv-cv.pdf"), 12, WorkDate(2021, 3), None, True),
    (("offlinecv", "unknown__single-column-year-only-roundtrip.pdf"), 3, WorkDate(2016, 1), WorkDate(2018, 12), False),
    (("offlinecv", "google-docs__google-docs-skia-proxy-role-first-experience.pdf"), 2, WorkDate(2023, 6),
     WorkDate(2023, 9), False),
]


@pytest.mark.parametrize(("parts", "count", "start", "end", "current"), CORPUS_JOBS, ids=[c[0][1] for c in CORPUS_JOBS])
def test_corpus_jobs_and_first_dates(parts, count, start, end, current):
    found = job_entries(read_resume(corpus_path(*parts)))
    assert len(found) == count
    assert (found[0].start, found[0].end, found[0].current) == (start, end, current)


def test_corpus_titles_employers_and_hours():
    technician = job_entries(read_resume(corpus_path("resumes", "pdf_livecareer_medical_record_technician.pdf")))
    assert [j.title for j in technician][:2] == ["Medical Record Technician", "HEALTHCARE UNIT COORDINATOR"]
    emt = job_entries(read_resume(corpus_path("resumes", "docx_word2007_emt_sample.docx")))
    assert (emt[0].title, emt[0].location) == ("Clinical Emergency Medical Technician", "Oakland, CA")  # EXTERNSHIPS
    assert (emt[2].title, emt[2].employer, emt[2].location) == ("Rock Climbing Instructor", "Adventure Rock",
                                                                "San Francisco, CA")
    assert emt[-1].section == "volunteer"
    year_only = job_entries(read_resume(corpus_path("offlinecv", "unknown__single-column-year-only-roundtrip.pdf")))
    assert [j.start for j in year_only] == [WorkDate(2016, 1), WorkDate(2022), WorkDate(2019)]
    assert [j.month_year_dates for j in year_only] == [True, False, False]
    interns = job_entries(read_resume(
        corpus_path("offlinecv", "google-docs__google-docs-skia-proxy-role-first-experience.pdf")))
    assert [j.hours_per_week for j in interns] == [40, 20]  # "(40 hours per week)", "(15 to 20 hours per week)"
