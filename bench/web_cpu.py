"""Web CPU per request: an upload to the report page (POST /check) beside the same check in process.

Posts every PDF in the offlinecv corpus folder to the app's upload form through Flask's test client, the way a
browser sends it (a multipart body built once, before timing; the form's CSRF token and the session cookie; the
rate limiter on, with a rate no run reaches; a production secret key), and runs
``jobkit.pipeline.check_resume`` on the same bytes, in ABBA rounds (``bench.common.interleaved``). CPU time is
the process tree's (``bench.common._cpu``: this process, every thread, and the check worker processes when
isolation is on), so the ratio is what a server spends per upload over what the check itself costs.

Goal (issue 33): web CPU per request <= 1.2x the in-process check.

    python bench/web_cpu.py                      # default engine, checks in this process
    python bench/web_cpu.py --engine pdfium      # the fast engine
    python bench/web_cpu.py --isolate            # checks in the worker pool, as the server ships
    python bench/web_cpu.py --api                # the JSON API's upload (POST /api/v1/check) instead of the page
    python bench/web_cpu.py --profile            # cProfile of the upload requests: where the web's CPU goes
"""

from __future__ import annotations

import argparse
import re
import secrets
import sys
import uuid
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import interleaved, pdfs  # noqa: E402

ROLE = "medical-records-technician"
GOAL = 1.2
PAGE, API = "/check", "/api/v1/check"  # the report page's upload form, the JSON API


def _app(engine: str, isolate: bool) -> Any:
    from jobkit.web import create_app

    app = create_app({"SECRET_KEY": secrets.token_hex(32), "JOBKIT_ISOLATE": isolate, "JOBKIT_WORKERS": 1,
                      "JOBKIT_CHECK_RATE": "1000000 per minute"})
    app.config["JOBKIT_LIMITS"] = replace(app.config["JOBKIT_LIMITS"], pdf_engine=engine)
    return app


def _form(token: str, name: str, data: bytes) -> tuple[bytes, str]:
    """The upload form's multipart body as a browser sends it, and its content type."""
    boundary = uuid.uuid4().hex
    fields = {"csrf_token": token, "role": ROLE, "job": "", "pages": "", "federal": "auto", "apply_url": ""}
    parts = [f"--{boundary}\r\nContent-Disposition: form-data; name=\"{key}\"\r\n\r\n{value}\r\n".encode()
             for key, value in fields.items()]
    parts.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"resume\"; filename=\"{name}\"\r\n"
                 "Content-Type: application/pdf\r\n\r\n".encode() + data + f"\r\n--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def contenders(engine: str = "pdfminer", isolate: bool = False,
               path: str = PAGE) -> tuple[dict[str, Callable[[], object]], Any]:
    """The in-process check and the upload request to ``path``, each over every offlinecv PDF; and the app (to close)."""
    from jobkit.pipeline import check_resume

    files = [(path.name, path.read_bytes()) for path in pdfs()]
    app = _app(engine, isolate)
    client = app.test_client()
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/").get_data(as_text=True))
    bodies = [_form(token.group(1) if token else "", name, data) for name, data in files]
    limits = app.config["JOBKIT_LIMITS"]

    def check() -> None:
        for name, data in files:
            check_resume(data, role=ROLE, filename=name, limits=limits)

    def web() -> None:
        for body, content_type in bodies:
            response = client.post(path, data=body, content_type=content_type)
            if response.status_code not in (200, 422):  # 422: a file with no text an ATS can read
                raise SystemExit(f"POST {path} answered {response.status_code}")
            response.get_data()

    check(), web()  # warm up: matchers compiled, templates loaded, the worker pool started
    return {"in-process check": check, f"web upload (POST {path})": web}, app


def run(rounds: int = 3, engine: str = "pdfminer", isolate: bool = False, path: str = PAGE) -> dict[str, Any]:
    timed, app = contenders(engine, isolate, path)
    try:
        results = interleaved(timed, rounds)
    finally:
        pool = app.extensions.get("jobkit_pool")
        if pool is not None:
            pool.close()
    check, web = (results[name] for name in timed)
    files = len(pdfs())
    return {"ratio": web["ratio"], "check_ms": 1000 * check["cpu_median"] / files,
            "web_ms": 1000 * web["cpu_median"] / files, "extra_ms": 1000 * (web["cpu_median"] - check["cpu_median"]) / files,
            "wall_ratio": web["wall_ratio"], "files": files, "rounds": rounds, "engine": engine, "isolate": isolate,
            "path": path, "goal": GOAL}


def profile(engine: str, isolate: bool, path: str, top: int = 30) -> None:
    import cProfile
    import pstats

    timed, _app = contenders(engine, isolate, path)
    profiler = cProfile.Profile()
    profiler.runcall(timed[f"web upload (POST {path})"])
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("cumulative").print_stats(top)
    stats.print_callees("(pages|api).py.*\\(check\\)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", default="pdfminer", choices=("pdfminer", "pdfium"))
    parser.add_argument("--isolate", action="store_true", help="checks in the worker pool, as the server ships")
    parser.add_argument("--api", action="store_true", help=f"post to {API} instead of the report page")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="profile the upload requests instead of timing them")
    args = parser.parse_args()
    path = API if args.api else PAGE
    if args.profile:
        profile(args.engine, args.isolate, path)
        return
    r = run(args.rounds, args.engine, args.isolate, path)
    where = "the worker pool" if r["isolate"] else "this process"
    print(f"{r['files']} PDFs, {r['engine']}, checks in {where}, {r['rounds']} ABBA rounds (process tree CPU)")
    print(f"in-process check:         {r['check_ms']:.1f} ms CPU per file (median run)")
    print(f"web upload (POST {path}): {r['web_ms']:.1f} ms CPU per request ({r['extra_ms']:+.1f} ms)")
    print(f"web CPU per request / in-process check: {r['ratio']:.2f}x (wall {r['wall_ratio']:.2f}x; goal <= {GOAL}x)")


if __name__ == "__main__":
    main()
