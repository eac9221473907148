"""What a format reader hands to the shared assembly step."""

from __future__ import annotations

from dataclasses import dataclass, field

from jobkit.model.document import Finding, Line


@dataclass
class RawDocument:
    """Lines and format-specific findings, before sections and contact."""

    format: str
    lines: list[Line]
    pages: int
    page_count_method: str
    page_count_confidence: str
    findings: list[Finding] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    unreadable: int = 0
    unreadable_pages: set[int] = field(default_factory=set)
    mojibake: int = 0
    mojibake_seen: tuple[str, ...] = ()  # the mis-decoded sequences themselves ("ï¼", "â€™"), for the finding
    has_images: bool = False
    # Link targets the file carries (DOCX hyperlinks), for contact details.
    links: list[str] = field(default_factory=list)


def body_font_size(weights: dict[float, int], default: float) -> float:
    """The body text's font size: the size that carries the most text (lines in a PDF, characters in a DOCX).

    Headings are judged against it by both readers.
    """
    return max(weights.items(), key=lambda kv: kv[1])[0] if weights else default
