"""Batches across terms (issue 32, item 2): a name, an advisor key that opens the same batches from another
browser and nobody else's, retention chosen per batch within the server's maximum, and a finished batch
compared with an earlier term's uploaded results file (never stored)."""

import io
import re
import sqlite3
import zipfile

import pytest

from jobkit.batch.batch_choices import clean_title, file_name, keep_choices, kept_days
from jobkit.batch.owner_keys import ALPHABET, KEY_LENGTH, parts
from jobkit.batch.rubric import document_lines, evaluate
from jobkit.batch.store import MIGRATIONS, BatchStore
from jobkit.data.programs import load_program
from jobkit.errors import InvalidInput
from jobkit.model.batches import BatchResult, BatchTarget
from jobkit.output.batch_rows import json_line
from jobkit.pipeline import check_resume
from jobkit.web import create_app
from jobkit.web.advisor_access import TOO_MANY, WRONG_KEY
from tests.batch.conftest import JANE_AFTER, JANE_BEFORE, JOHN_AFTER, JOHN_BEFORE, PROGRAM

NOW = 1_800_000_000.0  # a fixed clock: Jan 15, 2027
DAY = 86400


def _app(tmp_path, **config):
    return create_app({"SECRET_KEY": "t", "TESTING": True, "WTF_CSRF_ENABLED": False, "JOBKIT_ISOLATE": False,
                       "JOBKIT_DATABASE": str(tmp_path / "jobs.sqlite3"), "JOBKIT_BATCH_RUNNER": "external",
                       "JOBKIT_CLOCK": lambda: NOW, **config})


def _browser(app):
    client = app.test_client()
    client.get("/batch/")  # as a browser does: the page gives the session its owner
    return client


def _owner(client) -> str:
    with client.session_transaction() as session:
        return session["batch_owner"]


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("jane.txt", JANE_AFTER)
    return buffer.getvalue()


def _upload(client, **form):
    fields = {"archive": (io.BytesIO(_zip()), "class.zip"), "role": "medical-records-technician", "consent": "on",
              **form}
    return client.post("/batch/", data=fields, content_type="multipart/form-data")


def _queued(client, **form) -> str:
    response = _upload(client, **form)
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return response.headers["Location"]


def _listed(client) -> list[str]:
    """The batch ids the Batch page lists to this browser."""
    return re.findall(r'<a href="/batch/([\w-]{20,})">', client.get("/batch/").get_data(as_text=True))


def _make_key(client) -> str:
    page = client.post("/batch/key").get_data(as_text=True)
    assert "Keep this: it opens your batches from any browser." in page
    return re.search(r'id="advisor-key">([^<]+)<', page).group(1)


# A name

def test_a_batch_name_is_shown_on_the_list_the_page_the_downloads_and_the_cohort_json(tmp_path):
    client = _browser(_app(tmp_path))
    url = _queued(client, title="  HIT 2027 cohort,\u202e fall  ")  # a bidi override is dropped
    assert "<h1>HIT 2027 cohort, fall</h1>" in client.get(url).get_data(as_text=True)
    listing = client.get("/batch/").get_data(as_text=True)
    assert ">HIT 2027 cohort, fall</a>" in listing and "Jan 15, 2027, resumes not counted yet" in listing
    names = {path: client.get(url + path).headers["Content-Disposition"]
             for path in ("/results.csv", "/results.jsonl", "/report.html")}
    assert names == {"/results.csv": 'attachment; filename="jobkit-hit-2027-cohort-fall-results.csv"',
                     "/results.jsonl": 'attachment; filename="jobkit-hit-2027-cohort-fall-results.jsonl"',
                     "/report.html": 'attachment; filename="jobkit-hit-2027-cohort-fall-cohort.html"'}
    assert client.get(url + "/cohort.json").get_json()["name"] == "HIT 2027 cohort, fall"
    unnamed = _queued(client)
    assert client.get(unnamed + "/results.csv").headers["Content-Disposition"].endswith('"jobkit-results.csv"')
    assert client.get(unnamed + "/cohort.json").get_json()["name"] is None
    assert "<h1>Batch of Jan 15, 2027, resumes not counted yet</h1>" in client.get(unnamed).get_data(as_text=True)


def test_names_are_cleaned_for_the_pages_and_for_file_names():
    assert clean_title("  a\u202eb \n\t c ") == "ab c"
    assert clean_title(" \u200f ") is None and clean_title(None) is None
    assert len(clean_title("x" * 500)) == 80
    assert file_name("Été 2027: HIT/fall", "results.csv") == "jobkit-ete-2027-hit-fall-results.csv"
    assert file_name("日本語", "results.csv") == file_name(None, "results.csv") == "jobkit-results.csv"
    assert file_name('a"; filename="evil.exe', "x.csv") == "jobkit-a-filename-evil-exe-x.csv"


