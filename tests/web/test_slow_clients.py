"""`jobkit serve` survives slow clients: threaded gunicorn workers on loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import threading
import time
import urllib.request

import pytest

from jobkit.cli.commands import cli, gunicorn_args


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> int:
    with urllib.request.urlopen(url, timeout=5) as response:
        return int(response.status)


def _trickle(port: int, stop: threading.Event) -> None:
    """A client that sends its request headers one byte at a time."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        for byte in b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 1000:
            if stop.is_set():
                return
            try:
                sock.send(bytes([byte]))
            except OSError:
                return
            time.sleep(0.5)


@pytest.fixture
def server(tmp_path):
    port = _free_port()
    env = {**os.environ, "JOBKIT_SECRET_KEY": "a-test-key-of-more-than-32-characters", "JOBKIT_DATABASE": str(tmp_path / "db.sqlite3")}
    args = gunicorn_args("127.0.0.1", port, workers=1, threads=4)
    process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/api/v1/health"
    deadline = time.monotonic() + 60
    while True:
        try:
            if _get(url) == 200:
                break
        except OSError:
            assert time.monotonic() < deadline and process.poll() is None, "gunicorn did not start"
            time.sleep(0.3)
    yield port, url
    process.terminate()
    process.wait(20)


@pytest.mark.slow
def test_three_slow_clients_do_not_take_the_site_down(server):
    port, url = server
    stop = threading.Event()
    slow = [threading.Thread(target=_trickle, args=(port, stop), daemon=True) for _ in range(3)]
    for thread in slow:
        thread.start()
    time.sleep(1.0)
    try:
        statuses = []
        for _ in range(20):
            try:
                statuses.append(_get(url))
            except OSError as exc:
                statuses.append(repr(exc))
    finally:
        stop.set()
    assert statuses == [200] * 20


def test_serve_refuses_to_start_without_a_secret_key(runner, monkeypatch):
    monkeypatch.delenv("JOBKIT_SECRET_KEY", raising=False)
    result = runner.invoke(cli, ["serve"])
    assert result.exit_code == 2 and "JOBKIT_SECRET_KEY is not set" in result.output
