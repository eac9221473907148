"""The outcomes CSV an advisor keeps: one row per student, every cell checked (see :mod:`jobkit.batch.outcomes`).

A ``student_id`` or ``file`` column names the student; any of ``interviews``, ``offers``, ``exam_passed``
(yes/no) and ``date`` give the outcome. Headings are matched ignoring case, spaces and a few common other
names (:data:`COLUMNS`); a column jobkit does not use (a name, notes) is ignored. A blank cell is not known,
never zero. A bad row raises :class:`InvalidInput` naming its row (as a spreadsheet numbers it) and column.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from jobkit.batch.term_compare import student_stem
from jobkit.errors import FileTooLarge, InvalidInput
from jobkit.model.outcome_results import Outcome

MAX_ROWS = 20_000  # students in an outcomes file, and lines in a results file
MAX_BYTES = 2 * 1024 * 1024  # an outcomes file
MAX_COUNT = 999  # interviews or offers of one student
# Each field's heading, then the other names it may go by (lower case, spaces and hyphens as "_").
COLUMNS = {
    "student_id": ("student_id", "id", "student", "studentid", "student_number", "student_no"),
    "file": ("file", "filename", "file_name", "resume", "resume_file"),
    "interviews": ("interviews", "interview", "interview_count", "interviews_count", "number_of_interviews"),
    "offers": ("offers", "offer", "job_offers", "offer_count", "offers_count", "number_of_offers"),
    "exam_passed": ("exam_passed", "exam", "passed_exam", "exam_pass", "credential_exam", "credential_exam_passed"),
    "date": ("date", "outcome_date", "as_of", "date_recorded"),
}
OUTCOME_FIELDS = ("interviews", "offers", "exam_passed", "date")
YES = {"yes", "y", "true", "1", "passed", "pass"}
NO = {"no", "n", "false", "0", "failed", "fail", "not passed"}


def _heading(text: str) -> str:
    return re.sub(r"[\s_\-]+", "_", text.strip().casefold()).strip("_")


def _columns(header: list[str], name: str) -> dict[str, int]:
    """Which cell of a row holds each field; a heading jobkit does not know is ignored (a name, notes)."""
    found: dict[str, int] = {}
    for index, text in enumerate(header):
        key = next((f for f, names in COLUMNS.items() if _heading(text) in names), None)
        if key is None:
            continue
        if key in found:
            raise InvalidInput(f"{name}: the columns '{header[found[key]]}' and '{text}' both give {key}; "
                               f"keep one of them.")
        found[key] = index
    shown = ", ".join(f"'{h}'" for h in header if h.strip()) or "nothing"
    if "student_id" not in found and "file" not in found:
        raise InvalidInput(f"{name}: the first row must name the columns, with a 'student_id' column (or a 'file' "
                           f"column with the resume's file name) to match students. It has: {shown}.")
    if not any(f in found for f in OUTCOME_FIELDS):
        raise InvalidInput(f"{name}: no outcome column found. Add at least one of 'interviews', 'offers', "
                           f"'exam_passed' or 'date'. The first row has: {shown}.")
    return found


class _Row:
    """One data row, for messages that name its row number and column heading."""

    def __init__(self, name: str, number: int, cells: list[str], header: list[str], columns: dict[str, int]):
        self.name, self.number, self.cells, self.header, self.columns = name, number, cells, header, columns

    def get(self, key: str) -> str:
        index = self.columns.get(key)
        return self.cells[index].strip() if index is not None and index < len(self.cells) else ""

    def problem(self, key: str, text: str) -> InvalidInput:
        return InvalidInput(f"{self.name}, row {self.number}, column '{self.header[self.columns[key]]}': {text}")


def _count(row: _Row, key: str) -> int | None:
    value = row.get(key)
    if not value:
        return None
    if not re.fullmatch(r"\d{1,3}", value):
        raise row.problem(key, f"'{value}' is not a count. Write a whole number from 0 to {MAX_COUNT}, "
                               f"or leave it blank when you do not know.")
    return int(value)


def _exam(row: _Row) -> bool | None:
    value = row.get("exam_passed").casefold()
    if not value:
        return None
    if value in YES or value in NO:
        return value in YES
    raise row.problem("exam_passed", f"'{row.get('exam_passed')}' is not yes or no. Write yes or no, or leave it "
                                     f"blank when the student has not taken the exam or you do not know.")


def _date(row: _Row) -> str | None:
    value = row.get("date")
    if not value:
        return None
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
    us = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3])).isoformat()
        if us:
            return date(int(us[3]), int(us[1]), int(us[2])).isoformat()
    except ValueError:
        pass
    raise row.problem("date", f"'{value}' is not a date. Write it as 2026-05-31 (year-month-day) or 5/31/2026.")


def _outcome(row: _Row) -> Outcome:
    extra = [c for c in row.cells[len(row.header):] if c.strip()]
    if extra:
        raise InvalidInput(f"{row.name}, row {row.number}: more cells than the first row has column names; "
                           f"look for a stray comma.")
    student, file = row.get("student_id") or None, row.get("file") or None
    if student is None and file is None:
        which = " or ".join(f"'{row.header[row.columns[k]]}'" for k in ("student_id", "file") if k in row.columns)
        raise InvalidInput(f"{row.name}, row {row.number}: {which} is blank. Every row needs the student's id "
                           f"or resume file name.")
    return Outcome(row.number, student, file, _count(row, "interviews"), _count(row, "offers"), _exam(row),
                   _date(row))


def _decoded(data: bytes, name: str) -> str:
    if len(data) > MAX_BYTES:
        raise FileTooLarge(f"{name}: is larger than {MAX_BYTES // (1024 * 1024)} MB. An outcomes file needs one "
                           f"short row per student: remove the columns jobkit does not use, or split it.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(f"{name}: is not UTF-8 text. In your spreadsheet, save it as 'CSV UTF-8'.") from None


def _records(text: str, name: str) -> Iterable[tuple[int, list[str]]]:
    """The CSV's non-blank rows with their row numbers (the first row is 1), at most MAX_ROWS data rows."""
    reader = csv.reader(io.StringIO(text, newline=""))
    number = 0
    try:
        for number, cells in enumerate(reader, 1):
            if number > MAX_ROWS + 1:
                raise InvalidInput(f"{name}: has more than {MAX_ROWS:,} rows. Split it into smaller files.")
            if any(c.strip() for c in cells):
                yield number, cells
    except csv.Error as exc:
        raise InvalidInput(f"{name}, row {number + 1}: cannot be read as CSV ({exc}).") from None


def read_outcomes(data: bytes, name: str) -> tuple[Outcome, ...]:
    """Every row of an outcomes CSV, checked; a bad row raises :class:`InvalidInput` naming its row and column."""
    rows = iter(_records(_decoded(data, name), name))
    first = next(rows, None)
    if first is None:
        raise InvalidInput(f"{name}: is empty. It needs a row of column names, then one row per student.")
    header = first[1]
    columns = _columns(header, name)
    outcomes: list[Outcome] = []
    seen: dict[str, int] = {}
    for number, cells in rows:
        outcome = _outcome(_Row(name, number, cells, header, columns))
        key = student_stem(outcome.file) if outcome.file else "id:" + outcome.name.casefold()
        if key in seen:
            raise InvalidInput(f"{name}, row {number}: '{outcome.name}' is already on row {seen[key]}. Keep one row "
                               f"per student (add up their interviews and offers).")
        seen[key] = number
        outcomes.append(outcome)
    return tuple(outcomes)


def read_outcomes_file(path: str | os.PathLike[str]) -> tuple[Outcome, ...]:
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InvalidInput(f"{path.name}: cannot be read ({exc.strerror or exc}).") from None
    return read_outcomes(data, path.name)
