"""The JSON API under /api/v1: the same core calls as the CLI and the pages."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, jsonify, request
from werkzeug.wrappers import Response

from dataclasses import replace

from jobkit import __version__
from jobkit.answers import review_answer
from jobkit.errors import InvalidInput
from jobkit.batch.program_setup import program_target
from jobkit.batch.rubric import criterion_labels, evaluate_with_text
from jobkit.data.keywords import list_roles, load_role
from jobkit.data.programs import list_programs, load_program
from jobkit.data.questions import list_sets, load_set
from jobkit.model.schema import jsonable
from jobkit.output.registry import MEDIA_TYPES, export_report, public_report
from jobkit.web.openapi import spec
from jobkit.web.upload_check import apply_link_arg, federal_arg, pages_arg, posting_part, read_upload, run_check, target_args

api = Blueprint("api", __name__, url_prefix="/api/v1")
MAX_ANSWER = 5000
# Room for a MAX_ANSWER answer written entirely in \uXXXX escapes (6 bytes a character).
MAX_JSON_BYTES = 64 * 1024
API_FORMATS = ("json", "csv", "html", "jsonresume", "txt")


def _format() -> str:
    fmt = (request.args.get("format") or request.form.get("format") or "json").strip().lower()
    if fmt not in API_FORMATS:
        raise InvalidInput(f"Unknown format '{fmt[:20]}'; use json, csv, html, jsonresume or txt.")
    return fmt


@api.post("/check")
def check() -> Response:
    """Multipart: ``resume`` file plus ``role`` or ``job`` (posting text, or a text file part:
    ``-F job=@posting.txt``), optional ``pages`` and ``format`` (json, csv, html, jsonresume: the resume as JSON
    Resume, or txt: its plain rebuild; also a query parameter).
    A link instead of the posting is refused with 400 ``posting_is_link``."""
    fmt = _format()
    job_text, job_file = posting_part(request.form.get("job"), request.files.get("job"))
    role, job = target_args(request.form.get("role"), job_text)
    target_pages = pages_arg(request.form.get("pages"))
    federal = federal_arg(request.form.get("federal"))
    data, name = read_upload(request.files.get("resume"))
    report = run_check(data, name, role, job, target_pages, federal, apply_link_arg(request.form.get("apply_url")))
    if job_file and report.job is not None and not report.job.title:
        report = replace(report, job=replace(report.job, source=job_file, name=job_file))
    if fmt == "json":
        return jsonify(public_report(report))
    return Response(export_report(report, fmt), mimetype=MEDIA_TYPES[fmt].split(";")[0])


def _program(program: Any) -> dict[str, Any]:
    labels = criterion_labels(program)
    return {**program.to_dict(), "criteria": [{"id": c, "label": labels[c]} for c in program.criteria]}


@api.get("/programs")
def programs() -> Response:
    return jsonify({"programs": [_program(p) for p in list_programs()]})


@api.get("/programs/<program_id>")
def program(program_id: str) -> Response:
    return jsonify(_program(load_program(program_id)))


@api.post("/programs/<program_id>/check")
def program_check(program_id: str) -> Response:
    """Multipart: ``resume``, optional ``pages`` and ``federal``. The program's rubric and the report it judged."""
    chosen = program_target(program_id, pages_arg(request.form.get("pages")))
    federal = federal_arg(request.form.get("federal"))
    data, name = read_upload(request.files.get("resume"))
    report = run_check(data, name, chosen.role, chosen.job, chosen.target_pages, federal)
    rubric = None if report.unreadable else jsonable(evaluate_with_text(chosen.program, report))
    return jsonify({"program": _program(chosen.program), "rubric": rubric, "report": public_report(report)})


@api.get("/roles")
def roles() -> Response:
    return jsonify({"roles": [r.to_dict() for r in list_roles()]})


@api.get("/roles/<role_id>")
def role(role_id: str) -> Response:
    return jsonify(load_role(role_id).to_dict(with_terms=True))


@api.get("/questions")
def question_sets() -> Response:
    return jsonify({"sets": [s.to_dict() for s in list_sets()]})


@api.get("/questions/<set_id>")
def question_set(set_id: str) -> Response:
    return jsonify(load_set(set_id).to_dict(with_questions=True))


def _json_payload() -> Any:
    """The JSON body, read with a size cap; None when it is not JSON.

    Python's parser recurses once per nesting level, so a body of ``[[[[...``
    raises RecursionError, not the ValueError of bad JSON: that is a bad
    request too, not a server error.
    """
    too_big = InvalidInput(
        f"The request body is larger than {MAX_JSON_BYTES // 1024} KB; send only {{\"answer\": \"...\"}}."
    )
    if (request.content_length or 0) > MAX_JSON_BYTES:
        raise too_big
    data = _read_capped(request.stream, MAX_JSON_BYTES)  # a chunked body has no length to check first
    if len(data) > MAX_JSON_BYTES:
        raise too_big
    try:
        return json.loads(data)
    except ValueError:
        return None
    except RecursionError:
        raise InvalidInput("The JSON body is nested too deeply; send {\"answer\": \"...\"}.") from None


def _read_capped(stream: Any, cap: int) -> bytes:
    """At most ``cap + 1`` bytes. One read may return less than is there, so read until the
    end; a body shorter than its Content-Length raises ClientDisconnected on the way."""
    chunks: list[bytes] = []
    size = 0
    while size <= cap:
        chunk = stream.read(cap + 1 - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _answer() -> str:
    payload: Any = _json_payload() if request.is_json else None
    answer = payload.get("answer") if isinstance(payload, dict) else request.form.get("answer")
    if not isinstance(answer, str) or not answer.strip():
        raise InvalidInput("Send the answer as JSON {\"answer\": \"...\"} or a form field 'answer'.")
    if len(answer) > MAX_ANSWER:
        raise InvalidInput(f"The answer is longer than {MAX_ANSWER} characters.")
    return answer


@api.post("/questions/<set_id>/<question_id>/feedback")
def feedback(set_id: str, question_id: str) -> Response:
    question = load_set(set_id).get(question_id)
    return jsonify(jsonable(review_answer(question, _answer()).to_record()))


@api.get("/health")
def health() -> Response:
    """For load balancers and start-up scripts: the app answers and its data files load."""
    return jsonify({"status": "ok", "version": __version__, "roles": len(list_roles()), "question_sets": len(list_sets())})


@api.get("/openapi.json")
def openapi() -> Response:
    return jsonify(spec())
