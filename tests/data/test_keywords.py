"""Keyword data files: every shipped file is valid; bad files fail with file and field."""


import pytest

from jobkit.cli.commands import cli
from jobkit.errors import DataFileError, NotFound
from jobkit.data.keywords import CATEGORIES, list_roles, load_glossary, load_role
from jobkit.match.tokens import phrase_key

REQUIRED_ROLES = {
    "medical-records-technician", "medical-records-specialist", "medical-coder", "cancer-registrar",
    "release-of-information-specialist", "health-information-manager", "clinical-data-manager", "compliance-officer",
}


def test_the_required_roles_ship():
    assert REQUIRED_ROLES <= {role.id for role in list_roles()}


@pytest.mark.parametrize("role", sorted(REQUIRED_ROLES))
def test_every_role_term_has_a_category_weight_need_and_source(role):
    loaded = load_role(role)
    assert loaded.titles and loaded.sources and loaded.summary
    for requirement in loaded.requirements:
        assert requirement.term.category in CATEGORIES
        assert 1 <= requirement.weight <= 3 and requirement.need in ("required", "preferred")
        assert requirement.term.sources, requirement.term.id


def test_sources_point_at_real_places():
    for term in load_glossary().terms.values():
        for source in term.sources:
            assert source.split(":")[0] in {"seed", "onet", "job", "public"}, (term.id, source)


def test_no_alias_collapses_to_nothing_or_one_letter():
    for term in load_glossary().terms.values():
        for alias in (term.term, *term.aliases):
            key = phrase_key(alias)
            assert key and not (len(key) == 1 and len(key[0]) < 2), (term.id, alias)


def test_the_documented_aliases_are_present():
    terms = load_glossary().terms
    keys = {tid: {phrase_key(a) for a in (t.term, *t.aliases)} for tid, t in terms.items()}
    assert {phrase_key(x) for x in ("EHR", "electronic health records", "EMR", "electronic medical records")} <= keys["ehr"]
    assert {phrase_key(x) for x in ("ROI", "release of information")} <= keys["release-of-information"]
    assert {phrase_key(x) for x in ("ICD-10-CM", "ICD-10", "ICD10")} <= keys["icd-10-cm"]
    assert {phrase_key(x) for x in ("DRG", "diagnosis-related group")} <= keys["drg"]
    assert phrase_key("Health Insurance Portability and Accountability Act") in keys["hipaa"]


def test_unknown_role_is_not_found():
    with pytest.raises(NotFound, match="Known roles"):
        load_role("astronaut")


def test_adding_a_role_is_adding_a_file(data_copy):
    (data_copy / "hospital-coder.toml").write_text(
        'name = "Hospital Coder"\nsummary = "Codes inpatient stays."\ntitles = ["Inpatient Coder"]\n'
        'sources = ["job:j09"]\n[terms]\nicd-10-pcs = { weight = 3, need = "required" }\ndrg = { weight = 2, need = "preferred" }\n',
        encoding="utf-8",
    )
    assert load_role("hospital-coder").requirements[0].term.id == "icd-10-pcs"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('name = "X"\nsummary = "x"\ntitles = ["X"]\nsources = ["job:j01"]\n[terms]\nehr = { weight = 5, need = "required" }\n',
         "bad-role.toml: field 'terms.ehr.weight' must be a whole number from 1 to 3"),
        ('name = "X"\nsummary = "x"\ntitles = ["X"]\nsources = ["job:j01"]\n[terms]\nehr = { weight = 2, need = "maybe" }\n',
         "bad-role.toml: field 'terms.ehr.need' must be one of required, preferred"),
        ('name = "X"\nsummary = "x"\ntitles = ["X"]\nsources = ["job:j01"]\n[terms]\nwarp-drive = { weight = 2, need = "required" }\n',
         "bad-role.toml: field 'terms.warp-drive' names a term that is not in"),
        ('summary = "x"\ntitles = ["X"]\nsources = ["job:j01"]\n[terms]\nehr = { weight = 2, need = "required" }\n',
         "bad-role.toml: field 'name' is missing"),
        ('name = "X"\nsummary = "x"\ntitles = ["X"]\nsources = ["job:j01"]\ncolour = "red"\n[terms]\nehr = { weight = 2, need = "required" }\n',
         "bad-role.toml: field 'colour' is not a known field"),
        ('name = "X\n', "bad-role.toml: not valid TOML"),
    ],
)
def test_bad_role_files_name_the_file_and_field(data_copy, content, message):
    (data_copy / "bad-role.toml").write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        list_roles()
    assert message in str(caught.value)


def test_bad_role_file_names_are_refused(data_copy):
    (data_copy / "Bad Name.toml").write_text('name = "X"\n', encoding="utf-8")
    with pytest.raises(DataFileError, match="role id"):
        list_roles()


def test_bad_glossary_term_names_the_field(data_copy):
    glossary = data_copy / "_glossary.toml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + '\n[teleport]\nterm = "Teleport"\ncategory = "magic"\nsources = ["public: x"]\n',
                        encoding="utf-8")
    with pytest.raises(DataFileError, match="_glossary.toml: field 'teleport.category' must be one of"):
        load_glossary()


def test_the_cli_reports_a_broken_data_file_in_one_line(data_copy, runner):
    (data_copy / "bad-role.toml").write_text('name = "X\n', encoding="utf-8")
    result = runner.invoke(cli, ["roles"])
    assert result.exit_code == 1
    assert "[data_file_error] bad-role.toml: not valid TOML" in result.output and "Traceback" not in result.output


def test_each_entity_declares_its_data_file_fields_once():
    """The keys a data file may use come from the dataclass's own field declarations."""
    from jobkit.data.credential_catalog import Credential
    from jobkit.data.datafile import declared_keys
    from jobkit.data.keywords import Requirement, RoleSet, Term
    from jobkit.data.questions import KeyPoint, Question, QuestionSet

    assert declared_keys(Term) == {"term", "category", "aliases", "misspellings", "core", "degree", "fields", "advice",
                                   "sources", "any_of", "context", "related", "any_degree"}
    assert declared_keys(Requirement) == {"weight", "need", "note"}
    assert "requirements" not in declared_keys(RoleSet) and "name" in declared_keys(RoleSet)
    assert "issuers" not in declared_keys(Credential) and "issuer" in declared_keys(Credential)
    assert declared_keys(KeyPoint) == {"point", "match", "source"}
    assert {"id", "text", "difficulty"} <= declared_keys(Question) and "set_id" not in declared_keys(Question)
    assert declared_keys(QuestionSet) == {"title", "description", "terms", "sources"}
