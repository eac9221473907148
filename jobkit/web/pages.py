"""HTML pages: upload and report, compare two versions, roles, privacy."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from flask import Blueprint, current_app, render_template, request
from werkzeug.exceptions import RequestEntityTooLarge

from jobkit.config import format_size
from jobkit.errors import FileTooLarge, InvalidInput, JobkitError
from jobkit.data.keywords import CATEGORY_LABELS, DEFAULT_ROLE, list_roles, load_role
from jobkit.model.check_results import MAX_TARGET_PAGES, MIN_TARGET_PAGES
from jobkit.model.report_record import ReportRecord
from jobkit.output.html_view import compare as compare_reports, problems, since_last
from jobkit.web.error_pages import status_for
from jobkit.web.report_downloads import page_values
from jobkit.web.upload_check import (MAX_APPLY_LINK, apply_link_arg, federal_arg, pages_arg, read_upload, run_check,
                                     target_args)

pages = Blueprint("pages", __name__)


BLANK_FORM = {"role": DEFAULT_ROLE, "job": "", "pages": "", "federal": "auto", "apply_url": ""}
FILE_LABELS = {"resume": "your resume", "before": "the earlier version", "after": "the new version"}


def _form_state() -> dict[str, Any]:
    return {
        "role": request.form.get("role", DEFAULT_ROLE),
        "job": request.form.get("job", ""),
        "pages": request.form.get("pages", ""),
        "federal": request.form.get("federal", "auto"),
        "apply_url": (request.form.get("apply_url") or "")[:MAX_APPLY_LINK],
    }


def _prefill(values: Mapping[str, str]) -> dict[str, str]:
    """Role, posting and pages to show in a form (a re-check, a link): unknown values fall back to the defaults."""
    role = values.get("role", DEFAULT_ROLE)
    pages = (values.get("pages") or "").strip()
    federal = values.get("federal", "auto")
    return {"role": role if role in {r.id for r in list_roles()} else DEFAULT_ROLE,
            "job": values.get("job", ""),
            "pages": pages if pages in {str(n) for n in range(MIN_TARGET_PAGES, MAX_TARGET_PAGES + 1)} else "",
            "federal": federal if federal in ("auto", "yes", "no") else "auto"}


def _upload(field: str) -> Any:
    upload = request.files.get(field)
    if upload is None or not upload.filename:
        raise InvalidInput(f"Choose {FILE_LABELS[field]} to upload.")
    return upload


@pages.get("/")
def index() -> str:
    """The upload form; ?role= and ?pages= preset it (a link from a role page or a report)."""
    return render_template("index.html", roles=list_roles(), form=_prefill({k: v for k, v in request.args.items() if k != "job"}))


@pages.post("/")
def recheck() -> str:
    """The form again with a report's role, posting and pages, to check an edited version.

    Nothing is stored between the report and this page: the report page posts
    its own form state back here. No upload is read. CSRF-protected like every form.
    """
    previous = request.form.get("previous", "")
    return render_template("index.html", roles=list_roles(), form=_prefill(request.form),
                           previous=previous if len(previous) <= PREVIOUS_LIMIT else "")


def _too_large_message(error: RequestEntityTooLarge) -> str:
    megabytes = format_size(current_app.config["JOBKIT_LIMITS"].max_bytes)
    sent = request.content_length or 0
    limit = request.max_content_length or 0
    if limit and sent <= limit:  # under the upload limit, so the typed fields were too long
        return ("The pasted job posting is too long to check. Paste only the job's description and requirements, "
                "then choose your file again.")
    return (f"The file is larger than the limit of {megabytes}, so it was not uploaded. A resume is rarely over "
            "1 MB: remove large pictures or export it again (File > Save As > PDF or Word). Because the upload was "
            "refused, the job posting you pasted and your other choices could not be kept: paste the posting again.")


@pages.errorhandler(RequestEntityTooLarge)
def too_large(error: RequestEntityTooLarge) -> tuple[str, int]:
    """An over-limit upload to /check or /compare: the form again with the reason, not a bare error page.

    The body beyond the limit is never read, so the posting cannot be recovered
    from the request; the message says so. (The browser checks the size before
    sending when JavaScript runs, and then nothing is lost.)
    """
    template = "compare.html" if request.endpoint == "pages.compare" else "index.html"
    return render_template(template, roles=list_roles(), form=dict(BLANK_FORM),
                           error=_too_large_message(error), too_large=True), 413


@pages.post("/check")
def check() -> tuple[str, int] | str:
    form = _form_state()
    try:
        role, job = target_args(form["role"], form["job"])
        data, name = read_upload(_upload("resume"))
        report = run_check(data, name, role, job, pages_arg(form["pages"]), federal_arg(form["federal"]),
                           apply_link_arg(form["apply_url"]))
        del data  # the upload is not kept once the report exists
    except JobkitError as exc:
        return render_template("index.html", roles=list_roles(), form=form, error=exc.message), status_for(exc)
    gaps = "" if report.unreadable else ",".join(m.id for m in report.missing[:8])
    since = _since_last(request.form.get("previous", ""), report)
    return render_template("report.html", report=report, gaps=gaps, form=form, since=since, previous=_carried(report),
                           **page_values(report))  # the files are built when asked for (report_downloads)


PREVIOUS_LIMIT = 8192  # characters of the figures a report page carries to the next check


def _carried(report: ReportRecord) -> str:
    """The figures "Check an edited version" carries to the next report (in the page's own form, nothing stored)."""
    return json.dumps({"readiness": report.summary.readiness, "score": report.score,
                       "problems": sorted(problems(report))}, separators=(",", ":"))


def _since_last(value: str, report: ReportRecord) -> dict[str, Any] | None:
    if not value or len(value) > PREVIOUS_LIMIT or report.unreadable:
        return None
    try:
        previous = json.loads(value)
    except ValueError:
        return None
    return since_last(previous, report) if isinstance(previous, dict) else None


@pages.route("/compare", methods=["GET", "POST"])
def compare() -> tuple[str, int] | str:
    """GET: the form (?role= and ?pages= preset it). POST with files: the comparison.

    A POST without any file field (a report's own form, re-checking against
    the same posting) only presets the form: no upload is read.
    """
    if request.method == "GET":
        return render_template("compare.html", roles=list_roles(), form=_prefill({k: v for k, v in request.args.items() if k != "job"}))
    if "before" not in request.files and "after" not in request.files:
        return render_template("compare.html", roles=list_roles(), form=_prefill(request.form))
    form = _form_state()
    try:
        role, job = target_args(form["role"], form["job"])
        target_pages = pages_arg(form["pages"])
        federal = federal_arg(form["federal"])
        reports = []
        for field in ("before", "after"):
            try:
                data, name = read_upload(_upload(field), field)
            except FileTooLarge:
                megabytes = format_size(current_app.config["JOBKIT_LIMITS"].max_bytes)
                raise FileTooLarge(f"{FILE_LABELS[field].capitalize()} is larger than the limit of {megabytes}. "
                                   "A resume is rarely over 1 MB: remove large pictures or export it again.") from None
            reports.append(run_check(data, name, role, job, target_pages, federal))
    except JobkitError as exc:
        return render_template("compare.html", roles=list_roles(), form=form, error=exc.message), status_for(exc)
    diff = compare_reports(reports[0], reports[1])
    return render_template("compare.html", roles=list_roles(), form=form, before=reports[0], after=reports[1], diff=diff)


@pages.get("/roles")
def roles() -> str:
    return render_template("roles.html", roles=list_roles())


@pages.get("/roles/<role_id>")
def role(role_id: str) -> str:
    loaded = load_role(role_id)
    ordered = sorted(loaded.requirements, key=lambda r: (-r.weight, r.need, r.term.term))
    return render_template("role.html", role=loaded, requirements=ordered, labels=CATEGORY_LABELS,
                           sources=readable_sources(loaded.sources))


# Where role keyword sets come from, in plain words (keywords/_glossary.toml explains the ids):
# "seed:000"/"seed:004" the two career guides the product is built from, "job:jNN" real postings,
# "onet:" O*NET rows, "public:" a cited public fact.
GUIDES = {"000": "the Medical Records Specialist career guide", "004": "the Medical Records Technician career guide"}
OCCUPATIONS = {"29-2072.00": "Medical Records Specialists",
               "29-9021.00": "Health Information Technologists and Medical Registrars"}
POSTINGS = {
    "j01": "a remote medical coder posting", "j02": "a VA release of information posting (Canandaigua, NY)",
    "j03": "a VA release of information posting (Perry Point, MD)",
    "j04": "a VA release of information posting (Garner, NC)", "j05": "a VA release of information posting (Austin, TX)",
    "j06": "a VA health information technician posting (North Little Rock, AR)",
    "j07": "a VA health information technician posting (San Antonio, TX)",
    "j08": "a VA medical coder posting (Baltimore, MD)", "j09": "a VA inpatient and outpatient coder posting",
    "j10": "a second VA inpatient and outpatient coder posting", "j11": "a VA tumor registrar posting (Altoona, PA)",
    "j12": "a VA lead cancer registrar posting", "j13": "an Indian Health Service medical records supervisor posting",
}


def readable_source(source: str) -> str:
    """One source id with its note, in words a job seeker can read ("seed:004 FAQ" -> the guide's FAQ section)."""
    kind, _, rest = source.partition(":")
    rest = rest.strip()
    if kind == "seed":
        number, _, section = rest.partition(" ")
        guide = GUIDES.get(number, "a career guide")
        section = section.strip()
        if section.startswith("(") and section.endswith(")"):  # a note on the guide as a whole, not a section
            section = ""
        section = section.replace(" > ", ": ")
        return f"{guide[0].upper()}{guide[1:]}" + (f", section “{section}”" if section else "")
    if kind == "job":
        posting, _, note = rest.partition(" ")
        text = POSTINGS.get(posting, "a job posting")
        return f"{text[0].upper()}{text[1:]}" + (f" {note.strip()}" if note.strip() else "")
    if kind == "onet":
        what = re.match(r"(tech|tasks?)\b\s*", rest)
        rest = rest[what.end():] if what else rest
        code = re.match(r"\d\d-\d{4}\.\d\d\s*", rest)
        rest = rest[code.end():] if code else rest
        what = what or re.match(r"(tech|tasks?)\b\s*", rest)
        if what and rest.startswith(what.group(0)):
            rest = rest[what.end():]
        if what and what.group(1).startswith("task"):
            rest = re.sub(r"^[\d ,]+", "", rest)  # task numbers
        name = OCCUPATIONS.get(code.group(0).strip(), "") if code else ""
        parts = [name] if name else []
        if what:
            parts.append("technology skills" if what.group(1) == "tech" else "tasks")
        if rest and rest != name:
            parts.append(rest)
        return "O*NET, the US Department of Labor's job database" + (f": {', '.join(parts)}" if parts else "")
    if kind == "public":
        return f"Public source: {rest}"
    return source


def readable_sources(sources: Any) -> list[str]:
    """Every source in plain words; the job postings are gathered into one line."""
    lines: list[str] = []
    postings: list[str] = []
    for source in sources:
        if source.startswith("job:"):
            postings.append(POSTINGS.get(source[4:].strip(), "a job posting"))
        else:
            lines.append(readable_source(source))
    if postings:
        count = len(postings)
        lines.append(f"{'One real job posting' if count == 1 else f'{count} real job postings'}: " + "; ".join(postings))
    return lines


@pages.get("/privacy")
def privacy() -> str:
    return render_template("privacy.html")
