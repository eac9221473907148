"""The report page's autofill preview, the application system named by the apply link, and the resume's own
downloads (JSON Resume, plain text, Word); the API's jsonresume and txt formats (issue 31)."""

from __future__ import annotations

import io
import json

from jobkit.output.jsonresume import validate_json_resume
from tests.conftest import corpus_path
from tests.web.test_pages import upload
from tests.web.test_report_downloads import fetch, report_form


def _download(client, page: str, fmt: str) -> bytes:
    """One of the page's files, as its button asks for it (the page posts its report back)."""
    report, formats = report_form(page)
    assert fmt in formats
    response = fetch(client, report, fmt)
    assert response.status_code == 200
    return response.get_data()


def test_the_page_shows_the_autofill_preview_the_site_and_the_resume_downloads(client):
    path = corpus_path("resumes", "pdf_chromium_html_twocolumn.pdf")
    response = upload(client, path.read_bytes(), path.name, apply_url="https://boards.greenhouse.io/acme/jobs/1")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "What an application form would fill in" in page and "Senior Software Engineer" in page
    assert "Where you apply: Greenhouse" in page and "Resumes that have a columned layout" in page
    data = json.loads(_download(client, page, "jsonresume"))
    validate_json_resume(data)
    assert data["work"][0]["name"] == "Stripe"
    assert b"EXPERIENCE" in _download(client, page, "txt")
    from docx import Document as WordDocument

    word = WordDocument(io.BytesIO(_download(client, page, "docx")))
    assert "Experience" in [p.text for p in word.paragraphs]


def test_the_apply_link_is_kept_in_the_form_and_optional(client):
    path = corpus_path("resumes", "docx_word_office_coordinator.docx")
    page = upload(client, path.read_bytes(), path.name).get_data(as_text=True)
    assert "Where you apply" not in page and "What an application form would fill in" in page
    form = client.get("/").get_data(as_text=True)
    assert 'name="apply_url"' in form


def _api(client, fmt: str, path) -> str:
    response = client.post(f"/api/v1/check?format={fmt}", data={"resume": (io.BytesIO(path.read_bytes()), path.name)},
                           content_type="multipart/form-data")
    assert response.status_code == 200, response.get_data(as_text=True)[:200]
    return response.get_data(as_text=True)


def test_the_api_returns_json_resume_and_the_plain_rebuild(client):
    path = corpus_path("resumes", "docx_word_office_coordinator.docx")
    data = json.loads(_api(client, "jsonresume", path))
    validate_json_resume(data)
    assert data["basics"]["name"] == "Cody Fredrickson"
    assert "Practice Manager, Brightside Dental" in _api(client, "txt", path)
