"""How a pasted posting is read: required/preferred cues, headings, years, title and salient terms.

Each test pins a reported misreading of real postings (12 of the 16 corpus postings are federal).
"""

from __future__ import annotations

import time
import tomllib
from pathlib import Path

import pytest

from jobkit import check_resume
from jobkit.match.target import posting_from_file, posting_from_text
from jobkit.match.tokens import tokenize
from jobkit.output.html_format import render_report_html
from jobkit.output.text_format import render_report
from tests.conftest import corpus_files, corpus_path
from tests.helpers import text_doc

LABELS = Path(__file__).resolve().parents[2] / "bench" / "data" / "posting_terms.toml"


def _needs(text: str) -> dict[str, str]:
    return {r.term.id: r.need for r in posting_from_text(text).requirements}


def _acronyms(text: str) -> list[str]:
    return [t.text for t in posting_from_text(text).other_terms if t.kind == "acronym"]


def _key(text: str) -> tuple[str, ...]:
    return tuple(t.norm for t in tokenize(text))


# 1 ------------------------------------------------------------------------------------------------


def test_a_bare_plus_means_and_not_preferred():
    needs = _needs(
        "Medical Coder\n"
        "Certification: RHIT plus either CCS or CIC.\n"
        "Assigns codes plus abstracts records using ICD-10-CM/PCS, CPT and HCPCS.\n"
        "Epic experience is a plus. Cerner would be a big plus. Release of information plus (desired).\n"
    )
    for term in ("cred-rhit", "cred-ccs", "cpt", "hcpcs", "icd-10-cm"):
        assert needs[term] == "required", term
    for term in ("epic", "cerner", "release-of-information"):
        assert needs[term] == "preferred", term


# 2 ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("line", ["CCS required;CPC (desired)", "CCS required; CPC (desired)", "CPC (desired);CCS required"])
def test_a_cue_applies_to_its_own_semicolon_clause(line):
    needs = _needs(f"Medical Coder\n{line}\nHIPAA training.\n")
    assert needs["cred-ccs"] == "required"
    assert needs["cred-cpc"] == "preferred"


def test_a_required_cue_does_not_cross_a_semicolon_either():
    needs = _needs("Medical Coder\nPreferred:\nCCS (required);Epic\nCerner\n")
    assert needs["cred-ccs"] == "required"
    assert needs["epic"] == "preferred"


# 3 ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("heading", ["Preferred", "Preferred Qualifications", "Desired", "Nice to have"])
def test_a_plain_preferred_heading_makes_what_follows_preferred(heading):
    needs = _needs(f"Medical Coder\nRequirements:\nRHIT and HIPAA\n{heading}\nEpic\nCerner\n")
    assert needs["epic"] == "preferred" and needs["cerner"] == "preferred"
    assert needs["cred-rhit"] == "required"


@pytest.mark.parametrize("heading", ["Required", "Minimum Qualifications", "Basic Requirements"])
def test_a_plain_required_heading_ends_a_preferred_block(heading):
    needs = _needs(f"Medical Coder\nPreferred:\nEpic\n{heading}\nCerner\nHIPAA training\n")
    assert needs["epic"] == "preferred"
    assert needs["cerner"] == "required" and needs["hipaa"] == "required"


def test_an_acronym_alone_on_a_line_is_an_item_not_a_heading():
    needs = _needs("Medical Coder\nPreferred:\nEpic\nRHIT\nCerner\n")
    assert needs["cred-rhit"] == "preferred" and needs["cerner"] == "preferred"


def test_items_under_a_plain_heading_are_not_headings():
    # "Epic" and "CCS required" are items, not headings: they neither end nor change the preferred block.
    needs = _needs("Medical Coder\nPreferred\nEpic\nCCS required\nCerner\nBenefits\nHIPAA training\n")
    assert needs["epic"] == "preferred" and needs["cerner"] == "preferred"
    assert needs["cred-ccs"] == "required" and needs["hipaa"] == "required"


