"""What an application's screening questions would ask: a posting's knockout items, each in its own words.

Applicant tracking systems reject without a person through screening ("knockout") questions, not through a
keyword score (keywords/_screening.toml cites the vendors). This reads a posting's sentences for the items
such a question asks, yes or no or a number: a credential (now, or within N months of hire), years of
experience in a setting, a degree, a license, a system named as required, typing speed, the schedule, where
the work is done, a background check, work authorization. Required or preferred comes from the posting's own
cues (:mod:`jobkit.match.posting_cues`); alternatives share ``one_of``. What the resume backs is
:mod:`jobkit.checks.knockouts`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Iterator

from jobkit.data.screening import KINDS, screening_rules
from jobkit.match.posting_years import AMOUNT_QUICK, experience_asked, within_months
from jobkit.match.posting_cues import (CUE_QUICK, LEADS_TO, LEADS_TO_REACH, SENTENCE_END, Cues, alternative_lines,
                                       cue_of)
from jobkit.read.regex_needs import Scan, patterns_of
from jobkit.model.document import Document
from jobkit.model.match_results import Knockout

if TYPE_CHECKING:
    from jobkit.data.keywords import Requirement
    from jobkit.match.federal import FederalPosting

# Bounds: a posting of thousands of lines yields at most this many items, each quoted at most this long.
MAX_ITEMS = 40
MAX_TEXT = 200
_WPM = re.compile(r"\b(\d{2,3})\s*(?:\+\s*)?(?:wpm|w\.p\.m\.|(?:net |correct )?words per minute)", re.I)


# A job board's facts on two lines, a label and its value ("Remote job" / "No"): read as one.
_LABELS = re.compile(r"^\s*(?:remote job|telework eligible|work schedule|drug test|job status|position type|shift|"
                     r"schedule|security clearance|travel required|relocation expenses reimbursed)\s*:?\s*$", re.I)
_NOT_PATH = re.compile(r"\b(?:combin\w*|substitut\w*|equivalent)\b|"
                       r"\bplus\b.{0,120}\b(?:semester hours|above high school|education|college)\b", re.I)
# Experience and schooling in one sentence: a combination path's terms ("Six months of experience ... and one year
# above high school"), not an item of its own.
_COMBINED = re.compile(r"\b(?:months?|years?) of (?:creditable )?experience\b.{0,200}\b(?:above high school|semester hours)\b", re.I)
_AND_ONE_OF = re.compile(r"\b(?:and|plus)\s+(?:either\s+)?(?:one|any)\s+of\b", re.I)
# Kinds whose clauses on one line are one question (the schedule, where the work is, the checks before hire).
_ONE_PER_LINE = ("shift", "location", "background", "authorization")
_FACT = re.compile(r"^\s*[\w /()-]{2,30}:\s*\S")
_CONDITION = re.compile(r"\b(?:must|required|requires?|contingent|condition of employment|mandatory)\b", re.I)
_RECOMMENDED = re.compile(r"\b(?:recommended|suggested|optional)\b", re.I)


_PARTS = re.compile(SENTENCE_END.pattern + r"|\s+\|\s+")


def _sentences(document: Document) -> Iterator[tuple[int, int, str]]:
    """(line, offset, text) of every sentence or ";" clause of the posting."""
    lines = document.lines
    for number, line in enumerate(lines):
        if _LABELS.match(line.text) and number + 1 < len(lines) and len(lines[number + 1].text) < 60:
            yield number, 0, line.text.strip().rstrip(":") + ": " + lines[number + 1].text.strip()
            continue
        if number and _LABELS.match(lines[number - 1].text) and len(line.text) < 60:
            continue
        start = 0
        for match in _PARTS.finditer(line.text):
            if line.text[start:match.start()].strip():
                yield number, start, line.text[start:match.start()]
            start = match.end()
        if line.text[start:].strip():
            yield number, start, line.text[start:]


def _quote(text: str) -> str:
    text = " ".join(text.split()).strip(" -*\u2022\u00b7:")
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT].rsplit(" ", 1)[0] + "\u2026"


def posting_settings(text: str) -> tuple[str, ...]:
    return tuple(s.name for s in screening_rules().settings if any(p.search(text) for p in s.posting))


def _credential_items(document: Document, requirements: tuple["Requirement", ...], matches: dict[str, Any],
                      cues: Cues, title: str) -> list[tuple[int, Knockout]]:
    """One item per credential the posting asks for, or per either/or group of them ("CCS or CIC" is one
    question), each with its line. Not a credential named only in the title, among the duties, or as what a
    training program leads to ("eligibility for coding certification")."""
    groups: dict[str, list["Requirement"]] = {}
    for requirement in requirements:
        if requirement.term.category == "credential":
            groups.setdefault(requirement.one_of or requirement.term.id, []).append(requirement)
    items = []
    for members in groups.values():
        match = matches.get(members[0].term.id)
        if not match or not match.evidence:
            continue
        evidence = match.evidence[0]
        line = document.lines[evidence.line].text
        sentence = _sentence_at(line, evidence.offset)
        before = line[:evidence.offset]
        if sentence.strip() == title or cues.at(evidence.line, evidence.offset) == "mentioned" or LEADS_TO.search(before[-LEADS_TO_REACH:]):
            continue
        # a catalogue credential by its acronym ("RHIT"), a group by the posting's words ("coding certification")
        names = tuple(dict.fromkeys((m.term.term.split(" (")[0] if m.term.id.startswith("cred-") or not m.wording
                                     else m.wording[0]) for m in members))
        same = next((n for n, (_, item) in enumerate(items) if item.text == _quote(sentence)), None)
        if same is not None:
            # one sentence, one question: an umbrella term ("coding certification") adds no name of its own
            if not any(m.term.any_of for m in members):
                kept = items[same][1]
                items[same] = (items[same][0], replace(kept, terms=tuple(dict.fromkeys(kept.terms + names))))
            continue
        items.append((evidence.line, Knockout(text=_quote(sentence), kind="credential",
                                              required=any(m.need == "required" for m in members),
                                              within_months=within_months(sentence) or within_months(line), terms=names,
                                              one_of=members[0].one_of)))
    return items


def _other_credentials(sentences: list[tuple[int, int, str]], cues: Cues,
                        known_lines: set[int]) -> list[tuple[int, Knockout]]:
    """Credentials the glossary does not know, asked for in a credential's usual shape ("Certified Risk
    Adjustment Coder (CRC)", "revenue cycle certification ... within 1 year"), on lines no known one is on."""
    kind = screening_rules().kinds["credential"]
    quick = patterns_of(kind.patterns)
    items = []
    for line, offset, text in sentences:
        if line in known_lines or cues.at(line, offset) == "mentioned" or LEADS_TO.search(text):
            continue
        if not quick.any(text) or any(p.search(text) for p in kind.refusals):
            continue
        acronym = re.search(r"\(([A-Z][A-Za-z]{1,5})\)", text)
        items.append((line, Knockout(text=_quote(text), kind="credential", required=cues.at(line, offset) != "preferred",
                                     within_months=within_months(text),
                                     terms=(acronym.group(1),) if acronym else ())))
    return items


