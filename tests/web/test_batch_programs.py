"""Career centers in the browser: a program rubric on the Batch page, consent, each student's criteria,
progress between two batches, and the same rubric through the API."""

import csv
import io
import json
import re
import sqlite3
import zipfile

import pytest

from jobkit.batch.rubric import document_lines, evaluate
from jobkit.pipeline import check_resume
from jobkit.data.programs import load_program
from jobkit.web import create_app
from tests.conftest import corpus_path
from tests.helpers import wait_for_batch
from tests.batch.conftest import JANE_AFTER, JANE_BEFORE, JOHN_AFTER, JOHN_BEFORE, PROGRAM

# A practicum named on a line that holds nothing else jobkit knows: only the resume's own lines show it.
PRACTICUM_ONLY = """\
MARY MAJOR
mary.major@example.com | (512) 555-0122

SUMMARY
Health information technology student.

EXPERIENCE
Practicum
Lakeside Clinic, Jan 2027 - Apr 2027

EDUCATION
Associate of Applied Science in Health Information Technology, Lakeside College, May 2027
"""


@pytest.fixture
def app(tmp_path):
    return create_app({"SECRET_KEY": "t", "TESTING": True, "WTF_CSRF_ENABLED": False, "JOBKIT_ISOLATE": False,
                       "JOBKIT_DATABASE": str(tmp_path / "jobs.sqlite3"), "JOBKIT_BATCH_WORKERS": 1})


@pytest.fixture
def client(app):
    client = app.test_client()
    client.get("/batch/")  # as a browser does: the page gives the session its key
    return client


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, text in files.items():
            z.writestr(name, text)
    return buffer.getvalue()


def _start(client, files, **form):
    fields = {"archive": (io.BytesIO(_zip(files)), "class.zip"), "program": PROGRAM, "consent": "on", **form}
    response = client.post("/batch/", data=fields, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)[:400]
    url = response.headers["Location"]
    assert wait_for_batch(client, url)["state"] == "done"
    return url


