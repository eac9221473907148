"""Batch pages: upload a zip of resumes, watch progress, read the cohort report, download.

A batch id is an unguessable token. The browser session carries only a
random key of its own; which batches it started is kept in SQLite, never in
the cookie. The zip is saved under the instance folder until the background
runner (:mod:`jobkit.batch.queue_runner`, never a web worker) has processed it, and
deleted in every case afterwards; results live in SQLite until they expire or
are deleted.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import logging
import os
import secrets
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Response, abort, current_app, jsonify, redirect, render_template, request, session, stream_with_context, url_for

from jobkit.batch.cohort import table_view, view_rows
from jobkit.batch.batch_choices import clean_title, file_name, kept_days
from jobkit.batch.outputs import BatchWriter
from jobkit.batch.program_setup import program_target, stored_program
from jobkit.batch.database import full_error, is_full
from jobkit.batch.queue_runner import ensure_runner
from jobkit.batch.store import BatchStore
from jobkit.read.filenames import display_name
from jobkit.batch.inputs import ZipLimits
from jobkit.errors import Busy, InvalidInput, JobkitError, UnsupportedFormat
from jobkit.read.zip_members import check_directory
from jobkit.data.keywords import DEFAULT_ROLE, list_roles
from jobkit.data.programs import Program, list_programs
from jobkit.model.batches import BatchTarget, StoredBatch
from jobkit.model.cohort_summary import CohortSummary
from jobkit.model.schema import jsonable
from jobkit.output.batch_rows import BatchCsv, json_line
from jobkit.output.html_format import render_cohort_html
from jobkit.match.target import target_label
from jobkit.web.error_pages import status_for
from jobkit.web.upload_check import federal_arg, pages_arg, target_args

batch = Blueprint("batch", __name__, url_prefix="/batch")
SESSION_KEY = "batch_owner"


@dataclass(frozen=True)
class BatchForm:
    """The Batch page's form, as sent (and shown again with an error)."""

    role: str = ""
    job: str = ""
    pages: str = ""
    federal: str = "auto"
    program: str = ""
    title: str = ""  # the batch's name, optional
    keep_days: str = ""  # how long its results are kept (empty: the server's default)
    consent: bool = False

    @classmethod
    def sent(cls) -> "BatchForm":
        fields = {f.name: request.form.get(f.name, f.default) for f in dataclasses.fields(cls) if f.name != "consent"}
        return cls(**fields, consent=request.form.get("consent") == "on")


BLANK_FORM = BatchForm(role=DEFAULT_ROLE)
NO_CONSENT = ("Confirm that the students whose resumes are in the zip agreed to have them checked here "
              "(the box above the button).")
log = logging.getLogger("jobkit.web")


def open_store(key: str, **options: Any) -> BatchStore:
    """The batch store, opened on first use: a file that cannot be used answers 503 on the batch pages only."""
    opened = current_app.extensions.get(key)
    if opened is None:
        config = current_app.config
        opened = BatchStore(config["JOBKIT_DATABASE"], config["JOBKIT_BATCH_RETENTION_DAYS"],
                            clock=config.get("JOBKIT_CLOCK") or time.time, **options)
        current_app.extensions[key] = opened
    return opened


def store() -> BatchStore:
    return open_store("jobkit_batch_store")


def _owner(create: bool = False) -> str | None:
    owner = session.get(SESSION_KEY)
    if owner is None and create:
        owner = session[SESSION_KEY] = secrets.token_urlsafe(18)
    return owner


def batch_session() -> bool:
    """True when the browser session opened the Batch page (it then carries an owner key)."""
    return bool(session.get(SESSION_KEY))


def refuse_batch_early() -> Any:
    """Refuse a batch upload from its headers, before anything reads the body (up to 200 MB).

    The large upload limit is only given to a session that opened the Batch
    page; the queue limits are checked here too, so a full queue costs the
    server no upload.
    """
    if request.method != "POST" or request.path.rstrip("/") != "/batch":
        return None
    try:
        if not batch_session():
            raise InvalidInput("Open the Batch page first, then upload the zip from there.")
        _check_capacity(session[SESSION_KEY])
    except JobkitError as exc:
        return index_page(BLANK_FORM, error=exc.message), status_for(exc)
    return None


STATUS_WORDS = {"receiving": "Uploading", "queued": "Waiting to start", "running": "Checking", "done": "Finished",
                "interrupted": "Interrupted", "failed": "Could not finish"}


def batch_name(record: StoredBatch) -> str:
    """A batch as people name it: the day it was started and how many resumes ("Dec 2, 2026, 14 resumes")."""
    date = day_words(record.created, month="%b")
    total = record.total
    if not total and record.state in ("receiving", "queued"):
        return f"{date}, resumes not counted yet"
    return f"{date}, {total} resume{'' if total == 1 else 's'}"