def _merge_alternatives(items: list[tuple[int, Knockout]], alternatives: dict[int, int]) -> list[tuple[int, Knockout]]:
    """Credentials on the lines of one list of alternatives ("One of the following:") are one question; degrees
    and years there are alternatives of each other (``one_of`` "a1", "a2"...)."""
    out: list[tuple[int, Knockout]] = []
    merged: dict[tuple[str, int], int] = {}
    for line, item in items:
        group = alternatives.get(line)
        # "RHIT, and one of:": the credential the intro names is asked for on its own
        on_its_own = item.kind == "credential" and _AND_ONE_OF.search(item.text) and not all(t[:1].islower() for t in item.terms)
        if group is None or item.one_of == "basic" or on_its_own:
            out.append((line, item))
            continue
        if item.kind == "credential" and ("credential", group) in merged:
            at = merged[("credential", group)]
            first = out[at][1]
            # a generic name from the list's intro ("coding credential") gives way to the credentials listed
            generic = all(t[:1].islower() for t in item.terms)
            terms = (item.terms if all(t[:1].islower() for t in first.terms) else
                     first.terms if generic else tuple(dict.fromkeys(first.terms + item.terms)))
            out[at] = (out[at][0], replace(first, terms=terms,
                                            text=first.text if item.text in first.text else _quote(first.text + "; " + item.text),
                                            required=first.required or item.required,
                                            within_months=first.within_months or item.within_months))
            continue
        if item.kind == "credential":
            merged[("credential", group)] = len(out)
        if item.kind in ("credential", "education", "experience"):
            item = replace(item, one_of=item.one_of or f"a{group}")
        out.append((line, item))
    # A group left with one member offers no alternative
    counts: dict[str | None, int] = {}
    for _, item in out:
        counts[item.one_of] = counts.get(item.one_of, 0) + 1
    return [(line, replace(item, one_of=None) if item.one_of and item.one_of.startswith("a") and counts[item.one_of] < 2
             and len(item.terms) < 2 else item) for line, item in out]


def _sentence_at(text: str, offset: int) -> str:
    start = 0
    for match in SENTENCE_END.finditer(text):
        if match.start() >= offset:
            return text[start:match.start()]
        start = match.end()
    return text[start:]


