"""Web load: concurrent clients posting real resumes to the API under gunicorn.

Starts gunicorn on 127.0.0.1 (a free port), warms it up, then has CLIENTS
threads each post UPLOADS corpus files to POST /api/v1/check as multipart
uploads. Counts 5xx answers and connection failures (goal: zero), reports
the median and 99th percentile latency (goal: p99 <= 3x median) and the
resident memory of gunicorn's processes, sampled every second through the
run: the web processes (gunicorn's master and workers) apart from the check
worker processes under them, which are replaced every 200 checks and so rise
and fall. The trend is the median of the last quarter of the samples against
the first quarter (goal: flat, under +10%). Unreadable corpus files answer 4xx, which is correct
behaviour and not counted as an error.

    python bench/web_load.py --clients 16 --uploads 500
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import corpus_folder  # noqa: E402
from bench.procmem import _rss_kb, descendants  # noqa: E402

MEDIA = {".pdf": "application/pdf", ".txt": "text/plain",
         ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def _files() -> list[tuple[str, bytes]]:
    paths = sorted(p for folder in ("resumes", "offlinecv") for p in corpus_folder(folder).iterdir()
                   if p.suffix in MEDIA)
    return [(p.name, p.read_bytes()) for p in paths]


def _multipart(name: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"role\"\r\n\r\nmedical-records-technician\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"resume\"; filename=\"{name}\"\r\n"
            f"Content-Type: {MEDIA[Path(name).suffix]}\r\n\r\n").encode()
    return head + data + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def _answers(port: int) -> bool:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/api/v1/health")
        return connection.getresponse().status == 200
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start(port: int, workers: int, log: Path, threads: int = 8, engine: str = "pdfminer") -> subprocess.Popen[bytes]:
    # Every client here is 127.0.0.1: lift the per-address rate limit, which would answer 429 to a load test.
    env = dict(os.environ, JOBKIT_SECRET_KEY=uuid.uuid4().hex, JOBKIT_WEB_WORKERS="1", JOBKIT_CHECK_RATE="1000000 per minute",
               JOBKIT_DATABASE=str(log.with_suffix(".sqlite3")), JOBKIT_PDF_ENGINE=engine)
    from jobkit.cli.commands import gunicorn_args

    command = gunicorn_args("127.0.0.1", port, workers, threads=threads) + ["--backlog", "256"]
    server = subprocess.Popen(command, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/api/v1/health")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit(f"gunicorn did not start; see {log}")


def _tree_mb(pid: int) -> float:
    return (_rss_kb(pid) + sum(_rss_kb(child) for child in descendants(pid))) / 1024


def _web_pids(pid: int) -> set[int]:
    """gunicorn's master and its direct children (the web workers); deeper processes are check workers."""
    from bench.procmem import _children

    return {pid, *_children().get(pid, [])}


