"""Per-client limits on the requests that run checks (Flask-Limiter).

Clients are told apart by their address (``request.remote_addr``; behind a
proxy set ``JOBKIT_PROXY_FIX=1`` so it is the client's, not the proxy's).
Counts live in memory by default, so each server process counts on its
own: with ``--workers 4`` a client can make up to four times the rate.
``JOBKIT_RATELIMIT_STORAGE`` takes any Flask-Limiter storage URI (for
example ``memcached://localhost:11211`` or ``redis://localhost:6379``) for
one count shared by every process.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits import parse_many

from jobkit.config import Settings

# Every POST that reads resumes counts against one budget, whichever page or API it comes through.
CHECK_ENDPOINTS = ("pages.check", "pages.compare", "api.check", "api.program_check")
BATCH_ENDPOINT = "batch.create"
DOWNLOAD_ENDPOINT = "downloads.download"  # a report page's file, built on request: as many a minute as checks
# Wrong advisor keys one client address may try (jobkit.web.advisor_access): a right key does not count.
KEY_ENDPOINT, KEY_RATE, WRONG_KEY_STATUS = "keys.open_with_key", "10 per hour", 403
RATE_KEYS = ("JOBKIT_CHECK_RATE", "JOBKIT_BATCH_RATE")


def app_config(settings: Settings) -> dict[str, Any]:
    """The app's rate-limit config, from JOBKIT_CHECK_RATE, JOBKIT_BATCH_RATE and JOBKIT_RATELIMIT_STORAGE."""
    return {
        "JOBKIT_CHECK_RATE": settings.check_rate,
        "JOBKIT_BATCH_RATE": settings.batch_rate,
        "RATELIMIT_STORAGE_URI": settings.ratelimit_storage,
        "RATELIMIT_HEADERS_ENABLED": True,  # X-RateLimit-* on limited routes, Retry-After on a 429
    }


def enabled_by_default(settings: dict[str, Any], overrides: dict[str, Any]) -> bool:
    """On, except under TESTING: the test suite posts many checks, so a test that
    wants limits sets a rate (or RATELIMIT_ENABLED) in its config."""
    return not settings.get("TESTING") or any(key in overrides for key in RATE_KEYS)


def init_limiter(app: Flask) -> Limiter:
    """Attach the limits to the registered views (after every blueprint is registered)."""
    for key in RATE_KEYS:
        _check_rate(key, app.config[key])
    limiter = Limiter(get_remote_address, app=app)
    # Flask-Limiter holds only weak references to its Limiter: without this one it is collected
    # and every limited view fails with ReferenceError.
    app.extensions["jobkit_limiter"] = limiter
    check = limiter.shared_limit(app.config["JOBKIT_CHECK_RATE"], scope="check", methods=["POST"])
    for endpoint in CHECK_ENDPOINTS:
        app.view_functions[endpoint] = check(app.view_functions[endpoint])
    if DOWNLOAD_ENDPOINT in app.view_functions:
        files = limiter.shared_limit(app.config["JOBKIT_CHECK_RATE"], scope="download", methods=["POST"])
        app.view_functions[DOWNLOAD_ENDPOINT] = files(app.view_functions[DOWNLOAD_ENDPOINT])
    if BATCH_ENDPOINT in app.view_functions:
        batch = limiter.limit(app.config["JOBKIT_BATCH_RATE"], methods=["POST"])
        app.view_functions[BATCH_ENDPOINT] = batch(app.view_functions[BATCH_ENDPOINT])
    if KEY_ENDPOINT in app.view_functions:
        wrong = limiter.limit(KEY_RATE, methods=["POST"], deduct_when=lambda r: r.status_code == WRONG_KEY_STATUS)
        app.view_functions[KEY_ENDPOINT] = wrong(app.view_functions[KEY_ENDPOINT])
    return limiter


def _check_rate(key: str, value: str) -> None:
    """Refuse a bad rate when the app starts, not with a 500 on the first request."""
    try:
        parse_many(value)
    except ValueError:
        raise ValueError(f"{key}={value!r} is not a rate; write it like '30 per minute' or '10/hour'.") from None
