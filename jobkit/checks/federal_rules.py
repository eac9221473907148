"""Federal rules applied to a resume: two pages, each job's dates, hours and grade, the announcement's duties.

A federal HR specialist decides whether an applicant qualifies from the resume alone, job by job:
a job without month-and-year dates or hours per week cannot be credited, and the duties of the
announcement's qualification statement must be visible under the jobs. The facts and their
sources are in ``keywords/_federal.toml``.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from jobkit.data.federal_facts import load_federal_rules
from jobkit.match.docindex import DocIndex
from jobkit.match.federal import FederalPosting
from jobkit.data.keywords import load_glossary
from jobkit.match.education import degree_evidence
from jobkit.model.check_results import BasicPath, DutyShown, FederalCheck, FederalJob, Issue, LengthCheck
from jobkit.read.dates import WorkDate
from jobkit.read.experience import JobEntry, gaps, job_entries

DUTY_CUTOFF = 70
# Employers whose jobs are federal: their series and grade belong on the resume.
_FEDERAL_EMPLOYER = re.compile(
    r"\b(?:VA|VHA|VAMC|Veterans Affairs|Veterans Health|Department of|U\.S\.|US Army|Army|Navy|Air Force|Marine Corps|"
    r"Coast Guard|Indian Health Service|IHS|federal|Bureau of|Social Security Administration|NIH|CDC|DoD|Defense)\b"
)
_WORDS = re.compile(r"[a-z]{3,}")
# Jobs whose experience is creditable for medical records work (the VA's "creditable experience").
_RECORDS_JOB = re.compile(r"\b(?:records?|health information|HIM|coder|coding|registrar|release of information|ROI|"
                          r"chart|documentation|HIT)\b", re.I)
PATH_LABELS = {
    "experience": "One year of creditable (medical records) experience",
    "education": "An associate degree in health information technology or management (or 12 semester hours of related courses)",
    "coding_program": "An AHIMA-approved coding program",
    "combination": "A combination of experience and education",
}


def _date(value: WorkDate | None, current: bool) -> str:
    if current and value is None:
        return "present"
    if value is None:
        return "?"
    return f"{value.month:02d}/{value.year}" if value.month else str(value.year)


def _missing(entry: JobEntry) -> tuple[str, ...]:
    missing = []
    if entry.start is None or entry.start.month is None:
        missing.append("the month and year it started")
    if not entry.current and (entry.end is None or entry.end.month is None):
        missing.append("the month and year it ended")
    if entry.hours_per_week is None:
        missing.append("hours per week")
    words = " ".join(filter(None, (entry.employer, entry.title)))
    if _FEDERAL_EMPLOYER.search(words) and not entry.series_grade:
        missing.append("series and grade (for example GS-0675-07)")
    return tuple(missing)


def _jobs(index: DocIndex, entries: tuple[JobEntry, ...]) -> tuple[FederalJob, ...]:
    out = []
    for entry in entries:
        line = index.document.lines[entry.first_line]
        out.append(FederalJob(
            title=entry.title, employer=entry.employer,
            dates=f"{_date(entry.start, False)} - {_date(entry.end, entry.current)}",
            line=entry.first_line, page=line.page, missing=_missing(entry),
        ))
    return tuple(out)


def _gaps(entries: tuple[JobEntry, ...]) -> tuple[str, ...]:
    return tuple(f"{_date(a, False)} to {_date(b, False)}" for a, b in gaps(entries))


def _duties(index: DocIndex, duties: tuple[str, ...]) -> tuple[DutyShown, ...]:
    """For each duty, the resume line in an experience section that says most nearly the same."""
    lines = {n: line.text for n, line in enumerate(index.document.lines)
             if index.sections[n] in ("experience", "volunteer", "summary") and not line.hidden and len(line.text) > 15}
    out = []
    for duty in duties:
        best = process.extractOne(duty.casefold(), {n: t.casefold() for n, t in lines.items()},
                                  scorer=fuzz.token_set_ratio, score_cutoff=DUTY_CUTOFF) if lines else None
        if best and len(set(_WORDS.findall(duty.casefold())) & set(_WORDS.findall(best[0]))) >= 2:
            number = best[2]
            out.append(DutyShown(duty, True, lines[number][:200], number, index.document.lines[number].page))
        else:
            out.append(DutyShown(duty, False))
    return tuple(out)


def _months(entry: JobEntry, today: tuple[int, int]) -> int:
    if entry.start is None:
        return 0
    end = entry.end.last_month() if entry.end else today[0] * 12 + today[1] - 1 if entry.current else entry.start.last_month()
    return max(0, end - entry.start.first_month() + 1)


def _paths(index: DocIndex, entries: tuple[JobEntry, ...], offered: tuple[str, ...]) -> tuple[BasicPath, ...]:
    """Which of the announcement's basic-requirement paths the resume shows, with the evidence."""
    from datetime import date

    today = date.today()
    records_jobs = [e for e in entries if _RECORDS_JOB.search(" ".join(filter(None, (e.title, e.employer))))]
    months = sum(_months(e, (today.year, today.month)) for e in records_jobs)
    terms = load_glossary().terms
    degree = [e for e in degree_evidence(index, terms["associate-him"]) if e.kind == "degree"]
    program = [e for e in degree_evidence(index, terms["certificate-program"]) if e.kind == "degree" and e.variant == "certificate"]
    out = []
    for path in offered:
        if path == "experience":
            met, evidence = months >= 12, f"{months} months in {len(records_jobs)} records job(s), from the dates"
        elif path == "education":
            met, evidence = bool(degree), degree[0].text[:120] if degree else "no associate degree in HIT/HIM found"
        elif path == "coding_program":
            met, evidence = bool(program), program[0].text[:120] if program else "no coding program found"
        else:
            met = bool(months >= 6 and (degree or program))
            evidence = f"{months} months of records experience and {'a' if degree or program else 'no'} related program"
        out.append(BasicPath(path, PATH_LABELS[path], met, evidence))
    return tuple(out)


