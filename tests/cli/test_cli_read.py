"""`jobkit read`: output, JSON shape and exit codes."""

import json

from jobkit.cli.commands import cli
from tests import builders
from tests.cli.conftest import write_file


_write = write_file


def test_read_prints_what_an_ats_sees(runner, tmp_path):
    path = _write(tmp_path, "resume.pdf", builders.two_column_pdf())
    result = runner.invoke(cli, ["read", path])
    assert result.exit_code == 0, result.output
    assert "format: pdf" in result.output and "pages: 1 page (pdf_page_tree, exact)" in result.output
    assert "Two columns or a sidebar:" in result.output and "[two_column]" not in result.output
    assert "What an ATS sees" in result.output and "Medical Records Technician" in result.output


def test_read_marks_text_at_risk(runner, tmp_path):
    path = _write(tmp_path, "resume.docx", builders.text_box_docx(["WORK EXPERIENCE"]))
    result = runner.invoke(cli, ["read", path])
    assert "[text box] WORK EXPERIENCE" in result.output


def test_read_json_has_the_promised_fields(runner, tmp_path):
    path = _write(tmp_path, "resume.docx", builders.plain_docx())
    result = runner.invoke(cli, ["read", "--json", path])
    assert result.exit_code == 0
    data = json.loads(result.output)
    for key in ("file", "format", "pages", "page_count_method", "words", "text", "sections", "contact", "findings"):
        assert key in data
    assert data["file"] == path and data["format"] == "docx"
    assert data["contact"]["email"] == "jane.doe@example.com"
    assert data["sections"][1] == {"name": "summary", "heading": "SUMMARY", "heading_line": 2, "start": 3, "end": 4}


def test_several_files_give_json_lines_in_order_and_errors_do_not_stop_the_rest(runner, tmp_path):
    good = _write(tmp_path, "a.pdf", builders.single_column_pdf())
    bad = _write(tmp_path, "b.pdf", b"%PDF-1.4 garbage that is not a pdf")
    legacy = _write(tmp_path, "c.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    text = _write(tmp_path, "d.txt", b"JANE DOE\nEXPERIENCE\nRecords")
    result = runner.invoke(cli, ["read", "--json", good, bad, legacy, text])
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [row["file"] for row in rows] == [good, bad, legacy, text]
    assert rows[0]["format"] == "pdf" and rows[3]["format"] == "text"
    assert rows[1]["error"]["code"] == "corrupt_document"
    assert rows[2]["error"]["code"] == "unsupported_format"
    assert result.exit_code == 1


def test_lines_option_adds_positions(runner, tmp_path):
    path = _write(tmp_path, "resume.pdf", builders.single_column_pdf())
    data = json.loads(runner.invoke(cli, ["read", "--json", "--lines", path]).output)
    assert data["lines"][0]["text"] == "JANE DOE, RHIT" and len(data["lines"][0]["bbox"]) == 4


def test_missing_file_and_usage_errors(runner, tmp_path):
    result = runner.invoke(cli, ["read", str(tmp_path / "nope.pdf")])
    assert result.exit_code == 1 and "error: No such file" in result.output
    assert runner.invoke(cli, ["read"]).exit_code == 2
    assert runner.invoke(cli, ["read", "--bogus", "x"]).exit_code == 2
