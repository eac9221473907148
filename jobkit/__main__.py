"""``python -m jobkit``: the same as the ``jobkit`` command (the CLI lives in :mod:`jobkit.cli`)."""

from jobkit.cli.commands import main

main()
