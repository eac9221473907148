"""Inputs and settings that once ended in a traceback: each is one line naming the file or setting.

Deeply nested TOML in JOBKIT_DATA_DIR, a deeply nested JSON line given to
batch-compare, and a Dask scheduler that does not answer.
"""

import shutil
import socket

import pytest

from jobkit.cli.commands import cli
from jobkit.config import Settings
from jobkit.errors import SettingError
from tests.project.conftest import ROOT

NESTED = "[" * 100_000 + "]" * 100_000


def test_deeply_nested_toml_in_the_data_dir_is_one_line_naming_the_file(runner, tmp_path, monkeypatch):
    for folder in ("keywords", "interview_questions", "programs"):
        shutil.copytree(ROOT / folder, tmp_path / "data" / folder)
    (tmp_path / "data" / "keywords" / "medical-coder.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    monkeypatch.setenv("JOBKIT_DATA_DIR", str(tmp_path / "data"))
    resume = tmp_path / "resume.txt"
    resume.write_text("JANE DOE\nEXPERIENCE\nEHR work\n")
    result = runner.invoke(cli, ["check", str(resume), "--role", "medical-coder"])
    assert result.exit_code == 1
    assert result.output.strip() == (f"{resume}: error: medical-coder.toml: arrays or tables are "
                                     "nested too deeply to read; a data file needs only a few levels.")


def test_a_deeply_nested_json_line_to_batch_compare_is_one_line_exit_2(runner, tmp_path):
    old, new = tmp_path / "old.jsonl", tmp_path / "new.jsonl"
    old.write_text('{"file": "a.txt", "error": {"message": "x"}}\n')
    new.write_text('{"file": "a.txt", "error": {"message": "x"}}\n\n' + NESTED + "\n")
    result = runner.invoke(cli, ["batch-compare", str(old), str(new)])
    assert result.exit_code == 2
    assert result.output == "Error: new.jsonl, line 3: not a jobkit batch result (nested too deeply).\n"


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again once the with block ends: nothing listens there


def test_an_unreachable_dask_scheduler_is_one_line_naming_setting_and_address(runner, tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setenv("JOBKIT_DASK_TIMEOUT", "1")
    (tmp_path / "resume.txt").write_text("JANE DOE\nEXPERIENCE\nEHR work\n")
    address = f"tcp://127.0.0.1:{_closed_port()}"
    csv = tmp_path / "out.csv"
    result = runner.invoke(cli, ["batch", str(tmp_path / "resume.txt"), "--dask-scheduler", address, "--csv", str(csv)])
    assert result.exit_code == 2
    assert result.output == (f"Error: --dask-scheduler (JOBKIT_DASK_SCHEDULER): no Dask scheduler answered at "
                             f"{address} within 1 s; check the address and that `dask scheduler` runs there "
                             "(JOBKIT_DASK_TIMEOUT sets the wait).\n")
    assert not csv.exists()  # nothing written before the cluster answered


@pytest.mark.parametrize("value", ["soon", "0", "-5", "nan", "1e9"])
def test_a_bad_dask_timeout_names_the_setting(runner, tmp_path, monkeypatch, value):
    pytest.importorskip("distributed")
    monkeypatch.setenv("JOBKIT_DASK_TIMEOUT", value)
    (tmp_path / "resume.txt").write_text("JANE DOE\n")
    result = runner.invoke(cli, ["batch", str(tmp_path / "resume.txt"), "--dask-scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2
    assert result.output == (f"Error: JOBKIT_DASK_TIMEOUT={value!r} is not usable: set it to a number of seconds "
                             "from 0.1 to 3600 (the default is 10), or unset it.\n")


def test_connect_waits_ten_seconds_by_default_and_raises_a_typed_error(monkeypatch):
    pytest.importorskip("distributed")
    from jobkit.batch import cluster

    monkeypatch.delenv("JOBKIT_DASK_TIMEOUT", raising=False)
    assert Settings.from_env().dask_timeout == 10.0
    with pytest.raises(SettingError) as caught:
        cluster.connect("nonsense://x", timeout=1)
    assert caught.value.message.startswith(
        "--dask-scheduler (JOBKIT_DASK_SCHEDULER) 'nonsense://x' is not a Dask scheduler address (")
