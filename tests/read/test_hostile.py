"""Hostile and broken inputs, through every way in: library, CLI, JSON API, batch.

Every input is built by tests/hostile.py or tests/builders.py during the run.
Each must end in a clear, typed error (or, where the file is odd but
readable, a bounded document) within the read's time limit; the web app
must answer the next request; memory must stay bounded. Every case a PDF
reader sees runs under both PDF engines (pdfminer, the default, and pdfium),
which must give the same typed error: the engine is chosen as users choose
it, by ``Limits`` in the library and by ``JOBKIT_PDF_ENGINE`` everywhere else.
"""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from jobkit import read_resume, workers
from jobkit.batch.runs import BatchTarget, run_batch
from jobkit.cli.commands import cli
from jobkit.config import Limits
from jobkit.errors import (
    CorruptDocument,
    EmptyDocument,
    JobkitError,
    TooManyPages,
    UnsafeDocument,
    UnsupportedFormat,
)
from tests import builders, hostile
from tests.read.conftest import ENGINE_PARAMS, ENGINES, engine_param

ROOT = Path(__file__).resolve().parents[2]
# A read that overran would raise ReadTimeout, which no case below expects.
LIMITS = Limits(time_budget=15)
READABLE = None  # the case reads as a (bounded) document

BILLION_LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
                  b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
                  b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                  b"<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>")


def _truncated(data: bytes, fraction: float) -> bytes:
    return data[: int(len(data) * fraction)]


# (id, builder, file name, expected error class or READABLE)
CASES = [
    ("docx-zip-bomb", lambda: builders.docx_zip_bomb(200), "bomb.docx", UnsafeDocument),
    ("docx-billion-laughs", lambda: builders.rewrite_part(builders.plain_docx(), "word/document.xml", BILLION_LAUGHS),
     "laughs.docx", UnsafeDocument),
    ("docx-external-entity", lambda: hostile.docx_with_entity_part("word/document.xml"), "xxe.docx", UnsafeDocument),
    ("docx-external-entity-utf16", lambda: hostile.docx_with_entity_part("word/document.xml", "utf-16"),
     "xxe16.docx", UnsafeDocument),
    ("docx-external-entity-in-styles", lambda: hostile.docx_with_entity_part("word/styles.xml"), "xxe-styles.docx",
     UnsafeDocument),
    ("docx-100000-paragraphs", hostile.docx_many_paragraphs, "long.docx", TooManyPages),
    ("pdf-10000-pages", hostile.pdf_many_pages, "pages.pdf", TooManyPages),
    ("pdf-self-calling-xobject", hostile.pdf_self_calling_xobject, "loop.pdf", READABLE),
    ("pdf-self-calling-xobject-twice", lambda: hostile.pdf_self_calling_xobject(2), "loop2.pdf", UnsafeDocument),
    ("pdf-form-fanout", hostile.pdf_form_fanout, "fan.pdf", UnsafeDocument),
    ("pdf-form-fanout-encrypted", hostile.pdf_form_fanout_encrypted, "fan-locked.pdf", UnsafeDocument),
    ("pdf-page-tree-cycle", hostile.pdf_page_tree_cycle, "cycle.pdf", READABLE),
    ("pdf-deep-page-tree", hostile.pdf_deep_page_tree, "tree.pdf", CorruptDocument),
    ("pdf-deeply-nested-arrays", hostile.pdf_deep_nesting, "nested.pdf", UnsafeDocument),
    ("pdf-graphics-state-flood", lambda: hostile.pdf_state_flood(200_000), "states.pdf", READABLE),
    ("pdf-flate-bomb", hostile.pdf_flate_bomb, "flate.pdf", UnsafeDocument),
    ("pdf-runlength-bomb", hostile.pdf_runlength_bomb, "runs.pdf", UnsafeDocument),
    ("pdf-runlength-only-bomb", hostile.pdf_runlength_only_bomb, "runs-only.pdf", UnsafeDocument),
    ("pdf-glyph-flood", hostile.pdf_glyph_flood, "glyphs.pdf", UnsafeDocument),
    ("zero-bytes.pdf", lambda: b"", "empty.pdf", EmptyDocument),
    ("zero-bytes.docx", lambda: b"", "empty.docx", EmptyDocument),
    ("zero-bytes.txt", lambda: b"", "empty.txt", EmptyDocument),
    ("random-bytes.pdf", hostile.random_bytes, "random.pdf", UnsupportedFormat),
    ("random-bytes.docx", hostile.random_bytes, "random.docx", UnsupportedFormat),
    ("random-bytes.txt", hostile.random_bytes, "random.txt", UnsupportedFormat),
    ("pdf-named-docx", builders.single_column_pdf, "resume.docx", READABLE),
    ("docx-named-pdf", builders.plain_docx, "resume.pdf", READABLE),
    ("text-named-pdf", lambda: "JANE DOE\nMedical records technician\n".encode(), "resume.pdf", READABLE),
    ("png-named-pdf", lambda: b"\x89PNG\r\n\x1a\n" + hostile.random_bytes(500), "photo.pdf", UnsupportedFormat),
    ("pdf-cut-at-30-percent", lambda: _truncated(builders.single_column_pdf(pages=2), 0.3), "cut.pdf", CorruptDocument),
    ("docx-cut-in-half", lambda: _truncated(builders.plain_docx(), 0.5), "cut.docx", CorruptDocument),
    ("docx-cut-at-90-percent", lambda: _truncated(builders.plain_docx(), 0.9), "cut.docx", CorruptDocument),
    ("docx-needing-zip-version-20.5", hostile.docx_needing_a_future_zip_version, "future.docx", CorruptDocument),
]
IDS = [case[0] for case in CASES]
# What the message must say, so a user knows what is wrong with the file.
SAYS = {"docx-zip-bomb": "zip bomb", "docx-billion-laughs": "DTD", "docx-external-entity": "DTD",
        "docx-external-entity-utf16": "DTD", "docx-100000-paragraphs": "paragraphs", "pdf-10000-pages": "10000 pages",
        "pdf-deeply-nested-arrays": "nests", "pdf-flate-bomb": "inflate", "pdf-runlength-bomb": "inflate",
        "pdf-runlength-only-bomb": "inflate",
        "pdf-glyph-flood": "characters", "pdf-form-fanout": "form XObjects",
        "pdf-form-fanout-encrypted": "form XObjects", "pdf-self-calling-xobject-twice": "form XObjects",
        "zero-bytes.pdf": "empty", "random-bytes.docx": "cannot tell",
        "png-named-pdf": "PNG image", "docx-cut-in-half": "damaged"}

