"""Two batch runs side by side (``jobkit batch-compare OLD.jsonl NEW.jsonl``): what changed per student and for the cohort.

Students are matched by file name: the last part of the path, ignoring case
(``class.zip/2027/Jane.PDF`` and ``jane.pdf`` are one student), or by a
student id from a roster CSV (``file`` and ``student_id`` columns), so
``jane-fall.pdf`` and ``jane-doe-spring.docx`` can be one student. Criteria
come from the runs' "rubric" keys (``jobkit batch --program``), or are worked
out again from the stored reports when a program is given, so both runs are
judged by the same rubric.
"""

from __future__ import annotations

import json
import os
import statistics
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from jobkit.batch.rubric import RubricResult, criterion_labels, evaluate
from jobkit.data.programs import Program
from jobkit.errors import InvalidInput
from jobkit.model.report_record import ReportRecord
from jobkit.output.csv_format import SafeDictWriter
from jobkit.output.html_format import environment, stylesheet

if TYPE_CHECKING:
    from jobkit.batch.pipeline import BatchResult

CHANGE_BINS = (("Down 10 or more", -1000, -10), ("Down 1 to 9", -9, -1), ("No change", 0, 0),
               ("Up 1 to 9", 1, 9), ("Up 10 or more", 10, 1000))


@dataclass
class Entry:
    """One resume of one run."""

    file: str
    score: int | None = None
    readiness: int | None = None
    error: str | None = None
    criteria: dict[str, bool] | None = None  # None: no rubric for this resume


@dataclass
class Run:
    path: str
    entries: dict[str, Entry] = field(default_factory=dict)
    duplicates: int = 0
    labels: dict[str, str] = field(default_factory=dict)
    roster: "Roster | None" = None  # students keyed by a roster's ids where it has the file

    def add(self, entry: Entry) -> None:
        """Keep ``entry`` under its student key; a repeated student is counted, the first one kept."""
        key = student_key(entry.file, self.roster)
        if key in self.entries:
            self.duplicates += 1
        else:
            self.entries[key] = entry

    def scores(self, keys: list[str] | None = None) -> list[int]:
        chosen = (self.entries[k] for k in keys) if keys is not None else self.entries.values()
        return [e.score for e in chosen if e.score is not None]


Roster = dict[str, str]  # file base name, case-folded -> student id


def student_key(file: str, roster: Roster | None = None) -> str:
    """How two runs name the same student: the roster's id for the file, else the file's base name, ignoring case."""
    name = os.path.basename(file.replace("\\", "/")).casefold()
    if roster and name in roster:
        return "id:" + roster[name]
    return name


def read_roster(path: str | os.PathLike[str]) -> Roster:
    """A roster CSV: a ``file`` column (the resume's file name) and a ``student_id`` (or ``id``) column."""
    import csv

    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InvalidInput(f"{path.name}: cannot be read as a CSV file ({exc}).") from None
    columns = {c.strip().casefold(): c for c in (rows[0].keys() if rows else ()) if c}
    id_column = columns.get("student_id") or columns.get("id")
    if "file" not in columns or id_column is None:
        raise InvalidInput(f"{path.name}: a roster needs a 'file' column and a 'student_id' column.")
    roster: Roster = {}
    for number, row in enumerate(rows, 2):
        file, student = (row.get(columns["file"]) or "").strip(), (row.get(id_column) or "").strip()
        if not file or not student:
            raise InvalidInput(f"{path.name}, line {number}: both 'file' and '{id_column}' must be filled in.")
        roster[os.path.basename(file.replace("\\", "/")).casefold()] = student
    return roster


def _entry(file: str, record: ReportRecord | None, error: dict[str, Any] | None, rubric: RubricResult | None,
           labels: dict[str, str]) -> Entry:
    """One resume of a run; a scan with no text counts as not checked, as in the cohort summary."""
    entry = Entry(file)
    if record is None:
        entry.error = str((error or {}).get("message", "could not be read"))
    elif record.unreadable:
        entry.error = "a scan with no text"
    else:
        entry.score, entry.readiness = record.score, record.summary.readiness
        if rubric is not None:
            entry.criteria = {c.id: c.passed for c in rubric.criteria}
            for c in rubric.criteria:
                labels.setdefault(c.id, c.label)
    return entry


def _from_line(payload: dict[str, Any], program: Program | None, labels: dict[str, str]) -> Entry:
    """A JSON line as an entry: judged again by ``program`` when given, else by the rubric it stored."""
    report = payload.get("report")
    record = None if report is None else ReportRecord.from_dict(report)
    rubric = None
    if record is not None and not record.unreadable:
        if program is not None:
            rubric = evaluate(program, record)
        elif isinstance(payload.get("rubric"), dict):
            rubric = RubricResult.from_dict(payload["rubric"])
    return _entry(str(payload["file"]), record, payload.get("error"), rubric, labels)


