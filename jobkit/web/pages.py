"""HTML pages: upload and report, compare two versions, roles, privacy."""

from __future__ import annotations

import base64
from typing import Any

from flask import Blueprint, render_template, request

from jobkit.errors import JobkitError
from jobkit.data.keywords import CATEGORY_LABELS, DEFAULT_ROLE, list_roles, load_role
from jobkit.model.report_record import ReportRecord
from jobkit.output.formats import MEDIA_TYPES, export_report
from jobkit.output.html_view import compare as compare_reports
from jobkit.web.error_pages import status_for
from jobkit.web.service import pages_arg, read_upload, run_check, target_args

pages = Blueprint("pages", __name__)


def _form_state() -> dict[str, Any]:
    return {
        "role": request.form.get("role", DEFAULT_ROLE),
        "job": request.form.get("job", ""),
        "pages": request.form.get("pages", "1"),
    }


@pages.get("/")
def index() -> str:
    return render_template("index.html", roles=list_roles(), form={"role": DEFAULT_ROLE, "job": "", "pages": "1"})


@pages.post("/check")
def check() -> tuple[str, int] | str:
    form = _form_state()
    try:
        role, job = target_args(form["role"], form["job"])
        data, name = read_upload(request.files.get("resume"))
        report = run_check(data, name, role, job, pages_arg(form["pages"]))
        del data  # the upload is not kept once the report exists
    except JobkitError as exc:
        return render_template("index.html", roles=list_roles(), form=form, error=exc.message), status_for(exc)
    gaps = ",".join(m.id for m in report.missing[:8])
    return render_template("report.html", report=report, gaps=gaps, downloads=_downloads(report))


def _downloads(report: ReportRecord) -> list[dict[str, str]]:
    """The report as JSON, CSV and HTML files, inlined as data: links.

    Nothing is kept on the server, so the files travel inside the page and
    the browser saves them without a second request.
    """
    stem = report.file.rsplit(".", 1)[0][:60] or "resume"
    links = []
    for fmt, label in (("html", "HTML page"), ("json", "JSON"), ("csv", "CSV row")):
        payload = base64.b64encode(export_report(report, fmt).encode("utf-8")).decode("ascii")
        links.append({"label": label, "name": f"jobkit-{stem}.{fmt}",
                      "href": f"data:{MEDIA_TYPES[fmt].split(';')[0]};charset=utf-8;base64,{payload}"})
    return links


@pages.route("/compare", methods=["GET", "POST"])
def compare() -> tuple[str, int] | str:
    form = _form_state()
    if request.method == "GET":
        return render_template("compare.html", roles=list_roles(), form=form)
    try:
        role, job = target_args(form["role"], form["job"])
        target_pages = pages_arg(form["pages"])
        reports = []
        for field in ("before", "after"):
            data, name = read_upload(request.files.get(field), field)
            reports.append(run_check(data, name, role, job, target_pages))
    except JobkitError as exc:
        return render_template("compare.html", roles=list_roles(), form=form, error=exc.message), status_for(exc)
    return render_template("compare.html", roles=list_roles(), form=form, before=reports[0], after=reports[1],
                           diff=compare_reports(reports[0], reports[1]))


@pages.get("/roles")
def roles() -> str:
    return render_template("roles.html", roles=list_roles())


@pages.get("/roles/<role_id>")
def role(role_id: str) -> str:
    loaded = load_role(role_id)
    ordered = sorted(loaded.requirements, key=lambda r: (-r.weight, r.need, r.term.term))
    return render_template("role.html", role=loaded, requirements=ordered, labels=CATEGORY_LABELS)


@pages.get("/privacy")
def privacy() -> str:
    return render_template("privacy.html")
