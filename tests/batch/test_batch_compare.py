"""Career centers: jobkit batch --program/--reports, and batch-compare of two runs."""

import csv
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from jobkit.output.student_reports import report_filename
from jobkit.cli.commands import cli
from tests.batch.conftest import JANE_AFTER, JANE_BEFORE, JOHN_AFTER, JOHN_BEFORE, PROGRAM
from tests.conftest import corpus_path

CORPUS_FILES = ("pdf_livecareer_medical_record_technician.pdf", "pdf_livecareer_health_information_specialist.pdf",
                "docx_word2007_emt_sample.docx")
CONTACT = ("Jane Doe", "jane.doe@example.com", "(512) 555-0147", "John Roe", "john.roe@example.com")

SAME = """\
ALEX POE
alex@example.com | (512) 555-0122

EXPERIENCE
Medical Records Clerk, City Clinic, 2022 - 2026
- Filed patient records and handled release of information under HIPAA.

EDUCATION
High school diploma, 2021
"""


def _batch(runner, paths, *extra):
    result = runner.invoke(cli, ["batch", *map(str, paths), "--program", PROGRAM, "--workers", "2", *map(str, extra)])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def cohort(tmp_path):
    folder = tmp_path / "cohort"
    folder.mkdir()
    for name in CORPUS_FILES:
        shutil.copy(corpus_path("resumes", name), folder / name)
    (folder / "jane.txt").write_text(JANE_AFTER)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<\ntruncated")
    return folder


def _links(index: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)"', index)


def test_batch_with_a_program_and_reports(runner, cohort, tmp_path):
    out, reports = tmp_path / "out", tmp_path / "reports"
    result = _batch(runner, [cohort], "--jsonl", f"{out}.jsonl", "--csv", f"{out}.csv", "--reports", reports,
                    "--html", f"{out}.html")
    assert "pass every criterion" in result.output and "Lists RHIT: " in result.output
    html = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert "pass rate per criterion" in html  # the cohort page shows it, and each row its criteria passed
    assert "9 of 9 passed" in html and "not judged" not in html
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert len(rows) == 5
    checked = [r for r in rows if "report" in r]
    assert len(checked) == 4 and all(r["rubric"]["program"] == PROGRAM for r in checked)
    jane = next(r for r in checked if r["file"].endswith("jane.txt"))["rubric"]
    assert jane["passed"] is True
    assert [c["id"] for c in jane["criteria"]] == ["score", "readiness", "pages", "terms", "credentials", "sections",
                                                   "contact", "practicum", "proofreading"]
    assert all(c["evidence"] for c in jane["criteria"])
    broken = next(r for r in rows if r["file"].endswith("broken.pdf"))
    assert "error" in broken and "rubric" not in broken

    with open(tmp_path / "out.csv", newline="", encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    jane_row = next(r for r in table if r["file"].endswith("jane.txt"))
    assert jane_row["criterion_practicum"] == "pass" and jane_row["rubric_passed"] == "yes"
    assert next(r for r in table if r["file"].endswith("broken.pdf"))["criterion_score"] == ""
    assert {r["criterion_practicum"] for r in table} <= {"pass", "fail", ""}

    index = (reports / "index.html").read_text(encoding="utf-8")
    links = _links(index)
    assert len(links) == 4 and all((reports / link).is_file() for link in links)
    assert all(re.fullmatch(r"\d{5}-[a-z0-9-]+\.html", link) for link in links)
    assert "Pass rate per criterion" in index and "Could not be read" in index
    for link in links:
        assert "ATS report for" in (reports / link).read_text(encoding="utf-8")
    summary = json.loads((reports / "summary.json").read_text())
    assert summary["rubric"]["checked"] == 4 and len(summary["rubric"]["criteria"]) == 9

    written = [p.read_text(encoding="utf-8") for p in reports.iterdir()]
    written += [(tmp_path / "out.jsonl").read_text(), (tmp_path / "out.csv").read_text()]
    for text in written:
        assert not any(secret in text for secret in CONTACT)


def test_include_contact_keeps_contact_details_in_the_reports(runner, tmp_path):
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "jane.txt").write_text(JANE_AFTER)
    reports = tmp_path / "reports"
    _batch(runner, [folder], "--reports", reports, "--include-contact")
    assert any("JANE DOE" in p.read_text(encoding="utf-8") for p in reports.glob("0*.html"))


