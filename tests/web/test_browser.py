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
    app = create_app({"SECRET_KEY": "browser-test-key-of-more-than-32-characters", "JOBKIT_ISOLATE": True, "JOBKIT_WORKERS": 1,
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
    assert score and 0 <= int(score) <= 100
    assert page.locator(".terms summary", has_text="Release of information (ROI)").count() == 1
    assert page.locator(".ats mark").count() > 0
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)

    page.click("text=For advisors and tools")  # the data files are folded away from job seekers
    with page.expect_download() as saved:
        page.click("button[form=report-files][value=csv]")  # posts the page's report back for the file
    row = Path(saved.value.path()).read_text(encoding="utf-8").splitlines()[1]
    assert row.split(",")[1] == score.split("/")[0]  # the saved CSV has the page's score
    with page.expect_download() as saved:
        page.click("button[form=report-files][value=html]")
    assert "What the ATS sees" in Path(saved.value.path()).read_text(encoding="utf-8")

    page.click("text=Practice interview questions on your gaps")
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
    page.check("#consent")
    page.click("button[type=submit]")
    page.wait_for_selector("text=Download CSV", timeout=60_000)
    assert page.locator("#histogram-h").count() == 1
    assert page.locator("text=doc_legacy_word97_medical_assistant.doc").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "batch-report.png"), full_page=True)
    batch_url = page.url

    page.set_viewport_size({"width": 390, "height": 844})
    assert _no_horizontal_scroll(page), "the batch page scrolls sideways on a phone"
    page.screenshot(path=str(ARTIFACTS / "phone-batch-report.png"), full_page=True)
    page.click("#rows-h ~ div a:has-text('pdf_livecareer_medical_record_technician.pdf')")  # that resume's stored report
    page.wait_for_selector("h1:has-text('ATS report for')")
    assert page.locator("#ats-h").is_hidden()  # a batch keeps no extracted text: the section is not shown empty
    assert _no_horizontal_scroll(page)
    page.goto(server + "/batch/")
    import re
    assert re.search(r"[A-Z][a-z]{2} \d{1,2}, \d{4}, 4 resumes", page.text_content("#batches-h ~ table"))
    assert _no_horizontal_scroll(page)
    page.screenshot(path=str(ARTIFACTS / "phone-batch-index.png"), full_page=True)

    page.goto(batch_url)
    page.click("text=Delete this batch and its results now")
    page.wait_for_selector("h1:has-text('Delete this batch?')")  # a confirmation step, no JavaScript needed
    page.click("text=No, keep it")
    page.wait_for_selector("text=Download CSV")
    page.click("text=Delete this batch and its results now")
    page.click("text=Yes, delete the batch and its results")
    page.wait_for_selector("text=The batch and its results were deleted.")


# Phone layout, over-limit uploads, the working state (the issue "The report a job seeker reads").

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True}
MB = 1024 * 1024


def _oversized(tmp_path, name="scan.pdf", megabytes=12):
    big = tmp_path / name
    big.write_bytes(b"%PDF-1.4\n" + b"0" * (megabytes * MB))
    return big


def test_no_sideways_scroll_and_no_letter_by_letter_words_at_390(server, browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    for path in ("/", "/compare", "/roles", "/roles/medical-records-technician", "/privacy", "/practice/", "/batch/"):
        page.goto(server + path)
        assert _no_horizontal_scroll(page), path
    page.goto(server + "/practice/")
    heights = page.eval_on_selector_all("td .button", "els => els.map(e => e.getBoundingClientRect().height)")
    assert heights and max(heights) < 50, "a Start button wraps inside its word"
    page.goto(server + "/roles/medical-records-technician")
    assert page.evaluate("document.documentElement.scrollHeight") < 8000, "the role page breaks words letter by letter"
    assert "seed:" not in page.content() and "job:j" not in page.content()
    page.goto(server + "/compare")
    page.set_input_files("#before", str(corpus_path("resumes", "docx_word_textboxes_header_3sections.docx")))
    page.set_input_files("#after", str(corpus_path("resumes", "pdf_livecareer_health_information_specialist.pdf")))
    page.click("form.panel button[type=submit]")
    page.wait_for_selector("#diff-h")
    assert _no_horizontal_scroll(page), "the compare table is wider than the phone"
    page.screenshot(path=str(ARTIFACTS / "phone-compare-result.png"), full_page=True)
    context.close()


def test_an_oversized_file_is_refused_before_upload_and_the_posting_stays(server, page, tmp_path):
    posting = "Medical Records Technician\nRequired: RHIT, release of information."
    page.goto(server + "/")
    page.fill("#job", posting)
    page.select_option("#role", "medical-coder")
    page.set_input_files("#resume", str(_oversized(tmp_path)))
    posted = []
    page.on("request", lambda request: posted.append(request.url) if request.method == "POST" else None)
    page.click("form.panel button[type=submit]")
    alert = page.wait_for_selector("[role=alert]")
    assert "over the 10 MB limit" in alert.text_content()
    assert not posted, "the browser sent the oversized file"
    assert page.input_value("#job") == posting and page.input_value("#role") == "medical-coder"
    assert page.get_attribute("#resume", "aria-invalid") == "true"
    assert page.is_enabled("form.panel button[type=submit]")


def test_without_javascript_an_oversized_upload_explains_the_lost_posting(server, browser, tmp_path):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "/compare")
    assert "up to 10 MB each" in page.text_content("form.panel").replace("\xa0", " ")
    page.goto(server + "/")
    assert "up to 10 MB" in page.text_content("label[for=resume]").replace("\xa0", " ")
    page.fill("#job", "Coder posting")
    page.set_input_files("#resume", str(_oversized(tmp_path)))
    page.click("form.panel button[type=submit]")
    alert = page.wait_for_selector("[role=alert]")
    text = alert.text_content()
    assert "larger than the limit of 10 MB" in text and "could not be kept" in text and "paste the posting again" in text
    assert page.locator("#resume").count() == 1 and "Payload Too Large" not in page.content()
    context.close()


