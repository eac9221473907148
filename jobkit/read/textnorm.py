"""Unicode clean-up shared by every reader.

PDF and Word files carry ligatures, non-breaking spaces, soft hyphens, smart
quotes and glyphs with no Unicode meaning. An ATS that keeps them fails to
match "certiﬁed" against "certified", so we normalise before anything else and
count what could not be read at all.

Text that went through UTF-8 read as Windows-1252 (mojibake: "â€™", "Â")
is repaired first, with ftfy; :func:`count_mojibake` still counts the damage
on the raw text, because an ATS that does not repair it sees the garbage.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

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
# Cheap gate for the repair: a UTF-8 lead byte (C2-F4) read as cp1252, then a
# continuation byte (80-BF) read as cp1252 or Latin-1; or "Â"/"Ã" whose A0
# byte an exporter turned into a space. Clean text ("résumé", "São Paulo")
# does not match, so ftfy is neither imported nor called for it.
_SUSPECT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
    "|[\u00c2\u00c3](?: |$)"
)
# "Â" (byte C2) before a space or the line's end: the no-break space C2 A0
# whose A0 an exporter replaced with a space or dropped ("CPT/HCPCSÂ coding").
# ftfy restores that A0 only on a line that is otherwise bad, so put it back
# and let ftfy judge. No language writes a word-final capital "Â".
_A_HAT_SPACE = re.compile("\u00c2(?: |$)")
# LiveCareer's "ï¼" + zero-width space: U+FF0D "－" (EF BC 8D) whose last byte,
# undefined in cp1252, came out as U+200B. Put the byte back for ftfy.
_LOST_FF0D = "\u00ef\u00bc\u200b"


@functools.cache
def _ftfy() -> tuple[Any, Any]:
    """ftfy and its settings, imported on first need (the import costs ~70 ms)."""
    import ftfy

    config = ftfy.TextFixerConfig(
        unescape_html=False,  # "AT&amp;T" may be what the resume says; never decode markup
        remove_terminal_escapes=False,
        fix_encoding=True,  # the repair itself
        restore_byte_a0=True,
        replace_lossy_sequences=False,  # would turn text into "\ufffd", which strip_unreadable then drops
        decode_inconsistent_utf8=True,  # mojibake beside correct accents on one line
        fix_c1_controls=False,  # strip_unreadable counts and drops stray C1 controls
        fix_latin_ligatures=False,  # normalize_text folds ligatures and quotes, for every line alike
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,  # one line at a time
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,  # normalize_text applies NFC
        explain=False,
    )
    return ftfy, config


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as cp1252 ("Medicareâ€™s" to "Medicare’s"); clean text comes back unchanged."""
    if text.isascii() or not _SUSPECT.search(text):
        return text
    ftfy, config = _ftfy()
    text = _A_HAT_SPACE.sub("\u00c2\u00a0", text.replace(_LOST_FF0D, "\u00ef\u00bc\u008d"))
    fixed: str = ftfy.fix_text(text, config)
    return fixed


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
    """Repair and normalise one line; return it with the count of unreadable glyphs."""
    text, unreadable = strip_unreadable(normalize_text(repair_mojibake(text)))
    return collapse_spaces(text), unreadable


def count_mojibake(text: str) -> int:
    """How many mis-decoded UTF-8 sequences ("â€™") the raw text carries.

    Call it on the raw text, before :func:`clean_line`, which repairs them
    and folds some of the tell-tale characters away.
    """
    if text.isascii():
        return 0
    return len(_MOJIBAKE.findall(text))


def mojibake_seen(texts: Iterable[str], limit: int = 3) -> tuple[str, ...]:
    """The distinct mis-decoded sequences the raw texts carry, first seen first (at most ``limit``): what a
    finding quotes, so the person can search their file for exactly what an ATS would show."""
    seen: dict[str, None] = {}
    for text in texts:
        if not text.isascii():
            for found in _MOJIBAKE.findall(text):
                seen.setdefault(found.strip(), None)
                if len(seen) >= limit:
                    return tuple(seen)
    return tuple(seen)


_WORD = re.compile(r"[^\W_]+(?:['.\-][^\W_]+)*")


def count_words(text: str) -> int:
    return len(_WORD.findall(text))
