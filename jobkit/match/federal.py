"""Federal job postings (USAJOBS, VA, IHS): how to tell one, and the duties its qualification statement lists.

Specialized-experience statements come in many wordings (see :data:`_INTRODUCER`); each is read to its end
and split into duties, and a statement that cannot be split is kept whole (:attr:`FederalPosting.unsplit`).

A federal posting switches the report to federal rules (see :mod:`jobkit.checks.federal_rules`).
It is known by the words only federal announcements use: the USAJOBS site, a GS grade, "Title 38",
"creditable experience", an agency name. One weak sign ("veterans") is not enough; two are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jobkit.read.regex_needs import Patterns

# (pattern, points, what it tells the user). Two points make a posting federal.
_SIGNS = (
    (r"\bUSAJOBS\b", 2, "it is a USAJOBS announcement"),
    (r"\b(?:GS|WG|GG)[-\s]?\d{1,4}(?:[-/]\d{1,2})?\b", 2, "it names a General Schedule grade"),
    (r"\bannouncement (?:number|#)", 2, "it has a federal announcement number"),
    (r"\b(?:title 38|38 U\.?S\.?C)", 2, "it cites Title 38, the VA's hiring law"),
    (r"\bcreditable experience\b", 2, "it uses the federal qualification wording (\"creditable experience\")"),
    (r"\bspecialized experience\b", 2, "it has a \"specialized experience\" qualification statement"),
    (r"\btime[-\s]in[-\s]grade\b", 2, "it states time-in-grade rules"),
    (r"\bbasic requirements\b", 1, "it lists basic requirements, as federal qualification standards do"),
    (r"\b(?:department of veterans affairs|veterans health administration|VHA|VAMC|VA medical center)\b", 2,
     "the employer is the Department of Veterans Affairs"),
    (r"\b(?:indian health service|IHS)\b", 2, "the employer is the Indian Health Service"),
    (r"\bVA\b", 1, "it names the VA"),
    (r"\bveterans?\b", 1, "it mentions veterans"),
    (r"\bfederal (?:employees|government|service|agency)\b", 1, "it mentions federal employment"),
)
_COMPILED = tuple((re.compile(pattern, re.I if not pattern.startswith(r"\bVA") else 0), points, reason)
                  for pattern, points, reason in _SIGNS)
# Each sign searched only in a text holding the words it needs (most postings have few of them).
_QUICK = tuple(Patterns((pattern,)) for pattern, _, _ in _COMPILED)
FEDERAL_POINTS = 2
_GRADE = re.compile(r"\bGS[-\s]?(?:\d{3,4}[-\s])?(\d{1,2})\b", re.I)
_SERIES_GRADE = re.compile(r"\bGS[-\s]?\d{3,4}[-\s](\d{1,2})(?:\s*/\s*(\d{1,2}))*", re.I)
_GRADE_RANGE = re.compile(r"\b(?:GS|Grade)[-\s]*0?(\d{1,2})\s*(?:-|\u2013|to)\s*(?:GS[-\s]*)?0?(\d{1,2})\b", re.I)
_NEXT_LOWER = re.compile(r"next lower grade(?: level)?[^.]{0,60}?\bGS[-\s]?0?(\d{1,2})\b", re.I)
_TIME_IN_GRADE = re.compile(r"\btime[-\s]in[-\s]grade\b", re.I)

_ING = r"[a-z]+ing\b"
_NOT_LIMITED = r"(?:,?\s*but\s+(?:is|are)\s+not\s+limited\s+to)?"
# Where a specialized-experience statement's duties start, in each wording real announcements use:
# "... which includes", "Specialized experience includes", "Examples of specialized experience include:",
# "... consists of", "... is experience that included", "performing the following type of work and/or tasks:",
# "must have demonstrated". One alternation, longest forms first ("includes" before "include").
_INTRODUCER = re.compile(
    r"(?:"
    r"specialized\s+experience\b[^.:]{0,250}?\b(?:which|that)\s+(?:includes|included|include|involved|involves)\b" + _NOT_LIMITED +
    r"|examples\s+of\s+specialized\s+experience(?:\s+would)?(?:\s+typically)?\s+(?:includes|include|are)\b" + _NOT_LIMITED +
    r"|specialized\s+experience(?:\s+for\s+this\s+position)?\s+(?:includes|include|included)\b" + _NOT_LIMITED +
    r"|specialized\s+experience\s+(?:consists|consisted)\s+of"
    r"|specialized\s+experience\s+is\s+defined\s+as(?:\s+one\s+or\s+more\s+of\s+the\s+following)?"
    r"|specialized\s+experience\b(?:[^.:]|\.(?=[),]))(?:[^.:]|\.(?=[),])){0,200}?,\s*(?=performing\b(?!\s+the\s+following))"
    r"|(?<![\w-])examples\s+(?:include|includes|are)\b"
    r"|specialized\s+experience\s+is\s+(?:defined\s+as\s+)?experience\s+(?:that|which)\s+(?:includes|included|involved|involves)\b"
    r"|performing\s+the\s+following\s+types?\s+of\s+work(?:\s+and/or\s+tasks)?"
    r"|\b(?:have|has|having)\s+demonstrated\b"
    r")\s*:?",
    re.I,
)
_LIST_ITEM = re.compile(r"^\s*(?:[-*\u2022\u00b7\u25aa\u25cf]|\(?\d{1,2}[.)]|\(?[a-h][.)])\s+")
# Where a statement ends: the next alternative, a note or another part of the announcement.
_STOP = re.compile(r"^\s*(?:[-~]?\s*OR\b|AND\s*$|NOTE\b|Note\b|Experience refers|Education\b|EDUCATION\b|"
                   r"Time[- ]in[- ]grade|TIME[- ]IN[- ]GRADE|FEDERAL TIME|This (?:specialized )?experience|\(THIS|GS-\d|"
                   r"You may|KNOWLEDGE)")
_SENTENCE_END = re.compile(r"(?<!U\.S)(?<!\be\.g)(?<!\bi\.e)\.(?=\s|$)|\(THIS|\bNOTE\b")
# Where a basic-requirement path's sentence starts: after a sentence's end (not "U.S."), a ";", a line break or "OR,".
_PATH_START = re.compile(r"(?<!U\.S)(?<!\be\.g)(?<!\bi\.e)\.\s+|;\s*|\n\s*|\bOR\b[,:]?\s*|--\s*")
_SPLIT = re.compile(r"\s*;\s*|,\s*(?:and|or)\s+|,\s+(?=" + _ING + r")|\s+such\s+as\s+|\s+including\s+|"
                    r",?\s+but\s+(?:is\s+|are\s+)?not\s+limited\s+to\s+|"
                    r"\s+requiring\s+(?=knowledge\b)", re.I)
# Verbs waiting for their object: "receiving", "setting up, monitoring" (joined to the next piece).
_BARE_VERBS = re.compile(r"(?:" + _ING + r"(?:\s+(?:up|out|off|in|on|down))?,\s*)*" + _ING + r"(?:\s+(?:up|out|off|in|on|down))?",
                         re.I)
_KNOWLEDGE_LIST = re.compile(r"^knowledge\s+of\b", re.I)
_AND_ING = re.compile(r"\s+and\s+(?=" + _ING + r")")
_LEAD = re.compile(r"^(?:and|or|also|experience\s+(?:in|with)|to)\s+", re.I)
MAX_STATEMENT = 1500  # characters of one statement read
MAX_DUTY = 200


@dataclass(frozen=True)
class Statement:
    """A specialized-experience statement: its duties, or its whole text when it cannot be split."""

    text: str
    duties: tuple[str, ...]


# The VA's basic-requirement paths (VA Handbook 5005, Appendix G... as the corpus postings word them):
# one year of creditable experience, OR an associate degree in HIT/HIM or 12 semester hours of related
# courses, OR an AHIMA-approved coding program, OR a combination.
_PATHS = (
    ("experience", re.compile(r"\bone year of creditable experience\b|\b(?:one|1) year of (?:specialized )?experience\b", re.I)),
    ("education", re.compile(r"\bassociate'?s? degree\b[^.]{0,160}\bhealth information\b|\b12 semester hours\b", re.I)),
    ("coding_program", re.compile(r"\bAHIMA[- ]approved coding program\b", re.I)),
    ("combination", re.compile(r"\bexperience/education combination\b|\bequivalent combinations?\b", re.I)),
)


@dataclass(frozen=True)
class FederalPosting:
    """Why the posting is read as federal, and what its qualification statement asks for."""

    reasons: tuple[str, ...]
    grades: tuple[int, ...]
    specialized_duties: tuple[str, ...]
    paths: tuple[str, ...] = ()  # the basic-requirement paths it offers: experience, education, coding_program, combination
    # The announcement's own words for each path it offers ("One year of creditable experience that indicates ...").
    path_wording: tuple[tuple[str, str], ...] = ()
    statements: tuple[Statement, ...] = ()  # each specialized-experience statement, split or whole
    next_lower_grade: int | None = None  # the grade the specialized experience must equal ("next lower grade GS-06")
    time_in_grade: bool = False  # the announcement states time-in-grade rules (current federal employees)

    @property
    def unsplit(self) -> tuple[str, ...]:
        """Statements found whose duties could not be told apart: shown whole, never dropped in silence."""
        return tuple(s.text for s in self.statements if not s.duties)


def federal_signs(text: str) -> tuple[int, tuple[str, ...]]:
    """Points and reasons from the federal signs in ``text``."""
    points, found = 0, []
    lower = text.lower()
    for quick, (_, weight, reason) in zip(_QUICK, _COMPILED):
        if quick.any(text, lower):
            points += weight
            found.append((weight, reason))
    # The two strongest signs are reason enough to show; the rest only add points.
    return points, tuple(reason for _, reason in sorted(found, key=lambda item: -item[0])[:2])


def _statement_texts(text: str) -> list[tuple[str, bool]]:
    """Each statement's duty text after its introducer, and whether it is a list (one duty per item)."""
    out = []
    matches = list(_INTRODUCER.finditer(text))
    # "Specialized experience is defined as performing the following type of work:": one statement, introduced twice
    matches = [m for i, m in enumerate(matches)
               if i + 1 == len(matches) or matches[i + 1].start() - m.end() > 3]
    for match in matches:
        if match.group(0).lower().startswith("examples") and not _about_specialized(text, match.start()):
            continue  # "Examples include" of general experience or of education: not specialized duties
        lines = text[match.end():match.end() + MAX_STATEMENT].split("\n")
        if not lines[0].strip() and len(lines) > 1 and _LIST_ITEM.match(lines[1]):
            items: list[str] = []
            for line in lines[1:]:
                if _LIST_ITEM.match(line):
                    items.append(_LIST_ITEM.sub("", line).strip())
                elif items and line.strip() and not _STOP.match(line):
                    items[-1] += " " + line.strip()  # an item wrapped over two lines
                else:
                    break
            out.append(("\n".join(items), True))
            continue
        body: list[str] = []
        for line in lines:
            if body and (not line.strip() or _STOP.match(line) or _LIST_ITEM.match(line)):
                break
            body.append(line.strip())
        joined = " ".join(body)
        end = _SENTENCE_END.search(joined)
        out.append((joined[:end.start()] if end else joined, False))
    return out


