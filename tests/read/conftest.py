"""Shared by the reader tests: the two PDF engines and how a test chooses one."""

from __future__ import annotations

import importlib.util

import pytest

HAVE_PDFIUM = importlib.util.find_spec("pypdfium2") is not None
NO_PDFIUM = "pypdfium2 is not installed (pip install '.[fast]')"
needs_pdfium = pytest.mark.skipif(not HAVE_PDFIUM, reason=NO_PDFIUM)
ENGINES = ("pdfminer", "pdfium")


def engine_param(engine: str):  # type: ignore[no-untyped-def]
    """A parametrize value for one engine, skipped for PDFium where pypdfium2 is not installed."""
    return pytest.param(engine, id=engine, marks=pytest.mark.skipif(engine == "pdfium" and not HAVE_PDFIUM,
                                                                    reason=NO_PDFIUM))


ENGINE_PARAMS = [engine_param(engine) for engine in ENGINES]


@pytest.fixture
def engine_env(monkeypatch):  # type: ignore[no-untyped-def]
    """Choose the PDF engine through the environment, as a deployment does."""
    def choose(engine: str) -> None:
        monkeypatch.setenv("JOBKIT_PDF_ENGINE", engine)
    return choose
