"""Child-process probes for the glyph-source evaluation (:mod:`bench.glyph_source`): hostile files and fuzzing.

A Rust panic, an abort on a failed allocation or a segfault ends the process that hit it, and a loop
inside one native call is not reached by jobkit's Python-level timer: so every read here runs in a
child process with ``RLIMIT_AS`` (memory) and ``RLIMIT_CPU`` (the kernel ends it with SIGXCPU) set,
and the parent reads what the child printed and how it ended. Peak memory is the child's own
high-water mark (``VmHWM``), read before and after the read.

Modes: ``pdfium`` (jobkit's engine), ``oxide`` (the pdf-oxide source behind jobkit's own pre-passes, as
it would be adopted) and ``bare`` (the pdf-oxide source without them: pdf-oxide alone on the file).
"""

from __future__ import annotations

import json
import os
import pickle
import resource
import signal
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MEMORY_LIMIT = 1536 * 1024 * 1024  # RLIMIT_AS of each child: a bomb ends the child, never the machine
CPU_LIMIT = 20  # seconds of CPU per read before the kernel ends the child (a hang)
MODES = ("pdfium", "oxide", "bare")
_CHILD = "import sys; sys.path.insert(0, {root!r}); from bench.glyph_source_probes import child_main; child_main()"


def _limit_child() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT * 40, CPU_LIMIT * 40))  # the fuzz loop's whole run


def _spawn(args: list[str], stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-c", _CHILD.format(root=str(ROOT)), *args], input=stdin,
                          capture_output=True, preexec_fn=_limit_child, cwd=ROOT, check=False)


def ending(code: int) -> str:
    """How a child ended, in words: a signal's name for a crash (SIGXCPU: the CPU limit, a hang)."""
    if code >= 0:
        return f"exit {code}"
    name = signal.Signals(-code).name
    return {"SIGXCPU": "hang (CPU limit)", "SIGABRT": "abort", "SIGSEGV": "segfault"}.get(name, name)


# ---------------------------------------------------------------- hostile files


def hostile_cases() -> list[tuple[str, bytes, str, str]]:
    """(id, data, file name, expected error code or "ok") of every case ``tests/read/test_hostile.py`` runs
    under both PDF engines, built by its own builders."""
    from tests.read.test_hostile import CASES, _reads_pdf

    return [(case_id, build(), name, expected.code if expected else "ok")
            for case_id, build, name, expected in CASES if _reads_pdf(case_id, name)]


def probe_hostile(data: bytes, name: str, mode: str) -> dict[str, Any]:
    """Read one file in a limited child; the outcome (error code, "ok", or how the child died), CPU, peak MB."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        done = _spawn(["hostile", mode, handle.name, name])
    lines = done.stdout.decode("utf-8", "replace").strip().splitlines()
    if done.returncode == 0 and lines:
        return json.loads(lines[-1])
    tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
    return {"outcome": ending(done.returncode), "detail": tail[0][:160], "cpu_s": None, "peak_mb": None}


def _read_one(mode: str, data: bytes, name: str, budget: float = 15) -> Any:
    """Read with one mode under a CPU budget of ``budget`` seconds (15 as test_hostile.py, 10 as fuzzing.py)."""
    from jobkit import read_resume
    from jobkit.config import Limits

    from bench.oxide_source import read_resume_oxide

    limits = Limits(time_budget=budget)
    if mode == "pdfium":
        return read_resume(data, name, limits=replace(limits, pdf_engine="pdfium"))
    return read_resume_oxide(data, name, limits=limits, guarded=mode == "oxide")


def _warm(mode: str) -> None:
    """The modules a read loads, loaded first: the peak measured after them is the read's."""
    import importlib

    from bench.oxide_source import oxide_module

    for module in ("jobkit.read.pdf.pdf_reader", "jobkit.read.pdf.pdfium_reader", "jobkit.read.pdf.pdf_layout"):
        importlib.import_module(module)
    if mode == "pdfium":
        importlib.import_module("pypdfium2")
    else:
        oxide_module()


def _peak_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _hostile_child(mode: str, path: str, name: str) -> None:
    import time

    from jobkit.errors import JobkitError

    data = Path(path).read_bytes()
    _warm(mode)
    before, start = _peak_mb(), time.process_time()
    try:
        _read_one(mode, data, name)
        outcome = "ok"
    except JobkitError as exc:
        outcome = exc.code
    except BaseException as exc:  # noqa: BLE001 - a panic or an untyped error is what this probe looks for
        outcome = f"untyped {type(exc).__name__}"
    print(json.dumps({"outcome": outcome, "cpu_s": round(time.process_time() - start, 3),
                      "peak_mb": round(_peak_mb(), 1), "before_mb": round(before, 1)}), flush=True)