def day_words(seconds: float, month: str = "%B") -> str:
    """"December 9, 2026" (``month="%b"``: "Dec 9, 2026"): a date as the pages write it."""
    day = time.localtime(seconds)
    return f"{time.strftime(month, day)} {day.tm_mday}, {day.tm_year}"


def batch_program(record: StoredBatch) -> Program | None:
    """The batch's program rubric, or None (also when its file has since been removed)."""
    try:
        return stored_program(record.target)
    except JobkitError:
        return None


@dataclass(frozen=True)
class BatchPage(StoredBatch):
    """A stored batch as the pages show it: its name, a plain status, its program and dates in words."""

    name: str = ""  # the advisor's name for it, else its date and count
    started: str = ""  # its date and count ("Dec 2, 2026, 14 resumes")
    status: str = ""
    program: Program | None = None
    expires_on: str = ""
    consent_on: str | None = None


def _status(record: StoredBatch) -> str:
    status = STATUS_WORDS.get(record.state, record.state.capitalize())
    if record.state == "running" and record.total:
        return f"Checking: {record.done} of {record.total}"
    if record.state in ("done", "interrupted") and record.errors:
        status += f" ({record.errors} could not be read)"
    return status


def described(record: StoredBatch) -> BatchPage:
    """The record with its name and a plain status for the pages."""
    fields = {f.name: getattr(record, f.name) for f in dataclasses.fields(StoredBatch)}
    return BatchPage(**fields, name=record.title or batch_name(record), started=batch_name(record),
                     status=_status(record), program=batch_program(record),
                     expires_on=day_words(record.expires),
                     consent_on=day_words(record.consent_at) if record.consent_at else None)


def my_batches() -> list[BatchPage]:
    owner = _owner()
    return [described(b) for b in store().owned_by(owner)] if owner else []


def index_page(form: BatchForm, **extra: Any) -> str:
    return render_template("batch_index.html", roles=list_roles(), programs=list_programs(), batches=my_batches(),
                           form=form, **extra)


@batch.get("/")
def index() -> str:
    _owner(create=True)  # the key that later lets this session upload a large zip
    return index_page(BLANK_FORM, deleted=request.args.get("deleted"))


def _check_capacity(owner: str) -> None:
    """Limits on queued and running batches, per browser session and per server."""
    config = current_app.config
    if store().active_count(owner) >= config["JOBKIT_BATCHES_PER_SESSION"]:
        raise Busy(f"You already have {config['JOBKIT_BATCHES_PER_SESSION']} batches waiting or running. "
                   "Start the next one when one of them has finished.")
    if store().active_count() >= config["JOBKIT_BATCH_QUEUE"]:
        raise Busy("The batch queue is full right now. Try again in a few minutes.")


def _save_zip(path: str) -> None:
    """Save the uploaded zip at ``path``; a full disk is a 507 and leaves no partial file."""
    upload = request.files.get("archive")
    if upload is None or not upload.filename:
        raise InvalidInput("Choose a .zip file of resumes to upload.")
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        upload.save(path)
        os.chmod(path, 0o600)
    except OSError as exc:
        if is_full(exc):
            raise full_error("the upload") from None
        raise
    finally:
        upload.close()
    if not zipfile.is_zipfile(path):
        raise UnsupportedFormat("The batch upload must be a .zip archive of resumes (PDF, DOCX or text files).")
    check_directory(path, ZipLimits().max_members, "The upload")


def _discard(batch_id: str | None, path: str | None) -> None:
    """A batch that could not be queued leaves nothing behind: not its file, not its row."""
    if path:
        with contextlib.suppress(OSError):  # else the next sweep removes it
            os.remove(path)
    if batch_id:
        try:
            store().delete(batch_id)
        except JobkitError:
            pass  # the row holds no resume and expires with the others


def _display_name() -> str:
    upload = request.files.get("archive")
    return display_name(upload.filename if upload else None, default="upload.zip", limit=80)


def _start_runner() -> None:
    config = current_app.config
    if config["JOBKIT_BATCH_RUNNER"] == "spawn":
        try:
            ensure_runner(store(), workers=config["JOBKIT_BATCH_WORKERS"], idle_exit=config["JOBKIT_RUNNER_IDLE"])
        except JobkitError as exc:  # the batch stays queued for the next runner
            log.warning("could not start a batch runner: %s", exc.code)


def _target(form: BatchForm) -> BatchTarget:
    """What the batch checks against: the program's role or posting when a program is chosen, else the form's."""
    pages = pages_arg(form.pages)
    if form.program:
        return program_target(form.program, pages).batch_target(federal_arg(form.federal))
    role, job = target_args(form.role, form.job)
    return BatchTarget(role=role, job=job, pages=pages, federal=federal_arg(form.federal))


