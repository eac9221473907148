"""Proofreading for health-information resumes: spelling with the field's vocabulary, lines written twice, a
missing name, walls of text, first-person pronouns and duty openers.

Spelling prefers silence to a false alarm. A word is flagged only when it is not an English word (pyspellchecker's
frequency dictionary, no network), not a word of the field (every glossary term and alias, credential names,
keywords/_proofreading.toml's words), not an acronym, a name-like word in a run of capitalised words, a URL or a
word the PDF text layer split ("informat ion"), and only with a one-letter correction. A field term people
misspell ("HIPPA", "Medicaire", "ICD-10-CN") is always named, with its right form.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from jobkit.data.keywords import load_glossary
from jobkit.data.proofreading_rules import proofreading_rules
from jobkit.checks.duplicate_lines import duplicate_lines
from jobkit.checks.tense import tense_changes
from jobkit.model.proofreading_results import Issue, Misspelling, ProofreadingCheck, WallOfText
from jobkit.read.bullets import BULLET

if TYPE_CHECKING:
    from jobkit.match.docindex import DocIndex

# Bounds: flags reported, and the lines and words that make a paragraph a wall.
MAX_MISSPELLINGS = 12
WALL_LINES = 8
WALL_WORDS = 120
WALL_LINE_WORDS = 6  # words per line on average: short lines are a list, not a paragraph
TOP_LINES = 3  # the name and contact lines: names and places, never spell-checked
_WORK_SECTIONS = ("experience", "volunteer", "projects", "other")
_CONTACT_LINE = re.compile(r"@|\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}")
# A bullet left as the template wrote it: "Responsible for ...", "Assisted with...", "Prepared...".
_UNFINISHED = re.compile(r"^(?:\w+\s){0,3}\w+\s*(?:\.\.\.|\u2026)\s*$")
_WORD = re.compile(r"(?<![\w@./-])[A-Za-z][a-z]{3,}(?:'s)?(?![\w@/-]|\.[a-z])")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_PRONOUN = re.compile(r"\bI(?=\s+[a-z])|\b(?:my|me|myself)\b|\bI'(?:m|ve|d|ll)\b")


@lru_cache(maxsize=1)
def _dictionary() -> Any:
    from spellchecker import SpellChecker  # loaded on first use: 0.2 s, once per process

    return SpellChecker(distance=1)


@lru_cache(maxsize=8192)
def _correction(word: str) -> str | None:
    """The dictionary's most frequent word one edit away (about 2 ms a word: kept for the next resume)."""
    return _dictionary().correction(word)  # type: ignore[no-any-return]


@lru_cache(maxsize=8192)
def _title_correction(word: str, titles: frozenset[str]) -> str | None:
    """The most frequent title word one edit away from ``word``, or None (about 1.5 ms: kept for the next resume)."""
    close = _dictionary().edit_distance_1(word) & titles
    return max(sorted(close), key=_dictionary().word_usage_frequency) if close else None


@lru_cache(maxsize=4)
def _field_words() -> tuple[frozenset[str], dict[str, str], re.Pattern[str] | None]:
    """Words of the field (lower case), and field misspellings with their right forms, as one expression."""
    glossary = load_glossary()
    rules = proofreading_rules()
    words: set[str] = set(rules.words)
    wrong: dict[str, str] = {}
    for term in glossary.terms.values():
        forms = (term.term, *term.aliases)
        for form in forms:
            words.update(w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]+", form))
        for misspelt in term.misspellings:
            right = max(forms, key=lambda f: SequenceMatcher(None, f.lower(), misspelt.lower()).ratio())
            wrong.setdefault(misspelt.lower(), right)
    for credential in glossary.catalogue.credentials.values():
        words.update(w.lower() for w in re.findall(r"[A-Za-z]+", credential.name))
    wrong.update(rules.misspellings)
    keys = sorted(wrong, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(k) for k in keys) + r")(?![\w-])", re.I) if keys else None
    return frozenset(words), wrong, pattern


