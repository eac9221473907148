"""One batch result as a CSV row and as a JSON line: ``jobkit batch --csv/--jsonl`` and the Batch page's downloads.

The CSV has the columns of ``jobkit check --format csv`` (so the two append to one
spreadsheet) and, for a program's batch, a ``criterion_<id>`` column per criterion and
``rubric_passed``. A JSON line is :func:`jsonable` of the result's :class:`BatchLine`.
"""

from __future__ import annotations

import json
from typing import IO, Any

from jobkit.data.programs import Program
from jobkit.model.batches import NOT_READ, BatchResult
from jobkit.model.rubric_results import RubricResult
from jobkit.model.schema import jsonable
from jobkit.output.csv_format import SafeDictWriter, csv_fields, error_row, report_row


def csv_row(result: BatchResult, include_contact: bool = False) -> dict[str, Any]:
    """One CSV row from a batch result (the same numbers as the report); a scan with no text is an error row."""
    problem = result.problem
    if problem is not None or result.report is None:
        return error_row(result.file, problem or NOT_READ)
    row = report_row(result.report, include_contact)
    row["file"] = result.file
    return row


def criterion_column(criterion: str) -> str:
    return f"criterion_{criterion}"


def criterion_cells(program: Program, rubric: RubricResult | None) -> dict[str, str]:
    """``criterion_<id>``: pass, fail, or empty for a file that could not be checked."""
    cells = {criterion_column(c): "" for c in program.criteria}
    if rubric is not None:
        cells.update({criterion_column(c.id): "pass" if c.passed else "fail" for c in rubric.criteria})
        cells["rubric_passed"] = "yes" if rubric.passed else "no"
    return cells


class BatchCsv:
    """The batch CSV, one row per result; with ``program``, its criteria's columns from each result's rubric.

    Cells are made spreadsheet-safe by :class:`SafeDictWriter`.
    """

    def __init__(self, handle: IO[str], program: Program | None = None, include_contact: bool = False) -> None:
        self.include_contact = include_contact
        self.program = program
        extra = [criterion_column(c) for c in program.criteria] + ["rubric_passed"] if program else []
        self.writer = SafeDictWriter(handle, csv_fields(include_contact) + extra)
        self.writer.writeheader()

    def write(self, result: BatchResult) -> None:
        row = csv_row(result, self.include_contact)
        if self.program is not None:
            row |= criterion_cells(self.program, result.rubric)
        self.writer.writerow(row)


def line_json(result: BatchResult) -> dict[str, Any]:
    """The result's JSON line as a dictionary: file, then its report or its error, then its rubric."""
    return jsonable(result.line)  # type: ignore[no-any-return]


def json_line(result: BatchResult) -> str:
    """One line of ``jobkit batch --jsonl`` (without the newline)."""
    return json.dumps(line_json(result), ensure_ascii=False, separators=(",", ":"))
