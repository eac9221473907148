"""The batch command's work: outputs, a progress bar on stderr, a summary at the end.

Kept out of cli.py so the click layer stays thin and so `jobkit check`
never imports tqdm or the batch machinery.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from concurrent.futures import Executor
from typing import IO

import click

from jobkit.batch.inputs import count_inputs, repeated_inputs
from jobkit.batch.runs import BatchTarget, run_batch
from jobkit.batch.outputs import BatchWriter
from jobkit.config import DEFAULTS, Limits
from jobkit.data.programs import Program
from jobkit.errors import InvalidInput
from jobkit.model.cohort_summary import CohortSummary
from jobkit.output.cohort_text import cohort_lines
from jobkit.output.html_format import render_cohort_html
from jobkit.output.student_reports import StudentReports, write_summary_json


@contextlib.contextmanager
def _executor(dask_scheduler: str | None, timeout: float) -> Iterator[Executor | None]:
    if not dask_scheduler:
        yield None
        return
    try:
        import distributed  # noqa: F401 - only to say when Dask is missing
    except ImportError:
        raise click.UsageError("--dask-scheduler needs Dask: run pip install '.[dask]' in the jobkit folder") from None
    from jobkit.batch.cluster import connect
    from jobkit.cli.program_commands import UsageProblem
    from jobkit.errors import SettingError

    try:
        client = connect(dask_scheduler, timeout)  # waits JOBKIT_DASK_TIMEOUT (10 s), not dask's 30 s
    except SettingError as exc:
        raise UsageProblem(exc.message) from None
    with client:
        yield client.get_executor()


def _label(role: str | None, job: str | None) -> str:
    from jobkit.match.target import target_label

    return target_label(role, job)


def run_batch_command(
    paths: tuple[str, ...], *, role: str | None, job: str | None, csv_path: str | None, jsonl_path: str | None,
    html_path: str | None, workers: int | None, dask_scheduler: str | None, include_contact: bool,
    target_pages: int | None, timeout: float | None, federal: bool | None = None,
    program: Program | None = None, reports_dir: str | None = None, limits: Limits | None = None,
    dask_timeout: float = DEFAULTS.dask_timeout, key_path: str | None = None,
) -> None:
    from tqdm import tqdm

    from jobkit.batch.anonymize import FileIds

    try:
        label = _label(role, job)
    except (InvalidInput, LookupError) as exc:
        raise click.BadParameter(str(exc), param_hint="--role/--job") from None
    target = BatchTarget(role=role, job=job, pages=target_pages, federal=federal,
                         program=program.id if program else None)
    try:
        ids = FileIds(key_path) if key_path else None
    except InvalidInput as exc:
        raise click.BadParameter(exc.message, param_hint="--anonymize-files") from None
    for path in repeated_inputs(paths):
        click.echo(f"{path} was given more than once: its resumes are checked once.", err=True)
    reports = StudentReports(reports_dir, program) if reports_dir else None
    with contextlib.ExitStack() as stack:
        executor = stack.enter_context(_executor(dask_scheduler, dask_timeout))  # first: no empty outputs when it fails
        csv = stack.enter_context(open(csv_path, "w", newline="", encoding="utf-8")) if csv_path else None
        jsonl: IO[str] | None = stack.enter_context(open(jsonl_path, "w", encoding="utf-8")) if jsonl_path else None
        writer = BatchWriter(program, include_contact=include_contact, csv=csv, jsonl=jsonl, reports=reports)
        bar = stack.enter_context(tqdm(desc="checking", unit="file", file=sys.stderr, dynamic_ncols=True,
                                       total=count_inputs(paths, limits)))
        for result in run_batch(paths, target, executor, include_contact=include_contact, per_file_timeout=timeout,
                                workers=workers, limits=limits):
            writer.add(ids.result(result) if ids else result)
            bar.update(1)
            bar.set_postfix(errors=writer.errors, refresh=False)
    summary = writer.summary()
    written = [p for p in (csv_path, jsonl_path) if p] + _write_summary(summary, label, html_path, reports)
    if ids:
        written.append(f"{ids.write_key()} (the key from ids to files: keep it to yourself)")
    click.echo(_summary(summary, label, written))


def _write_summary(summary: CohortSummary, label: str, html_path: str | None,
                   reports: StudentReports | None) -> list[str]:
    """The HTML cohort report, and the reports' index and summary.json: the paths written."""
    written = []
    if html_path:
        with open(html_path, "w", encoding="utf-8") as handle:
            handle.write(render_cohort_html(summary, label))
        written.append(html_path)
    if reports:
        written.append(str(reports.finish(summary, label)))
        written.append(str(write_summary_json(reports.folder, summary)))
    return written


def _summary(summary: CohortSummary, label: str, written: list[str]) -> str:
    lines = cohort_lines(summary, label)
    lines.append("Wrote " + ", ".join(written) if written else "No output files: add --csv, --jsonl or --html to keep results.")
    return "\n".join(lines)
