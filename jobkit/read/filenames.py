"""The one clean-up for a file name that a user sent and jobkit shows back.

A name comes from the uploader's machine, so it can hold anything: a folder
path (old browsers send ``C:\\Users\\...``), control characters, or bidi
controls such as the right-to-left override U+202E, which make
``"resume\\u202efdp.exe"`` read as ``"resumeexe.pdf"``. Invisible characters
are shown escaped (``\\u202e``) rather than dropped, so the reader can see
that something was there.
"""

from __future__ import annotations

import unicodedata

MAX_NAME = 120
# Bidi embeddings, overrides and isolates, the LRM/RLM marks and the Arabic letter mark.
BIDI_CONTROLS = frozenset(
    [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)] + ["\u200e", "\u200f", "\u061c"]
)
# Control, format (every bidi control is one), lone surrogate, line and paragraph separator.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def display_name(name: str | None, default: str = "resume", limit: int = MAX_NAME) -> str:
    """The last path component of ``name`` with invisible characters escaped, at most ``limit`` characters.

    Backslashes are path separators here (Windows paths), so none survive, and
    an escape such as ``\\u202e`` in the result always stands for a character
    that was removed.
    """
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    shown: list[str] = []
    size = 0
    for char in base:
        piece = _escaped(char)
        if size + len(piece) > limit:
            break  # never cut an escape in half
        shown.append(piece)
        size += len(piece)
    return "".join(shown) or default


def _escaped(char: str) -> str:
    if char not in BIDI_CONTROLS and unicodedata.category(char) not in _HIDDEN_CATEGORIES:
        return char
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def display_path(path: str, limit: int = 240) -> str:
    """A relative path (a zip member, a file in a folder) with invisible characters escaped, folders kept."""
    return "".join(_escaped(char) for char in path)[:limit]
