"""Impact: how many experience bullets show a result or a scale, and the measures this field's employers screen
on for the rest (keywords/_proofreading.toml [[measures]], each with its public source).

A bullet shows an outcome when it states a number that is not a date or a year (a count, a percentage, money, a
time, a rate), or a result word with its amount ("cleared the backlog"). The advice never invents a number:
"if you know it, add ..." for the measures the work in those bullets fits.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from jobkit.data.proofreading_rules import proofreading_rules
from jobkit.model.proofreading_results import ImpactCheck
from jobkit.read.bullets import BULLET

if TYPE_CHECKING:
    from jobkit.match.docindex import DocIndex

MAX_EXAMPLES = 3
MAX_MEASURES = 3
# A number that is not a year, a date, a phone number or a code name ("ICD-10", "CPT-4", "GS-0675", "Level II").
_NUMBER = re.compile(r"(?<![\w./-])(?:\$\s?)?\d[\d,]*(?:\.\d+)?\s*(?:%|percent\b|[kK]\+?|\+)?(?![\w/-]|\.\d)")
# A career's length is not a result: "over 8 years of experience".
_TENURE = re.compile(r"^\s*\+?\s*(?:years?|yrs?|months?)\b(?:\s+of\s+(?:\w+\s+){0,2}experience)?", re.I)
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
# A number that names a place or a label, not an amount: "Unit 1", "Floor 3", "Level II", "Phase 2".
_LABEL_BEFORE = re.compile(r"\b(?:unit|floor|level|suite|room|station|phase|tier|grade|step|part|building|ward|pod|"
                           r"version|v|no|number|#)\.?\s*$", re.I)
MIN_WORDS = 4  # a bullet of fewer words states no result
_SCALE_WORDS = re.compile(r"\b(?:dozens|hundreds|thousands|millions|backlog|doubled|tripled|halved|zero (?:errors|defects|"
                          r"deficiencies|backlog)|100 percent|daily volume|per (?:day|hour|week|month))\b", re.I)


def shows_outcome(text: str) -> bool:
    """Whether a bullet states a result or a scale."""
    if len(text.split()) < MIN_WORDS:
        return False
    for match in _NUMBER.finditer(text):
        digits = match.group(0).strip("$ %+k,")
        if not _YEAR.match(digits.replace(",", "")) and not _LABEL_BEFORE.search(text[:match.start()]) \
                and not _TENURE.match(text[match.end():]):
            return True
    return bool(_SCALE_WORDS.search(text))


def check_impact(index: "DocIndex", line_terms: dict[int, set[str]] | None = None) -> ImpactCheck:
    """``line_terms``: the glossary terms each line shows (for which measures to suggest); none given, none suggested."""
    document = index.document
    bullets = [n for entry in index.jobs() if entry.section == "experience" for n in entry.bullets]
    with_outcome = [n for n in bullets if shows_outcome(document.lines[n].text)]
    without = [n for n in bullets if n not in set(with_outcome)]
    # the measures of the work most of those bullets show, most bullets first
    counts = [(sum(1 for n in without if m.shown_by & (line_terms or {}).get(n, set())), number, m.text)
              for number, m in enumerate(proofreading_rules().measures)]
    measures = tuple(text for count, _, text in sorted(counts, key=lambda c: (-c[0], c[1])) if count)[:MAX_MEASURES]
    examples = tuple(" ".join(BULLET.sub("", document.lines[n].text).split()) for n in with_outcome[:MAX_EXAMPLES])
    return ImpactCheck(len(bullets), len(with_outcome), examples, measures if without else ())
