"""The accuracy benchmark: its metric functions, and that its label files fit the corpus."""

from __future__ import annotations

import pytest

from bench.accuracy import auc, labelled_files, load_labels, name_forms, name_match, prf
from tests.conftest import CORPUS, corpus_path


def test_auc_perfect_inverted_and_ties():
    assert auc([3, 4], [1, 2]) == 1.0
    assert auc([1], [2, 3]) == 0.0
    assert auc([2], [2]) == 0.5
    # 5 beats 1 and ties 5; 3 beats 1 and loses to 5: (1 + 0.5 + 1 + 0) / 4
    assert auc([5, 3], [1, 5]) == pytest.approx(0.625)


def test_auc_needs_both_classes():
    assert auc([], [1, 2]) is None
    assert auc([1], []) is None


def test_prf_counts_and_zero_cases():
    assert prf(8, 2, 2) == pytest.approx((0.8, 0.8, 0.8))
    assert prf(0, 0, 0) == (None, None, None)
    precision, recall, f1 = prf(0, 0, 3)  # nothing predicted, three missed
    assert precision is None and recall == 0.0 and f1 == 0.0
    precision, recall, f1 = prf(0, 2, 0)  # only false alarms
    assert precision == 0.0 and recall is None and f1 == 0.0
    assert prf(1, 0, 0) == (1.0, 1.0, 1.0)


def test_name_forms_and_match():
    assert name_forms("Certified Medical Assistant (CMA)") == ["Certified Medical Assistant (CMA)",
                                                               "Certified Medical Assistant", "CMA"]
    assert name_match("ncci EDITS", ["NCCI edits", "HIPAA"]) == "NCCI edits"
    assert name_match("Vital signs (truncated)", ["vital signs"]) == "vital signs"
    assert name_match("Medical terminolgy", ["Medical terminology"]) == "Medical terminology"
    assert name_match("Patient intake", ["Patient care", "Intake forms"]) is None


def test_label_files_parse_and_agree():
    concepts, relevance, terms = load_labels()
    ids = set(concepts["concepts"])
    files = labelled_files(concepts)
    assert len(files) == len(set(files)) == 49
    for resume in concepts["resume"]:
        present = set(resume.get("present", {}))
        absent = set(resume.get("absent", {}).get("ids", []))
        assert present | absent == ids and not present & absent, resume["file"]
    for posting in relevance["posting"]:
        assert set(posting["grades"]) == set(files), posting["file"]
        assert all(grade in (0, 1, 2, 3) for grade in posting["grades"].values())
    for posting in terms["posting"]:
        assert all(term["level"] in ("required", "preferred") for term in posting["terms"]), posting["file"]


def test_every_labelled_file_is_in_the_corpus():
    if not CORPUS.is_dir():
        pytest.skip(f"corpus folder {CORPUS} not found (set JOBKIT_CORPUS)")
    concepts, relevance, terms = load_labels()
    for name in labelled_files(concepts):
        assert corpus_path(name).is_file()
    for posting in relevance["posting"] + terms["posting"]:
        assert corpus_path(posting["file"]).is_file()
