"""ATS formatting advice: the reader's findings, ordered by harm, each with its fix."""

from __future__ import annotations

from jobkit.model.check_results import FormattingAdvice
from jobkit.model.document import Finding
from jobkit.model.severity import severity_rank
from jobkit.model.finding_codes import finding_info



def formatting_advice(findings: list[Finding]) -> list[FormattingAdvice]:
    """Findings turned into advice, the most harmful first."""
    rows = []
    for finding in findings:
        info = finding_info(finding.code)
        advice = FormattingAdvice(finding.code, finding.severity, info.title, finding.message, info.fix,  # type: ignore[arg-type]
                                  finding.where)
        rows.append(((severity_rank(finding.severity), info.rank), advice))
    rows.sort(key=lambda row: row[0])
    return [advice for _, advice in rows]