# 4 ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "months"), [("three (5) years of coding experience", 60), ("5 (five) years of experience", 60)])
def test_years_in_words_and_digits_take_the_digits(text, months):
    posting = posting_from_text(f"Medical Coder\nRequirements: {text}.\nHIPAA.\n")
    assert [y.months for y in posting.years] == [months]


def test_a_range_of_years_asks_for_its_lower_bound():
    posting = posting_from_text("Medical Coder\nRequirements: 3-5 years of coding experience.\nHIPAA.\n")
    assert [(y.months, y.text) for y in posting.years] == [(36, "3-5 years of coding experience")]


@pytest.mark.parametrize(
    ("text", "months"),
    [("two years of experience", 24), ("2+ years of experience", 24), ("at least one (1) year of experience", 12),
     ("six (6) months of experience", 6), ("3 to 5 years of experience", 36)],
)
def test_common_year_phrasings_still_read(text, months):
    assert [y.months for y in posting_from_text(f"Medical Coder\nRequirements: {text}.\nHIPAA.\n").years] == [months]


# 5 ------------------------------------------------------------------------------------------------


def test_the_title_skips_job_board_chrome():
    posting = posting_from_text(
        "Created at: November 01, 2025 00:02\nJob ID: 4471 - Coder\nApply now https://jobs.example.com/4471\n"
        "Medical Coder II\nWe code outpatient visits in ICD-10-CM and CPT.\n"
    )
    assert posting.title == "Medical Coder II"


def test_the_title_comes_from_the_first_sentence_when_no_line_is_one():
    posting = posting_from_text(
        "Created at: December 20, 2025 00:17\nCompany: Veterans Health Administration\nLocation: Baltimore, MD\n"
        "Job Description:\nThis position is in the Coding Section. The Medical Records Technician (Coder) is "
        "responsible for abstracting medical record data and assigning ICD-10-CM codes.\n"
    )
    assert posting.title == "Medical Records Technician (Coder)"


@pytest.mark.parametrize(
    "name", ["j02_va_mrt_roi_canandaigua_ny.txt", "j03_va_mrt_roi_perry_point_md.txt", "j08_va_mrt_coder_baltimore_md.txt",
             "j11_va_tumor_registrar_altoona_pa.txt", "j12_va_lead_mrt_cancer_registrar.txt"]
)
def test_corpus_titles_are_never_chrome_or_a_sentence(name):
    title = posting_from_file(corpus_path("jobs", name)).title
    assert not title.startswith(("Created at", "Applicants")), title


# 6 ------------------------------------------------------------------------------------------------


def test_capitalised_words_headings_and_the_employer_are_not_acronyms():
    acronyms = _acronyms(
        "CHI Health\nMedical Records Technician\nSKILLS\nEnter patient DATA into the XYZQ registry.\n"
        "DUTIES\nKeep the XYZQ registry current. Release of information and HIPAA.\n"
        "QUALIFICATIONS\nRHIT required.\nAbout CHI Health\nCHI Health serves Nebraska.\n"
    )
    assert acronyms == ["XYZQ"]


def test_reference_numbers_and_health_system_names_are_not_acronyms():
    acronyms = _acronyms(
        "Medical Records Technician (ROI)\nAnnouncement number\nIHS-25-PX-12723590-ESEP/MP\n"
        "This position is at the Central Texas Veterans Health Care System (CTVHCS). Release of information "
        "and HIPAA duties. The QZRT log is kept daily.\n"
    )
    assert acronyms == ["QZRT"]


# 7 ------------------------------------------------------------------------------------------------

FEDERAL = [
    "creditable experience", "specialized experience", "experience and education", "time-in-grade",
    "Career Transition Assistance Plan", "Interagency Career Transition", "Relocation expenses reimbursed",
    "Indian preference", "conditions of employment", "Announcement number", "Pay scale & grade", "Appointment type",
    "Work schedule", "Security clearance", "Drug test", "Position sensitivity and risk", "Trust determination process",
    "Financial disclosure", "Bargaining unit status",
]


