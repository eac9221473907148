"""Career-center commands: ``jobkit batch --program`` set-up, ``jobkit batch-compare`` and ``jobkit batch-outcomes``.

Thin click code over :mod:`jobkit.data.programs`, :mod:`jobkit.batch.rubric`,
:mod:`jobkit.batch.term_compare` and :mod:`jobkit.output.comparison_format`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from jobkit.data.programs import Program


class UsageProblem(click.ClickException):
    """A file or setting given cannot be used: one line naming it, exit 2 (click's UsageError adds usage lines)."""

    exit_code = 2


def program_target(program_id: str, role: str | None, job: str | None,
                   target_pages: int | None) -> tuple["Program", str | None, str | None, int]:
    """The program and what its batch checks against: (program, role, posting text, page target).

    ``--role`` and ``--job`` cannot be given with ``--program`` (the program names its own);
    ``--pages`` overrides the program's page target for the check, not its max_pages criterion.
    """
    from jobkit.batch.program_setup import program_target as resolve
    from jobkit.errors import InvalidInput, NotFound

    if role is not None or job is not None:
        raise click.UsageError("--program names its own role or posting: leave out --role and --job.")
    try:
        chosen = resolve(program_id, target_pages)
    except (NotFound, InvalidInput) as exc:
        raise click.BadParameter(exc.message, param_hint="--program") from None
    return chosen.program, chosen.role, chosen.job, chosen.target_pages


@click.command("batch-compare")
@click.argument("old", type=click.Path(exists=True, dir_okay=False))
@click.argument("new", type=click.Path(exists=True, dir_okay=False))
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False, writable=True), help="Write one CSV row per student.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False, writable=True),
              help="Write an HTML page with bars of the change.")
@click.option("--program", "program_id", metavar="ID",
              help="Judge both runs by this program's rubric again (default: the rubric stored in each run).")
@click.option("--roster", "roster_path", type=click.Path(exists=True, dir_okay=False),
              help="CSV with 'file' and 'student_id' columns: match students by id when their file names changed.")
@click.option("--limit", type=click.IntRange(1, 100000), default=50, show_default=True,
              help="Students listed in the text output.")
def batch_compare_command(old: str, new: str, csv_path: str | None, html_path: str | None,
                          program_id: str | None, roster_path: str | None, limit: int) -> None:
    """Compare two `jobkit batch --jsonl` runs (OLD before, NEW after): per student, matched by
    file name or a roster's student id, the change in score, readiness and criteria, and the
    cohort's pass rates."""
    from jobkit.batch.term_compare import compare_runs, read_roster, read_run
    from jobkit.output.comparison_format import comparison_text, render_comparison_html, write_comparison_csv
    from jobkit.errors import InvalidInput

    program = _program(program_id)
    try:
        roster = read_roster(roster_path) if roster_path else None
        comparison = compare_runs(read_run(old, program, roster), read_run(new, program, roster))
    except InvalidInput as exc:
        raise UsageProblem(exc.message) from None
    written = []
    if csv_path:
        with open(csv_path, "w", newline="", encoding="utf-8") as handle:
            write_comparison_csv(comparison, handle)
        written.append(csv_path)
    if html_path:
        with open(html_path, "w", encoding="utf-8") as handle:
            handle.write(render_comparison_html(comparison))
        written.append(html_path)
    click.echo(comparison_text(comparison, limit))
    if written:
        click.echo("Wrote " + ", ".join(written))


@click.command("batch-outcomes")
@click.argument("results", type=click.Path(exists=True, dir_okay=False))
@click.argument("outcomes", type=click.Path(exists=True, dir_okay=False))
@click.option("--program", "program_id", metavar="ID",
              help="Judge the results by this program's rubric again (default: the rubric stored in each line).")
@click.option("-o", "--output", "csv_path", type=click.Path(dir_okay=False, writable=True),
              help="Write the joined table, one CSV row per student.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option("--limit", type=click.IntRange(1, 100000), default=50, show_default=True,
              help="Students listed in the text output.")
def batch_outcomes_command(results: str, outcomes: str, program_id: str | None, csv_path: str | None,
                           as_json: bool, limit: int) -> None:
    """Join OUTCOMES (a CSV: student_id or file, and interviews, offers, exam_passed, date) to RESULTS (a
    `jobkit batch --jsonl` file) and compare each criterion's pass rate among students who got an interview
    with those who did not. A student with no outcome row is counted apart, never as "no interview"."""
    import json

    from jobkit.batch.outcome_rows import read_outcomes_file
    from jobkit.batch.outcomes import join_outcomes, read_results_file
    from jobkit.errors import FileTooLarge, InvalidInput
    from jobkit.output.outcomes_format import outcomes_json, outcomes_text, write_outcomes_csv

    program = _program(program_id)
    try:
        rows = read_outcomes_file(outcomes)
        join = join_outcomes(read_results_file(results, program), rows, click.format_filename(outcomes, shorten=True),
                             program)
    except (InvalidInput, FileTooLarge) as exc:
        raise UsageProblem(exc.message) from None
    if csv_path:
        with open(csv_path, "w", newline="", encoding="utf-8") as handle:
            write_outcomes_csv(join, handle)
    if as_json:
        click.echo(json.dumps(outcomes_json(join), ensure_ascii=False, indent=2))
        return
    click.echo(outcomes_text(join, limit))
    if csv_path:
        click.echo(f"Wrote {csv_path}")


def _program(program_id: str | None) -> "Program | None":
    """The program named by --program, or None; an unknown id is a usage error naming the option."""
    from jobkit.data.programs import load_program
    from jobkit.errors import NotFound

    if program_id is None:
        return None
    try:
        return load_program(program_id)
    except NotFound as exc:
        raise click.BadParameter(exc.message, param_hint="--program") from None
