"""What the pages and the API share: read an upload in memory, check it, forget it."""

from __future__ import annotations

from typing import Any

from flask import current_app
from werkzeug.datastructures import FileStorage

from jobkit.pipeline import check_resume
from jobkit.config import format_size
from jobkit.errors import FileTooLarge, InvalidInput
from jobkit.model.check_results import MAX_TARGET_PAGES, MIN_TARGET_PAGES
from jobkit.model.report_record import ReportRecord
from jobkit.read.filenames import display_name
from jobkit.isolation import check_upload
from jobkit.workers import WorkerPool
from jobkit.read.sniff import sniff_format
from jobkit.match.target import pick_target, refuse_link


def read_upload(upload: FileStorage | None, field: str = "resume") -> tuple[bytes, str]:
    """The upload's bytes and a safe display name; the stream is closed at once."""
    if upload is None or not upload.filename:
        raise InvalidInput(f"Choose a file to upload (form field '{field}').")
    limits = current_app.config["JOBKIT_LIMITS"]
    try:
        data = upload.stream.read(limits.max_bytes + 1)
    finally:
        upload.close()
    if len(data) > limits.max_bytes:
        raise FileTooLarge(f"The file is larger than {format_size(limits.max_bytes)}.")
    name = display_name(upload.filename)
    sniff_format(data, name)  # unsupported types fail here, before any worker is used
    return data, name


def target_args(role: str | None, job: str | None) -> tuple[str | None, str | None]:
    """Role or posting text from the form fields (a pasted posting wins; see ``pick_target``); a link
    instead of the posting is refused before anything is checked (``posting_is_link``)."""
    role, job = pick_target(role, job)
    if job is not None:
        refuse_link(job)
    return role, job


POSTING_FILE_SUFFIXES = (".txt", ".md", ".text")


def posting_part(text: str | None, upload: FileStorage | None) -> tuple[str | None, str | None]:
    """The posting from a form field, or from a text file part (``-F job=@posting.txt``), with the file's name.

    A file part is read as UTF-8 text, within the upload limit; a PDF or Word posting is refused (paste its text).
    """
    if upload is None or not upload.filename:
        return text, None
    name = display_name(upload.filename)
    if not name.lower().endswith(POSTING_FILE_SUFFIXES):
        raise InvalidInput("Send the job posting as text: paste it in the job field or attach a .txt file.")
    limits = current_app.config["JOBKIT_LIMITS"]
    data = upload.stream.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        raise FileTooLarge(f"The job posting file is larger than {format_size(limits.max_bytes)}.")
    return data.decode("utf-8", "replace"), name


def pages_arg(value: Any) -> int | None:
    """Target pages from a form field; empty means the rules' own target (1, or 2 under federal rules)."""
    if value is None or str(value).strip() in ("", "auto"):
        return None
    wrong = InvalidInput(f"Target pages must be a whole number from {MIN_TARGET_PAGES} to {MAX_TARGET_PAGES}.")
    try:
        pages = int(value)
    except (TypeError, ValueError):
        raise wrong from None
    if not MIN_TARGET_PAGES <= pages <= MAX_TARGET_PAGES:
        raise wrong
    return pages


def pool() -> WorkerPool:
    extension = current_app.extensions.get("jobkit_pool")
    if extension is None:
        config = current_app.config
        extension = WorkerPool(workers=config["JOBKIT_WORKERS"], timeout=config["JOBKIT_TIMEOUT"],
                               memory_mb=config.get("JOBKIT_MAX_MEMORY_MB") or 0)
        current_app.extensions["jobkit_pool"] = extension
    return extension


def federal_arg(value: Any) -> bool | None:
    """Federal rules from a form or API field: "auto" (or empty) follows the posting; "yes"/"no" force them."""
    text = str(value if value is not None else "").strip().lower()
    if text in ("", "auto"):
        return None
    if text in ("yes", "true", "1", "on"):
        return True
    if text in ("no", "false", "0", "off"):
        return False
    raise InvalidInput("Federal rules must be auto, yes or no.")


def run_check(data: bytes, name: str, role: str | None, job: str | None, pages: int | None,
              federal: bool | None = None, apply_link: str | None = None) -> ReportRecord:
    """The report (with lines), from a worker process unless isolation is off."""
    limits = current_app.config["JOBKIT_LIMITS"]
    if current_app.config["JOBKIT_ISOLATE"]:
        return check_upload(pool(), data, name, role, job, pages, federal, limits, apply_link)
    return check_resume(data, role=role, job=job, filename=name, target_pages=pages, federal=federal,
                        limits=limits, apply_link=apply_link).to_record(include_text=True)


MAX_APPLY_LINK = 2000


def apply_link_arg(value: str | None) -> str | None:
    """The form's apply link: trimmed and bounded; empty is none."""
    value = (value or "").strip()[:MAX_APPLY_LINK]
    return value or None

