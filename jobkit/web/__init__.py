"""The Flask web app: create_app() wires blueprints over the jobkit core."""

from __future__ import annotations

import io
import logging
import os
import re
import sys
import time
from typing import Any

from flask import Flask, Request, current_app, g, request
from flask_wtf.csrf import CSRFProtect
from werkzeug.exceptions import ClientDisconnected, HTTPException

from jobkit import __version__
from jobkit.config import Settings, format_size
from jobkit.workers import task_timeout
from jobkit.errors import JobkitError
from jobkit.output.html_format import template_globals
from jobkit.data.resources import data_dir
from jobkit.secret_key import DEV_SECRET, MAKE_KEY, key_problem, require_strong_key
from jobkit.web import access_log, error_pages as errors, https, ratelimit
from jobkit.web.batch_pages import batch_session, refuse_batch_early

_BATCH_ID = re.compile(r"^(/batch/)[^/]+")
csrf = CSRFProtect()
log = logging.getLogger("jobkit.web")


class InMemoryRequest(Request):
    """Resume uploads stay in memory (they are size-limited), never in a temporary file.

    Batch zip uploads are the exception: they may be large, so they spool to
    a temporary file as usual and are deleted once processed.
    """

    @property
    def max_content_length(self) -> int | None:  # type: ignore[override]
        """Batch uploads get the batch limit before anything reads the form (the CSRF check does, first)."""
        if self._max_content_length is None and current_app:
            path = self.path.rstrip("/")
            if path == "/batch" and batch_session():
                return current_app.config["JOBKIT_BATCH_MAX_UPLOAD"]  # type: ignore[no-any-return]
            if path == "/compare" and current_app.config.get("MAX_CONTENT_LENGTH"):
                # Two resumes, each up to the file limit (read_upload checks each one).
                return 2 * current_app.config["MAX_CONTENT_LENGTH"]  # type: ignore[no-any-return]
        return super().max_content_length

    @max_content_length.setter
    def max_content_length(self, value: int | None) -> None:
        self._max_content_length = value

    def make_form_data_parser(self):  # type: ignore[no-untyped-def]
        """Werkzeug turns a multipart body that ends mid-part into an empty form, which the
        pages would answer with "choose a file"; a strict parser lets it be a cut-off upload."""
        parser = super().make_form_data_parser()
        parser.silent = self.mimetype != "multipart/form-data"
        return parser

    def _load_form_data(self) -> None:
        try:
            super()._load_form_data()
        except ValueError:
            raise ClientDisconnected() from None  # answered by errors.handle_cut_off

    def _get_file_stream(self, total_content_length, content_type, filename=None, content_length=None):  # type: ignore[no-untyped-def]
        # An earlier term's results file, compared on the Batch page, stays in memory too: nothing of it is kept.
        if self.path.startswith("/batch") and not self.path.startswith("/batch/progress/"):
            return super()._get_file_stream(total_content_length, content_type, filename, content_length)
        return io.BytesIO()


def _development_server() -> bool:
    """Under ``flask run`` (flask's command line sets this before it imports the app), not gunicorn."""
    return os.environ.get("FLASK_RUN_FROM_CLI") == "true"


def _secret_key(settings: dict[str, Any]) -> str:
    """The key given or set: production refuses a weak one; ``flask run`` and tests may use any, with a warning."""
    key = settings["SECRET_KEY"] or settings["JOBKIT_SETTINGS"].secret_key
    testing = bool(settings.get("TESTING"))
    if not testing and not _development_server():
        require_strong_key(key)  # jobkit serve, gunicorn on create_app() or app:app
        return key  # type: ignore[no-any-return]
    problem = key_problem(key)
    if problem and not (testing and key):  # a test's own short key is no news
        fallback = ", so jobkit uses its published DEVELOPMENT key" if not key else ""
        warning = (f"\n*** JOBKIT_SECRET_KEY {problem}{fallback}. That will do for the development server only: "
                   f"forms and sessions are not protected. Make a key with {MAKE_KEY} ***\n")
        log.warning(warning.strip())
        print(warning, file=sys.stderr)
    return key or DEV_SECRET  # type: ignore[no-any-return]


