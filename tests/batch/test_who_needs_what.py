"""A career center's cohort, student by student (issue 32): which students fail each criterion with their evidence,
each student's next three things, the table sorted and filtered, the same student across formats, pass-rate
changes only among students in both terms, file names replaced by ids, and the same zip given twice."""

from __future__ import annotations

import csv
import json
import zipfile

import pytest

from jobkit.batch.anonymize import FileIds
from jobkit.batch.cohort import table_view, view_rows
from jobkit.batch.inputs import count_inputs, repeated_inputs
from jobkit.batch.outputs import BatchWriter
from jobkit.batch.rubric import evaluate
from jobkit.batch.term_compare import Entry, Run, compare_runs, student_key
from jobkit.cli.commands import cli
from jobkit.data.programs import load_program
from jobkit.errors import InvalidInput
from jobkit.model.batches import BatchResult
from jobkit.model.schema import jsonable
from jobkit.pipeline import check_resume
from tests.batch.test_programs import EXAMPLE, STUDENT

NO_RHIT = STUDENT.replace("RHIT eligible, ", "")


def _result(index: int, name: str, text: str, program) -> BatchResult:
    report = check_resume(text.encode(), role=program.role, filename=name, target_pages=program.target_pages)
    record = report.to_record()
    return BatchResult(index, name, record, rubric=evaluate(program, report.to_record(include_text=True)))


@pytest.fixture(scope="module")
def cohort():
    program = load_program(EXAMPLE)
    writer = BatchWriter(program, link_rows=True)
    for index, (name, text) in enumerate((("jane.txt", STUDENT), ("john.txt", NO_RHIT), ("ana.txt", NO_RHIT))):
        writer.add(_result(index, name, text, program))
    return writer.summary()


def test_each_criterion_names_the_students_failing_it_with_their_evidence(cohort):
    failing = {c.id: c.failing for c in cohort.rubric.criteria}
    credentials = next(c for c in cohort.rubric.criteria if c.failing and "jane.txt" not in c.failing)
    assert set(credentials.failing) >= {"john.txt", "ana.txt"}
    row = next(r for r in cohort.rows if r.file == "john.txt")
    assert {f.id for f in row.failed} == {c for c, files in failing.items() if "john.txt" in files}
    assert all(f.evidence for f in row.failed)
    data = jsonable(cohort)  # summary.json and the web cohort JSON
    assert any(c["failing"] for c in data["rubric"]["criteria"])


def test_each_student_gets_three_next_things_rubric_failures_first(cohort):
    row = next(r for r in cohort.rows if r.file == "john.txt")
    assert 1 <= len(row.next_steps) <= 3
    first_failed = row.failed[0]
    label = next(c.label for c in cohort.rubric.criteria if c.id == first_failed.id)
    assert row.next_steps[0].startswith(label)


def test_the_table_is_sorted_and_filtered_and_bad_values_fall_back(cohort):
    failing = next(c for c in cohort.rubric.criteria if c.failing)
    view = table_view({"sort": "file", "failing": failing.id}, cohort)
    rows = view_rows(cohort.rows, view.sort, view.failing, view.level)
    assert [r.file for r in rows] == sorted(failing.failing, key=str.lower)
    odd = table_view({"sort": "drop table", "failing": "nope", "level": "<script>"}, cohort)
    assert (odd.sort, odd.failing, odd.level) == ("score", "", "")


def test_the_same_student_across_formats_and_rates_only_for_students_in_both():
    assert student_key("fall/Jane_Doe.docx") == student_key("spring/jane_doe.PDF") == "jane_doe"
    old, new = Run("fall.jsonl", labels={"contact": "Contact"}), Run("spring.jsonl", labels={"contact": "Contact"})
    for run, files in ((old, ("jane.docx", "john.docx")), (new, ("jane.pdf", "ana.pdf", "li.pdf", "mo.pdf"))):
        for file in files:
            run.add(Entry(file, score=50, readiness=50, criteria={"contact": file.startswith("jane")
                                                                  and run is new}))
    comparison = compare_runs(old, new)
    assert comparison.matched == 1 and comparison.only_new == ("ana.pdf", "li.pdf", "mo.pdf")
    contact = comparison.criteria[0]
    assert (contact.old_total, contact.new_total, contact.old_passed, contact.new_passed) == (1, 1, 0, 1)


def test_file_names_become_ids_and_the_key_is_kept_apart(tmp_path):
    ids = FileIds(tmp_path / "key.csv")
    program = load_program(EXAMPLE)
    result = ids.result(_result(0, "Jane_Doe_resume.txt", STUDENT, program))
    assert result.file == "student-0001" and result.report.file == "student-0001"
    assert "Jane_Doe" not in json.dumps(jsonable(result.report))
    key = ids.write_key()
    assert list(csv.DictReader(key.open())) == [{"id": "student-0001", "file": "Jane_Doe_resume.txt"}]
    assert oct(key.stat().st_mode & 0o777) == "0o600"
    with pytest.raises(InvalidInput):
        FileIds(key)  # an existing key is never overwritten


def test_the_same_zip_twice_is_one_cohort_and_the_bar_has_a_total(tmp_path, runner):
    archive = tmp_path / "class.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("jane.txt", STUDENT)
        zipped.writestr("john.txt", NO_RHIT)
    assert repeated_inputs([str(archive), str(tmp_path / "." / "class.zip")]) == [str(tmp_path / "." / "class.zip")]
    assert count_inputs([str(archive), str(archive)]) == 2
    result = runner.invoke(cli, ["batch", str(archive), str(archive), "--workers", "1", "--csv", str(tmp_path / "o.csv")])
    assert result.exit_code == 0, result.output
    assert "Checked 2 of 2 files" in result.output and "given more than once" in result.output
