"""Progress between two of your batches: choose a before and an after batch, see who improved.

The same comparison as ``jobkit batch-compare`` (:mod:`jobkit.batch.term_compare`),
read from the stored results instead of JSON lines files. Batch ids are
unguessable tokens: whoever holds both links can compare them, as they can
open each one. A finished batch can also be compared with an earlier term's
results file (its ``results.jsonl``, downloaded then): the upload is read in
memory for that one page and never stored.
"""

from __future__ import annotations

import io
from typing import Any

from flask import Blueprint, Response, abort, current_app, render_template, request
from werkzeug.exceptions import HTTPException

from jobkit.batch.results_file import read_results
from jobkit.batch.term_compare import compare_runs, run_from_results
from jobkit.config import format_size
from jobkit.errors import InvalidInput
from jobkit.read.filenames import display_name
from jobkit.model.comparison import Comparison
from jobkit.output.comparison_format import write_comparison_csv
from jobkit.web.batch_pages import BatchPage, described, my_batches, store
from jobkit.web.error_pages import handle_http_error

progress = Blueprint("progress", __name__, url_prefix="/batch/progress")
FINISHED = ("done", "interrupted")
SAME_BATCH = "Choose two different batches: the earlier one as Before and the later one as After."


def _chosen(key: str) -> BatchPage | None:
    batch_id = request.args.get(key, "")
    return _finished(batch_id) if batch_id else None


def _finished(batch_id: str) -> BatchPage:
    record = store().get(batch_id)
    if record is None or record.state not in FINISHED:
        abort(404, description="That batch is not finished, has expired or was deleted.")
    return described(record)


def _comparison(before: BatchPage, after: BatchPage) -> Comparison:
    """Both runs judged by the after batch's program (a before batch under another program shows no criteria)."""
    program = after.program
    old = run_from_results(before.name, store().results(before.id), program)
    new = run_from_results(after.name, store().results(after.id), program)
    return compare_runs(old, new)


@progress.get("/")
def choose() -> str:
    """The form; with ``before`` and ``after`` chosen, their comparison below it."""
    finished = [b for b in my_batches() if b.state in FINISHED]
    before, after = _chosen("before"), _chosen("after")
    result = None
    error = None
    if before and after:
        if before.id == after.id:
            error = SAME_BATCH
        else:
            result = _comparison(before, after)
    return render_template("batch_progress.html", batches=finished, before=before, after=after, progress=result,
                           error=error)


@progress.get("/progress.csv")
def download_csv() -> Response:
    before, after = _chosen("before"), _chosen("after")
    if not before or not after:
        abort(404, description="Choose a before and an after batch first.")
    if before.id == after.id:
        abort(400, description=SAME_BATCH)
    buffer = io.StringIO()
    write_comparison_csv(_comparison(before, after), buffer)
    response = Response(buffer.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="jobkit-progress.csv"'
    return response


@progress.post("/<batch_id>/earlier")
def earlier_file(batch_id: str) -> tuple[str, int]:
    """A finished batch beside an earlier term's results file, judged by this batch's program as two batches are."""
    after = _finished(batch_id)
    upload = request.files.get("earlier")
    name = display_name(upload.filename if upload else None, default="earlier.jsonl", limit=80)
    try:
        if upload is None or not upload.filename:
            raise InvalidInput("Choose the earlier term's results file (JSON lines, .jsonl) to upload.")
        earlier = read_results(name, upload.read())
    except InvalidInput as exc:
        return render_template("batch_progress.html", after=after, earlier=name, error=exc.message), 400
    finally:
        if upload is not None:
            upload.close()
    program = after.program
    judged = program is not None and any(r.rubric and r.rubric.program == program.id for r in earlier)
    comparison = compare_runs(run_from_results(name, earlier, program),
                              run_from_results(after.name, store().results(after.id), program))
    return render_template("batch_progress.html", after=after, earlier=name, earlier_judged=judged,
                           progress=comparison), 200


@progress.errorhandler(413)
def earlier_too_large(error: HTTPException) -> Any:
    """An earlier term's file past the upload limit (JOBKIT_MAX_BYTES): about 400 students' results fit."""
    record = store().get((request.view_args or {}).get("batch_id", ""))
    if request.endpoint != "progress.earlier_file" or record is None:
        return handle_http_error(error)
    limit = format_size(current_app.config["MAX_CONTENT_LENGTH"])
    message = f"The file is larger than this server takes ({limit}). Compare on the command line: jobkit batch-compare."
    return render_template("batch_progress.html", after=described(record), earlier="", error=message), 413
