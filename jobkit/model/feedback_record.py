"""A practice answer's feedback as the API serves it: typed, so its JSON Schema comes from the class.

:class:`jobkit.answers.Feedback` holds the question and its key points as
loaded; :class:`FeedbackRecord` flattens them to what the answer is judged
on (the question's id and outline, each point's words and source) and is
written by :func:`jobkit.model.schema.jsonable`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PointRecord:
    """One key point: whether the answer covers it, and the answer's words that do."""

    point: str
    covered: bool
    found: str | None  # null when not covered
    source: str
    denied: bool = False  # the answer names the point's words but denies or skips them


@dataclass(frozen=True)
class UnsafeRecord:
    """A practice the answer describes that would end an interview or a job, and the rule it breaks."""

    rule: str  # the rule's id in interview_questions/_unsafe_practices.toml
    name: str
    why: str
    source: str
    said: str  # the answer's sentence that describes it


@dataclass(frozen=True)
class FeedbackRecord:
    """Which key points an answer covers, its story shape (situation, action, result) and its length."""

    question: str  # the question's id
    words: int
    covered: int
    total: int
    key_points: tuple[PointRecord, ...]
    star: dict[str, bool]
    star_expected: bool
    messages: tuple[str, ...]
    outline: str
    unsafe: tuple[UnsafeRecord, ...] = ()  # empty when the answer breaks no rule; named first in the messages
