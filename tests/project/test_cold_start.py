"""The cold start of ``jobkit check``: what a fresh process loads, counted by module, never timed.

``bench/cli_start.py`` times the start against a bare pdfminer script; these tests hold the causes
that were found there. A fresh process runs ``jobkit check --pdf-engine pdfium`` on a one-page PDF
and lists the modules it loaded: PDFium's library is opened on its own (``import pypdfium2``
declares thousands of ctypes prototypes, more than a one-page read costs), and nothing a role
check does not use is imported (the other engine, the web app, the batch, Word files, the JSON
schema, federal rules and posting knockouts).
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests import builders
from tests.project.conftest import PACKAGE
from tests.read.conftest import needs_pdfium

# Modules a `jobkit check` of a PDF against a role must not import: each is loaded where it is used.
NOT_ON_THE_CHECK_PATH = (
    "pypdfium2", "pypdfium2_raw", "pypdfium2_raw.bindings", "pdfminer", "jsonschema", "docx", "flask", "werkzeug",
    "jinja2", "dask", "pebble", "tqdm", "ftfy", "jobkit.web", "jobkit.batch", "jobkit.read.docx",
    "jobkit.checks.federal_rules", "jobkit.checks.knockouts", "jobkit.data.federal_facts", "jobkit.match.federal",
    "jobkit.match.posting", "jobkit.match.screening_items",
)
_SCRIPT = """
import json, sys
from jobkit.cli.commands import main
sys.argv = ["jobkit", "check", "--pdf-engine", "pdfium", "--json", sys.argv[1]]
try:
    main()
except SystemExit as stop:
    assert not stop.code, stop.code
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def _check_modules(path: str) -> tuple[dict, list[str]]:
    """The report and the modules of a fresh ``jobkit check --pdf-engine pdfium --json`` of ``path``."""
    done = subprocess.run([sys.executable, "-c", _SCRIPT, path], capture_output=True, text=True, check=True)
    return json.loads(done.stdout), json.loads(done.stderr.strip().splitlines()[-1])


@needs_pdfium
def test_a_pdfium_check_loads_only_what_it_uses(tmp_path):
    path = tmp_path / "resume.pdf"
    path.write_bytes(builders.single_column_pdf())
    report, modules = _check_modules(str(path))
    assert report["reader"].startswith("pypdfium2 ") and report["pages"] == 1  # the PDFium engine read it
    assert [m for m in NOT_ON_THE_CHECK_PATH if m in modules] == []
    assert "jobkit.read.pdf.pdfium_library" in modules  # ... through its own loader


def test_the_listed_jobkit_modules_exist():
    """A misspelt or moved module would never be imported, so the list above would hold nothing back."""
    names = [m for m in NOT_ON_THE_CHECK_PATH if m.startswith("jobkit.")]
    paths = [PACKAGE.parent.joinpath(*m.split(".")) for m in names]
    assert [m for m, p in zip(names, paths) if not (p.with_suffix(".py").is_file() or p.is_dir())] == []
