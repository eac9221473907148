"""What a resume is checked against: a role's keyword set or a job posting.

Posting text is always text: :func:`posting_from_text` never looks at the
file system, whatever the string says. A posting in a file is read with
:func:`posting_from_file`, which takes a :class:`~pathlib.Path`; only the CLI
turns a command-line argument into a path. (A server that treated a one-line
string naming a file as a path would read its own files for anyone.)
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from jobkit.errors import InvalidInput, PostingIsLink
from jobkit.read.regex_needs import Patterns
from jobkit.data.keywords import DEFAULT_ROLE, Requirement, load_role

if TYPE_CHECKING:
    from jobkit.match.posting import Posting


@dataclass(frozen=True)
class Target:
    kind: str
    id: str | None
    name: str
    requirements: tuple[Requirement, ...]
    posting: "Posting | None" = None


def role_target(role_id: str) -> Target:
    role = load_role(role_id)
    return Target("role", role.id, role.name, role.requirements)


POSTING_CACHE_SIZE = 64  # parsed postings kept per process: a web worker or a batch worker checks many resumes
#                          against the same few postings (a check against a parsed posting costs a tenth of one
#                          that parses it again)
_POSTINGS: OrderedDict[tuple[str, str], "Posting"] = OrderedDict()
_POSTINGS_LOCK = threading.Lock()


def posting_from_text(text: str | bytes) -> "Posting":
    """Parse posting text (pasted, or sent in a form field). Never read as a path.

    Parsed postings are kept by the text's SHA-256 (and the data folder's path), the last
    :data:`POSTING_CACHE_SIZE` of them: a posting is immutable, so the same text gives the same object.
    """
    from jobkit.data.resources import data_dir
    from jobkit.match.posting import parse_posting
    from jobkit.read import read_resume

    data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    if not data.strip():
        raise InvalidInput("The job posting is empty.")
    key = (hashlib.sha256(data).hexdigest(), str(data_dir("keywords")))
    with _POSTINGS_LOCK:
        if key in _POSTINGS:
            _POSTINGS.move_to_end(key)
            return _POSTINGS[key]
    refuse_link(data.decode("utf-8", "replace"))
    posting = parse_posting(read_resume(data, "posting.txt"))
    with _POSTINGS_LOCK:
        _POSTINGS[key] = posting
        while len(_POSTINGS) > POSTING_CACHE_SIZE:
            _POSTINGS.popitem(last=False)
    return posting


# A posting that is only a link (and a few words a share button adds): "https://www.indeed.com/viewjob?jk=...".
_LINK = re.compile(r"(?:https?://|www\.)\S+", re.I)
_LINK_QUICK = Patterns((_LINK,))  # a link holds "http" or "www.": a text without either is not searched
LINK_WORDS = 12  # words besides links up to which a posting is "a link", not a posting that quotes one


def refuse_link(text: str) -> None:
    """Raise :class:`PostingIsLink` when ``text`` is a link (or links) rather than the posting's own words."""
    if _LINK_QUICK.any(text) and len(_LINK.sub(" ", text).split()) <= LINK_WORDS:
        raise PostingIsLink("This is a link to a job posting, not the posting itself. jobkit does not open links: "
                            "open the posting and paste its text (the title, duties and requirements).")


def posting_from_file(path: Path) -> "Posting":
    """Parse a posting saved as a .txt, .md, .pdf or .docx file."""
    from jobkit.match.posting import parse_posting
    from jobkit.read import read_resume

    if not isinstance(path, Path):
        raise TypeError("posting_from_file takes a pathlib.Path; use posting_from_text for posting text")
    document = read_resume(path)
    refuse_link(document.text)
    return replace(parse_posting(document), source=path.name)


def posting_text_from_file(path: Path) -> str:
    """The text of a posting file as an ATS reads it (a PDF or Word posting becomes plain text)."""
    from jobkit.read import read_resume

    return read_resume(path).text


def posting_target(posting: "Posting | str") -> Target:
    """The target for a parsed posting (or posting text)."""
    if isinstance(posting, str):
        posting = posting_from_text(posting)
    return Target("job", None, posting.title or "Job posting", posting.requirements, posting)


def pick_target(role: str | None, job: str | None) -> tuple[str | None, str | None]:
    """The one policy for "role or posting", used by every interface.

    A posting, when one is given, is what the resume is checked against (the
    web form always sends a role, so a pasted posting must win over it);
    without a posting, the role given or else the default role. Blank values
    count as not given. Returns exactly one of (role, None) or (None, job).
    """
    role = (role or "").strip() or None
    job = job if job is not None and job.strip() else None
    if job is not None:
        return None, job
    return role or DEFAULT_ROLE, None


def target_label(role: str | None, job: str | None) -> str:
    """How a batch names what it checked against: the role's name or the posting's title."""
    if role is not None:
        return load_role(role).name
    return "job posting: " + (posting_from_text(job or "").title or "pasted text")


def resolve_target(role: str | None = None, job: str | None = None) -> Target:
    """The target for a role id or posting text (see :func:`pick_target` for the policy)."""
    role, job = pick_target(role, job)
    return role_target(role) if role is not None else posting_target(job)  # type: ignore[arg-type]
