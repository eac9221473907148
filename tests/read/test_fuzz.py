"""A short fuzzing run of the readers (the long run is tests/fuzz_long.py).

Hypothesis picks a seed file and drives the mutator with a random source it
can shrink, so a failure is reported as a small, replayable example. The
run is derandomised: CI explores the same inputs every time and stays
green or red for a reason.
"""

from __future__ import annotations

import functools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobkit.read.pdf.pdfium_reader import require_pypdfium2
from jobkit.errors import InvalidInput
from tests import builders, fuzzing
from tests.fuzzing import check_one, mutate, seeds

try:
    require_pypdfium2()
    HAVE_PDFIUM = True
except InvalidInput:
    HAVE_PDFIUM = False

@functools.lru_cache(maxsize=1)
def all_seeds() -> tuple:
    """Built on first use, not at import: collecting the tests must not read the whole corpus."""
    return tuple(seeds())


@functools.lru_cache(maxsize=1)
def pdf_seeds() -> tuple:
    """The PDF seeds: the only inputs on which the two engines run different code."""
    return tuple(seed for seed in all_seeds() if seed.name.lower().endswith(".pdf"))


def _fuzz_one(data, rng, pool: tuple, engine: str) -> None:
    seed = pool[data.draw(st.integers(0, len(pool) - 1), label="seed")]
    splice = pool[data.draw(st.integers(0, len(pool) - 1), label="splice")]
    mutated = mutate(seed, rng, splice)
    assert check_one(mutated, seed.name, engine)  # "ok" or a jobkit error code; any other exception fails


def _fuzz(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.mark.slow
@_fuzz(300)
@given(data=st.data(), rng=st.randoms(use_true_random=False))
def test_mutated_files_read_or_fail_typed(data, rng):
    _fuzz_one(data, rng, all_seeds(), "pdfminer")


@pytest.mark.slow
@pytest.mark.skipif(not HAVE_PDFIUM, reason="pypdfium2 is not installed (pip install '.[fast]')")
@_fuzz(200)
@given(data=st.data(), rng=st.randoms(use_true_random=False))
def test_mutated_pdfs_read_or_fail_typed_with_pdfium(data, rng):
    _fuzz_one(data, rng, pdf_seeds(), "pdfium")


@pytest.mark.parametrize("engine", ["pdfminer", "pdfium"])
def test_the_fuzz_property_reads_with_the_engine_it_names(engine, monkeypatch):
    if engine == "pdfium" and not HAVE_PDFIUM:
        pytest.skip("pypdfium2 is not installed")
    used = []
    real = fuzzing.read_resume

    def spy(data, name, limits):
        document = real(data, name, limits=limits)
        used.append((limits.pdf_engine, document.metadata["reader"]))
        return document

    monkeypatch.setattr(fuzzing, "read_resume", spy)
    monkeypatch.setenv("JOBKIT_PDF_ENGINE", "pdfminer" if engine == "pdfium" else "pdfium")  # never consulted
    assert check_one(builders.single_column_pdf(), "built.pdf", engine) == "ok"
    assert [u[0] for u in used] == [engine]
    assert used[0][1].startswith("pypdfium2" if engine == "pdfium" else "pdfminer")


def test_the_seeds_cover_every_format():
    pool = all_seeds()
    suffixes = {seed.name.rsplit(".", 1)[-1] for seed in pool}
    assert {"pdf", "docx", "txt"} <= suffixes
    if len(pool) < 50:
        pytest.skip("corpus not found: fuzzing from the built seeds only")
    assert any(seed.name.startswith("inflated-") for seed in pool)


def test_a_timeout_is_not_mistaken_for_a_hidden_bug(monkeypatch):
    """ReadTimeout is raised while handling jobkit's own alarm: the timer worked, nothing is hidden."""
    from jobkit.errors import ReadTimeout
    from jobkit.read import deadline

    def times_out(data, name, limits):
        try:
            deadline._on_alarm(0, None)  # the alarm, raised in jobkit's source as under a real deadline
        except BaseException:  # noqa: BLE001 - _Alarm is private to the deadline module
            raise ReadTimeout("took too long", filename=name) from None

    monkeypatch.setattr(fuzzing, "read_resume", times_out)
    assert check_one(b"%PDF-1.4", "x.pdf", "pdfminer") == "read_timeout"
