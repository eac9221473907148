"""Where a batch's results go as they arrive: the cohort totals, a program's pass rates, and the files asked for.

One :class:`BatchWriter` serves ``jobkit batch`` (CSV, JSON lines, per-student
reports, then the summary) and the Batch page (its cohort report from stored
results), so both count and write a result the same way. The rendering itself
is in :mod:`jobkit.output`.
"""

from __future__ import annotations

from typing import IO

from jobkit.batch.cohort import Cohort, RubricTally
from jobkit.data.programs import Program
from jobkit.model.batches import BatchResult
from jobkit.model.cohort_summary import CohortSummary
from jobkit.output.batch_rows import BatchCsv, json_line
from jobkit.output.student_reports import StudentReports


class BatchWriter:
    """Counts every result into the cohort (and the program's tally) and writes it to each output given.

    ``csv`` and ``jsonl`` are open text files; ``reports`` writes one HTML report per resume;
    ``link_rows``: the cohort's rows keep each result's index (the Batch page links the stored report).
    """

    def __init__(self, program: Program | None = None, *, include_contact: bool = False, csv: IO[str] | None = None,
                 jsonl: IO[str] | None = None, reports: StudentReports | None = None, link_rows: bool = False) -> None:
        self.cohort = Cohort(link_rows)
        self.tally = RubricTally(program) if program else None
        self.csv = BatchCsv(csv, program, include_contact) if csv else None
        self.jsonl = jsonl
        self.reports = reports

    def add(self, result: BatchResult) -> None:
        self.cohort.add(result)
        if self.tally:
            self.tally.add(result.rubric, result.file)  # judged in the worker, with the resume's lines
        if self.csv:
            self.csv.write(result)
        if self.jsonl:
            self.jsonl.write(json_line(result) + "\n")
        if self.reports:
            self.reports.add(result)

    @property
    def errors(self) -> int:
        """How many files so far could not be checked."""
        return sum(self.cohort.errors.values())

    def summary(self) -> CohortSummary:
        return self.cohort.summary(rubric=self.tally.summary() if self.tally else None)
