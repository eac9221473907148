"""Findings about a DOCX's structure that an ATS may lose."""

from __future__ import annotations

from jobkit.model.document import Finding
from jobkit.read.docx.docx_walk import Para, WalkStats


def _words(paras: list[Para], origin: str) -> int:
    return sum(len(text.split()) for p in paras if p.origin == origin for text in p.lines)


def _first_words(paras: list[Para], origin: str, limit: int = 3) -> str:
    samples = []
    for para in paras:
        text = " ".join(t for t in para.lines if t.strip()).strip()
        if para.origin == origin and text:
            samples.append(f'"{text[:30]}"')
        if len(samples) == limit:
            break
    return ", ".join(samples)


def structure_findings(stats: WalkStats, paras: list[Para], has_comments: bool) -> list[Finding]:
    found: list[Finding] = []
    if stats.pictures and not any(t.strip() for p in paras for t in p.lines):
        found.append(
            Finding(
                "image_only",
                "critical",
                "The document is only picture(s) with no text: an ATS sees an empty resume. "
                "Type the resume as text, or export the original to PDF or Word.",
                "whole document",
                count=stats.pictures,
            )
        )
    if stats.text_boxes:
        found.append(
            Finding(
                "text_box",
                "high",
                f"{stats.text_boxes} text box(es) hold {_words(paras, 'text_box')} words "
                f"(e.g. {_first_words(paras, 'text_box')}). Many ATS skip text boxes entirely; "
                "move their text into ordinary paragraphs.",
                "text boxes",
                count=stats.text_boxes,
            )
        )
    if stats.tables:
        nested = f", {stats.nested_tables} nested" if stats.nested_tables else ""
        found.append(
            Finding(
                "table",
                "high" if stats.nested_tables else "medium",
                f"{stats.tables} table(s){nested}, up to {stats.table_columns} columns, hold "
                f"{_words(paras, 'table')} words. Some ATS skip tables or read cells out of order; "
                "use plain paragraphs and tab stops instead.",
                "tables",
                count=stats.tables,
            )
        )
    if stats.section_columns > 1:
        found.append(
            Finding(
                "two_column",
                "high",
                f"The page is set in {stats.section_columns} newspaper columns (Layout > Columns). "
                "An ATS may read across the columns and mix them; use one column.",
                "page layout",
                count=stats.section_columns,
            )
        )
    if stats.hidden_chars:
        found.append(
            Finding(
                "hidden_text",
                "high",
                f"{stats.hidden_chars} characters are hidden (Word's hidden font, white text or under 3 pt) but an ATS "
                "reads them. Recruiters treat hidden keywords as stuffing; remove them.",
                "hidden runs",
                count=stats.hidden_chars,
            )
        )
    found += _graphics(stats)
    if stats.tracked_changes:
        found.append(
            Finding(
                "tracked_changes",
                "medium",
                f"The document has {stats.tracked_changes} tracked change(s). Some ATS read deleted text too; "
                "accept or reject all changes (Review > Accept) before you send it.",
                "tracked changes",
                count=stats.tracked_changes,
            )
        )
    if has_comments:
        found.append(
            Finding(
                "comments",
                "low",
                "The document carries review comments; delete them (Review > Delete All Comments) before sending.",
                "comments",
            )
        )
    return found


def _graphics(stats: WalkStats) -> list[Finding]:
    found: list[Finding] = []
    if stats.smartart:
        found.append(
            Finding(
                "images",
                "medium",
                f"{stats.smartart} SmartArt graphic(s): their text lives outside the document flow and an ATS loses it.",
                "SmartArt",
                count=stats.smartart,
            )
        )
    pictures = stats.pictures + stats.charts
    if pictures:
        found.append(
            Finding(
                "images",
                "low",
                f"{pictures} picture(s) or chart(s): an ATS ignores them, so anything they show "
                "(a photo, logos, skill bars) is lost.",
                "pictures",
                count=pictures,
            )
        )
    return found
