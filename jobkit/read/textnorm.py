"""Unicode clean-up shared by every reader.

PDF and Word files carry ligatures, non-breaking spaces, soft hyphens, smart
quotes and glyphs with no Unicode meaning. An ATS that keeps them fails to
match "certiﬁed" against "certified", so we normalise before anything else and
count what could not be read at all.
"""

from __future__ import annotations

import re
import unicodedata

_TRANSLATE = str.maketrans(
    {
        "\u00a0": " ",  # no-break space
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u3000": " ",
        "\u00ad": None,  # soft hyphen
        "\u200b": None,  # zero-width space
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2212": "-",
        "\u2013": "-",  # en dash: date ranges read the same either way
        "\u2014": "-",
        "\u2015": "-",
        "\u2026": "...",
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
        "\t": " ",
    }
)

_CID = re.compile(r"\(cid:\d+\)")
_SPACES = re.compile(r"[ \t\f\v]{2,}")
# Private Use Area: icon fonts (Font Awesome, Wingdings in Word) live here.
_PUA = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
# UTF-8 read as cp1252/Latin-1: the classic "â€™" and "Ã©" sequences.
_MOJIBAKE = re.compile("â€.|Ã[\u0080-\u00bf]|Â[\u00a0-\u00bf]|ï¼")


def normalize_text(text: str) -> str:
    """Fold ligatures, odd spaces, dashes and quotes to plain equivalents."""
    text = text.translate(_TRANSLATE)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return text


def strip_unreadable(text: str) -> tuple[str, int]:
    """Remove ``(cid:NN)`` codes, icon-font glyphs and control characters.

    Returns the cleaned text and how many unreadable glyphs were removed.
    """
    count = 0
    if "(cid:" in text:
        text, n = _CID.subn("", text)
        count += n
    if not text.isascii():
        text, n = _PUA.subn("", text)
        count += n
        text, n = _CONTROL.subn("", text)
        count += n
    elif _CONTROL.search(text):
        text, n = _CONTROL.subn("", text)
        count += n
    return text, count


def collapse_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def clean_line(text: str) -> tuple[str, int]:
    """Normalise one line; return it with the count of unreadable glyphs."""
    text, unreadable = strip_unreadable(normalize_text(text))
    return collapse_spaces(text), unreadable


def count_mojibake(text: str) -> int:
    """How many mis-decoded UTF-8 sequences ("â€™") the raw text carries.

    Call it before :func:`normalize_text`, which folds some of the tell-tale
    characters away.
    """
    if text.isascii():
        return 0
    return len(_MOJIBAKE.findall(text))


_WORD = re.compile(r"[^\W_]+(?:['.\-][^\W_]+)*")


def count_words(text: str) -> int:
    return len(_WORD.findall(text))
