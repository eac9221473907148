"""The long fuzzing run: many mutated inputs across worker processes.

    python -m tests.fuzz_long --inputs 100000 --workers 2 --seed 1 --engine pdfium

Input number ``i`` is fully determined by ``--seed`` and ``i``, so a failure
can be replayed with ``--replay i`` (and the same ``--engine``). ``--engine``
picks the PDF engine (pdfminer, the default, or pdfium); with pdfium only PDF
seeds are used, since the engines differ only on PDFs. Inputs that raise
anything other than a JobkitError are saved to ``--out`` (default
fuzz-failures/) with the traceback. Each worker runs under a 1.5 GB
address-space limit, so a memory blow-up shows as a failure instead of taking
the machine down; a worker that dies (PDFium aborts inside C on an allocation
failure) is replaced, its chunk is re-run one input per task to find the input
that killed it, and that input counts as CRASHED.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import traceback
from collections import Counter
from concurrent.futures import as_completed
from pathlib import Path

from pebble import ProcessExpired, ProcessPool

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jobkit.config import PDF_ENGINES  # noqa: E402
from tests.fuzzing import Seed, check_one, mutate, seeds  # noqa: E402

CHUNK = 250
MEMORY_LIMIT = 1536 * 1024 * 1024
_SEEDS: list[Seed] = []


def engine_seeds(engine: str) -> list[Seed]:
    """Every seed for pdfminer; the PDF seeds for pdfium (the engines run the same code on the rest)."""
    found = seeds()
    return found if engine == "pdfminer" else [s for s in found if s.name.lower().endswith(".pdf")]


def _init(engine: str) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    _SEEDS.extend(engine_seeds(engine))


def make_input(base: int, index: int, pool: list[Seed]) -> tuple[Seed, bytes]:
    rng = random.Random(base * 1_000_003 + index)
    seed = pool[rng.randrange(len(pool))]
    return seed, mutate(seed, rng, pool[rng.randrange(len(pool))])


def _save(out: str, index: int, seed: Seed, data: bytes, why: str) -> str:
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{index}-{seed.name}").write_bytes(data)
    (folder / f"{index}-{seed.name}.txt").write_text(why)
    return f"input {index} from {seed.name}: {why.strip().splitlines()[-1]}"


def _run_chunk(base: int, start: int, count: int, out: str, engine: str) -> tuple[Counter[str], list[str]]:
    outcomes: Counter[str] = Counter()
    failures = []
    for index in range(start, start + count):
        seed, data = make_input(base, index, _SEEDS)
        try:
            outcomes[check_one(data, seed.name, engine)] += 1
        except Exception:  # noqa: BLE001 - the point of the run is to catch these
            outcomes["UNHANDLED"] += 1
            failures.append(_save(out, index, seed, data, traceback.format_exc()))
    return outcomes, failures


def _crashed_chunk(pool: ProcessPool, args: argparse.Namespace, start: int, count: int) -> tuple[Counter, list]:
    """A worker died inside a chunk: run its inputs one per task; the ones that kill a worker are CRASHED."""
    outcomes: Counter[str] = Counter()
    failures: list[str] = []
    singles = {pool.schedule(_run_chunk, (args.seed, i, 1, args.out, args.engine)): i for i in range(start, start + count)}
    for future, index in singles.items():
        try:
            one_outcomes, one_failures = future.result()
        except ProcessExpired as exc:
            outcomes["CRASHED"] += 1
            seed, data = make_input(args.seed, index, engine_seeds(args.engine))
            failures.append(_save(args.out, index, seed, data, f"worker died: {exc}"))
            continue
        outcomes.update(one_outcomes)
        failures.extend(one_failures)
    return outcomes, failures


def main() -> None:
    parser = argparse.ArgumentParser(description="Long fuzzing run of jobkit's readers.")
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default="fuzz-failures")
    parser.add_argument("--engine", choices=PDF_ENGINES, default="pdfminer", help="the PDF engine to fuzz")
    parser.add_argument("--replay", type=int, default=None, help="run input number N in this process and raise")
    args = parser.parse_args()
    if args.replay is not None:
        seed, data = make_input(args.seed, args.replay, engine_seeds(args.engine))
        print(f"input {args.replay}: {len(data)} bytes mutated from {seed.name}")
        print(check_one(data, seed.name, args.engine))
        return
    started = time.monotonic()
    outcomes: Counter[str] = Counter()
    failures: list[str] = []
    with ProcessPool(args.workers, initializer=_init, initargs=(args.engine,)) as pool:
        chunks = {pool.schedule(_run_chunk, (args.seed, start, min(CHUNK, args.inputs - start), args.out, args.engine)):
                  start for start in range(0, args.inputs, CHUNK)}
        for done, future in enumerate(as_completed(chunks), 1):
            try:
                chunk_outcomes, chunk_failures = future.result()
            except ProcessExpired:
                start = chunks[future]
                chunk_outcomes, chunk_failures = _crashed_chunk(pool, args, start, min(CHUNK, args.inputs - start))
            outcomes.update(chunk_outcomes)
            failures.extend(chunk_failures)
            if done % 20 == 0 or done == len(chunks):
                total = sum(outcomes.values())
                print(f"{total} inputs, {outcomes['UNHANDLED']} unhandled, {outcomes['CRASHED']} crashed, "
                      f"{time.monotonic() - started:.0f} s", flush=True)
    total = sum(outcomes.values())
    print(f"\n{total} inputs in {time.monotonic() - started:.0f} s (engine {args.engine}, seed {args.seed}, "
          f"{len(engine_seeds(args.engine))} seed files)")
    for outcome, count in outcomes.most_common():
        print(f"  {outcome:<22} {count:>7}  {100 * count / total:5.1f}%")
    for line in failures[:20]:
        print("  " + line)
    sys.exit(1 if outcomes["UNHANDLED"] or outcomes["CRASHED"] else 0)


if __name__ == "__main__":
    main()
