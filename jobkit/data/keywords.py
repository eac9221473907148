"""Keyword sets: the glossary of terms and one role file per job.

``keywords/_glossary.toml`` defines every term once (aliases, category,
sources); ``keywords/_credentials.toml`` the credentials, which become terms
``cred-<acronym>``; each other ``keywords/<role-id>.toml`` picks terms with a
weight and whether the role requires them. Adding a role is adding a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from jobkit.data.context_rules import CONTEXT_WINDOW, ContextRule
from jobkit.data.credential_catalog import DEGREE_LEVELS, Catalogue, load_catalogue
from jobkit.data.datafile import Fields, check_id, load_toml, declared_keys, read_entity, spec
from jobkit.errors import DataFileError, NotFound
from jobkit.data.resources import data_dir

CATEGORIES = ("hard_skill", "software", "credential", "education", "knowledge", "soft_skill")
CATEGORY_LABELS = {
    "hard_skill": "Hard skills and tasks",
    "software": "Software and systems",
    "credential": "Credentials",
    "education": "Education",
    "knowledge": "Knowledge and regulations",
    "soft_skill": "Soft skills",
}
NEEDS = ("required", "preferred")




@dataclass(frozen=True)
class Term:
    """A skill, tool, credential, degree or piece of knowledge an ATS looks for."""

    id: str
    term: str = field(metadata=spec("text"))
    category: str = field(metadata=spec("choice", choices=CATEGORIES, required=True))
    aliases: tuple[str, ...] = field(default=(), metadata=spec("texts"))
    misspellings: tuple[str, ...] = field(default=(), metadata=spec("texts"))
    core: bool = field(default=False, metadata=spec("flag"))
    degree: str | None = field(default=None, metadata=spec("choice", choices=DEGREE_LEVELS))
    fields: tuple[str, ...] = field(default=(), metadata=spec("texts"))
    advice: str = field(default="", metadata=spec("text", required=False))
    sources: tuple[str, ...] = field(default=(), metadata=spec("texts", required=True))
    any_of: tuple[str, ...] = field(default=(), metadata=spec("texts"))
    context: tuple[ContextRule, ...] = field(default=(), metadata=spec("entities", of=ContextRule))
    related: tuple[str, ...] = field(default=(), metadata=spec("texts"))  # ids of terms a posting may confuse with this one
    # Education terms met by any finished degree too (a high school diploma is implied by a bachelor's).
    any_degree: bool = field(default=False, metadata=spec("flag"))


@dataclass(frozen=True)
class Requirement:
    """A term as one role (or one posting) asks for it."""

    term: Term
    weight: int = field(metadata=spec("integer", low=1, high=3))
    need: str = field(metadata=spec("choice", choices=NEEDS, required=True))
    note: str = field(default="", metadata=spec("text", required=False))
    # Postings only: the posting's own words for the term ("EHR", "electronic health records"),
    # which some ATS match literally.
    wording: tuple[str, ...] = ()
    mentions: int = 0  # postings only: how many times the posting names the term
    # Postings only: the id of the either/or group this term belongs to ("RHIT plus either CCS or CIC": CCS and
    # CIC share one), met by any member; None when the posting asks for the term on its own.
    one_of: str | None = None


@dataclass(frozen=True)
class RoleSet:
    id: str
    name: str = field(metadata=spec("text"))
    summary: str = field(metadata=spec("text"))
    titles: tuple[str, ...] = field(metadata=spec("texts", required=True))
    sources: tuple[str, ...] = field(metadata=spec("texts", required=True))
    requirements: tuple[Requirement, ...]  # the file's [terms] table
    # Terms without which a posting is not this kind of job ("risk-adjustment" for a risk adjustment coder): a
    # posting that names none of them is never read as closest to this role.
    defining: tuple[str, ...] = field(default=(), metadata=spec("texts"))

    def to_dict(self, *, with_terms: bool = False) -> dict[str, object]:
        out: dict[str, object] = {
            "id": self.id,
            "name": self.name,
            "summary": self.summary,
            "titles": list(self.titles),
            "sources": list(self.sources),
            "term_count": len(self.requirements),
        }
        if with_terms:
            out["terms"] = [
                {
                    "id": r.term.id,
                    "term": r.term.term,
                    "category": r.term.category,
                    "weight": r.weight,
                    "need": r.need,
                    "aliases": list(r.term.aliases),
                    "sources": list(r.term.sources),
                }
                for r in self.requirements
            ]
        return out


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one object per data folder
class Glossary:
    terms: dict[str, Term]
    catalogue: Catalogue


def _parse_term(term_id: str, fields: Fields) -> Term:
    term: Term = read_entity(Term, fields, id=term_id)
    if term.category == "education" and term.degree is None and not term.aliases:
        raise fields.fail("degree", "is needed for an education term without aliases")
    known = {form.casefold() for form in (term.term, *term.aliases, *term.misspellings)}
    for number, rule in enumerate(term.context):
        unknown = [form for form in rule.forms if form.casefold() not in known]
        if unknown:
            raise fields.fail(f"context[{number}].forms", f"names {unknown[0]!r}, which is not the term or one of its aliases")
        if not rule.near and not rule.not_near:
            raise fields.fail(f"context[{number}]", "needs near or not_near words")
    if term.advice and not term.advice.startswith("If "):
        # jobkit never knows the person has a missing term: advice to add it is always conditional.
        raise fields.fail("advice", "must start with 'If ' (advice to show a term holds only if it is true)")
    return term


def _expand_groups(path: Path, terms: dict[str, Term]) -> None:
    """A term met by any of several others matches their names and aliases too."""
    for term in list(terms.values()):
        extra: list[str] = []
        for member in term.any_of:
            if member not in terms:
                raise DataFileError(f"{path.name}: field '{term.id}.any_of' names {member!r}, which is not a known term.")
            extra += [terms[member].term, *terms[member].aliases]
        if extra:
            terms[term.id] = replace(term, aliases=term.aliases + tuple(dict.fromkeys(extra)))


def _check_related(path: Path, terms: dict[str, Term]) -> None:
    for term in terms.values():
        for other in term.related:
            if other not in terms:
                raise DataFileError(f"{path.name}: field '{term.id}.related' names {other!r}, which is not a known term.")


def _credential_terms(catalogue: Catalogue) -> dict[str, Term]:
    terms = {}
    for credential in catalogue.credentials.values():
        terms[credential.term_id] = Term(
            id=credential.term_id,
            term=f"{credential.acronym} ({credential.name})",
            category="credential",
            aliases=(credential.acronym, credential.name, *credential.aliases),
            core=True,
            context=credential.context,
            sources=credential.sources,
        )
    return terms


@lru_cache(maxsize=4)
def _load_glossary(folder: Path) -> Glossary:
    path = folder / "_glossary.toml"
    data = load_toml(path)
    terms: dict[str, Term] = {}
    for term_id, table in data.items():
        check_id(term_id, f"{path.name}: term id")
        if not isinstance(table, dict):
            raise DataFileError(f"{path.name}: '{term_id}' must be a table of fields.")
        terms[term_id] = _parse_term(term_id, Fields(path, table, term_id))
    catalogue = load_catalogue(folder / "_credentials.toml")
    terms.update(_credential_terms(catalogue))
    _expand_groups(path, terms)
    _check_related(path, terms)
    _misspelt_context(terms)
    return Glossary(terms, catalogue)


def _misspelt_context(terms: dict[str, Term]) -> None:
    """A context word is also met by its common misspellings: "HIPPA" near a form counts as "HIPAA" does."""
    spellings: dict[str, tuple[str, ...]] = {}
    for term in terms.values():
        if term.misspellings:
            for form in (term.term, *term.aliases):
                spellings.setdefault(form.casefold(), term.misspellings)
    for term_id, term in terms.items():
        if not term.context:
            continue
        rules = []
        for rule in term.context:
            near = rule.near + tuple(m for word in rule.near for m in spellings.get(word.casefold(), ()) if m not in rule.near)
            rules.append(replace(rule, near=near) if near != rule.near else rule)
        terms[term_id] = replace(term, context=tuple(rules))


def load_glossary() -> Glossary:
    """Every known term, credentials included (cached per data folder)."""
    return _load_glossary(data_dir("keywords"))


def _parse_role(path: Path, glossary: Glossary) -> RoleSet:
    role_id = check_id(path.stem, f"{path.name}: role id (the file name)")
    root = Fields(path, load_toml(path))
    root.unknown(declared_keys(RoleSet) | {"terms"})
    table = root.table_at("terms")
    requirements = []
    for term_id in table.table:
        if term_id not in glossary.terms:
            raise table.fail(term_id, "names a term that is not in _glossary.toml or _credentials.toml")
        requirements.append(read_entity(Requirement, table.table_at(term_id), term=glossary.terms[term_id]))
    if not requirements:
        raise root.fail("terms", "must list at least one term")
    listed = {r.term.id for r in requirements}
    unlisted = [t for t in root.texts("defining") if t not in listed]
    if unlisted:
        raise root.fail("defining", f"names {unlisted[0]!r}, which is not one of the role's terms")
    return read_entity(RoleSet, root, extra=frozenset({"terms"}), id=role_id,  # type: ignore[no-any-return]
                       requirements=tuple(requirements))


@lru_cache(maxsize=4)
def _load_roles(folder: Path) -> dict[str, RoleSet]:
    glossary = _load_glossary(folder)
    roles = {}
    for path in sorted(folder.glob("*.toml")):
        if not path.name.startswith("_"):
            role = _parse_role(path, glossary)
            roles[role.id] = role
    return roles


# The role a check uses when neither a role nor a posting is given.
DEFAULT_ROLE = "medical-records-technician"


def list_roles() -> list[RoleSet]:
    return list(_load_roles(data_dir("keywords")).values())


def load_role(role_id: str) -> RoleSet:
    roles = _load_roles(data_dir("keywords"))
    if role_id not in roles:
        raise NotFound(f"No role '{role_id}'. Known roles: {', '.join(roles)}.")
    return roles[role_id]
