"""Graduates' outcomes joined to a batch's results: jobkit.batch.outcomes and jobkit batch-outcomes."""

import csv
import io
import json

import pytest

from jobkit.batch.outcome_rows import MAX_BYTES, MAX_ROWS, read_outcomes
from jobkit.batch.term_compare import student_stem
from jobkit.batch.outcomes import join_outcomes, read_results
from jobkit.cli.commands import cli
from jobkit.data.programs import load_program
from jobkit.errors import FileTooLarge, InvalidInput
from jobkit.output.outcomes_format import outcomes_text, write_outcomes_csv
from tests.batch.outcome_data import OUTCOMES_CSV, results_jsonl


def _join(outcomes=OUTCOMES_CSV, results=None):
    lines = (results if results is not None else results_jsonl()).splitlines()
    return join_outcomes(read_results(lines, "results.jsonl"), read_outcomes(outcomes.encode(), "outcomes.csv"),
                         "outcomes.csv")


def _student(join, file):
    return next(s for s in join.students if s.file == file)


def test_students_are_joined_by_id_and_by_file_name_without_extension():
    join = _join()
    assert _student(join, "class/S1001.pdf").outcome.interviews == 2  # id S1001 names S1001.pdf
    assert _student(join, "class/S1002.pdf").outcome.date == "2027-06-02"  # s1002, 6/2/2027: case and US date
    assert _student(join, "class/S1006.pdf").outcome.row == 7  # s1006.DOCX names S1006.pdf
    broken = _student(join, "broken.pdf")
    assert broken.outcome.file == "broken.txt" and broken.error == "The PDF is damaged." and broken.score is None
    assert student_stem("C:\\fall\\Jane Doe.PDF") == "jane doe" and student_stem("2026.014") == "2026.014"
    assert join.unmatched == ("S9999",)
    assert join.students[-1].status == "no resume in this batch" and join.students[-1].outcome.offers == 1


def test_a_student_without_an_outcome_row_is_never_counted_as_not_interviewed():
    join = _join()
    s2006 = _student(join, "S2006.docx")
    assert s2006.outcome is None and s2006.status == "no outcome on file" and s2006.group is None
    assert (join.resumes, join.with_outcome, join.no_outcome) == (13, 12, 1)
    assert (join.interviewed, join.not_interviewed, join.interviews_unknown) == (6, 6, 0)
    terms = next(c for c in join.criteria if c.id == "terms")
    # S2001-S2005 judged; broken.pdf has an outcome but no verdicts; S2006 is in neither group
    assert (terms.interviewed.passed, terms.interviewed.total, terms.interviewed.rate) == (6, 6, 100)
    assert (terms.not_interviewed.passed, terms.not_interviewed.total, terms.not_interviewed.rate) == (0, 5, 0)
    assert terms.difference == 100 and terms.too_few is False
    readiness = join.medians[0]
    assert (readiness.measure, readiness.interviewed, readiness.interviewed_count) == ("Readiness", 64, 6)
    assert (readiness.not_interviewed, readiness.not_interviewed_count, readiness.difference) == (0, 5, 64)
    text = outcomes_text(join)
    assert "12 with an outcome row, 1 with no outcome on file" in text
    assert ("At least 6 of 7 program terms: interviewed 100% (6 of 6), not interviewed 0% (0 of 5); "
            "difference +100 points") in text
    assert "S2006.docx: score 0, readiness 0, 2 of 9 criteria; no outcome on file" in text
    assert "Association, not cause: students who got interviews" in text


def test_a_blank_interviews_cell_is_left_out_not_read_as_zero():
    outcomes = "student_id,interviews,offers\nS1001,,1\nS2001,0,0\n"
    join = _join(outcomes)
    assert (join.interviewed, join.not_interviewed, join.interviews_unknown, join.with_outcome) == (0, 1, 1, 2)
    assert _student(join, "class/S1001.pdf").group is None


