"""Posting text is text: a path sent as a posting is never opened, by any interface.

Only the CLI turns a command-line argument into a path (``--job FILE``).
"""

from __future__ import annotations

import json

import io
from pathlib import Path

import pytest

from jobkit import check_resume
from jobkit.batch.runs import BatchTarget, run_batch
from jobkit.cli.commands import cli
from jobkit.errors import InvalidInput
from jobkit.match.target import pick_target, posting_from_file, posting_from_text
from jobkit.web import create_app
from tests import builders

SECRET = "zq-secret-line-only-on-disk"
POSTING = "Medical Records Technician\nRequirements: RHIT required. HIPAA and release of information.\n"


@pytest.fixture
def server_file(tmp_path: Path) -> Path:
    """A file the server can read that no user should see (a stand-in for /etc/passwd)."""
    path = tmp_path / "private.txt"
    path.write_text(f"{SECRET} alpha beta gamma delta epsilon\n{SECRET} RHIT HIPAA\n", encoding="utf-8")
    return path


def _never_read(outcome) -> None:
    assert SECRET not in str(outcome)


def test_posting_from_text_never_opens_a_path(server_file):
    posting = posting_from_text(str(server_file))
    assert posting.title == str(server_file) and SECRET not in repr(posting)
    with pytest.raises(InvalidInput):
        posting_from_text(server_file.name)  # a one-word "posting" is too short to check against


def test_posting_from_file_takes_a_path_only(server_file):
    assert SECRET in posting_from_file(server_file).title
    with pytest.raises(TypeError):
        posting_from_file(str(server_file))  # type: ignore[arg-type]


def test_check_resume_reads_job_as_text(server_file):
    report = check_resume(builders.plain_docx(), job=str(server_file), filename="r.docx")
    assert SECRET not in str(report.to_dict())


def test_pick_target_is_one_policy():
    assert pick_target(None, None) == ("medical-records-technician", None)
    assert pick_target("medical-coder", None) == ("medical-coder", None)
    assert pick_target("medical-coder", POSTING) == (None, POSTING)
    assert pick_target("medical-coder", "   ") == ("medical-coder", None)
    assert pick_target("  ", None) == ("medical-records-technician", None)


def _app(tmp_path):
    return create_app({"SECRET_KEY": "t", "TESTING": True, "WTF_CSRF_ENABLED": False, "JOBKIT_ISOLATE": False,
                       "JOBKIT_DATABASE": str(tmp_path / "db.sqlite3"), "JOBKIT_BATCH_WORKERS": 1})


def test_api_reads_a_path_as_posting_text(tmp_path, server_file):
    client = _app(tmp_path).test_client()
    response = client.post("/api/v1/check", data={"resume": (io.BytesIO(builders.plain_docx()), "r.docx"),
                                                  "job": str(server_file)}, content_type="multipart/form-data")
    assert SECRET not in response.get_data(as_text=True)


def test_web_form_reads_a_path_as_posting_text(tmp_path, server_file):
    client = _app(tmp_path).test_client()
    response = client.post("/check", data={"resume": (io.BytesIO(builders.plain_docx()), "r.docx"),
                                           "job": str(server_file)}, content_type="multipart/form-data")
    assert SECRET not in response.get_data(as_text=True)


def test_batch_page_reads_a_path_as_posting_text(tmp_path, server_file):
    import zipfile
    # The label is made from the posting when the batch is created; the SECRET line would be its title.

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("jane.docx", builders.plain_docx())
    client = _app(tmp_path).test_client()
    client.get("/batch/")
    response = client.post("/batch/", data={"archive": (io.BytesIO(buffer.getvalue()), "c.zip"), "job": str(server_file),
                                            "pages": "1", "consent": "on"}, content_type="multipart/form-data")
    assert SECRET not in response.get_data(as_text=True)


def test_batch_target_reads_a_path_as_posting_text(tmp_path, server_file):
    resume = tmp_path / "jane.docx"
    resume.write_bytes(builders.plain_docx())
    [result] = list(run_batch([resume], BatchTarget(job=str(server_file)), workers=1))
    assert result.report is not None and SECRET not in str(result.report)


def test_cli_reads_a_posting_file_and_stdin(runner, tmp_path):
    resume = tmp_path / "jane.docx"
    resume.write_bytes(builders.plain_docx())
    posting = tmp_path / "posting.txt"
    posting.write_text(POSTING, encoding="utf-8")
    from_file = runner.invoke(cli, ["check", str(resume), "--job", str(posting), "--json"])
    from_stdin = runner.invoke(cli, ["check", str(resume), "--job", "-", "--json"], input=POSTING)
    assert from_file.exit_code == 0 and from_stdin.exit_code == 0
    assert '"credentials": [\n      "RHIT"' in from_file.output
    # The same report, the file's one named by the file (never "pasted text") when the posting has no title.
    assert json.loads(from_file.output)["job"]["source"] == "posting.txt" and "source" not in json.loads(from_stdin.output)["job"]
    assert from_file.output.replace("    \"source\": \"posting.txt\",\n", "") == from_stdin.output
