"""Proofreading and impact (issue 30): the misspelt field term, the line written twice, the missing name, walls of
text, "I" and duty openers; bullets that show a result, and the measures this field's employers screen on."""

from __future__ import annotations

import shutil

import pytest

from jobkit import check_resume
from jobkit.batch.rubric import evaluate
from jobkit.checks.impact import shows_outcome
from jobkit.data.programs import parse_program
from jobkit.data.resources import data_dir
from jobkit.errors import DataFileError
from jobkit.output.csv_format import report_row
from jobkit.output.html_format import render_report_html
from jobkit.output.text_format import render_report
from jobkit.read import read_resume
from tests.conftest import broken_data, corpus_path

RESUME = """MEDICAL RECORD TECHNICIAN
maria.lopez@example.org 512-555-0134 Austin, TX
SUMMARY
Release of information specialist who follows HIPPA and state law for every request.
EXPERIENCE
Voluenteer Floor Host, St. Mary Hospital, 01/2018 - 12/2019
- Responsible for greeting visitors and answering the phone at the front desk.
Release of Information Specialist, Baylor Scott & White, 01/2020 - 12/2024
- Processed 45 release-of-information requests a day within a 5-day turnaround.
- Composed and drafted all outgoing correspondence and reports for managers.
- Composed and drafted all outgoing correspondence and reports for managers.
- Scanned and indexed loose documents into the EHR for the HIM department.
EDUCATION
Associate of Applied Science in Health Information Technology, Austin Community College, 2019
"""


def report(text: str = RESUME):
    return check_resume(read_resume(text.encode(), "resume.txt"))


def test_what_a_careful_advisor_flags_first():
    proof = report().checks.proofreading
    misspelt = {m.word: m for m in proof.misspellings}
    assert misspelt["HIPPA"].suggestion == "HIPAA" and misspelt["HIPPA"].field_term
    assert misspelt["Voluenteer"].suggestion == "Volunteer" and not misspelt["Voluenteer"].field_term
    # never a false alarm on names, employers, places or field words
    assert not {"Lopez", "Baylor", "Scott", "Austin", "EHR", "HIM"} & set(misspelt)
    assert [d.text for d in proof.duplicate_lines] == ["Composed and drafted all outgoing correspondence and reports for managers."]
    assert proof.name_missing  # a job title is not a name
    assert proof.weak_openers and "Responsible for" in proof.weak_openers[0]


def test_the_contact_reader_never_takes_a_job_title_for_the_name():
    assert report().to_record().contact.name is None
    named = report("Maria Lopez\n" + RESUME)
    assert named.to_record().contact.name == "Maria Lopez" and not named.checks.proofreading.name_missing


def test_impact_counts_bullets_with_a_result_and_suggests_measures_without_inventing_numbers():
    impact = report().checks.impact
    assert impact.bullets == 5 and impact.with_outcome == 1
    assert "45 release-of-information requests" in impact.examples[0]
    assert any("scanned and indexed" in m for m in impact.measures)  # the work of the bullets without a number
    assert not any(ch.isdigit() for m in impact.measures for ch in m.replace("30-day", ""))
    assert shows_outcome("Coded 80 outpatient charts a day at 96% accuracy")
    assert not shows_outcome("Worked in Unit 1 of the hospital since 2019")  # a label and a year are not results


def test_a_long_paragraph_without_bullets_is_a_wall():
    wall = " ".join(["Reviewed charts for completeness and coded outpatient encounters for the clinic."] * 14)
    proof = report(f"Maria Lopez\nmaria@example.org 512-555-0134\nSUMMARY\n{wall}\nEXPERIENCE\nCoder, Clinic, 2020-2024\n").checks.proofreading
    assert proof.walls and proof.walls[0].section == "summary" and proof.walls[0].words >= 120


def test_every_interface_shows_proofreading_and_impact():
    record = report().to_record()
    fixes = [f.title for f in record.summary.top_fixes]
    assert "Put your name at the top" in fixes
    text = render_report(record)
    assert "Proofreading:" in text and "\"HIPPA\" should be \"HIPAA\"" in text and "Impact: 1 of 5" in text
    assert "If you know it, add" in text
    page = render_report_html(record)
    assert 'id="proofreading-h"' in page and 'id="impact-h"' in page
    row = report_row(record)
    assert "HIPPA -> HIPAA" in row["misspellings"] and row["name_missing"] == "yes" and row["bullets_with_outcome"] == 1
    data = report().to_dict()["checks"]
    assert {"word", "suggestion", "line"} <= set(data["proofreading"]["misspellings"][0])
    assert {"bullets", "with_outcome", "examples"} <= set(data["impact"])


def test_a_program_rubric_can_turn_proofreading_on(tmp_path):
    folder = tmp_path / "programs"
    shutil.copytree(data_dir("programs"), folder)
    path = folder / "example-him-associate.toml"
    program = parse_program(path)  # the example turns it on
    assert "proofreading" in program.criteria
    result = evaluate(program, report().to_record()).get("proofreading")
    assert not result.passed and "'HIPPA' should be 'HIPAA'" in result.evidence