class _MemorySampler(threading.Thread):
    """Every second: resident MB of the web processes and of the check workers under them."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.web: list[float] = []
        self.workers: list[float] = []
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(1.0):
            web = _web_pids(self.pid)
            self.web.append(sum(_rss_kb(p) for p in web) / 1024)
            self.workers.append(sum(_rss_kb(p) for p in descendants(self.pid) if p not in web) / 1024)


def _trend(samples: list[float]) -> tuple[float, float]:
    """Median of the first and of the last quarter of the samples."""
    quarter = max(1, len(samples) // 4)
    return statistics.median(samples[:quarter]), statistics.median(samples[-quarter:])


class _Client(threading.Thread):
    def __init__(self, port: int, files: list[tuple[str, bytes]], uploads: int, offset: int) -> None:
        super().__init__(daemon=True)
        self.port, self.files, self.uploads, self.offset = port, files, uploads, offset
        self.latencies: list[float] = []
        self.statuses: Counter[int | str] = Counter()

    def run(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        for index in range(self.uploads):
            name, data = self.files[(self.offset + index) % len(self.files)]
            body, content_type = _multipart(name, data)
            started = time.perf_counter()
            try:
                connection.request("POST", "/api/v1/check", body=body, headers={"Content-Type": content_type})
                response = connection.getresponse()
                response.read()
                self.statuses[response.status] += 1
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException) as exc:
                self.statuses[type(exc).__name__] += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
                continue
            self.latencies.append(time.perf_counter() - started)
        connection.close()


def _round(port: int, files: list[tuple[str, bytes]], clients: int, uploads: int) -> list[_Client]:
    threads = [_Client(port, files, uploads, offset=i * 7) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return threads


def run(clients: int = 16, uploads: int = 500, workers: int | None = None, threads: int = 8,
        engine: str = "pdfminer") -> dict[str, float]:
    workers = workers or max(2, os.cpu_count() or 2)
    files = _files()
    with tempfile.TemporaryDirectory() as folder:
        port = _free_port()
        server = _start(port, workers, Path(folder) / "gunicorn.log", threads, engine)
        try:
            _round(port, files, clients, max(2, len(files) // clients))  # warm every worker and its pool
            memory_before = _tree_mb(server.pid)
            sampler = _MemorySampler(server.pid)
            sampler.start()
            started = time.perf_counter()
            threads = _round(port, files, clients, uploads)
            elapsed = time.perf_counter() - started
            sampler.stop.set()
            sampler.join()
            memory_after = _tree_mb(server.pid)
            still_up = _answers(port)
            if not still_up:  # keep the server's log: the run's temporary folder is about to go
                kept = Path(tempfile.gettempdir()) / f"jobkit-web-load-{port}.log"
                shutil.copyfile(Path(folder) / "gunicorn.log", kept)
                print(f"the server stopped answering; its log: {kept}", file=sys.stderr)
        finally:
            server.terminate()
            server.wait(timeout=30)
    statuses: Counter[int | str] = Counter()
    for thread in threads:
        statuses.update(thread.statuses)
    latencies = sorted(t for thread in threads for t in thread.latencies)
    failures = sum(n for status, n in statuses.items() if not isinstance(status, int) or status >= 500)
    p99 = latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))]
    median = statistics.median(latencies)
    return {
        "requests": sum(statuses.values()), "workers": workers, "clients": clients, "errors": failures,
        "ok": statuses.get(200, 0), "rejected_4xx": sum(n for s, n in statuses.items() if isinstance(s, int) and 400 <= s < 500),
        "median_ms": median * 1000, "p99_ms": p99 * 1000, "p99_over_median": p99 / median,
        "per_second": len(latencies) / elapsed, "memory_before_mb": memory_before, "memory_after_mb": memory_after,
        "web_first_mb": _trend(sampler.web)[0], "web_last_mb": _trend(sampler.web)[1],
        "workers_first_mb": _trend(sampler.workers)[0], "workers_last_mb": _trend(sampler.workers)[1],
        "samples": len(sampler.web),
        "still_answers": float(still_up),
    }


SETTINGS = {"threads": ({"threads": 8}, {"threads": 1}), "engine": ({"engine": "pdfminer"}, {"engine": "pdfium"})}


def compare(setting: str, clients: int, uploads: int, rounds: int = 2) -> None:
    """Throughput of two server settings in ABBA rounds (a fresh server per run): the ratio B / A per round."""
    first, second = SETTINGS[setting]
    rates: dict[int, list[float]] = {0: [], 1: []}
    for turn in range(rounds):
        for which in ((0, 1, 1, 0) if turn % 2 == 0 else (1, 0, 0, 1)):
            rates[which].append(run(clients, uploads, **(first, second)[which])["per_second"])
    ratios = [b / a for a, b in zip(rates[0], rates[1])]
    print(f"{setting}: {first} {statistics.median(rates[0]):.1f} uploads/s, {second} "
          f"{statistics.median(rates[1]):.1f} uploads/s (medians of {len(rates[0])} runs each, ABBA)")
    print(f"ratio {second} / {first}: median {statistics.median(ratios):.2f}x, rounds "
          + ", ".join(f"{r:.2f}" for r in ratios))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--uploads", type=int, default=500, help="uploads per client")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: CPUs, at least 2)")
    parser.add_argument("--compare", choices=sorted(SETTINGS),
                        help="ABBA rounds of two server settings: threads (8 vs 1 per worker) or engine (pdfminer vs pdfium)")
    args = parser.parse_args()
    if args.compare:
        compare(args.compare, args.clients, args.uploads)
        return
    r = run(args.clients, args.uploads, args.workers)
    print(f"requests:                   {r['requests']:.0f} ({r['clients']:.0f} clients, {r['workers']:.0f} gunicorn workers)")
    print(f"answered 200 / 4xx:         {r['ok']:.0f} / {r['rejected_4xx']:.0f} (4xx: unreadable corpus files)")
    print(f"5xx and failed connections: {r['errors']:.0f}  (goal 0)")
    print(f"latency median / p99:       {r['median_ms']:.0f} ms / {r['p99_ms']:.0f} ms  "
          f"= {r['p99_over_median']:.2f}x  (goal <= 3)")
    print(f"throughput:                 {r['per_second']:.1f} uploads/s")
    print(f"memory after warm-up / end: {r['memory_before_mb']:.0f} MB / {r['memory_after_mb']:.0f} MB (all processes)")
    print(f"web processes, trend:       {r['web_first_mb']:.0f} -> {r['web_last_mb']:.0f} MB "
          f"(median of first and last quarter of {r['samples']:.0f} samples; goal: flat, < +10%)")
    print(f"check workers, trend:       {r['workers_first_mb']:.0f} -> {r['workers_last_mb']:.0f} MB "
          "(replaced every 200 checks)")
    print(f"answers after the load:     {'yes' if r['still_answers'] else 'NO'}")


if __name__ == "__main__":
    main()
