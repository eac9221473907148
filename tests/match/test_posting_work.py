"""The work a posting's parse does (issue 33): linear in the posting's length with a small constant.

Each sentence is searched only with the expressions whose words it holds (:mod:`jobkit.read.regex_needs`),
and the answer is the one searching every expression gives. Work is counted (searches made) or bounded by
CPU time against the same parse at a quarter of the size, never by the wall clock.
"""

from __future__ import annotations

import dataclasses
import re
import statistics
import time

import pytest

from jobkit import read_resume
from jobkit.data import ats_site_rules
from jobkit.data.screening import screening_rules
from jobkit.match import federal, posting_cues, posting_extras, posting_years, screening_items
from jobkit.match.posting import parse_posting
from jobkit.match.posting_phrases import _covered, phrase_keys
from jobkit.read.regex_needs import Patterns, Scan, needs
from jobkit.model.document import Line
from jobkit.read import contact

BLOCK = (
    "Medical Records Technician (Coder) {n}\n"
    "Requirements:\n"
    "- RHIT or CCS required; CPC preferred. Must obtain CCS within 12 months of hire.\n"
    "- Two (2) years of inpatient coding experience in an acute care hospital.\n"
    "- Knowledge of ICD-10-CM, CPT and HCPCS; Epic or Cerner experience is a plus.\n"
    "- Associate degree in health information technology, or completion of an AHIMA approved program.\n"
    "Schedule: Full-time, Monday through Friday, 8 hours per day; some weekends.\n"
    "This is a fully remote position; a secure home office and a high-speed internet connection are required.\n"
    "Employment is contingent on a background check, a drug screen and U.S. citizenship.\n"
    "Duties include abstracting records, querying physicians and release of information for batch {n}.\n"
    "Typing speed of 40 wpm. Valid driver's license. Vaccination is required.\n\n"
)


def _posting(blocks: int) -> str:
    return "".join(BLOCK.format(n=n) for n in range(blocks))


class _Counted:
    """A compiled expression that counts its searches (``needs`` reads its ``pattern`` and ``flags``)."""

    def __init__(self, pattern: re.Pattern[str], counter: list[int]) -> None:
        self.real, self.pattern, self.flags, self.counter = pattern, pattern.pattern, pattern.flags, counter

    def search(self, *args):  # type: ignore[no-untyped-def]
        self.counter[0] += 1
        return self.real.search(*args)

    def finditer(self, *args):  # type: ignore[no-untyped-def]
        self.counter[0] += 1
        return self.real.finditer(*args)

    def match(self, *args):  # type: ignore[no-untyped-def]
        self.counter[0] += 1
        return self.real.match(*args)


# what each expression needs -----------------------------------------------------------------------


@pytest.mark.parametrize("pattern, words", [
    (r"\bdrug (?:screen(?:ing)?|test(?:ing)?)\b", {"drug "}),
    (r"\b(?:epic|cerner|3m)\b", {"epic", "cerner", "3m"}),
    (r"\b(?:1st|night|rotating) shift\b", {" shift"}),
    (r"(?:ab)+cd?", {"ab"}),
    (r"\bGED\b", {"ged"}),
    (r"x?\d+", None),  # nothing it must match is a letter
    (r"(?:alpha|\d+) beta", {" beta"}),  # one branch needs no word: the words after the group are needed
    (r"(?:alpha|\d+)", None),
])
def test_needs_reads_the_words_every_match_holds(pattern, words):
    assert needs(re.compile(pattern, re.I)) == (frozenset(words) if words else None)


def _shipped() -> list[tuple[re.Pattern[str], ...]]:
    rules = screening_rules()
    groups = [kind.patterns for kind in rules.kinds.values() if kind.patterns]
    groups += [kind.refusals for kind in rules.kinds.values() if kind.refusals]
    groups += [setting.posting for setting in rules.settings]
    groups += [tuple(p for p, _, _ in federal._COMPILED), (posting_extras._BOILERPLATE_RE,),
               (posting_years.AMOUNT_OF_TIME,), (posting_cues._REQUIRED,), (posting_cues._PREFERRED,),
               (posting_cues._EXAMPLES,), (posting_cues.ALTERNATIVES_INTRO,)]
    return groups


def _texts() -> list[str]:
    """Sentences of a posting as written, in capitals, and with the characters that match an ASCII letter
    without being one (the Kelvin sign, the long s, the dotless and dotted i): those are searched in full."""
    sentences = [part for line in _posting(1).splitlines() for part in re.split(r"(?<=[.;])\s+", line) if part]
    folded = [s.replace("k", "\u212a").replace("s", "\u017f").replace("i", "\u0131") for s in sentences]
    dotted = [s.upper().replace("I", "\u0130") for s in sentences]
    return sentences + [s.upper() for s in sentences] + folded + dotted + ["", "\u2022 \u2013 \u00e9"]


