"""Every page and every error status through Flask's test client."""

import io
import json
import re

import pytest

from jobkit.cli.commands import cli
from tests import builders
from tests.conftest import corpus_path

MRT = "medical-records-technician"


def upload(client, data, name="resume.pdf", **form):
    fields = {"resume": (io.BytesIO(data), name), "role": MRT, "pages": "1", **form}
    return client.post("/check", data=fields, content_type="multipart/form-data")


@pytest.mark.parametrize(
    "path", ["/", "/compare", "/roles", "/roles/medical-coder", "/privacy", "/practice/", "/practice/question?set=documented&seed=1"]
)
def test_pages_answer(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert b"<h1" in response.data and b'lang="en"' in response.data


def test_upload_shows_the_report_with_the_same_numbers_as_the_cli(client, runner):
    path = corpus_path("resumes", "pdf_livecareer_health_information_specialist.pdf")
    response = upload(client, path.read_bytes(), path.name)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    cli_report = json.loads(runner.invoke(cli, ["check", str(path), "--role", MRT, "--json"]).output)
    assert f'id="match-score">{cli_report["score"]}</strong> of 100' in page
    assert f">{cli_report['summary']['readiness']}</text>" in page
    assert "Release of information (ROI)" in page and "What the ATS sees" in page
    assert "<mark" in page


def test_resume_text_is_escaped(client):
    data = b"JANE DOE\n<script>alert('x')</script>\n\nEXPERIENCE\nMaintained electronic health records <b>daily</b>.\n"
    page = upload(client, data, "r.txt").get_data(as_text=True)
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert "<b>daily</b>" not in page


@pytest.mark.parametrize(
    ("data", "name", "status", "says"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"0" * 50, "photo.pdf", 415, "PNG image"),
        (b"%PDF-1.4 broken", "broken.pdf", 422, "damaged"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old.doc", 415, "legacy Word"),
        (b"", "empty.pdf", 422, "empty (0 bytes)"),
    ],
)
def test_bad_uploads_get_a_clear_error_on_the_form(client, data, name, status, says):
    response = upload(client, data, name)
    assert response.status_code == status
    page = response.get_data(as_text=True)
    assert says in page and 'role="alert"' in page and 'name="resume"' in page


def test_no_file_and_no_target(client):
    assert client.post("/check", data={"role": MRT}, content_type="multipart/form-data").status_code == 400
    response = upload(client, builders.plain_docx(), "r.docx", role="", job="")
    assert response.status_code == 200 and b"Medical Records Technician" in response.data  # the default role


def test_pasted_posting_is_used(client):
    posting = "Medical Records Technician\nRequirements: RHIT required. Release of information and HIPAA.\n"
    page = upload(client, builders.plain_docx(), "r.docx", job=posting).get_data(as_text=True)
    assert "The posting's terms, side by side" in page and "Medical Records Technician" in page
    assert "Check an edited version" in page and 'name="job" value="Medical Records Technician' in page


def test_too_large_upload_is_413(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = upload(client, b"x" * 5000, "big.txt")
    assert response.status_code == 413 and b"larger than the limit" in response.data


def test_unknown_pages_and_roles_are_404(client):
    assert client.get("/nope").status_code == 404
    assert client.get("/roles/astronaut").status_code == 404
    assert client.get("/practice/start?set=astrology").status_code == 404


def test_method_not_allowed(client):
    assert client.get("/check").status_code == 405


def test_csrf_is_enforced_on_forms(csrf_client):
    response = csrf_client.post("/check", data={"resume": (io.BytesIO(b"JANE"), "r.txt"), "role": MRT},
                                content_type="multipart/form-data")
    assert response.status_code == 400 and b"form expired" in response.data
    page = csrf_client.get("/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    ok = csrf_client.post("/check", data={"resume": (io.BytesIO(builders.plain_docx()), "r.docx"), "role": MRT,
                                          "csrf_token": token}, content_type="multipart/form-data")
    assert ok.status_code == 200


def test_compare_two_versions(client):
    before = builders.long_docx(60)
    after = builders.plain_docx()
    response = client.post("/compare", data={"before": (io.BytesIO(before), "v1.docx"), "after": (io.BytesIO(after), "v2.docx"),
                                             "role": MRT, "pages": "1"}, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "What changed" in page and "Terms gained" in page
    assert "Pages" in page


def test_practice_round_and_feedback(client):
    first = client.get("/practice/start?set=documented&count=3")
    assert first.status_code == 302 and "/practice/question" in first.headers["Location"]
    url = "/practice/question?set=documented&seed=1&count=3&i=0"
    page = client.get(url).get_data(as_text=True)
    assert "Question 1 of 3" in page
    answered = client.post(url, data={"answer": "I used Epic for two years, entering and updating patient data."})
    text = answered.get_data(as_text=True)
    assert answered.status_code == 200 and "key points" in text and "Outline of a strong answer" in text
    empty = client.post(url, data={"answer": "  "})
    assert empty.status_code == 400 and b"Type an answer first" in empty.data


def test_gap_round_from_a_report(client):
    page = client.get("/practice/question?gaps=cred-ctr,cancer-registry&count=2&i=0").get_data(as_text=True)
    assert "Specializations" in page


def test_roles_pages_show_terms_and_sources(client):
    page = client.get("/roles/cancer-registrar").get_data(as_text=True)
    assert "Cancer registry" in page and "Sources" in page and "tumor registrar posting" in page
    assert "job:j11" not in page and "seed:" not in page  # source ids are shown in plain words


def test_an_image_only_pdf_gets_one_clear_state(client):
    path = corpus_path("resumes", "pdf_imageonly_no_text_layer_1.pdf")
    page = upload(client, path.read_bytes(), path.name).get_data(as_text=True)
    assert "Could not be read as text: an ATS sees a blank page" in page and "Save As" in page
    for wrong in ("Fix these first", "Practice interview questions", "within the", "reads as a different field"):
        assert wrong not in page


def test_recheck_keeps_the_posting_role_and_pages(client):
    page = client.post("/", data={"role": "medical-coder", "job": "Coder\nRequired: CPT",
                                         "pages": "2"}).get_data(as_text=True)
    assert "Coder\nRequired: CPT</textarea>" in page and 'value="medical-coder" selected' in page and 'value="2"' in page
    compare = client.post("/compare", data={"job": "Coder"}).get_data(as_text=True)
    assert 'name="before"' in compare and ">Coder</textarea>" in compare


def test_the_upload_limit_is_shown_in_the_unit_that_fits():
    """The form says the limit as errors do (format_size): 1000 bytes is not "up to 1 MB"."""
    from dataclasses import replace

    from jobkit.web import create_app

    app = create_app({"SECRET_KEY": "test", "TESTING": True, "JOBKIT_ISOLATE": False})
    assert "up to 10&nbsp;MB." in app.test_client().get("/").get_data(as_text=True)
    app.config["JOBKIT_LIMITS"] = replace(app.config["JOBKIT_LIMITS"], max_bytes=1000)
    page = app.test_client().get("/").get_data(as_text=True)
    assert "up to 1000&nbsp;bytes." in page and "data-max-bytes=\"1000\"" in page
