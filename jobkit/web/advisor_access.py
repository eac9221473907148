"""Advisor keys on the Batch page: the same advisor's batches from another browser, nobody else's.

A browser session lists the batches of one **owner**: a random token kept in the signed session cookie
(:mod:`jobkit.web.batch_pages`). "Make an advisor key" shows a key once (:mod:`jobkit.batch.owner_keys`);
"Open my batches with a key" on another browser puts that owner in the other browser's session, so it
lists and opens the same batches. Why this never shows a student's results to another advisor:

- **A key opens one owner and nothing else.** A key's row names exactly one owner (the column is unique),
  and a session holds exactly one owner at a time. Opening a key never merges anything: the batches this
  browser listed before stay with their own owner and are no longer listed here (their links still work),
  so typing your key on a shared computer neither hands the previous user's students to you nor yours
  to them.
- **A key cannot be guessed or recovered.** It has 150 secret bits from :mod:`secrets`; only a salted
  scrypt hash is stored, compared in constant time, and the key is shown once, in the answer to the POST
  that made it (never cached, never logged: the access log writes the method, path and status only).
- **A wrong key learns nothing.** Malformed, unknown or wrong, every failed try gets the same message
  and status, takes the same scrypt work, leaves the session as it was, and counts against the client
  address's limit (:data:`jobkit.web.ratelimit.KEY_RATE`; only failed tries count).
- **No site can switch a browser to its own key.** Every form here carries the CSRF token of its session, so
  another site cannot make an advisor's browser open the other site's key (and then collect the batches
  the advisor starts) or make a new key behind the advisor's back.
- **A key can be withdrawn.** Making a new key moves the owner's batches to a new owner that only the
  new key opens: the old key stops working, and every other browser that listed them (the one that
  made the old key too) stops listing them at once, until the new key is typed there. "Stop
  listing these batches here" drops the owner from this browser's session (a shared computer).

A batch's own link stays what it was: an unguessable token that opens that one batch.
"""

from __future__ import annotations

import secrets
from typing import Any

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for

from jobkit.batch.batch_choices import days_words, keep_choices
from jobkit.batch.owner_keys import new_key, opens, parts, stored
from jobkit.web.batch_pages import BLANK_FORM, SESSION_KEY, index_page, my_batches, store
from jobkit.web.ratelimit import WRONG_KEY_STATUS  # the one status the limit on wrong keys counts

keys = Blueprint("keys", __name__, url_prefix="/batch")
WRONG_KEY = "That key does not open any batches. Check it and try again."
TOO_MANY = "Too many wrong keys from your address. Wait an hour and try again."


def _new_owner() -> str:
    return secrets.token_urlsafe(18)


@keys.app_context_processor
def _keep_choices() -> dict[str, Any]:
    """How long a batch's results may be kept, for the Batch page's form (the server's default first chosen)."""
    config = current_app.config
    default, maximum = config["JOBKIT_BATCH_RETENTION_DAYS"], config["JOBKIT_BATCH_MAX_RETENTION_DAYS"]
    choices = [(f"{days:g}", days_words(days)) for days in keep_choices(default, maximum)]
    return {"keep_choices": choices, "keep_default": f"{min(default, maximum):g}", "keep_most": days_words(maximum)}


@keys.post("/key")
def make_key() -> Any:
    """A new key for this browser's batches, shown once; any earlier key (and the browsers it opened) stops."""
    owner, successor = session.get(SESSION_KEY) or _new_owner(), _new_owner()
    key = new_key()
    while not store().replace_owner_key(owner, stored(key, successor)):  # its selector was taken (odds: 2**-50)
        key = new_key()
    session[SESSION_KEY] = successor
    return index_page(BLANK_FORM, new_key=key)


@keys.get("/open")
def open_form() -> str:
    return render_template("batch_open.html", listed=len(my_batches()))


@keys.post("/open")
def open_with_key() -> Any:
    """The key's owner in this session when the key is right; else one message for every wrong key."""
    typed = parts(request.form.get("key", ""))
    row = store().owner_key(typed[0]) if typed else None
    if not opens(typed[1] if typed else "", row):
        return render_template("batch_open.html", listed=len(my_batches()), error=WRONG_KEY), WRONG_KEY_STATUS
    session[SESSION_KEY] = row.owner  # type: ignore[union-attr]
    return redirect(url_for("batch.index", opened=1))


@keys.post("/forget")
def forget() -> Any:
    """This browser stops listing its batches: the session's owner is dropped (a key brings them back)."""
    session.pop(SESSION_KEY, None)
    return redirect(url_for("batch.index", forgot=1))


@keys.errorhandler(429)
def too_many(error: Exception) -> Any:
    """Past the limit of wrong keys (Flask-Limiter adds Retry-After)."""
    return render_template("batch_open.html", listed=len(my_batches()), error=TOO_MANY), 429
