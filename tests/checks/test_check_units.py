"""Each check on its own: the pure functions of jobkit/checks/ called directly on small built documents.

The pipeline (``check_document``) builds one ``DocIndex`` and hands it to each check; these tests do the
same by hand, so a failure names the check rather than the whole report.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from jobkit.checks.credentials import check_credentials
from jobkit.checks.federal_rules import check_federal
from jobkit.checks.formatting import formatting_advice
from jobkit.checks.job_title import check_job_title
from jobkit.checks.length import check_length
from jobkit.checks.readiness import readiness
from jobkit.checks.structure import check_sections
from jobkit.match.federal import read_federal
from jobkit.model.document import Finding
from jobkit.model.finding_codes import finding_info
from tests.checks.conftest import FEDERAL_POSTING, MRT, TODAY

THIN = "JANE DOE\n\nEXPERIENCE\nClerk\n"
FEDERAL_JOB = (
    "JANE DOE\n\nEXPERIENCE\nMedical Records Technician, GS-0675-06\nDepartment of Veterans Affairs, Baltimore, MD\n"
    "06/2021 - Present (40 hours per week)\n- Assigned ICD-10-CM codes to inpatient records.\n"
)


def _codes(issues) -> list[str]:  # type: ignore[no-untyped-def]
    return [issue.code for issue in issues]


# length.check_length


def test_length_of_a_short_text_resume_passes_the_page_target_but_is_thin(jane_index):
    length = check_length(jane_index)
    assert (length.target_pages, length.pages, length.passed) == (1, 1, True)
    assert length.message == "1 page: within the 1-page target."
    assert (length.method, length.confidence) == ("text_standard_page_estimate", "low")
    assert length.how_counted == "estimated for a standard page (Letter, 1 inch margins, 11 pt)"
    assert (length.words, length.word_band, length.word_status) == (62, (400, 700), "short")
    assert length.long_bullets == () and length.spills_at is None
    assert length.advice == ("At 62 words the resume looks thin; 400-700 words fill 1 page. "
                             "Add results to your bullets (how many, how fast, how accurate), and any missing terms "
                             "that are true of you.",)


def test_length_word_band_follows_the_page_target(jane_index):
    two = check_length(jane_index, 2)
    assert two.target_pages == 2 and two.passed
    assert two.word_band == (750, 1400)
    assert two.message == "1 page: within the 2-pages target."
    assert two.advice[0].startswith("At 62 words the resume looks thin; 750-1400 words fill 2 pages.")


def test_length_names_each_bullet_over_35_words(index_of):
    text = "JANE DOE\n\nEXPERIENCE\n- " + " ".join(["word"] * 40) + ".\n- Short one.\n- " + " ".join(["w"] * 35) + "\n"
    length = check_length(index_of(text))
    assert [(b.words, b.line, b.page) for b in length.long_bullets] == [(40, 2, 1)]
    assert length.advice[0] == "Shorten the 1 bullet(s) over 35 words."


# structure.check_sections


def test_sections_of_a_complete_resume_have_no_issues(jane_index):
    sections = check_sections(jane_index)
    assert sections.issues == ()
    assert [(s.name, s.heading) for s in sections.sections] == [
        ("contact", None), ("summary", "SUMMARY"), ("experience", "EXPERIENCE"), ("education", "EDUCATION"),
        ("skills", "SKILLS"), ("certifications", "CERTIFICATIONS")]
    assert sections.contact_found == {"email": True, "phone": True, "location": True, "linkedin": False}


def test_sections_name_each_missing_section_and_contact_field(index_of):
    sections = check_sections(index_of(THIN))
    missing = {i.section: i.severity for i in sections.issues if i.code == "missing_section"}
    assert missing == {"summary": "medium", "education": "high", "skills": "medium", "certifications": "low"}
    contact = {i.code: i.severity for i in sections.issues if i.code.startswith("missing_") and i.section is None}
    assert contact == {"missing_email": "high", "missing_phone": "medium", "missing_location": "low"}
    assert sections.contact_found == {"email": False, "phone": False, "location": False, "linkedin": False}


def test_sections_report_two_date_styles_once(index_of):
    sections = check_sections(index_of("JANE DOE\n\nEXPERIENCE\nClerk, Jan 2020 - Present\nAide, 03/2018 - 12/2019\n"))
    dates = [i for i in sections.issues if i.code == "inconsistent_dates"]
    assert len(dates) == 1
    assert dates[0].severity == "low" and dates[0].styles == ("MM/YYYY", "Mon YYYY")
    assert "'Jan 2020' (Mon YYYY), '03/2018' (MM/YYYY)" in dates[0].message


# credentials.check_credentials


def test_credentials_a_held_rhit_with_its_year_and_renewal(jane_index, glossary):
    result = check_credentials(jane_index, glossary, MRT.requirements, TODAY)
    assert [(f.acronym, f.status, f.year, f.section, f.line) for f in result.found] == [
        ("RHIT", "held", 2021, "certifications", 13)]
    assert result.found[0].issuer == "AHIMA" and result.found[0].renewal == "20 CEUs every 2 years"
    assert [(w.id, w.need, w.status) for w in result.target] == [
        ("cred-rhit", "preferred", "held"), ("cred-cca", "preferred", "missing"),
        ("cred-cehrs", "preferred", "missing")]
    assert result.reminders == (
        "RHIT: 20 CEUs every 2 years (AHIMA). Earned 2021: keep your CEU log for each cycle since.",)
    assert result.issues == () and result.claims == ()


def test_credentials_an_eligible_rhit_is_in_progress_not_held(index_of, glossary):
    result = check_credentials(index_of("JANE DOE\nRHIT eligible\n\nEXPERIENCE\nClerk\n"), glossary, MRT.requirements,
                               TODAY)
    assert [(f.acronym, f.status, f.year, f.text) for f in result.found] == [
        ("RHIT", "in_progress", None, "RHIT eligible")]
    assert {w.id: w.status for w in result.target}["cred-rhit"] == "in_progress"
    assert result.reminders == ()


def test_credentials_none_found_in_a_resume_without_any(index_of, glossary):
    result = check_credentials(index_of(THIN), glossary, MRT.requirements, TODAY)
    assert result.found == () and result.reminders == ()
    assert {w.status for w in result.target} == {"missing"}


# formatting.formatting_advice


def test_formatting_advice_is_ordered_by_severity_and_keeps_the_finding():
    advice = formatting_advice([Finding("images", "low", "one photo", "page 1"),
                                Finding("two_column", "high", "a sidebar", "page 1")])
    assert [(a.code, a.severity, a.message, a.where) for a in advice] == [
        ("two_column", "high", "a sidebar", "page 1"), ("images", "low", "one photo", "page 1")]
    assert advice[0].title == "Two columns or a sidebar" == finding_info("two_column").title
    assert advice[0].fix == finding_info("two_column").fix
    assert advice[0].fix.startswith("Rebuild the resume as one column")


def test_formatting_advice_is_empty_for_no_findings_and_for_a_clean_text_resume(jane_index):
    assert formatting_advice([]) == []
    assert formatting_advice(list(jane_index.document.findings)) == []


def test_formatting_advice_for_an_image_only_file_names_the_fix():
    (advice,) = formatting_advice([Finding("image_only", "critical", "no text", "file")])
    assert (advice.code, advice.severity, advice.title) == ("image_only", "critical", "No text layer")
    assert advice.fix == ("Export the original document to PDF (File > Save As > PDF) or Word; "
                          "never upload a scan or a photo.")


# job_title.check_job_title


def test_job_title_found_on_the_line_that_names_it(jane_index):
    title = check_job_title(jane_index, ("Medical Records Technician",), posting=False)
    assert title is not None and title.found
    assert (title.wanted, title.wording, title.line, title.page) == (
        "Medical Records Technician", "Medical Records Technician", 3, 1)
    assert title.message == ("Your resume names the job: 'Medical Records Technician with three years in hospital "
                             "health information.' (page 1).")


def test_job_title_an_alternative_title_counts_and_the_first_is_wanted(index_of):
    index = index_of("JOHN ROE\n\nEXPERIENCE\nHealth Information Technician, City Clinic\n")
    title = check_job_title(index, ("Medical Records Technician", "Health Information Technician"), posting=False)
    assert title is not None and title.found
    assert (title.wanted, title.wording, title.line) == (
        "Medical Records Technician", "Health Information Technician", 2)


def test_job_title_missing_says_whose_title_and_none_without_titles(index_of):
    index = index_of(THIN)
    posting = check_job_title(index, ("Medical Records Technician",), posting=True)
    role = check_job_title(index, ("Medical Records Technician",), posting=False)
    assert posting is not None and not posting.found and posting.line is None and posting.wording is None
    assert posting.message.startswith(
        "The posting's title is 'Medical Records Technician', and your resume does not say it.")
    assert role is not None and role.message.startswith("The usual title for this role is 'Medical Records Technician'")
    assert check_job_title(index, (), posting=False) is None


# readiness.readiness


@pytest.fixture(scope="module")
def jane_checks(jane_index, glossary):  # type: ignore[no-untyped-def]
    return (check_length(jane_index), check_credentials(jane_index, glossary, MRT.requirements, TODAY),
            check_sections(jane_index))


def test_readiness_is_the_weighted_sum_of_its_parts(jane_checks):
    length, credentials, sections = jane_checks
    result = readiness(80, [], [], length, credentials, sections)
    assert result.parts == {"match": 80, "formatting": 100, "profile": 100, "length": 85}  # length: -15 for "short"
    assert result.weights == {"match": 0.5, "formatting": 0.25, "profile": 0.15, "length": 0.1}
    assert result.readiness == 88 and (result.level, result.label) == ("ready", "Ready to send")
    assert result.explanation == ("From keyword match 80, formatting 100 (no problems), credentials, sections and "
                                  "contact 100 (no issues), length 85 (1 page: within the 1-page target)")
    assert result.top_fixes == ()


def test_readiness_an_image_only_file_is_capped_at_10_and_its_fix_leads(jane_checks):
    length, credentials, sections = jane_checks
    advice = formatting_advice([Finding("image_only", "critical", "no text", "file")])
    result = readiness(80, [], advice, length, credentials, sections)
    assert result.parts["formatting"] == 0
    assert result.readiness == 10 and result.level == "unreadable" and result.label == "Could not be read as text"
    assert [(f.kind, f.title) for f in result.top_fixes] == [("formatting", "No text layer")]


def test_readiness_profile_issues_lower_the_profile_part_and_become_fixes(jane_checks, index_of):
    length, credentials, _ = jane_checks
    result = readiness(80, [], [], length, credentials, check_sections(index_of(THIN)))
    assert result.parts["profile"] == 4  # 7 issues: 25 + 3 * 12 + 2 * 5 + 25 = 96 off
    assert result.readiness == 74 and result.level == "almost"
    assert "contact 4 (7 issues)" in result.explanation
    assert [(f.kind, f.title) for f in result.top_fixes] == [
        ("profile", "Add your email address"), ("profile", "Add a standard section"),
        ("profile", "Add your phone number")]


# federal_rules.check_federal


def test_federal_forced_without_a_posting_asks_for_hours_per_week(jane_index):
    result = check_federal(jane_index, None, check_length(jane_index), forced=True)
    assert result.reasons == ("you asked for federal rules",) and result.forced and result.page_limit == 2
    assert [(j.title, j.employer, j.dates, j.missing) for j in result.jobs] == [
        ("Medical Records Technician", "City Hospital", "01/2022 - present", ("hours per week",))]
    assert _codes(result.issues) == ["federal_job_details"]
    assert result.issues[0].message == ("1 of 1 jobs lack details federal HR needs to credit them; the first, Medical "
                                        "Records Technician (01/2022 - present), lacks hours per week.")
    assert result.duties == () and result.paths == ()


def test_federal_a_complete_job_has_no_issues_until_the_resume_is_too_long(index_of):
    index = index_of(FEDERAL_JOB)
    length = check_length(index)
    complete = check_federal(index, None, length, forced=True)
    assert complete.issues == ()
    assert [(j.employer, j.dates, j.missing) for j in complete.jobs] == [
        ("Department of Veterans Affairs", "06/2021 - present", ())]
    too_long = check_federal(index, None, replace(length, pages=3), forced=True)
    assert _codes(too_long.issues) == ["federal_too_long"] and too_long.issues[0].severity == "critical"
    assert too_long.issues[0].message.startswith("3 pages:") and too_long.issues[0].message.endswith("Cut to 2 pages.")


def test_federal_duties_of_the_announcement_are_looked_for_in_the_jobs(index_of):
    posting = read_federal(FEDERAL_POSTING)
    assert posting is not None
    index = index_of(FEDERAL_JOB)
    result = check_federal(index, posting, check_length(index), forced=False)
    assert not result.forced and result.reasons == posting.reasons
    assert [(d.duty, d.shown) for d in result.duties] == [
        ("assigning ICD-10-CM codes to inpatient records", True), ("abstracting data from health records", False),
        ("querying providers to clarify documentation", False)]
    assert result.duties[0].evidence == "- Assigned ICD-10-CM codes to inpatient records."
    assert _codes(result.issues) == ["federal_duty_not_shown"]
    assert result.issues[0].message.startswith("2 of 3 duties")
    assert [(p.path, p.met) for p in result.paths] == [("experience", True)]
