"""Inputs that once made a regex backtrack for seconds or minutes: each must now finish fast.

Every stall test here took from 3 to 80 CPU seconds before its fix (found with
``bench/regex_scan.py``). The bounds are CPU seconds and generous (2 s for one
pattern, 10 s for a whole check), so a test fails on catastrophic (quadratic
or worse) behaviour, never on a slow machine. Small tests next to them pin the
behaviour each fix had to keep.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from jobkit.answers import _RESULT
from jobkit.pipeline import check_resume
from jobkit.checks.credential_claims import _CLAIM_BEFORE
from jobkit.checks.credential_patterns import _EXPIRES, _expiry
from jobkit.config import Limits
from jobkit.read.contact import LOCATION, find_contact
from jobkit.model.document import Line
from jobkit.match.posting import parse_posting
from jobkit.read import read_resume
from jobkit.read.text_reader import _markdown_line
from tests.helpers import text_doc

ONE_PATTERN = 2.0
WHOLE_CHECK = 10.0
SIZE = 40_000
ROLE = "medical-records-technician"
TOP = "Jane Doe\njane.doe@example.com | (512) 555-0147\n\n"
# A read budget well above WHOLE_CHECK, so a slow read fails on the bound, not on the read timeout.
LIMITS = Limits(time_budget=120)


def cpu_seconds(fn: Callable[[], object]) -> float:
    started = time.process_time()
    fn()
    return time.process_time() - started


def fill(unit: str, size: int = SIZE) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def check_seconds(text: str) -> float:
    """CPU seconds of a whole check of a text resume: read, match, credentials, contact, sections."""
    data = text.encode()
    return cpu_seconds(lambda: check_resume(data, role=ROLE, filename="x.txt", limits=LIMITS))


def posting_seconds(text: str) -> float:
    data = text.encode()
    return cpu_seconds(lambda: parse_posting(read_resume(data, "posting.txt", limits=LIMITS)))


# Location: in a run of capitals joined by "-", "." or "'", every capital started
# a match that re-read the rest of the run.
@pytest.mark.parametrize(("unit", "size"), [("A-", SIZE), ("A.B.C.", SIZE), ("O'", SIZE), ("Winston-Salem-", 100_000)])
def test_location_pattern_on_joined_capitals(unit, size):
    assert cpu_seconds(lambda: list(LOCATION.finditer(fill(unit, size)))) < ONE_PATTERN


def test_find_contact_on_a_long_location_like_line():
    lines = [Line("Jane Doe", 1), Line(fill("St.Jo-Ann-"), 1)]
    assert cpu_seconds(lambda: find_contact(lines, ())) < ONE_PATTERN


def test_whole_check_on_a_long_location_like_line():
    assert check_seconds(TOP + fill("St-Jo-", 60_000) + "\n") < WHOLE_CHECK


def test_location_is_still_found():
    for text, found in [
        ("Jane Doe | Winston-Salem, NC 27101 | jane@example.com", "Winston-Salem, NC 27101"),
        ("St. Louis, MO", "St. Louis, MO"),
        ("O'Fallon, Illinois", "O'Fallon, Illinois"),
        ("123 Main St, Springfield, IL", "Springfield, IL"),
        ("Remote-Springfield, IL", "Remote-Springfield, IL"),
    ]:
        assert LOCATION.search(text).group(0) == found, text


# Markdown: every "[" or "](" of an unclosed run started a link that scanned to
# the end of the line, and every " *x" an emphasis that did the same.
@pytest.mark.parametrize("unit", ["[", "[a](", " *a"])
def test_markdown_line_on_unclosed_syntax(unit):
    assert cpu_seconds(lambda: _markdown_line(fill(unit))) < ONE_PATTERN


@pytest.mark.parametrize("unit", ["[a](", " *a"])
def test_whole_check_on_markdown_syntax(unit):
    assert check_seconds(TOP + fill(unit, 80_000) + "\n") < WHOLE_CHECK


def test_markdown_is_still_stripped():
    assert _markdown_line("## Skills ##")[0] == "Skills"
    link = "[Portfolio](https://example.com/a_b) and [x](x)"
    assert _markdown_line(link)[0] == "Portfolio https://example.com/a_b and x"
    assert _markdown_line('[site](https://example.com "Title")')[0] == "site https://example.com"
    assert _markdown_line("**Epic**, *Cerner*, __Meditech__ and `3M`")[0] == "Epic, Cerner, Meditech and 3M"
    assert _markdown_line("* item with *italic text* and 5 * 3")[0] == "* item with italic text and 5 * 3"


# Credentials: a claim before "certified" started at every capital after a "&" or
# "/" of a long run; an expiry date let two \s* split a run of spaces every way.
@pytest.mark.parametrize("unit", ["A&", "A/", "Aa&Bb/"])
def test_claim_before_certified_on_joined_capitals(unit):
    assert cpu_seconds(lambda: list(_CLAIM_BEFORE.finditer("certified " + fill(unit)))) < ONE_PATTERN


def test_claim_before_certified_still_matches():
    text = "Epic Cerner-Meditech certified; AT&T/Cisco Certified; ICD-10/CPT certified"
    assert [m.group(1) for m in _CLAIM_BEFORE.finditer(text)] == ["Epic Cerner-Meditech", "AT&T/Cisco", "CPT"]


def test_expiry_on_a_run_of_spaces():
    assert cpu_seconds(lambda: _EXPIRES.search("exp" + " " * SIZE + "x")) < ONE_PATTERN
    assert _expiry("RHIT, expires: 06/2027") == (6, 2027)  # the date read by the one date reader
    assert _expiry("valid through  2028") == (12, 2028)


# A long line of credentials: the vendor ("Citrix CCA") and the issuer ("AHIMA RHIT")
# before each mention were searched for in the whole line before it, once per mention.
@pytest.mark.parametrize(
    "line",
    [fill("RHIT CCS CPC "), fill("AHIMA RHIT, AAPC CPC, "), fill("Citrix CCA RHIT ")],
    ids=["acronyms", "issuers", "vendor"],
)
def test_whole_check_on_a_long_line_of_credentials(line):
    assert check_seconds(TOP + "CERTIFICATIONS\n\n" + line + "\n") < WHOLE_CHECK


def test_wrong_issuer_and_vendor_still_found():
    text = TOP + "CERTIFICATIONS\n\nCPC (AHIMA)\nAAPC certified RHIT\nAmerican Academy of Professional Coders - RHIA\n"
    credentials = check_resume((text + "Citrix CCA\n").encode(), role=ROLE, filename="x.txt").checks.credentials
    assert [i.code for i in credentials.issues].count("wrong_issuer") == 3
    assert "CCA" not in {row.acronym for row in credentials.found}


# Degrees: the field of study was looked for in the whole line once per degree on it.
def test_whole_check_on_a_long_line_of_degrees():
    line = fill("Associate degree in health information technology, ", 80_000)
    assert check_seconds(TOP + "EDUCATION\n\n" + line + "\n") < WHOLE_CHECK


# Postings: the sentence around each term occurrence was found anew each time;
# a line with no sentence end is one sentence, re-read once per occurrence.
def test_posting_with_a_long_unpunctuated_line():
    line = fill("RHIT ICD-10-CM coding Epic EHR HIPAA ", 60_000)
    assert posting_seconds("Medical Records Technician\n\nRequirements:\n" + line + "\n") < WHOLE_CHECK


def test_posting_cues_per_sentence_are_kept():
    posting = parse_posting(text_doc(
        "Medical Records Technician\nRHIT required. Epic experience preferred; HIPAA knowledge is a plus.\n"
        "Preferred:\nICD-10-CM coding"))
    needs = {r.term.term.split(" (")[0]: r.need for r in posting.requirements}
    assert (needs["RHIT"], needs["Epic"], needs["HIPAA"], needs["ICD-10-CM"]) == (
        "required", "preferred", "preferred", "preferred")


# Interview answers: "\d+\s?%" started at every digit of a long number.
def test_answer_result_on_a_long_number():
    assert cpu_seconds(lambda: _RESULT.search("1" * SIZE)) < ONE_PATTERN
    assert _RESULT.search("cut the backlog by 40 %")
    assert not _RESULT.search("I coded charts every day for 3 years")
