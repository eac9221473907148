"""Terminal rendering of a check report, from its :class:`ReportRecord`."""

from __future__ import annotations

from jobkit.model.check_results import CredentialCheck, FederalCheck, FormattingAdvice, LengthCheck, SectionsCheck
from jobkit.output.autofill_text import ats_site_lines, autofill_lines
from jobkit.model.proofreading_results import ImpactCheck, ProofreadingCheck
from jobkit.model.finding_codes import issue_info
from jobkit.model.evidence import Evidence
from jobkit.model.report_record import JobRecord, ReportRecord
from jobkit.model.severity import severity_mark
from jobkit.output.document_text import wrap

BAR_WIDTH = 20


def bar(score: int) -> str:
    filled = round(score / 100 * BAR_WIDTH)
    return "#" * filled + "-" * (BAR_WIDTH - filled)


def highlight(evidence: Evidence) -> str:
    text = evidence.text
    return text[: evidence.start] + "[" + text[evidence.start : evidence.end] + "]" + text[evidence.end :]


def _matched(report: ReportRecord, limit: int) -> list[str]:
    out = [f"Matched ({len(report.matched)}):"]
    for item in report.matched[:limit]:
        evidence = item.evidence[0]
        where = f"{evidence.section}, page {evidence.page}"
        out.append(f"  + {item.term}  [{item.category}, {item.need}, weight {item.weight}]  "
                   f"{evidence.kind} in {where}, counts {round(item.credit * 100)}%")
        out.append(wrap(f'"{highlight(evidence)}"', indent="      "))
        for note in item.notes:
            out.append(wrap(f"note: {note}", indent="      "))
    if len(report.matched) > limit:
        out.append(f"  ... {len(report.matched) - limit} more (use --json for all)")
    return out


def _missing(report: ReportRecord, limit: int) -> list[str]:
    out = [f"Missing, most important first ({len(report.missing)}):"]
    for item in report.missing[:limit]:
        need = item.need
        if item.one_of:
            others = [m.term for m in report.missing if m.one_of == item.one_of and m.id != item.id]
            need += f", any one of it or {' or '.join(others)}" if others else ", one of alternatives"
        out.append(f"  - {item.term}  [{item.category}, {need}, weight {item.weight}]")
        out.append(wrap(item.advice, indent="      "))
        if item.note:
            out.append(wrap(item.note, indent="      "))
    if len(report.missing) > limit:
        out.append(f"  ... {len(report.missing) - limit} more (use --json for all)")
    return out


def _few_terms(count: int) -> str:
    return (f"jobkit recognized only {count} term{'' if count == 1 else 's'} in this posting, so the score says "
            "little; compare the posting's requirements with your resume yourself.")


def _knockouts(job: JobRecord) -> list[str]:
    """What the application's screening questions would ask, with the answer the resume backs."""
    if not job.knockouts:
        return []
    out = ["What the application will ask you (screening questions: a \"no\" to a required one can end an application):"]
    for required in (True, False):
        items = [k for k in job.knockouts if k.required == required]
        if items and not required:
            out.append("  It may also ask (preferred):")
        for item in items:
            alternative = " (one of the alternatives)" if item.one_of else ""
            out.append(wrap(f"- [{item.status}] \"{item.text}\"{alternative}: {item.answer}", indent="  "))
    return out


def _posting(job: JobRecord) -> list[str]:
    out = ["The posting asks for:"]
    if not job.looks_like_him_job:
        out.append(wrap(
            f"Note: this posting names only {job.core_terms} health-information terms; it may not be a medical "
            "records job, so the score says little about fit.", indent="  "))
    if job.few_terms_recognised:
        out.append(wrap(f"Note: {_few_terms(len(job.requirements))}", indent="  "))
    if job.years_of_experience:
        out.append("  experience: " + ", ".join(y.text for y in job.years_of_experience))
    if job.degree:
        out.append(f"  degree: {job.degree}")
    if job.credentials:
        out.append("  credentials: " + ", ".join(job.credentials))
    if job.other_terms:
        out.append("  also stressed (not in any keyword set): "
                   + ", ".join(f"{t.text} ({'in your resume' if t.in_resume else 'not in your resume'})"
                               for t in job.other_terms))
    return out


def _length(length: LengthCheck) -> list[str]:
    mark = "ok" if length.passed else "OVER"
    low, high = length.word_band
    out = [f"Length [{mark}]: {length.message} Counted: {length.how_counted} ({length.confidence}). "
           f"{length.words} words (aim for {low}-{high})."]
    if length.spills_at and not length.passed:
        out.append("  " + length.spills_at)
    out += [wrap("- " + tip, indent="  ") for tip in length.advice]
    return out


STATUS_WORDS = {"held": "held", "in_progress": "in progress", "apprentice": "apprentice"}


def _credentials(credentials: CredentialCheck) -> list[str]:
    out = ["Credentials:"]
    if not credentials.found:
        out.append("  no health-information credential recognized" + (" (what the resume claims is below)" if credentials.claims
                                                                       else " on the resume"))
    for row in credentials.found:
        status = STATUS_WORDS[row.status] + (f" (leads to {row.leads_to})" if row.status == "apprentice" else "")
        out.append(wrap(f"{row.acronym} ({row.name}, {row.issuer}): {status}, page {row.page}. "
                        f"Requires: {row.requires}", indent="  "))
    for claim in credentials.claims:
        out.append(wrap(f"\"{claim.text}\": {claim.note}", indent="  "))
    for wanted in credentials.target:
        out.append(f"  wanted: {wanted.term} ({wanted.need}): {wanted.status.replace('_', ' ')}")
    for issue in credentials.issues:
        out.append(wrap(f"{severity_mark(issue.severity)} {issue_info(issue.code).title}: {issue.message}"))
    out += [wrap("renewal: " + text, indent="  ") for text in credentials.reminders]
    return out


