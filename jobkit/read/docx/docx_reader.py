"""Read a DOCX with python-docx, walking everything an ATS might see."""

from __future__ import annotations

import io
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from jobkit.config import Limits
from jobkit.read.deadline import Deadline
from jobkit.model.document import Line
from jobkit.errors import CorruptDocument, TooManyPages, UnsupportedFormat
from jobkit.read.textnorm import clean_line, count_mojibake, mojibake_seen
from jobkit.read.docx.docx_findings import structure_findings
from jobkit.read.docx.docx_package import check_paragraph_count, open_package, read_part
from jobkit.read.docx.docx_pages import estimate_pages, page_geometry, rendered_pages, saved_page_count
from jobkit.read.docx.docx_styles import StyleBook
from jobkit.read.docx.docx_walk import Para, Walker
from jobkit.read.docx.docx_xml import w
from jobkit.read.raw import RawDocument, body_font_size


def read_docx(data: bytes, name: str, limits: Limits, deadline: Deadline) -> RawDocument:
    archive = open_package(data, name, limits)
    deadline.check()
    _refuse_other_word_types(read_part(archive, "[Content_Types].xml"), name)
    document = _open(data, name)
    body = _body(document, name)
    check_paragraph_count(sum(1 for _ in body.iter(w("p"))), name, limits)
    part = document.part
    walker = Walker(StyleBook(_styles_element(part)), {})
    for story in _stories(part, RT.HEADER):
        _walk(walker, story, story.element, "header")
    deadline.check()
    _walk(walker, part, body, "body")
    deadline.check()
    for story in _stories(part, RT.FOOTER):
        _walk(walker, story, story.element, "footer")
    paras = _dedupe_running(walker.paras)
    words = sum(len(t.split()) for p in paras for t in p.lines)
    pages, method, confidence, per_para = _page_count(paras, body, read_part(archive, "docProps/app.xml"), words)
    _check_page_cap(pages, method, name, limits)
    raw = RawDocument(
        format="docx",
        lines=_lines(paras, per_para),
        pages=pages,
        page_count_method=method,
        page_count_confidence=confidence,
        metadata={**_metadata(read_part(archive, "docProps/app.xml")), "reader": reader_name()},
    )
    has_comments = any(rel.reltype == RT.COMMENTS for rel in part.rels.values())
    raw.findings = structure_findings(walker.stats, paras, has_comments)
    raw.unreadable = walker.stats.icons
    raw.has_images = bool(walker.stats.pictures or walker.stats.charts)
    raw.mojibake = sum(count_mojibake(t) for p in paras for t in p.lines)
    if raw.mojibake:
        raw.mojibake_seen = mojibake_seen(t for p in paras for t in p.lines)
    raw.links = list(dict.fromkeys(walker.stats.urls))
    return raw


# Main-part content types of Word files python-docx refuses (with a bare ValueError), and how to fix each.
_SAVE_AS_DOCX = "Save it as a Word Document (.docx){} (File > Save As > Word Document), or export to PDF."
_OTHER_WORD_TYPES = (
    (b"application/vnd.ms-word.document.macroEnabled.main+xml",
     "This is a macro-enabled Word file (.docm). " + _SAVE_AS_DOCX.format(" without macros")),
    (b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
     "This is a macro-enabled Word template (.dotm). " + _SAVE_AS_DOCX.format(" without macros")),
    (b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
     "This is a Word template (.dotx). " + _SAVE_AS_DOCX.format("")),
)


def _refuse_other_word_types(content_types: bytes | None, name: str) -> None:
    """A .docm or template is a real Word file, not a damaged one: say what it is and how to fix it."""
    for content_type, message in _OTHER_WORD_TYPES:
        if content_types and content_type in content_types:
            raise UnsupportedFormat(message, filename=name)


_PAGE_SOURCES = {"docx_saved_page_count": "as Word saved it", "docx_rendered_page_breaks": "at Word's last layout",
                 "docx_layout_estimate": "by jobkit's estimate"}


