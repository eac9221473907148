"""The ``jobkit`` command: a thin click layer over the core functions.

Each command parses options, makes one library call and prints the result.
Library errors become exit status 1 with a one-line message; click's own
usage errors exit with 2.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from jobkit import __version__
from jobkit.config import PDF_ENGINES, Settings
from jobkit.model.check_results import MAX_TARGET_PAGES, MIN_TARGET_PAGES

from jobkit.cli.check_inputs import gates, pick, resume_source, target_for
from jobkit.cli.read_exports import READ_FORMATS, read_output


def _echo_json(obj: Any, *, compact: bool = False) -> None:
    if compact:
        click.echo(json.dumps(obj, ensure_ascii=False, separators=(",", ":")))
    else:
        click.echo(json.dumps(obj, ensure_ascii=False, indent=2))


class _Group(click.Group):
    """Turns a library error no command handled (a broken data file, say) into a one-line message, exit 1;
    a setting that cannot be used (a JOBKIT_* variable), exit 2."""

    def invoke(self, ctx: click.Context) -> Any:
        from jobkit.errors import JobkitError, SettingError

        try:
            return super().invoke(ctx)
        except SettingError as exc:
            from jobkit.cli.program_commands import UsageProblem

            raise UsageProblem(exc.message) from None
        except JobkitError as exc:
            raise click.ClickException(f"[{exc.code}] {exc.message}") from None


# Set by main(): check and read may cap the memory of the jobkit command's own process (JOBKIT_MAX_MEMORY_MB,
# as the web app and batches cap their workers), never that of a test calling cli() in its own process.
_OWN_PROCESS = False


PDF_ENGINE = click.option(
    "--pdf-engine", type=click.Choice(PDF_ENGINES), default=None,
    help="PDF reader: pdfminer (the default and reference) or pdfium (faster; pip install '.[fast]' in the jobkit "
         "folder). Default: JOBKIT_PDF_ENGINE, else pdfminer.")


def _settings() -> Settings:
    """The command's one read of the JOBKIT_* settings: a value that is not usable is one line naming it, exit 2."""
    return Settings.from_env()


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="jobkit")
def cli() -> None:
    """Check a resume the way an applicant tracking system (ATS) reads it,
    against Medical Records Technician jobs."""


@cli.command("read")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print JSON (one object per line for several files).")
@click.option("--lines", "with_lines", is_flag=True, help="With --json, include every line with page, origin and position.")
@click.option("--format", "fmt", type=click.Choice(READ_FORMATS), default="text", show_default=True,
              help="text: what an ATS sees; json: the same as JSON; jsonresume: the resume as JSON Resume (schema "
                   "1.0.0); txt or docx: a plain single-column rebuild with standard headings, only what was read.")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of the terminal (needed for docx). One input file only.")
def read_command(files: tuple[str, ...], as_json: bool, with_lines: bool, fmt: str, output: str | None) -> None:
    """Show what an ATS sees in FILE (- for stdin), or export the resume it read (--format jsonresume, txt, docx)."""
    from jobkit.read.deadline import bounded_check
    from jobkit.errors import JobkitError
    from jobkit.read import read_resume
    from jobkit.memory import apply_settings

    fmt = "json" if as_json else fmt
    if output and len(files) > 1:
        raise click.UsageError("-o/--output takes one input file.")
    if fmt == "docx" and not output:
        raise click.UsageError("--format docx writes a Word file: give its name with -o, e.g. -o plain.docx.")
    settings = _settings()
    apply_settings(settings, cap_memory=_OWN_PROCESS)
    limits = settings.limits()
    failed = False
    for index, path in enumerate(files):
        try:
            with bounded_check(limits, path):
                source, filename = resume_source(path)
                document = read_resume(source, filename, limits=limits)  # type: ignore[arg-type]
                payload = read_output(document, fmt, with_lines, path, compact=len(files) > 1)
        except JobkitError as exc:
            failed = True
            if fmt == "json":
                _echo_json({"file": path, "error": exc.to_dict()}, compact=len(files) > 1)
            else:
                click.echo(f"{path}: error: {exc.message}", err=True)
            continue
        if output:
            Path(output).write_bytes(payload if isinstance(payload, bytes) else payload.encode("utf-8"))
            click.echo(f"Wrote {output}", err=True)
        else:
            click.echo(("\n" if index and fmt == "text" else "") + str(payload))
    sys.exit(1 if failed else 0)


@cli.command("check")
@click.argument("resume", type=click.Path(dir_okay=False))
@click.option("--role", "role", metavar="ID",
              help="Role keyword set to check against (see: jobkit roles). Default: medical-records-technician.")
