"""Form XObject fan-out: counted from the file before either engine draws a page, and refused past the limits.

The counts are checked exactly (draws, drawing operators) and so is the work
the count takes (``steps``: objects indexed plus forms expanded), never a
time. Files that hide their forms from a byte scanner (comments, escaped
names, a fake ``endstream``, object streams, encryption, a number defined
twice) must count the same as the plain file.
"""

from __future__ import annotations

import zlib
from dataclasses import replace

import pytest

import jobkit
from jobkit.cli.commands import cli
from jobkit.config import Limits
from jobkit.errors import UnsafeDocument
from jobkit.read.pdf import pdf_forms
from jobkit.read.pdf.pdf_budget import Budget
from jobkit.read.pdf.pdf_forms import FORM_LEVELS, check_forms
from jobkit.read.pdf.pdf_objects import PdfObjects
from tests import hostile
from tests.conftest import corpus_files
from tests.read.conftest import ENGINE_PARAMS

ENGINES = ENGINE_PARAMS
UNLIMITED = Limits(max_form_draws=10**60, max_form_operators=10**60)
FAN = 40_201  # the default fan-out: 1 + 200 + 200 * 200 form draws
FAN_OPERATORS = 200 + 200 * 200 + 200 * 200 * 200  # the Do operators of two levels, the leaves' fills
PDFS = corpus_files("resumes", ".pdf") + corpus_files("offlinecv", ".pdf") + corpus_files("robustness", ".pdf")


def test_the_fan_out_is_counted_exactly_with_work_linear_in_the_file():
    for levels in (3, 6, 12):
        found = check_forms(hostile.pdf_form_fanout(levels=levels), UNLIMITED)
        assert found.draws == sum(200**k for k in range(levels))
        assert found.depth == levels
        # 5 objects besides the forms, each form indexed once, one step per form expanded (each once)
        assert found.steps == 5 + 2 * levels
    found = check_forms(hostile.pdf_form_fanout(), UNLIMITED)
    assert (found.draws, found.operators) == (FAN, FAN_OPERATORS)


@pytest.mark.parametrize("engine", ENGINES)
def test_the_fan_out_pdf_is_refused_through_the_library_on_both_engines(engine):
    limits = Limits(pdf_engine=engine)
    for call in (lambda: jobkit.read_resume(hostile.pdf_form_fanout(), "fan.pdf", limits=limits),
                 lambda: jobkit.check_resume(hostile.pdf_form_fanout(), filename="fan.pdf", limits=limits)):
        with pytest.raises(UnsafeDocument) as caught:
            call()
        assert caught.value.code == "unsafe_document"
        assert caught.value.message == (
            "This PDF repeats its reusable drawings (form XObjects) inside one another more than 10,000 times; "
            "a resume needs a few, so the file looks built to exhaust memory.")


@pytest.mark.parametrize("engine", ENGINES)
def test_the_cli_refuses_the_fan_out_pdf_with_exit_1(runner, tmp_path, monkeypatch, engine):
    monkeypatch.delenv("JOBKIT_PDF_ENGINE", raising=False)
    path = tmp_path / "fan.pdf"
    path.write_bytes(hostile.pdf_form_fanout())
    for command in (["check", str(path), "--pdf-engine", engine], ["read", str(path)]):
        monkeypatch.setenv("JOBKIT_PDF_ENGINE", engine)
        result = runner.invoke(cli, command)
        assert result.exit_code == 1
        assert result.output == (f"{path}: error: This PDF repeats its reusable drawings (form "
                                 "XObjects) inside one another more than 10,000 times; a resume needs a few, so "
                                 "the file looks built to exhaust memory.\n")


def test_the_operator_limit_and_the_draw_limit_each_refuse():
    data = hostile.pdf_form_fanout(levels=2, fan=50, leaves=1_000)
    found = check_forms(data, Limits())
    assert (found.draws, found.operators) == (51, 50 + 50 * 1_000)
    with pytest.raises(UnsafeDocument, match="more than 50,000 drawing operations"):
        check_forms(data, Limits(max_form_operators=50_000))
    with pytest.raises(UnsafeDocument, match="more than 50 times"):
        check_forms(data, Limits(max_form_draws=50))


def test_a_form_drawing_itself_once_reads_and_twice_is_refused_with_bounded_work():
    once = check_forms(hostile.pdf_self_calling_xobject(), Limits())
    # PDFium draws it again 41 levels deep (pdfminer skips it): counted to FORM_LEVELS, plus the draw cut there
    assert (once.draws, once.depth) == (FORM_LEVELS + 1, FORM_LEVELS + 1)
    counter = pdf_forms._Counter(PdfObjects(hostile.pdf_self_calling_xobject(2), Budget(10**8, None)),
                                 Limits(max_form_draws=1000), "loop.pdf")
    with pytest.raises(UnsafeDocument, match="more than 1,000 times"):
        counter.count_pages()
    assert counter.result.steps == FORM_LEVELS + 1  # the way down once, then the sums pass the limit


