"""Parsed postings kept by their text's hash (issue 33): the same posting is parsed once per process, the cache is
bounded, and a posting read with other data files is parsed again."""

from __future__ import annotations

from jobkit.match import posting as posting_module
from jobkit.match import target
from jobkit.match.target import POSTING_CACHE_SIZE, posting_from_text

POSTING = ("Health Information Technician. Requirements: RHIT required; 2 years of release of information "
           "experience; Epic; HIPAA; ICD-10-CM coding; medical terminology. Preferred: CCS.")


def test_the_same_posting_is_parsed_once(monkeypatch):
    calls = []
    real = posting_module.parse_posting
    monkeypatch.setattr(posting_module, "parse_posting", lambda document: calls.append(1) or real(document))
    target._POSTINGS.clear()
    first = posting_from_text(POSTING)
    assert posting_from_text(POSTING) is first and posting_from_text(POSTING.encode()) is first
    assert len(calls) == 1
    posting_from_text(POSTING + " Full time.")
    assert len(calls) == 2


def test_the_cache_is_bounded():
    target._POSTINGS.clear()
    for number in range(POSTING_CACHE_SIZE + 5):
        posting_from_text(f"{POSTING} Requisition {number}.")
    assert len(target._POSTINGS) == POSTING_CACHE_SIZE


def test_other_data_files_parse_again(monkeypatch, tmp_path):
    import shutil

    from jobkit.data.resources import data_dir

    target._POSTINGS.clear()
    first = posting_from_text(POSTING)
    copy = tmp_path / "data"
    for folder in ("keywords", "interview_questions", "programs"):
        shutil.copytree(data_dir(folder), copy / folder)
    monkeypatch.setenv("JOBKIT_DATA_DIR", str(copy))
    assert posting_from_text(POSTING) is not first
