"""The pdf-oxide glyph-source evaluation (bench/glyph_source.py, issue 33 item 2): its own logic, and the facts
that decided against adopting pdf-oxide 0.3.78. When one of those facts stops holding (a new pdf-oxide), the
evaluation is due again: ``python bench/glyph_source.py``.

The parts that read with pdf-oxide skip where it is not installed: it is not a jobkit dependency.
"""

from __future__ import annotations

import importlib.util

import pytest

from bench.glyph_source import line_causes
from bench.glyph_source_probes import ending
from bench.oxide_source import UNMAPPED, resolve_unmapped

HAVE_OXIDE = importlib.util.find_spec("pdf_oxide") is not None
HAVE_PDFIUM = importlib.util.find_spec("pypdfium2") is not None
needs_oxide = pytest.mark.skipif(not HAVE_OXIDE, reason="pdf-oxide is not installed (pip install pdf-oxide)")


def test_an_unmapped_ligature_takes_its_spans_text():
    texts = list("Mentored ") + [UNMAPPED] + list("ve engineers")
    assert resolve_unmapped(texts, "Name Mentored five engineers, three") == 1
    assert texts[9] == "fi" and "".join(texts) == "Mentored five engineers"


def test_a_run_of_unmapped_glyphs_is_one_record_and_an_unfound_one_is_unreadable():
    texts = list("elevating e") + [UNMAPPED, UNMAPPED] + list("ciency and") + [UNMAPPED] + list("qq")
    assert resolve_unmapped(texts, "elevating efficiency and quality") == 1
    assert texts[11:13] == ["ffi", ""]  # the second glyph joins the first's record
    assert texts[-3] == "(cid:0)"  # "and?qq" is not in the spans


def test_each_line_difference_is_named():
    ligature, hyphen, spacing, rows = (
        "the PDFium engine puts a space after a ligature ('Springfi eld'); pdf-oxide reads 'Springfield'",
        "a hyphen at a line's end: the PDFium engine drops it, pdf-oxide keeps it",
        "word spacing (gaps measured from different glyph boxes)", "rows or line breaks grouped differently")
    assert line_causes(["Springfi eld, IL"], ["Springfield, IL"]) == [ligature]
    assert line_causes(["front-end and back", "end"], ["front-end and back-", "end"]) == [hyphen]
    assert line_causes(["Dean's  List  Fall"], ["Dean's List Fall"]) == [spacing]
    assert line_causes(["UNIVERSITY LAB", "| Head"], ["UNIVERSITY LAB | Head"]) == [rows]
    assert line_causes(["GPA: 3.7"], ["A G: 3P.7"])[-1].startswith("text differs (first: 'GPA: 3.7' | 'A G: 3P.7')")


def test_how_a_child_ended_is_named():
    assert [ending(code) for code in (0, 1, -11, -6, -24)] == ["exit 0", "exit 1", "segfault", "abort",
                                                                "hang (CPU limit)"]


@needs_oxide
@pytest.mark.skipif(not HAVE_PDFIUM, reason="pypdfium2 is not installed")
def test_the_oxide_source_reads_a_built_resume_as_the_pdfium_engine_does():
    from bench.glyph_source_cases import _read, facts
    from tests import builders

    data = builders.two_column_pdf()
    pdfium, oxide = facts(_read(data, oxide=False)), facts(_read(data, oxide=True))
    assert oxide == pdfium and ("two_column", 1) in oxide["findings"]


@needs_oxide
def test_pdf_oxide_cannot_tell_invisible_text():
    """Render mode 3 text (keywords an ATS reads and a person cannot see) reads as shown: no hidden_text."""
    from bench.glyph_source_cases import all_cases
    from bench.oxide_source import read_resume_oxide

    document = read_resume_oxide(all_cases()["render_mode_3"][0](), "r.pdf")
    assert [line.hidden for line in document.lines] == [False, False]
    assert document.lines[1].text == "RHIA CCS CPC hidden keywords for the robots"
    assert "hidden_text" not in document.finding_codes()


@needs_oxide
def test_pdf_oxide_ends_the_process_on_a_page_tree_that_lists_itself():
    """tests/hostile.py's page-tree cycle: PDFium reads it; pdf-oxide 0.3.78 overflows its stack (SIGSEGV)."""
    from bench.glyph_source_probes import probe_hostile
    from tests import hostile

    assert probe_hostile(hostile.pdf_page_tree_cycle(), "cycle.pdf", "oxide")["outcome"] == "segfault"
