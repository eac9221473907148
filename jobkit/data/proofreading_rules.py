"""Proofreading and impact rules (keywords/_proofreading.toml): field words, field misspellings, weak openers and
the measures this field's employers screen on, each measure with its public source. Validated on load."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jobkit.data.datafile import Fields, check_id, load_toml
from jobkit.data.keywords import load_glossary
from jobkit.data.resources import data_dir

FILE = "_proofreading.toml"


@dataclass(frozen=True)
class Measure:
    id: str
    text: str  # what to add, if the person knows it
    shown_by: frozenset[str]  # glossary terms whose work the measure fits
    source: str


@dataclass(frozen=True)
class Confusion:
    """A real word that is a misspelling beside these words ("impatient and outpatient services")."""

    word: str
    fix: str
    near: frozenset[str]  # lower case; empty: always


@dataclass(frozen=True)
class ProofreadingRules:
    words: frozenset[str]  # lower case: field words that are never misspellings
    title_words: frozenset[str]  # lower case: a capitalised word is flagged only when corrected to one of these
    misspellings: dict[str, str]  # lower case -> the right form
    weak_openers: tuple[str, ...]
    measures: tuple[Measure, ...]
    confusions: tuple[Confusion, ...] = ()
    tense: Tense | None = None


@dataclass(frozen=True)
class Tense:
    """The words that tell a bullet's tense from its first word (lower case)."""

    present: frozenset[str]  # base, "-s" and "-ing" forms of the verbs listed
    irregular_past: frozenset[str]
    not_verbs: frozenset[str]


@lru_cache(maxsize=4)
def _load(folder: Path) -> ProofreadingRules:
    path = folder / FILE
    root = Fields(path, load_toml(path))
    root.unknown({"sources", "words", "title_words", "misspellings", "confusions", "weak_openers", "measures",
                 "tense"})
    root.texts("sources", required=True)
    words = frozenset(w.lower() for w in root.texts("words", required=True))
    title_words = frozenset(w.lower() for w in root.texts("title_words", required=True))
    table = root.table_at("misspellings")
    misspellings = {wrong.lower(): table.text(wrong) for wrong in table.table}
    openers = root.table_at("weak_openers").texts("phrases", required=True)
    known = set(load_glossary().terms)
    measures = []
    items = root.table.get("measures")
    if not isinstance(items, list) or not items:
        raise root.fail("measures", "must be a list of tables")
    for number, item in enumerate(items):
        fields = Fields(path, item, f"measures[{number}]")
        fields.unknown({"id", "text", "shown_by", "source"})
        shown_by = fields.texts("shown_by", required=True)
        unknown = [t for t in shown_by if t not in known]
        if unknown:
            raise fields.fail("shown_by", f"names {unknown[0]!r}, which is not a glossary term")
        measures.append(Measure(check_id(fields.text("id"), f"{FILE}: measure id"), fields.text("text"),
                                frozenset(shown_by), fields.text("source")))
    confusions = []
    for number, item in enumerate(root.table.get("confusions") or []):
        fields = Fields(path, item, f"confusions[{number}]")
        fields.unknown({"word", "fix", "near"})
        confusions.append(Confusion(fields.text("word").lower(), fields.text("fix"),
                                    frozenset(w.lower() for w in fields.texts("near"))))
    return ProofreadingRules(words, title_words, misspellings, tuple(o.lower() for o in openers), tuple(measures),
                             tuple(confusions), _tense(root.table_at("tense")))


def _forms(verb: str) -> set[str]:
    """A verb's present forms: "file", "files", "filing"; "process", "processes", "processing"; "apply", "applies"."""
    third = verb[:-1] + "ies" if verb.endswith("y") and verb[-2:-1] not in "aeiou" else \
        verb + "es" if verb.endswith(("s", "sh", "ch", "x", "z")) else verb + "s"
    stem = verb[:-1] if verb.endswith("e") and not verb.endswith("ee") else verb
    ing = {stem + "ing"} | ({verb + verb[-1] + "ing"} if verb in {"run", "scan"} else set())
    return {verb, third} | ing


def _tense(table: Fields) -> Tense:
    table.unknown({"verbs", "irregular_past", "not_verbs"})
    verbs = [v.lower() for v in table.texts("verbs", required=True)]
    return Tense(frozenset(form for verb in verbs for form in _forms(verb)),
                 frozenset(w.lower() for w in table.texts("irregular_past", required=True)),
                 frozenset(w.lower() for w in table.texts("not_verbs", required=True)))


def proofreading_rules() -> ProofreadingRules:
    return _load(data_dir("keywords"))
