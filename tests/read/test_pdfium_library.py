"""PDFium loaded on its own (:mod:`jobkit.read.pdf.pdfium_library`), without ``import pypdfium2``.

The same process may import pypdfium2 too (a benchmark, a user's script): before or after jobkit
loads the library, both use the one loaded library and its handles, and neither breaks the other.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from jobkit.config import Limits
from jobkit.errors import InvalidInput
from jobkit.read import read_resume
from jobkit.read.pdf.pdfium_library import version_text
from tests import builders
from tests.read.conftest import needs_pdfium

_BOTH = """
import json, sys
from pathlib import Path
from jobkit.config import Limits
from jobkit.read import read_resume

def jobkit_lines():
    document = read_resume(Path(sys.argv[2]), limits=Limits(pdf_engine="pdfium"))
    return [line.text for line in document.lines]

def pypdfium2_chars():
    import pypdfium2
    document = pypdfium2.PdfDocument(Path(sys.argv[2]).read_bytes())
    textpage = document[0].get_textpage()
    count = textpage.count_chars()
    textpage.close()
    document.close()
    return count

out = {}
if sys.argv[1] == "pypdfium2 first":
    out["chars"] = pypdfium2_chars()
out["lines"] = jobkit_lines()
if sys.argv[1] == "jobkit first":
    out["chars"] = pypdfium2_chars()
out["again"] = jobkit_lines()
from pypdfium2_raw.bindings import _libs
from jobkit.read.pdf.pdfium_library import library
out["one library"] = library()._handle == _libs["pdfium"]._handle
print(json.dumps(out))
"""


@needs_pdfium
@pytest.mark.parametrize("order", ["jobkit first", "pypdfium2 first"])
def test_jobkit_and_pypdfium2_share_one_library_in_either_order(tmp_path, order):
    path = tmp_path / "resume.pdf"
    path.write_bytes(builders.single_column_pdf())
    expected = [line.text for line in read_resume(path, limits=Limits(pdf_engine="pdfium")).lines]
    done = subprocess.run([sys.executable, "-c", _BOTH, order, str(path)], capture_output=True, text=True, check=True)
    out = json.loads(done.stdout)
    assert out["lines"] == out["again"] == expected and expected
    assert out["chars"] >= len("".join(expected)) and out["one library"] is True


@needs_pdfium
def test_the_version_is_the_one_pypdfium2_gives():
    from pypdfium2.version import PYPDFIUM_INFO

    from jobkit.read.pdf.pdfium_reader import reader_name

    assert reader_name() == f"pypdfium2 {PYPDFIUM_INFO.version}"


def test_version_text_spells_a_version_as_pypdfium2_does():
    release = {"major": 5, "minor": 15, "patch": 2, "beta": None, "n_commits": 0, "hash": None, "dirty": False,
               "data_source": "git", "is_editable": False}
    assert version_text(release) == "5.15.2"
    assert version_text({**release, "beta": 1}) == "5.15.2b1"
    assert version_text({**release, "n_commits": 3, "hash": "gabc", "dirty": True}) == "5.15.2+3.gabc.dirty"
    assert version_text({**release, "data_source": "given", "is_editable": True}) == "5.15.2:given@editable"


@needs_pdfium
def test_a_pdfium_without_the_newest_call_names_the_version_needed(monkeypatch):
    from jobkit.read.pdf import pdfium_reader

    monkeypatch.setattr(pdfium_reader, "library", lambda: object())  # a PDFium older than pypdfium2 5.0's
    with pytest.raises(InvalidInput, match=r"pypdfium2 5\.0 or later: run pip install '\.\[fast\]'"):
        read_resume(builders.single_column_pdf(), "r.pdf", limits=Limits(pdf_engine="pdfium"))


@needs_pdfium
def test_the_constants_are_pdfium_s():
    import pypdfium2.raw as pdfium_c

    from jobkit.read.pdf import pdfium_api as api

    assert (api.TEXT_OBJECT, api.PATH_OBJECT, api.IMAGE_OBJECT, api.FORM_OBJECT) == (
        pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM)
    assert (api.ERR_PASSWORD, api.ERR_SECURITY) == (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY)