def _about_specialized(text: str, at: int) -> bool:
    """Whether the nearest kind of experience named before ``at`` is specialized (not general experience or
    education), within the same paragraph-sized stretch."""
    before = text[max(0, at - 600):at].lower()
    specialized, general = before.rfind("specialized experience"), max(before.rfind("general experience"),
                                                                       before.rfind("education"))
    return specialized >= 0 and specialized > general


_ITEM_SPLIT = re.compile(r"\s*;\s*|,\s*and\s+(?=" + _ING + r")")


def _split_item(item: str) -> list[str]:
    """A list item's duties: the item whole, or its parts where it joins two with a semicolon or ", and <verb>ing"."""
    item = _LEAD.sub("", item.strip(" ;,.")).removesuffix(" and").strip(" ;,.")
    return _joined([p.strip(" ;,.") for p in _ITEM_SPLIT.split(item) if p.strip(" ;,.")], ", and ")


def _joined(pieces: list[str], joiner: str) -> list[str]:
    """Duties from split pieces: verbs waiting for their object join the next piece ("setting up, monitoring,
    and maintaining office procedures"); pieces of one word are dropped."""
    merged: list[str] = []
    for piece in pieces:
        if merged and _BARE_VERBS.fullmatch(merged[-1]):
            merged[-1] = f"{merged[-1]}{joiner}{piece}"
        else:
            merged.append(piece)
    return [d[:MAX_DUTY] for d in merged if len(d.split()) >= 2]


