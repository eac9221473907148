"""File names replaced by ids in a batch's outputs (``jobkit batch --anonymize-files KEY.csv``).

Career centers often name files after students ("Jane_Doe_resume.pdf"): with contact details removed, the
name still travels in the file column, the JSON lines and the per-student reports. With a key file, every
output names each file ``student-0001``, ``student-0002``, ... in the order the files were checked, and the key
(id, original file) is written to a CSV only the advisor keeps: created new (an existing file is never
overwritten) and readable by its owner only.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from jobkit.errors import InvalidInput
from jobkit.model.batches import BatchResult
from jobkit.output.csv_format import write_private_csv

ID_FORMAT = "student-{:04d}"


class FileIds:
    """The id of each file, given in the order files are first seen."""

    def __init__(self, key_path: str | os.PathLike[str]) -> None:
        self.key_path = Path(key_path)
        if self.key_path.exists():
            raise InvalidInput(f"{self.key_path.name} already exists: give a new file for the key (it is never "
                               "overwritten, so an earlier key is not lost).")
        self.ids: dict[str, str] = {}

    def of(self, file: str) -> str:
        if file not in self.ids:
            self.ids[file] = ID_FORMAT.format(len(self.ids) + 1)
        return self.ids[file]

    def result(self, result: BatchResult) -> BatchResult:
        """``result`` with its file named by its id, in the report too."""
        anonymous = self.of(result.file)
        report = replace(result.report, file=anonymous) if result.report is not None else None
        return replace(result, file=anonymous, report=report)

    def write_key(self) -> Path:
        write_private_csv(self.key_path, ["id", "file"], ({"id": ident, "file": file} for file, ident in self.ids.items()))
        return self.key_path
