"""Write the report JSON of every corpus resume, to compare two versions of jobkit byte for byte.

    python bench/corpus_json.py before/          # on the old code
    python bench/corpus_json.py after/           # on the new code
    diff -r before/ after/ && echo identical

Each resume in the corpus (resumes/ and offlinecv/) is checked against the default role
and against every posting in jobs/, with its text and contact details, in every output
format (JSON with text, JSON without contact, text, CSV, HTML); a file that cannot be read
writes its error code and message. A refactor that must not change what users see
leaves the two folders identical (a new ``reader`` version or today's date aside, both
runs use the same installed engines on the same day).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jobkit import check_resume  # noqa: E402
from jobkit.config import Limits  # noqa: E402
from jobkit.errors import JobkitError  # noqa: E402
from jobkit.match.target import posting_target, role_target  # noqa: E402
from jobkit.output.registry import export_report  # noqa: E402
from bench.common import corpus_folder, resume_files  # noqa: E402

def _targets() -> dict[str, object]:
    targets: dict[str, object] = {"role": role_target("medical-records-technician")}
    for path in sorted(corpus_folder("jobs").glob("j*.*")):
        targets[path.stem[:3]] = posting_target(path.read_text(encoding="utf-8"))
    return targets


def _outputs(data: bytes, name: str, target: object, limits: Limits) -> dict[str, str]:
    try:
        report = check_resume(data, target=target, filename=name, limits=limits)
    except JobkitError as exc:
        return {"error.json": json.dumps(exc.to_dict(), sort_keys=True)}
    record = report.to_record(include_text=True)
    return {
        "full.json": json.dumps(report.to_dict(include_text=True), indent=1, sort_keys=True),
        "nocontact.json": json.dumps(report.to_dict(include_contact=False), indent=1, sort_keys=True),
        "report.txt": export_report(record, "text"),
        "row.csv": export_report(record, "csv"),
        "page.html": export_report(record, "html"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="only the first N resumes (0: all)")
    parser.add_argument("--engine", choices=("pdfminer", "pdfium"), default="pdfminer", help="the PDF engine")
    parser.add_argument("--targets", default="", help="only these targets, comma-separated (role,j01,...)")
    args = parser.parse_args()
    files = resume_files("resumes") + resume_files("offlinecv")
    files = files[: args.limit] if args.limit else files
    targets = _targets()
    if args.targets:
        targets = {key: value for key, value in targets.items() if key in args.targets.split(",")}
    limits = Limits(pdf_engine=args.engine)
    for path in files:
        data = path.read_bytes()
        for key, target in targets.items():
            for suffix, text in _outputs(data, path.name, target, limits).items():
                out = args.out / path.parent.name / path.name / f"{key}.{suffix}"
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(text, encoding="utf-8")
    print(f"{len(files)} resumes x {len(targets)} targets written to {args.out}")


if __name__ == "__main__":
    main()
