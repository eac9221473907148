"""Batch checks: inputs, isolation of bad files, outputs, executors (including Dask)."""

import csv
import io
import json
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pytest

from jobkit.batch.runs import BatchTarget, run_batch
from jobkit.batch.inputs import ZipLimits, collect
from jobkit.batch.outputs import BatchWriter
from jobkit.cli.commands import cli
from jobkit.output.batch_rows import json_line
from jobkit.output.csv_format import csv_fields
from jobkit.output.html_format import render_cohort_html
from tests import builders
from tests.conftest import corpus_path
from tests.batch.conftest import MRT_TARGET

MRT = MRT_TARGET


@pytest.fixture
def folder(tmp_path):
    base = tmp_path / "class-of-2027"
    (base / "nested").mkdir(parents=True)
    (base / "jane.docx").write_bytes(builders.plain_docx())
    (base / "nested" / "john.pdf").write_bytes(builders.single_column_pdf())
    (base / "corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<\ntruncated")
    (base / "scan.pdf").write_bytes(builders.image_only_pdf())
    (base / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (base / ".DS_Store").write_bytes(b"junk")
    (base / "notes.xlsx").write_bytes(b"ignored: not a resume suffix")
    return base


@pytest.fixture
def archive(tmp_path):
    path = tmp_path / "upload.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("resumes/jane.docx", builders.plain_docx())
        z.writestr("resumes/jane.txt", "JANE DOE, RHIT\njane@example.com | (512) 555-0147\n\nEXPERIENCE\nRelease of information.\n")
        z.writestr("../escape.pdf", builders.single_column_pdf())
        z.writestr("/etc/absolute.txt", "x")
        z.writestr("__MACOSX/resumes/._jane.docx", "junk")
        z.writestr("resumes/.hidden.txt", "junk")
    return path


def _by_name(results):
    return {r.file.rsplit("/", 1)[-1]: r for r in results}


def test_folder_recursive_with_mixed_good_and_bad_files(folder):
    results = _by_name(run_batch([folder], MRT, ThreadPoolExecutor(2)))
    assert set(results) == {"jane.docx", "john.pdf", "corrupt.pdf", "scan.pdf", "old.doc"}
    assert results["jane.docx"].ok and results["john.pdf"].ok
    assert results["corrupt.pdf"].error.code == "corrupt_document"
    assert results["old.doc"].error.code == "unsupported_format"
    scan = results["scan.pdf"].report
    assert scan and "image_only" in {f.code for f in scan.findings}


def test_zip_entries_are_read_safely(archive):
    results = {r.file: r for r in run_batch([archive], MRT, ThreadPoolExecutor(2))}
    assert set(results) == {"upload.zip/resumes/jane.docx", "upload.zip/resumes/jane.txt", "upload.zip/../escape.pdf",
                            "upload.zip//etc/absolute.txt"}
    assert results["upload.zip/../escape.pdf"].error.code == "unsafe_document"
    assert "path traversal" in results["upload.zip//etc/absolute.txt"].error.message
    assert results["upload.zip/resumes/jane.docx"].ok


def test_zip_bombs_and_limits(tmp_path):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("big.txt", b"0" * (3 * 1024 * 1024))
    items = list(collect([bomb], ZipLimits(max_total_bytes=1024 * 1024)))
    assert len(items) == 1 and items[0].error.code == "unsafe_document" and "zip bomb" in items[0].error.message
    items = list(collect([bomb], ZipLimits(max_member_bytes=1024 * 1024)))
    assert items[0].error.code == "file_too_large"
    items = list(collect([bomb], ZipLimits(max_ratio=10)))
    assert "compressed suspiciously" in items[0].error.message
    many = tmp_path / "many.zip"
    with zipfile.ZipFile(many, "w") as z:
        for i in range(30):
            z.writestr(f"r{i}.txt", "x")
    assert "entries" in next(iter(collect([many], ZipLimits(max_members=10)))).error.message


def test_missing_input_is_an_error_row(tmp_path):
    results = list(run_batch([tmp_path / "nope"], MRT, ThreadPoolExecutor(1)))
    assert results[0].error.code == "not_found"


def test_contact_details_stay_out_unless_asked(archive):
    plain = {r.file: r for r in run_batch([archive], MRT, ThreadPoolExecutor(1))}["upload.zip/resumes/jane.txt"]
    text = json.dumps(plain.report.to_dict())
    assert plain.report.contact is None and "contact" not in plain.report.to_dict() and "jane@example.com" not in text and "JANE DOE" not in text
    assert "[contact removed]" in text  # the name line quoted as credential evidence is redacted
    kept = {r.file: r for r in run_batch([archive], MRT, ThreadPoolExecutor(1), include_contact=True)}["upload.zip/resumes/jane.txt"]
    assert kept.report.contact.email == "jane@example.com"


def test_csv_jsonl_and_html_outputs(folder):
    results = sorted(run_batch([folder], MRT, ThreadPoolExecutor(2)), key=lambda r: r.file)
    buffer = io.StringIO()
    writer = BatchWriter(csv=buffer)
    for result in results:
        writer.add(result)
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert list(rows[0]) == csv_fields() and "email" not in rows[0]
    by_file = {r["file"].rsplit("/", 1)[-1]: r for r in rows}
    assert by_file["old.doc"]["error_code"] == "unsupported_format" and by_file["old.doc"]["score"] == ""
    jane = by_file["jane.docx"]
    assert int(jane["score"]) >= 0 and jane["pages"] == "1" and "score_knowledge" in jane and jane["credentials_held"] == "RHIT"
    line = json.loads(json_line(results[0]))
    assert line["file"] == results[0].file and ("report" in line or "error" in line)
    summary = writer.summary()
    # the scan has no text: an ATS sees a blank page, so it is not a checked resume with a low score
    assert (summary.total, summary.errors, summary.checked) == (5, 3, 2)
    assert sum(b.count for b in summary.histogram) == 2
    assert summary.error_codes["image_only"] == 1
    assert by_file["scan.pdf"]["error_code"] == "image_only" and by_file["scan.pdf"]["score"] == ""
    assert summary.credentials_held == {"RHIT": 2}  # jane.docx and john.pdf share the template
    page = render_cohort_html(summary, "Medical Records Technician")
    for text in ("Score distribution", "Terms most often missing", "Formatting problems", "Credential coverage", "jane.docx"):
        assert text in page
    # the same words as the page and the CLI for a scan, never the code
    assert "1 could not be read as text" in " ".join(page.split()) and "image_only" not in page.split("could not be read")[0][-200:]


def test_results_come_as_they_finish_with_bounded_memory(tmp_path):
    paths = []
    for i in range(40):
        path = tmp_path / f"r{i}.txt"
        path.write_text(f"JANE {i}\n\nEXPERIENCE\nMaintained electronic health records.\n", encoding="utf-8")
        paths.append(path)
    results = list(run_batch(paths, MRT, ThreadPoolExecutor(2)))
    assert sorted(r.index for r in results) == list(range(40))


def test_a_posting_target(folder):
    target = BatchTarget(job="Medical Records Technician\nRequirements: RHIT required; HIPAA; release of information.\n")
    jane = _by_name(run_batch([folder], target, ThreadPoolExecutor(1)))["jane.docx"]
    assert jane.report.job is not None and jane.report.job.credentials == ("RHIT",)


def test_default_process_pool(folder):
    results = list(run_batch([folder], MRT, workers=2))
    assert len(results) == 5 and sum(r.ok for r in results) == 3


def test_dask_local_cluster(folder):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            results = _by_name(run_batch([folder], MRT, client.get_executor()))
    assert results["jane.docx"].ok and results["old.doc"].error.code == "unsupported_format"


def test_batch_command(runner, folder, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(cli, ["batch", str(folder), "--role", "medical-records-technician", "--csv", f"{out}.csv",
                                 "--jsonl", f"{out}.jsonl", "--html", f"{out}.html", "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert "Checked 2 of 5 files" in result.output and "Could not be checked:" in result.output and "_document" not in result.output.split("Could not be checked:")[1].splitlines()[0]
    assert len((tmp_path / "out.csv").read_text().splitlines()) == 6
    assert len((tmp_path / "out.jsonl").read_text().splitlines()) == 5
    assert "Cohort report" in (tmp_path / "out.html").read_text()


def test_batch_command_usage_errors(runner, folder):
    assert runner.invoke(cli, ["batch", str(folder), "--role", "medical-coder", "--job", "Coder"]).exit_code == 2
    assert runner.invoke(cli, ["batch", str(folder), "--role", "astronaut"]).exit_code == 2
    assert runner.invoke(cli, ["batch", "/no/such/folder", "--role", "medical-coder"]).exit_code == 2


def test_batch_over_the_real_corpus(tmp_path):
    resumes = corpus_path("resumes")
    results = list(run_batch([resumes], MRT, workers=2))
    assert len(results) == 38
    assert sum(1 for r in results if not r.ok) == 2  # the two legacy .doc files


def test_the_pdf_engine_reaches_every_batch_worker(tmp_path, monkeypatch):
    """--pdf-engine travels with each task: a pool's workers may have started before the flag was read."""
    from click.testing import CliRunner

    monkeypatch.delenv("JOBKIT_PDF_ENGINE", raising=False)
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(corpus_path("resumes", "pdf_livecareer_medical_record_technician.pdf").read_bytes())
    readers = {}
    for engine in ("pdfminer", "pdfium", "pdfminer"):
        out = tmp_path / f"{engine}.jsonl"
        result = CliRunner().invoke(cli, ["batch", str(folder), "--workers", "1", "--pdf-engine", engine,
                                          "--jsonl", str(out)])
        assert result.exit_code == 0, result.output
        readers[engine] = json.loads(out.read_text().splitlines()[0])["report"]["reader"]
    assert readers["pdfminer"].startswith("pdfminer.six ") and readers["pdfium"].startswith("pypdfium2 ")
