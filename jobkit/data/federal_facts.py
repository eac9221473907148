"""The federal application facts (keywords/_federal.toml): page limit and rules, validated on load, each with its source."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from jobkit.data.datafile import Fields, check_id, load_toml, read_entity, spec
from jobkit.data.keywords import load_glossary
from jobkit.data.resources import data_dir
from jobkit.model.check_results import MAX_TARGET_PAGES, MIN_TARGET_PAGES


@dataclass(frozen=True)
class FederalRule:
    id: str
    text: str = field(metadata=spec("text"))
    sources: tuple[str, ...] = field(metadata=spec("texts", required=True))


@dataclass(frozen=True)
class FederalRules:
    page_limit: int
    rules: tuple[FederalRule, ...]
    records_work_terms: frozenset[str] = frozenset()  # glossary ids that show health-records work in a job

    def rule(self, rule_id: str) -> FederalRule:
        return next(r for r in self.rules if r.id == rule_id)


@lru_cache(maxsize=4)
def _load(folder: Path) -> FederalRules:
    path = folder / "_federal.toml"
    root = Fields(path, load_toml(path))
    root.unknown({"page_limit", "page_limit_sources", "rules", "records_work_terms", "records_work_sources"})
    page_limit = root.integer("page_limit", MIN_TARGET_PAGES, MAX_TARGET_PAGES)
    root.texts("page_limit_sources", required=True)
    records_work = root.texts("records_work_terms", required=True)
    root.texts("records_work_sources", required=True)
    known = set(load_glossary().terms)
    unknown = [term for term in records_work if term not in known]
    if unknown:
        raise root.fail("records_work_terms", f"names {unknown[0]!r}, which is not a glossary term")
    table = root.table_at("rules")
    rules = tuple(read_entity(FederalRule, table.table_at(rule_id), id=check_id(rule_id, "rule id")) for rule_id in table.table)
    if not rules:
        raise table.fail("rules", "must list at least one rule")
    return FederalRules(page_limit, rules, frozenset(records_work))


def load_federal_rules() -> FederalRules:
    return _load(data_dir("keywords"))
