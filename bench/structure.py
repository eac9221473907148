"""The resume's structure against hand labels (bench/data/structure_labels.toml, labelled before the code).

    python bench/structure.py            # the figures and goals
    python bench/structure.py --detail   # also every field that differs

Per resume the labels give the name, email and phone, each job (title, employer, start, end as "YYYY-MM",
"YYYY" or "present") and each school (school, credential, year). jobkit's jobs are aligned to the labelled
ones (the most fields in common first, each used once); then per field:
- a labelled field is found when the aligned job's field matches it;
- a field jobkit gives is right when it matches the aligned labelled job's field.
Text fields match when, lower-cased and without punctuation, one holds the other (the labels keep team names
and departments as written); dates match exactly. F1 is over all four job fields together ("jobs and dates").

Goals (issue 31): job field F1 >= 0.9 and date F1 >= 0.9, the name right on every labelled resume (a resume
with no person's name must give none), every JSON Resume export schema-valid.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import CORPUS  # noqa: E402

LABELS = Path(__file__).resolve().parent / "data" / "structure_labels.toml"
GOALS = {"job_f1": 0.9, "date_f1": 0.9, "name_right": 1.0, "exports_valid": 1.0}
JOB_FIELDS = ("title", "employer", "start", "end")
SCHOOL_FIELDS = ("school", "credential", "year")


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", (text or "").lower()).split())


def _same(field: str, got: str, want: str) -> bool:
    if field in ("start", "end", "year"):
        return got == want
    a, b = _norm(got), _norm(want)
    return bool(a and b) and (a == b or a in b or b in a)


def _align(got: list[dict[str, str]], want: list[dict[str, str]], fields: tuple[str, ...]) -> list[tuple[int, int]]:
    scored = sorted(((sum(_same(f, g.get(f, ""), w.get(f, "")) for f in fields), i, j)
                     for i, g in enumerate(got) for j, w in enumerate(want)), key=lambda s: (-s[0], s[1], s[2]))
    used_g: set[int] = set()
    used_w: set[int] = set()
    pairs = []
    for score, i, j in scored:
        if score and i not in used_g and j not in used_w:
            pairs.append((i, j))
            used_g.add(i)
            used_w.add(j)
    return pairs


def _count(got: list[dict[str, str]], want: list[dict[str, str]], fields: tuple[str, ...], tally: dict[str, list[int]],
           detail: str | None) -> None:
    pairs = dict(_align(got, want, fields))
    back = {j: i for i, j in pairs.items()}
    for field in fields:
        t = tally.setdefault(field, [0, 0, 0])  # right given, given, labelled found
        for i, g in enumerate(got):
            if g.get(field):
                t[1] += 1
                ok = i in pairs and _same(field, g[field], want[pairs[i]].get(field, ""))
                t[0] += ok
                if detail and not ok:
                    print(f"  WRONG {detail} {field}: {g[field]!r}" + (f" (label {want[pairs[i]].get(field)!r})" if i in pairs else " (no labelled job)"))
        for j, w in enumerate(want):
            if w.get(field):
                hit = j in back and _same(field, got[back[j]].get(field, ""), w[field])
                tally.setdefault(field + "_found", [0, 0])
                tally[field + "_found"][0] += hit
                tally[field + "_found"][1] += 1
                if detail and not hit:
                    print(f"  MISSED {detail} {field}: {w[field]!r}")


def _f1(tally: dict[str, list[int]], fields: tuple[str, ...]) -> tuple[float, float, float]:
    right = sum(tally[f][0] for f in fields)
    given = sum(tally[f][1] for f in fields)
    found = sum(tally[f + "_found"][0] for f in fields)
    labelled = sum(tally[f + "_found"][1] for f in fields)
    precision, recall = right / max(1, given), found / max(1, labelled)
    return precision, recall, 2 * precision * recall / max(1e-9, precision + recall)


def evaluate(detail: bool = False) -> dict[str, Any]:
    from jobkit import check_resume
    from jobkit.output.jsonresume import json_resume, validate_json_resume

    labels = tomllib.loads(LABELS.read_text(encoding="utf-8"))["resume"]
    tally: dict[str, list[int]] = {}
    names_right = exports_valid = 0
    for label in labels:
        report = check_resume(CORPUS / label["file"])
        record = report.to_record()
        structure = record.structure
        name = (record.contact.name if record.contact else None) or ""
        names_right += _norm(name) == _norm(label.get("name", ""))
        if detail and _norm(name) != _norm(label.get("name", "")):
            print(f"  NAME {label['file']}: {name!r} (label {label.get('name')!r})")
        got_jobs = [{"title": j.title or "", "employer": j.employer or "", "start": j.start_text or "",
                     "end": j.end_text or ""} for j in structure.jobs]
        _count(got_jobs, label.get("jobs", []), JOB_FIELDS, tally, label["file"] if detail else None)
        got_schools = [{"school": s.school or "", "credential": s.credential or "", "year": s.year or ""}
                       for s in structure.education]
        _count(got_schools, label.get("education", []), SCHOOL_FIELDS, tally, label["file"] if detail else None)
        try:
            validate_json_resume(json_resume(record))
            exports_valid += 1
        except ValueError as error:
            print(f"  INVALID export {label['file']}: {error}")
    jobs = _f1(tally, JOB_FIELDS)
    dates = _f1(tally, ("start", "end"))
    schools = _f1(tally, SCHOOL_FIELDS)
    per_field = {f: round(_f1(tally, (f,))[2], 3) for f in JOB_FIELDS + SCHOOL_FIELDS}
    return {"resumes": len(labels), "jobs_labelled": sum(len(r.get("jobs", [])) for r in labels),
            "job_precision": round(jobs[0], 3), "job_recall": round(jobs[1], 3), "job_f1": round(jobs[2], 3),
            "date_f1": round(dates[2], 3), "school_f1": round(schools[2], 3), "per_field_f1": per_field,
            "name_right": round(names_right / len(labels), 3), "exports_valid": round(exports_valid / len(labels), 3)}


def figures() -> dict[str, Any]:
    return evaluate()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--detail", action="store_true")
    args = parser.parse_args()
    result = evaluate(args.detail)
    print(json.dumps(result, indent=2))
    for key, goal in GOALS.items():
        print(f"{key}: {result[key]} (goal {goal}){'' if result[key] >= goal else '  NOT MET'}")


if __name__ == "__main__":
    main()
