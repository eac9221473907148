"""What on a resume suggests a missing term: the only grounds for advising to add it.

A fix that says "Add 'CPT'" to someone whose resume shows nothing of coding invites them to claim
what they have not done (and a recruiter's first question would expose it). So a missing term is
put forward as a fix only when the resume already hints at it:

* every word of one of its forms stands within a few words of the others, in visible text, though
  not as the phrase ("information was released" hints at "Release of information"; "billing and
  coding" at "medical billing and coding"), and one of those words is distinctive.

A word is distinctive when it is not one of :data:`GENERIC_STEMS`, the words health-information
terms share with every other field ("medical", "records", "patient", "management"...). A single
word is never enough ("term", "maintenance"): the form's words must all be there, close together. Silence is
preferred to a false hint. The hint is quoted back to the person, so the advice says what it rests on.
"""

from __future__ import annotations

from dataclasses import dataclass

from jobkit.data.keywords import Requirement, Term
from jobkit.match.docindex import DocIndex
from jobkit.match.tokens import phrase_key

# Stems too common outside health information work to suggest a term on their own.
GENERIC_STEMS = frozenset(phrase_key(
    "medical health healthcare patient patients record records information management manager system systems data "
    "skill skills service services care clinical office knowledge experience process processing quality program "
    "programs team support customer accuracy accurate detail attention communication computer file filing report "
    "reporting review reviewing technology technician specialist analysis organization organizational written "
    "verbal work working professional certification certificate certified degree associate bachelor science "
    "applied general basic standard standards policy policies procedure procedures training federal state "
    "department hospital facility center electronic software application applications documentation document "
    "documents entry time multiple high level"
))
MIN_LETTERS = 4
WINDOW_SLACK = 2  # words beyond the form's own that may stand between its words ("information was released")


@dataclass(frozen=True)
class Hint:
    """The resume's words that suggest a missing term, and where they are."""

    words: str
    line: int
    page: int


def _signal_sets(term: Term) -> tuple[frozenset[str], ...]:
    """Per form of the term, the stems of its words ("release of information": release, information);
    a form made only of words every field uses ("medical records") gives no signal."""
    out: dict[frozenset[str], None] = {}
    for form in (term.term, *term.aliases):
        stems = frozenset(stem for stem in phrase_key(form) if len(stem) >= MIN_LETTERS or stem.isupper())
        if stems and any(stem not in GENERIC_STEMS for stem in stems):
            out.setdefault(stems, None)
    return tuple(out)


def _excerpt(text: str, word: str, width: int = 60) -> str:
    """A few words of the line around ``word``, whole words only."""
    text = " ".join(text.split())
    at = text.lower().find(word.lower())
    if len(text) <= width or at < 0:
        return text[:width].rsplit(" ", 1)[0] if len(text) > width else text
    start = max(0, at - width // 2)
    start = text.rfind(" ", 0, start) + 1 if start else 0
    piece = text[start:start + width]
    if start + width < len(text):
        piece = piece.rsplit(" ", 1)[0]
    return ("..." if start else "") + piece + ("..." if start + len(piece) < len(text) else "")


def resume_hint(index: DocIndex, requirement: Requirement) -> Hint | None:
    """The first place on the resume that suggests ``requirement``'s term, or None when nothing does."""
    best: tuple[int, int, int] | None = None  # (line, stream, position) of the earliest window
    for stems in _signal_sets(requirement.term):
        if len(stems) < 2:
            continue  # one word alone would have matched, or the matcher refused it on purpose (context rules)
        for s_index, pos in _windows(index, stems):
            line = index.streams[s_index].lines[pos]
            if best is None or line < best[0]:
                best = (line, s_index, pos)
    if best is None:
        return None
    line_no, s_index, pos = best
    line = index.document.lines[line_no]
    return Hint(words=_excerpt(line.text, index.streams[s_index].raws[pos]), line=line_no, page=line.page)


def _windows(index: DocIndex, stems: frozenset[str]) -> list[tuple[int, int]]:
    """(stream, position) of each visible place where every stem occurs within a few words, in one clause."""
    ordered = sorted(stems, key=lambda stem: len(index.positions.get(stem, ())))
    width = len(stems) + WINDOW_SLACK
    out = []
    for s_index, pos in index.positions.get(ordered[0], ()):
        stream = index.streams[s_index]
        if stream.hidden:
            continue
        low, high = max(0, pos - width), min(len(stream.norms), pos + width + 1)
        spots = [pos]
        for stem in ordered[1:]:
            near = [i for i in range(low, high) if stream.norms[i] == stem]
            if not near:
                break
            spots.append(min(near, key=lambda i: abs(i - pos)))
        else:
            first, last = min(spots), max(spots)
            if last - first < width and not any(first < b <= last for b in stream.breaks):
                out.append((s_index, first))
    return out
