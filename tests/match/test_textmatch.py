"""Normalisation rules: spelling variants meet, different words stay apart."""

import pytest

from jobkit.match.tokens import is_acronym, phrase_key, stem


@pytest.mark.parametrize(
    "variants",
    [
        ("ICD-10", "ICD 10", "ICD10", "icd-10"),
        ("ICD-10-CM", "ICD 10 CM", "ICD10CM", "ICD-10 CM"),
        ("RHIT", "R.H.I.T.", "rhit", "R.H.I.T"),
        ("anatomy & physiology", "Anatomy and Physiology", "anatomy and  physiology"),
        ("medical records", "Medical Record", "medical-records"),
        ("release of information", "Release Of Information"),
        ("detail-oriented", "detail oriented"),
        ("audits", "audit", "auditing", "audited"),
        ("coding", "coded", "codes", "code"),
        ("scanning", "scanned", "scan"),
        ("queries", "query"),
        ("EHRs", "EHR"),
        ("CPC-A", "CPCA"),
        ("associate's degree", "associate degree"),
    ],
)
def test_variants_normalise_to_the_same_key(variants):
    keys = {phrase_key(v) for v in variants}
    assert len(keys) == 1, keys


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("CPT", "CPA"),
        ("RHIA", "RHIT"),
        ("manager", "management"),
        ("authorization", "authority"),
        ("Excel", "excellence"),
        ("InForm", "information"),
        ("timely", "time"),
        ("transcription", "transcripts"),
        ("analytics", "analytical"),
        ("appointments", "appointed"),
        ("CPC-A", "CPC"),
        ("CCS-P", "CCS"),
    ],
)
def test_different_words_stay_different(a, b):
    assert phrase_key(a) != phrase_key(b)


def test_stemmer_keeps_short_words_and_numbers():
    assert stem("his") == "his" and stem("2020") == "2020" and stem("diagnosis") == "diagnosis"
    assert stem("billing") == "bill" and stem("processes") == "process" and stem("status") == "status"


def test_acronyms_are_recognised():
    assert is_acronym("CPT") and is_acronym("EHRs") and is_acronym("ICD-10")
    assert not is_acronym("Epic") and not is_acronym("medical terminology")
