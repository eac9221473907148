"""Hardening from the security review: bad requests are 400s (never 500s), per-client
rate limits, cookie and HSTS defaults, file names with bidi controls."""

import io
import socket
import threading
import unicodedata

import pytest
from docx import Document
from docx.enum.text import WD_BREAK
from werkzeug.serving import make_server

from jobkit import read_resume
from jobkit.config import Limits
from jobkit.errors import TooManyPages, UnsupportedFormat
from jobkit.read.filenames import BIDI_CONTROLS, display_name
from jobkit.web import create_app
from jobkit.web.openapi import spec
from tests import builders

BASE = {"SECRET_KEY": "test", "TESTING": True, "WTF_CSRF_ENABLED": False, "JOBKIT_ISOLATE": False}
RESUME = b"JANE DOE\njane@example.com\n\nEXPERIENCE\nMaintained electronic health records in Epic.\n"
CUT_OFF = "The upload was cut off before it finished; try again."
RATE_LIMITED = "Too many checks from your address in a short time. Wait a minute and try again."


def _app(**config):
    return create_app({**BASE, **config})


def _upload(name="r.txt", data=RESUME):
    return {"resume": (io.BytesIO(data), name), "role": "medical-coder"}


def _post(client, path, name="r.txt", data=RESUME, **kwargs):
    return client.post(path, data=_upload(name, data), content_type="multipart/form-data", **kwargs)


def _assert_api_error(response, status, code):
    assert response.status_code == status
    error = response.get_json()["error"]
    assert set(error) == {"status", "code", "title", "message"}
    assert (error["status"], error["code"]) == (status, code)
    return error


# ---------------------------------------------------------------- practice query parameters


@pytest.mark.parametrize("query", ["count=abc", "seed=x", "i=zz", "count=abc&seed=x&i=zz", "count=&i=-3"])
def test_garbled_practice_parameters_fall_back_to_defaults(client, query):
    response = client.get(f"/practice/question?{query}")
    assert response.status_code == 200
    assert "Question 1 of" in response.get_data(as_text=True)


def test_a_garbled_count_is_the_default_round_of_five(client):
    assert "Question 1 of 5" in client.get("/practice/question?count=abc").get_data(as_text=True)
    assert client.get("/practice/start?count=abc").status_code == 302


# ---------------------------------------------------------------- JSON bodies


def _feedback_url(client):
    set_id = client.get("/api/v1/questions").get_json()["sets"][0]["id"]
    question_id = client.get(f"/api/v1/questions/{set_id}").get_json()["questions"][0]["id"]
    return f"/api/v1/questions/{set_id}/{question_id}/feedback"


@pytest.mark.parametrize("depth", [100_000, 20_000])
def test_deeply_nested_json_is_a_400_in_the_api_shape(client, depth):
    response = client.post(_feedback_url(client), data="[" * depth, content_type="application/json")
    _assert_api_error(response, 400, "invalid_input")


def test_nesting_under_the_size_cap_says_what_is_wrong(client):
    response = client.post(_feedback_url(client), data="[" * 20_000, content_type="application/json")
    assert "nested too deeply" in _assert_api_error(response, 400, "invalid_input")["message"]


def test_json_body_size_is_capped(client):
    big = '{"answer": "' + "x" * 70_000 + '"}'
    response = client.post(_feedback_url(client), data=big, content_type="application/json")
    assert "larger than 64 KB" in _assert_api_error(response, 400, "invalid_input")["message"]


def test_a_normal_json_answer_still_gets_feedback(client):
    response = client.post(_feedback_url(client), json={"answer": "I audited charts against the policy weekly."})
    assert response.status_code == 200


# ---------------------------------------------------------------- cut-off uploads

BOUNDARY = "jobkitboundary"
MULTIPART = (
    f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"role\"\r\n\r\nmedical-coder\r\n--{BOUNDARY}\r\n"
    f"Content-Disposition: form-data; name=\"resume\"; filename=\"r.txt\"\r\nContent-Type: text/plain\r\n\r\n"
).encode() + RESUME * 20 + f"\r\n--{BOUNDARY}--\r\n".encode()


