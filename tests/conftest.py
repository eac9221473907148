"""Shared fixtures: the real-resume corpus and a CLI runner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("JOBKIT_CORPUS", ROOT.parent / "shared" / "corpus")).resolve()


def corpus_path(*parts: str) -> Path:
    """Path into the corpus; skips the test with the reason when it is absent."""
    path = CORPUS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"corpus file {path} not found (set JOBKIT_CORPUS to the corpus folder)")
    return path


def broken_data(tmp_path: Path, folder: str, file: str, old: str, new: str) -> Path:
    """A copy of a shipped data folder with one text replaced in one file: for tests that a mistake in a data
    file stops the load with an error naming the file and the field."""
    import shutil

    from jobkit.data.resources import data_dir

    copy = tmp_path / folder
    shutil.copytree(data_dir(folder), copy)
    path = copy / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {file}: the test no longer breaks it"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return copy


def corpus_files(folder: str, *suffixes: str) -> list[Path]:
    """Every file in a corpus folder (for parametrize); empty when the corpus is absent."""
    base = CORPUS / folder
    if not base.is_dir():
        return []
    return sorted(
        p for p in base.rglob("*")
        if p.is_file() and not p.name.startswith(("SOURCES", "README")) and (not suffixes or p.suffix in suffixes)
    )


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the data-file cache and the batch database of the test run out of the user's home and the checkout."""
    os.environ["JOBKIT_CACHE_DIR"] = str(tmp_path_factory.mktemp("jobkit-cache"))
    # Module- and session-scoped servers (the browser tests) start before any test's own database is set.
    os.environ["JOBKIT_DATABASE"] = str(tmp_path_factory.mktemp("jobkit-db") / "jobkit.sqlite3")


@pytest.fixture(autouse=True)
def _private_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test's web app and batch queue get a database of their own: never ./instance in the checkout,
    never the database a developer's JOBKIT_DATABASE names."""
    monkeypatch.setenv("JOBKIT_DATABASE", str(tmp_path / "jobkit.sqlite3"))


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus folder {CORPUS} not found (set JOBKIT_CORPUS)")
    return CORPUS


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
