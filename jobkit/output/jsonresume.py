"""The resume as JSON Resume (jsonresume.org, schema 1.0.0, shipped in jobkit/schemas): ``basics``, ``work``,
``volunteer``, ``education``, ``certificates`` with their issuer, ``skills``. Only what was read: a field jobkit
did not read is left out, never guessed. Where each item came from (its line, how sure the reading is, a
credential's status) is in an ``x-jobkit`` key on the item, which the schema allows.

Every export is checked against the schema before it is returned (:func:`validate_json_resume`).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from jobkit.errors import ExportInvalid
from jobkit.model.report_record import ReportRecord
from jobkit.model.resume_structure import AutofillEntry, JobEntry
from jobkit.output.resume_items import job_bullets

SCHEMA_FILE = "jsonresume-1.0.0.json"
SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
EXTENSION = "x-jobkit"


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    return json.loads(resources.files("jobkit").joinpath("schemas", SCHEMA_FILE).read_text(encoding="utf-8"))


def validate_json_resume(data: dict[str, Any]) -> None:
    """Raise :class:`ExportInvalid` (a ValueError too) naming the first field that breaks the schema."""
    import jsonschema

    validator = jsonschema.Draft4Validator(schema())
    error = next(iter(sorted(validator.iter_errors(data), key=lambda e: list(e.path))), None)
    if error is not None:
        where = "/".join(str(p) for p in error.path) or "(top)"
        raise ExportInvalid(f"The JSON Resume export breaks the schema at {where}: {error.message}")


def _drop_empty(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if v not in (None, "", [], {})}


def _warnings(autofill: tuple[AutofillEntry, ...], kind: str, number: int) -> list[str]:
    entry = next((e for e in autofill if e.kind == kind and e.number == number), None)
    return [w.code for w in entry.warnings] if entry else []


def _job(record: ReportRecord, number: int, job: JobEntry, volunteer: bool) -> dict[str, Any]:
    lines = record.lines or ()
    page = lines[job.first_line].page if job.first_line < len(lines) else None
    warnings = _warnings(record.autofill, "job", number)
    item = {("organization" if volunteer else "name"): job.employer, "position": job.title,
            "startDate": job.start_text, "endDate": None if job.current else job.end_text,
            "highlights": job_bullets(lines, job, pdf=record.format == "pdf")}
    if not volunteer:
        item["location"] = job.location
    item = _drop_empty(item)
    item[EXTENSION] = _drop_empty({"line": job.first_line + 1, "page": page, "current": job.current or None,
                                   "confidence": "check" if warnings else "read", "warnings": warnings})
    return item


def json_resume(record: ReportRecord) -> dict[str, Any]:
    """The report's resume as a JSON Resume document (schema 1.0.0)."""
    contact, structure = record.contact, record.structure
    basics: dict[str, Any] = {}
    if contact is not None:
        city, _, region = (contact.location or "").partition(",")
        basics = _drop_empty({"name": contact.name, "email": contact.email, "phone": contact.phone,
                              "url": contact.urls[0] if contact.urls else None,
                              "location": _drop_empty({"city": city.strip(), "region": region.strip()}),
                              "profiles": [{"network": "LinkedIn", "url": contact.linkedin}] if contact.linkedin else []})
    data: dict[str, Any] = {"$schema": SCHEMA_URL, "basics": basics}
    if structure is not None:
        numbered = list(enumerate(structure.jobs, 1))
        data["work"] = [_job(record, n, job, False) for n, job in numbered if job.section != "volunteer"]
        data["volunteer"] = [_job(record, n, job, True) for n, job in numbered if job.section == "volunteer"]
        data["education"] = [dict(_drop_empty({"institution": s.school, "studyType": s.credential, "area": s.field,
                                               "endDate": s.year}),
                                  **{EXTENSION: _drop_empty({"line": s.line + 1, "level": s.level,
                                                             "expected": s.expected or None,
                                                             "warnings": _warnings(record.autofill, "school", n)})})
                             for n, s in enumerate(structure.education, 1)]
        data["certificates"] = [
            {"name": f"{c.name} ({c.acronym})", "issuer": c.issuer_name or c.issuer,
             EXTENSION: {"line": c.line + 1, "status": c.status, "acronym": c.acronym}}
            for c in structure.certifications] + [{"name": name} for name in structure.other_certifications]
        data["skills"] = [{"name": skill} for skill in structure.skills]
    data["meta"] = {"version": "v1.0.0", EXTENSION: {"generator": f"jobkit (scoring {record.scoring_version})",
                                                    "file": record.file, "reader": record.reader}}
    data = {k: v for k, v in data.items() if v not in ([], {}) or k == "basics"}
    validate_json_resume(data)
    return data


def json_resume_text(record: ReportRecord) -> str:
    return json.dumps(json_resume(record), ensure_ascii=False, indent=2)
