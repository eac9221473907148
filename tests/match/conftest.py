"""Shared by the matching tests: one matcher over the whole glossary."""

from __future__ import annotations

import pytest

from jobkit.data.keywords import load_glossary
from jobkit.match.matcher import Matcher


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    """A matcher over every glossary term (built once per test module)."""
    return Matcher(load_glossary().terms.values())