def run_from_results(name: str, results: Iterable["BatchResult"], program: Program | None = None,
                     roster: Roster | None = None) -> Run:
    """A stored batch (the Batch page's) as a run; criteria from each result's stored rubric.

    With ``program``, only rubrics of that program count, labelled as it labels them.
    """
    run = Run(name, labels=criterion_labels(program) if program else {}, roster=roster)
    for result in results:
        rubric = result.rubric if program is None or (result.rubric and result.rubric.program == program.id) else None
        run.add(_entry(result.file, result.report, result.error, rubric, run.labels))
    return run


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    yield number, line
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"{path.name}: cannot be read as JSON lines ({exc}).") from None


def read_run(path: str | os.PathLike[str], program: Program | None = None, roster: Roster | None = None) -> Run:
    """The resumes of one ``jobkit batch --jsonl`` file, by student key (the first of a repeated name wins)."""
    path = Path(path)
    run = Run(str(path), labels=criterion_labels(program) if program else {}, roster=roster)
    for number, line in _lines(path):
        try:
            entry = _from_line(json.loads(line), program, run.labels)
        except RecursionError:  # arrays or objects nested past what json can decode
            raise InvalidInput(f"{path.name}, line {number}: not a jobkit batch result (nested too deeply).") from None
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise InvalidInput(f"{path.name}, line {number}: not a jobkit batch result ({type(exc).__name__}).") from None
        run.add(entry)
    return run


def _rate(run: Run, criterion: str, keys: list[str] | None = None) -> tuple[int, int]:
    chosen = [run.entries[k] for k in keys] if keys is not None else list(run.entries.values())
    judged = [e.criteria[criterion] for e in chosen if e.criteria is not None and criterion in e.criteria]
    return sum(judged), len(judged)


def _percent(passed: int, total: int) -> int | None:
    return round(100 * passed / total) if total else None


def _student(key: str, old: Entry, new: Entry, criteria: list[str]) -> dict[str, Any]:
    row: dict[str, Any] = {"key": key, "file": new.file, "old_file": old.file,
                           "old_score": old.score, "new_score": new.score,
                           "old_readiness": old.readiness, "new_readiness": new.readiness,
                           "old_error": old.error, "new_error": new.error}
    row["score_change"] = new.score - old.score if old.score is not None and new.score is not None else None
    row["readiness_change"] = (new.readiness - old.readiness
                               if old.readiness is not None and new.readiness is not None else None)
    before, after = old.criteria or {}, new.criteria or {}
    row["criteria"] = {c: {"old": before.get(c), "new": after.get(c)} for c in criteria}
    row["improved"] = [c for c in criteria if before.get(c) is False and after.get(c) is True]
    row["regressed"] = [c for c in criteria if before.get(c) is True and after.get(c) is False]
    return row


def _change_order(student: dict[str, Any]) -> tuple[Any, ...]:
    """Biggest gains first, then no change, then losses; a student checked only once goes last."""
    score, readiness = student["score_change"], student["readiness_change"]
    net = len(student["improved"]) - len(student["regressed"])
    return (score is None, -(score or 0), -(readiness or 0), -net, student["key"])


def changed(student: dict[str, Any]) -> bool:
    """Anything different between the runs (a file unreadable in both counts as unchanged)."""
    return bool(student["score_change"] or student["readiness_change"] or student["improved"] or student["regressed"]
                or (student["old_score"] is None) != (student["new_score"] is None))


def _median(values: list[int]) -> float | None:
    return statistics.median(values) if values else None


def compare_runs(old: Run, new: Run) -> dict[str, Any]:
    """Per student and cohort changes between two runs (a dict for the text, CSV and HTML)."""
    labels = {**old.labels, **new.labels}
    criteria = list(labels)
    matched = sorted(set(old.entries) & set(new.entries))
    students = [_student(k, old.entries[k], new.entries[k], criteria) for k in matched]
    students.sort(key=_change_order)
    rates = []
    for criterion in criteria:
        old_passed, old_total = _rate(old, criterion)
        new_passed, new_total = _rate(new, criterion)
        before, after = _percent(old_passed, old_total), _percent(new_passed, new_total)
        rates.append({"id": criterion, "label": labels[criterion], "old_passed": old_passed, "old_total": old_total,
                      "new_passed": new_passed, "new_total": new_total, "old_rate": before, "new_rate": after,
                      "change": after - before if before is not None and after is not None else None})
    changes = [s["score_change"] for s in students if s["score_change"] is not None]
    bins = [{"label": label, "count": sum(1 for c in changes if low <= c <= high)} for label, low, high in CHANGE_BINS]
    return {
        "old": {"path": os.path.basename(old.path), "total": len(old.entries), "duplicates": old.duplicates,
                "median_score": _median(old.scores()), "median_readiness": _median(
                    [e.readiness for e in old.entries.values() if e.readiness is not None])},
        "new": {"path": os.path.basename(new.path), "total": len(new.entries), "duplicates": new.duplicates,
                "median_score": _median(new.scores()), "median_readiness": _median(
                    [e.readiness for e in new.entries.values() if e.readiness is not None])},
        "matched": len(matched),
        "matched_by": "student id (from the roster) or file name" if old.roster or new.roster else "file name",
        "only_old": sorted(old.entries[k].file for k in set(old.entries) - set(new.entries)),
        "only_new": sorted(new.entries[k].file for k in set(new.entries) - set(old.entries)),
        "matched_median_change": _median(changes),
        "score_changes": bins,
        "criteria": rates,
        "labels": labels,
        "students": students,
    }


