"""Program rubrics (programs/*.toml): validated on load, applied to a report per criterion."""

from pathlib import Path

import pytest

from jobkit.batch.rubric import criterion_labels, evaluate
from jobkit.pipeline import check_resume
from jobkit.data.programs import CRITERIA, list_programs, load_program, parse_program
from jobkit.errors import DataFileError, NotFound

EXAMPLE = "example-him-associate"

GOOD = """\
name = "Test program"
role = "medical-records-technician"
target_pages = 1
terms = ["hipaa", "icd-10-cm"]
credentials = ["RHIT"]
sections = ["experience", "education"]
sources = ["public: test"]

[practicum]
label = "Practicum under Experience"
section = "experience"
phrases = ["practicum"]
sources = ["public: test"]

[pass]
min_score = 40
max_pages = 1
min_terms = 2
credentials = true
sections = true
contact = ["email"]
practicum = true
"""

STUDENT = """\
JANE DOE
jane.doe@example.com | (512) 555-0147 | Austin, TX 78701

SUMMARY
Health information technology student, RHIT eligible, with HIPAA compliant release of information.

EXPERIENCE
HIM Practicum, Central Hospital, Jan 2027 - Apr 2027, 120 hours
- Assigned ICD-10-CM codes and processed release of information requests under HIPAA.

EDUCATION
Associate of Applied Science in Health Information Technology, 2027
"""


