"""Knockout items (issue 29, item 2): what an application's screening questions ask, read from the posting's
own sentences, each checked against the resume with an honest answer: shown, not shown, or "resume can't say"."""

from __future__ import annotations

import pytest

from jobkit import check_resume
from jobkit.data.screening import _load
from jobkit.errors import DataFileError
from jobkit.match.target import posting_from_text
from jobkit.output.html_format import render_report_html
from jobkit.output.text_format import render_report
from jobkit.read import read_resume
from tests.conftest import broken_data

POSTING = """Inpatient Coder II
Lakeside Health
Coder for our acute care hospital.

Required Qualifications
- One of the following credentials is required:
    Certified Professional Coder (CPC)
    Certified Coding Specialist (CCS)
- Certified Risk Adjustment Coder (CRC) credential, or the ability to obtain it within 6 months of hire.
- Minimum of three (3) years of inpatient coding experience.
- Typing speed of 40 wpm or higher.
- Offer is contingent on a background check and drug screen.

Preferred Qualifications
- Associate degree in Health Information Technology preferred.

Remote job
No
Drug test
No
"""

RESUME = """JANE DOE
jane@example.org 512-555-0134 Austin, TX
CERTIFICATIONS
Certified Coding Specialist (CCS), AHIMA, 2019
EXPERIENCE
Inpatient Coder, Mercy Hospital, 01/2023 - 12/2023
- Coded inpatient records in ICD-10-CM and ICD-10-PCS; assigned MS-DRGs.
Outpatient Coder, City Clinic, 01/2018 - 12/2022
- Assigned CPT and ICD-10-CM codes to outpatient visits.
EDUCATION
Associate of Applied Science in Health Information Technology, 2017
"""


def items(posting):
    return {k.kind: k for k in posting.knockouts}


def test_a_posting_is_read_into_knockout_items_in_its_own_words():
    posting = posting_from_text(POSTING)
    kinds = [k.kind for k in posting.knockouts]
    credentials = [k for k in posting.knockouts if k.kind == "credential"]
    # "One of the following credentials is required" is one question met by any of them
    group = next(k for k in credentials if "CPC" in " ".join(k.terms))
    assert set(group.terms) >= {"CPC", "CCS"} and group.required
    crc = next(k for k in credentials if "CRC" in k.terms)
    assert crc.within_months == 6 and crc.one_of is None
    experience = items(posting)["experience"]
    assert experience.required_years == 3 and "inpatient" in experience.settings and "coding" in experience.settings
    assert items(posting)["typing"].required_wpm == 40
    assert "background" in kinds and "location" in kinds  # "Remote job" / "No" read as one fact
    assert not any(k.kind == "background" and "Drug test" in k.text for k in posting.knockouts)  # "Drug test: No"
    degree = items(posting)["education"]
    assert not degree.required and "Associate degree" in degree.text
    assert kinds.index("credential") < kinds.index("background")  # what ends an application first


def test_each_item_gets_the_answer_the_resume_backs():
    report = check_resume(read_resume(RESUME.encode(), "r.txt"), job=POSTING)
    by_kind = {}
    for item in report.knockouts:
        by_kind.setdefault(item.kind, []).append(item)
    group = next(k for k in by_kind["credential"] if "CCS" in k.terms)
    assert group.met is True and "CCS" in group.evidence
    crc = next(k for k in by_kind["credential"] if "CRC" in k.terms)
    assert crc.met is None and "6 months" in crc.answer  # may be earned after hire: never a "no"
    # three years of inpatient coding asked: only the inpatient job counts, not the outpatient years
    experience = by_kind["experience"][0]
    assert experience.met is False and "1 year" in experience.answer and "3 years" in experience.answer
    assert by_kind["typing"][0].met is None and by_kind["background"][0].met is None
    assert by_kind["education"][0].met is True and "Health Information Technology" in by_kind["education"][0].evidence
    record = report.to_dict()["job"]["knockouts"]
    assert {"text", "kind", "required_years", "evidence", "met", "answer", "one_of"} <= set(record[0])


def test_years_in_any_of_the_settings_a_posting_joins_with_or():
    posting = ("Patient Access Lead\nRequired:\n- Two years of patient access, revenue cycle or other healthcare "
               "experience.\n- High school diploma or equivalent required.\n- Knowledge of Epic required.\n"
               "- Customer service, scheduling, registration, insurance verification, HIPAA.\n")
    resume = ("JOHN ROE\njohn@example.org 512-555-0199\nEXPERIENCE\nBilling Specialist, Valley Hospital, 03/2019 - "
              "02/2022\n- Worked claims and denials in the revenue cycle.\nEDUCATION\nValley High School, diploma, 2015\n")
    report = check_resume(read_resume(resume.encode(), "r.txt"), job=posting)
    experience = next(k for k in report.knockouts if k.kind == "experience")
    assert experience.met is True and experience.required_years == 2
    software = next(k for k in report.knockouts if k.kind == "software")
    assert software.met is False and "does not name Epic" in software.answer  # a resume lists the systems used


def test_a_federal_announcements_paths_are_alternatives_and_agree_with_the_federal_check():
    from tests.conftest import corpus_path

    posting_file = corpus_path("jobs/j02_va_mrt_roi_canandaigua_ny.txt")
    resume = corpus_path("resumes/pdf_livecareer_health_information_specialist.pdf")
    report = check_resume(resume, job=posting_file.read_text(encoding="utf-8"))
    paths = [k for k in report.knockouts if k.path]
    assert {k.path for k in paths} >= {"experience", "education"} and {k.one_of for k in paths} == {"basic"}
    federal = {p.path: p.met for p in report.checks.federal.paths}
    for item in paths:
        assert item.met is True or item.answer.startswith("Not needed") or federal[item.path] is False


def test_text_and_page_show_what_the_application_will_ask_before_the_keywords():
    report = check_resume(read_resume(RESUME.encode(), "r.txt"), job=POSTING).to_record()
    text = render_report(report)
    assert "What the application will ask you" in text and text.index("What the application") < text.index("Matched")
    assert "[not shown]" in text and "[shown]" in text and "[resume can't say]" in text
    page = render_report_html(report)
    assert 'id="knockouts-h"' in page and page.index("knockouts-h") < page.index('id="keywords-h"')


def test_a_bad_expression_in_the_screening_file_names_file_and_field(tmp_path):
    folder = broken_data(tmp_path, "keywords", "_screening.toml", "'\\bbandwidth\\b'", "'(unclosed'")
    with pytest.raises(DataFileError) as error:
        _load(folder)
    assert "_screening.toml" in str(error.value) and "patterns[" in str(error.value)


def test_clauses_of_one_condition_are_one_question_and_years_are_shown_by_the_job():
    text = ("ROI Specialist\nRequirements:\n- Position is 100% on-site; this is not a remote role.\n"
            "- At least one (1) year of release of information experience.\n- HIPAA and ROI.\n")
    assert [k.kind for k in posting_from_text(text).knockouts].count("location") == 1
    resume = ("Jo Park\njo@example.org 512-555-0134\nEXPERIENCE\nROI Specialist, Valley Hospital\n01/2019 - 12/2022\n"
              "- Processed release of information requests and checked each authorization.\n")
    report = check_resume(read_resume(resume.encode(), "r.txt"), job=text)
    years = next(k for k in report.knockouts if k.kind == "experience")
    assert years.met is True and "Valley Hospital" in years.evidence  # the job, not its date line
