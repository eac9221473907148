"""The long fuzzing run: many mutated inputs across worker processes.

    python -m tests.fuzz_long --inputs 100000 --workers 2 --seed 1

Input number ``i`` is fully determined by ``--seed`` and ``i``, so a failure
can be replayed with ``--replay i``. Inputs that raise anything other than a
JobkitError are saved to ``--out`` (default fuzz-failures/) with the
traceback. Each worker runs under a 1.5 GB address-space limit, so a memory
blow-up shows as a failure instead of taking the machine down.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import traceback
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.fuzzing import Seed, check_one, mutate, seeds  # noqa: E402

CHUNK = 250
MEMORY_LIMIT = 1536 * 1024 * 1024
_SEEDS: list[Seed] = []


def _init() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    _SEEDS.extend(seeds())


def make_input(base: int, index: int, pool: list[Seed]) -> tuple[Seed, bytes]:
    rng = random.Random(base * 1_000_003 + index)
    seed = pool[rng.randrange(len(pool))]
    return seed, mutate(seed, rng, pool[rng.randrange(len(pool))])


def _run_chunk(base: int, start: int, count: int, out: str) -> tuple[Counter[str], list[str]]:
    outcomes: Counter[str] = Counter()
    failures = []
    for index in range(start, start + count):
        seed, data = make_input(base, index, _SEEDS)
        try:
            outcomes[check_one(data, seed.name)] += 1
        except Exception:  # noqa: BLE001 - the point of the run is to catch these
            outcomes["UNHANDLED"] += 1
            folder = Path(out)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{index}-{seed.name}").write_bytes(data)
            (folder / f"{index}-{seed.name}.txt").write_text(traceback.format_exc())
            failures.append(f"input {index} from {seed.name}: {traceback.format_exc().strip().splitlines()[-1]}")
    return outcomes, failures


def main() -> None:
    parser = argparse.ArgumentParser(description="Long fuzzing run of jobkit's readers.")
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default="fuzz-failures")
    parser.add_argument("--replay", type=int, default=None, help="run input number N in this process and raise")
    args = parser.parse_args()
    if args.replay is not None:
        seed, data = make_input(args.seed, args.replay, seeds())
        print(f"input {args.replay}: {len(data)} bytes mutated from {seed.name}")
        print(check_one(data, seed.name))
        return
    started = time.monotonic()
    outcomes: Counter[str] = Counter()
    failures: list[str] = []
    with ProcessPoolExecutor(args.workers, initializer=_init) as pool:
        futures = [pool.submit(_run_chunk, args.seed, start, min(CHUNK, args.inputs - start), args.out)
                   for start in range(0, args.inputs, CHUNK)]
        for done, future in enumerate(as_completed(futures), 1):
            chunk_outcomes, chunk_failures = future.result()
            outcomes.update(chunk_outcomes)
            failures.extend(chunk_failures)
            if done % 20 == 0 or done == len(futures):
                total = sum(outcomes.values())
                print(f"{total} inputs, {outcomes['UNHANDLED']} unhandled, {time.monotonic() - started:.0f} s",
                      flush=True)
    total = sum(outcomes.values())
    print(f"\n{total} inputs in {time.monotonic() - started:.0f} s (seed {args.seed}, {len(seeds())} seed files)")
    for outcome, count in outcomes.most_common():
        print(f"  {outcome:<22} {count:>7}  {100 * count / total:5.1f}%")
    for line in failures[:20]:
        print("  " + line)
    sys.exit(1 if outcomes["UNHANDLED"] else 0)


if __name__ == "__main__":
    main()
