"""Mojibake (UTF-8 read as Windows-1252) is repaired before matching, and still reported."""

import io
import json

import pytest

import jobkit
from jobkit import read_resume
from jobkit.read.bullets import BULLET
from jobkit.read.textnorm import clean_line, collapse_spaces, normalize_text, repair_mojibake, strip_unreadable

from tests.builders import new_docx
from tests.conftest import corpus_path

GARBLED = (
    "JANE DOE\n"
    "jane@example.com\n"
    "\n"
    "SKILLS\n"
    "ICD-10, CPT/HCPCSÂ coding, & medical terminology\n"
    "\n"
    "EXPERIENCE\n"
    "Medical Coder, Mercy Hospital, 2019 - 2024\n"
    "â€¢ Coded charts for Medicareâ€™s outpatient claims with CPT and HCPCS Level II codes\n"
)

CLEAN = (
    "José Núñez\n"
    "jose@example.com\n"
    "\n"
    "EXPERIENCE\n"
    "Medical Records Technician — Café Clinic, São Paulo\n"
    "• Kept “complete” charts; it’s résumé-ready, naïve to none\n"
    "ÂNGULO CÂMARA, AT&T &amp; co, MAÇÃ\n"
    "Certiﬁed coder\u00a0(RHIT)\n"
)

# Every LiveCareer export in the corpus whose raw text carries "Â", "â€" or "ï¼".
LIVECAREER_GARBLED = [
    "pdf_livecareer_coding_specialist_mislabeled.pdf",
    "pdf_livecareer_er_admitting_qa.pdf",
    "pdf_livecareer_hospital_physician_billing.pdf",
    "pdf_livecareer_medical_billing_claims.pdf",
    "pdf_livecareer_medical_record_technician.pdf",
    "pdf_livecareer_negative_registered_nurse.pdf",
    "pdf_livecareer_negative_sous_chef.pdf",
    "pdf_livecareer_practice_manager_hit_coding_cert.pdf",
]


def _garbage(text: str) -> bool:
    return any(mark in text for mark in ("Â", "â€", "ï¼", "Ã©"))


def test_text_resume_reads_back_clean():
    doc = read_resume(GARBLED.encode("utf-8"), "resume.txt")
    texts = [line.text for line in doc.lines]
    assert "ICD-10, CPT/HCPCS coding, & medical terminology" in texts
    bullet = next(t for t in texts if "Coded charts" in t)
    assert bullet.startswith("• Coded charts") and BULLET.match(bullet)
    assert "Medicare's outpatient claims" in bullet  # normalize_text folds the repaired ’ to '
    assert not any(_garbage(t) for t in texts)


def test_encoding_finding_is_still_raised_on_the_raw_text():
    doc = read_resume(GARBLED.encode("utf-8"), "resume.txt")
    finding = next(f for f in doc.findings if f.code == "encoding_garbage")
    assert finding.count >= 2  # "â€¢" and "â€™": what an ATS that does not repair shows


def test_check_matches_hcpcs_without_fuzziness_and_shows_no_garbage():
    report = jobkit.check_resume(GARBLED.encode("utf-8"), role="medical-coder", filename="resume.txt")
    data = report.to_dict()
    matched = {m["id"]: m for m in data["matched"]}
    for term in ("cpt", "hcpcs"):
        assert term in matched
        kinds = {e["kind"] for e in matched[term]["evidence"]}
        assert "fuzzy" not in kinds and kinds <= {"exact", "alias"}, (term, kinds)
    assert "exact" in {e["kind"] for e in matched["cpt"]["evidence"]}
    skills = [e for e in matched["hcpcs"]["evidence"] if e["section"] == "skills"]
    assert skills and skills[0]["text"] == "ICD-10, CPT/HCPCS coding, & medical terminology"
    evidence = [e["text"] for m in data["matched"] for e in m["evidence"]]
    assert evidence and not any(_garbage(t) for t in evidence)
    assert "encoding_garbage" in {f["code"] for f in data["findings"]}
    assert "â€" not in json.dumps(data["matched"], ensure_ascii=False)


def test_clean_resume_is_unchanged_by_the_repair():
    for raw in CLEAN.splitlines():
        assert repair_mojibake(raw) == raw
        text, unreadable = strip_unreadable(normalize_text(raw))
        assert clean_line(raw) == (collapse_spaces(text), unreadable)
    doc = read_resume(CLEAN.encode("utf-8"), "resume.txt")
    assert "encoding_garbage" not in doc.finding_codes()
    assert "ÂNGULO CÂMARA, AT&T &amp; co, MAÇÃ" in [line.text for line in doc.lines]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        # LiveCareer: U+FF0D lost its last byte
        ("Company Name ï¼\u200b City , State", "Company Name － City , State"),
        ("Company Name â€\u201c City", "Company Name - City"),  # en dash
        ("Worked the sautÃ© and fry stations.", "Worked the sauté and fry stations."),
        ("Â· Reviewed records", "· Reviewed records"),
        ("write-offs.Â Â Â", "write-offs."),
        ("abilityÂ toÂ addressÂ the Â barriers", "ability to address the barriers"),
        ("â€\u2039", ""),  # a zero-width space, and nothing else
        ("FORMAÇÃO ACADÊMICA", "FORMAÇÃO ACADÊMICA"),
    ],
)
def test_line_repair(raw, clean):
    assert clean_line(raw)[0] == clean


def test_docx_paragraphs_are_repaired_and_reported():
    document = new_docx()
    for text in ("JANE DOE", "SKILLS", "CPT/HCPCSÂ coding", "EXPERIENCE", "â€¢ Coded Medicareâ€™s charts"):
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    doc = read_resume(buffer.getvalue(), "resume.docx")
    texts = [line.text for line in doc.lines]
    assert "CPT/HCPCS coding" in texts and "• Coded Medicare's charts" in texts
    assert "encoding_garbage" in doc.finding_codes()


@pytest.mark.parametrize("name", LIVECAREER_GARBLED)
def test_livecareer_exports_read_clean_and_are_still_flagged(name):
    doc = read_resume(corpus_path("resumes", name))
    garbled = [line.text for line in doc.lines if _garbage(line.text)]
    assert not garbled
    assert "encoding_garbage" in doc.finding_codes()


def test_livecareer_hcpcs_skill_line_is_clean():
    doc = read_resume(corpus_path("resumes", "pdf_livecareer_coding_specialist_mislabeled.pdf"))
    assert "ICD-10, CPT/HCPCS coding, & medical terminology" in [line.text for line in doc.lines]