# Retention per batch

def test_retention_is_chosen_per_batch_and_capped_at_the_servers_maximum(tmp_path):
    app = _app(tmp_path, JOBKIT_BATCH_MAX_RETENTION_DAYS=60)
    client = _browser(app)
    form = client.get("/batch/").get_data(as_text=True)
    assert re.findall(r'<option value="(\d+)" ?(selected)?>', form) == [
        ("7", "selected"), ("30", ""), ("60", "")]
    assert "60 days at most on this server" in form
    for chosen, kept in (("30", 30), ("365", 60), ("", 7)):  # a longer choice (a changed form) is cut to 60
        url = _queued(client, keep_days=chosen)
        with sqlite3.connect(tmp_path / "jobs.sqlite3") as db:
            expires = db.execute("SELECT expires FROM batches WHERE id=?", (url.rsplit("/", 1)[-1],)).fetchone()[0]
        assert expires == NOW + kept * DAY
        client.post(url + "/delete")  # two waiting batches per browser at most
    refused = _upload(client, keep_days="forever")
    assert refused.status_code == 400 and "a number of days, at most 60 days" in refused.get_data(as_text=True)


def test_the_batch_page_says_the_day_its_results_are_deleted(tmp_path):
    client = _browser(_app(tmp_path))
    page = client.get(_queued(client, keep_days="90")).get_data(as_text=True)
    assert "Kept until April 15, 2027, then deleted" in page  # Jan 15 + 90 days
    assert "Results are deleted on April 15, 2027" in page


def test_the_choices_offered_follow_the_default_and_the_maximum():
    assert keep_choices(7, 180) == [7, 30, 90, 180]
    assert keep_choices(14, 60) == [7, 14, 30, 60]
    assert keep_choices(400, 365) == [7, 30, 90, 180, 365]  # a default over the maximum is cut to it
    assert kept_days("", 14, 10) == 10 and kept_days(" 30 ", 7, 180) == 30 and kept_days("1000", 7, 180) == 180
    for bad in ("0", "-3", "nan", "inf", "soon"):
        with pytest.raises(InvalidInput):
            kept_days(bad, 7, 180)


# The advisor key

def test_an_advisor_key_opens_the_same_batches_from_a_second_browser(tmp_path):
    app = _app(tmp_path)
    laptop = _browser(app)
    first, second = _queued(laptop, title="Fall"), _queued(laptop, title="Spring")
    key = _make_key(laptop)
    assert len(key) == KEY_LENGTH + 7 and set(key.replace("-", "")) <= set(ALPHABET)
    office = _browser(app)
    assert _listed(office) == []
    opened = office.post("/batch/open", data={"key": key.upper().replace("-", " ")})  # case and spacing do not matter
    assert opened.status_code == 302 and opened.headers["Location"].endswith("/batch/?opened=1")
    assert "Your key opened your batches" in office.get("/batch/?opened=1").get_data(as_text=True)
    ids = sorted(url.rsplit("/", 1)[-1] for url in (first, second))
    assert sorted(_listed(office)) == sorted(_listed(laptop)) == ids
    assert _owner(office) == _owner(laptop)
    assert "<h1>Spring</h1>" in office.get(second).get_data(as_text=True)
    assert key not in office.get("/batch/").get_data(as_text=True) + laptop.get("/batch/").get_data(as_text=True)


def test_a_wrong_key_gets_one_message_and_changes_nothing(tmp_path):
    app = _app(tmp_path)
    key = _make_key(_browser(app))
    selector, secret = parts(key)
    other = _browser(app)
    before = _owner(other)
    wrong_secret = selector + ("a" if secret[0] != "a" else "b") + secret[1:]
    answers = [other.post("/batch/open", data={"key": typed})
               for typed in ("", "nope", "a" * KEY_LENGTH, wrong_secret, key[:-1], key + "a")]
    assert {a.status_code for a in answers} == {403}
    # the same page for every wrong key (its CSRF token carries the second it was made, so it is left out)
    bodies = {re.sub(r'name="csrf_token" value="[^"]*"', "", a.get_data(as_text=True)) for a in answers}
    assert len(bodies) == 1 and WRONG_KEY in bodies.pop()
    assert _owner(other) == before and _listed(other) == []