def _split(part: str) -> list[str]:
    """One statement's duties: at semicolons, ", and", commas before a verb in -ing, "such as", "including";
    verbs that share one object stay one duty ("receiving, relaying and answering patient inquiries")."""
    pieces: list[str] = []
    chunks: list[str] = []
    for chunk in _SPLIT.split(part):
        # "knowledge of a patient's state, therapeutic communication": a list of knowledge items
        chunks.extend(chunk.split(", ") if _KNOWLEDGE_LIST.match(chunk.strip()) else [chunk])
    for chunk in chunks:
        piece = _LEAD.sub("", " ".join(chunk.split()).strip(" ,;:.-")).strip()
        if not piece:
            continue
        halves = _AND_ING.split(piece)
        # "coding charts and abstracting data": two duties; "taking and recording vital signs": one
        pieces.extend(halves if len(halves) > 1 and len(halves[0].split()) >= 3 else [piece])
    return _joined(pieces, ", ")


def read_statements(text: str) -> tuple[Statement, ...]:
    """Every specialized-experience statement of an announcement, with its duties (none when it cannot be split)."""
    out: list[Statement] = []
    seen: set[str] = set()
    for body, listed in _statement_texts(text):
        if listed:  # one item is one duty, unless it joins several itself ("...; advising", "..., and recommending")
            duties = [d for item in body.split("\n") for d in _split_item(item)]
        else:
            duties = _split(body)
        duties = [d for d in duties if d and d.casefold() not in seen]
        seen.update(d.casefold() for d in duties)
        if duties or body.strip():
            out.append(Statement(" ".join(body.split())[:MAX_STATEMENT], tuple(duties)))
    return tuple(out)