def test_a_batch_needs_the_advisors_consent(app, client, tmp_path):
    fields = {"archive": (io.BytesIO(_zip({"jane.txt": JANE_AFTER})), "class.zip"), "program": PROGRAM}
    response = client.post("/batch/", data=fields, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "students whose resumes are in the zip agreed" in page
    assert 'id="consent"' in page and 'value="example-him-associate" selected' in page  # the form keeps its choices
    with sqlite3.connect(tmp_path / "jobs.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM batches").fetchone()[0] == 0
    assert not list((tmp_path / "jobs.sqlite3.uploads").glob("*")) if (tmp_path / "jobs.sqlite3.uploads").exists() else True


def test_the_batch_page_offers_the_programs_and_says_who_can_delete(client):
    page = client.get("/batch/").get_data(as_text=True)
    assert '<select id="program" name="program"' in page and "Health Information Technology, A.A.S." in page
    assert 'id="consent" name="consent" type="checkbox" required' in page
    assert "anyone with the batch's link can open or delete" in page
    privacy = client.get("/privacy").get_data(as_text=True)
    assert "confirms that the students agreed" in privacy and "Whoever holds the link" in privacy


def test_a_program_batch_judges_every_student(app, client, tmp_path):
    url = _start(client, {"jane.txt": JANE_AFTER, "john.txt": JOHN_BEFORE, "mary.txt": PRACTICUM_ONLY,
                          "broken.pdf": "%PDF-1.7\n1 0 obj << /Type"})
    page = client.get(url).get_data(as_text=True)
    assert "program rubric" in page and "Health Information Technology, A.A.S." in page
    assert "pass rate per criterion" in page and re.search(r"\d of 9 passed", page)
    assert re.search(r"You confirmed on [A-Z][a-z]+ \d{1,2}, \d{4} that the students agreed", page)
    assert re.search(r"Kept until [A-Z][a-z]+ \d{1,2}, \d{4}", page)
    with sqlite3.connect(tmp_path / "jobs.sqlite3") as db:
        consent, target = db.execute("SELECT consent_at, target FROM batches").fetchone()
    assert consent is not None and json.loads(target)["program"] == PROGRAM

    rows = list(csv.DictReader(io.StringIO(client.get(url + "/results.csv").get_data(as_text=True))))
    by_file = {r["file"].rsplit("/", 1)[-1]: r for r in rows}
    assert by_file["jane.txt"]["rubric_passed"] == "yes" and by_file["john.txt"]["rubric_passed"] == "no"
    assert by_file["broken.pdf"]["criterion_score"] == ""  # not checked: no verdict
    # Mary's practicum is on a line with nothing else jobkit knows; the worker judged it with her lines.
    assert by_file["mary.txt"]["criterion_practicum"] == "pass"
    lines = [json.loads(line) for line in client.get(url + "/results.jsonl").get_data(as_text=True).splitlines()]
    assert sum(1 for line in lines if "rubric" in line) == 3

    link = re.search(r'href="(/batch/[^"]+/resumes/\d+)">[^<]*jane\.txt<', page).group(1)
    jane = client.get(link).get_data(as_text=True)
    assert "Program criteria: 9 of 9 passed" in jane and "Passes: Professional practice experience (PPE) listed under Experience" in jane
    assert "Found under experience" in jane
    john = client.get(re.search(r'href="(/batch/[^"]+/resumes/\d+)">[^<]*john\.txt<', page).group(1)).get_data(as_text=True)
    assert "Does not pass: Lists RHIT" in john and "RHIT eligible" in john


def test_the_worker_sees_a_practicum_the_stored_record_does_not_quote():
    program = load_program(PROGRAM)
    report = check_resume(PRACTICUM_ONLY.encode(), role=program.role, filename="mary.txt")
    record = report.to_record()
    assert evaluate(program, record).get("practicum").passed is False  # the record alone quotes no such line
    assert evaluate(program, record, document_lines(report.document)).get("practicum").passed is True


def test_progress_between_two_batches(client):
    before = _start(client, {"jane.txt": JANE_BEFORE, "john.txt": JOHN_BEFORE})
    after = _start(client, {"2027/Jane.TXT": JANE_AFTER, "john.txt": JOHN_AFTER, "new.txt": JANE_BEFORE})
    before_id, after_id = before.rsplit("/", 1)[-1], after.rsplit("/", 1)[-1]
    assert "Compare two batches" in client.get("/batch/").get_data(as_text=True)
    form = client.get("/batch/progress/").get_data(as_text=True)
    assert form.count("<option") == 4  # two batches in each select

    page = client.get(f"/batch/progress/?before={before_id}&after={after_id}").get_data(as_text=True)
    assert "Pass rate per criterion" in page and "2 matched by file name" in page
    assert re.search(r"Jane\.TXT</td>.*?\(\+\d+\)", page, re.S)  # Jane's keyword match went up
    assert "Now passes" in page and "Lists RHIT" in page and "new.txt" in page  # only in the later batch
    rows = {r["file"].rsplit("/", 1)[-1]: r for r in csv.DictReader(io.StringIO(client.get(
        f"/batch/progress/progress.csv?before={before_id}&after={after_id}").get_data(as_text=True)))}
    assert int(rows["Jane.TXT"]["score_change"]) > 0 and "credentials" in rows["Jane.TXT"]["criteria_improved"]
    assert int(rows["john.txt"]["score_change"]) > 0 and rows["new.txt"]["status"] == "only_new"

    same = client.get(f"/batch/progress/?before={after_id}&after={after_id}").get_data(as_text=True)
    assert "Choose two different batches" in same
    assert client.get(f"/batch/progress/progress.csv?before={after_id}&after={after_id}").status_code == 400
    assert client.get(f"/batch/progress/?before=nope&after={after_id}").status_code == 404


def test_the_api_checks_one_resume_against_a_program(client):
    listed = client.get("/api/v1/programs").get_json()["programs"]
    assert [p["id"] for p in listed] == [PROGRAM] and listed[0]["criteria"][0]["label"].startswith("Keyword match")
    response = client.post(f"/api/v1/programs/{PROGRAM}/check", content_type="multipart/form-data",
                           data={"resume": (io.BytesIO(PRACTICUM_ONLY.encode()), "mary.txt")})
    body = response.get_json()
    assert response.status_code == 200 and body["program"]["id"] == PROGRAM
    criteria = {c["id"]: c for c in body["rubric"]["criteria"]}
    assert criteria["practicum"]["passed"] is True and body["rubric"]["passed"] is False
    assert body["report"]["file"] == "mary.txt"
    assert client.post("/api/v1/programs/nope/check", content_type="multipart/form-data",
                       data={"resume": (io.BytesIO(b"x"), "a.txt")}).status_code == 404


@pytest.mark.parametrize("program_id", ["a" * 251, "example-him-associate\n", "../programs/x", "x\x00"])
def test_an_odd_program_id_is_not_found_not_a_server_error(client, program_id):
    from urllib.parse import quote

    assert client.get("/api/v1/programs/" + quote(program_id)).status_code == 404
    response = client.post("/batch/", data={"archive": (io.BytesIO(_zip({"a.txt": JANE_AFTER})), "c.zip"),
                                            "program": program_id, "consent": "on"}, content_type="multipart/form-data")
    assert response.status_code == 404 and "must be 1 to 100 lower-case letters" in response.get_data(as_text=True)


def test_an_advisor_sees_who_fails_each_criterion_and_filters_the_table(client):
    scan = corpus_path("resumes", "pdf_imageonly_no_text_layer_1.pdf").read_bytes()  # read, but no text: not checked
    url = _start(client, {"jane.txt": JANE_AFTER, "john.txt": JOHN_BEFORE, "scan.pdf": scan,
                          "broken.pdf": "%PDF-1.7\n1 0 obj << /Type"})
    cohort = client.get(url + "/cohort.json").get_json()
    failing = {c["id"]: c["failing"] for c in cohort["rubric"]["criteria"]}
    criterion = "credentials"
    assert failing[criterion] == ["class.zip/john.txt"] and failing["pages"] == []
    page = client.get(url).get_data(as_text=True)
    assert "Who does not pass each criterion" in page and f'href="?failing={criterion}#rows-h"' in page
    assert "Next three things" in page
    filtered = client.get(f"{url}?failing={criterion}&sort=file").get_data(as_text=True)
    assert "john.txt</a>" in filtered and "jane.txt</a>" not in filtered and "1 of 4 shown" in filtered
    status = client.get(url + "/status.json").get_json()
    assert status["errors"] == cohort["errors"] == 2  # the page and status.json count the same files
