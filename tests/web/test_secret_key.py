"""Weak secret keys: refused on every production path, a warning under `flask run` and tests."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from jobkit.cli.commands import cli
from jobkit.errors import SettingError
from jobkit.secret_key import DEV_SECRET
from jobkit.web import create_app

ROOT = Path(__file__).resolve().parent.parent.parent
GOOD = "k" * 12 + "-a-random-looking-key-0123456789"
MAKE_KEY = 'python -c "import secrets; print(secrets.token_urlsafe(32))"'


@pytest.fixture
def production(monkeypatch):
    """Neither `flask run` nor a test app: what gunicorn on create_app() or app:app gets."""
    monkeypatch.delenv("FLASK_RUN_FROM_CLI", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("JOBKIT_SECRET_KEY", raising=False)
    return monkeypatch


@pytest.fixture
def started(monkeypatch):
    """Records gunicorn starts instead of replacing the test process with one."""
    calls = []
    monkeypatch.setattr(os, "execv", lambda *args: calls.append(args))
    return calls


@pytest.mark.parametrize(("key", "problem"), [
    ("abc", "JOBKIT_SECRET_KEY is 3 characters long; it needs at least 32."),
    (DEV_SECRET, "JOBKIT_SECRET_KEY is jobkit's published development key."),
    ("x" * 31, "JOBKIT_SECRET_KEY is 31 characters long; it needs at least 32."),
])
def test_serve_refuses_a_weak_key_without_starting_gunicorn(runner, production, started, key, problem):
    production.setenv("JOBKIT_SECRET_KEY", key)
    result = runner.invoke(cli, ["serve"])
    assert result.exit_code == 2
    assert f"Error: {problem} Set it to a long random value, made with: {MAKE_KEY}" in result.output
    assert started == []


def test_serve_starts_gunicorn_with_a_good_key(runner, production, started):
    production.setenv("JOBKIT_SECRET_KEY", GOOD)
    production.setenv("FLASK_RUN_FROM_CLI", "true")  # left over in the shell: gunicorn must not inherit it
    result = runner.invoke(cli, ["serve", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert len(started) == 1 and started[0][1][-1] == "jobkit.web:create_app()"
    assert "FLASK_RUN_FROM_CLI" not in os.environ


@pytest.mark.parametrize(("config", "environment", "problem"), [
    ({}, {}, "JOBKIT_SECRET_KEY is not set."),
    ({}, {"JOBKIT_SECRET_KEY": "abc"}, "JOBKIT_SECRET_KEY is 3 characters long; it needs at least 32."),
    ({}, {"SECRET_KEY": DEV_SECRET}, "JOBKIT_SECRET_KEY is jobkit's published development key."),
    ({"SECRET_KEY": "short"}, {}, "JOBKIT_SECRET_KEY is 5 characters long; it needs at least 32."),
])
def test_the_factory_refuses_a_weak_key_in_production(production, config, environment, problem):
    for name, value in environment.items():
        production.setenv(name, value)
    with pytest.raises(SettingError) as caught:
        create_app(config)
    assert caught.value.message == f"{problem} Set it to a long random value, made with: {MAKE_KEY}"


def test_the_factory_takes_a_good_key_in_production(production):
    production.setenv("JOBKIT_SECRET_KEY", GOOD)
    assert create_app({"JOBKIT_ISOLATE": False}).config["SECRET_KEY"] == GOOD


def test_a_test_app_may_use_its_own_short_key(production):
    app = create_app({"SECRET_KEY": "t", "TESTING": True, "WTF_CSRF_ENABLED": False, "JOBKIT_ISOLATE": False})
    assert app.config["SECRET_KEY"] == "t"
    assert app.test_client().get("/api/v1/health").status_code == 200


def test_flask_run_still_works_on_the_development_key(production, capsys):
    production.setenv("FLASK_RUN_FROM_CLI", "true")
    production.setenv("JOBKIT_SECRET_KEY", "abc")
    assert create_app({"JOBKIT_ISOLATE": False}).config["SECRET_KEY"] == "abc"
    assert "JOBKIT_SECRET_KEY is 3 characters long" in capsys.readouterr().err


def _app_py(*command: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("JOBKIT_SECRET_KEY", "SECRET_KEY", "FLASK_RUN_FROM_CLI")}
    return subprocess.run(list(command), cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_app_py_under_flask_loads_and_under_gunicorn_import_refuses():
    """`flask --app app ...` (flask's own command line) loads app.py on the development key;
    importing app.py as gunicorn does ("app:app") refuses it."""
    flask = _app_py(sys.executable, "-m", "flask", "--app", "app", "routes")
    assert flask.returncode == 0, flask.stderr
    assert "/api/v1/health" in flask.stdout and "published DEVELOPMENT key" in flask.stderr
    imported = _app_py(sys.executable, "-c", "import app")
    assert imported.returncode == 1
    assert imported.stderr.strip().splitlines()[-1] == (
        "jobkit.errors.SettingError: JOBKIT_SECRET_KEY is not set. Set it to a long random value, made with: "
        + MAKE_KEY)
