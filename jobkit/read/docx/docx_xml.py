"""WordprocessingML names and small property readers shared by the DOCX code."""

from __future__ import annotations

from typing import Any

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"
DGM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
V = "urn:schemas-microsoft-com:vml"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def wattr(el: Any, name: str) -> str | None:
    if el is None:
        return None
    return el.get(f"{{{W}}}{name}")


def on_off(el: Any) -> bool | None:
    """Read a WordprocessingML toggle such as ``<w:b/>`` or ``<w:b w:val="0"/>``."""
    if el is None:
        return None
    return wattr(el, "val") not in ("0", "false", "off", "none")


def twips(value: str | None, default: float = 0.0) -> float:
    """Twentieths of a point to points."""
    try:
        return float(value) / 20.0 if value is not None else default
    except ValueError:
        return default


def run_props(rpr: Any) -> dict[str, Any]:
    """The run properties jobkit cares about, from one ``w:rPr`` element."""
    props: dict[str, Any] = {}
    if rpr is None:
        return props
    for key, tag in (("bold", "b"), ("vanish", "vanish"), ("caps", "caps")):
        value = on_off(rpr.find(w(tag)))
        if value is not None:
            props[key] = value
    color = wattr(rpr.find(w("color")), "val")
    if color:
        props["color"] = color.upper()
    size = wattr(rpr.find(w("sz")), "val")
    if size:
        try:
            props["size"] = float(size) / 2.0
        except ValueError:
            pass
    fill = wattr(rpr.find(w("shd")), "fill")
    if fill:
        props["fill"] = fill.upper()
    return props


def para_props(ppr: Any) -> dict[str, Any]:
    """Spacing, indents and break hints from one ``w:pPr`` element."""
    props: dict[str, Any] = {}
    if ppr is None:
        return props
    spacing = ppr.find(w("spacing"))
    if spacing is not None:
        for key in ("before", "after"):
            if wattr(spacing, key) is not None:
                props[key] = twips(wattr(spacing, key))
        line = wattr(spacing, "line")
        if line is not None:
            props["line"] = line
            props["line_rule"] = wattr(spacing, "lineRule") or "auto"
    ind = ppr.find(w("ind"))
    if ind is not None:
        props["indent"] = twips(wattr(ind, "left") or wattr(ind, "start")) + twips(wattr(ind, "right") or wattr(ind, "end"))
    if on_off(ppr.find(w("pageBreakBefore"))):
        props["page_break_before"] = True
    outline = wattr(ppr.find(w("outlineLvl")), "val")
    if outline is not None and outline.isdigit() and int(outline) < 9:
        props["outline"] = int(outline)
    fill = wattr(ppr.find(w("shd")), "fill")
    if fill:
        props["fill"] = fill.upper()
    return props


def is_white(color: str | None) -> bool:
    return color in ("FFFFFF", "FEFEFE", "FDFDFD", "FCFCFC")


def is_dark_fill(fill: str | None) -> bool:
    """A shading fill dark enough for white text to show on it."""
    if not fill or fill in ("AUTO", "NONE") or len(fill) != 6:
        return False
    try:
        r, g, b = (int(fill[i : i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return False
    return 0.299 * r + 0.587 * g + 0.114 * b < 160
