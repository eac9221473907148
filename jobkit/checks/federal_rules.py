"""Federal rules applied to a resume: two pages, each job's dates, hours and grade, the announcement's duties.

A federal HR specialist decides whether an applicant qualifies from the resume alone, job by job:
a job without month-and-year dates or hours per week cannot be credited, and the duties of the
announcement's qualification statement must be visible under the jobs. The facts and their
sources are in ``keywords/_federal.toml``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jobkit.checks.fix_ranking import plural
from jobkit.data.federal_facts import load_federal_rules
from jobkit.match.docindex import DocIndex, build_index
from jobkit.match.matcher_cache import glossary_matcher
from jobkit.match.tokens import phrase_key
from jobkit.match.federal import FederalPosting
from jobkit.match.hints import GENERIC_STEMS
from jobkit.data.keywords import load_glossary
from jobkit.match.education import degree_evidence
from jobkit.model.check_results import BasicPath, DutyShown, FederalCheck, FederalJob, Issue, LengthCheck
from jobkit.read.dates import WorkDate
from jobkit.checks.knockouts import BROAD_SETTINGS, PLACES, showing
from jobkit.match.screening_items import posting_settings
from jobkit.match.line_terms import line_terms
from jobkit.read.experience import JobEntry, gaps, months_worked

DUTY_SECTIONS = ("experience", "volunteer", "summary")
# Words of a duty too common to show it on their own.
DUTY_STOP = frozenset(phrase_key("experience work working performing perform duties duty tasks task various other "
                                 "related including include providing provide using ensure appropriate required "
                                 "level knowledge skills ability abilities within office staff"))
# Records that are not health records: a line about them does not qualify a job, unless it names health work too.
_OTHER_RECORDS = re.compile(r"\b(?:aircraft|aviation|vehicles?|fleet|inventory|equipment|property|payroll|tax|"
                            r"financial|accounting|maintenance records|parts|supply|warehouse|checks|cheques|payments?|"
                            r"remittances?|deposits|invoices|mail)\b", re.I)
_HEALTH_WORDS = re.compile(r"\b(?:patients?|health|clinical|HIPAA|PHI|charts?|hospital|clinic)\b", re.I)
# Employers whose jobs are federal: their series and grade belong on the resume.
_FEDERAL_EMPLOYER = re.compile(
    r"\b(?:VA|VHA|VAMC|Veterans Affairs|Veterans Health|Department of|U\.S\.|US Army|Army|Navy|Air Force|Marine Corps|"
    r"Coast Guard|Indian Health Service|IHS|federal|Bureau of|Social Security Administration|NIH|CDC|DoD|Defense)\b"
)
PATH_LABELS = {
    "experience": "One year of creditable experience",
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


@lru_cache(maxsize=512)
def _duty_terms(duty: str) -> tuple[frozenset[str], frozenset[str]]:
    """The glossary terms a duty names ("processing requests for protected health information": PHI, ROI...),
    and among them its task: the terms that start where the duty starts ("abstracting data ...": abstracting)."""
    from jobkit.read import read_resume

    document = read_resume(duty.encode("utf-8"), "duty.txt")
    found = glossary_matcher().match(build_index(document), keep=1)
    return frozenset(found), frozenset(t for t, m in found.items() if m.evidence and m.evidence[0].start == 0)


def _stems(text: str) -> set[str]:
    """A duty's or a line's words that can show a duty: not the words every job says ("work", "patient", "information")."""
    return {s for s in phrase_key(text) if len(s) >= 4 and s not in DUTY_STOP and s not in GENERIC_STEMS}


def _duties(index: DocIndex, duties: tuple[str, ...], terms: dict[int, set[str]]) -> tuple[DutyShown, ...]:
    """For each duty, the resume line that shows it: the duty's own terms (with their aliases) and words.

    A duty is work, so a line shows it when it shows the work: the duty's task term (the term it starts with:
    "abstracting", "processing requests" as release of information), or the duty's own verb ("abstracting" -> "abstracted") with one more of its terms
    or words, or three of its words. A duty that names no task ("knowledge of medical terminology") is shown
    by one of its terms. The best such line in experience, volunteer work or the summary is quoted.
    """
    lines = {n: line for n, line in enumerate(index.document.lines)
             if index.sections[n] in DUTY_SECTIONS and not line.hidden and len(line.text) > 15}
    stems = {n: _stems(line.text) for n, line in lines.items()}
    verbs = {n: set(phrase_key(line.text)) for n, line in lines.items()}  # every word: "processed" shows "processing"
    out = []
    for duty in duties:
        wanted, tasks = _duty_terms(duty)
        words = _stems(duty)
        verb = next((stem for word, stem in zip(duty.split(), phrase_key(duty)) if word.lower().endswith("ing")), None)
        best, best_score = None, 0
        for n in lines:
            held = wanted & terms.get(n, set())
            shared = words & stems[n]
            if tasks or verb:
                shows = bool(tasks & held) or (verb in verbs[n] and len(held) + len(shared - {verb}) >= 1) or len(shared) >= 3
            else:
                shows = bool(held) or len(shared) >= 2
            score = 3 * len(held) + len(shared)
            if shows and score > best_score:
                best, best_score = n, score
        if best is None:
            out.append(DutyShown(duty, False))
        else:
            out.append(DutyShown(duty, True, lines[best].text[:200], best, lines[best].page))
    return tuple(out)


def _qualifying(index: DocIndex, entries: tuple[JobEntry, ...], terms: dict[int, set[str]]) -> list[tuple[JobEntry, int]]:
    """Jobs whose own lines (title and bullets) show health-records work: a term of ``records_work_terms``
    (keywords/_federal.toml) found there in its sense, on a line that is not about another kind of record
    (aircraft, vehicles, inventory). Each with the line that shows it best."""
    core = load_federal_rules().records_work_terms
    out = []
    for entry in entries:
        found: list[tuple[int, int]] = []
        for n in range(entry.first_line, entry.last_line + 1):
            held = terms.get(n, set()) & core
            text = index.document.lines[n].text if n < len(index.document.lines) else ""
            if held and not (_OTHER_RECORDS.search(text) and not _HEALTH_WORDS.search(text)):
                found.append((len(held), n))
        if found:
            out.append((entry, max(found)[1]))
    return out


def _kinds_of_work(wording: str) -> tuple[str, ...]:
    """The kinds of work an experience path names beyond health records ("medical coding"), by setting name."""
    return tuple(n for n in posting_settings(wording) if n not in BROAD_SETTINGS and n not in PLACES)


def _paths(index: DocIndex, entries: tuple[JobEntry, ...], posting: FederalPosting,
           terms: dict[int, set[str]]) -> tuple[BasicPath, ...]:
    """Which of the announcement's basic-requirement paths the resume shows, in the announcement's words, with
    the evidence: for experience, the jobs whose duties show health-information work and their months."""
    from datetime import date

    today = date.today()
    qualifying = _qualifying(index, entries, terms)
    kinds = _kinds_of_work(dict(posting.path_wording).get("experience", ""))
    if kinds:
        # "knowledge of ... medical coding": the experience must show that kind of work, not any records work
        shown = {id(e) for e in showing(index, tuple(e for e, _ in qualifying), kinds, every=True)}
        qualifying = [(e, n) for e, n in qualifying if id(e) in shown]
    months = months_worked([e for e, _ in qualifying], (today.year, today.month))  # overlapping jobs once
    shown = "; ".join(f"{e.title or e.employer or 'a job'}: \"{index.document.lines[n].text[:90]}\"" for e, n in qualifying[:3])
    glossary_terms = load_glossary().terms
    degree = [e for e in degree_evidence(index, glossary_terms["associate-him"]) if e.kind == "degree"]
    program = [e for e in degree_evidence(index, glossary_terms["certificate-program"])
               if e.kind == "degree" and e.variant == "certificate"]
    wording = dict(posting.path_wording)
    out = []
    for path in posting.paths:
        if path == "experience":
            met = months >= 12
            evidence = (f"{months} months in {plural(len(qualifying), 'job')} whose duties show health-information work"
                        f" ({shown})" if qualifying else
                        "jobkit found no job whose own lines show health-records work of the kind the announcement names")
        elif path == "education":
            met, evidence = bool(degree), degree[0].text[:120] if degree else "no associate degree in HIT/HIM found"
        elif path == "coding_program":
            met, evidence = bool(program), program[0].text[:120] if program else "no coding program found"
        else:
            met = bool(months >= 6 and (degree or program))
            evidence = f"{months} months of health-information work and {'a' if degree or program else 'no'} related program"
        out.append(BasicPath(path, wording.get(path) or PATH_LABELS[path], met, evidence,
                             lines=tuple(n for _, n in qualifying) if path == "experience" else ()))
    return tuple(out)


def _grade_note(posting: FederalPosting | None, entries: tuple[JobEntry, ...]) -> str:
    """The grade the announcement is for, the grade its experience must equal, and (with time-in-grade) whether
    the resume shows a federal job at that grade."""
    if posting is None or not posting.grades:
        return ""
    grades = "/".join(str(g) for g in posting.grades)
    note = f"This announcement is for GS-{grades}."
    lower = posting.next_lower_grade or (min(posting.grades) - 1 if posting.grades else None)
    if posting.next_lower_grade:
        note += f" Specialized experience must equal at least GS-{posting.next_lower_grade}."
    if posting.time_in_grade and lower:
        held = [e.series_grade for e in entries if e.series_grade and _grade_of(e.series_grade) >= lower]
        note += (f" Time-in-grade applies to current federal employees: your resume shows {held[0]}." if held else
                 f" Time-in-grade applies to current federal employees (52 weeks at GS-{lower}): no federal job at "
                 "that grade is shown; if you hold one, give its series and grade.")
    return note


def _grade_of(series_grade: str) -> int:
    numbers = re.findall(r"\d+", series_grade)
    return int(numbers[-1]) if numbers else 0


def check_federal(index: DocIndex, posting: FederalPosting | None, length: LengthCheck, *, forced: bool) -> FederalCheck:
    """The federal section of the report. ``posting`` is None when the rules are forced on without a federal posting."""
    facts = load_federal_rules()
    entries = index.jobs()  # read once: jobs, gaps, the experience path and the knockout items all use it
    jobs = _jobs(index, entries)
    terms = line_terms(index) if posting else {}
    duties = _duties(index, posting.specialized_duties, terms) if posting else ()
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
    paths = _paths(index, entries, posting, terms) if posting else ()
    if paths and not any(p.met for p in paths):
        issues.append(Issue("federal_no_path", "high",
                            "The resume does not show any of the announcement's basic-requirement paths: "
                            + "; ".join(p.label for p in paths) + ". If you meet one, make it visible (dates, degree, program); if you meet none, this job's basic requirements are not met yet."))
    reasons = posting.reasons if posting else ("you asked for federal rules",)
    return FederalCheck(reasons=reasons, forced=forced, page_limit=facts.page_limit,
                        rules=tuple(rule.text for rule in facts.rules), jobs=jobs, duties=duties,
                        gaps=_gaps(entries), issues=tuple(issues), paths=paths,
                        grades=posting.grades if posting else (), grade_note=_grade_note(posting, entries),
                        unsplit=posting.unsplit if posting else ())
