"""Which secret keys may sign the web app's forms and sessions.

The development key is published (it is in this source), and a short key can
be guessed; with either, anyone can forge a CSRF token or a batch session.
Every production path (``jobkit serve``, gunicorn on ``jobkit.web:create_app()``
or ``app:app``) refuses them; only the development server (``flask run``)
and tests may run on them.
"""

from __future__ import annotations

from jobkit.errors import SettingError

DEV_SECRET = "jobkit-development-key-not-secret"
MIN_LENGTH = 32
MAKE_KEY = 'python -c "import secrets; print(secrets.token_urlsafe(32))"'


def key_problem(key: str | None) -> str:
    """What is wrong with ``key`` for a production server, or '' when it will do."""
    key = (key or "").strip()
    if not key:
        return "is not set"
    if key == DEV_SECRET:
        return "is jobkit's published development key"
    if len(key) < MIN_LENGTH:
        return f"is {len(key)} characters long; it needs at least {MIN_LENGTH}"
    return ""


def require_strong_key(key: str | None) -> None:
    """Raise a SettingError, saying how to make a good key, unless ``key`` may serve the public."""
    problem = key_problem(key)
    if problem:
        raise SettingError(f"JOBKIT_SECRET_KEY {problem}. Set it to a long random value, made with: {MAKE_KEY}")