def _is_boilerplate(term: str, phrases: list[str]) -> bool:
    key = _key(term)
    for phrase in phrases:
        whole = _key(phrase)
        if any(whole[i : i + len(key)] == key for i in range(len(whole) - len(key) + 1)):
            return True
    return False


def test_federal_boilerplate_is_never_a_salient_term():
    text = "Medical Records Technician\n" + "".join(
        f"{phrase} applies to release of information applicants. {phrase} is reviewed. See {phrase}.\n" for phrase in FEDERAL
    )
    shown = [t.text for t in posting_from_text(text).other_terms]
    assert not [t for t in shown if _is_boilerplate(t, FEDERAL)], shown


@pytest.mark.parametrize("path", corpus_files("jobs", ".txt", ".md"), ids=lambda p: p.name)
def test_no_corpus_posting_shows_its_labelled_boilerplate(path):
    labels = {p["file"]: p for p in tomllib.loads(LABELS.read_text(encoding="utf-8"))["posting"]}
    not_keywords = [k.split(" (")[0] for k in labels[f"jobs/{path.name}"].get("not_keywords", [])]
    shown = [t.text for t in posting_from_file(path).other_terms]
    exact = {_key(k) for k in not_keywords}
    assert not [t for t in shown if _key(t) in exact or _is_boilerplate(t, FEDERAL)], shown


# 8 ------------------------------------------------------------------------------------------------

FEW = "Coordinator\nWe are looking for someone friendly to join our front office team.\nHIPAA training provided.\n"


def test_a_posting_with_few_recognised_terms_says_so():
    posting = posting_from_text(FEW)
    assert posting.few_terms_recognised and len(posting.requirements) < 5
    report = check_resume(text_doc("JANE DOE\nEXPERIENCE\nRelease of information in Epic.\n"), job=FEW)
    record = report.to_record(include_text=True)
    sentence = f"jobkit recognized only {len(posting.requirements)} term"
    assert report.to_dict()["job"]["few_terms_recognised"] is True
    assert sentence in " ".join(render_report(record).split())
    assert sentence in " ".join(render_report_html(record).split())


def test_a_posting_with_enough_terms_does_not():
    posting = posting_from_file(corpus_path("jobs", "j09_va_mrt_coder_op_ip_vamhcs.txt"))
    assert not posting.few_terms_recognised


# the new rules read each line once -------------------------------------------------------------


@pytest.mark.parametrize("unit", ["AB/", "AB12-", "Health Care System ", "The Coder ", "Xy is hiring ", "3-5 (5) years "])
def test_a_long_line_is_read_quickly(unit):
    line = (unit * (40_000 // len(unit) + 1))[:40_000]
    started = time.process_time()
    posting_from_text("Medical Records Technician\nRequirements:\n" + line + "\nRHIT required.\n")
    assert time.process_time() - started < 10.0


def test_terms_given_as_examples_of_what_counts_are_preferred():
    from jobkit.match.target import posting_from_text

    posting = posting_from_text(
        "Medical Records Technician\nBasic Requirements: Experience with release of information.\n"
        "OR, Education: 12 semester hours in health information technology (e.g., courses in medical terminology, "
        "anatomy and physiology, and legal aspects of health care).\n")
    need = {r.term.id: (r.need, r.note) for r in posting.requirements}
    assert need["anatomy-physiology"] == ("preferred", "given as an example of what counts")
    assert need["release-of-information"][0] == "required"


def test_a_term_named_only_in_usajobs_fields_is_not_a_requirement():
    from jobkit.match.target import posting_from_text

    posting = posting_from_text(
        "Health Technician\nSupervisory status: No\nPromotion potential: 07\n"
        "Duties: records vital signs and provides patient care.\n")
    assert "supervision" not in {r.term.id for r in posting.requirements}
    assert "vital-signs" in {r.term.id for r in posting.requirements}
