"""One memory cap for every way in (JOBKIT_MAX_MEMORY_MB), and settings that cannot be used.

The CLI caps its own process for ``check`` and ``read``; the web app's and
batches' workers take the same setting. Limits are read in a fresh process
(a subprocess), since a cap set in the test process would stay for the rest
of the run. A bad JOBKIT_* setting is one line naming it, exit status 2.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from jobkit import isolation
from jobkit.cli.commands import cli
from jobkit.config import MB, format_size
from jobkit.model.batches import BatchError
from jobkit.workers import WorkerPool
from tests.project.conftest import ROOT

resource = pytest.importorskip("resource")
RESUME = "JANE DOE, RHIT\nEXPERIENCE\nMedical records technician: EHR, HIPAA, release of information.\n"

# Runs the jobkit command as its console script does, then prints the address-space limit it left.
RUN_MAIN = """
import resource, sys
sys.argv = ["jobkit", *sys.argv[1:]]
{patch}
from jobkit.cli.commands import main
try:
    main()
except SystemExit as exit:
    print("exit", exit.code)
print("soft", resource.getrlimit(resource.RLIMIT_AS)[0])
"""


def _run(args: list[str], env: dict[str, str], patch: str = "", soft_limit: int | None = None):  # type: ignore[no-untyped-def]
    def lower() -> None:
        if soft_limit is not None:
            resource.setrlimit(resource.RLIMIT_AS, (soft_limit, resource.getrlimit(resource.RLIMIT_AS)[1]))

    return subprocess.run([sys.executable, "-c", RUN_MAIN.format(patch=patch), *args], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, **env}, preexec_fn=lower)


@pytest.fixture
def resume(tmp_path: Path) -> Path:
    path = tmp_path / "resume.txt"
    path.write_text(RESUME)
    return path


@pytest.mark.parametrize("command", ["check", "read"])
def test_the_cli_caps_its_own_memory_at_the_setting(resume, command):
    done = _run([command, str(resume)], {"JOBKIT_MAX_MEMORY_MB": "700"})
    assert done.stdout.splitlines()[-2:] == ["exit 0", f"soft {700 * MB}"], done.stderr
    default = _run([command, str(resume)], {"JOBKIT_MAX_MEMORY_MB": ""})
    assert default.stdout.splitlines()[-1] == f"soft {1536 * MB}"


def test_a_lower_limit_already_set_is_kept_and_0_means_no_cap(resume):
    kept = _run(["check", str(resume)], {"JOBKIT_MAX_MEMORY_MB": "1536"}, soft_limit=1000 * MB)
    assert kept.stdout.splitlines()[-1] == f"soft {1000 * MB}"
    none = _run(["read", str(resume)], {"JOBKIT_MAX_MEMORY_MB": "0"})
    assert none.stdout.splitlines()[-1] == f"soft {resource.RLIM_INFINITY}"


@pytest.mark.parametrize(("command", "target"), [("check", "jobkit.pipeline.check_resume"),
                                                  ("read", "jobkit.read.read_resume")])
def test_running_out_of_the_cap_is_one_line_and_exit_1(resume, command, target):
    module, name = target.rsplit(".", 1)
    patch = f"import {module}\n{module}.{name} = lambda *args, **kwargs: bytearray(1 << 30)"  # 1 GB, over 400 MB
    done = _run([command, str(resume)], {"JOBKIT_MAX_MEMORY_MB": "400"}, patch=patch)
    assert done.stdout.splitlines()[0] == "exit 1"
    assert done.stderr == (f"{resume}: error: The file needs more memory to check than the limit "
                           "allows (400 MB, set by JOBKIT_MAX_MEMORY_MB); it may be damaged or built to exhaust "
                           "memory. Save or export it again.\n")


def _address_space_limit() -> int:
    return resource.getrlimit(resource.RLIMIT_AS)[0]


def test_worker_processes_take_the_same_setting(monkeypatch):
    monkeypatch.setenv("JOBKIT_MAX_MEMORY_MB", "900")
    pool = WorkerPool(workers=1, timeout=60)
    try:
        assert pool.memory_mb == 900
        assert pool.call(_address_space_limit) == 900 * MB
    finally:
        pool.close()
    assert WorkerPool(workers=1, memory_mb=0).memory_mb == 0  # an explicit 0: no cap


def test_the_web_app_caps_its_check_workers_and_refuses_a_bad_setting_at_start(monkeypatch):
    from jobkit.errors import SettingError
    from jobkit.web import create_app
    from jobkit.web.upload_check import pool

    monkeypatch.setenv("JOBKIT_MAX_MEMORY_MB", "900")
    app = create_app({"SECRET_KEY": "test", "TESTING": True})
    with app.app_context():
        assert pool().memory_mb == 900  # the pool starts its processes on first use: none here
    monkeypatch.setenv("JOBKIT_MAX_MEMORY_MB", "lots")
    with pytest.raises(SettingError, match="JOBKIT_MAX_MEMORY_MB='lots'"):
        create_app({"SECRET_KEY": "test", "TESTING": True})


def test_a_worker_out_of_memory_names_the_setting(monkeypatch):
    def greedy(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setenv("JOBKIT_MAX_MEMORY_MB", "1024")
    monkeypatch.setattr("jobkit.pipeline.check_resume", greedy)
    assert isolation.check_job(b"x", "r.txt", None, None, None) == (
        "error", BatchError("corrupt_document", "The file needs more memory to check than the limit allows (1024 MB, "
                                                "set by JOBKIT_MAX_MEMORY_MB); it may be damaged or built to exhaust "
                                                "memory. Save or export it again."))


BAD = [
    ("JOBKIT_MAX_PAGES", "abc", "a whole number above 0 (the default is 30)"),
    ("JOBKIT_MAX_PAGES", "2.5", "a whole number above 0 (the default is 30)"),
    ("JOBKIT_MAX_BYTES", "-1", "a whole number above 0 (the default is 10485760)"),
    ("JOBKIT_READ_TIMEOUT", "nan", "a number above 0 (the default is 20)"),
    ("JOBKIT_READ_TIMEOUT", "inf", "a number above 0 (the default is 20)"),
]


@pytest.mark.parametrize(("setting", "value", "needs"), BAD)
@pytest.mark.parametrize("command", ["check", "read", "batch"])
def test_a_bad_setting_is_one_line_naming_it_and_exit_2(runner, resume, monkeypatch, setting, value, needs, command):
    monkeypatch.setenv(setting, value)
    result = runner.invoke(cli, [command, str(resume)])
    assert result.exit_code == 2
    assert result.output == f"Error: {setting}={value!r} is not usable: set it to {needs}, or unset it.\n"


@pytest.mark.parametrize("value", ["12", "lots", "-5", "1.5"])
def test_a_bad_memory_setting_is_one_line_and_exit_2(runner, resume, monkeypatch, value):
    monkeypatch.setenv("JOBKIT_MAX_MEMORY_MB", value)
    result = runner.invoke(cli, ["check", str(resume)])
    assert result.exit_code == 2
    assert result.output == (f"Error: JOBKIT_MAX_MEMORY_MB={value!r} is not usable: set it to a whole number of "
                             "megabytes from 256 up (the default is 1536), or to 0 for no cap.\n")


def test_a_small_size_limit_is_said_in_bytes_or_kb(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("JOBKIT_MAX_BYTES", "1000")
    path = tmp_path / "long.txt"
    path.write_text(RESUME * 20)
    result = runner.invoke(cli, ["check", str(path)])
    assert result.exit_code == 1
    assert result.output == (f"{path}: error: The file is {format_size(len(RESUME) * 20)}; the limit "
                             "is 1000 bytes. A resume is rarely over 1 MB: remove large images or export again.\n")
    assert format_size(len(RESUME) * 20) == "1.8 KB"


def test_sizes_are_said_in_plain_units():
    assert [format_size(n) for n in (1, 999, 1024, 10_000, 10 * MB, int(10.44 * MB))] == [
        "1 byte", "999 bytes", "1 KB", "9.8 KB", "10 MB", "10.4 MB"]


def test_a_batch_worker_out_of_memory_names_the_setting_too(monkeypatch):
    """Batch and web workers give the one memory error (they had two texts, one without the limit)."""
    from jobkit.batch.runs import check_one
    from jobkit.config import Limits
    from jobkit.model.batches import BatchTarget

    def greedy(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setenv("JOBKIT_MAX_MEMORY_MB", "1024")
    monkeypatch.setattr("jobkit.pipeline.check_resume", greedy)
    outcome = check_one(b"x", "r.txt", BatchTarget(role="medical-records-technician"), False, Limits())
    assert outcome == ("error", isolation.check_job(b"x", "r.txt", None, None, None)[1])
    assert "1024 MB, set by JOBKIT_MAX_MEMORY_MB" in outcome[1].message
