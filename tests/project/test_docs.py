"""The README stays true: every jobkit command it shows runs, and every option it names exists.

Like sqlite-utils' ``tests/test_docs.py``: the console blocks are parsed out of
README.md and each ``$ jobkit ...`` line is run, in order, in a folder holding the
files it names (a resume, a posting, a folder and a zip of resumes), so a renamed
option or a command that stopped working fails here before a reader finds out.
"""

from __future__ import annotations

import re
import shlex
import zipfile
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from jobkit.cli import cli
from tests import builders
from tests.project.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
_BLOCK = re.compile(r"^```console\n(.*?)^```", re.MULTILINE | re.DOTALL)
POSTING = ("Medical Records Technician\nRequired: RHIT, ICD-10-CM coding, release of information, HIPAA.\n"
           "Preferred: Epic EHR, chart analysis.\n")
# Flags of the other programs the README shows (pip, flask, pytest, gunicorn, dask, the benches and the fuzzer).
OTHER_TOOLS = {"--app", "--quick", "--inputs", "--workers", "--seed", "--replay", "--engine", "--worker-class",
               "--threads", "--bind", "--nthreads", "--nworkers", "--upgrade", "--compare", "--memory-limit",
               "--min-seconds", "--isolate", "--api", "--profile"}  # bench/web_cpu.py


def _console_commands() -> list[str]:
    """Every ``$ jobkit ...`` line of the README's console blocks, continuation lines joined."""
    commands = []
    for block in _BLOCK.findall(README):
        joined = re.sub(r"\\\n\s*", " ", block)
        commands += [line.split("$", 1)[1].strip() for line in joined.splitlines()
                     if re.match(r"^\w*\$\s+jobkit ", line)]
    return commands


def _jobkit_options() -> dict[str, set[str]]:
    """Each jobkit command with its option names (``--role``...), the group's own under ''."""
    def names(params: list[click.Parameter]) -> set[str]:
        return {opt for p in params for opt in [*p.opts, *p.secondary_opts] if opt.startswith("-")}

    return {"": names(cli.params)} | {name: names(command.params) for name, command in cli.commands.items()}


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("readme")
    (folder / "resume.pdf").write_bytes(builders.single_column_pdf())
    (folder / "resume.docx").write_bytes(builders.plain_docx())
    (folder / "posting.txt").write_text(POSTING)
    for name in ("resumes", "class"):
        (folder / name).mkdir()
        (folder / name / "a.pdf").write_bytes(builders.single_column_pdf())
        (folder / name / "b.docx").write_bytes(builders.plain_docx())
    with zipfile.ZipFile(folder / "class-of-2027.zip", "w") as archive:
        archive.writestr("c.docx", builders.plain_docx())
    return folder


def _run(command: str, folder: Path, monkeypatch) -> click.testing.Result:
    words = shlex.split(command, comments=True)[1:]
    out = None
    if ">" in words:  # a shell redirect: write what the command printed
        at = words.index(">")
        words, out = words[:at], words[at + 1]
    if words[0] == "batch" and "--dask-scheduler" in words:
        pytest.skip("needs a Dask cluster")
    words = [w.replace("/data/resumes", "resumes") for w in words]
    monkeypatch.chdir(folder)
    if words[0] == "batch":
        words += ["--workers", "1"]
    answer = "I check every request for a valid authorization before release.\n\nq\n"
    result = CliRunner().invoke(cli, words, input=answer, catch_exceptions=False)
    if out:
        (folder / out).write_text(result.output)
    return result


def test_the_readme_shows_jobkit_commands():
    commands = _console_commands()
    assert len(commands) >= 12
    assert {c.split()[1] for c in commands} >= {"check", "read", "batch", "batch-compare", "questions", "practice"}


@pytest.mark.parametrize("command", _console_commands())
def test_every_readme_command_runs(command, workdir, monkeypatch):
    result = _run(command, workdir, monkeypatch)
    assert result.exit_code == 0, f"$ {command}\n{result.output}"
    assert result.output.strip()


def test_every_jobkit_command_is_in_the_readme_with_help():
    for name, command in cli.commands.items():
        assert f"jobkit {name}" in README, f"'jobkit {name}' is not documented in README.md"
        assert (command.help or "").strip(), f"'jobkit {name}' has no help text"


def test_every_option_the_readme_names_exists():
    options = _jobkit_options()
    known = set().union(*options.values()) | OTHER_TOOLS
    named = set(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]+", README))
    assert not named - known, f"README names options no command has: {sorted(named - known)}"


def test_readme_command_options_belong_to_their_command():
    options = _jobkit_options()
    for command in _console_commands():
        words = shlex.split(command, comments=True)
        flags = {w.split("=", 1)[0] for w in words[2:] if w.startswith("--")}
        assert flags <= options[words[1]] | options[""], f"$ {command}: {sorted(flags - options[words[1]])}"
