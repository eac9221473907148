"""Interview practice never rewards a wrong answer (issue 28): each point on its own words, negation and
refusal understood, unsafe practices named with their rule and source, short correct answers credited."""

from __future__ import annotations


import pytest

from jobkit.answers import review_answer
from jobkit.cli import cli
from jobkit.data.questions import load_set
from jobkit.data.unsafe_practices import _load, unsafe_practices
from jobkit.errors import DataFileError
from jobkit.model.schema import jsonable
from tests.conftest import broken_data

ROI = load_set("privacy-hipaa-roi").get("roi-request-steps")
BREAKS_HIPAA = ("I never check for a valid authorization, subpoena or court order; I just release the entire record to "
                "the attorney the same day. Federal and state law on disclosure don't really matter, and I don't log "
                "the disclosure.")
STRONG = ("I log the request, then check that it has a valid authorization signed by the patient or a subpoena. I "
          "release only the dates of service the request covers, following HIPAA, and I record the disclosure in the "
          "accounting of disclosures within 30 days.")


def covered(feedback) -> dict[str, bool]:
    return {p.point.point: p.covered for p in feedback.points}


def test_an_answer_that_breaks_hipaa_is_named_and_credited_with_nothing():
    feedback = review_answer(ROI, BREAKS_HIPAA)
    rules = {u.rule for u in feedback.unsafe}
    assert {"release-without-authorization", "minimum-necessary", "no-accounting-of-disclosures"} <= rules
    assert feedback.covered == 0 and not any(covered(feedback).values())
    assert feedback.messages[0].startswith("This answer would end an interview")
    assert all("45 CFR" in u.source for u in feedback.unsafe if u.rule != "privacy-does-not-matter")
    record = jsonable(feedback.to_record())
    assert record["unsafe"] and {"rule", "name", "why", "source", "said"} <= set(record["unsafe"][0])
    assert "You covered" not in " ".join(feedback.messages)


def test_hipaa_is_not_a_big_deal_is_flagged_not_just_short():
    feedback = review_answer(ROI, "HIPAA isn't really a big deal for small requests and I don't log things like that")
    assert {u.rule for u in feedback.unsafe} >= {"privacy-does-not-matter", "no-accounting-of-disclosures"}


def test_a_strong_answer_is_safe_and_each_point_is_credited_on_its_own_words():
    feedback = review_answer(ROI, STRONG)
    assert feedback.unsafe == () and feedback.covered == 4
    found = {p.point.point: p.found for p in feedback.points}
    assert "subpoena" not in (found["Logs the disclosure and meets the required time frame"] or "")
    assert "authorization" not in (found["Releases only the information the request covers"] or "")


def test_one_phrase_credits_one_point():
    feedback = review_answer(ROI, "I make sure there is a valid authorization.")
    assert covered(feedback) == {
        "Checks for a valid written authorization (or a subpoena or court order) before releasing": True,
        "Releases only the information the request covers": False,
        "Follows federal and state law on disclosure": False,
        "Logs the disclosure and meets the required time frame": False,
    }


@pytest.mark.parametrize("answer", [
    "I don't bother with the authorization or subpoena.",
    "No need to check a court order or consent for attorneys.",
    "I release it without an authorization.",
])
def test_a_denied_point_is_not_covered(answer):
    feedback = review_answer(ROI, answer)
    point = "Checks for a valid written authorization (or a subpoena or court order) before releasing"
    assert not covered(feedback)[point]


def test_a_negation_the_point_itself_says_is_not_a_denial():
    question = load_set("accuracy-audits-quality").get("own-mistake")
    feedback = review_answer(question, "Since then I double-check every chart so it does not recur.")
    assert covered(feedback)["Adds a check so it does not recur"] and not feedback.unsafe


@pytest.mark.parametrize("answer", [
    "I would never release a record without a valid authorization.",
    "I never share my password; everyone has their own login.",
    "I query the physician instead of changing the diagnosis myself.",
    "Corrections go in as a dated amendment, never by changing the original note.",
    "We shred records only after the retention schedule allows, with a certificate of destruction.",
    "I use strong passwords and lock my screen.",
])
def test_refusing_an_unsafe_practice_is_safe(answer):
    assert review_answer(ROI, answer).unsafe == ()


@pytest.mark.parametrize("answer,rule", [
    ("When I'm behind, my coworker and I share her login to hit our numbers.", "shared-credentials"),
    ("If a case falls short I'll add a secondary diagnosis to push it into the higher paying DRG.", "upcoding"),
    ("A nurse forgot to chart a medication, so I added it into her note and dated it for the day before.", "altering-entries"),
    ("Sometimes I talk about interesting cases with friends at lunch.", "discussing-patients"),
    ("To free up space we just shred the old charts.", "shredding-outside-retention"),
])
def test_each_unsafe_practice_is_named(answer, rule):
    assert rule in {u.rule for u in review_answer(ROI, answer).unsafe}


def test_short_correct_answers_and_misspellings_count():
    feedback = review_answer(ROI, "I check the signed authorizaton and follow HIPPA.")
    assert covered(feedback)["Checks for a valid written authorization (or a subpoena or court order) before releasing"]
    assert covered(feedback)["Follows federal and state law on disclosure"]
    assert "1 word is short" in review_answer(ROI, "HIPAA").length_message


def test_every_rule_names_its_public_source_and_a_bad_expression_names_file_and_field(tmp_path):
    for rule in unsafe_practices():
        assert rule.source and rule.why and rule.patterns
    folder = broken_data(tmp_path, "interview_questions", "_unsafe_practices.toml", '"\\\\bbackdat\\\\w*"', '"(unclosed"')
    with pytest.raises(DataFileError) as error:
        _load(folder)
    assert "_unsafe_practices.toml" in str(error.value) and "patterns[" in str(error.value)


def test_practice_stops_on_q_and_never_takes_it_as_an_answer(runner):
    result = runner.invoke(cli, ["practice", "privacy-hipaa-roi", "--count", "2", "--seed", "1"], input="q\n")
    assert result.exit_code == 0 and "Stopped." in result.output and "words is short" not in result.output
    result = runner.invoke(cli, ["practice", "privacy-hipaa-roi", "--count", "2", "--seed", "1"],
                           input=BREAKS_HIPAA + "\nq\n")
    assert "This answer would end an interview" in result.output and "Stopped." in result.output
    assert "q" not in [line.strip() for line in result.output.splitlines() if "you said" in line]
