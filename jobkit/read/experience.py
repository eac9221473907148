"""The experience section split into jobs (federal resumes are judged per job held).

A job starts at a line, or a run of two or three lines, carrying a date range or a lone start date. Its title and
employer sit on that line, on the lines above it (as many as above the section's first job: a resume repeats one
layout) or on the line below; the duties follow, up to the next job. Dates keep what the resume states, as
:mod:`jobkit.read.dates` reads them: a year-only date has no month (federal rules ask for both). Every pattern is
linear: no nested or overlapping unbounded repeats.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from jobkit.model.document import Document, Line
from jobkit.read.bullets import BULLET
from jobkit.model.resume_structure import JobEntry, WorkDate
from jobkit.read.dates import DATE, token_date

WORK_SECTIONS = ("experience", "volunteer")


_RANGE_GAPS = frozenset("|-|--|\u2013|\u2014|\u2212|\uff0d|~|to|through|thru|until|till|exp|expected".split("|"))
_EDGE = " \t|,;:-\u2013\u2014\u2212\uff0d\u00b7\u2022"
_NON_JOB = ("award", "promoted", "certification", "certified in", "recogni", "received", "completed", "graduat")
_PROSE_BEFORE = re.compile(r"\b(?:from|between|during|in|of|for) ?$", re.IGNORECASE)
_ABBREVIATIONS = ("inc.", "co.", "corp.", "ltd.", "llc.", "dept.", "st.", "ft.", "mt.", "jr.", "sr.", "u.s.", "d.c.")
_METADATA = re.compile(r"^(?:salary|hours|weekly hours|grade|series|pay plan|supervisor|duties|okay to contact|"
                       r"may contact|contact supervisor|reference)\b", re.IGNORECASE)
_GRADE = re.compile(r"\b(?:GS|GG|GL|GM|WG|WL|WS|VN|VM|VP|NF)[- ](?:\d{3,4}[- ])?\d{1,2}\b")
_GRADE_LABELS = re.compile(r"\bpay plan:? ?([A-Z]{2})\b|\bseries:? ?(\d{3,4})\b|\bgrade:? ?(\d{1,2})\b", re.IGNORECASE)
_HOURS_ANY = re.compile(r"\b(?:\d{1,3} ?(?:to|-|\u2013) ?)?(\d{1,3})\+? ?(?:hours|hrs|hr)\.? ?(?:per|a|/|each) ?"
                        r"(?:week|wk)\b|\b(?:full|part)[- ]time ?\( ?(\d{1,3}) ?(?:hours|hrs)", re.IGNORECASE)
_HOURS_LABEL = re.compile(r"\b(?:hours|hrs)\.? ?(?:per|/) ?(?:week|wk)\.? ?[:\-]? ?(\d{1,3})\b"
                          r"|\bweekly (?:hours|hrs)\.?(?: worked)?:? ?(\d{1,3})\b", re.IGNORECASE)
_FIELD_SPLIT = re.compile(r"\t|\||[\u2022\u00b7]| [-\u2013\u2014\u2212] |[\u2013\u2014\uff0d]| at ")
_PLACEHOLDER = re.compile(r"\bCity ?, ?State\b|\bCompany Name\b")  # LiveCareer's anonymized samples
_LABEL = re.compile(r"^(job title|position title|position|title|employer|organization|agency|company|location|"
                    r"duty station|dates?|from) ?: ?", re.IGNORECASE)
_SUFFIXES = frozenset({"inc", "llc", "ltd", "co", "corp", "pc", "pllc", "lp", "llp"})
_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK "
    "OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI USA US U.S.".split() + (
    "state,united states,alabama,alaska,arizona,arkansas,california,colorado,connecticut,delaware,florida,georgia,"
    "hawaii,idaho,illinois,indiana,iowa,kansas,kentucky,louisiana,maine,maryland,massachusetts,michigan,minnesota,"
    "mississippi,missouri,montana,nebraska,nevada,new hampshire,new jersey,new mexico,new york,north carolina,"
    "north dakota,ohio,oklahoma,oregon,pennsylvania,rhode island,south carolina,south dakota,tennessee,texas,utah,"
    "vermont,virginia,washington,west virginia,wisconsin,wyoming,india").split(","))
_TITLE_WORDS = frozenset(
    "technician tech specialist manager engineer coordinator clerk assistant director intern internship representative"
    " rep analyst nurse developer officer supervisor lead coder administrator consultant associate agent cashier chef"
    " cook host instructor tutor counselor teacher educator designer architect scientist researcher president founder"
    " cofounder ceo cto member volunteer reviewer auditor abstractor registrar transcriptionist scheduler receptionist"
    " aide therapist worker caregiver secretary accountant head chief vp trainee fellow contributor tester recruiter"
    " operator driver technologist pharmacist medic emt paramedic soldier sergeant biller advocate liaison navigator"
    " processor expert owner principal apprentice".split())
_EMPLOYER_WORDS = frozenset(
    "inc llc ltd corp corporation company co group hospital hospitals clinic clinics center centre university college"
    " school department dept agency services systems labs lab health healthcare bank financial foundation institute"
    " associates partners solutions consulting studios studio museum library organization church county army navy force"
    " marines command ministry pharmacy physicians enterprises industries technologies technology international"
    " national federal office analytics affairs va veterans administration nonprofit ymca ensemble gallery program"
    " society network market pay".split())


# Where a job's dates sit: its first and last line, the dates, and the line's text with the dates taken out.
_Anchor = NamedTuple("_Anchor", [("first", int), ("last", int), ("start", WorkDate | None), ("end", WorkDate | None),
                                 ("current", bool), ("rest", str)])


def _norm(text: str) -> str:
    """One space between words; a tab where a tab or 3+ spaces set columns apart (a PDF's stray \\r ignored)."""
    text = re.sub(r"\s{2,}", lambda m: "\t" if "\t" in m.group() or len(m.group().replace("\r", "")) > 2 else " ", text)
    return re.sub(r"[^\S\t]", " ", text).strip()


def _find_range(text: str) -> tuple[int, int, WorkDate | None, WorkDate | None, bool] | None:
    """The first date range on a line: (span start, span end, start, end, current)."""
    tokens = list(DATE.finditer(text))
    for first, second in zip(tokens, tokens[1:]):
        gap = text[first.end():second.start()]
        if token_date(first) is None or len(gap) > 12 or re.sub(r"[\s:.]", "", gap).lower() not in _RANGE_GAPS:
            continue
        now, weak = second.lastgroup == "now", first.lastgroup == "weak"
        if now or (token_date(second) is not None and weak == (second.lastgroup == "weak")):
            return first.start(), second.end(), token_date(first), token_date(second), now
    return None


def _date_only(text: str) -> bool:
    """Nothing on the line but dates, "Present" and range words."""
    rest = re.sub(r"\b(?:to|from|through|thru|until|till|since|dates?|exp)\b", " ", DATE.sub(" ", text).lower())
    return not rest.strip(_EDGE + ".")


def _ends_sentence(text: str) -> bool:
    text = text.rstrip()
    return text.endswith((",", ";", ":")) or (text.endswith(".") and not text.lower().endswith(_ABBREVIATIONS))


def _header_like(line: Line, text: str, max_words: int = 12) -> bool:
    """Short enough for a title or employer line: no bullet, no sentence, no label such as "Salary:"."""
    first = next((c for c in text if c.isalpha()), "a")  # no letter at all reads as lower case: not a header
    plain = not (line.hidden or BULLET.match(text) or _METADATA.match(text) or _ends_sentence(text))
    return plain and len(text.split()) <= max_words and not first.islower()


def _anchors(lines: tuple[Line, ...], texts: dict[int, str], start: int, end: int) -> list[_Anchor]:
    found: list[_Anchor] = []
    index = start
    while index < end:
        line, text, anchor = lines[index], texts[index], None
        if not line.hidden and not BULLET.match(line.text):
            span = _find_range(text)
            # A range opens a job unless it sits in a sentence ("... from Jan 2019 to May 2019.").
            prose = span and (_PROSE_BEFORE.search(text[max(0, span[0] - 12):span[0]])
                              or (span[0] > 2 and _ends_sentence(text)))
            if span and not prose and (span[0] < 3 or span[1] > len(text) - 3 or len(text.split()) <= 24):
                rest = DATE.sub("\t", text[:span[0]] + "\t" + text[span[1]:])
                anchor = _Anchor(index, index, span[2], span[3], span[4], rest)
            elif not span:
                anchor = _joined(texts, index, end) or _single(index, line, text)
        found += [anchor] if anchor else []
        index = (anchor.last if anchor else index) + 1
    return found


def _joined(texts: dict[int, str], index: int, end: int) -> _Anchor | None:
    """A range over two or three lines ("January 2016" / "to" / "Current"), or a left date column."""
    text = texts[index]
    if _date_only(text) and DATE.search(text):
        for last in (index + 1, index + 2):
            if last >= end or not _date_only(texts[last]):
                break
            span = _find_range(" ".join(texts[i] for i in range(index, last + 1)))
            if span:
                return _Anchor(index, last, span[2], span[3], span[4], "")
        return None
    # moderncv sets dates in a left column: "June 2022 - Software Engineer, Google" / "Present Developing ..."
    first = DATE.match(text)
    gap = re.match(r" ?(?:-|\u2013|\u2014|to) ", text[first.end():]) if first and token_date(first) else None
    following = DATE.match(texts[index + 1]) if gap and index + 1 < end else None
    if first and gap and following and (following.lastgroup == "now" or token_date(following)):
        rest = DATE.sub("\t", text[first.end() + gap.end():])
        return _Anchor(index, index, token_date(first), token_date(following), following.lastgroup == "now", rest)
    return None


def _single(index: int, line: Line, text: str) -> _Anchor | None:
    """A lone start date opening or closing a short line ("Sous Chef Jul 2010", "06/2016", "Since 2017")."""
    tokens = [t for t in DATE.finditer(text) if token_date(t)]
    alone = _date_only(text)
    if not tokens or not (alone or _header_like(line, text, 14)) or any(w in text.lower() for w in _NON_JOB):
        return None
    for token in (tokens[0], tokens[-1]):
        before, after = text[:token.start()], text[token.end():]
        if before.strip(_EDGE) and after.strip(_EDGE + "."):
            continue
        since = before.lower().rstrip().endswith("since")
        separated = not before.strip() or before.rstrip(" ")[-1:] in "\t|,\u00b7\u2022-\u2013\u2014("
        if token.lastgroup != "year" or separated or since or alone:
            rest = DATE.sub("\t", re.sub(r"since ?$", "", before, flags=re.IGNORECASE) + "\t" + after)
            return _Anchor(index, index, token_date(token), None, since, rest)
    return None


def _clean(piece: str) -> str:
    piece = piece.strip(_EDGE)
    return piece.strip(_EDGE + "()[]") if piece.count("(") != piece.count(")") else piece


def _pieces(texts: list[str]) -> tuple[list[str], str | None, str | None]:
    """Header text cut into title and employer candidates; the location; the piece before it on its line."""
    location: str | None = None
    near: str | None = None
    pieces: list[str] = []
    for text in texts:
        text = _PLACEHOLDER.sub(lambda m: "\t" + m.group().replace(" ,", ",") + "\t", text[:300])
        line_start = len(pieces)
        for field in _FIELD_SPLIT.split(_GRADE.sub("\t", _HOURS_ANY.sub("\t", text))):
            parts: list[str] = []
            for part in filter(None, map(_clean, field.split(","))):
                if parts and part.lower().rstrip(".") in _SUFFIXES and part not in _STATES:
                    parts[-1] += ", " + part  # "Acme Cloud, Inc."
                else:
                    parts.append(part)
            states = [i for i, p in enumerate(parts) if p in _STATES or p.lower() in _STATES]
            place = max([i for i in states if parts[i] not in ("USA", "US")] or states, default=None)
            if location is None and place is not None and (place or len(parts) <= 2):
                city, before = _split_city(parts[place - 1]) if place else ("", "")
                tail = parts[place + 1:place + 2] if parts[place + 1:place + 2] in (["USA"], ["US"]) else []
                location = ", ".join([c for c in (city, parts[place]) if c] + tail)
                parts = parts[:max(0, place - 1)] + ([before] if before else []) + parts[place + 1 + len(tail):]
                near = before or (pieces[-1] if place <= 1 and len(pieces) > line_start else None)
            elif location is None and parts == ["Remote"]:
                location, parts, near = "Remote", [], (pieces[-1] if len(pieces) > line_start else None)
            pieces += parts
    return [p for p in pieces if p.lower() not in ("from", "date", "dates", "to", "since")], location, near


def _split_city(piece: str) -> tuple[str, str]:
    """"Northwind Labs Bellevue" -> ("Bellevue", "Northwind Labs"): a city glued to the employer before it."""
    words = piece.split()
    cut = max((i + 1 for i, w in enumerate(words) if w.lower().strip(".") in _EMPLOYER_WORDS or w.endswith(")")
               or (w.endswith(".") and w.lower() not in _ABBREVIATIONS)), default=0)
    if cut >= len(words) and words[-1].lower().strip(".") in _EMPLOYER_WORDS:
        return "", piece  # "Northwind Bank, India": the piece is the employer, the place is the country
    return (" ".join(words[cut:]), " ".join(words[:cut]).rstrip(".")) if 0 < cut < len(words) else (piece, "")


def _score(piece: str, vocabulary: frozenset[str]) -> int:
    bonus = 3 if vocabulary is _EMPLOYER_WORDS and "company name" in piece.lower() else 0
    return bonus + sum(1 for w in re.split(r"[\s/&]", piece) if w.strip("().,&/").lower() in vocabulary)


def _best(pieces: list[str], wanted: frozenset[str], other: frozenset[str]) -> str | None:
    """The piece with the most words of ``wanted`` (counted double) over words of ``other``, if any."""
    score, _, piece = max(((2 * _score(p, wanted) - _score(p, other), -i, p) for i, p in enumerate(pieces)),
                          default=(0, 0, ""))  # on a tie, the first piece
    return piece if score > 0 else None


def _title_employer(pieces: list[str], near: str | None) -> tuple[str | None, str | None]:
    labels = [(m.group(1).lower(), _clean(p[m.end():])) for p in pieces if (m := _LABEL.match(p)) and p[m.end():]]
    labelled = {("employer" if k in ("employer", "organization", "agency", "company") else "title"): v
                for k, v in reversed(labels)}  # "Employer: VA Medical Center"; the first of each kind wins
    rest = [p for p in pieces if not _LABEL.match(p)]
    title = labelled.get("title") or _best(rest, _TITLE_WORDS, _EMPLOYER_WORDS)
    others = [p for p in rest if p != title]
    employer = labelled.get("employer") or _best(others, _EMPLOYER_WORDS, _TITLE_WORDS)
    employer = employer or (near if near in others else None)
    leftovers = [p for p in others if p != employer]
    if title is None and leftovers:
        title = leftovers.pop(0)
    return title or None, employer or (leftovers[0] if leftovers else None)


def _hours(header: list[str], body: list[str]) -> int | None:
    """Hours per week from the header or a short line ("40 hrs/wk"), or a label anywhere ("Hours per week: 40")."""
    short = header + [t for t in body if len(t.split()) <= 6]
    found = next(filter(None, (_HOURS_ANY.search(t) or _HOURS_LABEL.search(t) for t in short)), None)
    match = found or _HOURS_LABEL.search(" ".join(body))
    value = int(next(g for g in match.groups() if g)) if match else 0
    return value if 1 <= value <= 100 else None


def _series_grade(texts: list[str]) -> str | None:
    """The pay plan, series and grade as written ("GS-0675-07"), or put together from "Series: 0675 Grade: 07"."""
    stated = next(filter(None, map(_GRADE.search, texts)), None)
    if stated:
        return stated.group().replace(" ", "-")
    found: dict[int, str] = {}
    for match in (m for text in texts for m in _GRADE_LABELS.finditer(text)):
        found.setdefault(match.lastindex or 1, match.group(match.lastindex or 1).upper())
    return "-".join(found[k] for k in (1, 2, 3) if k in found) if 2 in found and 3 in found else None


def job_entries(document: Document) -> tuple[JobEntry, ...]:
    """The jobs in the work sections (experience and volunteer, in reading order); () when there are none."""
    entries: list[JobEntry] = []
    lines = document.lines
    for section in document.sections:
        if section.name in WORK_SECTIONS:
            start, end = max(0, section.start), min(section.end, len(lines))
            texts = {i: _norm(lines[i].text) for i in range(start, end)}
            anchors = _anchors(lines, texts, start, end)
            entries += _section_entries(lines, texts, anchors, start, end, section.name) if anchors else []
    return tuple(entries)


def _section_entries(lines: tuple[Line, ...], texts: dict[int, str], anchors: list[_Anchor], start: int, end: int,
                     section: str) -> list[JobEntry]:
    above, top = 0, anchors[0].first  # header lines above the first job: every job gets as many (at most 3)
    while above < 3 and top - above - 1 >= start and _header_like(lines[top - above - 1], texts[top - above - 1]):
        above += 1
    firsts: list[int] = []
    for position, anchor in enumerate(anchors):
        floor = anchors[position - 1].last + 1 if position else start
        first = anchor.first
        while first > floor and anchor.first - first < above and _header_like(lines[first - 1], texts[first - 1]):
            first -= 1
        firsts.append(first)
    entries = []
    for position, anchor in enumerate(anchors):
        last = firsts[position + 1] - 1 if position + 1 < len(anchors) else end - 1
        header = [texts[i] for i in range(firsts[position], anchor.first)] + [anchor.rest]
        header_end, pieces = anchor.last, _pieces(header)[0]
        while header_end < last and header_end - anchor.last < 2:  # the line(s) below: employer, place or title
            text = texts[header_end + 1]
            bare = BULLET.sub("", text) if not pieces else text  # "Mar 2021 - Present" / "- Staff Engineer, Globex"
            if not _header_like(lines[header_end + 1], bare, 12 if bare is text else 8):
                break
            more, place, _ = _pieces([bare])
            short_employer = _score(text, _EMPLOYER_WORDS) and len(text.split()) <= 6
            marked = place or re.search(r"[|\u00b7\u2022]", text) or short_employer
            untitled = not any(_score(p, _TITLE_WORDS) for p in pieces) and _score(text, _TITLE_WORDS)
            if len(pieces) >= 2 and not (marked or untitled):
                break
            header.append(bare)
            pieces += more
            header_end += 1
        below = texts.get(header_end + 1, "") if header_end < last else ""
        placeholder = _PLACEHOLDER.search(below) if not pieces else None
        if placeholder:  # "Surgical Clinical Reviewer Company Name Collected and submitted ...": the head of it
            header.append(below[:placeholder.end()])
        pieces, location, near = _pieces(header)
        title, employer = _title_employer(pieces, near)
        body = range(header_end + 1, last + 1)
        if title and title.strip().lower() == "student":
            continue  # "08/2013-12/2015, Student, ASN, Nursing, Columbus Technical College": school, not a job
        entries.append(JobEntry(
            title=title, employer=employer, location=location, start=anchor.start, end=anchor.end,
            current=anchor.current, hours_per_week=_hours(header, [texts[i] for i in body]),
            series_grade=_series_grade([texts[i] for i in range(firsts[position], last + 1)]),
            first_line=firsts[position], last_line=last, section=section,
            bullets=tuple(i for i in body if texts[i] and not _METADATA.match(texts[i])), date_line=anchor.first,
        ))
    return entries


def gaps(entries: tuple[JobEntry, ...] | list[JobEntry], min_months: int = 6) -> list[tuple[WorkDate, WorkDate]]:
    """(end of one job, start of the next) wherever ``min_months`` or more pass with no job, jobs sorted by start.

    Whole months count (Jan 2019 to Aug 2019 is six); where a side has no month, only years 2+ apart count.
    A job with a start and no end (and not "Present") ends at an unknown date: that is a missing detail of the
    job, never a gap, so no gap is counted after it until a job with a known end.
    """
    found: list[tuple[WorkDate, WorkDate]] = []
    latest: WorkDate | None = None
    ongoing = False
    for entry in sorted((e for e in entries if e.start), key=lambda e: (e.start or WorkDate(0)).first_month()):
        start = entry.start or WorkDate(0)
        if latest is not None and not ongoing:
            if latest.month is not None and start.month is not None:
                months = start.first_month() - latest.last_month() - 1
            else:  # a whole calendar year between the two
                months = (start.year - latest.year - 1) * 12 if start.year - latest.year >= 2 else 0
            if months >= min_months:
                found.append((latest, start))
        ongoing = ongoing or entry.current
        if entry.end is None and not entry.current:
            latest = None  # its end is unknown: the time after it is not known to be a gap
            continue
        finish = entry.end or start
        if latest is None or finish.last_month() > latest.last_month():
            latest = finish
    return found


def job_months(entry: JobEntry, today: tuple[int, int]) -> int:
    """Months a job ran: to its end, or to ``today`` (year, month) when current; 0 without a start date.
    A job with a start but no end and not current counts its start month only."""
    if entry.start is None:
        return 0
    end = entry.end.last_month() if entry.end else today[0] * 12 + today[1] - 1 if entry.current else entry.start.last_month()
    return max(0, end - entry.start.first_month() + 1)


def months_worked(entries: "list[JobEntry] | tuple[JobEntry, ...]", today: tuple[int, int]) -> int:
    """Months covered by these jobs together, overlapping months counted once (two jobs at once are not two years)."""
    months: set[int] = set()
    for entry in entries:
        length = job_months(entry, today)
        if length and entry.start is not None:
            months.update(range(entry.start.first_month(), entry.start.first_month() + length))
            if len(months) > 12 * 80:
                break  # bound: no career is longer
    return len(months)
