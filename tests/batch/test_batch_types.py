"""The multi-resume layer on types: the stored target, stored results and JSON lines read back through
from_jsonable, one error shape for web and batch workers, one writer for every output, no rendering in batch/."""

import ast
import io
import json
import sqlite3
from pathlib import Path

import pytest

from jobkit import isolation
from jobkit.batch.cohort import Cohort
from jobkit.batch.outputs import BatchWriter
from jobkit.batch.runs import check_one
from jobkit.batch.term_compare import Run, compare_runs, run_from_results
from jobkit.batch.rubric import evaluate
from jobkit.batch.store import BatchStore
from jobkit.pipeline import check_resume
from jobkit.config import Limits
from jobkit.data.programs import load_program
from jobkit.errors import EmptyDocument, InternalError, JobkitError, WorkerFailed
from jobkit.model.batches import BatchError, BatchLine, BatchResult, BatchTarget
from jobkit.model.rubric_results import PracticumResult, RubricResult, TermsResult, ThresholdResult
from jobkit.model.schema import from_jsonable, jsonable
from jobkit.output.batch_rows import json_line
from jobkit.output.comparison_format import comparison_text
from tests.batch.conftest import JANE_AFTER, JANE_BEFORE, PROGRAM

MRT = "medical-records-technician"
BATCH = Path(__file__).resolve().parents[2] / "jobkit" / "batch"


@pytest.fixture(scope="module")
def program():
    return load_program(PROGRAM)


def _result(index, text, program=None, file="jane.txt"):
    record = check_resume(text.encode(), role=MRT, filename=file).to_record()
    return BatchResult(index, file, report=record, rubric=evaluate(program, record) if program else None)


def test_a_rubric_is_flat_json_and_reads_back_as_its_kinds(program):
    rubric = _result(0, JANE_BEFORE, program).rubric
    data = jsonable(rubric)
    assert list(data) == ["program", "passed", "criteria"] and data["passed"] is False
    by_id = {c["id"]: c for c in data["criteria"]}
    assert list(by_id["score"]) == ["id", "label", "passed", "evidence", "value", "threshold"]
    assert list(by_id["terms"]) == ["id", "label", "passed", "evidence", "present", "missing", "threshold"]
    assert by_id["practicum"]["section"] is None  # not named anywhere: written as null, as it always was
    again = from_jsonable(RubricResult, json.loads(json.dumps(data)))
    assert again == rubric
    assert isinstance(again.get("score"), ThresholdResult) and isinstance(again.get("terms"), TermsResult)
    assert isinstance(again.get("practicum"), PracticumResult)


def test_a_json_line_reads_back_as_the_result_it_was(program):
    result = _result(3, JANE_AFTER, program)
    line = from_jsonable(BatchLine, json.loads(json_line(result)))
    assert line == result.line and line.rubric == result.rubric
    failed = BatchResult(4, "old.doc", error=BatchError("unsupported_format", "Not a resume file."))
    assert json_line(failed) == '{"file":"old.doc","error":{"code":"unsupported_format","message":"Not a resume file."}}'


def test_the_target_is_stored_as_its_json_and_old_rows_still_read(tmp_path, program):
    store = BatchStore(str(tmp_path / "jobs.sqlite3"))
    target = BatchTarget(role=MRT, pages=2, program=PROGRAM)
    batch_id = store.create("label", target, False)
    assert store.get(batch_id).target == target
    with sqlite3.connect(store.path) as db:  # the shape earlier versions wrote: every key, nulls included
        old_target = {"role": None, "job": "Medical Records Technician", "pages": None, "federal": True, "program": None}
        db.execute("UPDATE batches SET target=?, state='done' WHERE id=?", (json.dumps(old_target), batch_id))
        result = _result(0, JANE_AFTER, program)
        old_payload = {"report": jsonable(result.report), "rubric": jsonable(result.rubric)}
        db.execute("INSERT INTO results (batch_id, seq, file, payload) VALUES (?, 0, 'jane.txt', ?)",
                   (batch_id, json.dumps(old_payload)))
    stored = store.get(batch_id)
    assert stored.target == BatchTarget(job="Medical Records Technician", federal=True) and stored.state == "done"
    [again] = store.results(batch_id)
    assert (again.report, again.rubric, again.error) == (result.report, result.rubric, None)


def test_web_and_batch_workers_report_an_error_in_one_shape():
    web = isolation.check_job(b"", "empty.txt", MRT, None, None)
    batch = check_one(b"", "empty.txt", BatchTarget(role=MRT), False, Limits.from_env())
    assert web == batch == ("error", BatchError("empty_document", web[1].message))
    with pytest.raises(EmptyDocument):
        isolation.raise_error(web[1])
    for error in (WorkerFailed, InternalError):  # the batch's own codes are jobkit errors like the others
        assert issubclass(error, JobkitError) and BatchError.of(error("x")) == BatchError(error.code, "x")


def test_one_writer_counts_and_writes_every_output(program):
    results = [_result(0, JANE_AFTER, program), BatchResult(1, "old.doc", error=BatchError("unsupported_format", "no"))]
    csv, jsonl = io.StringIO(), io.StringIO()
    writer = BatchWriter(program, csv=csv, jsonl=jsonl, link_rows=True)
    for result in results:
        writer.add(result)
    header = csv.getvalue().splitlines()[0].split(",")
    assert header[-1] == "rubric_passed" and "criterion_practicum" in header
    assert jsonl.getvalue() == "".join(json_line(r) + "\n" for r in results)
    summary = writer.summary()
    assert (summary.total, summary.checked, summary.errors, writer.errors) == (2, 1, 1, 1)
    assert summary.rubric is not None and summary.rubric.checked == 1
    assert [r.seq for r in summary.rows] == [0, None]  # the error row links nothing
    assert "seq" not in json.dumps(jsonable(Cohort().summary()))  # a CLI summary.json never has it


def test_the_comparison_is_typed(program):
    old = run_from_results("fall", [_result(0, JANE_BEFORE, program)], program)
    new = run_from_results("spring", [_result(0, JANE_AFTER, program)], program)
    comparison = compare_runs(old, new)
    [student] = comparison.students
    assert student.changed and student.score_change > 0 and "terms" in student.improved
    assert comparison.moved == (student,) and comparison.criteria[0].id == "score"
    assert "Students who changed" in comparison_text(comparison)
    empty = compare_runs(Run("a"), Run("b"))
    assert (empty.matched, empty.old.median_score, empty.moved) == (0, None, ())


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            names |= {f"{node.module}.{a.name}" for a in node.names}
    return names


@pytest.mark.parametrize("path", sorted(BATCH.glob("*.py")), ids=lambda p: p.name)
def test_batch_renders_nothing(path):
    """Text, CSV and HTML are written in jobkit/output/: batch/ imports no template engine and no CSV writer."""
    rendering = {n for n in _imports(path) if n.split(".")[0] == "jinja2" or n.startswith("jobkit.output.html_format")
                 or n.endswith((".SafeDictWriter", ".DictWriter", ".writer"))}
    assert rendering == set()
