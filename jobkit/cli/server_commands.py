"""Server commands: ``jobkit serve`` (the web app under gunicorn) and ``jobkit worker`` (the batch runner)."""

from __future__ import annotations

import os
import sys

import click

from jobkit.config import DEFAULTS, Settings


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=8000, show_default=True, help="Port to listen on.")
@click.option("--workers", type=click.IntRange(1, 64), default=2, show_default=True, help="gunicorn worker processes.")
@click.option("--threads", type=click.IntRange(1, 256), default=8, show_default=True,
              help="Threads per worker: a slow client holds one thread, never a whole worker.")
def serve_command(host: str, port: int, workers: int, threads: int) -> None:
    """Run the web app under gunicorn (production server); needs a random JOBKIT_SECRET_KEY of 32+ characters.

    Put a buffering reverse proxy (deploy/nginx.conf) in front of it when it
    faces the internet, as gunicorn's own documentation requires.
    """
    from jobkit.errors import SettingError
    from jobkit.secret_key import require_strong_key

    try:
        require_strong_key(Settings.from_env().secret_key)  # the published key or a short one: refused
    except SettingError as exc:
        raise click.UsageError(exc.message) from None
    os.environ.pop("FLASK_RUN_FROM_CLI", None)  # gunicorn is no development server, whatever the shell says
    click.echo(f"Serving jobkit on http://{host}:{port} with {workers} worker(s) of {threads} threads. Ctrl+C stops it.",
               err=True)
    os.execv(sys.executable, gunicorn_args(host, port, workers, threads))


def gunicorn_args(host: str, port: int, workers: int, threads: int) -> list[str]:
    """The gunicorn command line: threaded workers, so slow clients cannot starve the site."""
    return [sys.executable, "-m", "gunicorn", "--worker-class", "gthread", "--workers", str(workers),
            "--threads", str(threads), "--bind", f"{host}:{port}", "--timeout", "120", "--graceful-timeout", "30",
            "--keep-alive", "5", "--limit-request-line", "8190", "--limit-request-fields", "100",
            "--access-logformat", '%(h)s "%(m)s %(U)s" %(s)s %(L)ss', "jobkit.web:create_app()"]


@click.command("worker")
@click.option("--database", default=None,
              help=f"The web app's SQLite file. Default: JOBKIT_DATABASE, else {DEFAULTS.database} here.")
@click.option("--workers", type=click.IntRange(1, 256), default=None,
              help=f"Worker processes per batch. Default: JOBKIT_BATCH_WORKERS, else {DEFAULTS.batch_workers}.")
def worker_command(database: str | None, workers: int | None) -> None:
    """Run the background batch runner in the foreground (the web app's Batch page queue).

    The web app starts one by itself when it needs one; run this under a
    service manager instead with JOBKIT_BATCH_RUNNER=external. While another
    runner holds the queue it waits for it (and keeps sweeping expired
    batches), so a restart policy never loops.
    """
    import logging

    from jobkit.batch.queue_runner import Runner

    settings = Settings.from_env()
    database = os.path.abspath(database) if database else settings.database
    logging.basicConfig(level=logging.INFO, format="%(asctime)s jobkit-batch %(levelname)s %(message)s")
    click.echo(f"Working the batch queue in {database}. Ctrl+C stops it.", err=True)
    try:
        Runner(database, retention_days=settings.batch_retention_days, workers=workers or settings.batch_workers,
               wait=True, limits=settings.limits()).run()
    except KeyboardInterrupt:
        pass
