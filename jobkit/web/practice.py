"""Interview practice pages: one question at a time, feedback on a typed answer.

A round is defined by its URL (set, seed, count or the gap terms), so the
server keeps no state and the back button works.
"""

from __future__ import annotations

import secrets
from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from jobkit.answers import review_answer
from jobkit.data.questions import Question, draw_round, list_sets, load_set, questions_for_gaps
from jobkit.model.schema import jsonable

practice = Blueprint("practice", __name__, url_prefix="/practice")
MAX_ANSWER = 5000


def _number(args: Any, key: str, default: int) -> int:
    """A whole-number query parameter; a missing, zero or garbled one (``?count=abc``) is the default.

    The URL is the round's only state and people edit URLs, so a bad value is
    not worth an error page.
    """
    return args.get(key, default, type=int) or default


def _round(args: Any) -> tuple[list[Question], dict[str, Any]]:
    count = max(1, min(_number(args, "count", 5), 20))
    gaps = [g for g in (args.get("gaps") or "").split(",") if g]
    params = {"count": count}
    if gaps:
        params["gaps"] = ",".join(gaps)
        return questions_for_gaps(gaps, count) or draw_round(count=count, seed=0), params
    set_id = args.get("set") or None
    seed = _number(args, "seed", 0)
    params.update({"seed": seed, **({"set": set_id} if set_id else {})})
    return draw_round(set_id, count, seed), params


@practice.get("/")
def index() -> str:
    return render_template("practice_index.html", sets=list_sets())


@practice.get("/start")
def start() -> Response:
    """Begin a round with a fresh seed, so each visit draws new questions."""
    set_id = request.args.get("set") or None
    if set_id:
        load_set(set_id)
    params = {"seed": secrets.randbelow(1_000_000), "count": _number(request.args, "count", 5)}
    if set_id:
        params["set"] = set_id
    return redirect(url_for("practice.question", i=0, **params))


@practice.route("/question", methods=["GET", "POST"])
def question() -> tuple[str, int]:
    questions, params = _round(request.args)
    index = max(0, min(_number(request.args, "i", 0), len(questions) - 1))
    current = questions[index]
    feedback = None
    error = None
    answer = ""
    if request.method == "POST":
        answer = request.form.get("answer", "")[:MAX_ANSWER]
        if answer.strip():
            feedback = jsonable(review_answer(current, answer).to_record())
        else:
            error = "Type an answer first, then ask for feedback."
    next_url = url_for("practice.question", i=index + 1, **params) if index + 1 < len(questions) else None
    return render_template(
        "practice_question.html", question=current, number=index + 1, total=len(questions), feedback=feedback,
        answer=answer, next_url=next_url, action=url_for("practice.question", i=index, **params), error=error,
    ), (400 if error else 200)
