"""Walk WordprocessingML in document order, the way an ATS reads a DOCX.

``document.paragraphs`` alone misses tables, nested tables, text boxes,
content controls, hyperlinks and tracked insertions, which is where template
resumes keep most of their text. This walker visits all of them, keeps each
paragraph's origin (body, table, text box, header, footer), separates hidden
runs, and records what the page estimate needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jobkit.read.deadline import check_current
from jobkit.read.docx.docx_styles import StyleBook
from jobkit.read.docx.docx_xml import A, CHART, DGM, MC, PIC, R, V, WPS, is_dark_fill, is_white, para_props, run_props, w, wattr

_ICON_FONTS = ("wingding", "webding", "symbol", "fontawesome", "dingbat")
_SKIP_IN_RUN = {w("instrText"), w("delText"), w("delInstrText"), w("footnoteReference"), w("endnoteReference")}
_RUN_CONTAINERS = {w("hyperlink"), w("ins"), w("moveTo"), w("smartTag"), w("customXml"), w("fldSimple"), w("dir"), w("bdo")}


@dataclass
class Para:
    """One paragraph's text and the facts layout and sections need."""

    lines: list[str]
    hidden: str
    origin: str
    heading: bool
    bold: bool
    size: float
    before: float = 0.0
    after: float = 0.0
    line: str | None = None
    line_rule: str = "auto"
    indent: float = 0.0
    width_share: float = 1.0
    break_before: bool = False
    breaks_after: int = 0
    rendered_breaks: int = 0
    row: int | None = None
    cell: int | None = None


@dataclass
class WalkStats:
    """Counts the findings are built from."""

    tables: int = 0
    nested_tables: int = 0
    table_columns: int = 0
    text_boxes: int = 0
    pictures: int = 0
    charts: int = 0
    smartart: int = 0
    icons: int = 0
    hidden_chars: int = 0
    tracked_changes: int = 0
    section_columns: int = 1
    urls: list[str] = field(default_factory=list)


@dataclass
class _Context:
    origin: str = "body"
    dark: bool = False
    width_share: float = 1.0
    row: int | None = None
    cell: int | None = None
    depth: int = 0


class Walker:
    """Collects :class:`Para` records from body, header and footer parts."""

    def __init__(self, styles: StyleBook, rels: dict[str, str]) -> None:
        self.styles = styles
        self.rels = rels
        self.paras: list[Para] = []
        self.stats = WalkStats()
        self._ids = 0

    def walk(self, element: Any, origin: str) -> None:
        self.blocks(element, _Context(origin=origin))

    def blocks(self, element: Any, ctx: _Context) -> None:
        for child in element:
            check_current()  # one huge body or text box must not outrun the time budget
            tag = child.tag
            if tag == w("p"):
                self.paragraph(child, ctx)
            elif tag == w("tbl"):
                self.table(child, ctx)
            elif tag in (w("sdt"), w("customXml")):
                content = child.find(w("sdtContent"))
                self.blocks(content if content is not None else child, ctx)
            elif tag in (w("ins"), w("moveTo")):
                self.stats.tracked_changes += 1
                self.blocks(child, ctx)
            elif tag == w("sectPr"):
                self.section(child)
            elif tag in (w("del"), w("moveFrom")):
                self.stats.tracked_changes += 1

    def section(self, sect_pr: Any) -> None:
        cols = sect_pr.find(w("cols"))
        if cols is None:
            return
        try:
            count = int(wattr(cols, "num") or 1)
        except ValueError:
            count = 1
        count = max(count, len(cols.findall(w("col"))))
        self.stats.section_columns = max(self.stats.section_columns, count)

    def table(self, tbl: Any, ctx: _Context) -> None:
        self.stats.tables += 1
        if ctx.origin == "table" or ctx.depth:
            self.stats.nested_tables += 1
        for tr in tbl.iter(w("tr")):
            if _owner_table(tr) is not tbl:
                continue
            cells = [tc for tc in tr if tc.tag == w("tc")]
            self.stats.table_columns = max(self.stats.table_columns, len(cells))
            row = ctx.row if ctx.row is not None else self._next_id()
            for tc in cells:
                shading = wattr(tc.find(f"{w('tcPr')}/{w('shd')}"), "fill")
                inner = _Context(
                    origin="table" if ctx.origin == "body" else ctx.origin,
                    dark=ctx.dark or is_dark_fill((shading or "").upper()),
                    width_share=ctx.width_share / max(len(cells), 1),
                    row=row,
                    cell=ctx.cell if ctx.cell is not None else self._next_id(),
                    depth=ctx.depth + 1,
                )
                self.blocks(tc, inner)

    def _next_id(self) -> int:
        self._ids += 1
        return self._ids

    def paragraph(self, p: Any, ctx: _Context) -> None:
        ppr = p.find(w("pPr"))
        style_id = wattr(ppr.find(w("pStyle")) if ppr is not None else None, "val")
        pprops = {**self.styles.default_para, **self.styles.para_style(style_id), **para_props(ppr)}
        base_run = {**self.styles.default_run, **self.styles.run_style(style_id)}
        dark = ctx.dark or is_dark_fill(pprops.get("fill"))
        collector = _Runs(self, base_run, dark)
        collector.visit(p)
        para = Para(
            lines=collector.lines(),
            hidden="".join(collector.hidden).strip(),
            origin=ctx.origin,
            heading=bool(pprops.get("heading")) or "outline" in pprops,
            bold=collector.all_bold(),
            size=collector.main_size(base_run.get("size", 10.0)),
            before=pprops.get("before", 0.0),
            after=pprops.get("after", 0.0),
            line=pprops.get("line"),
            line_rule=pprops.get("line_rule", "auto"),
            indent=pprops.get("indent", 0.0),
            width_share=ctx.width_share,
            break_before=bool(pprops.get("page_break_before")),
            breaks_after=collector.page_breaks,
            rendered_breaks=collector.rendered_breaks,
            row=ctx.row,
            cell=ctx.cell,
        )
        if ppr is not None and ppr.find(w("sectPr")) is not None:
            sect = ppr.find(w("sectPr"))
            self.section(sect)
            if wattr(sect.find(w("type")), "val") not in ("continuous",):
                para.breaks_after += 1
        self.paras.append(para)
        origin = "text_box" if ctx.origin in ("body", "table") else ctx.origin
        for box, filled in collector.boxes:
            self.blocks(box, _Context(origin=origin, dark=filled, depth=1))


