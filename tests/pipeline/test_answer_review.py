"""The practice-answer self-check credits a key point on distinctive evidence only.

A point was once covered by one common word ("you said 'when'", "you said
'check'"): an answer about release of information got "Adds a check so it
does not recur". These tests pin the stricter rule without loosening what a
good answer covers.
"""

import pytest

from jobkit.answers import review_answer
from jobkit.data.questions import all_questions, load_set
from jobkit.match.tokens import tokenize
from tests.pipeline.conftest import GOOD

# Words that must never be the evidence for a point (the self-check's own list is
# longer; these are the ones users saw credited) ...
STOP = {t.norm for word in ("when", "check", "checked", "checks", "make", "use", "used", "work", "help", "time", "get",
                            "do", "it", "is", "what", "know", "ask", "show", "made", "describe", "explain", "found",
                            "up", "since", "then") for t in tokenize(word)}
# ... and words so many key points use that they only count alongside others.
COMMON = STOP | {t.norm for word in ("report", "records", "follow", "patient", "data") for t in tokenize(word)}

ROI_ANSWER = ("When a release of information request comes in, I check the patient's signed authorization, verify "
              "the requester's identity and release only the minimum necessary information under HIPAA. I keep my "
              "HIPAA training current.")
ONLY_WHEN_AND_CHECK = "When I can, I check. When in doubt, check again."

GOOD_ANSWERS = {
    ("accuracy-audits-quality", "chart-audit"): (
        "I would pull a random sample of 30 records each month and review each against a checklist: signatures, "
        "dates, required documents and codes. I log every deficiency, send it to the responsible physician and "
        "track it until it is complete. Then I report the error rate and trends to the quality assurance committee."
    ),
    ("accuracy-audits-quality", "own-mistake"): (
        "Once I indexed a lab report to the wrong patient. I noticed it the next morning, told my supervisor right "
        "away, and corrected it by following our misfile procedure. Since then I double-check two identifiers "
        "before I index anything, and I suggested adding that step to our checklist."
    ),
    ("documented", "confidentiality"): (
        "I follow HIPAA and our privacy policies. I use strong passwords, lock the screen when I step away and keep "
        "paper charts in locked cabinets. Before releasing anything I verify the authorization and only give the "
        "minimum necessary. I once declined to share a chart with a relative who was not authorized."
    ),
    ("documented", "error-in-record"): GOOD,
}


def _result(feedback, starts):
    return next(p for p in feedback.points if p.point.point.startswith(starts))


def _stop_pieces(found):
    """The parts of a ``found`` text (comma-separated, "~" for a near miss) that are only stop words."""
    return [piece for piece in found.split(", ") if not {t.norm for t in tokenize(piece.lstrip("~"))} - STOP]


def _distinctive(found):
    return bool({t.norm for piece in found.split(", ") for t in tokenize(piece.lstrip("~"))} - COMMON)


def test_an_answer_about_release_of_information_does_not_cover_adds_a_check_or_root_cause():
    own_mistake = review_answer(load_set("accuracy-audits-quality").get("own-mistake"), ROI_ANSWER)
    assert not _result(own_mistake, "Adds a check so it does not recur").covered
    assert own_mistake.covered == 0
    discrepancy = review_answer(load_set("specialisations").get("trial-data-discrepancy"), ROI_ANSWER)
    assert not _result(discrepancy, "Looks for the root cause").covered


def test_an_answer_whose_only_overlap_is_when_and_check_covers_nothing():
    question = load_set("privacy-hipaa-roi").get("roi-customer-service")
    assert review_answer(question, ONLY_WHEN_AND_CHECK).covered == 0
    credited = [(q.id, p.point.point, p.found) for q in all_questions()
                for p in review_answer(q, ONLY_WHEN_AND_CHECK).points if p.covered]
    assert credited == []


@pytest.mark.parametrize(("set_id", "question_id"), list(GOOD_ANSWERS), ids=lambda value: value)
def test_a_good_answer_still_covers_every_point_and_says_which_distinctive_words(set_id, question_id):
    question = load_set(set_id).get(question_id)
    feedback = review_answer(question, GOOD_ANSWERS[(set_id, question_id)])
    assert [p.point.point for p in feedback.points if not p.covered] == []
    for result in feedback.points:
        assert _distinctive(result.found) and not _stop_pieces(result.found), (result.point.point, result.found)


def test_found_is_never_a_stop_word():
    answers = [ONLY_WHEN_AND_CHECK, ROI_ANSWER, *GOOD_ANSWERS.values(),
               "It is what it is: I use the system at work when I have time, and I check it."]
    weak = []
    for question in all_questions():
        for answer in (*answers, question.outline):
            for result in review_answer(question, answer).points:
                if result.covered and (not result.found or _stop_pieces(result.found)):
                    weak.append((question.id, result.point.point, result.found))
    assert weak == []


def test_each_point_is_covered_by_its_own_wording():
    """Sanity: saying the key point covers it, alone or with the question's other points.

    A point worded only in common words ("Knows when to ask for help") is covered
    by its cues instead ("supervisor", "escalate"); there must be few of them.
    """
    exempt, missed = [], []
    for question in all_questions():
        together = review_answer(question, ". ".join(p.point for p in question.key_points))
        for i, point in enumerate(question.key_points):
            if len({t.norm for t in tokenize(point.point)} - STOP) < 2:
                exempt.append(point.point)
                continue
            if not (review_answer(question, point.point).points[i].covered and together.points[i].covered):
                missed.append((question.id, point.point))
    assert missed == []
    assert len(exempt) <= 3, exempt


def test_close_misspellings_count_for_long_words_only():
    question = load_set("documented").get("confidentiality")
    feedback = review_answer(question, "I treat every chart as confidentialty, following our release protocol.")
    protocols = _result(feedback, "Follows strict confidentiality protocols")
    assert protocols.covered and "~confidentiality" in protocols.found
    work_alone = load_set("behavioural").get("work-independently")
    assert review_answer(work_alone, "I ask for hlep wen I need it.").covered == 0