def test_report_file_names_are_safe(runner, tmp_path):
    assert report_filename(0, "class.zip/../../etc/passwd") == "00001-passwd.html"
    assert report_filename(41, "C:\\Users\\x\\Résumé Final (2).PDF") == "00042-resume-final-2-pdf.html"
    assert report_filename(2, "\u202e...") == "00003-u202e.html"
    archive = tmp_path / "class.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("2027/<i>Jane Résumé.txt", JANE_AFTER)
        z.writestr("../escape.txt", JANE_AFTER)
    reports = tmp_path / "reports"
    _batch(runner, [archive], "--reports", reports)
    names = sorted(p.name for p in reports.iterdir())
    assert len(names) == 3 and names[1:] == ["index.html", "summary.json"]
    assert re.fullmatch(r"0000[12]-i-jane-resume-txt\.html", names[0])
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert "&lt;i&gt;Jane Résumé.txt" in index and "path traversal" in index


def test_program_usage_errors(runner, cohort):
    result = runner.invoke(cli, ["batch", str(cohort), "--program", "no-such-program"])
    assert result.exit_code == 2 and "Known programs" in result.output
    result = runner.invoke(cli, ["batch", str(cohort), "--program", PROGRAM, "--role", "medical-coder"])
    assert result.exit_code == 2 and "--program names its own role" in result.output


def _run(runner, tmp_path, name, files):
    folder = tmp_path / name
    folder.mkdir()
    for file, text in files.items():
        (folder / file).write_text(text)
    jsonl = tmp_path / f"{name}.jsonl"
    _batch(runner, [folder], "--jsonl", jsonl)
    return jsonl


def test_batch_compare_shows_the_two_improvements(runner, tmp_path):
    old = _run(runner, tmp_path, "fall", {"jane.txt": JANE_BEFORE, "john.txt": JOHN_BEFORE, "alex.txt": SAME,
                                          "left.txt": SAME.replace("ALEX POE", "LEFT")})
    new = _run(runner, tmp_path, "spring", {"Jane.TXT": JANE_AFTER, "john.txt": JOHN_AFTER, "alex.txt": SAME,
                                            "joined.txt": SAME})
    out = tmp_path / "progress"
    result = runner.invoke(cli, ["batch-compare", str(old), str(new), "--csv", f"{out}.csv", "--html", f"{out}.html"])
    assert result.exit_code == 0, result.output
    text = result.output
    assert "3 matched by file name, 1 only in fall.jsonl, 1 only in spring.jsonl" in text
    lines = {line.split(":")[0].strip(): line for line in text.splitlines() if line.startswith("  ") and ".txt" in line.lower()}
    assert "now passes" in lines["spring/Jane.TXT"] and "Lists RHIT" in lines["spring/Jane.TXT"]
    assert "Professional practice experience" in lines["spring/Jane.TXT"]
    assert "Contact complete" in lines["spring/john.txt"].split("now passes: ")[1]
    assert "spring/alex.txt" not in lines and "1 matched student(s) unchanged." in text
    assert re.search(r"Contact complete \(email, phone\): \d+% -> \d+% \(\+\d+ points\)", text)

    with open(f"{out}.csv", newline="", encoding="utf-8") as handle:
        rows = {r["file"]: r for r in csv.DictReader(handle)}
    jane = rows["spring/Jane.TXT"]
    assert int(jane["score_change"]) > 0 and int(jane["readiness_change"]) > 0
    assert jane["criterion_practicum_old"] == "fail" and jane["criterion_practicum_new"] == "pass"
    assert "credentials" in jane["criteria_improved"].split("; ")
    assert "contact" in rows["spring/john.txt"]["criteria_improved"].split("; ")
    assert rows["spring/alex.txt"]["score_change"] == "0" and rows["spring/alex.txt"]["criteria_improved"] == ""
    assert rows["fall/left.txt"]["status"] == "only_old" and rows["spring/joined.txt"]["status"] == "only_new"

    html = Path(f"{out}.html").read_text(encoding="utf-8")
    assert "<svg" in html and "Pass rate per criterion" in html and "Jane.TXT" in html
    assert 'name="viewport"' in html