def _sections(sections: SectionsCheck) -> list[str]:
    out = ["Sections and contact: " + ", ".join(s.standard for s in sections.sections)]
    for issue in sections.issues:
        out.append(wrap(f"{severity_mark(issue.severity)} {issue_info(issue.code).title}: {issue.message}"))
    return out


def _proofreading(proofreading: ProofreadingCheck | None) -> list[str]:
    if proofreading is None:
        return []
    if not proofreading.issues:
        return ["Proofreading: no misspellings, repeated lines or walls of text found."]
    out = ["Proofreading:"]
    for issue in proofreading.issues:
        out.append(wrap(f"{severity_mark(issue.severity)} {issue_info(issue.code).title}: {issue.message}"))
    return out


def _impact(impact: ImpactCheck | None) -> list[str]:
    if impact is None or not impact.bullets:
        return []
    out = [f"Impact: {impact.with_outcome} of {impact.bullets} experience bullets show a result or a scale "
           "(a number, a percentage, a volume, a time)."]
    if impact.examples:
        out.append(wrap("like: " + "; ".join(f'"{e}"' for e in impact.examples[:2]), indent="  "))
    for measure in impact.measures:
        out.append(wrap(f"- If you know it, add {measure}.", indent="  "))
    return out


def _formatting(advice: tuple[FormattingAdvice, ...]) -> list[str]:
    out = ["ATS formatting:" if advice else "ATS formatting: nothing an ATS would lose."]
    for row in advice:
        out.append(wrap(f"{severity_mark(row.severity)} {row.title} ({row.where}): {row.message}"))
        out.append(wrap(f"fix: {row.fix}", indent="      "))
    return out


def _unreadable(report: ReportRecord) -> str:
    """The whole report for a file with no text: what an ATS sees, and how to fix it."""
    fix = next((f.fix for f in report.checks.formatting if f.code == "image_only"),
               "Export the original document to PDF (File > Save As > PDF) or Word; never upload a scan or a photo.")
    return "\n".join([
        f"{report.file}: could not be read as text. An ATS sees a blank page.",
        wrap("This file has no text layer (a scan, or a picture of a resume), so an applicant tracking system reads "
             "nothing in it: no name, no skills, no experience. Nothing else in a report would mean anything."),
        wrap(f"Fix: {fix} Then check the new file."),
    ])


def _federal(federal: FederalCheck) -> list[str]:
    out = [wrap(f"Federal rules (USAJOBS) apply: {'; '.join(federal.reasons)}.")]
    out += [wrap("- " + rule, indent="  ") for rule in federal.rules[:3]]
    if federal.grade_note:
        out.append(wrap("  grade: " + federal.grade_note, indent="    "))
    for job in federal.jobs:
        name = " at ".join(filter(None, (job.title, job.employer))) or f"the job on line {job.line + 1}"
        state = "ok" if not job.missing else "missing " + ", ".join(job.missing)
        out.append(wrap(f"  job: {name} ({job.dates}): {state}", indent="       "))
    for path in federal.paths:
        out.append(wrap(f"  basic requirement path: {path.label}: {'shown' if path.met else 'not shown'} ({path.evidence})",
                        indent="    "))
    if federal.gaps:
        out.append(wrap("  gaps between jobs: " + "; ".join(federal.gaps), indent="    "))
    if federal.duties:
        out.append(wrap("  The duties of the announcement's specialized-experience statement:", indent="    "))
    for duty in federal.duties:
        shown = f'shown: "{duty.evidence}" (page {duty.page})' if duty.shown else \
            "not shown: describe this work in the announcement's words under the job where you did it"
        out.append(wrap(f"  duty \"{duty.duty}\": {shown}", indent="    "))
    for text in federal.unsplit:
        out.append(wrap(f"  specialized experience (jobkit could not split it into duties; read it whole): \"{text}\"",
                        indent="    "))
    for issue in federal.issues:
        out.append(wrap(f"{severity_mark(issue.severity)} {issue_info(issue.code).title}: {issue.message}"))
    return out


def render_report(report: ReportRecord, *, limit: int = 12) -> str:
    if report.unreadable:
        return _unreadable(report)
    summary = report.summary
    figure = "no figure" if summary.readiness is None else f"{summary.readiness}/100"
    out = [
        f"{report.file}  vs  {report.target_name}",
        wrap(f"{summary.label} ({figure}): {summary.message}", indent=""),
        wrap(f"ATS readiness: {figure}. {summary.explanation}.", indent=""),
        f"Keyword match: {report.score}/100  {report.band.label}: {report.band.explanation}",
    ]
    for category in report.categories:
        out.append(f"  {category.label:<28} {bar(category.score)} {category.score:>3}%  "
                   f"({category.matched} of {category.total})")
    if summary.top_fixes:
        out.append("Fix first:")
        for number, fix in enumerate(summary.top_fixes, 1):
            out.append(wrap(f"{number}. {fix.title}: {fix.detail}", indent="  "))
    if report.job is not None:
        out += _knockouts(report.job)
        out += _posting(report.job)
    out += _matched(report, limit)
    out += _missing(report, limit)
    if report.checks.federal is not None:
        out += _federal(report.checks.federal)
    out += _formatting(report.checks.formatting)
    out += ats_site_lines(report.checks.ats_site)
    out += autofill_lines(report.autofill)
    out += _length(report.checks.length)
    out += _credentials(report.checks.credentials)
    out += _sections(report.checks.sections)
    out += _proofreading(report.checks.proofreading)
    out += _impact(report.checks.impact)
    out.append(f"(scoring version {report.scoring_version}" + (f", read with {report.reader})" if report.reader else ")"))
    return "\n".join(out)