def check_federal(index: DocIndex, posting: FederalPosting | None, length: LengthCheck, *, forced: bool) -> FederalCheck:
    """The federal section of the report. ``posting`` is None when the rules are forced on without a federal posting."""
    facts = load_federal_rules()
    entries = job_entries(index.document)  # read once: jobs, gaps and the experience path all use it
    jobs = _jobs(index, entries)
    duties = _duties(index, posting.specialized_duties) if posting else ()
    issues = []
    if length.pages > facts.page_limit:
        issues.append(Issue("federal_too_long", "critical",
                            f"{length.pages} pages: {facts.rule('two-pages').text} Cut to {facts.page_limit} pages."))
    lacking = [job for job in jobs if job.missing]
    if lacking:
        first = lacking[0]
        issues.append(Issue("federal_job_details", "high",
                            f"{len(lacking)} of {len(jobs)} jobs lack details federal HR needs to credit them; "
                            f"the first, {first.title or first.employer or 'a job'} ({first.dates}), lacks "
                            f"{', '.join(first.missing)}.", line=first.line, page=first.page))
    unshown = [d for d in duties if not d.shown]
    if unshown:
        issues.append(Issue("federal_duty_not_shown", "high",
                            f"{len(unshown)} of {len(duties)} duties of the announcement's qualification statement are "
                            f"not shown in your jobs, such as \"{unshown[0].duty}\". Describe them in the job where you did them."))
    paths = _paths(index, entries, posting.paths) if posting else ()
    if paths and not any(p.met for p in paths):
        issues.append(Issue("federal_no_path", "high",
                            "The resume does not show any of the announcement's basic-requirement paths: "
                            + "; ".join(p.label for p in paths) + ". If you meet one, make it visible (dates, degree, program); if you meet none, this job's basic requirements are not met yet."))
    reasons = posting.reasons if posting else ("you asked for federal rules",)
    return FederalCheck(reasons=reasons, forced=forced, page_limit=facts.page_limit,
                        rules=tuple(rule.text for rule in facts.rules), jobs=jobs, duties=duties,
                        gaps=_gaps(entries), issues=tuple(issues), paths=paths)