@click.option("--job", "job", metavar="POSTING", help="Job posting: a file (.txt, .pdf, .docx), the text itself, or - for stdin.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "html"]), default="text", show_default=True,
              help="Report format: text, JSON, a CSV row (the batch columns) or a standalone HTML page.")
@click.option("--json", "as_json", is_flag=True, help="Short for --format json.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the report to this file instead of the terminal.")
@click.option("--min-score", type=click.IntRange(0, 100), default=None,
              help="Exit with status 3 when the ATS readiness (the headline figure) is below N.")
@click.option("--min-match", type=click.IntRange(0, 100), default=None,
              help="Exit with status 3 when the keyword match is below N.")
@click.option("--pages", "target_pages", type=click.IntRange(MIN_TARGET_PAGES, MAX_TARGET_PAGES), default=None,
              help="Target length in pages. Default: 1, or 2 under federal rules (two also suits a long career).")
@click.option("--federal/--no-federal", default=None,
              help="Force federal (USAJOBS) rules on or off. Default: on for a USAJOBS, VA or IHS posting.")
@click.option("--limit", type=click.IntRange(1, 500), default=12, show_default=True, help="Matched and missing terms shown.")
@click.option("--apply-url", "apply_link", metavar="URL",
              help="The posting's apply link: its application system's documented gates (Greenhouse, Taleo, Lever, "
                   "iCIMS, ...) are applied to your file. Default: the site the posting names, if any.")