def specialized_duties(text: str) -> tuple[str, ...]:
    """The duties the announcement's specialized-experience statements list, one phrase each."""
    return tuple(duty for statement in read_statements(text) for duty in statement.duties)


def _path_wording(text: str, name: str, pattern: re.Pattern[str]) -> str:
    """The announcement's sentence for a basic-requirement path, from where the path is named to its end."""
    match = pattern.search(text)
    if match is None:
        return ""
    starts = [m.end() for m in _PATH_START.finditer(text, max(0, match.start() - 400), match.start())]
    start = starts[-1] if starts else max(0, text.rfind("\n", 0, match.start()) + 1)
    end = _SENTENCE_END.search(text, match.end())
    sentence = " ".join(text[start:end.start() if end else match.end() + 200].split())
    sentence = re.sub(r"^(?:\(?\d\)|-|\u2022)\s*", "", sentence)
    if len(sentence.split()) < 5 and end is not None:
        # only the path's heading ("Experience/Education Combination"): its sentence follows
        following = _SENTENCE_END.search(text, end.end() + 1)
        sentence = " ".join(text[start:following.start() if following else end.end() + 200].split())
    return sentence if len(sentence) <= 320 else sentence[:320].rsplit(" ", 1)[0] + "\u2026"


def _grades(text: str, next_lower: int | None) -> tuple[int, ...]:
    """The grades the announcement is for: its grade range ("GS 4 - 6") or series and grade ("GS-0675-05/06"),
    else every GS grade it names but the next lower one its experience must equal."""
    named: set[int] = set()
    for match in _GRADE_RANGE.finditer(text):  # "Pay scale & grade: GS 4 - 6", "Grade 9 to 9"
        low, high = int(match.group(1)), int(match.group(2))
        if low <= high <= low + 6:
            named.update(range(low, high + 1))
    for match in _SERIES_GRADE.finditer(text):
        named.add(int(match.group(1)))
        named.update(int(g) for g in re.findall(r"/\s*(\d{1,2})", match.group(0)))
    if not named:
        named = {int(g) for g in _GRADE.findall(text)} - ({next_lower} if next_lower else set())
    return tuple(sorted(g for g in named if 1 <= g <= 15))


def read_federal(text: str) -> FederalPosting | None:
    """The posting's federal facts, or None for a private-sector posting."""
    points, reasons = federal_signs(text)
    if points < FEDERAL_POINTS:
        return None
    lower = _NEXT_LOWER.search(text)
    grades = _grades(text, int(lower.group(1)) if lower else None)
    paths = tuple(name for name, pattern in _PATHS if pattern.search(text))
    wording = tuple((name, _path_wording(text, name, pattern)) for name, pattern in _PATHS if name in paths)
    statements = read_statements(text)
    return FederalPosting(reasons=reasons, grades=grades, paths=paths, path_wording=wording, statements=statements,
                          specialized_duties=tuple(d for st in statements for d in st.duties),
                          next_lower_grade=int(lower.group(1)) if lower else None,
                          time_in_grade=bool(_TIME_IN_GRADE.search(text)))
