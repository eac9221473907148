"""The honest answer on the page and the API (issue 26): links refused, a posting file part read, the figures
carried to the next check, an image-only file in the same words, the match verdict and a short page."""

from __future__ import annotations

from jobkit import check_resume
from jobkit.cli import cli
from jobkit.read import read_resume
from tests.conftest import corpus_path

LINK = "https://www.indeed.com/viewjob?jk=5f2b9c0d1e3a4b6c&from=mobileshare"


def test_the_api_refuses_a_link_and_reads_a_posting_file_part(client):
    import io

    resume = corpus_path("resumes", "pdf_livecareer_medical_record_technician.pdf").read_bytes()
    refused = client.post("/api/v1/check", data={"resume": (io.BytesIO(resume), "r.pdf"), "job": LINK},
                          content_type="multipart/form-data")
    assert refused.status_code == 400 and refused.get_json()["error"]["code"] == "posting_is_link"
    posting = (corpus_path("jobs/j02_va_mrt_roi_canandaigua_ny.txt")).read_bytes()
    sent = client.post("/api/v1/check", data={"resume": (io.BytesIO(resume), "r.pdf"),
                                              "job": (io.BytesIO(posting), "va-roi.txt")},
                       content_type="multipart/form-data")
    body = sent.get_json()
    assert sent.status_code == 200 and body["job"] is not None and body.get("role") is None
    assert body["job"]["name"] != "pasted text"


def test_the_report_page_carries_the_figures_to_the_next_check(client):
    import io
    import re

    resume = corpus_path("resumes", "pdf_livecareer_medical_record_technician.pdf").read_bytes()
    page = client.post("/check", data={"resume": (io.BytesIO(resume), "r.pdf"), "role": "medical-records-technician"},
                       content_type="multipart/form-data").get_data(as_text=True)
    carried = re.search(r'name="previous" value="([^"]+)"', page)
    assert carried is not None
    from html import unescape

    again = client.post("/check", data={"resume": (io.BytesIO(resume), "r.pdf"), "role": "medical-records-technician",
                                        "previous": unescape(carried.group(1))},
                        content_type="multipart/form-data").get_data(as_text=True)
    assert "Since your last check" in again and "0 problems fixed, 0 new" in " ".join(again.split())


def test_an_image_only_pdf_could_not_be_read_as_text_everywhere(runner, client):
    import io

    path = corpus_path("resumes", "pdf_imageonly_no_text_layer_1.pdf")
    result = runner.invoke(cli, ["check", str(path)])
    assert result.exit_code == 1 and "could not be read as text" in result.output
    report = check_resume(read_resume(path))
    assert report.summary.level == "unreadable" and report.summary.label == "Could not be read as text"
    page = client.post("/check", data={"resume": (io.BytesIO(path.read_bytes()), path.name)},
                       content_type="multipart/form-data").get_data(as_text=True)
    assert "Could not be read as text" in page


def test_the_page_says_the_match_verdict_and_shows_few_missing_terms_first(client):
    import io

    resume = corpus_path("resumes", "pdf_livecareer_negative_sous_chef.pdf").read_bytes()
    page = client.post("/check", data={"resume": (io.BytesIO(resume), "chef.pdf")},
                       content_type="multipart/form-data").get_data(as_text=True)
    assert "Does not show this job yet" in page and "Poor match" in page
    assert "Show all" in page
    form = client.get("/").get_data(as_text=True)
    assert "More options" in form and 'id="job-link-error"' in form  # optional fields folded; the link message ready


def test_the_practice_page_names_an_unsafe_answer_first(client):
    url = "/practice/question?set=privacy-hipaa-roi&count=5&seed=0&i=0"
    page = client.post(url, data={"answer": "I just release the entire record to the attorney without an authorization."})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'role="alert" id="unsafe-1"' in html
    assert html.index("This answer would end an interview") < html.index("No key point is credited")
    assert "✓ Covered" not in html
