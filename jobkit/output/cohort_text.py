"""A batch's cohort summary as text lines: what ``jobkit batch`` prints when it finishes."""

from __future__ import annotations

from jobkit.model.cohort_summary import CohortSummary, RubricSummary
from jobkit.model.finding_codes import error_words


def cohort_lines(summary: CohortSummary, target_label: str) -> list[str]:
    """Counts, medians, what is most often missing, formatting problems, pass rates and why files were unreadable."""
    lines = [f"Checked {summary.checked} of {summary.total} files against {target_label}; "
             f"{summary.errors} could not be read."]
    if summary.checked:
        lines.append(f"Median keyword match {summary.median_score}, median readiness {summary.median_readiness}; "
                     f"{summary.over_length} over the target length.")
        lines.append("Most often missing: " + ", ".join(f"{m.term} ({m.share}%)" for m in summary.most_missing[:5]))
        if summary.formatting:
            lines.append("Formatting problems: " + ", ".join(f"{f.title} {f.count}" for f in summary.formatting[:6]))
    if summary.rubric:
        lines += rubric_lines(summary.rubric)
    if summary.error_codes:
        lines.append("Could not be checked: " + ", ".join(f"{n} {error_words(code)}" for code, n in summary.error_codes.items()))
    return lines


MAX_FAILING_NAMED = 8  # per criterion in the terminal; summary.json and the CSV have them all


def rubric_lines(rubric: RubricSummary) -> list[str]:
    """The cohort's pass rates on a program's rubric."""
    lines = [f"Program {rubric.program.name}: {rubric.all_passed} of {rubric.checked} "
             f"pass every criterion ({rubric.all_passed_rate}%)."]
    for c in rubric.criteria:
        lines.append(f"  {c.label}: {c.passed} of {rubric.checked} ({c.rate}%)")
        if c.failing:
            shown = ", ".join(c.failing[:MAX_FAILING_NAMED])
            more = f" and {len(c.failing) - MAX_FAILING_NAMED} more" if len(c.failing) > MAX_FAILING_NAMED else ""
            lines.append(f"    not passing: {shown}{more}")
    return lines
