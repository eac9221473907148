"""Shared by the CLI tests: resume files written where the command can read them."""

from __future__ import annotations

from pathlib import Path


def write_file(tmp_path: Path, name: str, data: bytes) -> str:
    """Write data to tmp_path/name and return the path as the command line takes it."""
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)