def test_batch_compare_judges_both_runs_by_a_program_again(runner, tmp_path):
    old = _run(runner, tmp_path, "fall", {"jane.txt": JANE_BEFORE})
    new = tmp_path / "plain.jsonl"
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "jane.txt").write_text(JANE_AFTER)
    assert runner.invoke(cli, ["batch", str(folder), "--jsonl", str(new), "--workers", "1"]).exit_code == 0
    result = runner.invoke(cli, ["batch-compare", str(old), str(new), "--program", PROGRAM])
    assert result.exit_code == 0, result.output
    assert "now passes" in result.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"file": "x"}\nnot json\n')
    result = runner.invoke(cli, ["batch-compare", str(old), str(bad)])
    assert result.exit_code == 2 and "bad.jsonl, line 2" in result.output


def test_reports_without_a_program_and_a_program_with_a_posting(runner, tmp_path, monkeypatch):
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "jane.txt").write_text(JANE_AFTER)
    reports = tmp_path / "reports"
    assert runner.invoke(cli, ["batch", str(folder), "--reports", str(reports), "--workers", "1"]).exit_code == 0
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert len(_links(index)) == 1 and "Pass rate per criterion" not in index

    data = tmp_path / "data" / "programs"
    data.mkdir(parents=True)
    (data / "job.txt").write_text("Medical Records Technician\nRequired: HIPAA, ICD-10-CM coding, EHR experience.\n")
    (data / "city.toml").write_text('name = "City"\nposting = "job.txt"\ntarget_pages = 1\nterms = ["hipaa", "cpt"]\n'
                                    'sources = ["public: test"]\n[pass]\nmin_terms = 1\n')
    monkeypatch.setenv("JOBKIT_DATA_DIR", str(tmp_path / "data"))
    result = runner.invoke(cli, ["batch", str(folder), "--program", "city"])
    assert result.exit_code == 2 and "field 'terms' names cpt, which the posting job.txt does not ask for" in result.output
    (data / "city.toml").write_text((data / "city.toml").read_text().replace('"cpt"', '"icd-10-cm"'))
    result = runner.invoke(cli, ["batch", str(folder), "--program", "city", "--workers", "1"])
    assert result.exit_code == 0 and "against job posting: Medical Records Technician" in result.output
    assert "At least 1 of 2 program terms: 1 of 1 (100%)" in result.output


def test_a_scan_with_no_text_is_not_counted_as_a_score_of_zero(runner, tmp_path):
    """batch-compare's medians are the cohort summary's: a scan an ATS cannot read is not a checked resume."""
    from jobkit.batch.term_compare import read_run
    from tests import builders

    folder = tmp_path / "fall"
    folder.mkdir()
    (folder / "jane.txt").write_text(JANE_AFTER)
    (folder / "scan.pdf").write_bytes(builders.image_only_pdf())
    jsonl = tmp_path / "fall.jsonl"
    result = _batch(runner, [folder], "--jsonl", jsonl)
    run = read_run(jsonl)
    assert run.entries["scan"].score is None and run.entries["scan"].error == "could not be read as text (a scan or a picture)"
    assert run.scores() == [run.entries["jane"].score]


def test_a_roster_matches_students_whose_file_names_changed(runner, tmp_path):
    old = _run(runner, tmp_path, "fall", {"jane-fall.txt": JANE_BEFORE, "john.txt": JOHN_BEFORE})
    new = _run(runner, tmp_path, "spring", {"Jane_Doe_Spring.txt": JANE_AFTER, "john.txt": JOHN_AFTER})
    assert "1 matched by file name" in runner.invoke(cli, ["batch-compare", str(old), str(new)]).output
    roster = tmp_path / "roster.csv"
    roster.write_text("Student_ID,File\nS001,jane-fall.txt\nS001,jane_doe_spring.txt\n", encoding="utf-8")
    out = tmp_path / "changes.csv"
    result = runner.invoke(cli, ["batch-compare", str(old), str(new), "--roster", str(roster), "--csv", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 matched by student id (from the roster) or file name" in result.output
    assert "S001 (spring/Jane_Doe_Spring.txt): keyword match" in result.output
    with open(out, newline="", encoding="utf-8") as handle:
        rows = {r["file"]: r for r in csv.DictReader(handle)}
    assert rows["spring/Jane_Doe_Spring.txt"]["student_id"] == "S001" and rows["spring/john.txt"]["student_id"] == ""
    assert int(rows["spring/Jane_Doe_Spring.txt"]["score_change"]) > 0
    roster.write_text("name,file\nJane,jane-fall.txt\n", encoding="utf-8")
    bad = runner.invoke(cli, ["batch-compare", str(old), str(new), "--roster", str(roster)])
    assert bad.exit_code != 0 and "roster.csv: a roster needs a 'file' column and a 'student_id' column" in bad.output