def test_the_button_says_checking_while_the_check_runs(server, page):
    page.goto(server + "/")
    # Hold the submission in the page (after check.js has run) to look at the working state.
    page.evaluate("document.querySelector('form.panel').addEventListener('submit', e => e.preventDefault())")
    page.set_input_files("#resume", str(corpus_path("resumes", "docx_word_textboxes_header_3sections.docx")))
    page.click("form.panel button[type=submit]")
    page.wait_for_function("document.querySelector('form.panel button[type=submit]').disabled")
    assert page.text_content("form.panel button[type=submit]") == "Checking…"
    assert "Checking your resume" in page.text_content("[role=status]")
    page.goto(server + "/")  # with JavaScript on, the form still sends and the report comes back
    page.set_input_files("#resume", str(corpus_path("resumes", "docx_word_textboxes_header_3sections.docx")))
    page.click("form.panel button[type=submit]")
    page.wait_for_selector("h1:has-text('ATS report for')")


def test_without_javascript_the_form_still_submits(server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "/")
    page.set_input_files("#resume", str(corpus_path("resumes", "docx_word_textboxes_header_3sections.docx")))
    page.click("form.panel button[type=submit]")
    page.wait_for_selector("h1:has-text('ATS report for')")
    context.close()


# Through Flask's test client: no browser needed.

def _token(client, path="/"):
    import re

    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).get_data(as_text=True)).group(1)


def test_an_upload_over_the_request_limit_gets_the_form_back_with_the_reason(csrf_client):
    import io

    body = {"csrf_token": _token(csrf_client), "resume": (io.BytesIO(b"%PDF-1.4\n" + b"0" * (12 * MB)), "scan.pdf"),
            "role": "medical-coder", "job": "Coder posting", "pages": "2"}
    response = csrf_client.post("/check", data=body, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 413 and 'role="alert"' in page and 'name="resume"' in page
    assert "larger than the limit of 10 MB" in page and "could not be kept" in page and "up to 10&nbsp;MB" in page


def test_compare_takes_two_files_each_under_the_limit_and_names_the_one_over(csrf_client):
    import io

    token = _token(csrf_client, "/compare")
    body = {"csrf_token": token, "before": (io.BytesIO(b"%PDF-1.4\n" + b"0" * (11 * MB)), "a.pdf"),
            "after": (io.BytesIO(b"x" * (6 * MB)), "b.txt"), "job": "Coder posting", "role": "medical-coder"}
    response = csrf_client.post("/compare", data=body, content_type="multipart/form-data")  # 17 MB in all
    page = response.get_data(as_text=True)
    assert response.status_code == 413 and "The earlier version is larger than the limit of 10 MB" in page
    assert ">Coder posting</textarea>" in page  # under the request limit: the posting is kept


def test_the_index_and_compare_take_a_prefill_and_the_post_needs_the_csrf_token(csrf_client):
    page = csrf_client.get("/?role=medical-coder&pages=3").get_data(as_text=True)
    assert 'value="medical-coder" selected' in page and 'value="3"' in page
    page = csrf_client.get("/compare?role=astronaut&pages=99").get_data(as_text=True)
    assert 'value="medical-records-technician" selected' in page and 'name="pages" type="number" min="1" max="5" value=""' in page
    assert csrf_client.post("/", data={"role": "medical-coder", "job": "Coder"}).status_code == 400
    page = csrf_client.post("/", data={"csrf_token": _token(csrf_client), "role": "medical-coder", "job": "Coder",
                                       "pages": "2"}).get_data(as_text=True)
    assert ">Coder</textarea>" in page and 'value="medical-coder" selected' in page