def _short_post(client, path, sent, claimed):
    # The test client sets CONTENT_LENGTH from the stream it is given; the override is how a
    # client that promised more bytes than it sent looks to the app.
    return client.post(path, input_stream=io.BytesIO(sent), content_type=f"multipart/form-data; boundary={BOUNDARY}",
                       environ_overrides={"CONTENT_LENGTH": str(claimed)})


def test_a_body_shorter_than_its_content_length_is_a_400_in_the_api(client):
    response = _short_post(client, "/api/v1/check", MULTIPART[: len(MULTIPART) // 2], len(MULTIPART))
    assert _assert_api_error(response, 400, "upload_cut_off")["message"] == CUT_OFF


def test_a_body_shorter_than_its_content_length_is_a_400_page(client):
    response = _short_post(client, "/check", MULTIPART[: len(MULTIPART) // 2], len(MULTIPART))
    assert response.status_code == 400 and CUT_OFF in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/api/v1/check", "/check"])
def test_a_multipart_body_that_stops_mid_part_is_a_cut_off_upload(client, path):
    sent = MULTIPART[: len(MULTIPART) - 30]  # the length header is right, the form just ends early
    response = _short_post(client, path, sent, len(sent))
    assert response.status_code == 400 and CUT_OFF in response.get_data(as_text=True)


def test_a_cut_off_json_body_is_a_400(client):
    url = _feedback_url(client)
    response = client.post(url, input_stream=io.BytesIO(b'{"answer": "I au'), content_type="application/json",
                           environ_overrides={"CONTENT_LENGTH": "200"})
    _assert_api_error(response, 400, "upload_cut_off")


def test_a_client_that_stops_sending_gets_a_prompt_400_from_a_real_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        head = (f"POST /api/v1/check HTTP/1.1\r\nHost: localhost\r\n"
                f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
                f"Content-Length: {len(MULTIPART)}\r\nConnection: close\r\n\r\n").encode()
        with socket.create_connection(("127.0.0.1", server.server_port), timeout=10) as sock:
            sock.sendall(head + MULTIPART[: len(MULTIPART) // 2])
            sock.shutdown(socket.SHUT_WR)
            answer = b"".join(iter(lambda: sock.recv(65536), b""))
    finally:
        server.shutdown()
    assert answer.startswith(b"HTTP/1.1 400") and b"upload_cut_off" in answer


# ---------------------------------------------------------------- DOCX: macro-enabled files, page cap


def _retyped(content_type: bytes) -> bytes:
    data = builders.plain_docx()
    types = builders.read_part(data, "[Content_Types].xml")
    main = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    assert main in types
    return builders.rewrite_part(data, "[Content_Types].xml", types.replace(main, content_type))


DOCM = b"application/vnd.ms-word.document.macroEnabled.main+xml"


def test_a_macro_enabled_docm_is_named_with_its_fix():
    with pytest.raises(UnsupportedFormat) as caught:
        read_resume(_retyped(DOCM), "resume.docm")
    assert caught.value.message == (
        "This is a macro-enabled Word file (.docm). Save it as a Word Document (.docx) without macros "
        "(File > Save As > Word Document), or export to PDF."
    )


def test_a_word_template_is_named_too():
    template = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
    with pytest.raises(UnsupportedFormat, match=r"Word template \(\.dotx\)"):
        read_resume(_retyped(template), "resume.dotx")


def test_the_api_answers_a_docm_with_415(client):
    response = _post(client, "/api/v1/check", "resume.docm", _retyped(DOCM))
    assert "macro-enabled" in _assert_api_error(response, 415, "unsupported_format")["message"]


def _paged_docx(pages: int) -> bytes:
    """One short paragraph a page, each ended by <w:br w:type="page"/>."""
    document = Document()
    for number in range(1, pages + 1):
        paragraph = document.add_paragraph(f"Page {number}: release of information requests processed.")
        if number < pages:
            paragraph.add_run().add_break(WD_BREAK.PAGE)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_the_page_cap_applies_to_docx():
    data = _paged_docx(40)
    assert b'w:type="page"' in builders.read_part(data, "word/document.xml")
    with pytest.raises(TooManyPages, match="40 pages .*at most 30"):
        read_resume(data, "long.docx")
    assert read_resume(data, "long.docx", limits=Limits(max_pages=40)).pages == 40


def test_the_api_refuses_a_docx_over_the_page_cap(client):
    _assert_api_error(_post(client, "/api/v1/check", "long.docx", _paged_docx(40)), 422, "too_many_pages")


# ---------------------------------------------------------------- rate limits


def test_checks_are_limited_per_client_with_a_json_429():
    client = _app(JOBKIT_CHECK_RATE="2 per minute").test_client()
    assert [_post(client, "/api/v1/check").status_code for _ in range(2)] == [200, 200]
    response = _post(client, "/api/v1/check")
    assert _assert_api_error(response, 429, "rate_limited")["message"] == RATE_LIMITED
    assert 0 < int(response.headers["Retry-After"]) <= 60


def test_checks_are_limited_per_client_with_an_html_429():
    client = _app(JOBKIT_CHECK_RATE="2 per minute").test_client()
    assert [_post(client, "/check").status_code for _ in range(2)] == [200, 200]
    response = _post(client, "/check")
    assert response.status_code == 429 and "Retry-After" in response.headers
    assert RATE_LIMITED in response.get_data(as_text=True)


def test_pages_compare_and_api_share_one_check_budget():
    client = _app(JOBKIT_CHECK_RATE="2 per minute").test_client()
    _post(client, "/check")
    compare = {"before": (io.BytesIO(RESUME), "a.txt"), "after": (io.BytesIO(RESUME), "b.txt"), "role": "medical-coder"}
    assert client.post("/compare", data=compare, content_type="multipart/form-data").status_code == 200
    assert _post(client, "/api/v1/check").status_code == 429
    assert client.get("/compare").status_code == 200  # only the POSTs that run checks count
    assert client.get("/api/v1/roles").status_code == 200


def test_a_program_check_spends_the_same_budget():
    client = _app(JOBKIT_CHECK_RATE="2 per minute").test_client()
    assert [_post(client, "/api/v1/programs/example-him-associate/check").status_code for _ in range(2)] == [200, 200]
    _assert_api_error(_post(client, "/api/v1/check"), 429, "rate_limited")


def test_batch_uploads_have_their_own_limit(tmp_path):
    client = _app(JOBKIT_BATCH_RATE="1 per hour", JOBKIT_DATABASE=str(tmp_path / "jobs.sqlite3")).test_client()
    client.get("/batch/")
    assert client.post("/batch/", data={}, content_type="multipart/form-data").status_code != 429
    response = client.post("/batch/", data={}, content_type="multipart/form-data")
    assert response.status_code == 429 and RATE_LIMITED in response.get_data(as_text=True)


def test_limits_are_off_under_testing_unless_a_test_sets_a_rate(app):
    assert app.config["RATELIMIT_ENABLED"] is False
    assert _app(JOBKIT_CHECK_RATE="2 per minute").config["RATELIMIT_ENABLED"] is True
    assert create_app({"SECRET_KEY": "a-test-key-of-more-than-32-characters"}).config["RATELIMIT_ENABLED"] is True
    assert create_app({"SECRET_KEY": "a-test-key-of-more-than-32-characters"}).config["JOBKIT_CHECK_RATE"] == "30 per minute"


def test_behind_the_proxy_fix_each_forwarded_client_counts_separately():
    client = _app(JOBKIT_CHECK_RATE="1 per minute", JOBKIT_PROXY_FIX=True).test_client()
    assert _post(client, "/api/v1/check", headers={"X-Forwarded-For": "203.0.113.1"}).status_code == 200
    assert _post(client, "/api/v1/check", headers={"X-Forwarded-For": "203.0.113.2"}).status_code == 200
    assert _post(client, "/api/v1/check", headers={"X-Forwarded-For": "203.0.113.1"}).status_code == 429


def test_a_rate_that_is_not_a_rate_fails_at_start():
    with pytest.raises(ValueError, match="JOBKIT_CHECK_RATE"):
        _app(JOBKIT_CHECK_RATE="lots")


def test_openapi_lists_the_429():
    responses = spec()["paths"]["/api/v1/check"]["post"]["responses"]
    assert "429" in responses and "Retry-After" in responses["429"]["description"]


# ---------------------------------------------------------------- cookies and HSTS


def _session_cookie(response):
    cookies = [value for value in response.headers.getlist("Set-Cookie") if value.startswith("session=")]
    assert cookies, "the form page should set the session cookie (it holds the CSRF token)"
    return cookies[0]


def _csrf_app(**config):
    return create_app({"SECRET_KEY": "test", "TESTING": True, "JOBKIT_ISOLATE": False, **config})


def test_the_session_cookie_is_httponly_and_samesite_lax():
    response = _csrf_app().test_client().get("/")
    cookie = _session_cookie(response)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie and "Strict-Transport-Security" not in response.headers


def test_jobkit_https_makes_the_cookie_secure_and_adds_hsts():
    response = _csrf_app(JOBKIT_HTTPS=True).test_client().get("/")
    assert "Secure" in _session_cookie(response)
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_a_request_over_https_gets_a_secure_cookie_and_hsts():
    response = _csrf_app().test_client().get("/", base_url="https://localhost")
    assert "Secure" in _session_cookie(response)
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_forwarded_https_counts_only_with_the_proxy_fix():
    forwarded = {"X-Forwarded-Proto": "https"}
    trusted = _csrf_app(JOBKIT_PROXY_FIX=True).test_client().get("/", headers=forwarded)
    assert "Strict-Transport-Security" in trusted.headers and "Secure" in _session_cookie(trusted)
    untrusted = _csrf_app().test_client().get("/", headers=forwarded)
    assert "Strict-Transport-Security" not in untrusted.headers


# ---------------------------------------------------------------- file names


def test_display_name_escapes_bidi_and_control_characters():
    assert display_name("resume\u202efdp.exe.pdf") == "resume\\u202efdp.exe.pdf"
    assert display_name("a\x00b\tc\u200fd\U000e0001.pdf") == "a\\u0000b\\u0009c\\u200fd\\U000e0001.pdf"
    for char in BIDI_CONTROLS:
        assert char not in display_name(f"x{char}y.pdf")


def test_display_name_keeps_the_last_path_part_and_trims():
    assert display_name("C:\\Users\\jane\\resume.docx") == "resume.docx"
    assert display_name("../../etc/r\u00e9sum\u00e9.pdf") == "r\u00e9sum\u00e9.pdf"
    assert display_name("") == "resume" and display_name("folder/") == "resume"
    assert len(display_name("x" * 500)) == 120
    trimmed = display_name("x" * 117 + "\u202e.pdf")
    assert trimmed == "x" * 117  # the six-character escape does not fit, and is not cut in half


def _has_hidden(text: str) -> bool:
    return any(char in BIDI_CONTROLS or unicodedata.category(char) == "Cf" for char in text)


NAME = "resume\u202efdp.exe.txt"
SHOWN = "resume\\u202efdp.exe.txt"


def test_the_report_page_shows_the_escaped_name(client):
    html = _post(client, "/check", NAME).get_data(as_text=True)
    assert SHOWN in html and not _has_hidden(html)


def test_the_api_reports_the_escaped_name_in_json_csv_and_html(client):
    report = _post(client, "/api/v1/check", NAME).get_json()
    assert report["file"] == SHOWN
    for fmt in ("csv", "html"):
        body = _post(client, f"/api/v1/check?format={fmt}", NAME).get_data(as_text=True)
        assert SHOWN in body and not _has_hidden(body)