def _spelling(index: "DocIndex") -> list[Misspelling]:
    words, wrong, pattern = _field_words()
    lines = index.document.lines
    found: dict[str, Misspelling] = {}
    candidates: dict[str, list[tuple[int, str]]] = {}
    for number, line in enumerate(lines):
        if line.hidden:
            continue
        text = line.text
        if pattern is not None:
            for hit in pattern.finditer(text):
                key = hit.group(0).lower()
                if key not in found and hit.group(0) != wrong[key]:
                    found[key] = Misspelling(hit.group(0), wrong[key], number, text.strip(), field_term=True)
        if number < TOP_LINES or index.sections[number] in ("contact", "references"):
            continue
        for confusion in proofreading_rules().confusions:
            if confusion.word in text.lower() and confusion.word not in found:
                hit = _confused(text, confusion)
                if hit is not None:
                    found[confusion.word] = Misspelling(hit, confusion.fix if hit.islower() else confusion.fix.capitalize(),
                                                        number, text.strip())
        tokens = list(_WORD.finditer(text))
        for position, token in enumerate(tokens):
            word = token.group(0)
            if word.endswith("'s"):
                word = word[:-2]
            lower = word.lower()
            if lower in words or lower in wrong:
                continue
            if word[0].islower() and (token.start() == len(text) - len(text.lstrip())
                                      or re.search(r"(?:^|\s)[B-HJ-Z]\s$", text[max(0, token.start() - 3):token.start()])):
                continue  # a line starting in lower case is usually the end of a word the text layer broke
            candidates.setdefault(lower, []).append((number, word))
    if candidates:
        dictionary = _dictionary()
        titles = proofreading_rules().title_words
        for lower in sorted(dictionary.unknown(list(candidates))):
            number, word = candidates[lower][0]
            text = lines[number].text
            if _inflected(lower, dictionary, words) or _british(lower, dictionary) or _split_by_text_layer(text, word, dictionary):
                continue
            # a capitalised word is a name, an employer or a place unless it is a misspelt title word: only title
            # words are tried for it (cheap), a lower-case word gets the dictionary's correction (cached)
            suggestion = _title_correction(lower, titles) if word[0].isupper() else _correction(lower)
            if not suggestion or suggestion == lower or dictionary.word_usage_frequency(suggestion) < 1e-7:
                continue
            suggestion = suggestion.capitalize() if word[0].isupper() else suggestion
            found.setdefault(lower, Misspelling(word, suggestion, number, text.strip()))
    ordered = sorted(found.values(), key=lambda m: (not m.field_term, m.line))
    return ordered[:MAX_MISSPELLINGS]


_ENDINGS = ("ies", "es", "s", "ed", "ing", "ers", "er", "ly")


_BRITISH = ((re.compile(r"is(e|ed|es|ing|ation|ations)$"), r"iz\1"), (re.compile(r"our(s|ed|ing|able)?$"), r"or\1"),
            (re.compile(r"tre(s)?$"), r"ter\1"), (re.compile(r"ogue(s)?$"), r"og\1"), (re.compile(r"lled$"), "led"),
            (re.compile(r"lling$"), "ling"))


def _british(word: str, dictionary: Any) -> bool:
    """"optimisation", "colour", "centre", "travelled": British spellings are spellings too."""
    return any(pattern.search(word) and pattern.sub(us, word) in dictionary for pattern, us in _BRITISH)


