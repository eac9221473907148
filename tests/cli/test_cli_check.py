"""`jobkit check` and `jobkit roles`: output, JSON and exit codes."""

import csv
import io
import json

from jobkit.cli.commands import cli
from tests import builders
from tests.cli.conftest import write_file


def _resume(tmp_path):
    return write_file(tmp_path, "resume.docx", builders.plain_docx())


def test_check_prints_a_readable_report(runner, tmp_path):
    result = runner.invoke(cli, ["check", _resume(tmp_path), "--role", "medical-records-technician"])
    assert result.exit_code == 0, result.output
    for heading in ("ATS readiness:", "Keyword match:", "Fix first:", "Matched", "Missing, most important first",
                    "ATS formatting", "Length [ok]", "Credentials:", "Sections and contact"):
        assert heading in result.output
    assert "[HIPAA]" in result.output


def test_check_json_matches_the_report_model(runner, tmp_path):
    result = runner.invoke(cli, ["check", _resume(tmp_path), "--role", "medical-records-technician", "--json"])
    data = json.loads(result.output)
    assert data["role"]["id"] == "medical-records-technician"
    assert 0 <= data["score"] <= 100
    assert data["matched"][0]["evidence"][0]["text"]


def test_without_a_target_the_general_role_is_used(runner, tmp_path):
    path = _resume(tmp_path)
    default = json.loads(runner.invoke(cli, ["check", path, "--json"]).output)
    explicit = json.loads(runner.invoke(cli, ["check", path, "--role", "medical-records-technician", "--json"]).output)
    assert default["role"]["id"] == "medical-records-technician"
    assert default["score"] == explicit["score"] and default["matched"] == explicit["matched"]


def test_every_format_shows_the_same_numbers(runner, tmp_path):
    path = _resume(tmp_path)
    data = json.loads(runner.invoke(cli, ["check", path, "--format", "json"]).output)
    assert "lines" not in data
    rows = list(csv.DictReader(io.StringIO(runner.invoke(cli, ["check", path, "--format", "csv"]).output)))
    assert len(rows) == 1 and int(rows[0]["score"]) == data["score"]
    assert rows[0]["band"] == data["band"]["name"] and int(rows[0]["words"]) == data["words"]
    text = runner.invoke(cli, ["check", path]).output
    assert f"{data['score']}/100" in text
    out = tmp_path / "report.html"
    result = runner.invoke(cli, ["check", path, "--format", "html", "-o", str(out)])
    assert result.exit_code == 0 and f"score {data['score']}/100" in result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "What the ATS sees" in page
    assert f'id="match-score">{data["score"]}</strong>' in page


def test_min_score_exit_code(runner, tmp_path):
    path = _resume(tmp_path)
    assert runner.invoke(cli, ["check", path, "--role", "medical-records-technician", "--min-score", "0"]).exit_code == 0
    assert runner.invoke(cli, ["check", path, "--role", "medical-records-technician", "--min-score", "100"]).exit_code == 3


def test_usage_errors_exit_2(runner, tmp_path):
    path = _resume(tmp_path)
    assert runner.invoke(cli, ["check", path, "--job", "no-such-posting.pdf"]).exit_code == 2
    result = runner.invoke(cli, ["check", path, "--role", "astronaut"])
    assert result.exit_code == 2 and "Known roles" in result.output


def test_unreadable_resume_exits_1(runner, tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7 nothing here")
    result = runner.invoke(cli, ["check", str(bad), "--role", "medical-coder"])
    assert result.exit_code == 1 and "error: This PDF is damaged" in result.output and "[corrupt_document]" not in result.output


def test_job_from_text_file_and_stdin(runner, tmp_path):
    path = _resume(tmp_path)
    posting = "Medical Records Technician\nRequirements: RHIT required. HIPAA and release of information.\n"
    job_file = tmp_path / "job.txt"
    job_file.write_text(posting, encoding="utf-8")
    by_file = json.loads(runner.invoke(cli, ["check", path, "--job", str(job_file), "--json"]).output)
    by_stdin = json.loads(runner.invoke(cli, ["check", path, "--job", "-", "--json"], input=posting).output)
    by_text = json.loads(runner.invoke(cli, ["check", path, "--job", posting, "--json"]).output)
    assert by_file["score"] == by_stdin["score"] == by_text["score"]
    assert "cred-rhit" in {r["id"] for r in by_file["job"]["requirements"]}


def test_roles_lists_and_shows(runner):
    listing = runner.invoke(cli, ["roles"])
    assert listing.exit_code == 0 and "medical-records-technician" in listing.output
    shown = runner.invoke(cli, ["roles", "cancer-registrar"])
    assert "Cancer registry" in shown.output and "required" in shown.output
    data = json.loads(runner.invoke(cli, ["roles", "cancer-registrar", "--json"]).output)
    assert data["id"] == "cancer-registrar" and data["terms"][0]["sources"]
    assert runner.invoke(cli, ["roles", "nope"]).exit_code == 2


def test_a_posting_wins_over_a_role_with_a_note(runner, tmp_path):
    path = _resume(tmp_path)
    posting = "Medical Records Technician\nRequirements: RHIT required. HIPAA and release of information.\n"
    result = runner.invoke(cli, ["check", path, "--role", "medical-coder", "--job", posting, "--json"])
    assert result.exit_code == 0 and '"job": {' in result.stdout
    assert "--role is ignored" in result.stderr
