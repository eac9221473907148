"""Shared by the data-file tests: a private copy of the shipped keyword files to edit."""

from __future__ import annotations

import shutil

import pytest

from jobkit.data.resources import data_dir


@pytest.fixture
def data_copy(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """A copy of keywords/ under tmp_path, with JOBKIT_DATA_DIR pointing at it; returns the copied folder."""
    target = tmp_path / "keywords"
    shutil.copytree(data_dir("keywords"), target)
    monkeypatch.setenv("JOBKIT_DATA_DIR", str(tmp_path))
    return target
