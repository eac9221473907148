"""What a resume is checked against: a role's keyword set or a job posting."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from typing import TYPE_CHECKING

from .errors import InvalidInput
from .keywords import Requirement, load_role

if TYPE_CHECKING:
    from .posting import Posting


@dataclass(frozen=True)
class Target:
    kind: str
    id: str | None
    name: str
    requirements: tuple[Requirement, ...]
    posting: "Posting | None" = None

    def to_dict(self) -> dict[str, Any]:
        if self.posting is not None:
            return {"title": self.name, **self.posting.to_dict()}
        return {"id": self.id, "name": self.name}


def role_target(role_id: str) -> Target:
    role = load_role(role_id)
    return Target("role", role.id, role.name, role.requirements)


def read_posting(source: str | bytes | os.PathLike[str], filename: str | None = None) -> "Posting":
    """Parse a posting given as text, or as a path to a .txt, .pdf or .docx file."""
    from .posting import parse_posting
    from .readers import read_resume

    if isinstance(source, (str, os.PathLike)) and _is_file(source):
        document = read_resume(source, filename)
    else:
        data = source.encode("utf-8") if isinstance(source, str) else bytes(source)  # type: ignore[arg-type]
        if not data.strip():
            raise InvalidInput("The job posting is empty.")
        document = read_resume(data, filename or "posting.txt")
    return parse_posting(document)


def _is_file(source: str | os.PathLike[str]) -> bool:
    text = os.fspath(source)
    return "\n" not in text and len(text) < 4096 and os.path.isfile(text)


def posting_target(source: str | bytes | os.PathLike[str], filename: str | None = None) -> Target:
    posting = read_posting(source, filename)
    return Target("job", None, posting.title or "Job posting", posting.requirements, posting)


def resolve_target(role: str | None = None, job: str | bytes | None = None) -> Target:
    if (role is None) == (job is None):
        raise InvalidInput("Give exactly one of a role id or a job posting.")
    return role_target(role) if role is not None else posting_target(job)  # type: ignore[arg-type]
