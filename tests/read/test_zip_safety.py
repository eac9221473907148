"""Zip members that lie about their size, archive budgets and duplicate member names.

zipfile's ``read()`` inflates up to 1 GB before it cuts a member at its
declared size, so a DOCX part or batch member that declares 3 KB but
inflates to 1 GB once took the reader past 2 GB. Every zip read now goes
through bounded chunks (jobkit/zip_members.py). The hostile zips are built
by hand in tests/hostile.py from a compressed megabyte repeated, so no test
ever holds what they inflate to.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from jobkit import read_resume
from jobkit.batch.runs import BatchTarget, run_batch
from jobkit.batch.inputs import ZipLimits, collect, zip_items
from jobkit.batch.cohort import Cohort
from jobkit.config import MB
from jobkit.errors import TooManyPages, UnsafeDocument
from tests import builders, hostile

ROOT = Path(__file__).resolve().parents[2]
MRT = BatchTarget(role="medical-records-technician")
LIMIT_MB = 300

# Runs in a fresh interpreter and prints its own peak. VmHWM, not ru_maxrss:
# on Linux a child's ru_maxrss starts from the parent's peak (see test_hostile.py).
PROBE = """
import json, sys
sys.path.insert(0, {root!r})
{body}
status = [line for line in open("/proc/self/status") if line.startswith("VmHWM:")]
print(json.dumps({{"peak_mb": int(status[0].split()[1]) / 1024, "outcome": outcome}}))
"""
READ_BODY = """
from jobkit import read_resume
from jobkit.errors import JobkitError
try:
    read_resume(open({path!r}, "rb").read(), "liar.docx")
    outcome = "read"
except JobkitError as exc:
    outcome = exc.code
"""
BATCH_BODY = """
from jobkit.cli.commands import cli
cli(["batch", {path!r}, "--role", "medical-records-technician", "--workers", "1", "--jsonl", {out!r}],
    standalone_mode=False)
outcome = "done"
"""
needs_proc = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the peak from /proc (Linux)")


def _probe(body: str) -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE.format(root=str(ROOT), body=body)], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def lying_docx() -> bytes:
    return hostile.docx_with_lying_part(1024)


@pytest.fixture(scope="module")
def lying_batch(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("zips") / "class.zip"
    path.write_bytes(hostile.zip_with_lying_members(1024))
    return path


# (a) a DOCX part that declares 3 KB (with the CRC of those 3 KB) and inflates to 1 GB

def test_a_docx_part_that_inflates_past_its_declared_size_is_refused(lying_docx):
    started = time.process_time()
    with pytest.raises(UnsafeDocument, match="inflates to more than the [0-9,]+ bytes its directory") as caught:
        read_resume(lying_docx, "liar.docx")
    assert "zip bomb" in caught.value.message and caught.value.code == "unsafe_document"
    assert time.process_time() - started < 5


@needs_proc
@pytest.mark.slow
def test_reading_the_lying_docx_stays_under_300_mb(lying_docx, tmp_path):
    path = tmp_path / "liar.docx"
    path.write_bytes(lying_docx)
    peak = _probe(READ_BODY.format(path=str(path)))
    assert peak["outcome"] == "unsafe_document" and peak["peak_mb"] < LIMIT_MB, peak


# (b) the same lie as a batch member, next to a DOCX whose part lies and a good DOCX

def test_a_lying_batch_member_is_an_error_row_and_the_good_one_is_checked(lying_batch):
    rows = {r.file: r for r in run_batch([lying_batch], MRT, workers=1)}
    assert set(rows) == {"class.zip/liar.txt", "class.zip/liar.docx", "class.zip/good.docx"}
    assert rows["class.zip/liar.txt"].error.code == "unsafe_document"
    assert "declares" in rows["class.zip/liar.txt"].error.message
    assert rows["class.zip/liar.docx"].error.code == "unsafe_document"
    assert rows["class.zip/good.docx"].ok and rows["class.zip/good.docx"].report.score > 0


@needs_proc
@pytest.mark.slow
def test_jobkit_batch_on_lying_members_stays_under_300_mb(lying_batch, tmp_path):
    out = tmp_path / "rows.jsonl"
    peak = _probe(BATCH_BODY.format(path=str(lying_batch), out=str(out)))
    assert peak["peak_mb"] < LIMIT_MB, peak
    codes = {row["file"]: (row.get("error") or {}).get("code") for row in map(json.loads, out.read_text().splitlines())}
    assert codes == {"class.zip/liar.txt": "unsafe_document", "class.zip/liar.docx": "unsafe_document",
                     "class.zip/good.docx": None}


# (c) 4,500 honest members of 900 KB zeros: a 4.5 MB zip that inflates to 3.9 GB in all. (5,000 would
# already have passed the old 4,096 MB declared total; 4,500 stayed under it and were all inflated.)

@pytest.fixture(scope="module")
def many_small(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("zips") / "many.zip"
    path.write_bytes(hostile.zip_of_many_small_members(4500, 900 * 1024))
    return path


@pytest.mark.slow
def test_many_small_members_are_refused_by_the_archive_budget(many_small):
    started = time.process_time()
    items = list(collect([many_small]))
    assert len(items) == 1 and items[0].error.code == "unsafe_document", items[:3]
    assert "zip bomb" in items[0].error.message and "2048 MB" in items[0].error.message
    rows = list(run_batch([many_small], MRT, workers=1))
    assert [r.error.code for r in rows] == ["unsafe_document"]
    assert time.process_time() - started < 10


def test_small_members_are_ratio_checked_too(many_small):
    """With a budget big enough for the archive, each 900 KB member compressed 1,000 times is refused unread."""
    started = time.process_time()
    items = list(collect([many_small], ZipLimits(max_total_bytes=8192 * MB)))
    assert len(items) == 4500 and all(i.error is not None and "suspiciously" in i.error.message for i in items)
    assert time.process_time() - started < 5
    zeros = builders.rewrite_part(builders.plain_docx(), "docProps/thumbnail.jpeg", b"\0" * (900 * 1024))
    with pytest.raises(UnsafeDocument, match="inflates [0-9]+ times"):
        read_resume(zeros, "blank.docx")


def test_the_archive_budget_counts_bytes_actually_inflated(tmp_path):
    """The running total stops a pass over an archive however its members' declared sizes add up."""
    from jobkit.read.zip_members import InflateBudget, read_member

    text = b"Release of information, chart audits, HIPAA. " * 1300  # 60 KB: below the ratio floor
    path = tmp_path / "many.zip"
    path.write_bytes(hostile.raw_zip([hostile.honest_member(f"r{n}.txt", text) for n in range(30)]))
    budget = InflateBudget(member_bytes=MB, total_bytes=MB)
    read = 0
    with zipfile.ZipFile(path) as archive, pytest.raises(UnsafeDocument, match="past its budget of 1 MB in all"):
        for info in archive.infolist():
            read_member(archive, info, budget=budget, name=info.filename)
            read += 1
    assert read == MB // len(text) and budget.spent <= MB + 64 * 1024