# ---------------------------------------------------------------- fuzzing


def fuzz_inputs(count: int, seed: int = 33) -> list[tuple[str, bytes]]:
    """``count`` mutated PDFs from the fuzz seeds of ``tests/fuzzing.py`` (corpus PDFs, their inflated copies
    and the builders' PDFs), with its own mutator: (seed name, bytes)."""
    import random

    from tests.fuzzing import mutate, seeds

    pool = [s for s in seeds() if s.name.lower().endswith(".pdf")]
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        chosen, other = rng.choice(pool), rng.choice(pool)
        out.append((chosen.name, mutate(chosen, rng, other)))
    return out


def run_fuzz(inputs: list[tuple[str, bytes]], modes: tuple[str, ...] = ("pdfium", "oxide")) -> list[dict[str, Any]]:
    """Each input read (and checked) under each mode, in a child restarted after any read that ends it.

    The child prints one line per input and mode as it finishes it, so a crash is put on the mode it
    happened in (the modes after it on that input read "not run").
    """
    rows: dict[int, dict[str, Any]] = {}
    with tempfile.NamedTemporaryFile(suffix=".pickle") as handle:
        pickle.dump(inputs, handle)
        handle.flush()
        start = 0
        while start < len(inputs):
            done = _spawn(["fuzz", handle.name, str(start), ",".join(modes)])
            for line in done.stdout.decode("utf-8", "replace").splitlines():
                item = json.loads(line)
                rows.setdefault(item["index"], {"index": item["index"], "seed": inputs[item["index"]][0]})[
                    item["mode"]] = item["outcome"]
            finished = [i for i, row in rows.items() if all(mode in row for mode in modes)]
            start = max(finished, default=start - 1) + 1
            if start < len(inputs) and done.returncode != 0:  # the child died on input `start`
                row = rows.setdefault(start, {"index": start, "seed": inputs[start][0]})
                died = next(mode for mode in modes if mode not in row)
                for mode in modes:
                    row.setdefault(mode, ending(done.returncode) if mode == died else "not run")
                start += 1
            elif start < len(inputs):
                break  # the child ended without progress and without a crash: stop rather than loop
    return [rows[i] for i in sorted(rows)]


def _fuzz_child(path: str, start: int, modes: list[str]) -> None:
    with open(path, "rb") as handle:
        inputs = pickle.load(handle)
    for index in range(start, len(inputs)):
        name, data = inputs[index]
        for mode in modes:
            used = resource.getrusage(resource.RUSAGE_SELF)
            spent = int(used.ru_utime + used.ru_stime) + 1
            _, hard = resource.getrlimit(resource.RLIMIT_CPU)
            resource.setrlimit(resource.RLIMIT_CPU, (min(spent + CPU_LIMIT, hard), hard))  # per read
            print(json.dumps({"index": index, "mode": mode, "outcome": fuzz_property(mode, data, name)}), flush=True)


def fuzz_property(mode: str, data: bytes, name: str) -> str:
    """The property of ``tests/fuzzing.py``: a document that then checks, or a JobkitError; anything else
    (and a CorruptDocument hiding an exception raised in jobkit's or this source's code) is a failure."""
    from jobkit.errors import CorruptDocument, JobkitError
    from jobkit.match.target import role_target
    from jobkit.pipeline import check_document
    from tests.fuzzing import _raised_in_jobkit

    try:
        document = _read_one(mode, data, name, budget=10)
    except JobkitError as exc:
        hidden = exc.__context__ if isinstance(exc, CorruptDocument) else None
        if hidden is not None and (_raised_in_jobkit(hidden) or _raised_here(hidden)):  # pdf-oxide's own errors
            # (OSError, RuntimeError) are turned into CorruptDocument on purpose, at the calls that raise them
            return f"hidden bug {type(hidden).__name__}"
        return exc.code
    except BaseException as exc:  # noqa: BLE001 - a Rust panic arrives as pyo3's PanicException (a BaseException)
        return f"untyped {type(exc).__name__}"
    check_document(document, role_target("medical-records-technician")).to_dict(include_text=True)
    return "ok"


def _raised_here(exc: BaseException) -> bool:
    import traceback

    if isinstance(exc, (OSError, RuntimeError)):
        return False  # raised inside pdf-oxide's native code, whose last Python frame is the call into it
    frames = traceback.extract_tb(exc.__traceback__)
    return bool(frames) and frames[-1].filename.endswith(os.path.join("bench", "oxide_source.py"))


def child_main() -> None:
    kind, *args = sys.argv[1:]
    if kind == "hostile":
        _hostile_child(*args)
    else:
        _fuzz_child(args[0], int(args[1]), args[2].split(","))
