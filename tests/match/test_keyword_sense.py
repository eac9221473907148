"""Keyword results a job seeker can trust: one term per thing, one span per term, words in their sense.

Each test is one class of error seen on real resumes (issue: keyword trust), written as
the smallest resume line that shows it.
"""

from __future__ import annotations

import shutil

import pytest

from jobkit import check_resume
from jobkit.data.keywords import load_glossary
from jobkit.data.resources import data_dir
from jobkit.errors import DataFileError
from jobkit.match.docindex import build_index
from jobkit.match.matcher import Matcher
from tests.helpers import text_doc


def found(matcher: Matcher, body: str, section: str = "EXPERIENCE") -> set[str]:
    """Term ids credited in a one-section resume."""
    text = f"JANE DOE\njane@example.com\n\n{section}\n{body}\n"
    return {term_id for term_id, match in matcher.match(build_index(text_doc(text))).items() if match.credit > 0}


# 1. One term is one thing a posting can ask for.
@pytest.mark.parametrize(("line", "term", "not_terms"), [
    ("- Submitted insurance claims to Medicare and commercial payers.", "insurance-claims", {"medical-billing", "reimbursement"}),
    ("- Handled medical billing for a dermatology clinic.", "medical-billing", {"insurance-claims", "reimbursement"}),
    ("- Worked denials and wrote appeals to payers.", "denial-management", {"medical-billing"}),
    ("- Led a quality improvement project on discharge summaries.", "quality-improvement", {"quality-assurance"}),
    ("- Registered patients and verified insurance at the front desk of the ER.", "patient-registration", {"admission-discharge"}),
])
def test_merged_concepts_are_split(matcher, line, term, not_terms):
    ids = found(matcher, line)
    assert term in ids and not ids & not_terms


def test_split_terms_keep_a_related_link():
    terms = load_glossary().terms
    assert "insurance-claims" in terms["medical-billing"].related
    assert "quality-assurance" in terms["quality-improvement"].related


# 2. One span, one term: the longest wins.
def test_a_longer_term_takes_the_words_of_a_shorter_one(matcher):
    ids = found(matcher, "- Skilled in Electronic Medical Record and Health Information Management systems.")
    assert "ehr" in ids and "patient-records" not in ids


def test_the_same_words_naming_two_terms_credit_both(matcher):
    ids = found(matcher, "- Coded inpatient charts in ICD-10-CM/PCS.")
    assert {"icd-10-cm", "icd-10-pcs"} <= ids


# 3. Words in their sense.
@pytest.mark.parametrize(("line", "term"), [
    ("- Wrote annotated bibliographies, abstracts, literature reviews and papers.", "abstracting"),
    ("- Enforced dress code compliance for the floor staff.", "healthcare-compliance"),
    ("- Ensured compliance with service level agreements for IT tickets.", "healthcare-compliance"),
    ("- Prepared patients for CT scans and MRI scans.", "scanning-indexing"),
    ("- Scanned orders to totes in the warehouse.", "scanning-indexing"),
    ("- Prepared financial auditing reports for the CPA firm.", "audits"),
    ("- I excel in a fast-paced environment.", "excel"),
    ("- Checked crash code carts every shift.", "medical-coding"),
    ("- Work authorization: CPT (Curricular Practical Training) on an F-1 visa.", "cpt"),
    ("- Member of the cancer committee preparing for Commission on Cancer (CoC) accreditation.", "cred-coc"),
])
def test_a_word_in_another_sense_is_not_credited(matcher, line, term):
    assert term not in found(matcher, line)


@pytest.mark.parametrize(("line", "term"), [
    ("- Abstracted cancer cases into the tumor registry.", "abstracting"),
    ("- Ensured compliance with HIPAA and CMS documentation rules.", "healthcare-compliance"),
    ("- Scanned and indexed paper records into the EHR.", "scanning-indexing"),
    ("- Performed coding audits of 50 charts a month.", "audits"),
    ("- Built pivot tables in Excel and Access.", "excel"),
    ("- Assigned CPT and HCPCS codes to outpatient encounters.", "cpt"),
    ("- Certified Outpatient Coder (COC), AAPC, 2024.", "cred-coc"),
    ("- Cancer committee member; prepared the CoC accreditation survey.", "cancer-accreditation"),
])
def test_the_same_word_in_its_domain_sense_is_credited(matcher, line, term):
    assert term in found(matcher, line)


def test_a_typo_counts_only_beside_health_information_words(matcher):
    assert "medical-terminology" in found(matcher, "- Coded charts in ICD-10-CM using my medical terminolgy course.")
    assert "medical-terminology" not in found(matcher, "- Enjoys terminolgy puzzles on weekends.", section="INTERESTS")


# 4. Aliases no broader than the term.
@pytest.mark.parametrize(("line", "term"), [
    ("- Coded with the International Classification of Diseases, Ninth Revision (ICD-9).", "icd-10-cm"),
    ("- Greeted customers and restocked shelves.", "customer-service"),
    ("- Handled requests from the regional office.", "customer-service"),
    ("- Documented vital signs in medical records.", "patient-records"),
    ("- Kept aviation maintenance record keeping up to date.", "patient-records"),
])
def test_a_broad_alias_does_not_credit_the_term(matcher, line, term):
    assert term not in found(matcher, line)


def test_him_wording_credits_patient_records(matcher):
    assert "patient-records" in found(matcher, "- Maintained and retrieved patient medical records for the HIM department.")


