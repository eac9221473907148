"""End to end in a real browser: Playwright driving Debian's Chromium, headless.

Playwright cannot download its own browser here, so it launches the
executable at JOBKIT_CHROMIUM (default /usr/bin/chromium); the tests skip
with that reason when it is absent. Screenshots of every page land in
tests/artifacts/ for a person to look at.
"""

import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from jobkit.web import create_app
from tests.conftest import corpus_path

pytestmark = pytest.mark.browser
CHROMIUM = os.environ.get("JOBKIT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    database = tmp_path_factory.mktemp("db") / "jobs.sqlite3"
    app = create_app({"SECRET_KEY": "browser-test", "JOBKIT_ISOLATE": True, "JOBKIT_WORKERS": 1,
                      "JOBKIT_DATABASE": str(database), "JOBKIT_BATCH_WORKERS": 1})
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    pool = app.extensions.get("jobkit_pool")
    if pool:
        pool.close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM} (install Debian's chromium or set JOBKIT_CHROMIUM)")
    sync_api = pytest.importorskip("playwright.sync_api")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


def _no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_upload_a_real_pdf_and_see_the_score_and_a_matched_term(server, page):
    resume = corpus_path("resumes", "pdf_livecareer_health_information_specialist.pdf")
    page.goto(server + "/")
    page.screenshot(path=str(ARTIFACTS / "index.png"), full_page=True)
    page.set_input_files("#resume", str(resume))
    page.select_option("#role", "release-of-information-specialist")
    page.click("button[type=submit]")
    page.wait_for_selector("h1:has-text('ATS report for')")
    score = page.text_content("#match-score")
    assert score and score.endswith("/100") and 0 <= int(score.split("/")[0]) <= 100
    assert page.locator(".terms li strong", has_text="Release of information (ROI)").count() == 1
    assert page.locator(".ats mark").count() > 0
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)

    with page.expect_download() as saved:
        page.click("a[download$='.csv']")
    row = Path(saved.value.path()).read_text(encoding="utf-8").splitlines()[1]
    assert row.split(",")[1] == score.split("/")[0]  # the saved CSV has the page's score
    with page.expect_download() as saved:
        page.click("a[download$='.html']")
    assert "What the ATS sees" in Path(saved.value.path()).read_text(encoding="utf-8")

    page.click("text=Practise interview questions for your gaps")
    page.wait_for_selector("text=Question 1 of")
    page.fill("#answer", "When I processed a release of information request I checked the signed authorization, "
                         "verified the patient's identity, released only the records covered and logged the disclosure.")
    page.click("text=Check my answer")
    page.wait_for_selector("#feedback-h")
    assert "key points" in page.text_content("#feedback-h ~ p")
    page.screenshot(path=str(ARTIFACTS / "practice.png"), full_page=True)


def test_pages_render_on_a_phone_without_sideways_scrolling(server, browser):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    for path, name in (("/", "phone-index"), ("/practice/", "phone-practice"), ("/roles/medical-coder", "phone-role"),
                       ("/privacy", "phone-privacy"), ("/compare", "phone-compare")):
        page.goto(server + path)
        assert _no_horizontal_scroll(page), path
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    page.goto(server + "/")
    page.set_input_files("#resume", str(corpus_path("resumes", "docx_word_textboxes_header_3sections.docx")))
    page.click("button[type=submit]")
    page.wait_for_selector("h1:has-text('ATS report for')")
    assert page.locator("text=Text boxes").count() >= 1
    assert _no_horizontal_scroll(page), "the report scrolls sideways on a phone"
    page.screenshot(path=str(ARTIFACTS / "phone-report.png"), full_page=True)
    context.close()


def test_keyboard_users_can_skip_to_content_and_reach_the_form(server, page):
    page.goto(server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "resume":
            break
    assert page.evaluate("document.activeElement.id") == "resume"
    labels = page.evaluate("Array.from(document.querySelectorAll('input,select,textarea')).filter(e => e.type !== 'hidden')"
                           ".every(e => e.labels && e.labels.length > 0)")
    assert labels


def test_a_bad_file_shows_the_error_in_the_page(server, page, tmp_path):
    bad = tmp_path / "photo.pdf"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    page.goto(server + "/")
    page.set_input_files("#resume", str(bad))
    page.click("button[type=submit]")
    alert = page.wait_for_selector("[role=alert]")
    assert "PNG image" in alert.text_content()


def test_batch_upload_shows_progress_then_the_cohort_report(server, page, tmp_path):
    import zipfile

    archive = tmp_path / "class.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for name in ("pdf_livecareer_medical_record_technician.pdf", "pdf_livecareer_negative_sous_chef.pdf",
                     "docx_word_textboxes_header_3sections.docx", "doc_legacy_word97_medical_assistant.doc"):
            z.write(corpus_path("resumes", name), name)
    page.goto(server + "/batch/")
    page.set_input_files("#archive", str(archive))
    page.click("button[type=submit]")
    page.wait_for_selector("text=Download CSV", timeout=60_000)
    assert page.locator("#histogram-h").count() == 1
    assert page.locator("text=doc_legacy_word97_medical_assistant.doc").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "batch-report.png"), full_page=True)
