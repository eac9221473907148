"""Shared by the outcomes tests: a program batch's results as JSON lines, and an outcomes CSV to join to them.

Two resumes are checked once (Jane passes every criterion of the example program, John fails most); the
batch's lines are copies of them under other file names, so the tests know each student's verdicts.
"""

from __future__ import annotations

import json
from functools import lru_cache

from jobkit.batch.program_setup import program_target
from jobkit.batch.runs import check_one
from jobkit.config import Limits
from jobkit.model.batches import BatchError, BatchLine
from jobkit.model.schema import jsonable
from tests.batch.conftest import JANE_AFTER, JOHN_BEFORE, PROGRAM

PASSING = [f"class/S100{n}.pdf" for n in range(1, 7)]  # Jane's resume, six times
FAILING = [f"S200{n}.docx" for n in range(1, 7)]  # John's, six times
BROKEN = "broken.pdf"

# S1001-S1005 by id, S1006 by file name with another extension and case; S2001-S2005 and broken: no interview;
# S2006 has no row (no outcome on file); S9999 names no resume of the batch.
OUTCOMES_CSV = """\
Student ID,File,Interview Count,Job Offers,Exam Passed,Date,Notes
S1001,,2,1,yes,2027-06-01,
s1002,,1,0,Yes,6/2/2027,
S1003,,3,1,no,,
S1004,,1,,,,
S1005,,1,1,yes,,
,s1006.DOCX,1,0,,,
S2001,,0,0,no,,
S2002,,0,0,,,
S2003,,0,,,,
S2004,,0,0,no,,
S2005,,0,0,,,
,broken.txt,0,,,,
S9999,,4,1,yes,,
"""


@lru_cache(maxsize=1)
def checked() -> tuple[dict, dict]:
    """Jane's and John's lines as ``jobkit batch --program --jsonl`` writes them (checked once per test run)."""
    target = program_target(PROGRAM)
    lines = []
    for name, text in (("jane.txt", JANE_AFTER), ("john.txt", JOHN_BEFORE)):
        kind, (record, rubric) = check_one(text.encode(), name, target.batch_target(), False, Limits(), target.program)
        assert kind == "ok" and rubric is not None
        lines.append(jsonable(BatchLine(name, record, None, rubric)))
    return lines[0], lines[1]


def results_jsonl(passing: list[str] = PASSING, failing: list[str] = FAILING, broken: bool = True) -> str:
    jane, john = checked()
    lines = [{**jane, "file": f} for f in passing] + [{**john, "file": f} for f in failing]
    if broken:
        lines.append(jsonable(BatchLine(BROKEN, error=BatchError("corrupt_document", "The PDF is damaged."))))
    return "".join(json.dumps(line) + "\n" for line in lines)
