"""Shared by the project tests (docs, layout, imports, settings, report fields): where the repository's files are."""

from __future__ import annotations

from tests.conftest import ROOT

PACKAGE = ROOT / "jobkit"
FIELDS = ROOT / "tests" / "report_fields.txt"

__all__ = ["FIELDS", "PACKAGE", "ROOT"]
