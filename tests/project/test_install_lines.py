"""Every install line installs from the checkout: PyPI's "jobkit" is an unrelated project.

The distribution is ``jobkit-mrt``; ``pip install jobkit`` or ``pip install 'jobkit[fast]'``
would fetch someone else's package (it depends on openai and anthropic).
"""

from __future__ import annotations

import re
import tomllib

import pytest
from tests.project.conftest import ROOT

# What follows "pip install" up to the end of the command: options and requirement specifiers.
_PIP_INSTALL = re.compile(r"pip install\s+([^`\n)]*)")
# A requirement that installs PyPI's "jobkit" (with or without extras or a version).
_PYPI_JOBKIT = re.compile(r"^jobkit(?:\[[^\]]*\])?(?:[<>=!~].*)?$", re.IGNORECASE)


def _texts() -> list[tuple[str, str]]:
    files = [ROOT / "README.md", ROOT / ".ci" / "run", ROOT / "pyproject.toml"]
    files += sorted((ROOT / "jobkit").rglob("*.py")) + sorted((ROOT / "deploy").rglob("*"))
    return [(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8")) for p in files if p.is_file()]


def _install_lines() -> list[tuple[str, str]]:
    return [(name, m.group(1).strip()) for name, text in _texts() for m in _PIP_INSTALL.finditer(text)]


def test_the_distribution_is_not_named_like_the_pypi_project():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == "jobkit-mrt"
    assert project["scripts"]["jobkit"] == "jobkit.cli:main"


def test_install_lines_are_found():
    lines = _install_lines()
    assert any(args.startswith("-e") for _, args in lines)  # the README's and CI's test install
    assert any(".[fast]" in args for _, args in lines)


@pytest.mark.parametrize("where, args", _install_lines())
def test_no_install_line_fetches_pypis_jobkit(where, args):
    packages = [word for word in args.split() if not word.startswith("-")][:1]  # what pip installs first
    assert packages, f"{where}: 'pip install {args}' names nothing to install"
    first = packages[0].strip("'\"`),.;")
    assert not _PYPI_JOBKIT.match(first), f"{where}: 'pip install {args}' installs PyPI's unrelated jobkit"


def test_the_pdfium_hint_installs_from_the_checkout():
    from jobkit.read.pdf.pdfium_reader import INSTALL_HINT

    assert "pip install '.[fast]'" in INSTALL_HINT
    assert "jobkit[" not in INSTALL_HINT
