"""Batch pages: upload a zip of resumes, watch progress, read the cohort report, download.

A batch id is an unguessable token; the browser session remembers the
batches it started. The zip is saved under the instance folder only while
it is processed and deleted in every case afterwards; results live in
SQLite until they expire or are deleted.
"""

from __future__ import annotations

import io
import os
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from flask import (Blueprint, Response, abort, current_app, jsonify, redirect, render_template, request, session,
                   stream_with_context, url_for)

from ..batch import BatchTarget, run_batch
from ..batch_inputs import zip_items
from ..batch_outputs import Cohort, CsvOutput, json_line
from ..batch_store import BatchStore
from ..errors import InvalidInput, JobkitError, UnsupportedFormat
from ..keywords import list_roles, load_role
from ..render_html import render_cohort_html
from ..target import target_label
from .errors import status_for
from .service import pages_arg, target_args

batch = Blueprint("batch", __name__, url_prefix="/batch")
SESSION_KEY = "batches"


def store() -> BatchStore:
    extension = current_app.extensions.get("jobkit_batch_store")
    if extension is None:
        extension = BatchStore(current_app.config["JOBKIT_DATABASE"], current_app.config["JOBKIT_BATCH_RETENTION_DAYS"])
        current_app.extensions["jobkit_batch_store"] = extension
    return extension


@batch.before_request
def _limits() -> None:
    request.max_content_length = current_app.config["JOBKIT_BATCH_MAX_UPLOAD"]
    store().purge_expired()


def _mine() -> list[dict[str, Any]]:
    found = []
    for batch_id in session.get(SESSION_KEY, []):
        record = store().get(batch_id)
        if record:
            found.append(record)
    return found


@batch.get("/")
def index() -> str:
    return render_template("batch_index.html", roles=list_roles(), batches=_mine(),
                           form={"role": "medical-records-technician", "job": "", "pages": "1"},
                           deleted=request.args.get("deleted"))


def _label(role: str | None, job: str | None) -> str:
    return target_label(role, job)


def _save_zip(batch_id: str) -> str:
    upload = request.files.get("archive")
    if upload is None or not upload.filename:
        raise InvalidInput("Choose a .zip file of resumes to upload.")
    folder = os.path.join(current_app.instance_path, "uploads")
    os.makedirs(folder, mode=0o700, exist_ok=True)
    path = os.path.join(folder, f"{batch_id}.zip")
    upload.save(path)
    upload.close()
    os.chmod(path, 0o600)
    if not zipfile.is_zipfile(path):
        os.remove(path)
        raise UnsupportedFormat("The batch upload must be a .zip archive of resumes (PDF, DOCX or text files).")
    return path


def _display_name() -> str:
    upload = request.files.get("archive")
    name = (upload.filename if upload and upload.filename else "upload.zip").replace("\\", "/").rsplit("/", 1)[-1]
    return name[:80] or "upload.zip"


@batch.post("/")
def create() -> Any:
    form = {"role": request.form.get("role", ""), "job": request.form.get("job", ""), "pages": request.form.get("pages", "1")}
    include_contact = request.form.get("include_contact") == "on"
    batch_id = None
    try:
        role, job = target_args(form["role"], form["job"])
        target = BatchTarget(role=role, job=job, target_pages=pages_arg(form["pages"]))
        batch_id = store().create(_label(role, job), {"role": role, "job": job, "pages": target.target_pages}, include_contact)
        display = _display_name()
        path = _save_zip(batch_id)
    except JobkitError as exc:
        if batch_id:
            store().delete(batch_id)
        return render_template("batch_index.html", roles=list_roles(), batches=_mine(), form=form,
                               error=exc.message), status_for(exc)
    session[SESSION_KEY] = (session.get(SESSION_KEY, []) + [batch_id])[-20:]
    thread = threading.Thread(target=_process, args=(current_app._get_current_object(), batch_id, path, display, target,
                                                     include_contact),
                              name=f"batch-{batch_id[:6]}", daemon=True)
    thread.start()
    return redirect(url_for("batch.show", batch_id=batch_id))


def _process(app: Any, batch_id: str, path: str, display: str, target: BatchTarget, include_contact: bool) -> None:
    """Run one batch in the background; the uploaded zip is deleted whatever happens."""
    with app.app_context():
        jobs = store()
        try:
            jobs.start(batch_id, sum(1 for _ in zip_items(Path(path), display=display)))
            items = zip_items(Path(path), display=display)
            for result in run_batch(items, target, workers=app.config["JOBKIT_BATCH_WORKERS"],
                                    include_contact=include_contact):
                jobs.add(batch_id, result)
            jobs.finish(batch_id, "done")
        except Exception as exc:  # noqa: BLE001 - record the failure; the page shows it
            app.logger.error("batch %s failed: %s", batch_id[:6], type(exc).__name__)
            jobs.finish(batch_id, "failed", "The batch stopped unexpectedly; finished results are kept.")
        finally:
            if os.path.exists(path):
                os.remove(path)


def _get(batch_id: str) -> dict[str, Any]:
    record = store().get(batch_id)
    if record is None:
        abort(404, description="No such batch: it may have expired or been deleted.")
    return record


def _cohort(batch_id: str) -> dict[str, Any]:
    cohort = Cohort()
    for result in store().results(batch_id):
        cohort.add(result)
    return cohort.to_dict()


@batch.get("/<batch_id>")
def show(batch_id: str) -> str:
    record = _get(batch_id)
    cohort = _cohort(batch_id) if record["state"] not in ("queued",) else None
    return render_template("batch_job.html", batch=record, cohort=cohort, row_limit=500)


@batch.get("/<batch_id>/status.json")
def status(batch_id: str) -> Response:
    record = _get(batch_id)
    return jsonify({key: record[key] for key in ("state", "total", "done", "errors")})


def _download(body: Any, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@batch.get("/<batch_id>/results.csv")
def results_csv(batch_id: str) -> Response:
    record = _get(batch_id)

    def rows() -> Iterator[str]:
        buffer = io.StringIO()
        writer = CsvOutput(buffer, bool(record["include_contact"]))
        for result in store().results(batch_id):
            writer.write(result)
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()

    return _download(stream_with_context(rows()), "text/csv", "jobkit-results.csv")


@batch.get("/<batch_id>/results.jsonl")
def results_jsonl(batch_id: str) -> Response:
    _get(batch_id)
    lines = (json_line(result) + "\n" for result in store().results(batch_id))
    return _download(stream_with_context(lines), "application/x-ndjson", "jobkit-results.jsonl")


@batch.get("/<batch_id>/report.html")
def report_html(batch_id: str) -> Response:
    record = _get(batch_id)
    return _download(render_cohort_html(_cohort(batch_id), record["label"]), "text/html", "jobkit-cohort.html")


@batch.post("/<batch_id>/delete")
def delete(batch_id: str) -> Any:
    _get(batch_id)
    store().delete(batch_id)
    session[SESSION_KEY] = [b for b in session.get(SESSION_KEY, []) if b != batch_id]
    return redirect(url_for("batch.index", deleted=1))
