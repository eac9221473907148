"""The Outcomes page: upload a batch's results and an outcomes CSV, see them joined, download the CSV."""

import csv
import io
import re
from html import unescape
from urllib.parse import unquote

from tests.batch.outcome_data import OUTCOMES_CSV, results_jsonl


def _post(client, outcomes=OUTCOMES_CSV, results=None, **form):
    data = {"results": (io.BytesIO((results or results_jsonl()).encode()), "jobkit-results.jsonl"),
            "outcomes": (io.BytesIO(outcomes.encode()), "outcomes.csv"), **form}
    return client.post("/outcomes/", data=data, content_type="multipart/form-data")


def _text(page: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_the_form_page(client):
    page = client.get("/outcomes/").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in page and 'name="csrf_token"' in page
    assert 'name="results"' in page and 'name="outcomes"' in page and "nothing is kept on the server" in page


def test_uploads_show_the_table_and_the_chart(client):
    response = _post(client)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    page = response.get_data(as_text=True)
    text = _text(page)
    assert "outcomes.csv joined to jobkit-results.jsonl" in text
    assert "13 students in the batch: 12 with an outcome row, 1 with no outcome on file" in text
    assert "Association, not cause: students who got interviews may differ" in text
    # the chart: two bars per criterion, the rates in words beside them
    assert page.count('<svg class="bar pair"') == 9
    assert 'class="fill-good" width="100"' in page and 'class="before" y="13" width="0"' in page
    assert "Lists RHIT 100% vs 0%" in text
    # the side-by-side table with both group sizes, and the students
    assert "Lists RHIT 100% (6 of 6) 0% (0 of 5) +100 points" in text
    assert "Median readiness 64 (of 6) 0 (of 5) +64" in text
    assert "S2006.docx none 0 0 2 of 9 No outcome on file" in text
    assert "class/S1001.pdf S1001 57 64 9 of 9 2 1 yes" in text
    assert "(no file) S9999 No resume in this batch 4 1 yes" in text
    assert "broken.pdf none Not checked: The PDF is damaged. 0 n/a n/a" in text


def test_the_page_link_and_the_button_download_the_same_csv(client):
    page = _post(client).get_data(as_text=True)
    link = re.search(r'href="data:text/csv;charset=utf-8,([^"]+)" download="jobkit-outcomes.csv"', page)
    linked = unquote(unescape(link[1]))
    response = _post(client, format="csv")
    assert response.headers["Content-Disposition"] == 'attachment; filename="jobkit-outcomes.csv"'
    assert response.mimetype == "text/csv" and response.get_data(as_text=True) == linked
    rows = list(csv.DictReader(io.StringIO(linked)))
    assert len(rows) == 14 and rows[-1]["status"] == "no resume in this batch"


def test_groups_under_five_are_marked(client):
    outcomes = "id,interviews\nS1001,1\nS1002,1\nS2001,0\n"
    text = _text(_post(client, outcomes).get_data(as_text=True))
    assert "Lists RHIT 100% vs 0% too few to compare" in text
    assert "Lists RHIT 100% (2 of 2) 0% (0 of 1) too few to compare" in text


def test_a_bad_file_gets_a_clear_error(client):
    response = _post(client, "student_id,interviews\nS1001,2\nS1002,several\n")
    assert response.status_code == 400
    text = _text(response.get_data(as_text=True))
    assert ("We could not join those files. outcomes.csv, row 3, column 'interviews': 'several' is not a count."
            in text)
    wrong = _post(client, results="file,score\njane.pdf,50\n")
    assert wrong.status_code == 400 and "jobkit-results.jsonl, line 1: not a jobkit batch result" in _text(
        wrong.get_data(as_text=True))
    missing = client.post("/outcomes/", data={"outcomes": (io.BytesIO(b"id,offers\n"), "o.csv")},
                          content_type="multipart/form-data")
    assert missing.status_code == 400
    assert "Choose the batch results file (JSON lines)." in missing.get_data(as_text=True)
    large = _post(client, "id,offers\n" + "S1,1\n" * 500_000)
    assert large.status_code == 413 and "the outcomes file (CSV) is larger than the limit of 2" in _text(
        large.get_data(as_text=True))


def test_the_form_needs_its_csrf_token(csrf_client):
    assert _post(csrf_client).status_code == 400
