"""The match score: weights, bands, determinism, stuffing, real resumes."""

import pytest

from jobkit.pipeline import check_document, check_resume
from jobkit.match.scoring import BANDS, SCORING_VERSION, band_for
from jobkit.match.target import role_target
from tests.conftest import corpus_path
from tests.helpers import text_doc

MRT = "medical-records-technician"

GOOD = """JANE DOE, RHIT
jane@example.com | (512) 555-0147

SUMMARY
Registered Health Information Technician with three years maintaining electronic health records in Epic,
HIPAA compliance and release of information.

EXPERIENCE
Medical Records Technician, Central Hospital
- Maintained patient records and entered data into the EHR with 99% accuracy.
- Reviewed records for completeness and accuracy and ran monthly chart audits.
- Processed release of information requests and protected patient confidentiality.
- Assigned ICD-10-CM and CPT codes and worked with physicians and nurses on documentation.
- Applied medical terminology and anatomy and physiology to abstract diagnoses.

EDUCATION
Associate of Applied Science in Health Information Technology (CAHIIM-accredited), 2021

SKILLS
Data entry, scanning and indexing, Microsoft Office, communication, organized, detail-oriented
"""


def test_a_tailored_resume_scores_in_a_good_band():
    report = check_document(text_doc(GOOD), role_target(MRT))
    assert report.score >= 65
    assert report.band.name in ("good", "strong")
    assert {c.category for c in report.categories} == {"hard_skill", "software", "credential", "education", "knowledge", "soft_skill"}
    matched = {m.requirement.term.id for m in report.matched}
    assert {"ehr", "hipaa", "cred-rhit", "associate-him", "release-of-information"} <= matched


def test_scores_are_deterministic_and_versioned():
    target = role_target(MRT)
    first = check_document(text_doc(GOOD), target).to_dict()
    second = check_document(text_doc(GOOD), role_target(MRT)).to_dict()
    assert first == second
    assert first["scoring_version"] == SCORING_VERSION


def test_missing_terms_come_most_important_first_with_advice():
    report = check_document(text_doc("JANE DOE\nEXPERIENCE\nAnswered phones.\n"), role_target(MRT))
    weights = [m.requirement.weight * (1.5 if m.requirement.need == "required" else 1) * (2 if m.requirement.term.core else 1)
               for m in report.missing]
    assert weights == sorted(weights, reverse=True)
    assert all(m.advice for m in report.missing)
    assert report.score < 25 and report.band.name == "poor"


def test_repetition_does_not_buy_score_and_is_flagged():
    once = check_document(text_doc(GOOD), role_target(MRT))
    stuffed = check_document(text_doc(GOOD + "\nHIPAA " * 1 + "HIPAA HIPAA HIPAA HIPAA HIPAA HIPAA HIPAA HIPAA HIPAA HIPAA HIPAA\n" * 3),
                             role_target(MRT))
    assert stuffed.score == once.score
    assert any(f.code == "keyword_stuffing" for f in stuffed.findings)


def test_skills_only_terms_are_explained():
    report = check_document(text_doc("JANE DOE\nSKILLS\nEpic\n"), role_target(MRT))
    epic = next(m for m in report.matched if m.requirement.term.id == "epic")
    assert epic.credit == pytest.approx(0.7)
    assert any("Only listed" in note for note in epic.notes)


@pytest.mark.parametrize(("score", "band"), [(100, "strong"), (80, "strong"), (79, "good"), (65, "good"), (64, "partial"),
                                             (45, "partial"), (44, "weak"), (25, "weak"), (24, "poor"), (0, "poor")])
def test_band_boundaries(score, band):
    assert band_for(score).name == band
    assert len(BANDS) == 5


def test_real_him_resumes_score_clearly_higher_than_nurse_and_chef():
    scores = {
        name: check_resume(corpus_path("resumes", f"pdf_livecareer_{name}.pdf"), role=MRT).score
        for name in ("medical_record_technician", "health_information_specialist", "negative_registered_nurse",
                     "negative_sous_chef")
    }
    for him in ("medical_record_technician", "health_information_specialist"):
        for other in ("negative_registered_nurse", "negative_sous_chef"):
            assert scores[him] >= scores[other] + 15, scores


def test_report_json_has_the_promised_fields():
    data = check_document(text_doc(GOOD), role_target(MRT)).to_dict()
    for key in ("scoring_version", "score", "role", "matched", "missing", "categories", "findings"):
        assert key in data
    assert data["role"]["id"] == MRT
    first = data["matched"][0]
    assert {"term", "category", "evidence"} <= set(first)
    assert first["evidence"][0]["section"] in {"summary", "experience", "education", "skills", "contact"}