def test_a_chain_of_different_forms_deeper_than_the_count_goes_is_refused():
    assert check_forms(hostile.pdf_form_fanout(levels=FORM_LEVELS, fan=1, leaves=1), Limits()).depth == FORM_LEVELS
    with pytest.raises(UnsafeDocument, match=f"more than {FORM_LEVELS} deep"):
        check_forms(hostile.pdf_form_fanout(levels=FORM_LEVELS + 1, fan=1, leaves=1), Limits())


def _plain(levels: int = 3) -> bytes:
    return hostile.pdf_form_fanout(levels=levels, compress=False)


HIDDEN = {
    "comments in the dictionaries": lambda: _plain().replace(b"/Subtype /Form", b"/Subtype % a note (\n/Form")
    .replace(b"/XObject <<", b"/XObject %\r<<"),
    "a comment between name and Do": lambda: _plain().replace(b"q /X Do Q", b"q /X %c\nDo Q"),
    "escaped names": lambda: _plain().replace(b"/Subtype /Form", b"/Sub#74ype /F#6frm").replace(b"/X Do", b"/#58 Do"),
    "the forms' subtype by reference": lambda: _plain().replace(b"/Subtype /Form", b"/Subtype 99 0 R")
    .replace(b"trailer", b"99 0 obj /Form endobj\ntrailer"),
    "a harmless object of the same number": lambda: _plain().replace(b"xref", b"7 0 obj (nothing) endobj\nxref"),
}


@pytest.mark.parametrize("variant", list(HIDDEN))
def test_forms_hidden_from_a_byte_scan_count_the_same(variant):
    assert check_forms(HIDDEN[variant](), UNLIMITED).draws == FAN


def test_a_fake_endstream_before_the_real_one_is_read_past_by_length():
    data = _plain(levels=2)
    at = data.index(b"stream\n", data.index(b"/Subtype /Form")) + len(b"stream\n")
    hidden = data[:at] + b"endstream endobj\n" + data[at:]
    length = data[data.index(b"/Length", at - 200):].split()[1]
    hidden = hidden.replace(b"/Length " + length, b"/Length %d" % (int(length) + 17), 1)
    assert check_forms(hidden, UNLIMITED).draws == 201


@pytest.mark.parametrize("descending", [False, True], ids=["in-order", "offsets-descending"])
def test_forms_whose_resources_sit_in_an_object_stream_are_counted(descending):
    """The forms' resource dictionaries compressed in an object stream, as PDF 1.5 writers do."""
    members = [b"<< /XObject << /X 7 0 R >> >>", b"<< /XObject << /X 8 0 R >> >>"]
    offsets, body = [], b""
    for member in members:
        offsets.append(len(body))
        body += member + b"\n"
    pairs = list(zip((20, 21), offsets))[:: -1 if descending else 1]
    header = b" ".join(b"%d %d" % pair for pair in pairs) + b"\n"
    packed = zlib.compress(header + body)
    objstm = (b"<< /Type /ObjStm /N 2 /First %d /Length %d /Filter /FlateDecode >>\nstream\n"
              % (len(header), len(packed)) + packed + b"\nendstream")
    data = (_plain().replace(b"/Resources << /XObject << /X 7 0 R >> >>", b"/Resources 20 0 R")
            .replace(b"/Resources << /XObject << /X 8 0 R >> >>", b"/Resources 21 0 R")
            .replace(b"xref", b"30 0 obj\n" + objstm + b"\nendobj\nxref"))
    assert b"/X 7 0 R" not in data.split(b"30 0 obj")[0]
    assert check_forms(data, UNLIMITED).draws == FAN


@pytest.mark.parametrize("engine", ENGINES)
def test_an_encrypted_fan_out_is_decrypted_counted_and_refused(engine):
    data = hostile.pdf_form_fanout_encrypted()
    assert check_forms(data, UNLIMITED).draws == FAN
    with pytest.raises(UnsafeDocument, match="form XObjects"):
        jobkit.read_resume(data, "locked.pdf", limits=Limits(pdf_engine=engine))


def test_a_flate_bomb_in_a_form_spends_the_decoded_bytes_budget():
    data = hostile.pdf_form_fanout(levels=1, leaves=200_000)  # 2.6 MB of rectangles in one form
    with pytest.raises(UnsafeDocument, match="inflate"):
        check_forms(data, replace(Limits(), max_pdf_stream_bytes=1024 * 1024))


@pytest.mark.skipif(not PDFS, reason="corpus not found (set JOBKIT_CORPUS)")
def test_no_corpus_pdf_comes_near_the_limits():
    counts = [check_forms(path.read_bytes(), UNLIMITED) for path in PDFS]
    limits = Limits()
    assert max(c.draws for c in counts) * 100 < limits.max_form_draws
    assert max(c.operators for c in counts) * 100 < limits.max_form_operators
