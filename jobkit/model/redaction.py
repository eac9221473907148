"""Contact details taken out of a report: the one way for every output that promises "contact removed".

What counts as contact is :class:`~jobkit.model.document.Contact` itself: every
string in every one of its fields (a field whose metadata says ``personal:
False``, the map of where each detail sat, aside), so a field added to Contact
is redacted without a change here. Each such string of three characters or
more is replaced wherever the report quotes it (evidence, lines, credential
and heading findings, a rubric's evidence), not only in the contact part.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any, TypeVar

from jobkit.model.document import Contact
from jobkit.model.report_record import ReportRecord

T = TypeVar("T")
REDACTED = "[contact removed]"
MIN_LENGTH = 3  # shorter values ("NY") would blank out ordinary words


def contact_values(contact: Contact | None) -> tuple[str, ...]:
    """The personal strings of ``contact``, longest first (so "Jane Doe" goes before "Jane")."""
    if contact is None:
        return ()
    values: set[str] = set()
    for item in dataclasses.fields(contact):
        if item.metadata.get("personal", True):
            values.update(_strings(getattr(contact, item.name)))
    return tuple(sorted((v for v in values if len(v) >= MIN_LENGTH), key=lambda v: (-len(v), v)))


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (tuple, list)):
        return [s for item in value for s in _strings(item)]
    if isinstance(value, dict):
        return _strings(list(value.values()))
    return []


def redact(value: T, secrets: Sequence[str]) -> T:
    """``value`` with each of ``secrets`` replaced by :data:`REDACTED` in every string it holds.

    Walks dataclasses, tuples, lists and the values of dictionaries; anything else is kept as it is.
    """
    if not secrets:
        return value
    if isinstance(value, str):
        for secret in secrets:
            value = value.replace(secret, REDACTED)  # type: ignore[assignment]
        return value
    if isinstance(value, tuple):
        return tuple(redact(v, secrets) for v in value)  # type: ignore[return-value]
    if isinstance(value, list):
        return [redact(v, secrets) for v in value]  # type: ignore[return-value]
    if isinstance(value, dict):
        return {k: redact(v, secrets) for k, v in value.items()}  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: redact(getattr(value, f.name), secrets) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **fields)  # type: ignore[type-var]
    return value


def without_contact(record: ReportRecord) -> ReportRecord:
    """The record as an output that promises "contact removed" shows it: no contact part, and its values nowhere."""
    return redact(dataclasses.replace(record, contact=None), contact_values(record.contact))
