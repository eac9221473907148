"""Federal applications: a USAJOBS, VA or IHS posting brings the federal rules; a private one does not."""

from __future__ import annotations

import json

import pytest

from jobkit import check_resume
from jobkit.cli.commands import cli
from jobkit.match.federal import read_federal, specialized_duties
from jobkit.output.registry import export_report
from tests import builders
from tests.checks.conftest import FEDERAL_POSTING
from tests.conftest import corpus_files

POSTINGS = {p.name: p for p in corpus_files("jobs", ".txt", ".md")}
PRIVATE = ("j01_", "j14_", "j15_")

PRIVATE_POSTING = "Medical Records Technician\nCity Hospital is hiring. Required: RHIT, ICD-10-CM coding, EHR. We proudly serve veterans.\n"


def resume(hours: bool = True, grade: bool = True, extra: str = "") -> bytes:
    hours_text = " (40 hours per week)" if hours else ""
    grade_text = ", GS-0675-06" if grade else ""
    return (
        "JANE DOE\njane@example.com | 512-555-0167 | Baltimore, MD\n\nEXPERIENCE\n"
        f"Medical Records Technician{grade_text}\nDepartment of Veterans Affairs, Baltimore, MD\n"
        f"06/2021 - Present{hours_text}\n"
        "- Assigned ICD-10-CM codes to inpatient records for 40 discharges a week.\n"
        "- Abstracted data from health records for the cancer registry.\n"
        "Health Information Clerk\nCity Hospital, Baltimore, MD\n"
        f"03/2018 - 05/2021{hours_text}\n- Scanned and indexed records.\n"
        f"{extra}\nEDUCATION\nAssociate of Applied Science in Health Information Technology, 2018\n"
    ).encode()


@pytest.mark.parametrize("name", sorted(POSTINGS), ids=lambda n: n[:12])
def test_corpus_postings_are_read_as_federal_or_private(name):
    federal = read_federal(POSTINGS[name].read_text(encoding="utf-8"))
    assert (federal is None) == name.startswith(PRIVATE), federal


def test_a_private_posting_that_mentions_veterans_stays_private():
    assert read_federal(PRIVATE_POSTING) is None
    report = check_resume(resume(), filename="r.txt", job=PRIVATE_POSTING)
    assert report.checks.federal is None and report.checks.length.target_pages == 1


def test_a_federal_posting_brings_two_pages_and_says_why():
    report = check_resume(resume(), filename="r.txt", job=FEDERAL_POSTING)
    federal = report.checks.federal
    assert federal is not None and federal.page_limit == 2 and report.checks.length.target_pages == 2
    assert any("USAJOBS" in rule for rule in federal.rules) and federal.reasons
    assert report.to_dict()["job"]["federal"] is True


def test_each_job_shows_what_it_lacks():
    complete = check_resume(resume(), filename="r.txt", job=FEDERAL_POSTING).checks.federal
    assert [job.missing for job in complete.jobs] == [(), ()]
    lacking = check_resume(resume(hours=False, grade=False), filename="r.txt", job=FEDERAL_POSTING).checks.federal
    va_job, hospital_job = lacking.jobs
    assert "hours per week" in va_job.missing and any("series and grade" in m for m in va_job.missing)
    assert hospital_job.missing == ("hours per week",)  # a private job needs no grade
    assert any(issue.code == "federal_job_details" for issue in lacking.issues)


def test_a_year_only_date_is_not_enough():
    text = resume().decode().replace("03/2018 - 05/2021", "2018 - 2021").encode()
    federal = check_resume(text, filename="r.txt", job=FEDERAL_POSTING).checks.federal
    assert "the month and year it started" in federal.jobs[1].missing


def test_a_three_page_federal_resume_is_told_to_cut_first():
    report = check_resume(builders.single_column_pdf(pages=3), filename="r.pdf", job=FEDERAL_POSTING)
    assert any(i.code == "federal_too_long" and i.severity == "critical" for i in report.checks.federal.issues)
    assert report.summary.top_fixes[0].title == "Cut to two pages for USAJOBS"


