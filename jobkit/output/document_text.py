"""Plain-text rendering for the terminal (the CLI's default output)."""

from __future__ import annotations

import textwrap

from jobkit.model.finding_codes import finding_info
from jobkit.model.document import Document, Line
from jobkit.model.severity import severity_mark

_ORIGIN_TAG = {"table": "[table]", "text_box": "[text box]", "header": "[header]", "footer": "[footer]"}


def wrap(text: str, indent: str = "  ", width: int = 88) -> str:
    return textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent + "  ")


def line_marker(line: Line) -> str:
    """Tag for a line an ATS may lose or that a reader cannot see."""
    tags = []
    if line.origin in _ORIGIN_TAG:
        tags.append(_ORIGIN_TAG[line.origin])
    if line.hidden:
        tags.append("[hidden]")
    return " ".join(tags)


def render_findings(doc_findings: list, title: str = "What an ATS would lose") -> list[str]:
    out = [title + ":"]
    if not doc_findings:
        return out + ["  nothing: the layout reads cleanly."]
    for finding in doc_findings:
        title = finding_info(finding.code).title
        out.append(wrap(f"{severity_mark(finding.severity)} {title}: {finding.message} ({finding.where})"))
    return out


def render_document(doc: Document, *, show_text: bool = True) -> str:
    pages = f"{doc.pages} page{'s' if doc.pages != 1 else ''}"
    out = [
        f"{doc.name}",
        f"  format: {doc.format}   pages: {pages} ({doc.page_count_method}, {doc.page_count_confidence})   "
        f"words: {doc.words}",
    ]
    contact = doc.contact
    fields = [(k, getattr(contact, k)) for k in ("name", "email", "phone", "linkedin", "location")]
    out.append("  contact: " + (", ".join(f"{k}={v}" for k, v in fields if v) or "none found"))
    heads = [f"{s.name}" + (f' ("{s.heading}")' if s.heading and s.heading.lower() != s.name else "") for s in doc.sections]
    out.append("  sections: " + (", ".join(heads) or "none found"))
    out += render_findings(list(doc.findings))
    if show_text:
        out.append("What an ATS sees (tags mark text at risk):")
        for line in doc.lines:
            marker = line_marker(line)
            out.append(f"  {marker + ' ' if marker else ''}{line.text}")
    return "\n".join(out)
