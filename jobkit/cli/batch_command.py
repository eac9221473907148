"""The batch command's work: outputs, a progress bar on stderr, a summary at the end.

Kept out of cli.py so the click layer stays thin and so `jobkit check`
never imports tqdm or the batch machinery.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from concurrent.futures import Executor
from typing import IO, Any

import click

from jobkit.batch.pipeline import BatchTarget, run_batch
from jobkit.batch.outputs import Cohort, CsvOutput, json_line
from jobkit.batch.rubric import RubricCsvOutput, RubricTally, rubric_summary_lines, with_rubric
from jobkit.batch.student_reports import StudentReports, write_summary_json
from jobkit.data.programs import Program
from jobkit.errors import InvalidInput
from jobkit.output.html_format import render_cohort_html


@contextlib.contextmanager
def _executor(dask_scheduler: str | None) -> Iterator[Executor | None]:
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
        client = connect(dask_scheduler)  # waits JOBKIT_DASK_TIMEOUT (10 s), not dask's 30 s
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
    program: Program | None = None, reports_dir: str | None = None, pdf_engine: str | None = None,
) -> None:
    from tqdm import tqdm

    try:
        label = _label(role, job)
    except (InvalidInput, LookupError) as exc:
        raise click.BadParameter(str(exc), param_hint="--role/--job") from None
    target = BatchTarget(role=role, job=job, target_pages=target_pages, federal=federal,
                         program=program, pdf_engine=pdf_engine)
    cohort, tally = Cohort(), RubricTally(program) if program else None
    reports = StudentReports(reports_dir, program) if reports_dir else None
    with contextlib.ExitStack() as stack:
        executor = stack.enter_context(_executor(dask_scheduler))  # first: no empty outputs when it fails
        handle = stack.enter_context(open(csv_path, "w", newline="", encoding="utf-8")) if csv_path else None
        csv_out = (RubricCsvOutput(handle, program, include_contact) if program else CsvOutput(handle, include_contact)) if handle else None
        jsonl: IO[str] | None = stack.enter_context(open(jsonl_path, "w", encoding="utf-8")) if jsonl_path else None
        bar = stack.enter_context(tqdm(desc="checking", unit="file", file=sys.stderr, dynamic_ncols=True))
        for result in run_batch(paths, target, executor, include_contact=include_contact, per_file_timeout=timeout,
                                workers=workers):
            cohort.add(result)
            rubric = result.rubric  # judged in the worker, with the resume's lines
            if tally:
                tally.add(rubric)
            if isinstance(csv_out, RubricCsvOutput):
                csv_out.write_with(result, rubric)
            elif csv_out:
                csv_out.write(result)
            if jsonl:
                jsonl.write(with_rubric(json_line(result), rubric) + "\n")
            if reports:
                reports.add(result, rubric)
            bar.update(1)
            bar.set_postfix(errors=sum(cohort.errors.values()), refresh=False)
    summary = cohort.to_dict()
    if tally:
        summary["rubric"] = tally.to_dict()
    if html_path:
        with open(html_path, "w", encoding="utf-8") as handle:
            handle.write(render_cohort_html(summary, label))
    written = [p for p in (csv_path, jsonl_path, html_path) if p]
    if reports:
        written.append(str(reports.finish(summary, label, summary.get("rubric"))))
        written.append(str(write_summary_json(reports.folder, summary)))
    click.echo(_summary(summary, label, written))


def _summary(summary: dict[str, Any], label: str, written: list[str]) -> str:
    lines = [
        f"Checked {summary['checked']} of {summary['total']} files against {label}; {summary['errors']} could not be read.",
    ]
    if summary["checked"]:
        lines.append(f"Median keyword match {summary['median_score']}, median readiness {summary['median_readiness']}; "
                     f"{summary['over_length']} over the target length.")
        lines.append("Most often missing: " + ", ".join(f"{m['term']} ({m['share']}%)" for m in summary["most_missing"][:5]))
        if summary["formatting"]:
            lines.append("Formatting problems: " + ", ".join(f"{f['title']} {f['count']}" for f in summary["formatting"][:6]))
    if summary.get("rubric"):
        lines += rubric_summary_lines(summary["rubric"])
    if summary["error_codes"]:
        lines.append("Unreadable: " + ", ".join(f"{code} {n}" for code, n in summary["error_codes"].items()))
    lines.append("Wrote " + ", ".join(written) if written else "No output files: add --csv, --jsonl or --html to keep results.")
    return "\n".join(lines)
