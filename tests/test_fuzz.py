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

from tests.fuzzing import check_one, mutate, seeds

@functools.lru_cache(maxsize=1)
def all_seeds() -> tuple:
    """Built on first use, not at import: collecting the tests must not read the whole corpus."""
    return tuple(seeds())


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data(), rng=st.randoms(use_true_random=False))
def test_mutated_files_read_or_fail_typed(data, rng):
    pool = all_seeds()
    seed = pool[data.draw(st.integers(0, len(pool) - 1), label="seed")]
    splice = pool[data.draw(st.integers(0, len(pool) - 1), label="splice")]
    mutated = mutate(seed, rng, splice)
    assert check_one(mutated, seed.name)  # "ok" or a jobkit error code; any other exception fails the test


def test_the_seeds_cover_every_format():
    pool = all_seeds()
    suffixes = {seed.name.rsplit(".", 1)[-1] for seed in pool}
    assert {"pdf", "docx", "txt"} <= suffixes
    if len(pool) < 50:
        pytest.skip("corpus not found: fuzzing from the built seeds only")
    assert any(seed.name.startswith("inflated-") for seed in pool)