def _check_page_cap(pages: int, method: str, name: str, limits: Limits) -> None:
    """The same page cap as a PDF, on whichever count the reader settled on."""
    if pages > limits.max_pages:
        raise TooManyPages(
            f"This Word file has {pages} pages ({_PAGE_SOURCES.get(method, 'counted')}); a resume has at most "
            f"{limits.max_pages} (the configured limit).",
            filename=name,
        )


def _open(data: bytes, name: str) -> Any:
    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError, AttributeError) as exc:
        raise CorruptDocument(
            f"This Word file is damaged or missing parts ({type(exc).__name__}). Open it in Word and save it again.",
            filename=name,
        ) from None


def _body(document: Any, name: str) -> Any:
    """The document's <w:body>; a main part without one is not a Word document body at all."""
    body = getattr(document.element, "body", None)
    if body is None:
        raise CorruptDocument(
            "This Word file's main part has no document body (its XML is not a Word document). "
            "Open it in Word and save it again.",
            filename=name,
        )
    return body


def _styles_element(part: Any) -> Any:
    try:
        return part.styles.element if part._styles_part is not None else None
    except (KeyError, AttributeError, ValueError):
        return None


def _stories(part: Any, reltype: str) -> list[Any]:
    """Header or footer parts. One whose declared content type is not XML loads as a plain
    binary part with no element: Word would not show it, so neither does the reader."""
    targets = [rel.target_part for rel in part.rels.values() if rel.reltype == reltype and not rel.is_external]
    return [target for target in targets if getattr(target, "element", None) is not None]


def _walk(walker: Walker, part: Any, element: Any, origin: str) -> None:
    """Walk one story with its own part's hyperlink targets."""
    walker.rels = {rid: rel.target_ref for rid, rel in part.rels.items() if rel.is_external}
    walker.walk(element, origin)


def _dedupe_running(paras: list[Para]) -> list[Para]:
    """Keep one copy of header/footer text repeated for first, odd and even pages."""
    seen: set[tuple[str, str]] = set()
    out = []
    for para in paras:
        if para.origin in ("header", "footer"):
            key = (para.origin, "\n".join(para.lines) + para.hidden)
            if key in seen:
                continue
            seen.add(key)
        out.append(para)
    return out


def _page_count(paras: list[Para], body: Any, app_xml: bytes | None, words: int) -> tuple[int, str, str, list[int]]:
    estimated, per_para = estimate_pages(paras, page_geometry(body))
    rendered = rendered_pages(paras)
    saved = saved_page_count(app_xml, words)
    if rendered is not None and (saved is None or rendered[0] == saved):
        per_para = rendered[1]
    if saved is not None:
        agrees = (rendered is not None and rendered[0] == saved) or abs(estimated - saved) <= 1
        return saved, "docx_saved_page_count", "high" if agrees else "medium", [min(p, saved) for p in per_para]
    if rendered is not None:
        return rendered[0], "docx_rendered_page_breaks", "medium", per_para
    return estimated, "docx_layout_estimate", "low", per_para


def _lines(paras: list[Para], pages: list[int]) -> list[Line]:
    sizes: dict[float, int] = {}
    for para in paras:
        sizes[para.size] = sizes.get(para.size, 0) + sum(len(t) for t in para.lines)
    body = body_font_size(sizes, 10.0)
    lines: list[Line] = []
    for para, page in zip(paras, pages):
        for text in para.lines:
            text, _ = clean_line(text)
            if not text:
                continue
            heading = len(text) <= 60 and (para.heading or para.bold or para.size >= body + 1.5)
            lines.append(Line(text, page, para.origin, False, None, para.size, para.bold, heading))
        if para.hidden:
            text, _ = clean_line(para.hidden)
            if text:
                lines.append(Line(text, page, para.origin, True, None, para.size, para.bold))
    return lines


def reader_name() -> str:
    """``python-docx VERSION``, for ``Document.metadata["reader"]`` (jobkit walks the XML beside it)."""
    from importlib.metadata import version

    return f"python-docx {version('python-docx')}"


def _metadata(app_xml: bytes | None) -> dict[str, str]:
    if not app_xml:
        return {}
    start, end = app_xml.find(b"<Application>"), app_xml.find(b"</Application>")
    if 0 <= start < end:
        return {"application": clean_line(app_xml[start + 13 : end].decode("utf-8", "replace"))[0][:80]}
    return {}
