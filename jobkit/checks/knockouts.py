"""What the resume honestly backs for each knockout item of a posting (:mod:`jobkit.match.screening_items`).

``met`` is True when the resume shows the item, False when it shows too little or nothing where a resume
would show it (a credential, a degree, years of dated work), and None when a resume cannot say (a schedule,
a background check, a system it does not name, a credential the posting lets you earn after hire). Each item
gets the answer the resume supports in plain words; it never says "yes" on a guess.

Years of experience count only the dated jobs whose own lines show the setting the posting names ("3 years of
inpatient coding" counts the jobs that show inpatient coding, not every job), overlapping months once.
A federal announcement's basic-requirement paths take the federal check's verdict, so the two never disagree.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from jobkit.data.keywords import load_glossary
from jobkit.data.screening import screening_rules
from jobkit.match.education import find_degrees, level_rank
from jobkit.model.match_results import Knockout
from jobkit.read.experience import JobEntry, job_months, months_worked

if TYPE_CHECKING:
    from jobkit.match.docindex import DocIndex
    from jobkit.model.check_results import CredentialCheck, FederalCheck

QUOTE = 90  # characters of a resume line quoted as evidence
# Settings too broad to tell jobs apart when a narrower one is named with them.
BROAD_SETTINGS = ("healthcare", "medical records or health information")
_HIGH_SCHOOL = re.compile(r"\b(?:high school|GED|diploma|secondary school)\b", re.I)
_LEVELS = (("master", re.compile(r"\bmaster", re.I)), ("bachelor", re.compile(r"\bbachelor", re.I)),
           ("associate", re.compile(r"\bassociate", re.I)),
           ("certificate", re.compile(r"\b(?:certificate|program|course)\b", re.I)))
_FIELD = re.compile(r"\b(?:degree|diploma|certificate|program)\s+(?:\([^)]*\)\s+)?(?:in|from)\s+(?:an?\s+)?"
                    r"(?P<field>[A-Za-z ,/&-]{3,80}?)(?=\s+(?:field|that|which|with|including|or equivalent)\b|[.;,(]|$)", re.I)
# A condition on the degree no resume line shows: "that included two semesters of anatomy and physiology".
_COURSEWORK = re.compile(r"\b(?:that|which) included\b|\bwith (?:a minimum of|at least) \d+\b|\bsemester hours\b", re.I)
_ANY_FIELD = re.compile(r"\bor (?:a )?(?:related|equivalent|similar)\b|\brelated field\b|\bany field\b|\bor equivalent\b", re.I)
_FIELD_STOP = {"a", "an", "the", "or", "and", "of", "field", "fields", "related", "degree", "program", "from",
               "accredited", "college", "university", "that", "with", "in", "medical", "health", "allied"}
_WPM = re.compile(r"\b(\d{2,3})\s*(?:\+\s*)?(?:wpm|w\.p\.m\.|words per minute)", re.I)
_DRIVER = re.compile(r"\bdriver'?s'? licen[cs]e\b", re.I)
_LICENSE = re.compile(r"\blicen[cs](?:e|ed|ure)\b", re.I)
_CANNOT_SAY = {
    "shift": "A resume does not say this: answer the schedule question truthfully.",
    "location": "A resume does not say this: answer truthfully where and how you can work.",
    "background": "A resume does not say this: it is a condition of the offer; answer truthfully.",
    "authorization": "A resume does not say this: answer the work-authorization question truthfully.",
    "license": "Your resume does not name this license. If you hold it, the application will ask; answer truthfully.",
}


def _quote(index: "DocIndex", line: int) -> str:
    text = " ".join(index.document.lines[line].text.split())
    return text if len(text) <= QUOTE else text[:QUOTE].rsplit(" ", 1)[0] + "\u2026"


def _find_line(index: "DocIndex", pattern: re.Pattern[str]) -> int | None:
    return next((n for n, line in enumerate(index.document.lines) if not line.hidden and pattern.search(line.text)), None)


def _years(months: int) -> str:
    """"8 months", "1 year", "about 1.5 years", "about 16 years"."""
    if months < 12:
        return f"{months} month{'s' if months != 1 else ''}"
    if months % 12 == 0:
        return f"{months // 12} year{'s' if months != 12 else ''}"
    years = months / 12
    return f"about {years:.0f} years" if years >= 2 else f"about {years:.1f} years"


def _asked(years: float) -> str:
    if years < 1:
        return f"{round(years * 12)} months"
    return f"{years:g} year{'s' if years != 1 else ''}"


def _credential(index: "DocIndex", item: Knockout, credentials: "CredentialCheck") -> Knockout:
    glossary = load_glossary()
    text = item.text + " " + " ".join(item.terms)
    wanted = {a for a in glossary.catalogue.credentials if re.search(rf"(?<![\w-]){re.escape(a)}(?![\w-])", text)}
    for term in glossary.terms.values():
        if term.category == "credential" and term.any_of and any(
                re.search(rf"\b{re.escape(v)}\b", text, re.I) for v in (term.term, *term.aliases)):
            wanted |= {glossary.terms[t].term.split(" (")[0] for t in term.any_of if t in glossary.terms}
    wanted |= {t for t in item.terms if t.isupper() and 2 <= len(t) <= 6}
    held = [c for c in credentials.found if c.acronym in wanted and c.status == "held"]
    if held:
        return replace(item, met=True, evidence=_quote(index, held[0].line),
                       answer=f"Yes: your resume shows {held[0].acronym}.")
    other = [t for t in wanted if t not in glossary.catalogue.credentials]
    line = next((n for t in other for n in [_find_line(index, re.compile(rf"(?<![\w-]){re.escape(t)}(?![\w-])"))] if n is not None), None)
    if line is not None:
        return replace(item, met=True, evidence=_quote(index, line), answer="Yes: your resume names it.")
    pending = [c for c in credentials.found if c.acronym in wanted]
    names = " or ".join(t if t.isupper() or "(" in t else t[:1].lower() + t[1:] for t in item.terms[:4]) or "this credential"
    if item.within_months:
        return replace(item, met=None, evidence=_quote(index, pending[0].line) if pending else None,
                       answer=f"Not yet shown: the posting lets you earn {names} within {item.within_months} months of "
                              "hire. Say so only if you plan to.")
    if pending:
        return replace(item, met=False, evidence=_quote(index, pending[0].line),
                       answer=f"Not yet: your resume shows {pending[0].acronym} in progress" +
                              (", and the posting asks for it now." if item.required else "."))
    return replace(item, met=False, answer=f"Not shown: your resume names no {names}. Answer yes only if you hold it, "
                                           "and then list it with its full name.")


# Where the work was done, as opposed to what the work was: "3 years of inpatient coding" is coding, inpatient.
PLACES = ("inpatient", "outpatient", "professional fee", "ambulatory surgery center", "acute care hospital")


def _job_text(index: "DocIndex", entry: JobEntry) -> str:
    lines = index.document.lines
    return " ".join(lines[n].text for n in range(entry.first_line, min(entry.last_line + 1, len(lines))))


def showing(index: "DocIndex", entries: tuple[JobEntry, ...], names: tuple[str, ...], *, every: bool) -> list[JobEntry]:
    """The jobs whose own lines show every (or any) of the named settings; all jobs when none is named."""
    settings = [s for s in screening_rules().settings if s.name in names]
    if not settings:
        return list(entries)
    out = []
    for entry in entries:
        text = _job_text(index, entry)
        shown = [any(p.search(text) for p in s.resume) for s in settings]
        if (all if every else any)(shown):
            out.append(entry)
    return out


def _alternative_settings(item: Knockout) -> bool:
    """Whether the posting joins its settings with "or" ("patient access, revenue cycle or other healthcare
    experience"): then any one of them counts."""
    places = []
    for setting in screening_rules().settings:
        broad_named = setting.name in BROAD_SETTINGS and re.search(r"\b(?:other|any)\s+(?:\w+\s+)?" + setting.name.split()[0], item.text, re.I)
        if setting.name in item.settings and (setting.name not in BROAD_SETTINGS or broad_named):
            hit = next((m for p in setting.posting if (m := p.search(item.text))), None)
            if hit:
                places.append((hit.start(), hit.end(), setting.name))
    places.sort()
    return any(a[2] != b[2] and re.search(r"\bor\b", item.text[a[1]:b[0]]) for a, b in zip(places, places[1:]))


def _job_name(index: "DocIndex", entry: JobEntry) -> str:
    """A job as a person would name it ("Health Information Specialist, Spokane Clinic"), else its first line."""
    named = ", ".join(part for part in (entry.title, entry.employer) if part)
    return named[:QUOTE] if named else _quote(index, entry.first_line)


def _experience(index: "DocIndex", item: Knockout, entries: tuple[JobEntry, ...], today: tuple[int, int]) -> Knockout:
    if item.required_years is None:
        return replace(item, answer="The posting names no number of years here; the recruiter will judge your experience.")
    needed = round(item.required_years * 12)
    if _alternative_settings(item):
        names = item.settings
        counted = showing(index, entries, names, every=False)
        what = "work in a setting the posting names"
        work_only: list[JobEntry] = counted
    else:
        names = tuple(n for n in item.settings if n not in BROAD_SETTINGS) or item.settings
        counted = showing(index, entries, names, every=True)
        kinds = tuple(n for n in names if n not in PLACES)
        work_only = showing(index, entries, kinds, every=True) if kinds and kinds != names else counted
        what = " ".join(names) + " work" if names else "work"
    months = months_worked(counted, today)
    best = max(counted, key=lambda e: job_months(e, today), default=None)
    evidence = _job_name(index, best) if best is not None and months else None
    if months >= needed:
        return replace(item, met=True, evidence=evidence,
                       answer=f"Yes: your dated jobs show {_years(months)} of {what}; it asks for {_asked(item.required_years)}.")
    undated = [e for e in counted if e.start is None]
    if undated:
        return replace(item, met=None, evidence=_quote(index, undated[0].first_line),
                       answer=f"Cannot count: a job that shows {what} has no dates. Give each job its start and end month and year.")
    # jobs that show the work but name no place at all might have been in the place asked for; a job that
    # names another place ("Outpatient Coder" for inpatient years) was not
    unplaced = [e for e in work_only if e not in counted and not showing(index, (e,), PLACES, every=False)]
    partial = months_worked(counted + unplaced, today)
    if unplaced and partial >= needed:
        return replace(item, met=None, evidence=_quote(index, unplaced[0].first_line),
                       answer=f"Your jobs show {_years(partial)} of {' '.join(n for n in names if n not in PLACES)} work but "
                              f"do not say it was {' or '.join(n for n in names if n in PLACES)}. If it was, say so in those jobs.")
    shown = f"{_years(months)} of {what}" if months else f"no {what}"
    return replace(item, met=False, evidence=evidence,
                   answer=f"Not shown: your dated jobs show {shown}; the posting asks for {_asked(item.required_years)}.")


def _education(index: "DocIndex", item: Knockout) -> Knockout:
    degrees = [d for d in find_degrees(index) if not d.expected]
    if _HIGH_SCHOOL.search(item.text) and not any(p.search(item.text) for _, p in _LEVELS[:3]):
        if degrees:
            return replace(item, met=True, evidence=_quote(index, degrees[0].line),
                           answer="Yes: a finished degree includes a high school diploma.")
        line = _find_line(index, _HIGH_SCHOOL)
        if line is not None:
            return replace(item, met=True, evidence=_quote(index, line), answer="Yes: your resume shows it.")
        return replace(item, answer="Your resume does not show a diploma; answer truthfully.")
    level = next((name for name, p in _LEVELS if p.search(item.text)), None)
    if level is None:
        return replace(item, answer="Your resume cannot say whether this counts; read the posting's wording.")
    held = [d for d in degrees if level_rank(d.level) >= level_rank(level)]
    if not held:
        lower = f"your resume shows a {degrees[0].level} degree" if degrees else "your resume shows no degree or program"
        return replace(item, met=False, evidence=_quote(index, degrees[0].line) if degrees else None,
                       answer=f"Not shown: {lower}; the posting asks for {'an' if level[0] in 'ae' else 'a'} {level}.")
    field = _FIELD.search(item.text)
    words = {w for w in re.findall(r"[a-z]+", field.group("field").lower())} - _FIELD_STOP if field else set()
    line = held[0].line
    if not words or any(words & set(re.findall(r"[a-z]+", index.document.lines[d.line].text.lower())) for d in held):
        match = next((d for d in held if not words or words & set(re.findall(r"[a-z]+", index.document.lines[d.line].text.lower()))), held[0])
        if _COURSEWORK.search(item.text):
            return replace(item, met=None, evidence=_quote(index, match.line),
                           answer="Your resume shows the degree; it cannot show the coursework the posting names. Answer truthfully.")
        return replace(item, met=True, evidence=_quote(index, match.line), answer="Yes: your resume shows this degree.")
    if _ANY_FIELD.search(item.text) or any(level_rank(d.level) > level_rank(level) for d in held):
        return replace(item, met=None, evidence=_quote(index, line),
                       answer="Maybe: your degree is in another field (or above the level asked for), which the "
                              "posting may accept; the application will ask.")
    return replace(item, met=False, evidence=_quote(index, line),
                   answer="Not shown: your degree is in another field than the one the posting asks for.")


def _simple(index: "DocIndex", item: Knockout) -> Knockout:
    if item.kind == "software":
        names = [t for t in item.terms if t]
        names += [alias for t in names for alias in screening_rules().software_families.get(t.lower(), ())]
        # a product's family name: "athenaOne", "athenaIDX" are shown by "Athena"
        names += [m.group(1) for t in names if (m := re.match(r"([a-z]{4,})[A-Z]", t))]
        line = next((n for t in names for n in [_find_line(index, re.compile(rf"\b{re.escape(t)}\b", re.I))] if n is not None), None)
        if line is not None:
            return replace(item, met=True, evidence=_quote(index, line), answer=f"Yes: your resume names {names[0]}.")
        return replace(item, met=False, answer=f"Not shown: your resume does not name {' or '.join(item.terms) or 'this system'}. "
                                               "If you have used it, name it in the job where you used it.")
    if item.kind == "typing":
        line = _find_line(index, _WPM)
        if line is None:
            return replace(item, answer="Your resume does not give a typing speed; expect a typing test.")
        speed = int(_WPM.search(index.document.lines[line].text).group(1))  # type: ignore[union-attr]
        met = None if item.required_wpm is None else speed >= item.required_wpm
        return replace(item, met=met, evidence=_quote(index, line),
                       answer=f"Your resume gives {speed} words per minute" + (f"; the posting asks for {item.required_wpm}." if item.required_wpm else "."))
    if item.kind == "license":
        line = _find_line(index, _DRIVER if _DRIVER.search(item.text) else _LICENSE)
        if line is not None:
            return replace(item, met=True, evidence=_quote(index, line), answer="Yes: your resume names a license.")
    return replace(item, answer=_CANNOT_SAY.get(item.kind, "A resume does not say this; answer truthfully."))


def _federal_path(item: Knockout, federal: "FederalCheck", index: "DocIndex") -> Knockout | None:
    path = next((p for p in federal.paths if p.path == item.path), None)
    if path is None:
        return None
    if path.met:
        return replace(item, met=True, evidence=path.evidence[:QUOTE],
                       answer="Yes: " + path.evidence[:160] + ".")
    if item.path == "education" and [d for d in find_degrees(index) if not d.expected and level_rank(d.level) >= 1]:
        return replace(item, met=None, evidence=path.evidence[:QUOTE],
                       answer="Maybe: your degree is not in health information; a related degree counts only with the "
                              "semester hours the announcement names, which a resume does not show.")
    return replace(item, met=False, answer="Not shown: " + path.evidence[:160] + ".")


def check_knockouts(index: "DocIndex", items: tuple[Knockout, ...], credentials: "CredentialCheck",
                    federal: "FederalCheck | None" = None, today: date | None = None) -> tuple[Knockout, ...]:
    """Each knockout item with what the resume backs (``met``, ``evidence``) and the honest answer."""
    if not items:
        return ()
    day = today or date.today()
    now = (day.year, day.month)
    entries = index.jobs()
    out = []
    for item in items:
        judged = _federal_path(item, federal, index) if federal is not None and item.path else None
        if judged is None:
            if item.kind == "credential":
                judged = _credential(index, item, credentials)
            elif item.kind == "experience":
                judged = _experience(index, item, entries, now)
            elif item.kind == "education":
                judged = _education(index, item)
            else:
                judged = _simple(index, item)
        out.append(judged)
    return _alternatives_met(out)


def _alternatives_met(items: list[Knockout]) -> tuple[Knockout, ...]:
    """When one alternative of a group is met, the others are not needed: neither a "no" nor a fix."""
    met_groups = {i.one_of for i in items if i.one_of and i.met}
    return tuple(replace(i, met=None, answer="Not needed: you meet another of the alternatives the posting offers.")
                 if i.one_of in met_groups and not i.met else i for i in items)