@batch.post("/")
def create() -> Any:
    form = BatchForm.sent()
    include_contact = request.form.get("include_contact") == "on"
    batch_id = path = None
    try:
        if not form.consent:
            raise InvalidInput(NO_CONSENT)
        target = _target(form)
        owner = _owner(create=True)
        _check_capacity(owner)  # type: ignore[arg-type]
        config = current_app.config
        keep = kept_days(form.keep_days, config["JOBKIT_BATCH_RETENTION_DAYS"],
                         config["JOBKIT_BATCH_MAX_RETENTION_DAYS"])
        batch_id = store().create(target_label(target.role, target.job), target, include_contact, owner=owner,
                                  display=_display_name(), consented=True, title=clean_title(form.title),
                                  retention_days=keep)
        path = os.path.join(store().uploads, f"{batch_id}.zip")
        _save_zip(path)
        store().set_upload(batch_id, path)
    except Exception as exc:
        _discard(batch_id, path)
        if not isinstance(exc, JobkitError):
            raise
        return index_page(form, error=exc.message), status_for(exc)
    _start_runner()
    return redirect(url_for("batch.show", batch_id=batch_id))


def _get(batch_id: str) -> BatchPage:
    record = store().get(batch_id)
    if record is None:
        abort(404, description="No such batch: it may have expired or been deleted.")
    return described(record)


def _cohort(record: BatchPage) -> CohortSummary:
    """The cohort summary and rows, each linking its stored report; with a program, its pass rates."""
    writer = BatchWriter(record.program, link_rows=True)
    for result in store().results(record.id):
        writer.add(result)
    return writer.summary()


@batch.get("/<batch_id>")
def show(batch_id: str) -> str:
    record = _get(batch_id)
    cohort = _cohort(record) if record.state not in ("queued",) else None
    view = table_view(request.args, cohort)
    rows = view_rows(cohort.rows, view.sort, view.failing, view.level) if cohort else None
    return render_template("batch_job.html", batch=record, cohort=cohort, row_limit=500, resume_links=True,
                           rows=rows, view=view)


@batch.get("/<batch_id>/cohort.json")
def cohort_json(batch_id: str) -> Response:
    """The cohort summary as data: each criterion with the files failing it, each student's next steps."""
    record = _get(batch_id)
    body = jsonable(_cohort(record)) if record.state != "queued" else {"state": record.state}
    return jsonify({"name": record.title, **body})  # the advisor's name for the batch (null: none given)


@batch.get("/<batch_id>/resumes/<int:seq>")
def resume(batch_id: str, seq: int) -> str:
    """One resume's report, as the batch stored it: everything but the extracted text, which a batch does not keep."""
    record = _get(batch_id)
    for result in store().results(batch_id):
        if result.index == seq and result.report is not None and not result.report.unreadable:
            return render_template("batch_job.html", batch=record, resume=result.report, rubric=result.rubric)
    abort(404, description="No report for that resume in this batch: it could not be read, or the batch has expired.")


@batch.get("/<batch_id>/status.json")
def status(batch_id: str) -> Response:
    record = _get(batch_id)
    return jsonify({"state": record.state, "total": record.total, "done": record.done, "errors": record.errors})


def _download(body: Any, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@batch.get("/<batch_id>/results.csv")
def results_csv(batch_id: str) -> Response:
    record = _get(batch_id)

    def rows() -> Iterator[str]:
        buffer = io.StringIO()
        writer = BatchCsv(buffer, record.program, record.include_contact)
        for result in store().results(batch_id):
            writer.write(result)
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()

    return _download(stream_with_context(rows()), "text/csv", file_name(record.title, "results.csv"))


@batch.get("/<batch_id>/results.jsonl")
def results_jsonl(batch_id: str) -> Response:
    record = _get(batch_id)
    lines = (json_line(result) + "\n" for result in store().results(batch_id))
    return _download(stream_with_context(lines), "application/x-ndjson", file_name(record.title, "results.jsonl"))


@batch.get("/<batch_id>/report.html")
def report_html(batch_id: str) -> Response:
    record = _get(batch_id)
    page = render_cohort_html(_cohort(record), record.label)
    return _download(page, "text/html", file_name(record.title, "cohort.html"))


@batch.get("/<batch_id>/delete")
def confirm_delete(batch_id: str) -> str:
    """The confirmation step before deleting: a page with one form, so it works without JavaScript."""
    return render_template("batch_job.html", batch=_get(batch_id), confirm_delete=True)


@batch.post("/<batch_id>/delete")
def delete(batch_id: str) -> Any:
    _get(batch_id)
    store().delete(batch_id)
    return redirect(url_for("batch.index", deleted=1))