def test_searching_only_where_the_words_are_answers_as_searching_every_expression():
    texts = _texts()
    for group in _shipped():
        quick = Patterns(group)
        scan = Scan([quick], texts)
        for text in texts:
            naive = next((m for p in group if (m := p.search(text))), None)
            for found in (quick.first(text), quick.first(text, text.lower(), scan.present(text, text.lower()))):
                assert (found and (found.re, found.span())) == (naive and (naive.re, naive.span())), (group, text)
            assert quick.may(text) or naive is None


def test_a_folded_letter_is_still_found():
    quick = Patterns((re.compile(r"\bdrug test\b", re.I),))
    assert quick.first("Drug te\u017ft required") is not None  # the long s matches "s" when case is ignored
    assert quick.first("Drug tests are not named here") is None


# counted work -------------------------------------------------------------------------------------


def test_each_sentence_is_searched_only_with_the_expressions_whose_words_it_holds(monkeypatch):
    counter = [0]
    rules = screening_rules()
    kinds = {k: dataclasses.replace(kind, patterns=tuple(_Counted(p, counter) for p in kind.patterns))
             for k, kind in rules.kinds.items()}
    monkeypatch.setattr(screening_items, "screening_rules", lambda: dataclasses.replace(rules, kinds=kinds))
    document = read_resume(_posting(4).encode(), "posting.txt")
    sentences = len(list(screening_items._sentences(document)))
    parse_posting(document)
    # every sentence against every knockout expression was 4,400 searches here, about 60 a sentence
    assert sentences >= 60 and counter[0] <= 2 * sentences


def test_a_contact_detail_is_looked_for_only_in_lines_that_can_hold_it(monkeypatch):
    counter = [0]
    for name in ("EMAIL", "PHONE", "LINKEDIN"):
        monkeypatch.setattr(contact, name, _Counted(getattr(contact, name), counter))
    lines = [Line("Codes inpatient charts and answers release of information requests.", 1)] * 200
    lines.append(Line("Apply to jobs@example.org or (555) 201-4567.", 1))
    found = contact.find_contact(lines, [])
    assert found.email == "jobs@example.org" and found.phone is None  # 555 numbers are not real ones
    # the name's four top lines are searched for a phone and an email (8), the last line for each (2); every
    # line searched three times was 611
    assert counter[0] == 10


def test_a_text_naming_no_application_site_runs_no_expression(monkeypatch):
    calls = []
    searching = type("Re", (), {"escape": staticmethod(re.escape),
                                "search": staticmethod(lambda *a: calls.append(1) or re.search(*a))})
    monkeypatch.setattr(ats_site_rules, "re", searching)
    assert ats_site_rules.site_in_text(_posting(2)) is None
    assert calls == []  # each site's host was searched for with an expression (one search per host)
    assert ats_site_rules.site_in_text("Apply at acme.wd5.myworkdayjobs.com today").id == "workday"


def test_the_runs_a_key_covers_are_the_runs_looked_up_one_by_one():
    keys = phrase_keys(frozenset({("medical", "terminology"), ("release", "of", "information"), ("a", "b", "c", "d")}),
                       frozenset({("creditable", "experience")}))
    norms = ("knowledge", "medical", "terminology", "release", "of", "information", "creditable", "experience",
             "a", "b", "c", "a", "b", "c", "d", "medical")

    def one_by_one() -> list[bool]:
        covered = [False] * len(norms)
        for i in range(len(norms)):
            for j in range(i + 2, min(len(norms), i + 8) + 1):
                if norms[i:j] in keys[0]:
                    covered[i:j] = [True] * (j - i)
        return covered

    assert _covered(norms, keys) == one_by_one()
    assert _covered(norms, keys).count(True) == 2 + 3 + 2 + 4


# growth -------------------------------------------------------------------------------------------


def _parse_cpu(text: str) -> float:
    document = read_resume(text.encode(), "posting.txt")
    started = time.process_time()
    parse_posting(document)
    return time.process_time() - started


def test_four_times_the_words_cost_about_four_times_the_work():
    small, large = _posting(3), _posting(12)  # about 420 and 1,700 words
    _parse_cpu(small)  # load the glossary and the matchers once
    cpu_small = statistics.median(_parse_cpu(small) for _ in range(3))
    cpu_large = statistics.median(_parse_cpu(large) for _ in range(3))
    assert cpu_large <= 5.5 * cpu_small, (cpu_small, cpu_large)
