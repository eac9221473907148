"""What ``jobkit check`` and ``jobkit read`` take as input: the resume (a path or standard input), the
posting (text, a file, or standard input; never a link) and the exit gates."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from jobkit.match.target import Target


_POSTING_SUFFIXES = (".txt", ".md", ".pdf", ".docx", ".text")


def job_text(job: str) -> str:
    """--job takes posting text, a path to a .txt/.md/.pdf/.docx file, or - for standard input.

    The CLI is the only interface that turns an argument into a path: the web
    and the API always treat a posting as text. A link is refused (exit 2): jobkit never opens one.
    """
    from pathlib import Path

    from jobkit.errors import PostingIsLink
    from jobkit.match.target import posting_text_from_file, refuse_link

    if job == "-":
        with click.open_file("-") as stdin:
            text = stdin.read()
    elif _job_file(job):
        text = posting_text_from_file(Path(job))
    elif "\n" not in job and job.lower().endswith(_POSTING_SUFFIXES) and len(job.split()) == 1:
        raise click.BadParameter(f"No such posting file: {job}", param_hint="--job")
    else:
        text = job
    try:
        refuse_link(text)
    except PostingIsLink as exc:
        raise click.BadParameter(exc.message, param_hint="--job") from None
    return text


def _job_file(job: str) -> bool:
    return "\n" not in job and len(job) < 4096 and os.path.isfile(job)


def pick(role: str | None, job: str | None) -> tuple[str | None, str | None]:
    """Role or posting, by the one policy every interface uses (a posting wins over a role)."""
    from jobkit.match.target import pick_target

    if role is not None and job is not None:
        click.echo("Note: --job given, so --role is ignored: checking against the posting.", err=True)
    return pick_target(role, job_text(job) if job is not None else None)


def target_for(role: str | None, job: str | None, job_option: str | None) -> "Target":
    """The target, a posting given as a file named by its file (not "pasted text")."""
    from dataclasses import replace
    from pathlib import Path

    from jobkit.match.target import posting_from_text, posting_target, resolve_target

    if job is None:
        return resolve_target(role, None)
    posting = posting_from_text(job)
    if job_option and job_option != "-" and _job_file(job_option):
        posting = replace(posting, source=Path(job_option).name)
    return posting_target(posting)


def resume_source(resume: str) -> tuple[object, str | None]:
    """RESUME as given: a path, or - for the bytes on standard input."""
    if resume == "-":
        with click.open_file("-", "rb") as stdin:
            return stdin.read(), "stdin"
    return resume, None


def gates(readiness: int | None, match: int, min_score: int | None, min_match: int | None) -> list[str]:
    """Which of --min-score (the readiness figure) and --min-match (the keyword match) failed, and by how much."""
    failed = []
    if min_score is not None:
        if readiness is None:
            failed.append(f"--min-score {min_score}: no readiness figure (the posting was not recognized).")
        elif readiness < min_score:
            failed.append(f"--min-score {min_score}: ATS readiness {readiness} is {min_score - readiness} below it.")
    if min_match is not None and match < min_match:
        failed.append(f"--min-match {min_match}: keyword match {match} is {min_match - match} below it.")
    return failed
