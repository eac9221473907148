"""A short fuzzing run of the readers (the long run is tests/fuzz_long.py).

Hypothesis picks a seed file and drives the mutator with a random source it
can shrink, so a failure is reported as a small, replayable example. The
run is derandomised: CI explores the same inputs every time and stays
green or red for a reason.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzzing import check_one, mutate, seeds

SEEDS = seeds()


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(index=st.integers(0, len(SEEDS) - 1), splice=st.integers(0, len(SEEDS) - 1),
       rng=st.randoms(use_true_random=False))
def test_mutated_files_read_or_fail_typed(index, splice, rng):
    seed = SEEDS[index]
    data = mutate(seed, rng, SEEDS[splice])
    assert check_one(data, seed.name)  # "ok" or a jobkit error code; any other exception fails the test


def test_the_seeds_cover_every_format():
    suffixes = {seed.name.rsplit(".", 1)[-1] for seed in SEEDS}
    assert {"pdf", "docx", "txt"} <= suffixes
    if len(SEEDS) < 50:
        pytest.skip("corpus not found: fuzzing from the built seeds only")
    assert any(seed.name.startswith("inflated-") for seed in SEEDS)