@PDF_ENGINE
def check_command(
    resume: str, role: str | None, job: str | None, fmt: str, as_json: bool, output: str | None,
    min_score: int | None, min_match: int | None, target_pages: int | None, federal: bool | None, limit: int,
    apply_link: str | None, pdf_engine: str | None,
) -> None:
    """Score RESUME (a file, or - for standard input) against a role (--role ID, default
    medical-records-technician) or a job posting (--job POSTING).

    Exit status: 0 done; 1 the resume could not be read (or has no text); 2 a bad option or posting
    (such as a link); 3 below --min-score or --min-match."""
    from jobkit.pipeline import check_resume
    from jobkit.read.deadline import bounded_check
    from jobkit.errors import InvalidInput, JobkitError, NotFound
    from jobkit.output.registry import export_report
    from jobkit.memory import apply_settings

    job_option = job
    role, job = pick(role, job)
    settings = _settings()
    apply_settings(settings, cap_memory=_OWN_PROCESS)
    limits = settings.limits(pdf_engine)
    source, filename = resume_source(resume)
    try:
        target = target_for(role, job, job_option)
        with bounded_check(limits, resume):  # the kernel ends a read stuck in C code
            report = check_resume(source, target=target, filename=filename, target_pages=target_pages,  # type: ignore[arg-type]
                                  federal=federal, limits=limits, apply_link=apply_link)
    except NotFound as exc:
        if role is not None and "role" in exc.message:
            raise click.BadParameter(exc.message, param_hint="--role") from None
        click.echo(f"error: {exc.message}", err=True)
        sys.exit(1)
    except InvalidInput as exc:
        raise click.BadParameter(exc.message, param_hint="--job" if job is not None else "RESUME") from None
    except JobkitError as exc:
        if as_json or fmt == "json":  # machine-readable, as jobkit read --json gives it
            _echo_json({"file": resume, "error": exc.to_dict()})
        else:
            click.echo(f"{resume}: error: {exc.message}", err=True)
        sys.exit(1)
    fmt = "json" if as_json else fmt
    text = export_report(report.to_record(include_text=fmt == "html"), fmt, limit=limit)
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
    else:
        with open(output, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        click.echo(f"Wrote {output} (score {report.score}/100).", err=True)
    record = report.to_record()
    if record.unreadable:
        sys.exit(1)  # no text an ATS could read: the report says so, and the run failed
    failed = gates(report.summary.readiness, report.score, min_score, min_match)
    for line in failed:
        click.echo(line, err=True)
    if failed:
        sys.exit(3)


@cli.command("roles")
@click.argument("role_id", required=False, metavar="[ID]")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def roles_command(role_id: str | None, as_json: bool) -> None:
    """List the role keyword sets, or show one with its terms."""
    from jobkit.errors import NotFound
    from jobkit.data.keywords import CATEGORY_LABELS, list_roles, load_role

    if role_id is None:
        roles = list_roles()
        if as_json:
            _echo_json([r.to_dict() for r in roles])
            return
        for role in roles:
            click.echo(f"{role.id:<36} {role.name} ({len(role.requirements)} terms)")
        return
    try:
        role = load_role(role_id)
    except NotFound as exc:
        raise click.BadParameter(exc.message, param_hint="ID") from None
    if as_json:
        _echo_json(role.to_dict(with_terms=True))
        return
    click.echo(f"{role.name} [{role.id}]\n{role.summary}\nTitles: {', '.join(role.titles)}")
    for requirement in sorted(role.requirements, key=lambda r: (-r.weight, r.need, r.term.term)):
        term = requirement.term
        aliases = f" (also: {', '.join(term.aliases[:4])}{', ...' if len(term.aliases) > 4 else ''})" if term.aliases else ""
        click.echo(f"  {requirement.weight} {requirement.need:<9} {CATEGORY_LABELS[term.category]:<26} {term.term}{aliases}")


@cli.command("questions")
@click.argument("set_id", required=False, metavar="[SET]")
@click.option("--random", "random_count", type=click.IntRange(1, 100), default=None, metavar="N",
              help="Draw N questions at random (from SET, or from every set).")
@click.option("--seed", type=int, default=None, help="Seed for --random: the same seed draws the same questions.")
@click.option("--role", metavar="ID", default=None, help="With --random, prefer questions for this role.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def questions_command(set_id: str | None, random_count: int | None, seed: int | None, role: str | None, as_json: bool) -> None:
    """List the interview question sets, or print one set's questions."""
    from jobkit.errors import NotFound
    from jobkit.data.questions import draw_round, list_sets, load_set

    try:
        if random_count is not None:
            drawn = draw_round(set_id, random_count, seed, role)
            if as_json:
                _echo_json([q.to_dict() for q in drawn])
            else:
                for number, question in enumerate(drawn, 1):
                    click.echo(f"{number}. [{question.set_id}, {question.difficulty}] {question.text}")
            return
        if set_id is None:
            sets = list_sets()
            if as_json:
                _echo_json([s.to_dict() for s in sets])
                return
            for qset in sets:
                click.echo(f"{qset.id:<34} {qset.title} ({len(qset.questions)} questions)")
            return
        qset = load_set(set_id)
    except NotFound as exc:
        raise click.BadParameter(exc.message, param_hint="SET") from None
    if as_json:
        _echo_json(qset.to_dict(with_questions=True))
        return
    click.echo(f"{qset.title}\n{qset.description}\n")
    for number, question in enumerate(qset.questions, 1):
        tag = " (from the guide, word for word)" if question.documented else ""
        click.echo(f"{number}. {question.text}  [{question.difficulty}]{tag}")
        for point in question.key_points:
            click.echo(f"     - {point.point}")


QUIT_WORDS = ("q", "quit")


def _read_answer() -> tuple[str, bool]:
    """Lines until an empty line (or end of input), and whether the user asked to stop: a line that is only
    "q" or "quit" ends the round at once, and is never part of an answer."""
    lines: list[str] = []
    while True:
        try:
            line = input()
        except EOFError:
            break
        if line.strip().lower() in QUIT_WORDS:
            return "\n".join(lines), True
        if not line.strip():
            break
        lines.append(line)
    return "\n".join(lines), False


@cli.command("practice")
@click.argument("set_id", required=False, metavar="[SET]")
@click.option("--count", type=click.IntRange(1, 50), default=5, show_default=True, help="Questions in the round.")
@click.option("--seed", type=int, default=None, help="Seed for a reproducible round.")
@click.option("--role", metavar="ID", default=None, help="Prefer questions for this role.")
def practice_command(set_id: str | None, count: int, seed: int | None, role: str | None) -> None:
    """Practice interview questions: answer each one, see which key points you covered."""
    from jobkit.answers import review_answer
    from jobkit.errors import NotFound
    from jobkit.data.questions import draw_round
    from jobkit.output.document_text import wrap

    try:
        drawn = draw_round(set_id, count, seed, role)
    except NotFound as exc:
        raise click.BadParameter(exc.message, param_hint="SET") from None
    click.echo(f"{len(drawn)} question(s). Type your answer, then an empty line. Type 'q' to stop.\n")
    for number, question in enumerate(drawn, 1):
        click.echo(f"Question {number} of {len(drawn)} [{question.topic}, {question.difficulty}]")
        click.echo(wrap(question.text, indent=""))
        answer, stop = _read_answer()
        if not answer.strip():
            if stop:
                click.echo("Stopped.")
                return
            click.echo("  No answer given.\n")
            continue
        feedback = review_answer(question, answer)
        for unsafe in feedback.unsafe:
            click.echo(wrap(f"!! This answer would end an interview: {unsafe.name.lower()} (\"{unsafe.said}\"). "
                            f"{unsafe.why} Source: {unsafe.source}.", indent="  "))
        for result in feedback.points:
            mark = "+" if result.covered else "-"
            found = f"  (you said: {result.found})" if result.found else "  (named but denied)" if result.denied else ""
            click.echo(wrap(f"{mark} {result.point.point}{found}", indent="  "))
        click.echo(f"  Covered {feedback.covered} of {len(feedback.points)} key points." if not feedback.unsafe else
                   "  No key point is credited while the answer breaks a rule: say what you would do instead.")
        for message in filter(None, (feedback.star_message, feedback.length_message)):
            click.echo(wrap(message, indent="  "))
        click.echo(wrap("Outline of a strong answer: " + question.outline, indent="  "))
        click.echo()
        if stop:
            click.echo("Stopped.")
            return
    click.echo("Round finished.")


@cli.command("batch")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--role", metavar="ID", help="Role keyword set to check against. Default: medical-records-technician.")
@click.option("--job", metavar="POSTING", help="Job posting: a file, the text, or - for stdin.")
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False, writable=True), help="Write one CSV row per resume.")
@click.option("--jsonl", "jsonl_path", type=click.Path(dir_okay=False, writable=True), help="Write the full report per resume as JSON lines.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False, writable=True), help="Write the HTML cohort report.")
@click.option("--workers", type=click.IntRange(1, 256), default=None, help="Worker processes (default: one per CPU).")
@click.option("--dask-scheduler", metavar="ADDRESS",
              help="Run on a Dask cluster (tcp://host:8786); needs pip install '.[dask]' in the jobkit folder. "
                   "Default: JOBKIT_DASK_SCHEDULER.")
@click.option("--include-contact", is_flag=True, help="Keep names, emails and phones in the outputs (off by default). "
              "File names stay as they are: files named after students keep their names (see --anonymize-files).")
@click.option("--anonymize-files", "key_path", type=click.Path(dir_okay=False), help="Replace file names by ids "
              "(student-0001, ...) in every output; write the id-to-file key to this CSV, for the advisor only.")
@click.option("--pages", "target_pages", type=click.IntRange(MIN_TARGET_PAGES, MAX_TARGET_PAGES), default=None,
              help="Target length in pages. Default: 1, or 2 under federal rules.")
@click.option("--federal/--no-federal", default=None, help="Force federal (USAJOBS) rules on or off. Default: follow the posting.")
@click.option("--timeout", type=click.FloatRange(1, 3600), default=None, help="Seconds allowed per file.")
@click.option("--program", "program_id", metavar="ID", help="Program rubric (programs/ID.toml): its role, page target and pass/fail criteria.")
@click.option("--reports", "reports_dir", type=click.Path(file_okay=False), help="Write one HTML report per resume and index.html here.")
@PDF_ENGINE
def batch_command(
    paths: tuple[str, ...], role: str | None, job: str | None, csv_path: str | None, jsonl_path: str | None,
    html_path: str | None, workers: int | None, dask_scheduler: str | None, include_contact: bool,
    target_pages: int | None, federal: bool | None, timeout: float | None, program_id: str | None, reports_dir: str | None,
    key_path: str | None, pdf_engine: str | None,
) -> None:
    """Check every resume in PATHS (files, folders, .zip archives) against one role, posting or program."""
    from jobkit.cli.batch_command import run_batch_command
    from jobkit.cli.program_commands import program_target
    from jobkit.memory import apply_settings

    settings = _settings()
    apply_settings(settings, cap_memory=False)  # each worker process is capped, not this one
    program = None
    if program_id is not None:
        program, role, job, target_pages = program_target(program_id, role, job, target_pages)
    else:
        role, job = pick(role, job)
    run_batch_command(
        paths, role=role, job=job, csv_path=csv_path, jsonl_path=jsonl_path,
        html_path=html_path, workers=workers, dask_scheduler=dask_scheduler or settings.dask_scheduler,
        include_contact=include_contact, target_pages=target_pages, federal=federal, timeout=timeout, program=program,
        reports_dir=reports_dir, limits=settings.limits(pdf_engine), dask_timeout=settings.dask_timeout, key_path=key_path)


from jobkit.cli.program_commands import batch_compare_command, batch_outcomes_command  # noqa: E402 - career centers
from jobkit.cli.server_commands import gunicorn_args, serve_command, worker_command  # noqa: E402, F401

for command in (serve_command, worker_command, batch_compare_command, batch_outcomes_command):
    cli.add_command(command)


def main() -> None:
    global _OWN_PROCESS
    _OWN_PROCESS = True
    cli(prog_name="jobkit")


if __name__ == "__main__":
    main()