def test_the_key_is_stored_only_as_a_salted_hash(tmp_path):
    app = _app(tmp_path)
    client = _browser(app)
    _queued(client)
    key = _make_key(client)
    selector, secret = parts(key)
    database = tmp_path / "jobs.sqlite3"
    raw = b"".join(path.read_bytes() for path in tmp_path.glob("jobs.sqlite3*") if path.is_file())
    assert secret.encode() not in raw and key.encode() not in raw
    with sqlite3.connect(database) as db:
        rows = db.execute("SELECT selector, owner, length(salt), length(digest) FROM owner_keys").fetchall()
    assert rows == [(selector, _owner(client), 16, 32)]


def test_one_advisor_never_sees_another_advisors_batches(tmp_path):
    app = _app(tmp_path)
    ana, ben = _browser(app), _browser(app)
    ana_batch, ben_batch = _queued(ana).rsplit("/", 1)[-1], _queued(ben).rsplit("/", 1)[-1]
    ana_key, ben_key = _make_key(ana), _make_key(ben)
    assert _listed(ana) == [ana_batch] and _listed(ben) == [ben_batch]
    shared = _browser(app)  # a shared computer: Ben opens his batches, then Ana types her key
    assert shared.post("/batch/open", data={"key": ben_key}).status_code == 302
    assert _listed(shared) == [ben_batch]
    assert shared.post("/batch/open", data={"key": ana_key}).status_code == 302
    assert _listed(shared) == [ana_batch]  # Ben's are not merged into Ana's
    assert _listed(ben) == [ben_batch] and _listed(ana) == [ana_batch]
    # A new key withdraws the old one, and every browser the old one opened.
    new_key = _make_key(ana)
    assert _listed(ana) == [ana_batch] and _listed(shared) == []
    assert shared.post("/batch/open", data={"key": ana_key}).status_code == 403
    assert shared.post("/batch/open", data={"key": new_key}).status_code == 302 and _listed(shared) == [ana_batch]
    # Stop listing here: this browser forgets the owner; the key still opens the batches.
    assert shared.post("/batch/forget").status_code == 302 and _listed(shared) == []
    assert _listed(ana) == [ana_batch]


def test_wrong_keys_are_rate_limited_and_right_keys_do_not_count(tmp_path):
    app = _app(tmp_path, RATELIMIT_ENABLED=True)
    key = _make_key(_browser(app))
    client = _browser(app)
    for _ in range(12):
        assert client.post("/batch/open", data={"key": key}).status_code == 302
    for _ in range(10):
        assert client.post("/batch/open", data={"key": "wrong"}).status_code == 403
    limited = client.post("/batch/open", data={"key": key})
    assert limited.status_code == 429 and TOO_MANY in limited.get_data(as_text=True)
    assert "Retry-After" in limited.headers


def test_an_older_database_gains_names_and_keys(tmp_path):
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        for script in MIGRATIONS[:3]:
            db.executescript(script)
        db.execute("PRAGMA user_version = 3")
        db.execute("INSERT INTO batches (id, created, expires, state, label, target, owner) VALUES "
                   "('b1', 1, 9e12, 'done', 'MRT', '{\"role\": \"medical-coder\"}', 'o1')")
    store = BatchStore(str(path))
    assert store.schema_version() == len(MIGRATIONS) == 4
    assert store.get("b1").title is None and [b.id for b in store.owned_by("o1")] == ["b1"]
    assert store.owner_key("nothere") is None


# Compare with an earlier term's file

def _result(index: int, name: str, text: str, program) -> BatchResult:
    report = check_resume(text.encode(), role=program.role, filename=name)
    record = report.to_record()
    return BatchResult(index, name, record, rubric=evaluate(program, record, document_lines(report.document)))


def _finished(app, owner: str, files: dict[str, str]) -> str:
    """A batch of ``files`` as the runner leaves it: done, with its results (no runner process)."""
    program = load_program(PROGRAM)
    store = BatchStore(app.config["JOBKIT_DATABASE"], clock=lambda: NOW)
    batch_id = store.create("Program", BatchTarget(role=program.role, program=PROGRAM), False, owner=owner,
                            title="Spring 2027", consented=True)
    store.set_upload(batch_id, "unused.zip")
    assert store.claim_next("test-runner", 60).id == batch_id
    store.start(batch_id, len(files), "test-runner")
    for index, (name, text) in enumerate(files.items()):
        store.add(batch_id, _result(index, name, text, program), "test-runner")
    store.finish(batch_id, holder="test-runner")
    return batch_id


