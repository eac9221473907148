"""Program rubrics: what a school's career center checks on every student resume.

Each ``programs/<id>.toml`` names the role (a keyword set id from
``keywords/``) or a posting file beside it, the page target, the glossary
terms and credentials the program teaches, the sections a resume must have,
the program's practicum, and a ``[pass]`` table whose keys each turn on one
pass/fail criterion. Files are validated on load: a mistake stops with an
error naming the file and the field, like every other data file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from jobkit.data.datafile import Fields, check_id, declared_keys, load_toml, read_entity, spec
from jobkit.data.keywords import load_glossary, load_role
from jobkit.data.resources import data_dir
from jobkit.errors import DataFileError, NotFound
from jobkit.model.check_results import MAX_TARGET_PAGES, MIN_TARGET_PAGES
from jobkit.model.section_names import CANONICAL

# What jobkit's sections check reports in contact_found (jobkit/checks/structure.py).
CONTACT_FIELDS = ("email", "phone", "location", "linkedin")
# The order criteria are shown and written in; each is turned on by a key of [pass].
CRITERIA = ("score", "readiness", "pages", "terms", "credentials", "sections", "contact", "practicum", "proofreading")
POSTING_SUFFIXES = (".txt", ".md", ".pdf", ".docx")


@dataclass(frozen=True)
class Practicum:
    """The program's supervised practice and where a resume should list it."""

    label: str = field(metadata=spec("text"))
    section: str = field(metadata=spec("text"))
    phrases: tuple[str, ...] = field(metadata=spec("texts", required=True))
    advice: str = field(default="", metadata=spec("text", required=False))
    sources: tuple[str, ...] = field(default=(), metadata=spec("texts", required=True))


@dataclass(frozen=True)
class PassRules:
    """The thresholds; ``None`` (or false) leaves that criterion out."""

    min_score: int | None = None
    min_readiness: int | None = None
    max_pages: int | None = None
    min_terms: int | None = None
    credentials: bool = field(default=False, metadata=spec("flag"))
    sections: bool = field(default=False, metadata=spec("flag"))
    contact: tuple[str, ...] = field(default=(), metadata=spec("texts"))
    practicum: bool = field(default=False, metadata=spec("flag"))
    proofreading: bool = field(default=False, metadata=spec("flag"))  # a name, no misspelling, no line written twice


_NUMBERS = {"min_score": (0, 100), "min_readiness": (0, 100), "max_pages": (1, 10), "min_terms": (1, 100)}


@dataclass(frozen=True)
class Program:
    """One program's rubric (exactly one of ``role`` and ``posting`` is set)."""

    id: str
    name: str = field(metadata=spec("text"))
    summary: str = field(default="", metadata=spec("text", required=False))
    role: str | None = field(default=None, metadata=spec("text", required=False))
    posting: str | None = field(default=None, metadata=spec("text", required=False))
    target_pages: int = field(default=1, metadata=spec("integer", low=MIN_TARGET_PAGES, high=MAX_TARGET_PAGES))
    terms: tuple[str, ...] = field(default=(), metadata=spec("texts"))
    credentials: tuple[str, ...] = field(default=(), metadata=spec("texts"))
    sections: tuple[str, ...] = field(default=(), metadata=spec("texts"))
    sources: tuple[str, ...] = field(default=(), metadata=spec("texts", required=True))
    practicum: Practicum | None = None
    rules: PassRules = PassRules()
    posting_path: Path | None = None

    @property
    def criteria(self) -> tuple[str, ...]:
        """The ids of the criteria this program applies, in :data:`CRITERIA` order."""
        on = {
            "score": self.rules.min_score is not None, "readiness": self.rules.min_readiness is not None,
            "pages": self.rules.max_pages is not None, "terms": self.rules.min_terms is not None,
            "credentials": self.rules.credentials, "sections": self.rules.sections,
            "contact": bool(self.rules.contact), "practicum": self.rules.practicum,
            "proofreading": self.rules.proofreading,
        }
        return tuple(c for c in CRITERIA if on[c])

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id, "name": self.name, "summary": self.summary, "role": self.role,
            "posting": self.posting, "target_pages": self.target_pages, "terms": list(self.terms),
            "credentials": list(self.credentials), "sections": list(self.sections),
            "criteria": list(self.criteria), "sources": list(self.sources),
        }


def _pass_rules(root: Fields) -> PassRules:
    table = root.table_at("pass")
    numbers = {}
    for key, (low, high) in _NUMBERS.items():
        if key in table.table:
            numbers[key] = table.integer(key, low, high)
    rules: PassRules = read_entity(PassRules, table, extra=frozenset(_NUMBERS), **numbers)
    for name in rules.contact:
        if name not in CONTACT_FIELDS:
            raise table.fail("contact", f"names {name!r}; contact fields are {', '.join(CONTACT_FIELDS)}")
    if not any((*numbers.values(), rules.credentials, rules.sections, rules.contact, rules.practicum, rules.proofreading)):
        raise root.fail("pass", "must turn on at least one criterion")
    return rules


