"""Resolve Word styles, so inherited hidden, white or bold text is seen.

Text can be hidden through a style rather than on the run itself, and heading
paragraphs are usually marked only by their style. Properties merge along
the ``basedOn`` chain: document defaults, then paragraph style, then run
style, then the run's own formatting.
"""

from __future__ import annotations

from typing import Any

from jobkit.read.docx.docx_xml import para_props, run_props, w, wattr

_MAX_CHAIN = 20


class StyleBook:
    """Style lookups for one document, cached per style id."""

    def __init__(self, styles_element: Any | None) -> None:
        self._styles: dict[str, Any] = {}
        self._run_cache: dict[str, dict[str, Any]] = {}
        self._para_cache: dict[str, dict[str, Any]] = {}
        self.default_run: dict[str, Any] = {"size": 10.0}
        self.default_para: dict[str, Any] = {}
        if styles_element is None:
            return
        for style in styles_element.iter(w("style")):
            style_id = wattr(style, "styleId")
            if style_id:
                self._styles[style_id] = style
        defaults = styles_element.find(w("docDefaults"))
        if defaults is not None:
            self.default_run.update(run_props(defaults.find(f"{w('rPrDefault')}/{w('rPr')}")))
            self.default_para.update(para_props(defaults.find(f"{w('pPrDefault')}/{w('pPr')}")))
        normal = self._default_paragraph_style()
        if normal:
            self.default_run.update(self.run_style(normal))
            self.default_para.update(self.para_style(normal))

    def _default_paragraph_style(self) -> str | None:
        for style_id, style in self._styles.items():
            if style.get(w("type")) == "paragraph" and style.get(w("default")) in ("1", "true", "on"):
                return style_id
        return None

    def _chain(self, style_id: str | None) -> list[Any]:
        chain: list[Any] = []
        seen: set[str] = set()
        while style_id and style_id in self._styles and style_id not in seen and len(chain) < _MAX_CHAIN:
            seen.add(style_id)
            style = self._styles[style_id]
            chain.append(style)
            style_id = wattr(style.find(w("basedOn")), "val")
        return list(reversed(chain))

    def run_style(self, style_id: str | None) -> dict[str, Any]:
        """Run properties a style gives (its own and inherited)."""
        if not style_id:
            return {}
        if style_id not in self._run_cache:
            merged: dict[str, Any] = {}
            for style in self._chain(style_id):
                merged.update(run_props(style.find(w("rPr"))))
            self._run_cache[style_id] = merged
        return self._run_cache[style_id]

    def para_style(self, style_id: str | None) -> dict[str, Any]:
        """Paragraph properties of a style, plus whether it is a heading style."""
        if not style_id:
            return {}
        if style_id not in self._para_cache:
            merged: dict[str, Any] = {}
            for style in self._chain(style_id):
                merged.update(para_props(style.find(w("pPr"))))
                name = (wattr(style.find(w("name")), "val") or "").lower()
                if name.startswith(("heading", "title")):
                    merged["heading"] = True
            self._para_cache[style_id] = merged
        return self._para_cache[style_id]