def _config(read: Settings) -> dict[str, Any]:
    """The app's config from the JOBKIT_* settings (read once, by the factory)."""
    limits = read.limits()
    return {
        "SECRET_KEY": None,
        "JOBKIT_SETTINGS": read,
        "JOBKIT_LIMITS": limits,  # what every upload is read with
        # The file limit plus room for the other form fields (a pasted posting).
        "MAX_CONTENT_LENGTH": limits.max_bytes + 256 * 1024,
        "MAX_FORM_MEMORY_SIZE": 512 * 1024,
        "JOBKIT_ISOLATE": read.isolate,
        "JOBKIT_WORKERS": read.web_workers,
        "JOBKIT_TIMEOUT": task_timeout(limits),
        "JOBKIT_MAX_MEMORY_MB": read.max_memory_mb,  # each check worker's cap (None: no cap)
        "WTF_CSRF_TIME_LIMIT": 4 * 3600,
        "JOBKIT_DATABASE": read.database,
        "JOBKIT_BATCH_RETENTION_DAYS": read.batch_retention_days,
        "JOBKIT_BATCH_MAX_RETENTION_DAYS": read.batch_max_retention_days,
        "JOBKIT_BATCH_MAX_UPLOAD": read.batch_max_upload,
        "JOBKIT_BATCH_WORKERS": read.batch_workers,
        "JOBKIT_BATCH_RUNNER": read.batch_runner,
        "JOBKIT_RUNNER_IDLE": read.runner_idle,
        "JOBKIT_BATCHES_PER_SESSION": read.batches_per_session,
        "JOBKIT_BATCH_QUEUE": read.batch_queue,
        **https.app_config(read),
        **ratelimit.app_config(read),
    }


def _settings(overrides: dict[str, Any] | None) -> dict[str, Any]:
    settings = _config(Settings.from_env())
    settings.update(overrides or {})
    settings.setdefault("RATELIMIT_ENABLED", ratelimit.enabled_by_default(settings, overrides or {}))
    settings["SECRET_KEY"] = _secret_key(settings)
    return settings


SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def _after(response: Any) -> Any:
    response.headers.update(SECURITY_HEADERS)
    if request.method == "POST" or request.path.startswith("/batch/"):
        response.headers["Cache-Control"] = "no-store"  # reports hold personal data
    started = g.get("started")
    if started is not None:
        # Method, path and status only: never file names, form fields or resume text.
        path = _BATCH_ID.sub(r"\1<id>", request.path)  # a batch id is the key to its results: never logged
        log.info("%s %s %s %.0fms", request.method, path, response.status_code, 1000 * (time.perf_counter() - started))
    return response


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app. ``config`` overrides settings (tests pass JOBKIT_ISOLATE=False)."""
    templates = data_dir("templates")
    app = Flask(__name__, template_folder=str(templates), static_folder=str(templates / "static"),
                instance_relative_config=True)
    app.request_class = InMemoryRequest
    app.config.update(_settings(config))
    app.jinja_env.globals.update(template_globals())
    app.before_request(refuse_batch_early)  # before the CSRF check, which reads the whole body
    csrf.init_app(app)

    from jobkit.web.advisor_access import keys
    from jobkit.web.api import api
    from jobkit.web.batch_pages import batch
    from jobkit.web.pages import pages, readable_source
    from jobkit.web.report_downloads import downloads
    from jobkit.web.practice import practice
    from jobkit.web.progress_pages import progress
    from jobkit.web.outcome_pages import outcomes
    from jobkit.web.sweeps import init_sweeps

    app.register_blueprint(pages)
    app.register_blueprint(downloads)
    csrf.exempt(downloads)  # a signed report in, its file out: nothing changes, and an open page's files keep working
    app.jinja_env.filters["readable_source"] = readable_source  # "seed:004 FAQ" -> words, for the practice pages
    app.register_blueprint(practice)
    app.register_blueprint(batch)
    app.register_blueprint(keys)
    app.register_blueprint(progress)
    app.register_blueprint(outcomes)
    init_sweeps(app)  # retention on a timer; the batch database is opened on first use, never here
    app.register_blueprint(api)
    csrf.exempt(api)
    ratelimit.init_limiter(app)
    https.init_https(app)

    @app.context_processor
    def _globals() -> dict[str, Any]:
        max_bytes = app.config["JOBKIT_LIMITS"].max_bytes
        return {"version": __version__, "has_batch": "batch" in app.blueprints,
                "upload_limit_bytes": max_bytes, "upload_limit": format_size(max_bytes)}

    app.before_request(lambda: setattr(g, "started", time.perf_counter()))
    app.after_request(_after)
    access_log.install()  # batch tokens out of werkzeug's and gunicorn's access logs
    app.register_error_handler(JobkitError, errors.handle_jobkit_error)
    app.register_error_handler(ClientDisconnected, errors.handle_cut_off)
    app.register_error_handler(HTTPException, errors.handle_http_error)
    app.register_error_handler(Exception, errors.handle_unexpected)
    return app


__all__ = ["create_app"]