def _known_sections() -> set[str]:
    return set(CANONICAL)  # the names jobkit gives sections


def _check_lists(root: Fields, program: Program) -> None:
    glossary = load_glossary()
    for number, term_id in enumerate(program.terms):
        if term_id not in glossary.terms:
            raise root.fail(f"terms[{number}]", f"names {term_id!r}, which is not in _glossary.toml or _credentials.toml")
    for number, acronym in enumerate(program.credentials):
        if glossary.catalogue.get(acronym) is None:
            raise root.fail(f"credentials[{number}]", f"names {acronym!r}, which is not in _credentials.toml")
    known = _known_sections()
    for number, name in enumerate(program.sections):
        if name not in known:
            raise root.fail(f"sections[{number}]", f"names {name!r}; section names are {', '.join(sorted(known))}")


def _check_role(root: Fields, program: Program) -> None:
    """The role exists, and asks for every program term (a check finds only the role's terms)."""
    if program.role is None:
        return
    try:
        role = load_role(check_id(program.role, f"{root.path.name}: field 'role'"))
    except NotFound as exc:
        raise root.fail("role", f"names a role that does not exist ({exc.message})") from None
    asked = {r.term.id for r in role.requirements}
    for number, term_id in enumerate(program.terms):
        if term_id not in asked:
            raise root.fail(f"terms[{number}]", f"names {term_id!r}, which role {role.id!r} does not ask for, "
                                                "so a check would never look for it")


def _posting_path(root: Fields, posting: str) -> Path:
    """A posting file inside the programs folder (never an absolute path or one that climbs out)."""
    relative = Path(posting)
    if relative.is_absolute() or ".." in relative.parts:
        raise root.fail("posting", f"must be a file name relative to the programs folder, got {posting!r}")
    if relative.suffix.lower() not in POSTING_SUFFIXES:
        raise root.fail("posting", f"must end in {', '.join(POSTING_SUFFIXES)}, got {posting!r}")
    path = root.path.parent / relative
    if not path.is_file():
        raise root.fail("posting", f"names {posting!r}, which is not a file beside {root.path.name}")
    # A symbolic link is followed to where it points, which must still be inside the programs folder.
    resolved, folder = path.resolve(), root.path.parent.resolve()
    if not resolved.is_relative_to(folder):
        raise root.fail("posting", f"names {posting!r}, a link to a file outside the programs folder; "
                                   "copy the posting into the folder instead")
    return resolved


def _check_consistency(root: Fields, program: Program) -> None:
    rules = program.rules
    if (program.role is None) == (program.posting is None):
        raise root.fail("role", "or 'posting' must be given, and not both")
    if rules.min_terms is not None and rules.min_terms > len(program.terms):
        raise root.fail("pass.min_terms", f"is {rules.min_terms}, but 'terms' lists only {len(program.terms)}")
    if rules.credentials and not program.credentials:
        raise root.fail("pass.credentials", "is true, but 'credentials' lists none")
    if rules.sections and not program.sections:
        raise root.fail("pass.sections", "is true, but 'sections' lists none")
    if rules.practicum and program.practicum is None:
        raise root.fail("pass.practicum", "is true, but there is no [practicum] table")
    if program.practicum is not None and program.practicum.section not in _known_sections():
        raise root.fail("practicum.section", f"names {program.practicum.section!r}, which is not a section name")


def parse_program(path: Path) -> Program:
    """Read and validate one program file."""
    program_id = check_id(path.stem, f"{path.name}: program id (the file name)")
    root = Fields(path, load_toml(path))
    root.unknown(declared_keys(Program) | {"practicum", "pass"})
    practicum = None
    if "practicum" in root.table:
        practicum = read_entity(Practicum, root.table_at("practicum"))
    program: Program = read_entity(Program, root, extra=frozenset({"practicum", "pass"}), id=program_id,
                                   practicum=practicum, rules=_pass_rules(root))
    program = replace(program, role=program.role or None, posting=program.posting or None)
    _check_consistency(root, program)
    _check_lists(root, program)
    _check_role(root, program)
    if program.posting is not None:
        program = replace(program, posting_path=_posting_path(root, program.posting))
    return program


def list_programs() -> list[Program]:
    """Every program rubric in the programs folder, by id."""
    folder = data_dir("programs")
    return [parse_program(path) for path in sorted(folder.glob("*.toml")) if not path.name.startswith("_")]


def load_program(program_id: str) -> Program:
    """One program rubric by id (its file name without .toml)."""
    folder = data_dir("programs")
    try:
        check_id(program_id, "program id")
    except DataFileError as exc:
        raise NotFound(exc.message) from None
    path = folder / f"{program_id}.toml"
    if not path.is_file():
        known = ", ".join(p.stem for p in sorted(folder.glob("*.toml")) if not p.name.startswith("_")) or "none"
        raise NotFound(f"No program '{program_id}'. Known programs: {known}.")
    return parse_program(path)
