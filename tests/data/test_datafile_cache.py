"""The JSON cache of parsed data files: used when sound, a miss for anything planted, never shared.

The attacks are those of another local user on a shared JOBKIT_CACHE_DIR:
each test learns the entry's name from a first load, then plants something.
"""

import logging
import os
import stat
import subprocess
import sys

import pytest

import jobkit.data.datafile as datafile
from jobkit.data.datafile import load_toml
from jobkit.errors import DataFileError


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("JOBKIT_CACHE_DIR", str(folder))
    monkeypatch.delenv("JOBKIT_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def role(tmp_path):
    path = tmp_path / "role.toml"
    path.write_text('name = "Real"\n', encoding="utf-8")
    return path


def _entry(cache, role):
    """The one cache entry a first load writes."""
    assert load_toml(role) == {"name": "Real"}
    entries = list(cache.iterdir())
    assert len(entries) == 1
    return entries[0]


def _count_parses(monkeypatch):
    calls = []
    real = datafile._parse
    monkeypatch.setattr(datafile, "_parse", lambda *args: calls.append(1) or real(*args))
    return calls


def test_a_warm_load_parses_nothing_and_an_edit_is_read(cache, role, monkeypatch):
    parses = _count_parses(monkeypatch)
    assert load_toml(role) == {"name": "Real"} and load_toml(role) == {"name": "Real"}
    assert len(parses) == 1
    role.write_text('name = "Second one"\n', encoding="utf-8")
    assert load_toml(role) == {"name": "Second one"} and len(parses) == 2


def test_an_edit_that_keeps_the_size_and_time_is_read(cache, role):
    _entry(cache, role)
    before = role.stat()
    role.write_text('name = "Evil"\n', encoding="utf-8")  # same length as "Real"
    os.utime(role, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert load_toml(role) == {"name": "Evil"}


def test_new_folder_and_entries_are_private(cache, role):
    entry = _entry(cache, role)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600


def test_an_altered_entry_is_a_miss(cache, role):
    entry = _entry(cache, role)
    entry.write_bytes(entry.read_bytes().replace(b"Real", b"Evil"))
    assert load_toml(role) == {"name": "Real"}


@pytest.mark.parametrize("planted", [b"[" * 100_000 + b"]" * 100_000, b"{not json", b"", b"\xff\xfe"])
def test_a_broken_or_deeply_nested_entry_is_a_miss(cache, role, planted):
    entry = _entry(cache, role)
    entry.write_bytes(planted)
    assert load_toml(role) == {"name": "Real"}


def test_a_symlink_at_the_temporary_name_is_never_followed(cache, role, tmp_path):
    entry = _entry(cache, role)
    entry.unlink()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    temporary = cache / f"{entry.name[:-len('.json')]}.{os.getpid()}.tmp"
    temporary.symlink_to(victim)
    assert load_toml(role) == {"name": "Real"}
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert temporary.is_symlink() and not entry.exists()


def test_a_symlink_at_the_entry_is_not_read(cache, role, tmp_path, monkeypatch):
    entry = _entry(cache, role)
    planted = tmp_path / "planted.json"
    planted.write_bytes(entry.read_bytes())
    entry.unlink()
    entry.symlink_to(planted)
    parses = _count_parses(monkeypatch)
    assert load_toml(role) == {"name": "Real"} and len(parses) == 1


LOAD = "from pathlib import Path; from jobkit.data.datafile import load_toml; print(load_toml(Path({path!r})))"


def test_a_fifo_at_the_entry_does_not_block(cache, role):
    entry = _entry(cache, role)
    entry.unlink()
    os.mkfifo(entry)
    # A child process, so a load that blocks on the FIFO is killed instead of hanging the suite.
    try:
        done = subprocess.run([sys.executable, "-c", LOAD.format(path=str(role))], capture_output=True, text=True,
                              env=dict(os.environ), timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("loading a data file blocked on a FIFO planted in the cache")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "{'name': 'Real'}"


def test_a_folder_others_can_write_to_is_not_used(cache, role, caplog):
    entry = _entry(cache, role)
    entry.write_bytes(entry.read_bytes().replace(b"Real", b"Evil"))
    cache.chmod(0o777)
    with caplog.at_level(logging.WARNING, logger="jobkit.data"):
        assert load_toml(role) == {"name": "Real"}
        entry.unlink()
        assert load_toml(role) == {"name": "Real"}
    assert list(cache.iterdir()) == []
    warnings = [r.getMessage() for r in caplog.records if r.name == "jobkit.data"]
    assert len(warnings) == 1
    assert f"not using the data-file cache {cache}: other users can write to it (mode 777" in warnings[0]
    assert "JOBKIT_CACHE_DIR" in warnings[0] and "\n" not in warnings[0]


def test_a_folder_of_another_user_is_not_used(cache, role, caplog, monkeypatch):
    cache.mkdir(mode=0o700)
    someone_else = os.getuid() + 1
    monkeypatch.setattr(os, "getuid", lambda: someone_else)
    with caplog.at_level(logging.WARNING, logger="jobkit.data"):
        assert load_toml(role) == {"name": "Real"}
    assert list(cache.iterdir()) == []
    assert any(f"{cache}: it belongs to another user (user id {someone_else - 1})" in r.getMessage()
               for r in caplog.records)


def test_cache_can_be_turned_off(cache, role, monkeypatch):
    monkeypatch.setenv("JOBKIT_NO_CACHE", "1")
    assert load_toml(role) == {"name": "Real"}
    assert not cache.exists()


def test_unwritable_cache_falls_back_to_parsing(tmp_path, role, monkeypatch):
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    monkeypatch.setenv("JOBKIT_CACHE_DIR", str(blocker / "cache"))
    assert load_toml(role) == {"name": "Real"}


def test_deeply_nested_toml_is_a_data_file_error_naming_the_file(cache, tmp_path):
    deep = tmp_path / "medical-coder.toml"
    deep.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_toml(deep)
    assert caught.value.message == ("medical-coder.toml: arrays or tables are nested too deeply to read; "
                                    "a data file needs only a few levels.")


def test_a_data_file_that_is_not_utf8_is_a_data_file_error(cache, tmp_path):
    latin = tmp_path / "medical-coder.toml"
    latin.write_bytes('name = "Coder \u00e9"\n'.encode("latin-1"))
    with pytest.raises(DataFileError) as caught:
        load_toml(latin)
    assert caught.value.message == "medical-coder.toml: not UTF-8 text; save it as UTF-8."
