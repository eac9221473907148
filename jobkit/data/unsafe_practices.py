"""Practices that would end an interview or a job (interview_questions/_unsafe_practices.toml), each with the
rule it breaks and its public source, validated on load: a bad expression names the file and the field."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jobkit.data.datafile import Fields, check_id, load_toml
from jobkit.data.resources import data_dir

FILE = "_unsafe_practices.toml"
# "GAP" in an expression: up to six words in between, never across a sentence.
GAP = r"(?:[^\w.;!?\n]+[\w'-]+){0,6}?[^\w.;!?\n]+"


@dataclass(frozen=True)
class UnsafePractice:
    id: str
    name: str
    why: str
    source: str
    patterns: tuple[re.Pattern[str], ...]
    refusals: tuple[re.Pattern[str], ...]  # in the same sentence, the practice is refused, not described


@lru_cache(maxsize=4)
def _load(folder: Path) -> tuple[UnsafePractice, ...]:
    path = folder / FILE
    root = Fields(path, load_toml(path))
    root.unknown({"rules"})
    table = root.table_at("rules")
    rules = []
    for rule_id in table.table:
        fields = table.table_at(check_id(rule_id, f"{FILE}: rule id"))
        fields.unknown({"name", "why", "source", "patterns", "not"})
        rules.append(UnsafePractice(rule_id, fields.text("name"), fields.text("why"), fields.text("source"),
                                    fields.patterns("patterns", required=True, gap=GAP),
                                    fields.patterns("not", gap=GAP)))
    if not rules:
        raise table.fail("rules", "must list at least one rule")
    return tuple(rules)


def unsafe_practices() -> tuple[UnsafePractice, ...]:
    return _load(data_dir("interview_questions"))
