"""The credential check: one synthetic case per rule, and real resumes."""

import pytest

from jobkit import read_resume
from jobkit.pipeline import check_document
from jobkit.checks.credentials import check_credentials
from jobkit.match.docindex import build_index
from jobkit.data.keywords import load_glossary
from jobkit.match.target import posting_target, role_target
from tests.checks.conftest import TODAY
from tests.conftest import corpus_path
from tests.helpers import text_doc


def creds(text: str, role: str = "medical-records-technician") -> object:
    return check_credentials(build_index(text_doc(text)), load_glossary(), role_target(role).requirements, TODAY)


def found(result: dict) -> dict[str, str]:
    return {row.acronym: row.status for row in result.found}


def codes(result: dict) -> list[str]:
    return [issue.code for issue in result.issues]


@pytest.mark.parametrize(
    "text",
    ["Jane Doe, RHIT\n", "Jane Doe, R.H.I.T.\n", "CERTIFICATIONS\nRegistered Health Information Technician (RHIT)\n",
     "CERTIFICATIONS\nRegistered Health Information Technician\n"],
)
def test_rhit_is_found_by_acronym_dots_or_full_name_including_the_name_line(text):
    result = creds(text + "\nEDUCATION\nAssociate of Applied Science in Health Information Technology\n")
    assert found(result) == {"RHIT": "held"}
    row = result.found[0]
    assert row.issuer == "AHIMA" and "associate degree" in row.requires and row.renewal == "20 CEUs every 2 years"


@pytest.mark.parametrize(
    "phrase", ["RHIT eligible", "RHIT exam scheduled June 2027", "RHIT (expected 2027)", "Pursuing RHIT", "RHIT candidate"]
)
def test_in_progress_is_told_from_held(phrase):
    assert found(creds(f"CERTIFICATIONS\n{phrase}\n")) == {"RHIT": "in_progress"}


def test_cpc_a_is_an_apprentice_leading_to_cpc():
    result = creds("CERTIFICATIONS\nCPC-A (AAPC)\n", role="medical-coder")
    assert found(result) == {"CPC-A": "apprentice"}
    assert result.found[0].leads_to == "CPC"
    assert {row.id: row.status for row in result.target}["coding-certification"] == "in_progress"


def test_misspelt_credential_gets_a_suggestion():
    result = creds("CERTIFICATIONS\nRHTI\n")
    issue = next(i for i in result.issues if i.code == "misspelt_credential")
    assert issue.found == "RHTI" and issue.suggestion == "RHIT"
    assert "did you mean RHIT" in issue.message


@pytest.mark.parametrize("text", ["CPC (AHIMA)", "AHIMA CPC", "CPC - issued by AHIMA", "CTR (AAPC)"])
def test_wrong_issuing_body_is_flagged(text):
    result = creds(f"CERTIFICATIONS\n{text}\n", role="medical-coder")
    issue = next(i for i in result.issues if i.code == "wrong_issuer")
    assert "not AHIMA" in issue.message or "not AAPC" in issue.message


@pytest.mark.parametrize("text", ["CPC (AAPC)", "RHIT, CPC (AAPC)", "AAPC CPC"])
def test_right_issuing_body_is_not_flagged(text):
    assert "wrong_issuer" not in codes(creds(f"CERTIFICATIONS\n{text}\n", role="medical-coder"))


def test_credentials_without_the_degree_they_require_are_noted_gently():
    rhit = creds("Jane Doe, RHIT\n\nEDUCATION\nHigh School Diploma\n")
    issue = next(i for i in rhit.issues if i.code == "degree_mismatch")
    assert issue.severity == "low" and "employer will ask" in issue.message
    rhia = creds("Jane Doe, RHIA\n\nEDUCATION\nAssociate of Science in Health Information Technology\n")
    assert "bachelor" in next(i for i in rhia.issues if i.code == "degree_mismatch").message
    ok = creds("Jane Doe, RHIA\n\nEDUCATION\nBachelor of Science in Health Information Management\n")
    assert "degree_mismatch" not in codes(ok)


def test_expired_credentials_and_renewal_reminders():
    result = creds("CERTIFICATIONS\nCPC (AAPC), expires 03/2024\nRHIT, AHIMA, 2019\n", role="medical-coder")
    assert "expired_credential" in codes(result)
    assert any(r.startswith("RHIT: 20 CEUs every 2 years (AHIMA). Earned 2019") for r in result.reminders)


def test_other_vendors_credentials_are_not_taken_for_him_ones():
    result = creds("CERTIFICATIONS\nCitrix CCA | Cisco CCNA\n")
    assert "CCA" not in found(result)


def test_vague_claims_and_other_credentials():
    result = creds("SUMMARY\nCoder. Certified in\nICD-9 and ICD-10.\n\nCERTIFICATIONS\nCPR Certified\n")
    kinds = {c.text: c.kind for c in result.claims}
    assert kinds["Certified in ICD-9 and ICD-10"] == "vague"
    assert kinds["CPR Certified"] == "other"


def test_comparison_with_a_posting():
    posting = "Medical Records Technician\nRequirements: RHIT required. CCS preferred. HIPAA.\n"
    target = posting_target(posting)
    report = check_document(text_doc("Jane Doe, RHIT\n\nCERTIFICATIONS\nCCS exam scheduled 2027\n"), target, today=TODAY)
    rows = {row.id: (row.need, row.status) for row in report.checks.credentials.target}
    assert rows["cred-rhit"] == ("required", "held")
    assert rows["cred-ccs"] == ("preferred", "in_progress")
    ccs = next(m for m in report.matched if m.requirement.term.id == "cred-ccs")
    assert ccs.credit == 0.5 and any("counts half" in n for n in ccs.notes)


def test_livecareer_coding_specialist_credentials_are_found():
    doc = read_resume(corpus_path("resumes", "pdf_livecareer_coding_specialist_mislabeled.pdf"))
    result = check_document(doc, role_target("medical-coder")).checks.credentials
    claim = next(c for c in result.claims if "ICD-10" in c.text)
    assert claim.text.startswith("Certified in ICD-9 and ICD-10") and claim.kind == "vague"
    assert {row.id: row.status for row in result.target}["coding-certification"] == "missing"


def test_livecareer_health_information_specialist_rhit_pending_is_in_progress():
    doc = read_resume(corpus_path("resumes", "pdf_livecareer_health_information_specialist.pdf"))
    result = check_document(doc, role_target("medical-records-technician")).checks.credentials
    assert found(result)["RHIT"] == "in_progress"
