"""Advisor keys: a secret the advisor keeps that opens their web batches from any browser.

A key is 40 characters in eight groups of five (``k7qmx-9xtab-...``), drawn with :mod:`secrets` from
32 letters and digits that cannot be mistaken for one another (no ``0``/``o``, ``1``/``l``): 200 bits.
The first two groups are its **selector** (50 bits): not secret, stored as is, they find the key's row.
The other six groups are its **secret** (150 bits): only a salted scrypt hash of it is stored, and it is
compared in constant time. A selector that matches no row costs the same scrypt all the same, so the
time taken does not tell which selectors exist. The key itself is never stored, logged or shown again.

How the web uses it, and why it never shows one advisor's batches to another, is in
:mod:`jobkit.web.advisor_access`.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"  # 32 characters: 5 bits each
GROUPS, GROUP_SIZE, SELECTOR_GROUPS = 8, 5, 2
KEY_LENGTH = GROUPS * GROUP_SIZE
SELECTOR_LENGTH = SELECTOR_GROUPS * GROUP_SIZE
# scrypt's cost: 16 MB and a few hundredths of a second per try; the secret's 150 bits do the rest.
SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1, "dklen": 32}
_DUMMY_SALT = bytes(16)


@dataclass(frozen=True)
class StoredKey:
    """What the store keeps of a key: its selector, the owner it opens, and the salted hash of its secret."""

    selector: str
    owner: str
    salt: bytes
    digest: bytes


def new_key() -> str:
    """A fresh key as the advisor sees it: eight groups of five, joined by hyphens."""
    text = "".join(secrets.choice(ALPHABET) for _ in range(KEY_LENGTH))
    return "-".join(text[i:i + GROUP_SIZE] for i in range(0, KEY_LENGTH, GROUP_SIZE))


def parts(typed: str) -> tuple[str, str] | None:
    """The selector and the secret of a key as typed (any case, with or without spaces and hyphens);
    None when it cannot be a key."""
    text = "".join(typed.split()).replace("-", "").lower()
    if len(text) != KEY_LENGTH or any(c not in ALPHABET for c in text):
        return None
    return text[:SELECTOR_LENGTH], text[SELECTOR_LENGTH:]


def digest(secret: str, salt: bytes) -> bytes:
    return hashlib.scrypt(secret.encode("ascii"), salt=salt, **SCRYPT)


def stored(key: str, owner: str) -> StoredKey:
    """What to store for ``key``, which opens ``owner``'s batches: a new random salt each time."""
    split = parts(key)
    if split is None:
        raise ValueError("not a key made by new_key()")
    salt = secrets.token_bytes(16)
    return StoredKey(split[0], owner, salt, digest(split[1], salt))


def opens(secret: str, row: StoredKey | None) -> bool:
    """True when ``secret`` is the one ``row`` was made from; scrypt runs once whether or not there is a row."""
    found = digest(secret, row.salt if row else _DUMMY_SALT)
    return row is not None and hmac.compare_digest(found, row.digest)
