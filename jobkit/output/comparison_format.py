"""Two batch runs compared (:class:`Comparison`) as text, CSV and a standalone HTML page.

``jobkit batch-compare`` prints the text and writes the CSV and HTML; the Batch
page's comparison offers the same CSV and shows the same HTML partial.
"""

from __future__ import annotations

from typing import IO, Any

from jobkit.model.comparison import Comparison, StudentChange
from jobkit.output.csv_format import SafeDictWriter
from jobkit.output.html_format import environment, stylesheet

SCORE_FIELDS = ("old_score", "new_score", "score_change", "old_readiness", "new_readiness", "readiness_change")


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


def _pct(rate: int | None) -> str | None:
    return None if rate is None else f"{rate}%"


def comparison_text(comparison: Comparison, limit: int = 50) -> str:
    """What batch-compare prints: the runs, the medians, pass rates, then the students who changed."""
    lines = _overview(comparison)
    moved = comparison.moved
    if moved:
        lines.append("Students who changed (biggest gains first):")
    lines += ["  " + _student_line(student, comparison.labels) for student in moved[:limit]]
    if len(moved) > limit:
        lines.append(f"  ... and {len(moved) - limit} more (use --csv or --html for all).")
    if len(moved) < comparison.matched:
        lines.append(f"{comparison.matched - len(moved)} matched student(s) unchanged.")
    return "\n".join(lines)


def _overview(comparison: Comparison) -> list[str]:
    old, new = comparison.old, comparison.new
    lines = [f"Compared {old.total} resumes in {old.path} with {new.total} in {new.path}: "
             f"{comparison.matched} matched by {comparison.matched_by}, {len(comparison.only_old)} only in {old.path}, "
             f"{len(comparison.only_new)} only in {new.path}."]
    for run in (old, new):
        if run.duplicates:
            lines.append(f"{run.path}: {run.duplicates} repeated file name(s); the first of each was compared.")
    lines.append(f"Median keyword match {_pair(old.median_score, new.median_score)}, median readiness "
                 f"{_pair(old.median_readiness, new.median_readiness)}; matched students' median change "
                 f"{_signed(comparison.matched_median_change)}.")
    if comparison.criteria:
        lines.append("Pass rate per criterion:")
        lines += [f"  {c.label}: {_pair(_pct(c.old_rate), _pct(c.new_rate))} ({_signed(c.change, ' points')})"
                  for c in comparison.criteria]
    return lines


def _student_line(student: StudentChange, labels: dict[str, str]) -> str:
    who = f"{student.student_id} ({student.file})" if student.student_id else student.file
    text = (f"{who}: keyword match {_pair(student.old_score, student.new_score)} "
            f"({_signed(student.score_change)}), readiness {_pair(student.old_readiness, student.new_readiness)} "
            f"({_signed(student.readiness_change)})")
    if student.improved:
        text += "; now passes: " + ", ".join(labels[c] for c in student.improved)
    if student.regressed:
        text += "; no longer passes: " + ", ".join(labels[c] for c in student.regressed)
    if student.new_error:
        text += f"; not checked now: {student.new_error}"
    return text


def comparison_csv_fields(comparison: Comparison) -> list[str]:
    fields = ["file", "student_id", "status", *SCORE_FIELDS, "criteria_improved", "criteria_regressed"]
    for criterion in comparison.labels:
        fields += [f"criterion_{criterion}_old", f"criterion_{criterion}_new"]
    return fields


def _verdict(value: bool | None) -> str:
    return "" if value is None else ("pass" if value else "fail")


def _student_row(student: StudentChange) -> dict[str, Any]:
    row: dict[str, Any] = {"file": student.file, "status": "matched", "student_id": student.student_id,
                           "criteria_improved": "; ".join(student.improved),
                           "criteria_regressed": "; ".join(student.regressed)}
    row.update({name: getattr(student, name) for name in SCORE_FIELDS})
    for criterion, pair in student.criteria.items():
        row[f"criterion_{criterion}_old"], row[f"criterion_{criterion}_new"] = _verdict(pair.old), _verdict(pair.new)
    return row


def write_comparison_csv(comparison: Comparison, handle: IO[str]) -> None:
    """One row per student: matched ones with their changes, then those in only one run."""
    writer = SafeDictWriter(handle, comparison_csv_fields(comparison))
    writer.writeheader()
    for student in comparison.students:
        writer.writerow(_student_row(student))
    for status, files in (("only_old", comparison.only_old), ("only_new", comparison.only_new)):
        for file in files:
            writer.writerow({"file": file, "status": status})


def render_comparison_html(comparison: Comparison) -> str:
    """A self-contained HTML page of the changes, with inline SVG bars."""
    return environment().get_template("progress_standalone.html").render(progress=comparison, css=stylesheet())