def test_a_finished_batch_is_compared_with_an_earlier_terms_file_that_is_never_stored(tmp_path, monkeypatch):
    import werkzeug.formparser

    def no_disk(*args, **kwargs):
        raise AssertionError("the earlier file went to a temporary file")

    monkeypatch.setattr(werkzeug.formparser, "SpooledTemporaryFile", no_disk)
    app = _app(tmp_path)
    client = _browser(app)
    batch_id = _finished(app, _owner(client), {"jane.txt": JANE_AFTER, "john.txt": JOHN_AFTER, "new.txt": JANE_BEFORE})
    program = load_program(PROGRAM)
    earlier = "".join(json_line(_result(i, f"fall/{name}", text, program)) + "\n"
                      for i, (name, text) in enumerate((("Jane.TXT", JANE_BEFORE), ("john.txt", JOHN_BEFORE))))
    page = client.get(f"/batch/{batch_id}").get_data(as_text=True)
    assert 'id="earlier"' in page and f'action="/batch/progress/{batch_id}/earlier"' in page
    stored_before = sorted(p.name for p in tmp_path.rglob("*"))

    answer = client.post(f"/batch/progress/{batch_id}/earlier", content_type="multipart/form-data",
                         data={"earlier": (io.BytesIO(earlier.encode()), "fall-2026.jsonl")})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200 and "Compare with an earlier term" in page
    assert "Before: <strong>fall-2026.jsonl</strong>" in page and "After: <strong>Spring 2027</strong>" in page
    assert "2 matched by file name" in page and "Pass rate per criterion" in page and "Lists RHIT" in page
    assert re.search(r"Jane\.TXT</td>|jane\.txt</td>", page) and re.search(r"\(\+\d+\)", page)
    assert "new.txt" in page  # only in this batch
    assert sorted(p.name for p in tmp_path.rglob("*")) == stored_before
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("jobs.sqlite3*") if p.is_file())
    assert b"fall-2026.jsonl" not in raw


def test_an_earlier_file_that_is_no_results_file_is_refused_plainly(tmp_path):
    app = _app(tmp_path)
    client = _browser(app)
    batch_id = _finished(app, _owner(client), {"jane.txt": JANE_AFTER})
    url = f"/batch/progress/{batch_id}/earlier"
    cases = {b'{"file": "a.txt"}\n{not json\n': "fall.jsonl, line 2: not a jobkit batch result (JSONDecodeError).",
             b"\xff\xfe": "fall.jsonl: cannot be read as JSON lines (it is not UTF-8 text).",
             b"\n\n": "fall.jsonl: holds no results."}
    for data, message in cases.items():
        answer = client.post(url, content_type="multipart/form-data",
                             data={"earlier": (io.BytesIO(data), "fall.jsonl")})
        assert answer.status_code == 400 and message in answer.get_data(as_text=True)
        assert 'id="earlier-file"' in answer.get_data(as_text=True)  # the form again
    assert client.post(url, content_type="multipart/form-data", data={}).status_code == 400
    waiting = _queued(client).rsplit("/", 1)[-1]
    refused = client.post(f"/batch/progress/{waiting}/earlier", content_type="multipart/form-data",
                          data={"earlier": (io.BytesIO(b"{}"), "fall.jsonl")})
    assert refused.status_code == 404  # a batch not finished yet


def test_another_site_cannot_switch_a_browser_to_its_key(tmp_path):
    """Login CSRF: without this session's token, a posted key (or a new key) is refused and nothing changes."""
    key = _make_key(_browser(_app(tmp_path)))
    app = _app(tmp_path, WTF_CSRF_ENABLED=True)
    victim = _browser(app)
    before = _owner(victim)
    assert victim.post("/batch/open", data={"key": key}).status_code == 400
    assert victim.post("/batch/key").status_code == 400
    assert _owner(victim) == before
    with sqlite3.connect(tmp_path / "jobs.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM owner_keys").fetchone()[0] == 1


@pytest.mark.parametrize("csrf", [False, True])
def test_an_earlier_file_over_the_upload_limit_is_refused_on_the_comparison_page(tmp_path, csrf):
    app = _app(tmp_path, MAX_CONTENT_LENGTH=2048, WTF_CSRF_ENABLED=csrf)
    client = _browser(app)
    batch_id = _finished(app, _owner(client), {"jane.txt": JANE_AFTER})
    answer = client.post(f"/batch/progress/{batch_id}/earlier", content_type="multipart/form-data",
                         data={"earlier": (io.BytesIO(b"x" * 5000), "fall.jsonl")})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 413 and "larger than this server takes (2 KB)" in page
    assert "Compare with an earlier term" in page
