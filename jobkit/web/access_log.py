"""Batch tokens out of the servers' access logs.

A batch id is the key to a cohort's results, and it is in the path
(``/batch/<id>/results.csv``) and in the progress page's query
(``?before=<id>&after=<id>``). The development server (werkzeug) and
gunicorn write every request line to their access logs; a filter on their
loggers rewrites those tokens to ``<id>`` before any handler sees them.
"""

from __future__ import annotations

import logging
import re

# /batch/<token> (never /batch/progress, the progress page) and the progress page's before=/after= tokens.
_PATH_TOKEN = re.compile(r"(/batch/)(?!progress(?=[/?\s\"]|$))[^/?#\s\"]+")
_QUERY_TOKEN = re.compile(r"([?&](?:before|after)=)[^&#\s\"]+")
ACCESS_LOGGERS = ("werkzeug", "gunicorn.access")


def redact(text: str) -> str:
    """``text`` with every batch token replaced by ``<id>``."""
    return _QUERY_TOKEN.sub(r"\1<id>", _PATH_TOKEN.sub(r"\1<id>", text))


class RedactTokens(logging.Filter):
    """Rewrites a record's message without batch tokens (the record is kept, only its text changes)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/batch/" in message:
            record.msg, record.args = redact(message), ()
        return True


def install() -> None:
    """Put the filter on the access loggers, once per process however many apps are made."""
    for name in ACCESS_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactTokens) for f in logger.filters):
            logger.addFilter(RedactTokens())