def _signed(value: float | int | None, unit: str = "") -> str:
    if value is None:
        return "n/a"
    return f"{value:+g}{unit}" if value else f"0{unit}"


def _pair(old: Any, new: Any) -> str:
    return f"{_shown(old)} -> {_shown(new)}"


def _shown(value: Any) -> str:
    if value is None:
        return "n/a"
    return f"{value:g}" if isinstance(value, float) else str(value)


def progress_text(progress: dict[str, Any], limit: int = 50) -> str:
    """What batch-compare prints."""
    old, new = progress["old"], progress["new"]
    lines = [f"Compared {old['total']} resumes in {old['path']} with {new['total']} in {new['path']}: "
             f"{progress['matched']} matched by {progress['matched_by']}, {len(progress['only_old'])} only in {old['path']}, "
             f"{len(progress['only_new'])} only in {new['path']}."]
    for run in (old, new):
        if run["duplicates"]:
            lines.append(f"{run['path']}: {run['duplicates']} repeated file name(s); the first of each was compared.")
    lines.append(f"Median keyword match {_pair(old['median_score'], new['median_score'])}, median readiness "
                 f"{_pair(old['median_readiness'], new['median_readiness'])}; matched students' median change "
                 f"{_signed(progress['matched_median_change'])}.")
    if progress["criteria"]:
        lines.append("Pass rate per criterion:")
        for c in progress["criteria"]:
            lines.append(f"  {c['label']}: {_pair(_pct(c['old_rate']), _pct(c['new_rate']))} "
                         f"({_signed(c['change'], ' points')})")
    moved = [s for s in progress["students"] if changed(s)]
    if moved:
        lines.append("Students who changed (biggest gains first):")
    for student in moved[:limit]:
        lines.append("  " + _student_line(student, progress["labels"]))
    if len(moved) > limit:
        lines.append(f"  ... and {len(moved) - limit} more (use --csv or --html for all).")
    if len(moved) < progress["matched"]:
        lines.append(f"{progress['matched'] - len(moved)} matched student(s) unchanged.")
    return "\n".join(lines)


def _pct(rate: int | None) -> str | None:
    return None if rate is None else f"{rate}%"


def _student_line(student: dict[str, Any], labels: dict[str, str]) -> str:
    who = f"{student['key'][3:]} ({student['file']})" if student["key"].startswith("id:") else student["file"]
    text = (f"{who}: keyword match {_pair(student['old_score'], student['new_score'])} "
            f"({_signed(student['score_change'])}), readiness {_pair(student['old_readiness'], student['new_readiness'])} "
            f"({_signed(student['readiness_change'])})")
    if student["improved"]:
        text += "; now passes: " + ", ".join(labels[c] for c in student["improved"])
    if student["regressed"]:
        text += "; no longer passes: " + ", ".join(labels[c] for c in student["regressed"])
    if student["new_error"]:
        text += f"; not checked now: {student['new_error']}"
    return text


def progress_csv_fields(progress: dict[str, Any]) -> list[str]:
    fields = ["file", "student_id", "status", "old_score", "new_score", "score_change", "old_readiness", "new_readiness",
              "readiness_change", "criteria_improved", "criteria_regressed"]
    for criterion in progress["labels"]:
        fields += [f"criterion_{criterion}_old", f"criterion_{criterion}_new"]
    return fields


def _verdict(value: bool | None) -> str:
    return "" if value is None else ("pass" if value else "fail")


def write_progress_csv(progress: dict[str, Any], handle: IO[str]) -> None:
    """One row per student: matched ones with their changes, then those in only one run."""
    writer = SafeDictWriter(handle, progress_csv_fields(progress))
    writer.writeheader()
    for student in progress["students"]:
        row = {key: student[key] for key in ("file", "old_score", "new_score", "score_change", "old_readiness",
                                             "new_readiness", "readiness_change")}
        row.update(status="matched", student_id=student["key"][3:] if student["key"].startswith("id:") else "",
                   criteria_improved="; ".join(student["improved"]),
                   criteria_regressed="; ".join(student["regressed"]))
        for criterion, pair in student["criteria"].items():
            row[f"criterion_{criterion}_old"], row[f"criterion_{criterion}_new"] = _verdict(pair["old"]), _verdict(pair["new"])
        writer.writerow(row)
    for status, files in (("only_old", progress["only_old"]), ("only_new", progress["only_new"])):
        for file in files:
            writer.writerow({"file": file, "status": status})


def render_progress_html(progress: dict[str, Any]) -> str:
    """A self-contained HTML page of the changes, with inline SVG bars."""
    return environment().get_template("progress_standalone.html").render(progress=progress, css=stylesheet())
