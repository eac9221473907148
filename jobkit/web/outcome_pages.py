"""Outcomes: an advisor uploads a batch's results (JSON lines) and an outcomes CSV, and sees them joined.

The same join as ``jobkit batch-outcomes`` (:mod:`jobkit.batch.outcomes`). Both uploads are read in
memory and forgotten with the response: nothing is stored on the server, so the joined CSV comes either
with the page (a ``data:`` link) or by sending the two files again with the form's CSV button.
"""

from __future__ import annotations

import io
from urllib.parse import quote

from flask import Blueprint, Response, current_app, render_template, request
from werkzeug.datastructures import FileStorage

from jobkit.batch.outcome_rows import MAX_BYTES, read_outcomes
from jobkit.batch.outcomes import join_outcomes, read_results
from jobkit.config import format_size
from jobkit.errors import FileTooLarge, InvalidInput, JobkitError
from jobkit.model.outcome_results import OutcomeJoin
from jobkit.output.outcomes_format import write_outcomes_csv
from jobkit.read.filenames import display_name
from jobkit.web.error_pages import status_for

outcomes = Blueprint("outcomes", __name__, url_prefix="/outcomes")
CSV_NAME = "jobkit-outcomes.csv"


def _read(field: str, limit: int, words: str) -> tuple[bytes, str]:
    """One uploaded file's bytes (at most ``limit``) and its name as shown; the stream is closed at once."""
    upload: FileStorage | None = request.files.get(field)
    if upload is None or not upload.filename:
        raise InvalidInput(f"Choose the {words}.")
    try:
        data = upload.stream.read(limit + 1)
    finally:
        upload.close()
    name = display_name(upload.filename, default=field)
    if len(data) > limit:
        raise FileTooLarge(f"{name}: the {words} is larger than the limit of {format_size(limit)}.")
    return data, name


def _join() -> OutcomeJoin:
    """The two uploads joined (each read once, in memory)."""
    results, results_name = _read("results", current_app.config["MAX_CONTENT_LENGTH"] or MAX_BYTES,
                                  "batch results file (JSON lines)")
    table, table_name = _read("outcomes", MAX_BYTES, "outcomes file (CSV)")
    try:
        text = results.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(f"{results_name}: is not a jobkit results file (not UTF-8 text). Download the JSON "
                           f"lines from the finished batch's page and upload that file.") from None
    rows = read_outcomes(table, table_name)  # the smaller file first: a bad row is reported before any parsing
    return join_outcomes(read_results(text.splitlines(), results_name), rows, table_name)


def _csv(join: OutcomeJoin) -> str:
    buffer = io.StringIO()
    write_outcomes_csv(join, buffer)
    return buffer.getvalue()


@outcomes.route("/", methods=["GET", "POST"])
def index() -> Response | str | tuple[str, int]:
    """GET: the form. POST: the join as a page, or as the CSV when the form's CSV button sent it."""
    if request.method == "GET":
        return render_template("outcomes.html")
    try:
        join = _join()
    except JobkitError as exc:
        return render_template("outcomes.html", error=exc.message), status_for(exc)
    table = _csv(join)
    if request.form.get("format") == "csv":
        response = Response(table, mimetype="text/csv")
        response.headers["Content-Disposition"] = f'attachment; filename="{CSV_NAME}"'
        return response
    return render_template("outcomes.html", join=join, csv_name=CSV_NAME,
                           csv_link="data:text/csv;charset=utf-8," + quote(table, safe=""))