def test_bzip2_members_are_refused_before_they_are_inflated(tmp_path):
    """bzip2 packs 100 MB into ~100 bytes and zipfile inflates a whole read of it at once: no chunk bounds it."""
    path = tmp_path / "bz.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_BZIP2) as archive:
        archive.writestr("jane.txt", "JANE DOE, RHIT\nMedical records technician.\n")
        archive.writestr("resume.docx", builders.plain_docx())
    rows = {r.file: r for r in run_batch([path], MRT, workers=1)}
    assert {r.error.code for r in rows.values()} == {"unsafe_document"}
    assert "bzip2" in rows["bz.zip/jane.txt"].error.message
    source = zipfile.ZipFile(io.BytesIO(builders.plain_docx()))
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_BZIP2) as archive:
        for info in source.infolist():
            archive.writestr(info.filename, source.read(info))
    with pytest.raises(UnsafeDocument, match="bzip2"):
        read_resume(docx.getvalue(), "bz.docx")


# (d) two members named resume.txt with different content

def test_duplicate_member_names_are_all_checked_and_counted(tmp_path):
    strong = ("JANE DOE, RHIT\njane@example.com | (512) 555-0147\n\nEXPERIENCE\nMedical Records Technician, 2021 - "
              "Present\nRelease of information, HIPAA, ICD-10-CM coding, chart audits, Epic EHR.\n").encode()
    weak = b"JOHN ROE\nI like computers.\n"
    path = tmp_path / "class.zip"
    path.write_bytes(hostile.zip_with_duplicate_names("resume.txt", [strong, weak]))
    rows = sorted(run_batch([path], MRT, workers=1), key=lambda r: r.index)
    assert [r.file for r in rows] == ["class.zip/resume.txt", "class.zip/resume.txt (duplicate 2)"]
    assert all(r.ok for r in rows)
    assert rows[0].report.score > rows[1].report.score
    assert rows[0].report.file == rows[1].report.file == "resume.txt"
    cohort = Cohort()
    for row in rows:
        cohort.add(row)
    assert cohort.total == 2 and len(cohort.scores) == 2 and len({r.file for r in cohort.rows}) == 2


# (e) an honest but huge XML part: lxml would need about 20 bytes of memory per byte of XML

def _honest_big_docx(megabytes: int) -> bytes:
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    para = "<w:p><w:r><w:t>" + "Coded inpatient charts with ICD-10-CM and CPT " * 16 + "</w:t></w:r></w:p>"
    body = para * (megabytes * 1024 * 1024 // len(para))
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document {ns}><w:body>{body}</w:body></w:document>'
    return builders.rewrite_part(builders.plain_docx(), "word/document.xml", xml.encode())


@needs_proc
@pytest.mark.slow
def test_an_honest_huge_xml_part_is_refused_before_parsing_and_stays_under_300_mb(tmp_path):
    path = tmp_path / "huge.docx"
    path.write_bytes(_honest_big_docx(16))
    with pytest.raises(TooManyPages, match="MB of text markup"):
        read_resume(path.read_bytes(), "huge.docx")
    peak = _probe(READ_BODY.format(path=str(path)))
    assert peak["outcome"] == "too_many_pages" and peak["peak_mb"] < LIMIT_MB, peak


# (f) a directory that lists tens of thousands of entries: refused from the end record, before zipfile parses it

def test_a_directory_of_too_many_entries_is_refused_before_zipfile_reads_it(tmp_path, monkeypatch):
    path = tmp_path / "listing.zip"
    path.write_bytes(hostile.zip_with_many_directory_entries(30_000))
    parsed = []
    monkeypatch.setattr(zipfile.ZipFile, "_RealGetContents", lambda self: parsed.append(1))
    [item] = list(zip_items(path))
    assert item.error is not None and "lists 30,000 entries" in item.error.message and not parsed
