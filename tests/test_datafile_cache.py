"""The JSON cache of parsed data files: used when fresh, ignored when stale or broken."""

import os
import time

from jobkit.data.datafile import _cache_file, load_toml


def test_cache_is_used_refreshed_and_survives_corruption(tmp_path, monkeypatch):
    monkeypatch.setenv("JOBKIT_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "role.toml"
    data.write_text('name = "First"\n', encoding="utf-8")
    assert load_toml(data) == {"name": "First"}
    cached = _cache_file(data)
    assert cached is not None and cached.exists()
    time.sleep(0.01)
    data.write_text('name = "Second one"\n', encoding="utf-8")
    os.utime(data, ns=(time.time_ns(), time.time_ns()))
    assert load_toml(data) == {"name": "Second one"}
    _cache_file(data).write_text("{not json", encoding="utf-8")
    assert load_toml(data) == {"name": "Second one"}


def test_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("JOBKIT_NO_CACHE", "1")
    data = tmp_path / "role.toml"
    data.write_text('name = "X"\n', encoding="utf-8")
    assert _cache_file(data) is None and load_toml(data) == {"name": "X"}


def test_unwritable_cache_falls_back_to_parsing(tmp_path, monkeypatch):
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    monkeypatch.setenv("JOBKIT_CACHE_DIR", str(blocker / "cache"))
    data = tmp_path / "role.toml"
    data.write_text('name = "X"\n', encoding="utf-8")
    assert load_toml(data) == {"name": "X"}
