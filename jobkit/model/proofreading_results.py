"""What proofreading and impact give the report (data only): misspellings, lines written twice, walls of text,
and the experience bullets that show a result. Held by :class:`jobkit.model.check_results.Checks`."""

from __future__ import annotations

from dataclasses import dataclass

from jobkit.model.issues import Issue


@dataclass(frozen=True)
class Misspelling:
    """A misspelt word, its right form and where it is: a field term ("HIPPA") or a common word ("Voluenteer")."""

    word: str
    suggestion: str
    line: int
    text: str  # the line, as the resume has it
    field_term: bool = False  # a word of the health-information field: a credibility problem for this job


@dataclass(frozen=True)
class DuplicateLine:
    """A line or bullet written twice (verbatim or nearly), with both places."""

    text: str
    lines: tuple[int, int]


@dataclass(frozen=True)
class WallOfText:
    """A paragraph of many lines without bullets: a recruiter skims past it."""

    section: str
    line: int
    lines: int
    words: int
    start: str  # its first words


@dataclass(frozen=True)
class TenseChange:
    """A past job whose bullets change tense: some past ("Coded ..."), some present ("Maintains ...")."""

    job: str  # its title as read (or its employer), "" when neither was read
    line: int  # the job's first line
    past: str  # the first words of a past-tense bullet
    present: str  # the first words of a present-tense bullet
    past_bullets: int
    present_bullets: int


@dataclass(frozen=True)
class ProofreadingCheck:
    """What a careful advisor flags first: spelling, a line written twice, no name, walls of text, "I" and
    duty openers."""

    misspellings: tuple[Misspelling, ...]
    duplicate_lines: tuple[DuplicateLine, ...]
    name_missing: bool
    walls: tuple[WallOfText, ...]
    pronouns: int  # first-person pronouns in the body ("I", "my", "me")
    weak_openers: tuple[str, ...]  # bullets opening with "Responsible for", "Duties included"
    issues: tuple[Issue, ...]
    tense_changes: tuple[TenseChange, ...] = ()


@dataclass(frozen=True)
class ImpactCheck:
    """Experience bullets that show a result or a scale (a number, a percentage, a volume, a time), and the
    measures this field's employers screen on, suggested for the rest: never a number for the person."""

    bullets: int
    with_outcome: int
    examples: tuple[str, ...]
    measures: tuple[str, ...]  # "If you know it, add ..." for the work the bullets without a number show