# 5. Vocabulary a posting asks for.
@pytest.mark.parametrize(("line", "term"), [
    ("- Coded diagnoses in ICD-9-CM before the 2015 transition.", "icd-9-cm"),
    ("- Certified Inpatient Coder (CIC)", "cred-cic"),
    ("- Reconciled charge capture for the emergency department.", "charge-capture"),
    ("- Cut the DNFB backlog by 30%.", "revenue-cycle"),
    ("- Sent physician queries for the CDI program.", "cdi"),
    ("- Coded with the 3M CodeFinder and Optum EncoderPro.", "encoder"),
    ("- Coded in TruCode.", "encoder"),
    ("- Processed requests in CPRS and VistA Imaging.", "va-ehr"),
    ("- Abstracted data in the Federal EHR (Oracle Health).", "cerner"),
    ("- Released records through Datavant (formerly Ciox).", "roi-software"),
    ("- Complied with HIPAA privacy rules when releasing records.", "healthcare-compliance"),
])
def test_missing_vocabulary_is_known(matcher, line, term):
    assert term in found(matcher, line)


def test_a_misspelled_excel_is_credited_and_flagged(matcher):
    match = matcher.match(build_index(text_doc("JANE DOE\n\nSKILLS\nExcell, Word, Outlook\n")))["excel"]
    assert match.evidence[0].kind == "misspelling"


# 7. Exact wording: an alias match says to use the posting's words.
def test_an_alias_match_advises_the_postings_own_words():
    resume = b"JANE DOE\njane@example.com\n\nEXPERIENCE\n- Entered patient data into the EMR every day.\n"
    posting = "Medical Records Technician\nRequired: experience with an EHR system and HIPAA."
    report = check_resume(resume, filename="r.txt", job=posting)
    ehr = next(m for m in report.matched if m.requirement.term.id == "ehr")
    assert ehr.credit == 1.0  # the same thing: no credit lost
    assert any("The posting says 'EHR'" in note and "'EMR'" in note for note in ehr.notes)


def test_the_postings_own_words_need_no_note():
    resume = b"JANE DOE\njane@example.com\n\nEXPERIENCE\n- Entered patient data into the EHR every day.\n"
    report = check_resume(resume, filename="r.txt", job="Medical Records Technician\nRequired: EHR experience and HIPAA.")
    ehr = next(m for m in report.matched if m.requirement.term.id == "ehr")
    assert not any("The posting says" in note for note in ehr.notes)


# Context rules are data, checked on load.
@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    target = tmp_path / "keywords"
    shutil.copytree(data_dir("keywords"), target)
    monkeypatch.setenv("JOBKIT_DATA_DIR", str(tmp_path))
    load_glossary.cache_clear() if hasattr(load_glossary, "cache_clear") else None
    return target


def test_a_context_rule_on_an_unknown_form_names_the_field(data_copy):
    glossary = data_copy / "_glossary.toml"
    text = glossary.read_text(encoding="utf-8").replace(
        'context = [{ forms = ["abstract", "abstracts", "abstracted"]', 'context = [{ forms = ["abstrakt"]', 1)
    glossary.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=r"_glossary.toml: field 'abstracting.context\[0\].forms' names 'abstrakt'"):
        load_glossary()


# Degrees read as a recruiter reads them.
def _degrees(body: str) -> list:
    from jobkit.match.education import find_degrees

    return find_degrees(build_index(text_doc(f"JANE DOE\n\nEDUCATION\n{body}\n")))


@pytest.mark.parametrize("line", ["BS IN COMPUTER SCIENCE", "B.F.A. in Graphic Design", "B.Tech, Computer Science",
                                  "B.E. in Computer Science"])
def test_bachelor_degrees_in_their_usual_forms(line):
    assert [d.level for d in _degrees(line)] == ["bachelor"]


def test_a_state_after_a_comma_is_not_a_degree():
    assert _degrees("State University Boston, MA") == []
    assert [d.level for d in _degrees("MA in Health Informatics, 2019")] == ["master"]


def test_a_degree_not_yet_earned_is_shown_at_half_credit():
    degrees = _degrees("University of La Verne, La Verne, CA   Expected Graduation: June 2030\nBachelor of Arts, Health Information Management")
    assert degrees and degrees[0].expected
    resume = (b"JANE DOE\njane@example.com\n\nEDUCATION\nAssociate of Applied Science in Health Information Technology\n"
              b"Expected May 2099\n")
    report = check_resume(resume, filename="r.txt")
    degree = next(m for m in report.matched if m.requirement.term.id == "associate-him")
    assert degree.evidence[0].kind == "degree_expected" and degree.credit == 0.5
    assert any("not finished yet" in note for note in degree.notes)


def _found(text: str) -> set[str]:
    report = check_resume(("JANE DOE\n\nEXPERIENCE\n" + text).encode(), filename="r.txt")
    return {m.requirement.term.id for m in report.matched}


def test_a_phrase_never_spans_two_sentences_or_clauses():
    assert "release-of-information" not in _found("Managed the clinic's release. Information requests went elsewhere.")
    assert "data-entry" not in _found("Checked every data; entry was done by others")
    assert "release-of-information" not in _found("- Approved each release\n- Information desk coverage")


def test_a_phrase_still_reads_across_a_wrapped_line_and_dotted_abbreviations():
    assert "release-of-information" in _found("Processed release of\ninformation requests for patients")
    assert "release-of-information" in _found("Processed release\n  of information requests: 40 a day")
    assert "data-entry" in _found("Data entry. Scanning.")