def _owner_table(tr: Any) -> Any:
    parent = tr.getparent()
    while parent is not None and parent.tag != w("tbl"):
        parent = parent.getparent()
    return parent


class _Runs:
    """Text of one paragraph's runs, split into visible and hidden parts."""

    def __init__(self, walker: Walker, base: dict[str, Any], dark: bool) -> None:
        self.walker = walker
        self.base = base
        self.dark = dark
        self.visible: list[str] = []
        self.hidden: list[str] = []
        self.boxes: list[tuple[Any, bool]] = []
        self.sizes: dict[float, int] = {}
        self.bold_chars = 0
        self.chars = 0
        self.page_breaks = 0
        self.rendered_breaks = 0

    def visit(self, element: Any) -> None:
        for number, child in enumerate(element):
            if number & 63 == 63:
                check_current()  # a paragraph of 100,000 runs is checked as it goes
            tag = child.tag
            if tag == w("r"):
                self.run(child)
            elif tag in _RUN_CONTAINERS:
                if tag == w("ins") or tag == w("moveTo"):
                    self.walker.stats.tracked_changes += 1
                if tag == w("hyperlink"):
                    self._hyperlink(child)
                self.visit(child)
            elif tag in (w("del"), w("moveFrom")):
                self.walker.stats.tracked_changes += 1
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self.visit(content)
            elif tag == f"{{{MC}}}AlternateContent":
                self.alternate(child)

    def _hyperlink(self, link: Any) -> None:
        target = self.walker.rels.get(link.get(f"{{{R}}}id") or "")
        if target:
            self.walker.stats.urls.append(target)

    def alternate(self, element: Any) -> None:
        # Word writes each drawing twice: a modern Choice and a VML Fallback.
        choice = element.find(f"{{{MC}}}Choice")
        chosen = choice if choice is not None else element.find(f"{{{MC}}}Fallback")
        if chosen is not None:
            self.visit(chosen)
            self.graphics(chosen)

    def run(self, r: Any) -> None:
        rpr = r.find(w("rPr"))
        style = wattr(rpr.find(w("rStyle")) if rpr is not None else None, "val")
        props = {**self.base, **self.walker.styles.run_style(style), **run_props(rpr)}
        fonts = rpr.find(w("rFonts")) if rpr is not None else None
        icon_font = fonts is not None and any(
            hint in (wattr(fonts, "ascii") or wattr(fonts, "hAnsi") or "").lower() for hint in _ICON_FONTS
        )
        hidden = bool(props.get("vanish")) or (is_white(props.get("color")) and not self.dark and not is_dark_fill(props.get("fill")))
        hidden = hidden or props.get("size", 10.0) < 3.0
        for child in r:
            self.run_child(child, props, hidden, icon_font)

    def run_child(self, child: Any, props: dict[str, Any], hidden: bool, icon_font: bool) -> None:
        tag = child.tag
        if tag in _SKIP_IN_RUN:
            if tag == w("instrText") and "HYPERLINK" in (child.text or ""):
                self._field_link(child.text or "")
            return
        if tag == w("t"):
            self.text(child.text or "", props, hidden, icon_font)
        elif tag in (w("tab"), w("ptab")):
            self.text("\t", props, hidden, False)
        elif tag in (w("br"), w("cr")):
            if wattr(child, "type") == "page":
                self.page_breaks += 1
            self.text("\n", props, hidden, False)
        elif tag == w("noBreakHyphen"):
            self.text("-", props, hidden, False)
        elif tag == w("sym"):
            self.walker.stats.icons += 1
        elif tag == w("lastRenderedPageBreak"):
            self.rendered_breaks += 1
        elif tag in (w("drawing"), w("pict"), w("object")):
            self.graphics(child)
        elif tag == f"{{{MC}}}AlternateContent":
            self.alternate(child)

    def _field_link(self, instruction: str) -> None:
        parts = instruction.split('"')
        if len(parts) >= 2 and parts[1].strip():
            self.walker.stats.urls.append(parts[1].strip())

    def text(self, text: str, props: dict[str, Any], hidden: bool, icon_font: bool) -> None:
        if icon_font:
            self.walker.stats.icons += len(text.strip())
            return
        if props.get("caps"):
            text = text.upper()
        if hidden:
            self.walker.stats.hidden_chars += len(text.strip())
            self.hidden.append(text)
            return
        self.visible.append(text)
        count = len(text.strip())
        if count:
            self.chars += count
            size = float(props.get("size", 10.0))
            self.sizes[size] = self.sizes.get(size, 0) + count
            if props.get("bold"):
                self.bold_chars += count

    def graphics(self, element: Any) -> None:
        stats = self.walker.stats
        boxes = [box for box in element.iter(w("txbxContent")) if _outermost(box, element)]
        self.boxes.extend((box, _filled_shape(box)) for box in boxes)
        stats.text_boxes += len(boxes)
        stats.pictures += sum(1 for _ in element.iter(f"{{{PIC}}}pic")) + sum(1 for _ in element.iter(f"{{{V}}}imagedata"))
        stats.charts += sum(1 for _ in element.iter(f"{{{CHART}}}chart"))
        stats.smartart += sum(1 for _ in element.iter(f"{{{DGM}}}relIds"))

    def lines(self) -> list[str]:
        return "".join(self.visible).split("\n")

    def all_bold(self) -> bool:
        return self.chars > 0 and self.bold_chars >= 0.9 * self.chars

    def main_size(self, default: float) -> float:
        if not self.sizes:
            return float(default)
        return max(self.sizes.items(), key=lambda kv: kv[1])[0]


