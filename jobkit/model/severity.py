"""The one severity vocabulary: how much a finding or an issue hurts, with its rank, mark and label.

Every list of findings or issues is sorted by :func:`severity_rank`; the text report marks each
with :attr:`Level.mark`, the pages tag it with :attr:`Level.label`; a table of numbers per
severity (the readiness penalties) is made with :func:`severity_table`, so it names only these.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

Severity = Literal["critical", "high", "medium", "low", "info"]


@dataclass(frozen=True)
class Level:
    """One severity: ``rank`` 0 hurts most; ``mark`` starts its line in the text report; ``label`` is its tag."""

    name: Severity
    rank: int
    mark: str
    label: str


LEVELS: dict[str, Level] = {level.name: level for level in (
    Level("critical", 0, "!!!", "Critical"),
    Level("high", 1, "!! ", "High"),
    Level("medium", 2, "!  ", "Medium"),
    Level("low", 3, ".  ", "Low"),
    Level("info", 4, "i  ", "Note"),
)}
SEVERITIES: tuple[Severity, ...] = get_args(Severity)
UNKNOWN_MARK = "   "


def severity_rank(severity: str) -> int:
    """0 for critical, 4 for info (5 for anything else): the one order every list of findings or issues is sorted by."""
    level = LEVELS.get(severity)
    return level.rank if level else len(LEVELS)


def severity_mark(severity: str) -> str:
    """The text report's mark for a severity ("!!!" for critical), blank for an unknown one."""
    level = LEVELS.get(severity)
    return level.mark if level else UNKNOWN_MARK


def severity_labels() -> dict[str, str]:
    """Severity -> the word the pages show ("info" is a "Note")."""
    return {name: level.label for name, level in LEVELS.items()}


def severity_table(**values: int) -> dict[str, int]:
    """A number for each severity, 0 for those not given; a name that is no severity is an error."""
    unknown = set(values) - set(LEVELS)
    if unknown:
        raise ValueError(f"not severities: {', '.join(sorted(unknown))}")
    return {name: values.get(name, 0) for name in LEVELS}
