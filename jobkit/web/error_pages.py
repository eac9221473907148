"""One error shape for the JSON API, and the HTTP status for each jobkit error."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, render_template, request
from werkzeug.exceptions import ClientDisconnected, HTTPException

from jobkit.errors import (
    BatchStoreUnavailable, Busy, CorruptDocument, DataFileError, EmptyDocument, EncryptedDocument, FileTooLarge,
    InvalidInput, JobkitError, NotFound, ReadTimeout, StorageFull, TooManyPages, UnsafeDocument, UnsupportedFormat,
)

STATUS = {
    UnsupportedFormat: 415,
    FileTooLarge: 413,
    NotFound: 404,
    InvalidInput: 400,
    EmptyDocument: 422,
    CorruptDocument: 422,
    EncryptedDocument: 422,
    TooManyPages: 422,
    UnsafeDocument: 422,
    ReadTimeout: 422,
    DataFileError: 500,
    Busy: 429,
    BatchStoreUnavailable: 503,
    StorageFull: 507,
}
TITLES = {400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 413: "Payload Too Large",
          415: "Unsupported Media Type", 429: "Too Many Requests", 422: "Unprocessable Content",
          500: "Internal Server Error", 503: "Service Unavailable", 507: "Insufficient Storage"}


# Page headings in plain words (the API keeps the HTTP reason phrases above in its "title").
PAGE_TITLES = {400: "Something in that request was wrong", 404: "Page not found", 405: "That page cannot be used this way",
               413: "The upload is too large", 415: "That file type cannot be read", 422: "We could not read that file",
               429: "Too many checks in a short time", 500: "Something went wrong",
               503: "This part of the site is unavailable right now", 507: "The server's disk is full"}


def status_for(error: JobkitError) -> int:
    for cls, status in STATUS.items():
        if isinstance(error, cls):
            return status
    return 500


def error_body(status: int, code: str, message: str) -> dict[str, Any]:
    """The API's only error shape: {"error": {"status", "code", "title", "message"}}."""
    return {"error": {"status": status, "code": code, "title": TITLES.get(status, "Error"), "message": message}}


def wants_json() -> bool:
    return request.path.startswith("/api/")


def respond(status: int, code: str, message: str) -> tuple[Response | str, int]:
    if wants_json():
        return jsonify(error_body(status, code, message)), status
    return render_template("error.html", status=status, title=PAGE_TITLES.get(status, "Something went wrong"),
                           message=message), status


def handle_jobkit_error(error: JobkitError) -> tuple[Response | str, int]:
    return respond(status_for(error), error.code, error.message)


CUT_OFF = "The upload was cut off before it finished; try again."
RATE_LIMITED = "Too many checks from your address in a short time. Wait a minute and try again."


def handle_cut_off(error: ClientDisconnected) -> tuple[Response | str, int]:
    """The body ended before its Content-Length or its last form part: a 400, never a 500."""
    return respond(400, "upload_cut_off", CUT_OFF)


def handle_http_error(error: HTTPException) -> tuple[Response | str, int]:
    status = error.code or 500
    if status == 429:  # Flask-Limiter's RateLimitExceeded; its after-request hook adds Retry-After
        return respond(429, "rate_limited", RATE_LIMITED)
    codes = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 413: "file_too_large"}
    message = error.description or TITLES.get(status, "Error")
    if status == 413:
        message = "The upload is larger than the limit. A resume is rarely over 1 MB: remove large images or export again."
    if getattr(error, "name", "") == "CSRF Error" or "CSRF" in (error.description or ""):
        return respond(400, "csrf_failed", "The form expired or came from another site. Reload the page and try again.")
    return respond(status, codes.get(status, "http_error"), message)


def handle_unexpected(error: Exception) -> tuple[Response | str, int]:
    # The exception type only: messages from parsers can quote file content.
    from flask import current_app

    current_app.logger.error("unexpected %s on %s %s", type(error).__name__, request.method, request.path)
    return respond(500, "internal_error", "Something went wrong on our side. Nothing you uploaded was kept.")
