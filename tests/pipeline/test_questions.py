"""Interview question sets: data, draws, gap rounds, answer self-check, CLI."""

import shutil

import pytest

from jobkit.answers import review_answer
from jobkit.cli.commands import cli
from jobkit.errors import DataFileError, NotFound
from jobkit.data.questions import all_questions, draw_round, list_sets, load_set, questions_for_gaps
from jobkit.data.resources import data_dir
from tests.conftest import CORPUS
from tests.pipeline.conftest import GOOD

DOCUMENTED = {
    "What experience do you have with electronic health record systems?",
    "How do you ensure the confidentiality of patient information?",
    "Can you describe a time when you identified and resolved an error in a medical record?",
}
TOPICS = {"documented", "ehr-systems", "privacy-hipaa-roi", "coding-classification", "accuracy-audits-quality",
          "working-with-clinicians-billing", "certifications-career", "specialisations", "behavioural"}


def test_every_set_loads_with_at_least_60_questions_in_all():
    assert {s.id for s in list_sets()} >= TOPICS
    assert len(all_questions()) >= 60


@pytest.mark.parametrize("question", all_questions(), ids=lambda q: q.id)
def test_every_question_has_all_fields(question):
    assert question.text.endswith(("?", ".")) and question.outline and question.source
    assert question.difficulty in ("easy", "medium", "hard") and question.roles
    assert 3 <= len(question.key_points) <= 5
    for point in question.key_points:
        assert point.point and point.match and point.source.split(":")[0] in {"seed", "onet", "job", "public"}


def test_the_three_documented_questions_are_present_verbatim():
    documented = {q.text for q in all_questions() if q.documented}
    assert documented == DOCUMENTED
    seeds = CORPUS.parent / "seeds"
    text = next(seeds.glob("004_*.txt"), None) if seeds.is_dir() else None
    if text is None:
        pytest.skip(f"seeds folder {seeds} not found")
    for question in DOCUMENTED:
        assert question in text.read_text(encoding="utf-8")


def test_rounds_are_random_but_reproducible():
    first = [q.id for q in draw_round(count=6, seed=42)]
    assert first == [q.id for q in draw_round(count=6, seed=42)]
    assert first != [q.id for q in draw_round(count=6, seed=43)]
    assert {q.set_id for q in draw_round("coding-classification", count=3, seed=1)} == {"coding-classification"}
    assert len(draw_round("documented", count=10, seed=1)) == 3


def test_role_filter_prefers_the_role():
    assert all("cancer-registrar" in q.roles for q in draw_round(count=4, seed=3, role="cancer-registrar"))


def test_gap_rounds_follow_the_missing_terms():
    picked = questions_for_gaps(["cred-ctr", "cancer-registry"], count=3)
    assert {q.set_id for q in picked} == {"specialisations"}
    assert questions_for_gaps([], count=3) == []


def test_self_check_finds_the_points_in_a_good_answer():
    question = load_set("documented").get("error-in-record")
    feedback = review_answer(question, GOOD)
    assert feedback.covered == 4
    assert feedback.star == {"situation": True, "action": True, "result": True}
    assert "good length" in feedback.length_message
    how_found = next(p for p in feedback.points if p.point.point.startswith("Says how the error was found"))
    assert how_found.found in ("audit", "noticed", "discrepancy")


def test_self_check_misses_them_in_an_off_topic_answer():
    question = load_set("documented").get("error-in-record")
    feedback = review_answer(question, "I enjoy pizza and football with my friends at weekends.")
    assert feedback.covered == 0
    assert "add the situation and action and result" in feedback.star_message
    assert "short" in feedback.length_message
    assert feedback.to_record().outline == question.outline


def test_aliases_count_for_key_points():
    question = load_set("privacy-hipaa-roi").get("hipaa-explain")
    feedback = review_answer(question, "The Health Insurance Portability and Accountability Act protects PHI.")
    assert feedback.points[0].covered


def test_unknown_set_and_question():
    with pytest.raises(NotFound, match="Known sets"):
        load_set("astrology")
    with pytest.raises(NotFound):
        load_set("documented").get("nope")


@pytest.fixture
def question_copy(tmp_path, monkeypatch):
    shutil.copytree(data_dir("keywords"), tmp_path / "keywords")
    target = tmp_path / "interview_questions"
    shutil.copytree(data_dir("interview_questions"), target)
    monkeypatch.setenv("JOBKIT_DATA_DIR", str(tmp_path))
    return target


BASE = ('title = "T"\ndescription = "D"\nsources = ["seed:000"]\n[[questions]]\nid = "{id}"\ntext = "Why?"\n'
        'difficulty = "{difficulty}"\nroles = ["{role}"]\nsource = "seed:000"\noutline = "o"\n' +
        '[[questions.key_points]]\npoint = "p"\nmatch = ["x"]\nsource = "seed:000"\n' * 3)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"id": "new-q", "difficulty": "extreme", "role": "medical-coder"}, "field 'questions[0].difficulty' must be one of"),
        ({"id": "new-q", "difficulty": "easy", "role": "astronaut"}, "field 'questions[0].roles' names an unknown role"),
        ({"id": "ehr-experience", "difficulty": "easy", "role": "medical-coder"}, "question id 'ehr-experience' is also used"),
    ],
)
def test_bad_question_files_name_file_and_field(question_copy, values, message):
    (question_copy / "zz-extra.toml").write_text(BASE.format(**values), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        list_sets()
    assert "zz-extra.toml" in str(caught.value) and message in str(caught.value)


def test_adding_a_set_is_adding_a_file(question_copy):
    (question_copy / "zz-extra.toml").write_text(BASE.format(id="new-q", difficulty="easy", role="medical-coder"),
                                                  encoding="utf-8")
    assert load_set("zz-extra").questions[0].id == "new-q"


def test_cli_lists_prints_and_draws(runner):
    assert "coding-classification" in runner.invoke(cli, ["questions"]).output
    printed = runner.invoke(cli, ["questions", "documented"]).output
    assert "(from the guide, word for word)" in printed
    first = runner.invoke(cli, ["questions", "--random", "3", "--seed", "5"]).output
    assert first == runner.invoke(cli, ["questions", "--random", "3", "--seed", "5"]).output
    import json

    data = json.loads(runner.invoke(cli, ["questions", "behavioural", "--json"]).output)
    assert data["id"] == "behavioural" and data["questions"][0]["key_points"]
    assert runner.invoke(cli, ["questions", "nope"]).exit_code == 2


def test_practice_runs_through_clirunner_with_input(runner):
    answers = "I used Epic for two years, entering and updating patient data.\n\n" + GOOD + "\n\n" + "q\n\n"
    result = runner.invoke(cli, ["practice", "documented", "--count", "3", "--seed", "2"], input=answers)
    assert result.exit_code == 0, result.output
    assert result.output.count("Question ") >= 2
    assert "Covered" in result.output and "Outline of a strong answer" in result.output
    assert "Stopped." in result.output or "Round finished." in result.output