def test_groups_under_five_are_shown_but_marked_too_few():
    outcomes = "id,interviews\n" + "".join(f"S100{n},1\n" for n in range(1, 5)) + "".join(
        f"S200{n},0\n" for n in range(1, 7))
    join = _join(outcomes)
    score = next(c for c in join.criteria if c.id == "score")
    assert (score.interviewed.total, score.not_interviewed.total) == (4, 6)
    assert score.too_few is True and score.difference is None and score.interviewed.rate == 100
    assert join.medians[1].too_few is True and join.medians[1].difference is None
    assert "Keyword match at least 55: interviewed 100% (4 of 4), not interviewed 0% (0 of 6); too few to compare" \
        in outcomes_text(join)


def test_synonyms_in_the_header_row():
    text = ("\ufeffSTUDENT NUMBER,interviews-count,OFFER,credential exam,Outcome Date,Name\n"
            "A1,2,1,Passed,2027-01-31,Jo\n")
    rows = read_outcomes(text.encode(), "o.csv")  # a spreadsheet's byte-order mark, headings in any case
    assert [(r.student_id, r.interviews, r.offers, r.exam_passed, r.date) for r in rows] == [
        ("A1", 2, 1, True, "2027-01-31")]


@pytest.mark.parametrize("text, message", [
    ("student_id,interviews\nS1,2\nS2,two\n",
     "o.csv, row 3, column 'interviews': 'two' is not a count. Write a whole number from 0 to 999"),
    ("student_id,Exam Passed\nS1,maybe\n", "o.csv, row 2, column 'Exam Passed': 'maybe' is not yes or no."),
    ("id,date\nS1,2027-13-01\n", "o.csv, row 2, column 'date': '2027-13-01' is not a date. Write it as 2026-05-31"),
    ("id,offers\nS1,-1\n", "o.csv, row 2, column 'offers': '-1' is not a count."),
    ("id,offers\nS1,1\n,2\n", "o.csv, row 3: 'id' is blank. Every row needs the student's id or resume file name."),
    ("id,offers\nS1,1\n\ns1,2\n", "o.csv, row 4: 's1' is already on row 2. Keep one row per student"),
    ("id,offers\nS1,1,=1\n", "o.csv, row 2: more cells than the first row has column names"),
    ("name,offers\nJane,1\n", "o.csv: the first row must name the columns, with a 'student_id' column"),
    ("id,notes\nS1,x\n", "o.csv: no outcome column found. Add at least one of 'interviews'"),
    ("id,Interviews,interview\nS1,1,1\n", "o.csv: the columns 'Interviews' and 'interview' both give interviews"),
    ("", "o.csv: is empty."),
])
def test_a_bad_row_names_its_row_and_column(text, message):
    with pytest.raises(InvalidInput) as caught:
        read_outcomes(text.encode(), "o.csv")
    assert caught.value.message.startswith(message)


