"""The JSON API: the same report as the CLI, one error shape, an honest OpenAPI document."""

import io
import json

import pytest
from jsonschema import Draft202012Validator

from jobkit.cli.commands import cli
from jobkit.model.feedback_record import FeedbackRecord
from jobkit.model.schema import schema_for
from tests import builders
from tests.conftest import corpus_path

MRT = "medical-records-technician"


def post_check(client, data, name="resume.pdf", **form):
    fields = {"resume": (io.BytesIO(data), name), **({"role": MRT} if "job" not in form else {}), **form}
    return client.post("/api/v1/check", data=fields, content_type="multipart/form-data")


def test_check_returns_exactly_what_the_cli_prints(client, runner, tmp_path):
    path = corpus_path("resumes", "pdf_latex_deedy_twocolumn.pdf")
    api = post_check(client, path.read_bytes(), path.name).get_json()
    printed = json.loads(runner.invoke(cli, ["check", str(path), "--role", MRT, "--json"]).output)
    assert api == printed


def test_csv_and_html_formats_match_the_cli(client, runner):
    path = corpus_path("resumes", "pdf_latex_deedy_twocolumn.pdf")
    by_query = client.post("/api/v1/check?format=csv", data={"resume": (io.BytesIO(path.read_bytes()), path.name),
                                                              "role": MRT}, content_type="multipart/form-data")
    assert by_query.status_code == 200 and by_query.mimetype == "text/csv"
    printed = runner.invoke(cli, ["check", str(path), "--format", "csv"]).output
    assert by_query.get_data(as_text=True).splitlines() == printed.splitlines()
    page = post_check(client, path.read_bytes(), path.name, format="html")
    assert page.mimetype == "text/html" and "What the ATS sees" in page.get_data(as_text=True)
    assert_error(post_check(client, path.read_bytes(), path.name, format="xml"), 400, "invalid_input")


def test_without_role_or_job_the_general_role_is_used(client):
    response = client.post("/api/v1/check", data={"resume": (io.BytesIO(builders.plain_docx()), "r.docx")},
                           content_type="multipart/form-data")
    assert response.status_code == 200 and response.get_json()["role"]["id"] == MRT


def test_check_with_a_posting(client):
    posting = "Medical Coder\nRequirements: CPC required. ICD-10-CM and CPT coding.\n"
    data = post_check(client, builders.plain_docx(), "r.docx", job=posting).get_json()
    assert "job" in data and "cred-cpc" in {r["id"] for r in data["job"]["requirements"]}


def assert_error(response, status, code):
    assert response.status_code == status
    body = response.get_json()
    assert set(body) == {"error"} and body["error"]["status"] == status and body["error"]["code"] == code
    assert body["error"]["message"] and body["error"]["title"]


@pytest.mark.parametrize(
    ("data", "name", "form", "status", "code"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"0" * 20, "x.pdf", {"role": MRT}, 415, "unsupported_format"),
        (b"%PDF-1.4 broken", "x.pdf", {"role": MRT}, 422, "corrupt_document"),
        (b"", "empty.txt", {"role": MRT}, 422, "empty_document"),
        (None, None, {"role": MRT}, 400, "invalid_input"),
        (b"JANE DOE", "r.txt", {"role": "astronaut"}, 404, "not_found"),
        (b"JANE DOE", "r.txt", {"role": MRT, "pages": "9"}, 400, "invalid_input"),
    ],
)
def test_check_errors_have_one_shape(client, data, name, form, status, code):
    fields = dict(form)
    if data is not None:
        fields["resume"] = (io.BytesIO(data), name)
    assert_error(client.post("/api/v1/check", data=fields, content_type="multipart/form-data"), status, code)


def test_413(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    assert_error(post_check(client, b"x" * 4000, "big.txt"), 413, "file_too_large")


def test_500_has_the_same_shape(app, client, monkeypatch):
    import jobkit.web.api as api_module

    monkeypatch.setattr(api_module, "list_roles", lambda: 1 / 0)
    assert_error(client.get("/api/v1/roles"), 500, "internal_error")


def test_404_for_unknown_api_paths(client):
    assert_error(client.get("/api/v1/nothing"), 404, "not_found")
    assert_error(client.get("/api/v1/roles/astronaut"), 404, "not_found")
    assert_error(client.get("/api/v1/questions/astrology"), 404, "not_found")
    assert_error(client.post("/api/v1/questions/documented/nope/feedback", json={"answer": "x"}), 404, "not_found")


def test_roles_and_questions(client):
    roles = client.get("/api/v1/roles").get_json()["roles"]
    assert MRT in {r["id"] for r in roles}
    role = client.get(f"/api/v1/roles/{MRT}").get_json()
    assert role["terms"][0]["aliases"] is not None
    sets = client.get("/api/v1/questions").get_json()["sets"]
    assert len(sets) >= 9
    one = client.get("/api/v1/questions/documented").get_json()
    assert len(one["questions"]) == 3


def test_feedback(client):
    url = "/api/v1/questions/documented/ehr-experience/feedback"
    good = client.post(url, json={"answer": "I used Epic for two years entering and updating patient data and reports."})
    assert good.status_code == 200 and good.get_json()["covered"] >= 2
    # "reports" alone is too common a word in the question bank to cover "generating reports" by itself
    assert [p["covered"] for p in good.get_json()["key_points"]][:2] == [True, True]
    form = client.post(url, data={"answer": "I like pizza."})
    assert form.get_json()["covered"] == 0
    assert_error(client.post(url, json={"answer": ""}), 400, "invalid_input")
    assert_error(client.post(url, json={"answer": "x" * 6000}), 400, "invalid_input")


def test_feedback_has_the_typed_schema_the_openapi_document_serves(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    served = spec["components"]["schemas"]["Feedback"]
    assert served == schema_for(FeedbackRecord) and served["additionalProperties"] is False
    assert served["properties"]["key_points"]["items"]["required"] == ["point", "covered", "found", "source", "denied"]
    unsafe = served["properties"]["unsafe"]["items"]
    assert unsafe["required"] == ["rule", "name", "why", "source", "said"] and "unsafe" in served["required"]
    response = spec["paths"]["/api/v1/questions/{set_id}/{question_id}/feedback"]["post"]["responses"]["200"]
    assert response["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Feedback"}
    url = "/api/v1/questions/documented/ehr-experience/feedback"
    for answer in ("I used Epic for two years entering and updating patient data and reports.", "I like pizza.",
                   "I gave my coworker my login so she could chart in Epic."):
        Draft202012Validator(served).validate(client.post(url, json={"answer": answer}).get_json())


def test_openapi_matches_the_routes(app, client):
    spec = client.get("/api/v1/openapi.json").get_json()
    documented = {(path, method.upper()) for path, item in spec["paths"].items() for method in item}
    routed = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1"):
            path = rule.rule.replace("<", "{").replace(">", "}")
            routed |= {(path, m) for m in rule.methods - {"HEAD", "OPTIONS"}}
    assert documented == routed
    assert spec["openapi"].startswith("3.")


def test_health_reports_the_data_it_loaded(client):
    body = client.get("/api/v1/health").get_json()
    assert body["status"] == "ok" and body["roles"] >= 9 and body["question_sets"] >= 9