def _inflected(word: str, dictionary: Any, words: frozenset[str]) -> bool:
    """"timelines", "learnings", "billers": a known word with an English ending."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            if any(form in dictionary or form in words for form in (stem, stem + "e", stem + "y")):
                return True
    return False


CONFUSION_WINDOW = 3  # words either side of a confusable word that make it a misspelling


def _confused(text: str, confusion: Any) -> str | None:
    """The confusable word as written, when one of its context words is within a few words of it."""
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", text)
    for position, word in enumerate(words):
        if word.lower() == confusion.word:
            around = {w.lower() for w in words[max(0, position - CONFUSION_WINDOW):position + CONFUSION_WINDOW + 1]}
            if not confusion.near or around & confusion.near:
                return word
    return None


def _split_by_text_layer(text: str, word: str, dictionary: Any) -> bool:
    """"informat ion", "manage ment": the word and its neighbour make one dictionary word."""
    at = text.find(word)
    before = re.search(r"([A-Za-z]+)\s$", text[max(0, at - 40):at])  # bounded: a long line is not read again per word
    after = re.match(r"\s([A-Za-z]+)", text[at + len(word):])
    joined = [(before.group(1) + word) if before else "", (word + after.group(1)) if after else ""]
    return any(j and j.lower() in dictionary for j in joined)


def _walls(index: "DocIndex") -> list[WallOfText]:
    out = []
    lines = index.document.lines
    headings = {s.heading_line for s in index.document.sections if s.heading_line is not None}
    run: list[int] = []

    def close() -> None:
        words = sum(len(lines[n].text.split()) for n in run)
        if run and (len(run) >= WALL_LINES or words >= WALL_WORDS) and words >= WALL_LINE_WORDS * len(run):
            out.append(WallOfText(index.sections[run[0]], run[0], len(run), words, " ".join(lines[run[0]].text.split()[:8])))
        run.clear()

    for number, line in enumerate(lines):
        text = line.text.strip()
        in_prose = index.sections[number] in ("summary", "experience", "objective")
        if not in_prose or not text or line.hidden or number in headings or BULLET.match(line.text) or _YEAR.search(text):
            close()  # a job's header line (with its dates) starts a new paragraph
            continue
        if run and index.sections[run[-1]] != index.sections[number]:
            close()
        run.append(number)
        if text[-1:] in ".!?:;":
            close()  # a paragraph ends where a line ends a sentence: lines that wrap are one paragraph
    close()
    return out


def check_proofreading(index: "DocIndex") -> ProofreadingCheck:
    document = index.document
    misspellings = _spelling(index)
    duplicates = duplicate_lines(index)
    walls = _walls(index)
    rules = proofreading_rules()
    body = [(n, line) for n, line in enumerate(document.lines)
            if not line.hidden and index.sections[n] != "contact" and not _CONTACT_LINE.search(line.text)]
    pronouns = sum(len(_PRONOUN.findall(line.text)) for _, line in body)
    unfinished = tuple(line.text.strip() for n, line in body if index.sections[n] in _WORK_SECTIONS
                       and _UNFINISHED.match(BULLET.sub("", line.text).strip()))
    openers = tuple(line.text.strip() for n, line in body if index.sections[n] in _WORK_SECTIONS
                    and line.text.strip() not in unfinished  # a template bullet is named once, as a template
                    and BULLET.sub("", line.text).strip().lower().startswith(rules.weak_openers))
    name_missing = document.contact.name is None and document.words > 0
    issues: list[Issue] = []
    if name_missing:
        first = next((line.text.strip() for line in document.lines if line.text.strip()), "")
        issues.append(Issue("name_missing", "high", f"No name found at the top: the first line reads \"{first[:60]}\". "
                            "Recruiters and the application form both take your name from the first line.", line=0))
    for miss in misspellings:
        code = "misspelt_field_term" if miss.field_term else "misspelling"
        issues.append(Issue(code, "high" if miss.field_term else "medium",
                            f"\"{miss.word}\" should be \"{miss.suggestion}\"" + (": for a health-information job, a "
                            "misspelt field term costs credibility." if miss.field_term else "."),
                            line=miss.line, found=miss.word, suggestion=miss.suggestion))
    for duplicate in duplicates:
        issues.append(Issue("duplicate_line", "medium", f"\"{duplicate.text[:80].rstrip('.')}\" appears twice: keep one.",
                            line=duplicate.lines[1]))
    for wall in walls:
        issues.append(Issue("wall_of_text", "low", f"A paragraph of {wall.lines} lines ({wall.words} words) in your "
                            f"{wall.section} section, starting \"{wall.start}\": break it into 3-6 short bullets.",
                            line=wall.line))
    if unfinished:
        issues.append(Issue("unfinished_bullet", "medium", f"{len(unfinished)} bullet{'s' if len(unfinished) > 1 else ''} "
                            f"still read like a template (\"{unfinished[0][:50]}\"): finish each with what you did, "
                            "or remove it."))
    if openers:
        issues.append(Issue("weak_opener", "low", f"{len(openers)} bullet{'s' if len(openers) > 1 else ''} open with a "
                            f"duty (\"{openers[0][:50]}\"): open with what you did (\"Coded\", \"Processed\", \"Reduced\")."))
    changes = tense_changes(index)
    for change in changes:
        job = f"as {change.job}" if change.job else "that has ended"
        issues.append(Issue("tense_change", "low", f"Your job {job} mixes the past tense (\"{change.past} ...\") with "
                            f"the present (\"{change.present} ...\"): write a job you have left in the past tense.",
                            line=change.line))
    if pronouns:
        issues.append(Issue("first_person", "low", f"\"I\", \"my\" or \"me\" appears {pronouns} time"
                            f"{'s' if pronouns > 1 else ''}: resumes leave them out (\"Processed 40 requests a day\")."))
    return ProofreadingCheck(tuple(misspellings), tuple(duplicates), name_missing, tuple(walls), pronouns, openers,
                             tuple(issues), tuple(changes))