def test_outcomes_files_are_bounded():
    with pytest.raises(FileTooLarge, match="larger than 2 MB"):
        read_outcomes(b"id,offers\n" + b"S1,1\n" * (MAX_BYTES // 5), "o.csv")
    with pytest.raises(InvalidInput, match="more than 20,000 rows"):
        read_outcomes(b"id,offers\n" + b"".join(b"S%d,1\n" % n for n in range(MAX_ROWS + 1)), "o.csv")
    with pytest.raises(InvalidInput, match="not UTF-8 text"):
        read_outcomes("id,offers\nJosé,1\n".encode("cp1252"), "o.csv")
    assert len(read_outcomes(b"id,offers\n" + b"".join(b"S%d,1\n" % n for n in range(MAX_ROWS)), "o.csv")) == MAX_ROWS


def test_two_rows_naming_one_resume_and_a_bad_results_line():
    with pytest.raises(InvalidInput, match=r"o.csv, row 3: names the same resume \(class/S1001.pdf\) as row 2"):
        join_outcomes(read_results(results_jsonl().splitlines(), "r.jsonl"),
                      read_outcomes(b"student_id,file,interviews\nS1001,,1\n,s1001.txt,0\n", "o.csv"), "o.csv")
    with pytest.raises(InvalidInput, match="r.jsonl, line 2: not a jobkit batch result"):
        read_results(['{"file": "a.pdf"}', "{not json"], "r.jsonl")
    with pytest.raises(InvalidInput, match="r.jsonl: holds no batch results"):
        read_results(["", "  "], "r.jsonl")


def test_the_joined_csv_cannot_run_formulas():
    results = results_jsonl(passing=["=HYPERLINK(1).pdf"], failing=["S2001.docx"], broken=False)
    join = _join('student_id,file,interviews\n"=cmd|\' /C calc\'!A0",=hyperlink(1).txt,1\n@SUM(1),,0\n', results)
    buffer = io.StringIO()
    write_outcomes_csv(join, buffer)
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert rows[0]["file"] == "'=HYPERLINK(1).pdf" and rows[0]["student_id"] == "'=cmd|' /C calc'!A0"
    assert rows[0]["criterion_terms"] == "pass" and rows[0]["interviews"] == "1"
    assert rows[1] == {**rows[1], "file": "S2001.docx", "status": "no outcome on file", "interviews": ""}
    assert rows[2]["student_id"] == "'@SUM(1)" and rows[2]["status"] == "no resume in this batch"


def _files(tmp_path, outcomes=OUTCOMES_CSV):
    (tmp_path / "results.jsonl").write_text(results_jsonl(), encoding="utf-8")
    (tmp_path / "outcomes.csv").write_text(outcomes, encoding="utf-8")
    return str(tmp_path / "results.jsonl"), str(tmp_path / "outcomes.csv")


def test_the_command_prints_the_comparison_and_writes_the_csv(runner, tmp_path):
    results, outcomes = _files(tmp_path)
    out = tmp_path / "joined.csv"
    result = runner.invoke(cli, ["batch-outcomes", results, outcomes, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert ("Lists RHIT: interviewed 100% (6 of 6), not interviewed 0% (0 of 5); difference +100 points"
            in result.output)
    assert f"Wrote {out}" in result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 14 and sum(r["status"] == "no outcome on file" for r in rows) == 1
    data = json.loads(runner.invoke(cli, ["batch-outcomes", results, outcomes, "--json"]).output)
    assert data["interviewed"] == 6 and data["no_outcome"] == 1 and data["students"][-1]["status"] == \
        "no resume in this batch"
    again = runner.invoke(cli, ["batch-outcomes", results, outcomes, "--program", "example-him-associate"])
    assert again.exit_code == 0 and "Lists RHIT: interviewed 100% (6 of 6)" in again.output


def test_the_command_exit_codes(runner, tmp_path):
    results, outcomes = _files(tmp_path, "id,interviews\nS1001,lots\n")
    bad = runner.invoke(cli, ["batch-outcomes", results, outcomes])
    assert bad.exit_code == 2 and "outcomes.csv, row 2, column 'interviews': 'lots' is not a count" in bad.output
    assert "Traceback" not in bad.output
    missing = runner.invoke(cli, ["batch-outcomes", results, str(tmp_path / "nope.csv")])
    assert missing.exit_code == 2
    unknown = runner.invoke(cli, ["batch-outcomes", results, outcomes, "--program", "no-such-program"])
    assert unknown.exit_code == 2 and "--program" in unknown.output
    (tmp_path / "outcomes.csv").write_text("id,interviews\nS1001,1\n", encoding="utf-8")
    assert runner.invoke(cli, ["batch-outcomes", outcomes, outcomes]).exit_code == 2  # a CSV is no results file
    assert runner.invoke(cli, ["batch-outcomes", results, outcomes]).exit_code == 0


def test_results_without_a_rubric_compare_medians_only_unless_a_program_judges_them_again():
    plain = "".join(json.dumps({k: v for k, v in json.loads(line).items() if k != "rubric"}) + "\n"
                    for line in results_jsonl().splitlines())
    join = _join(results=plain)
    assert join.criteria == () and join.labels == {} and join.medians[0].interviewed == 64
    assert "No program criteria in these results" in outcomes_text(join)
    program = load_program("example-him-associate")
    again = join_outcomes(read_results(plain.splitlines(), "r.jsonl", program),
                          read_outcomes(OUTCOMES_CSV.encode(), "o.csv"), "o.csv", program)
    rhit = next(c for c in again.criteria if c.id == "credentials")
    assert (rhit.label, rhit.interviewed.total, rhit.not_interviewed.passed, again.program) == (
        "Lists RHIT", 6, 0, "example-him-associate")
