"""Matching with evidence: aliases, word forms, fuzzy, context credit, hidden text."""

import pytest

from jobkit.match.docindex import build_index
from jobkit.model.document import Document, Line
from jobkit.data.keywords import load_glossary, load_role
from jobkit.match.matcher import Matcher
from jobkit.read.assemble import assemble
from jobkit.read.raw import RawDocument
from tests.helpers import text_doc

RESUME = """JANE DOE
jane@example.com

SUMMARY
Medical records technician skilled in electronic medical records and HIPPA compliance.

EXPERIENCE
Health Information Clerk, Central Hospital
- Processed release of information requests for patient records every day.
- Performed chart audits and reviewed records for completeness and accuracy.
- Knowledge of Medical Terminolgy and CPA exam prep (not coding).

SKILLS
Epic, Cerner, data entry, Microsoft Excel

EDUCATION
Associate of Applied Science in Health Information Technology, 2021
"""


@pytest.fixture(scope="module")
def matches(matcher):
    return matcher.match(build_index(text_doc(RESUME)))


def test_electronic_medical_records_matches_ehr_with_evidence(matches):
    evidence = matches["ehr"].evidence[0]
    assert evidence.kind == "alias" and evidence.matched == "electronic medical records"
    assert evidence.section == "summary" and evidence.page == 1
    assert evidence.text[evidence.start : evidence.end] == "electronic medical records"


def test_cpa_does_not_match_cpt_and_rhia_not_rhit(matches):
    assert "cpt" not in matches
    doc = text_doc("SKILLS\nRHIA candidate\n")
    found = Matcher(load_glossary().terms.values()).match(build_index(doc))
    assert "cred-rhia" in found and "cred-rhit" not in found


def test_misspellings_and_fuzzy_matches_are_marked(matches):
    hipaa = matches["hipaa"].evidence[0]
    assert hipaa.kind == "misspelling" and hipaa.matched == "HIPPA" and hipaa.credit < 1.0
    terminology = matches["medical-terminology"].evidence[0]
    assert terminology.kind == "fuzzy" and terminology.matched == "Medical Terminolgy" and terminology.score >= 88


def test_skills_listing_counts_less_than_experience_use(matches):
    assert matches["release-of-information"].evidence[0].credit == 1.0
    assert matches["release-of-information"].evidence[0].section == "experience"
    epic = matches["epic"].evidence[0]
    assert epic.section == "skills" and epic.credit == pytest.approx(0.7)


def test_word_forms_match(matches):
    assert matches["audits"].evidence[0].matched == "chart audits"  # the longer alias wins
    review = matches["record-review"]
    assert {e.matched for e in review.evidence} == {"reviewed records", "completeness and accuracy"}
    assert review.count == 2


def test_degree_terms_match_level_and_field(matches):
    evidence = matches["associate-him"].evidence[0]
    assert evidence.kind == "degree" and evidence.credit == 1.0
    other = text_doc("EDUCATION\nAssociate of Arts in Accounting\n")
    found = Matcher(load_glossary().terms.values()).match(build_index(other))
    assert found["associate-him"].evidence[0].kind == "degree_other_field"
    assert found["associate-him"].credit == pytest.approx(0.4)
    assert "bachelor-him" not in found


def test_terms_wrapped_over_two_lines_still_match():
    doc = text_doc("EXPERIENCE\nMaintained electronic health\nrecords for 300 patients a day.\n")
    found = Matcher(load_glossary().terms.values()).match(build_index(doc))
    assert found["ehr"].evidence[0].matched.startswith("electronic health")


def _doc_with_hidden(text: str) -> Document:
    lines = [Line("EXPERIENCE", 1, styled_heading=True), Line("Processed records requests.", 1), Line(text, 1, hidden=True)]
    raw = RawDocument("pdf", lines, 1, "pdf_page_tree", "exact")
    return assemble(raw, "hidden.pdf")


def test_hidden_text_earns_no_credit():
    doc = _doc_with_hidden("Epic Cerner RHIA CTR ICD-10-CM")
    found = Matcher(load_glossary().terms.values()).match(build_index(doc))
    assert found["epic"].credit == 0.0 and found["epic"].evidence[0].hidden
    assert found["epic"].count == 0


def test_long_bare_lists_count_less():
    doc = text_doc("EXPERIENCE\nEpic, Cerner, HIPAA, CPT, HCPCS, DRG, ROI, EHR, audits\n")
    found = Matcher(load_glossary().terms.values()).match(build_index(doc))
    evidence = found["epic"].evidence[0]
    assert evidence.in_list and evidence.credit == pytest.approx(0.6)


def test_role_matcher_only_reports_role_terms():
    role = load_role("medical-coder")
    found = Matcher(r.term for r in role.requirements).match(build_index(text_doc(RESUME)))
    assert set(found) <= {r.term.id for r in role.requirements}


def test_a_near_spelling_is_searched_once_per_document_for_every_role_set(monkeypatch):
    """The better-role suggestion scores the resume against every shipped role: a misspelling search of the same
    words is the same for each, so a whole check runs it once per distinct form, and still finds the typo."""
    import jobkit.match.matcher as matcher_module
    from jobkit.data.keywords import list_roles
    from jobkit.pipeline import check_document
    from jobkit.match.target import role_target

    searched: list[str] = []
    search = matcher_module._fuzzy_search
    monkeypatch.setattr(matcher_module, "_fuzzy_search", lambda index, key, plain: searched.append(plain)
                        or search(index, key, plain))
    report = check_document(text_doc(RESUME), role_target("medical-records-technician"))
    assert len(list_roles()) > 5 and len(searched) > 20
    assert len(searched) == len(set(searched))
    fuzzy = [m.evidence[0] for m in report.matched if m.evidence[0].kind == "fuzzy"]
    assert [e.matched for e in fuzzy] == ["Medical Terminolgy"]