_LIGHT_SCHEME = ("bg1", "lt1", "bg2", "lt2")


def _filled_shape(box: Any) -> bool:
    """True when the shape around a text box has a coloured fill.

    White text on a filled banner is visible, so it must not count as hidden.
    """
    parent = box.getparent()
    while parent is not None:
        local = parent.tag.rsplit("}", 1)[-1]
        if local == "wsp":
            fill = parent.find(f"{{{WPS}}}spPr/{{{A}}}solidFill")
            if fill is None or not len(fill):
                return False
            color = fill[0]
            if color.tag == f"{{{A}}}srgbClr":
                return is_dark_fill((color.get("val") or "").upper())
            return color.get("val") not in _LIGHT_SCHEME
        if local == "shape" and parent.tag.startswith(f"{{{V}}}"):
            fill = (parent.get("fillcolor") or "").lstrip("#").upper()
            return parent.get("filled") != "f" and is_dark_fill(fill)
        parent = parent.getparent()
    return False


def _outermost(box: Any, stop: Any) -> bool:
    """True unless the text box sits in a VML fallback copy or in another box.

    Boxes nested in a box are read when the outer box's paragraphs are walked.
    """
    parent = box.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in (f"{{{MC}}}Fallback", w("txbxContent")):
            return False
        parent = parent.getparent()
    return True
