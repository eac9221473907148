"""The ``jobkit`` command: the only click code (``commands``; ``batch_command`` for ``jobkit batch``)."""

from jobkit.cli.commands import cli, gunicorn_args, main

__all__ = ["cli", "gunicorn_args", "main"]