def _federal_paths(items: list[Knockout], posting: "FederalPosting", document: Document) -> list[Knockout]:
    """An announcement's basic-requirement paths are alternatives: one item each, sharing ``one_of`` "basic"."""
    kinds = {"experience": "experience", "education": "education", "coding_program": "education", "combination": "experience"}
    # Other years and degrees near the paths restate them ("Equivalent combinations...", "substitutions")
    out = [i for i in items if i.kind not in ("experience", "education") or not (_NOT_PATH.search(i.text) or _COMBINED.search(i.text))]
    for path, wording in posting.path_wording:
        key = " ".join(wording.split()).lower()[:30]
        places = [(item.text.lower().find(key), number) for number, item in enumerate(out)
                  if item.kind in ("experience", "education") and item.path is None and key in item.text.lower()]
        if places:
            number = min(places)[1]
            out[number] = replace(out[number], one_of="basic", path=path, required=True)
        else:
            found = experience_asked(wording)
            out.append(Knockout(text=_quote(wording), kind=kinds[path], required_years=found[0] if found else None,
                                settings=posting_settings(found[1]) if found else (), one_of="basic", path=path))
    return out


def _systems(kind: Any, text: str) -> tuple[str, ...]:
    """Every system a sentence names ("athenaOne or Epic"), in its own words."""
    return tuple(dict.fromkeys(m.group(0) for p in kind.patterns for m in p.finditer(text)))


def _stated(text: str) -> bool:
    """Whether a sentence states a condition of the job on its own: a fact with its label ("Work schedule:
    Full-time", "Location: Dover, on site") or a "must", "required", "contingent on"."""
    return bool(_FACT.match(text) or _CONDITION.search(text))


def knockout_items(document: Document, requirements: tuple["Requirement", ...], matches: dict[str, Any], cues: Cues,
                   federal: "FederalPosting | None" = None, title: str = "") -> tuple[Knockout, ...]:
    """The posting's knockout items, required ones first, then by kind (credentials before schedules)."""
    rules = screening_rules()
    quick = {kind_id: patterns_of(rules.kinds[kind_id].patterns) for kind_id in KINDS}
    sentences = list(_sentences(document))
    # each sentence is searched only with the expressions whose words it holds (found once per sentence)
    scan = Scan((*quick.values(), *CUE_QUICK, AMOUNT_QUICK), (text for _, _, text in sentences))
    found = _credential_items(document, requirements, matches, cues, title)
    found += _other_credentials(sentences, cues, {line for line, _ in found})
    seen: set[tuple[str, str]] = set()
    for line, offset, text in sentences:
        cue = cues.at(line, offset)
        lower = text.lower()
        present = scan.present(text, lower)
        own = cue_of(text, lower, present)
        for kind_id in KINDS:
            kind = rules.kinds[kind_id]
            if kind_id == "credential":
                continue
            if kind_id == "experience":
                years = experience_asked(text, lower, present)
                if years is None or cue == "mentioned":
                    continue
                item = Knockout(text=_quote(text), kind="experience", required=cue == "required",
                                required_years=years[0], settings=posting_settings(years[1]))
            else:
                if not quick[kind_id].any(text, lower, present) or any(p.search(text) for p in kind.refusals):
                    continue
                if kind.always:
                    # a condition of the job: stated as one, or listed under the requirements
                    if not (_stated(text) or cue != "mentioned"):
                        continue
                    required = own != "preferred" and not _RECOMMENDED.search(text)
                elif cue == "mentioned":
                    continue
                else:
                    required = cue == "required" and not _RECOMMENDED.search(text)
                wpm = _WPM.search(text) if kind_id == "typing" else None
                item = Knockout(text=_quote(text), kind=kind_id, required=required,
                                required_wpm=int(wpm.group(1)) if wpm else None,
                                terms=_systems(kind, text) if kind_id == "software" else ())
            key = (kind_id, item.text.lower())
            same_line = next((n for n, (other_line, other) in enumerate(found) if other_line == line
                              and other.kind == kind_id and kind_id in _ONE_PER_LINE), None)
            if same_line is not None:
                # "Position is 100% on-site; this is not a remote role": one question, in one item
                first = found[same_line][1]
                found[same_line] = (line, replace(first, text=_quote(first.text + "; " + item.text),
                                                  required=first.required or item.required))
            elif key not in seen:
                seen.add(key)
                found.append((line, item))
        if len(found) >= MAX_ITEMS:
            break
    found.sort(key=lambda pair: pair[0])
    found = _merge_alternatives(found, alternative_lines(document))
    items = [item for _, item in found]
    if federal is not None and federal.path_wording:
        items = _federal_paths(items, federal, document)
    order = {kind: number for number, kind in enumerate(KINDS)}
    items.sort(key=lambda i: (not i.required, order[i.kind]))
    return tuple(items[:MAX_ITEMS])