def _reads_pdf(case_id: str, name: str) -> bool:
    """A case a PDF reader sees (a PDF, or a file named .pdf): those run under each engine."""
    return case_id.startswith("pdf") or name.endswith(".pdf")


# (engine, case id): every case under pdfminer, and the PDF cases under pdfium as well.
ENGINE_CASES = [pytest.param(engine, case_id, id=f"{engine}-{case_id}", marks=engine_param(engine).marks)
                for case_id, _, name, _ in CASES
                for engine in (ENGINES if _reads_pdf(case_id, name) else ENGINES[:1])]


@pytest.fixture(scope="module")
def client():
    from jobkit.web import create_app

    return create_app({"SECRET_KEY": "test", "TESTING": True, "WTF_CSRF_ENABLED": False,
                       "JOBKIT_ISOLATE": False}).test_client()


@pytest.fixture(scope="module")
def inputs() -> dict[str, tuple[bytes, str, type[JobkitError] | None]]:
    return {case_id: (build(), name, expected) for case_id, build, name, expected in CASES}


@pytest.mark.parametrize(("engine", "case_id"), ENGINE_CASES)
def test_library_gives_a_typed_error_or_a_bounded_document(inputs, engine, case_id):
    data, name, expected = inputs[case_id]
    limits = replace(LIMITS, pdf_engine=engine)
    if expected is READABLE:
        document = read_resume(data, name, limits=limits)
        assert 1 <= document.pages <= limits.max_pages and document.words < 100_000
        return
    with pytest.raises(expected) as caught:
        read_resume(data, name, limits=limits)
    error = caught.value
    assert error.code and len(error.message) > 20 and "Traceback" not in error.message
    assert SAYS.get(case_id, "") in error.message
    assert error.to_dict()["code"] == error.code


def test_no_outside_file_content_reaches_any_output(inputs, runner, tmp_path, client):
    secret = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").is_file() else "no-hostname-file"
    for case_id in ("docx-external-entity", "docx-external-entity-utf16", "docx-external-entity-in-styles"):
        data, name, _ = inputs[case_id]
        path = tmp_path / name
        path.write_bytes(data)
        printed = runner.invoke(cli, ["check", str(path), "--json"]).output
        api = client.post("/api/v1/check", data={"resume": (io.BytesIO(data), name)},
                          content_type="multipart/form-data").get_data(as_text=True)
        assert "unsafe_document" in printed and "unsafe_document" in api
        assert secret not in printed and secret not in api


@pytest.mark.parametrize(("engine", "case_id"), ENGINE_CASES)
def test_the_api_answers_with_a_json_error_and_then_serves_the_next_request(inputs, client, engine_env, engine,
                                                                            case_id):
    engine_env(engine)
    data, name, expected = inputs[case_id]
    response = client.post("/api/v1/check", data={"resume": (io.BytesIO(data), name)},
                           content_type="multipart/form-data")
    if expected is READABLE:
        assert response.status_code == 200 and 0 <= response.get_json()["score"] <= 100
    else:
        assert 400 <= response.status_code < 500
        assert response.get_json()["error"]["code"] == expected.code
    follow_up = client.post("/api/v1/check", data={"resume": (io.BytesIO(builders.plain_docx()), "ok.docx")},
                            content_type="multipart/form-data")
    assert follow_up.status_code == 200


