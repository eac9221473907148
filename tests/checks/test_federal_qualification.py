"""Federal qualification judged from what the person did (issue 27): every wording of a specialized-experience
statement, each duty shown or not, the basic-requirement path from a job's duties, the grade, no invented gaps."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from jobkit import check_resume
from jobkit.checks.federal_rules import check_federal
from jobkit.checks.length import check_length
from jobkit.match.federal import read_federal, specialized_duties
from jobkit.output.text_format import render_report
from jobkit.read import read_resume
from jobkit.read.experience import gaps, job_entries

BENCH = Path(__file__).resolve().parents[2] / "bench" / "data"
LABELS = tomllib.loads((BENCH / "federal_duties.toml").read_text(encoding="utf-8"))
SECOND = tomllib.loads((BENCH / "announcements_heldout" / "labels.toml").read_text(encoding="utf-8"))
ALL = [("announcements", name, label) for name, label in LABELS.items()] + \
      [("announcements_heldout", name, label) for name, label in SECOND.items()]
VA = (BENCH / "announcements" / "a09_no_statement_va.txt").read_text(encoding="utf-8")


def text(body: str):
    return read_resume(body.encode(), "r.txt")


@pytest.mark.parametrize("folder,name,label", ALL, ids=[name for _, name, _ in ALL])
def test_every_wording_of_the_statement_gives_its_duties(folder, name, label):
    announcement = (BENCH / folder / f"{name}.txt").read_text(encoding="utf-8")
    got = specialized_duties(announcement)
    want = label["duties"]
    for duty in want:
        assert any(fuzz.token_set_ratio(duty.casefold(), g.casefold()) >= 85 for g in got), (duty, got)
    assert len(got) == len(want), got
    posting = read_federal(announcement)
    assert posting is not None and list(posting.grades) == label["grades"]


def test_verbs_that_share_an_object_stay_one_duty_and_no_letter_is_cut():
    duties = specialized_duties((BENCH / "announcements" / "a01_medical_support_assistant.txt").read_text())
    assert "receiving, relaying and answering patient inquiries" in duties
    assert all(not d.startswith("s ") for d in duties)


def test_a_statement_that_cannot_be_split_is_shown_whole():
    announcement = VA + "\nSpecialized experience includes knowledge.\n"
    posting = read_federal(announcement)
    assert posting is not None and posting.specialized_duties == () and posting.unsplit == ("knowledge",)
    report = check_resume(text("JANE DOE\nEXPERIENCE\nFile Clerk, Clinic, 01/2020 - 01/2024\n- Filed charts.\n"),
                          job=announcement)
    assert report.checks.federal.unsplit == ("knowledge",)
    assert "could not split it into duties" in render_report(report.to_record())


ROI_RESUME = (
    "JANE DOE\njane@example.org 512-555-0134\nEXPERIENCE\nRelease of Information Specialist, City Hospital\n"
    "01/2019 - Present, 40 hours per week\n- Processed 60 requests for protected health information a day.\n"
    "- Verified that each authorization and subpoena was valid before release.\n"
)


def test_each_duty_is_shown_by_its_own_work_or_said_not_shown():
    announcement = (BENCH / "announcements" / "a06_records_technician_consists.txt").read_text()
    report = check_resume(text(ROI_RESUME), job=announcement)
    shown = {d.duty: d for d in report.checks.federal.duties}
    assert shown["processing requests for protected health information"].shown
    assert "Processed 60 requests" in shown["processing requests for protected health information"].evidence
    assert shown["verifying the validity of authorizations and subpoenas"].shown
    assert not shown["logging disclosures in the accounting of disclosures"].shown
    assert "describe this work in the announcement's words" in render_report(report.to_record())


def test_a_job_qualifies_by_its_duties_not_its_title():
    manager = ("JOHN ROE\nEXPERIENCE\nBusiness Office Manager, Family Clinic\n01/2010 - Present, 40 hours per week\n"
               "- Managing and overseeing medical records and archived patient records.\n"
               "- Working with law offices on subpoena requests for patient records.\n")
    services = ("ANN POE\nEXPERIENCE\nHealth Services Manager, County Clinic\n03/2015 - Present, 40 hours per week\n"
                "- Coordinates release of information functions for the clinic.\n")
    aviation = ("BOB LOE\nEXPERIENCE\nAviation Maintenance Records Analyst, Air Wing\n01/2008 - Present, 40 hours per week\n"
                "- Maintained aircraft maintenance records and inventory records in the fleet database.\n")
    for resume, met in ((manager, True), (services, True), (aviation, False)):
        federal = check_resume(text(resume), job=VA).checks.federal
        experience = next(p for p in federal.paths if p.path == "experience")
        assert experience.met is met, resume.splitlines()[0]
        if met:
            assert experience.lines and "whose duties show health-information work" in experience.evidence


def test_the_path_is_quoted_in_the_announcements_words():
    federal = check_resume(text(ROI_RESUME), job=VA).checks.federal
    labels = {p.path: p.label for p in federal.paths}
    assert labels["experience"].startswith("One year of creditable experience that indicates knowledge of medical terminology")
    assert all("(medical records)" not in label for label in labels.values())


def test_the_grade_and_time_in_grade_are_said():
    announcement = (BENCH / "announcements" / "a05_program_assistant_examples.txt").read_text()
    federal = check_resume(text(ROI_RESUME), job=announcement).checks.federal
    assert federal.grades == (7,)
    assert "GS-7" in federal.grade_note and "GS-6" in federal.grade_note and "Time-in-grade" in federal.grade_note


def test_jobs_with_only_a_start_date_make_no_gaps():
    document = text("JANE DOE\nEXPERIENCE\nFile Clerk, Clinic A\n01/2011\n- Filed charts.\nRecords Clerk, Clinic B\n"
                    "01/2012\n- Scanned records.\nMedical Records Technician, Hospital C\n01/2013 - 06/2014\n"
                    "- Released records.\nROI Specialist, Hospital D\n01/2016 - Present\n- Processed requests.\n")
    found = gaps(job_entries(document))
    assert [(a.year, b.year) for a, b in found] == [(2014, 2016)]  # the one real gap; a missing end is not a gap


def test_a_duty_not_shown_and_the_check_stay_bounded_on_a_long_resume():
    announcement = (BENCH / "announcements" / "a02_health_technician_semicolons.txt").read_text()
    posting = read_federal(announcement)
    long_resume = text("JANE DOE\nEXPERIENCE\n" + "".join(
        f"Clerk {n}, Clinic\n01/2000 - 01/2001\n- Answered phones and filed charts for clinic {n}.\n" for n in range(150)))
    from jobkit.match.docindex import build_index

    index = build_index(long_resume)
    result = check_federal(index, posting, check_length(index), forced=False)
    assert len(result.duties) == 6 and any(not d.shown for d in result.duties)
