"""Terms real postings screen for that the parser missed, senses both ways, and role sets for the jobs students
get now (issue 29, items 3-5)."""

from __future__ import annotations


import pytest

from jobkit.data.keywords import _parse_role, list_roles, load_glossary
from jobkit.errors import DataFileError
from jobkit.match.target import posting_from_text
from tests.conftest import broken_data


def ids(line: str) -> set[str]:
    posting = posting_from_text("Office Clerk\nRequired:\n- " + line + "\n- Filler words for the length here.\n")
    return {r.term.id for r in posting.requirements}


@pytest.mark.parametrize("line, term", [
    ("Processes requests for release of health information.", "release-of-information"),
    ("Provides customer care to patients on the phone.", "customer-service"),
    ("Enter information into the electronic record.", "data-entry"),
    ("Prepares monthly reports and the annual report.", "statistical-reports"),
    ("Supports ACoS accreditation of the cancer program.", "cancer-accreditation"),
    ("Word processing and spreadsheets.", "word-processing"),
    ("Works DNFB accounts daily.", "dnfb"),
    ("Risk adjustment coding with HCC and RAF scores using the CMS-HCC model.", "risk-adjustment"),
    ("Certified Risk Adjustment Coder (CRC) required.", "cred-crc"),
    ("CCDS certification; writes physician queries.", "cred-ccds"),
    ("Casefinding, abstracting and follow-up per NAACCR standards.", "casefinding"),
    ("Casefinding, abstracting and follow-up per NAACCR standards.", "registry-standards"),
    ("Maintains electronic and digital medical records.", "ehr"),  # a coordination: electronic [and digital] medical records
])
def test_posting_forms_are_read(line, term):
    assert term in ids(line)


def test_senses_both_ways():
    assert "vital-signs" not in ids("Maintains vital records and statistics for the county registrar.")
    assert "vital-signs" in ids("Takes vitals and blood pressure for each patient.")
    assert "healthcare-compliance" not in ids("Ensures compliance of aircraft maintenance records with FAA rules.")
    assert "healthcare-compliance" in ids("Ensures compliance with HIPPA for every request.")  # a misspelt context word counts
    assert "insurance-claims" in ids("Processes health plan claims and checks member eligibility and benefits.")
    assert "customer-service" not in ids("Works in the Patient Services building on the second floor.")
    # a coordination counts once: no second match of the same words
    posting = posting_from_text("Office Clerk\nRequired:\n- Keeps paper and electronic health records.\n- Filler words here.\n")
    assert next(r for r in posting.requirements if r.term.id == "ehr").mentions == 1


def test_role_sets_for_the_jobs_students_get_now():
    roles = {role.id: role for role in list_roles()}
    assert {"remote-medical-coder", "risk-adjustment-coder", "cdi-specialist"} <= set(roles)
    assert {"casefinding", "registry-standards"} <= {r.term.id for r in roles["cancer-registrar"].requirements}
    assert "cred-crc" in load_glossary().terms  # scored now, not only recognised
    coding = posting_from_text("Inpatient Coder\nRequired:\n- Codes inpatient records with ICD-10-CM, ICD-10-PCS and "
                               "CPT.\n- CCS required.\n- Medical terminology and anatomy.\n- MS-DRG assignment.\n")
    assert coding.closest_role not in ("risk-adjustment-coder", "remote-medical-coder")  # it names neither
    remote = posting_from_text("Remote Coder\nRequired:\n- Work from home coding ICD-10-CM and CPT.\n- CPC required."
                               "\n- 95% coding accuracy and charts per day.\n- Secure home office.\n")
    assert remote.closest_role == "remote-medical-coder"


def test_a_defining_term_a_role_does_not_list_names_file_and_field(tmp_path):
    folder = broken_data(tmp_path, "keywords", "risk-adjustment-coder.toml", 'defining = ["risk-adjustment"',
                         'defining = ["cancer-staging"')
    from jobkit.data.keywords import _load_glossary

    with pytest.raises(DataFileError) as error:
        _parse_role(folder / "risk-adjustment-coder.toml", _load_glossary(folder))
    assert "risk-adjustment-coder.toml" in str(error.value) and "defining" in str(error.value)