def test_the_specialized_experience_duties_are_shown_or_not():
    duties = specialized_duties(FEDERAL_POSTING)
    assert duties == ("assigning ICD-10-CM codes to inpatient records", "abstracting data from health records",
                      "querying providers to clarify documentation")
    federal = check_resume(resume(), filename="r.txt", job=FEDERAL_POSTING).checks.federal
    shown = {d.duty: d for d in federal.duties}
    assert shown["assigning ICD-10-CM codes to inpatient records"].shown
    assert "ICD-10-CM" in shown["assigning ICD-10-CM codes to inpatient records"].evidence
    assert not shown["querying providers to clarify documentation"].shown


def test_federal_boilerplate_is_never_advised():
    report = check_resume(resume(), filename="r.txt", job=FEDERAL_POSTING)
    advised = {m.requirement.term.term.lower() for m in report.missing} | {t.text.lower() for t in report.target.posting.other_terms}
    assert not any("creditable" in a or "time-in-grade" in a or "time in grade" in a for a in advised)


def test_federal_rules_can_be_forced_on_or_off():
    forced_on = check_resume(resume(), filename="r.txt", federal=True)
    assert forced_on.checks.federal is not None and forced_on.checks.federal.forced and forced_on.checks.length.target_pages == 2
    off = check_resume(resume(), filename="r.txt", job=FEDERAL_POSTING, federal=False)
    assert off.checks.federal is None and off.checks.length.target_pages == 1
    explicit = check_resume(resume(), filename="r.txt", job=FEDERAL_POSTING, target_pages=1)
    assert explicit.checks.length.target_pages == 1 and explicit.checks.federal is not None


def test_every_output_shows_the_federal_section():
    record = check_resume(resume(hours=False), filename="r.txt", job=FEDERAL_POSTING).to_record(include_text=True)
    assert "Federal rules (USAJOBS) apply" in export_report(record, "text")
    assert "Federal rules" in export_report(record, "html") and "hours per week" in export_report(record, "html")
    assert json.loads(export_report(record, "json"))["checks"]["federal"]["jobs"][0]["missing"] == ["hours per week"]
    assert "federal_issues" in export_report(record, "csv").splitlines()[0]


def test_the_cli_flag_and_the_api_field(tmp_path):
    from jobkit.web import create_app

    client = create_app({"SECRET_KEY": "test", "TESTING": True, "WTF_CSRF_ENABLED": False, "JOBKIT_ISOLATE": False}).test_client()
    path = tmp_path / "r.txt"
    path.write_bytes(resume())
    from click.testing import CliRunner

    out = CliRunner().invoke(cli, ["check", str(path), "--federal", "--json"])
    assert out.exit_code == 0 and json.loads(out.output)["checks"]["federal"]["page_limit"] == 2
    api = client.post("/api/v1/check", data={"resume": (path.open("rb"), "r.txt"), "job": FEDERAL_POSTING, "federal": "no"},
                      content_type="multipart/form-data")
    assert api.status_code == 200 and "federal" not in api.get_json()["checks"]


def test_the_basic_requirement_paths_the_resume_meets():
    posting = FEDERAL_POSTING + ("Experience: One year of creditable experience. OR, Education: an associate's degree in "
                                 "health information technology. OR, Completion of an AHIMA approved coding program.\n")
    federal = check_resume(resume(), filename="r.txt", job=posting).checks.federal
    paths = {p.path: p for p in federal.paths}
    assert set(paths) == {"experience", "education", "coding_program"}
    assert paths["experience"].met and "months" in paths["experience"].evidence  # two records jobs since 2018
    assert paths["education"].met and "Health Information Technology" in paths["education"].evidence
    assert not paths["coding_program"].met
    newcomer = resume().decode().replace("06/2021 - Present", "06/2026 - Present").replace("03/2018 - 05/2021", "")
    newcomer = newcomer.replace("Associate of Applied Science in Health Information Technology, 2018", "High school diploma")
    federal = check_resume(newcomer.encode(), filename="r.txt", job=posting).checks.federal
    assert not any(p.met for p in federal.paths) and any(i.code == "federal_no_path" for i in federal.issues)