def _write(tmp_path: Path, text: str, name: str = "test-program.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_example_program_loads_with_every_criterion_and_sources():
    program = load_program(EXAMPLE)
    assert program.role == "medical-records-technician" and program.target_pages == 1
    assert program.criteria == CRITERIA
    assert "RHIT" in program.credentials and program.practicum is not None
    assert any("CAHIIM" in s for s in program.sources)
    assert any("RHIT" in s and "CAHIIM" in s for s in program.sources)
    assert any("PPE" in s or "professional practice" in s for s in program.practicum.sources)
    assert EXAMPLE in {p.id for p in list_programs()}


def test_a_good_file_loads(tmp_path):
    program = parse_program(_write(tmp_path, GOOD))
    assert program.id == "test-program"
    assert program.criteria == ("score", "pages", "terms", "credentials", "sections", "contact", "practicum")
    assert criterion_labels(program)["terms"] == "At least 2 of 2 program terms"


@pytest.mark.parametrize("old, new, field", [
    ('name = "Test program"\n', 'name = "Test program"\ncolour = "blue"\n', "colour"),
    ('terms = ["hipaa", "icd-10-cm"]', 'terms = ["hipaa", "no-such-term"]', "terms[1]"),
    ('terms = ["hipaa", "icd-10-cm"]', 'terms = ["hipaa", "cred-cpc"]', "terms[1]"),  # not a term the role asks for
    ('credentials = ["RHIT"]', 'credentials = ["XYZ"]', "credentials[0]"),
    ('sections = ["experience", "education"]', 'sections = ["experience", "hobbies"]', "sections[1]"),
    ("min_score = 40", "min_score = 140", "pass.min_score"),
    ("min_score = 40", "min_scor = 40", "pass.min_scor"),
    ("min_terms = 2", "min_terms = 3", "pass.min_terms"),
    ('contact = ["email"]', 'contact = ["fax"]', "pass.contact"),
    ('role = "medical-records-technician"', 'role = "astronaut"', "role"),
    ('role = "medical-records-technician"', 'posting = "../../etc/passwd.txt"', "posting"),
    ('role = "medical-records-technician"', 'role = "medical-coder"\nposting = "job.txt"', "role"),
    ("target_pages = 1", "target_pages = 9", "target_pages"),
    ('section = "experience"', 'section = "garage"', "practicum.section"),
    ('phrases = ["practicum"]', "phrases = []", "practicum.phrases"),
])
def test_a_bad_field_names_the_file_and_the_field(tmp_path, old, new, field):
    assert old in GOOD
    with pytest.raises(DataFileError) as caught:
        parse_program(_write(tmp_path, GOOD.replace(old, new)))
    assert "test-program.toml" in caught.value.message
    assert f"'{field}'" in caught.value.message


def test_pass_must_turn_on_a_criterion_and_practicum_needs_its_table(tmp_path):
    bare = GOOD.split("[pass]")[0] + "[pass]\n"
    with pytest.raises(DataFileError, match="field 'pass' must turn on at least one criterion"):
        parse_program(_write(tmp_path, bare))
    without_table = GOOD.replace('[practicum]\nlabel = "Practicum under Experience"\nsection = "experience"\n'
                                 'phrases = ["practicum"]\nsources = ["public: test"]\n', "")
    with pytest.raises(DataFileError, match="'pass.practicum'"):
        parse_program(_write(tmp_path, without_table))


def test_a_posting_link_out_of_the_programs_folder_is_refused(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("Medical Records Technician. RHIT required. HIPAA.")
    folder = tmp_path / "programs"
    folder.mkdir()
    (folder / "job.txt").symlink_to(outside)
    with pytest.raises(DataFileError, match="'posting'.*outside the programs folder"):
        parse_program(_write(folder, GOOD.replace('role = "medical-records-technician"', 'posting = "job.txt"')))


def test_a_posting_link_inside_the_programs_folder_is_followed(tmp_path):
    (tmp_path / "real.txt").write_text("Medical Records Technician. RHIT required. HIPAA.")
    (tmp_path / "job.txt").symlink_to(tmp_path / "real.txt")
    program = parse_program(_write(tmp_path, GOOD.replace('role = "medical-records-technician"', 'posting = "job.txt"')))
    assert program.posting_path == (tmp_path / "real.txt").resolve()


def test_a_posting_file_beside_the_program(tmp_path):
    (tmp_path / "job.txt").write_text("Medical Records Technician\nRequired: HIPAA, ICD-10-CM coding, EHR.\n")
    program = parse_program(_write(tmp_path, GOOD.replace('role = "medical-records-technician"', 'posting = "job.txt"')))
    assert program.role is None and program.posting_path == tmp_path / "job.txt"
    with pytest.raises(DataFileError, match="'posting'"):
        parse_program(_write(tmp_path, GOOD.replace('role = "medical-records-technician"', 'posting = "nothing.txt"')))


def test_unknown_program_ids_are_not_found():
    with pytest.raises(NotFound, match="Known programs: .*example-him-associate"):
        load_program("no-such-program")
    with pytest.raises(NotFound):
        load_program("../keywords/medical-coder")


def test_the_rubric_on_a_student_resume(tmp_path):
    program = parse_program(_write(tmp_path, GOOD))
    record = check_resume(STUDENT.encode(), role="medical-records-technician", filename="jane.txt").to_record()
    result = evaluate(program, record)
    by_id = {c.id: c for c in result.criteria}
    assert by_id["terms"].passed and "2 of 2" in by_id["terms"].evidence
    assert by_id["credentials"].passed and "RHIT in progress" in by_id["credentials"].evidence
    assert by_id["practicum"].passed and "HIM Practicum, Central Hospital" in by_id["practicum"].evidence
    assert by_id["sections"].passed and by_id["contact"].passed and by_id["pages"].passed
    assert (by_id["score"].value, by_id["score"].threshold) == (record.score, 40)
    weak = check_resume(b"JOHN ROE\n\nWORK HISTORY\nCashier, 2023 - 2026\n", role="medical-records-technician",
                        filename="john.txt").to_record()
    failed = {c.id: c for c in evaluate(program, weak).criteria}
    assert not any(c.passed for i, c in failed.items() if i != "pages")
    assert "Missing: HIPAA, ICD-10-CM" in failed["terms"].evidence
    assert failed["contact"].evidence == "email missing."
    assert evaluate(program, weak).passed is False
