"""Outcomes joined to a batch (:class:`OutcomeJoin`) as text and as a per-student CSV.

``jobkit batch-outcomes`` prints the text and writes the CSV; the Outcomes page offers the same CSV.
Every cell goes through :class:`SafeDictWriter`, so a file name or id such as ``=HYPERLINK(...)``
is never run as a formula.
"""

from __future__ import annotations

from typing import IO, Any

from jobkit.model.outcome_results import CriterionOutcome, GroupRate, JoinedStudent, MedianOutcome, OutcomeJoin
from jobkit.model.schema import jsonable
from jobkit.output.csv_format import SafeDictWriter

TOO_FEW = "too few to compare"
CSV_FIELDS = ["file", "student_id", "status", "score", "readiness", "criteria_passed", "criteria_judged",
              "interviews", "offers", "exam_passed", "date", "error"]


def _shown(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def rate_words(rate: GroupRate) -> str:
    """``"60% (3 of 5)"``, or ``"n/a (0 of 0)"`` for an empty group."""
    shown = "n/a" if rate.rate is None else f"{rate.rate}%"
    return f"{shown} ({rate.passed} of {rate.total})"


def _difference(too_few: bool, difference: float | None, unit: str = "") -> str:
    if too_few or difference is None:
        return f"; {TOO_FEW}"
    return f"; difference {difference:+g}{unit}" if difference else "; no difference"


def _criterion_line(c: CriterionOutcome) -> str:
    tail = _difference(c.too_few, c.difference, " points")
    groups = f"interviewed {rate_words(c.interviewed)}, not interviewed {rate_words(c.not_interviewed)}"
    return f"  {c.label}: {groups}{tail}"


def _median_line(m: MedianOutcome) -> str:
    tail = _difference(m.too_few, m.difference)
    return (f"  Median {m.measure.lower()}: interviewed {_shown(m.interviewed)} (of {m.interviewed_count}), "
            f"not interviewed {_shown(m.not_interviewed)} (of {m.not_interviewed_count}){tail}")


def overview_lines(join: OutcomeJoin) -> list[str]:
    """Who was joined, and who was left out and why."""
    lines = [f"Joined {join.outcomes} to {join.resumes} students in {join.results}: {join.with_outcome} with an "
             f"outcome row, {join.no_outcome} with no outcome on file (counted apart, never as 'no interview')."]
    lines.append(f"With an outcome row: {join.interviewed} interviewed (1 or more interviews), {join.not_interviewed} "
                 f"not interviewed (0 interviews), {join.interviews_unknown} with the interviews cell blank.")
    if join.unmatched:
        lines.append(f"{len(join.unmatched)} outcome row(s) match no resume in {join.results}: "
                     + ", ".join(join.unmatched[:10]) + (" ..." if len(join.unmatched) > 10 else ""))
    if join.duplicates:
        lines.append(f"{join.results}: {join.duplicates} repeated student(s); the first of each was used.")
    return lines


def outcomes_text(join: OutcomeJoin, limit: int = 50) -> str:
    """What batch-outcomes prints: the counts, the comparison per criterion and median, then the students."""
    lines = overview_lines(join)
    lines.append(f"Interviewed vs not interviewed (groups under {join.min_group} are marked '{TOO_FEW}'):")
    lines += [_median_line(m) for m in join.medians]
    if join.criteria:
        lines.append("Pass rate per criterion:")
        lines += [_criterion_line(c) for c in join.criteria]
    else:
        lines.append("No program criteria in these results (run the batch with --program, or give --program here).")
    lines.append(join.note)
    lines.append("Students:")
    lines += ["  " + _student_line(s) for s in join.students[:limit]]
    if len(join.students) > limit:
        lines.append(f"  ... and {len(join.students) - limit} more (use -o for all).")
    return "\n".join(lines)


def _criteria_words(student: JoinedStudent) -> str:
    if student.criteria is None:
        return "criteria n/a"
    return f"{student.criteria_passed} of {len(student.criteria)} criteria"


def _student_line(s: JoinedStudent) -> str:
    who = s.file or "(no resume)"
    if s.student_id:
        who += f" [{s.student_id}]"
    if s.file is None:
        resume = "no resume in this batch"
    elif s.error:
        resume = f"not checked ({s.error.rstrip('.')})"
    else:
        resume = f"score {_shown(s.score)}, readiness {_shown(s.readiness)}, {_criteria_words(s)}"
    if s.outcome is None:
        return f"{who}: {resume}; no outcome on file"
    o = s.outcome
    return (f"{who}: {resume}; interviews {_shown(o.interviews)}, offers {_shown(o.offers)}, "
            f"exam passed {_yes_no(o.exam_passed) or 'n/a'}")


def student_row(s: JoinedStudent, labels: dict[str, str]) -> dict[str, Any]:
    """One CSV row; a criterion's column is ``pass``, ``fail`` or blank when not judged."""
    o = s.outcome
    row: dict[str, Any] = {
        "file": s.file or "", "student_id": s.student_id or "", "status": s.status,
        "score": s.score, "readiness": s.readiness, "criteria_passed": s.criteria_passed,
        "criteria_judged": None if s.criteria is None else len(s.criteria), "error": s.error or "",
        "interviews": o.interviews if o else None, "offers": o.offers if o else None,
        "exam_passed": _yes_no(o.exam_passed) if o else "", "date": (o.date or "") if o else "",
    }
    for criterion in labels:
        verdict = (s.criteria or {}).get(criterion)
        row[f"criterion_{criterion}"] = "" if verdict is None else ("pass" if verdict else "fail")
    return row


def write_outcomes_csv(join: OutcomeJoin, handle: IO[str]) -> None:
    """The joined per-student table: one row per resume, then one per outcome row that matched no resume."""
    writer = SafeDictWriter(handle, CSV_FIELDS + [f"criterion_{c}" for c in join.labels])
    writer.writeheader()
    for student in join.students:
        writer.writerow(student_row(student, join.labels))


def outcomes_json(join: OutcomeJoin) -> dict[str, Any]:
    """The join as JSON; each student says its status ("joined", "no outcome on file", "no resume in this batch")."""
    data: dict[str, Any] = jsonable(join)
    data["students"] = [{"status": s.status, **jsonable(s)} for s in join.students]
    return data
