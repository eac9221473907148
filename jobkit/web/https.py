"""Cookie flags, HSTS and the proxy headers for serving over HTTPS.

``JOBKIT_HTTPS=1`` says the site is only served over HTTPS: the session
cookie gets ``Secure`` and every response ``Strict-Transport-Security``.
Without it, both still happen on a request that arrived over HTTPS (the
server terminates TLS, or a proxy says so and ``JOBKIT_PROXY_FIX=1`` lets
the app trust its ``X-Forwarded-Proto``/``X-Forwarded-For``). Only turn the
proxy fix on behind exactly one proxy that sets those headers: otherwise a
client could claim any address and dodge the per-client limits.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, request
from flask.sessions import SecureCookieSessionInterface
from werkzeug.middleware.proxy_fix import ProxyFix

from jobkit.config import Settings

HSTS = "max-age=31536000; includeSubDomains"


def app_config(settings: Settings) -> dict[str, Any]:
    """The app's HTTPS config, from JOBKIT_HTTPS and JOBKIT_PROXY_FIX."""
    return {
        "JOBKIT_HTTPS": settings.https,
        "JOBKIT_PROXY_FIX": settings.proxy_fix,
        "SESSION_COOKIE_SECURE": settings.https,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
    }


class SessionInterface(SecureCookieSessionInterface):
    """The signed-cookie session, marked ``Secure`` on any HTTPS request, not only when configured."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return super().get_cookie_secure(app) or request.is_secure


def add_hsts(response: Any) -> Any:
    if current_app.config["JOBKIT_HTTPS"] or request.is_secure:
        response.headers["Strict-Transport-Security"] = HSTS
    return response


def init_https(app: Flask) -> None:
    if app.config.get("JOBKIT_HTTPS"):
        app.config["SESSION_COOKIE_SECURE"] = True  # a test config may set only JOBKIT_HTTPS
    if app.config.get("JOBKIT_PROXY_FIX"):
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)  # type: ignore[method-assign]
    app.session_interface = SessionInterface()
    app.after_request(add_hsts)
