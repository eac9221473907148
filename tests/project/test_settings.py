"""One declaration of every JOBKIT_* setting, read once by each entry point and passed down."""

import ast
import inspect
import os
import re
import zipfile
from pathlib import Path

import pytest

from jobkit.batch.inputs import ZipLimits, collect
from jobkit.batch.queue_runner import Runner
from jobkit.batch.store import BatchStore
from jobkit.cli.commands import cli
from jobkit.config import DEFAULTS, SETTINGS, Limits, Settings, setting_value
from jobkit.errors import SettingError
from tests.project.conftest import ROOT

# The test suite's own variable, documented in the same table: jobkit itself never reads it.
TEST_ONLY = {"JOBKIT_CORPUS"}
_ROW = re.compile(r"^\| `(JOBKIT_\w+)` \| (.*?) \|", re.MULTILINE)


def _readme_rows() -> dict[str, str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    return {name: default.replace("`", "") for name, default in _ROW.findall(table)}


def test_the_readme_table_lists_exactly_the_declared_settings_with_their_defaults():
    rows = _readme_rows()
    assert set(rows) - TEST_ONLY == {s.name for s in SETTINGS}
    for setting in SETTINGS:
        assert rows[setting.name].startswith(setting.shown_default), setting.name


def test_every_setting_has_help_and_a_default_of_its_type():
    for setting in SETTINGS:
        assert setting.help and setting.name.startswith("JOBKIT_")
        if not setting.shown and setting.kind != "path":  # a default in words ("none") is not a value to parse
            assert setting.parse(setting.shown_default) == setting.read({}) == setting.default


def test_an_empty_environment_gives_the_defaults():
    assert Settings.from_env({}) == Settings(database=os.path.abspath(DEFAULTS.database))
    assert Settings.from_env({}).limits() == Limits()


def _bad_values() -> list[tuple[str, str]]:
    bad = {"whole": "2.5", "number": "soon", "choice": "sometimes", "flag": "maybe"}
    return [(s.name, bad[s.kind]) for s in SETTINGS if s.kind in bad]


@pytest.mark.parametrize(("name", "value"), _bad_values())
def test_a_bad_value_is_one_line_naming_the_setting_and_its_default(name, value):
    with pytest.raises(SettingError) as raised:
        Settings.from_env({name: value})
    message = raised.value.message
    assert message.startswith(f"{name}={value!r} is not usable: set it to ") and "\n" not in message
    assert "(the default is " in message


def test_flags_ranges_and_aliases():
    assert Settings.from_env({"JOBKIT_HTTPS": "yes", "JOBKIT_ISOLATE": "0"}).https is True
    assert Settings.from_env({"JOBKIT_ISOLATE": "off"}).isolate is False
    assert Settings.from_env({"JOBKIT_MAX_MEMORY_MB": "0"}).max_memory_mb is None
    assert Settings.from_env({"JOBKIT_PDF_ENGINE": " PDFium "}).limits().pdf_engine == "pdfium"
    assert Settings.from_env({"SECRET_KEY": "flask-style"}).secret_key == "flask-style"
    assert "flask-style" not in repr(Settings.from_env({"SECRET_KEY": "flask-style"}))
    with pytest.raises(SettingError, match="from 1 to 256"):
        Settings.from_env({"JOBKIT_BATCH_WORKERS": "0"})
    assert setting_value("JOBKIT_BATCH_QUEUE", {"JOBKIT_BATCH_QUEUE": " 5 "}) == 5


def test_a_command_line_engine_goes_into_the_limits_not_the_environment(runner, tmp_path, monkeypatch):
    monkeypatch.delenv("JOBKIT_PDF_ENGINE", raising=False)
    resume = tmp_path / "r.txt"
    resume.write_text("JANE DOE\nEXPERIENCE\nRecords clerk\n")
    result = runner.invoke(cli, ["check", str(resume), "--pdf-engine", "pdfium"])
    assert result.exit_code == 0, result.output
    assert "JOBKIT_PDF_ENGINE" not in os.environ
    assert Settings().limits("pdfium").pdf_engine == "pdfium"


def _environment_reads(path: Path) -> list[str]:
    """Every ``os.environ`` and ``os.getenv`` in one module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv"):
            found.append(node.attr)
    return found


def test_only_the_settings_module_reads_the_environment():
    readers = {str(p.relative_to(ROOT / "jobkit")) for p in (ROOT / "jobkit").rglob("*.py") if _environment_reads(p)}
    # Flask's own FLASK_RUN_FROM_CLI: read by the app factory, cleared by jobkit serve before it starts gunicorn.
    assert readers == {"config.py", "web/__init__.py", "cli/server_commands.py"}
    for name in ("web/__init__.py", "cli/server_commands.py"):
        source = (ROOT / "jobkit" / name).read_text(encoding="utf-8")
        assert re.findall(r"os\.environ\S*\(\"(\w+)\"", source) == ["FLASK_RUN_FROM_CLI"]


def test_each_default_has_one_home():
    runner, store = inspect.signature(Runner).parameters, inspect.signature(BatchStore).parameters
    assert runner["workers"].default == DEFAULTS.batch_workers
    assert runner["retention_days"].default == store["retention_days"].default == DEFAULTS.batch_retention_days
    assert ZipLimits().max_member_bytes == Limits().max_bytes == DEFAULTS.max_bytes


def test_a_zip_member_gets_the_file_limit_of_a_single_upload(tmp_path):
    archive = tmp_path / "class.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("big.txt", "JANE DOE\n" + "Filed charts.\n" * 200)
        zipped.writestr("small.txt", "JANE DOE\n")
    items = {i.name: i for i in collect([archive], ZipLimits.for_limits(Limits(max_bytes=1000)))}
    assert items["class.zip/small.txt"].error is None
    assert items["class.zip/big.txt"].error.message.endswith("the limit per file is 1000 bytes.")


def test_a_batch_folder_takes_every_resume_name_a_single_check_takes(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    for name in ("a.docm", "b.markdown", "c.text", "d.dotx", "e.doc", "notes.xlsx", "README"):
        (folder / name).write_text("JANE DOE\n")
    assert sorted(Path(i.name).name for i in collect([folder])) == ["a.docm", "b.markdown", "c.text", "d.dotx", "e.doc"]
