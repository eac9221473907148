"""Progress between two of your batches: choose a before and an after batch, see who improved.

The same comparison as ``jobkit batch-compare`` (:mod:`jobkit.batch.term_compare`),
read from the stored results instead of JSON lines files. Batch ids are
unguessable tokens: whoever holds both links can compare them, as they can
open each one.
"""

from __future__ import annotations

import io

from flask import Blueprint, Response, abort, render_template, request

from jobkit.batch.term_compare import compare_runs, run_from_results
from jobkit.model.comparison import Comparison
from jobkit.output.comparison_format import write_comparison_csv
from jobkit.web.batch_pages import BatchPage, described, my_batches, store

progress = Blueprint("progress", __name__, url_prefix="/batch/progress")
FINISHED = ("done", "interrupted")
SAME_BATCH = "Choose two different batches: the earlier one as Before and the later one as After."


def _chosen(key: str) -> BatchPage | None:
    batch_id = request.args.get(key, "")
    if not batch_id:
        return None
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