@pytest.mark.parametrize("engine", ENGINE_PARAMS)
def test_the_cli_exits_1_with_the_error_for_each_bad_file(inputs, runner, tmp_path, engine_env, engine):
    engine_env(engine)
    for case_id, (data, name, expected) in inputs.items():
        if expected is READABLE or (engine != ENGINES[0] and not _reads_pdf(case_id, name)):
            continue
        path = tmp_path / f"{case_id}-{name}"
        path.write_bytes(data)
        result = runner.invoke(cli, ["check", str(path)])
        assert result.exit_code == 1, case_id
        assert f"{path}: error: " in result.output and "[" + expected.code not in result.output, case_id  # plain words
        as_json = runner.invoke(cli, ["read", "--json", str(path)])
        assert json.loads(as_json.output)["error"]["code"] == expected.code, case_id


@pytest.mark.parametrize("engine", ENGINE_PARAMS)
def test_a_batch_reports_every_bad_file_and_scores_the_good_one(inputs, tmp_path, monkeypatch, engine_env, engine):
    engine_env(engine)
    # Batch workers come from a forkserver, which keeps the environment of its first use in this
    # session: spawned workers start from the environment as it is now, engine included.
    monkeypatch.setattr(workers, "_context", lambda: multiprocessing.get_context("spawn"))
    folder = tmp_path / "class"
    folder.mkdir()
    for case_id, (data, name, _) in inputs.items():
        (folder / f"{case_id}-{name}").write_bytes(data)
    (folder / "good.docx").write_bytes(builders.plain_docx())
    results = {Path(r.file).name: r for r in run_batch([folder], BatchTarget(role="medical-records-technician"),
                                                       workers=2)}
    assert results["good.docx"].ok and results["good.docx"].report.score > 0
    for case_id, (_, name, expected) in inputs.items():
        result = results[f"{case_id}-{name}"]
        if expected is READABLE:
            assert result.ok, case_id
        else:
            assert not result.ok and result.error.code == expected.code, case_id


def test_a_50_mb_upload_is_refused_and_the_app_still_answers(client):
    big = hostile.big_upload(50)
    api = client.post("/api/v1/check", data={"resume": (io.BytesIO(big), "big.pdf"), "role": "medical-coder"},
                      content_type="multipart/form-data")
    assert api.status_code == 413 and api.get_json()["error"]["code"] == "file_too_large"
    page = client.post("/check", data={"resume": (io.BytesIO(big), "big.pdf")}, content_type="multipart/form-data")
    assert page.status_code == 413 and "larger than the" in page.get_data(as_text=True)  # shown on the form, inline
    assert client.get("/api/v1/health").status_code == 200
    assert client.get("/").status_code == 200


def test_zip_entries_that_climb_out_or_are_absolute_are_refused(tmp_path):
    archive = tmp_path / "class.zip"
    archive.write_bytes(hostile.zip_with_names(["ok.txt", "../up.txt", "/abs.txt", "..\\win.txt", "C:/drive.txt",
                                                "deep/../../up2.txt"]))
    results = {r.file.split("class.zip/", 1)[1]: r for r in run_batch([archive], BatchTarget(role="medical-coder"),
                                                                       workers=1)}
    assert results["ok.txt"].ok
    for name in ("../up.txt", "/abs.txt", "..\\win.txt", "C:/drive.txt", "deep/../../up2.txt"):
        assert results[name].error.code == "unsafe_document", name
    assert not (tmp_path / "up.txt").exists() and not (tmp_path.parent / "up.txt").exists()


MEMORY_PROBE = """
import json, sys
sys.path.insert(0, {root!r})
from jobkit import read_resume
from jobkit.errors import JobkitError
from tests.read.test_hostile import CASES

def peak_mb():  # VmHWM: this process's own high-water mark (ru_maxrss carries the parent's over fork)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024

before = peak_mb()
for case_id, build, name, expected in CASES:
    try:
        read_resume(build(), name)
    except JobkitError:
        pass
print(json.dumps({{"before_mb": before, "after_mb": peak_mb()}}))
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the peak from /proc (Linux)")
@pytest.mark.parametrize("engine", ENGINE_PARAMS)
def test_memory_stays_bounded_across_every_hostile_input(engine):
    """Peak resident memory of a fresh process that reads every case above."""
    env = {**os.environ, "JOBKIT_PDF_ENGINE": engine}
    done = subprocess.run([sys.executable, "-c", MEMORY_PROBE.format(root=str(ROOT))], capture_output=True, text=True,
                          cwd=ROOT, check=True, env=env)
    peak = json.loads(done.stdout.strip().splitlines()[-1])
    # The inputs themselves (a 200 MB zip bomb is built in memory, then freed) dominate; the reads add little.
    assert peak["after_mb"] < 300, peak


@pytest.mark.parametrize("engine", ENGINE_PARAMS)
def test_pdf_limits_are_configurable(engine):
    data = builders.single_column_pdf()
    assert read_resume(data, "g.pdf", limits=Limits(pdf_engine=engine)).words > 50
    with pytest.raises(UnsafeDocument, match="characters"):
        read_resume(data, "g.pdf", limits=Limits(max_glyphs=100, pdf_engine=engine))
    with pytest.raises(UnsafeDocument, match="inflate"):
        read_resume(data, "s.pdf", limits=Limits(max_pdf_stream_bytes=10, pdf_engine=engine))
