"""Where the shipped data folders are.

In a wheel they live inside the package (``jobkit/_data``); in a source
checkout or an editable install they are the top-level ``keywords/``,
``interview_questions/`` and ``templates/`` folders. ``JOBKIT_DATA_DIR``
points at another folder holding the same sub-folders, for deployments that
add their own roles or question sets.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jobkit.config import setting_value
from jobkit.errors import DataFileError

_PACKAGE = Path(__file__).resolve().parent.parent


def data_dir(name: str) -> Path:
    """The folder for one kind of data file: keywords, interview_questions, templates."""
    override = setting_value("JOBKIT_DATA_DIR")  # read at each use: a deployment or a test may switch folders
    return _folder(override or "", name)


@lru_cache(maxsize=64)
def _folder(override: str, name: str) -> Path:
    """The first of the places a data folder may be that is a folder (looked up once per setting and name)."""
    candidates = [Path(override) / name] if override else []
    candidates += [_PACKAGE / "_data" / name, _PACKAGE.parent / name]
    for folder in candidates:
        if folder.is_dir():
            return folder
    raise DataFileError(f"The {name}/ data folder was not found (looked in {', '.join(str(c) for c in candidates)}).")