def test_the_strongest_corpus_him_resume():
    path = corpus_path("resumes/pdf_livecareer_medical_record_technician.pdf")
    proof = check_resume(path).checks.proofreading
    assert {m.word for m in proof.misspellings} >= {"HIPPA", "Voluenteer"}
    assert proof.duplicate_lines and proof.name_missing and proof.walls[0].section == "summary"


def test_a_bad_measure_names_file_and_field(tmp_path):
    from jobkit.data.proofreading_rules import _load

    folder = broken_data(tmp_path, "keywords", "_proofreading.toml", 'shown_by = ["dnfb"', 'shown_by = ["no-such-term"')
    with pytest.raises(DataFileError) as error:
        _load(folder)
    assert "_proofreading.toml" in str(error.value) and "shown_by" in str(error.value)


def test_template_bullets_and_tenure_are_not_results_and_measures_fit_the_work_shown():
    billing = ("Jo Park\njo@example.org 512-555-0134\nEXPERIENCE\nBilling Specialist, Valley Clinic, 2019 - 2024\n"
               "- Submitted insurance claims to Medicare and commercial payers and worked denied claims.\n"
               "- Responsible for ...\n- Over 8 years of experience in medical billing.\n")
    checked = report(billing).checks
    assert any(i.code == "unfinished_bullet" for i in checked.proofreading.issues)
    assert checked.impact.with_outcome == 0  # a career's length is not a result
    measures = " ".join(checked.impact.measures)
    assert "claims" in measures and "scanned" not in measures and "coded" not in measures
    assert shows_outcome("Maintained 3K+ active charts for the clinic")


def test_a_duty_repeated_inside_a_run_on_line_is_written_twice_but_numbered_lines_are_not():
    resume = ("Jo Park\njo@example.org 512-555-0134\nEXPERIENCE\nCashier, Store, 2019 - 2020\n"
              "- Ask for and/or offered customer rewards card to all customers.\nCashier, Store, 2017 - 2018\n"
              "Handled returns Asked for and/or offered customer rewards card to all customers Greeted customers\n"
              "AWARDS\n2018 Finalist, DEFCON 26th CTF Hacking Competition World Final\n"
              "2017 Finalist, DEFCON 25th CTF Hacking Competition World Final\n")
    duplicates = report(resume).checks.proofreading.duplicate_lines
    assert [d.text for d in duplicates] == ["Ask for and/or offered customer rewards card to all customers."]


TENSES = """Maria Lopez
maria.lopez@example.org 512-555-0134 Austin, TX
EXPERIENCE
Release of Information Specialist, Baylor Scott & White, 01/2020 - 12/2024
- Processed release-of-information requests for attorneys and insurers.
- Accurately maintains the request log and the accounting of disclosures.
- Scanned and indexed loose documents into the EHR.
HIM Clerk, St. Mary Hospital, 01/2025 - Present
- Maintains the chart-tracking log.
- Reduced the loose-paper backlog in the first month.
Intake Clerk, Seton Clinic, 01/2018 - 12/2019
- Experienced in front-desk work; scheduled appointments for four physicians.
- Verified insurance eligibility before each visit.
"""


def test_a_past_job_that_changes_tense_is_named_and_a_current_one_is_not():
    proof = report(TENSES).checks.proofreading
    assert [(c.job, c.past, c.present, c.past_bullets, c.present_bullets) for c in proof.tense_changes] == [
        ("Release of Information Specialist", "Processed release-of-information requests for attorneys",
         "Accurately maintains the request log", 2, 1)]
    issue = next(i for i in proof.issues if i.code == "tense_change")
    assert "Release of Information Specialist" in issue.message and "past tense" in issue.message
    assert "tense" not in render_report(report(RESUME).to_record()).lower()  # one tense in each past job: silence


def test_tense_reads_the_first_verb_and_says_nothing_about_words_it_does_not_know():
    from jobkit.checks.tense import tense_of
    assert tense_of("- Coded 80 outpatient charts a day") == "past"
    assert tense_of("• Led the scanning project") == "past"
    assert tense_of("Efficiently processes requests") == "present"
    assert tense_of("- Filing loose reports") == "present"
    assert tense_of("- Experienced in Epic") is None  # an adjective
    assert tense_of("- Lead engineer on the project") is None  # a noun here: silence
    assert tense_of("- Records management") is None  # not a verb the rules know
    assert tense_of("TRAINING: Trained 2 Medical Technicians") == "past"  # the label is not the verb
    assert tense_of("Worked: 60.") is None  # "Weekly Hrs. Worked: 60." is a label and a number


def test_the_tense_table_is_validated_on_load(tmp_path):
    from jobkit.data.proofreading_rules import _load
    folder = broken_data(tmp_path, "keywords", "_proofreading.toml", "irregular_past = [", "irregular_pasts = [")
    with pytest.raises(DataFileError) as error:
        _load(folder)
    assert "_proofreading.toml" in str(error.value) and "irregular_past" in str(error.value)
