"""The ``jobkit`` command: a thin click layer over the core functions.

Each command parses options, makes one library call and prints the result.
Library errors become exit status 1 with a one-line message; click's own
usage errors exit with 2.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from . import __version__


def _echo_json(obj: Any, *, compact: bool = False) -> None:
    if compact:
        click.echo(json.dumps(obj, ensure_ascii=False, separators=(",", ":")))
    else:
        click.echo(json.dumps(obj, ensure_ascii=False, indent=2))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="jobkit")
def cli() -> None:
    """Check a resume the way an applicant tracking system (ATS) reads it,
    against Medical Records Technician jobs."""


@cli.command("read")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print JSON (one object per line for several files).")
@click.option("--lines", "with_lines", is_flag=True, help="With --json, include every line with page, origin and position.")
def read_command(files: tuple[str, ...], as_json: bool, with_lines: bool) -> None:
    """Show what an ATS sees in FILE: text, sections, pages and what it would lose."""
    from .errors import JobkitError
    from .readers import read_resume
    from .render_text import render_document

    failed = False
    for index, path in enumerate(files):
        try:
            document = read_resume(path)
        except JobkitError as exc:
            failed = True
            if as_json:
                _echo_json({"file": path, "error": exc.to_dict()}, compact=len(files) > 1)
            else:
                click.echo(f"{path}: error [{exc.code}] {exc.message}", err=True)
            continue
        if as_json:
            payload = document.to_dict(include_lines=with_lines)
            payload["file"] = path
            _echo_json(payload, compact=len(files) > 1)
        else:
            if index:
                click.echo()
            click.echo(render_document(document))
    sys.exit(1 if failed else 0)


def main() -> None:
    cli(prog_name="jobkit")


if __name__ == "__main__":
    main()
