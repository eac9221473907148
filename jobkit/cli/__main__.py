"""``python -m jobkit.cli``: the same as the ``jobkit`` command."""

from jobkit.cli.commands import main

main()
