"""Salient terms of a posting that no keyword set knows: acronyms and repeated phrases.

Shown to the job seeker as "also stressed", so the filters here keep out what
is not a skill: words in capitals, headings, the employer's own name, reference
numbers, and federal or job-board boilerplate.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Set as AbstractSet
from typing import Any

from jobkit.model.document import Document
from jobkit.model.match_results import SalientTerm
from jobkit.read.regex_needs import Patterns
from jobkit.match.posting_phrases import contains_known, count_phrases, drop_overlaps, phrase_keys
from jobkit.match.tokens import STOP_WORDS, phrase_key, tokenize
from jobkit.match.tokens import words as token_words
from jobkit.match.posting_vocabulary import SENTENCE_PUNCTUATION, TITLE_WORDS, URL, heading_words, is_chrome, is_shouting


# Whole hyphenated codes (ICD-10-CM), so their parts are not taken for acronyms.
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&]{1,7}(?:-[A-Z0-9]{1,6})*\b")
_METADATA = re.compile(r"\b(announcement|vacancy|control number|number:|grade|salary|pay scale)\b", re.I)
_NOISE_ACRONYMS = frozenset(
    "US USA VA GS OR AND THE FT PT AM PM EEO HR IT II III IV VI VII ID NA TBD FAQ PDF URL IHS DOE DC AZ AR CA CO NC NY "
    "MD TX PA IL OR WA MN FL GA OH MI NJ VISN VAMC VHA DVA MRT KSAS KSA CBTA APH NS MR COVID NW NE SW SE OUR NOT TO "
    "ALL ANY YOU ARE FOR PER VIA NEW OUT USD".split()
)
# Federal hiring acronyms (Career Transition Assistance Plans, USAJOBS, OPM, veterans' appointing authorities):
# hiring rules, not skills.
_NOISE_ACRONYMS |= frozenset("CTAP ICTAP USAJOBS OPM VEOA VRA CFR USC".split())
# Words postings write in capitals as headings or for stress ("SKILLS", "DUTY", "DATA"): not acronyms.
_CAPS_WORDS = frozenset(
    "data duty duties job jobs skill skills staff shift shifts pay work team care role plan note notes open close "
    "closed apply now full part time home help click here must will who what when where how why hour hours days "
    "week remote onsite site level lead head chief main key core plus best top only also other more most each "
    "every day night per diem summary salary".split()
)
# Federal (USAJOBS, VA, IHS) and job-board boilerplate. Federal announcements repeat it, so it looks salient,
# but it is the hiring process (qualification-standard wording, conditions of employment, appointment rules,
# announcement fields), not a skill: a resume must never be told to add "creditable experience" or
# "Career Transition Assistance Plan". Matched as token runs, so "time-in-grade" and "Time in Grade" are one.
_BOILERPLATE = (
    # qualification-standard wording
    "creditable experience", "specialized experience", "experience and education", "education and experience",
    "experience/education combination", "equivalent combinations", "knowledge, skills and abilities",
    "experience that indicates knowledge", "full performance level", "semester hours", "above high school",
    "education/training substitutions", "educational/training substitutions", "accredited college or university",
    "Department of Education", "transcripts required", "month-for-month basis",
    # hiring rules and conditions of employment
    "time-in-grade", "time after competitive appointment", "Career Transition Assistance Plan",
    "Interagency Career Transition", "Relocation expenses reimbursed", "relocation expenses", "Indian preference",
    "veterans preference", "conditions of employment", "condition of employment", "United States citizenship",
    "English language proficiency", "non-citizens", "pre-employment examination", "background investigation",
    "security investigation", "selective service registration", "permanent federal employees",
    "federal employees", "current permanent", "this job is open to", "clarification from the agency",
    "who may apply", "equal opportunity employer", "persons with disabilities", "locality pay",
    # USAJOBS page fields
    "Announcement number", "Control number", "Vacancy identification number", "Pay scale & grade",
    "Appointment type", "Appointment duration", "Work schedule", "Security clearance", "Drug test",
    "Position sensitivity and risk", "Trust determination process", "Financial disclosure",
    "Bargaining unit status", "Promotion potential", "Supervisory status", "Telework eligible", "Travel required",
    "Open & closing dates", "Hiring complete", "Reviewing applications", "Skip to main content",
    "Back to results", "Total compensation package", "total compensation", "Agency marketing statement",
)
_BOILERPLATE_KEYS = frozenset(tuple(t.norm for t in tokenize(p)) for p in _BOILERPLATE)
_BOILERPLATE_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(r"\W*".join(re.escape(w) for w in re.findall(r"\w+", p)) for p in _BOILERPLATE) + r")(?!\w)",
    re.I,
)


_BOILERPLATE_QUICK = Patterns((_BOILERPLATE_RE,))


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """Where a line holds boilerplate phrases ("Supervisory status: No" is not supervision)."""
    return [m.span() for m in _BOILERPLATE_RE.finditer(text)] if _BOILERPLATE_QUICK.may(text) else []
_ORG_FIELD = re.compile(
    # not "department:" - in a posting's own fields that is the unit ("department: Patient Access")
    r"^(?:company(?: name)?|employer|organi[sz]ation|agency|hiring organi[sz]ation)\s*:\s*(\S.{1,80})$",
    re.I,
)
_ABOUT = re.compile(r"^about\s+(?!us\b|the role\b|the job\b|this\b|you\b)([A-Z].{1,60})$", re.I)
_ORG_INTRO = re.compile(
    r"(?:^|(?<=[.!?]\s))((?:[A-Z][\w&'-]*+\s+){0,4}[A-Z][\w&'-]*+)\s+"
    r"(?:is hiring|is looking|is seeking|seeks|is recruiting|is searching|has an opening)"
)
# Names of health systems and agencies, and the acronym that follows them:
# "Central Texas Veterans Health Care System (CTVHCS)", "Department of Veterans Affairs (DVA)".
_ORG_NAME = re.compile(
    r"(?:^|(?<=\s))((?:[A-Z][\w&'-]*+\s+(?:(?:of|and|&)\s+)?){1,6}(?:Health\s*Care\s+Systems?|Healthcare\s+Systems?|"
    r"Health\s+Systems?|Medical\s+Center|Hospital|Administration|Veterans\s+Affairs|(?:Health\s*Care|Healthcare|Health)\s+Network|"
    r"Health\s+Service))"
    r"(?:\s*\(([A-Z]{2,10})\))?"
)


def _acronym_like(word: str) -> bool:
    """True for SCDM or VAMHCS; false for capitalised words (MISSION) and reference numbers (IHS-24-WR)."""
    if word in _NOISE_ACRONYMS or sum(c.isdigit() for c in word) >= 2 or word.count("-") > 1:
        return False
    letters = [c for c in word if c.isalpha()]
    vowels = sum(1 for c in letters if c in "AEIOUY")
    return not (len(letters) >= 5 and vowels >= 0.3 * len(letters))


def salient_terms(
    document: Document, known: AbstractSet[tuple[str, ...]], acronyms_known: AbstractSet[str], title: str = "",
    glossary_words: AbstractSet[str] | None = None,
) -> tuple[SalientTerm, ...]:
    organisation_acronyms, organisation_grams = _organisations(document, title)
    words = lower_words([document.text]) | (glossary_words or set())
    keys = phrase_keys(known, _BOILERPLATE_KEYS)
    acronyms: Counter[str] = Counter()
    grams: list[str] = []
    for line in document.lines:
        if not is_shouting(line.text) and not _METADATA.search(line.text) and not _caps_heading(line.text):
            references = _reference_numbers(line.text)
            for match in _ACRONYM.finditer(line.text):
                word = match.group(0)
                if (
                    _acronym_like(word)
                    and word not in acronyms_known
                    and phrase_key(word) not in known
                    and word not in organisation_acronyms
                    and not _organisation_code(word)
                    and not _english_word(word, words)
                    and not _inside(references, match.start())
                ):
                    acronyms[word] += 1
        count_phrases(token_words(line.text), keys, organisation_grams, grams)
    phrases = Counter(grams)
    out = [SalientTerm(a, c, "acronym") for a, c in acronyms.most_common(8) if len(a) > 2 or c >= 2]
    repeated = [(p, c) for p, c in phrases.most_common(60) if c >= 3 and not contains_known(phrase_key(p), known)]
    out += [SalientTerm(p, c, "phrase") for p, c in drop_overlaps(repeated)[:8]]
    return tuple(out)


def _english_word(word: str, words: set[str]) -> bool:
    """True for a word in capitals (DATA, SKILLS, DUTY), not an acronym: the posting or the glossary
    writes it in lower or title case too, or it is a common word postings put in capitals."""
    lower = word.lower()
    return lower in words or lower in _CAPS_WORDS or lower in STOP_WORDS


def lower_words(texts: Any) -> set[str]:
    """Lower-cased words that ``texts`` write in lower or title case ("data" from "data entry")."""
    return {w.lower() for text in texts for w in re.findall(r"[A-Za-z]{2,}", text) if not w.isupper()}


def _caps_heading(text: str) -> bool:
    """A heading written in capitals with a colon ("SKILLS:", "HIM DUTIES:"): its words are not acronyms."""
    stripped = text.strip()
    return stripped.endswith(":") and stripped[:-1].strip().isupper() and len(stripped.split()) <= 4


def _reference_numbers(text: str) -> list[tuple[int, int]]:
    """Spans of announcement and vacancy numbers ("IHS-25-PX-12723590-ESEP/MP"): runs without spaces
    holding four or more digits, whose letter parts (ESEP) are not acronyms. Found once per line."""
    if sum(map(str.isdigit, text)) < 4:
        return []  # no run holds four digits when the whole line does not
    return [m.span() for m in re.finditer(r"\S+", text) if sum(c.isdigit() for c in m.group(0)) >= 4]


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    number = bisect_left(spans, (offset + 1,)) - 1
    return number >= 0 and spans[number][0] <= offset < spans[number][1]


def employer_name(document: Document) -> str:
    """The employer's name, when the posting states it: a "Company:" field, "<X> is hiring", or a health
    system or agency named early ("Central Texas Veterans Health Care System"); "" otherwise."""
    lines = [URL.sub("", line.text).strip().strip("*#_`").strip() for line in document.lines[:40]]
    for text in lines:
        field = _ORG_FIELD.match(text)
        if field:
            return field.group(1).strip()[:80]
    for pattern in (_ORG_INTRO, _ORG_NAME):
        for text in lines:
            match = pattern.search(text)
            if match:
                words = match.group(1).split()
                while words and any(c.isdigit() for c in words[0]):
                    words.pop(0)  # an announcement number run into the name ("IHS-24-WR-1243 Department ...")
                return " ".join(words)[:80]
    return ""


def _organisation_code(word: str) -> bool:
    """VA facility and network codes (VAMHCS, VANTHCS, VAHCS) and health care systems (CTVHCS)."""
    return (word.startswith("VA") and len(word) >= 4) or word.endswith("HCS")


def _organisations(document: Document, title: str) -> tuple[set[str], set[tuple[str, ...]]]:
    """The employer's name as written in the posting: its acronyms (CHI, CTVHCS) and its two- and
    three-word runs, so neither is shown as a term the resume should have.

    Read from "Company:"-style fields, "About <X>", "<X> is hiring", names ending in "Health Care System",
    "Medical Center", "Administration" and the like, and the short name lines at the top of the posting.
    """
    names: list[str] = []
    lines = [URL.sub("", line.text).strip().strip("*#_`").strip() for line in document.lines]
    for text in lines[:30]:
        field = _ORG_FIELD.match(text)
        if field:
            names.append(field.group(1))
    for text in lines:
        about = _ABOUT.match(text)
        if about and not heading_words(about.group(1)):
            names.append(about.group(1))
        names += [m.group(1) for m in _ORG_INTRO.finditer(text)]
        for match in _ORG_NAME.finditer(text):
            names += [g for g in match.groups() if g]
    for text in lines[:8]:
        if len(text) > 80 or text.endswith(":"):
            break
        words = text.split()
        if (
            text != title and 1 <= len(words) <= 6 and text[0].isalpha() and not any(c.isdigit() for c in text)
            and not SENTENCE_PUNCTUATION.search(text) and not is_chrome(text) and not heading_words(text)
            and not TITLE_WORDS.search(text)
        ):
            names.append(text)
    acronyms = {w for name in names for w in re.findall(r"\b[A-Z][A-Z0-9&]{1,9}\b", name)}
    grams: set[tuple[str, ...]] = set()
    for name in names:
        key = tuple(t.norm for t in tokenize(name) if not t.raw.isdigit() and len(t.raw) > 2)
        grams |= {key[i : i + n] for n in (2, 3) for i in range(len(key) - n + 1)}
    return acronyms, grams
