"""Interview practice question sets (``interview_questions/<set-id>.toml``).

Sets are validated on load: every question needs an id, text, difficulty,
roles, 3-5 key points each with its source passage, an outline and a source.
Adding a set is adding a file.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from jobkit.data.datafile import Fields, check_id, load_toml, declared_keys, read_entity, spec
from jobkit.errors import DataFileError, InvalidInput, NotFound
from jobkit.data.keywords import list_roles, load_glossary
from jobkit.data.resources import data_dir

DIFFICULTIES = ("easy", "medium", "hard")


@dataclass(frozen=True)
class KeyPoint:
    point: str = field(metadata=spec("text"))
    match: tuple[str, ...] = field(metadata=spec("texts", required=True))
    source: str = field(metadata=spec("text"))

    def to_dict(self) -> dict[str, Any]:
        return {"point": self.point, "source": self.source}


@dataclass(frozen=True)
class Question:
    id: str = field(metadata=spec("text"))
    set_id: str
    topic: str
    text: str = field(metadata=spec("text"))
    difficulty: str = field(metadata=spec("choice", choices=DIFFICULTIES, required=True))
    roles: tuple[str, ...] = field(metadata=spec("texts", required=True))
    key_points: tuple[KeyPoint, ...] = field(metadata=spec("texts"))  # read by _question: 3-5 tables
    outline: str = field(metadata=spec("text"))
    source: str = field(metadata=spec("text"))
    terms: tuple[str, ...] = field(default=(), metadata=spec("texts"))
    documented: bool = field(default=False, metadata=spec("flag"))

    def to_dict(self, *, with_answers: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "set": self.set_id,
            "topic": self.topic,
            "text": self.text,
            "difficulty": self.difficulty,
            "roles": list(self.roles),
            "documented": self.documented,
            "source": self.source,
        }
        if with_answers:
            out["key_points"] = [k.to_dict() for k in self.key_points]
            out["outline"] = self.outline
        return out


@dataclass(frozen=True)
class QuestionSet:
    id: str
    title: str = field(metadata=spec("text"))
    description: str = field(metadata=spec("text"))
    terms: tuple[str, ...] = field(metadata=spec("texts"))
    sources: tuple[str, ...] = field(metadata=spec("texts", required=True))
    questions: tuple[Question, ...]  # the file's [[questions]] entries

    def to_dict(self, *, with_questions: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "question_count": len(self.questions),
            "sources": list(self.sources),
        }
        if with_questions:
            out["questions"] = [q.to_dict() for q in self.questions]
        return out

    def get(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise NotFound(f"No question '{question_id}' in set '{self.id}'.")


def _key_point(fields: Fields) -> KeyPoint:
    return read_entity(KeyPoint, fields)  # type: ignore[no-any-return]


def _question(path: Path, set_id: str, topic: str, table: Any, index: int, known: dict[str, set[str]]) -> Question:
    if not isinstance(table, dict):
        raise DataFileError(f"{path.name}: questions[{index}] must be a table.")
    fields = Fields(path, table, f"questions[{index}]")
    question_id = fields.text("id")
    check_id(question_id, f"{path.name}: question id")
    points = table.get("key_points")
    if not isinstance(points, list) or not 3 <= len(points) <= 5:
        raise fields.fail("key_points", "must list 3 to 5 key points")
    key_points = tuple(
        _key_point(Fields(path, p if isinstance(p, dict) else {}, f"questions[{index}].key_points[{i}]"))
        for i, p in enumerate(points)
    )
    roles = fields.texts("roles", required=True)
    for role in roles:
        if role not in known["roles"]:
            raise fields.fail("roles", f"names an unknown role '{role}'")
    terms = fields.texts("terms")
    for term in terms:
        if term not in known["terms"]:
            raise fields.fail("terms", f"names an unknown glossary term '{term}'")
    return read_entity(Question, fields, id=question_id, set_id=set_id, topic=topic, key_points=key_points,  # type: ignore[no-any-return]
                       roles=roles, terms=terms)


def _load_set(path: Path, known: dict[str, set[str]]) -> QuestionSet:
    set_id = check_id(path.stem, f"{path.name}: set id (the file name)")
    root = Fields(path, load_toml(path))
    root.unknown(declared_keys(QuestionSet) | {"questions"})
    title = root.text("title")
    terms = root.texts("terms")
    for term in terms:
        if term not in known["terms"]:
            raise root.fail("terms", f"names an unknown glossary term '{term}'")
    raw = root.table.get("questions")
    if not isinstance(raw, list) or not raw:
        raise root.fail("questions", "must list at least one [[questions]] entry")
    questions = tuple(_question(path, set_id, title, q, i, known) for i, q in enumerate(raw))
    return read_entity(QuestionSet, root, extra=frozenset({"questions"}), id=set_id, title=title, terms=terms,  # type: ignore[no-any-return]
                       questions=questions)


@lru_cache(maxsize=4)
def _load_all(folder: Path) -> dict[str, QuestionSet]:
    known = {"roles": {r.id for r in list_roles()}, "terms": set(load_glossary().terms)}
    sets: dict[str, QuestionSet] = {}
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.toml")):
        if path.name.startswith("_"):
            continue  # not a question set (the unsafe practices, jobkit.data.unsafe_practices)
        loaded = _load_set(path, known)
        for question in loaded.questions:
            if question.id in seen:
                raise DataFileError(f"{path.name}: question id '{question.id}' is also used in {seen[question.id]}.")
            seen[question.id] = path.name
        sets[loaded.id] = loaded
    if not sets:
        raise DataFileError(f"No question sets found in {folder}.")
    return sets


def list_sets() -> list[QuestionSet]:
    return list(_load_all(data_dir("interview_questions")).values())


def load_set(set_id: str) -> QuestionSet:
    sets = _load_all(data_dir("interview_questions"))
    if set_id not in sets:
        raise NotFound(f"No question set '{set_id}'. Known sets: {', '.join(sets)}.")
    return sets[set_id]


def all_questions() -> list[Question]:
    return [q for s in list_sets() for q in s.questions]


def draw_round(
    set_id: str | None = None, count: int = 5, seed: int | None = None, role: str | None = None
) -> list[Question]:
    """A practice round: ``count`` questions drawn at random, the same for the same seed."""
    if count < 1:
        raise InvalidInput("A round needs at least one question.")
    pool = list(load_set(set_id).questions) if set_id else all_questions()
    if role:
        pool = [q for q in pool if role in q.roles] or pool
    return random.Random(seed).sample(pool, min(count, len(pool)))


def questions_for_gaps(missing_term_ids: Sequence[str], count: int = 5) -> list[Question]:
    """Questions that practice a resume's missing terms, most important gaps first.

    ``missing_term_ids`` comes from a report's missing list, in its order.
    A question scores by the gaps its own terms cover (twice) and its set's
    terms cover (once), earlier gaps weighing more.
    """
    rank = {term: len(missing_term_ids) - i for i, term in enumerate(missing_term_ids)}
    sets = {s.id: s for s in list_sets()}
    scored = []
    for order, question in enumerate(all_questions()):
        own = sum(rank.get(t, 0) for t in question.terms)
        topic = sum(rank.get(t, 0) for t in sets[question.set_id].terms)
        if own or topic:
            scored.append((-(2 * own + topic), order, question))
    scored.sort(key=lambda item: item[:2])
    return [question for _, _, question in scored[:count]]
