"""From placed characters to lines in reading order, and column detection.

Pure functions over :class:`~jobkit.read.pdf.pdf_device.PageCapture`, so the
geometry can be tested without a PDF. Coordinates are points from the page's
top-left corner.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field

from jobkit.read.pdf.pdf_glyphs import Char, PageCapture

TINY_FONT = 3.0


@dataclass(slots=True)
class Fragment:
    """Characters of one row with no wide gap between them."""

    chars: list[Char]
    row: int
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0

    def __post_init__(self) -> None:
        first = self.chars[0]
        x1, top, bottom = first.x1, first.top, first.bottom
        for c in self.chars:  # max() and min() in one pass, keeping the first extreme as they do
            if c.x1 > x1:
                x1 = c.x1
            if c.top < top:
                top = c.top
            if c.bottom > bottom:
                bottom = c.bottom
        self.x0, self.x1, self.top, self.bottom = first.x0, x1, top, bottom


@dataclass(slots=True)
class PageLine:
    """A line before it becomes a :class:`~jobkit.model.document.Line`."""

    text: str
    bbox: tuple[float, float, float, float]
    size: float
    bold: bool
    hidden: bool = False
    unreadable: int = 0


@dataclass
class PageLayout:
    """What :func:`layout_page` found on one page."""

    lines: list[PageLine] = field(default_factory=list)
    gutter: float | None = None
    crossed_example: str | None = None
    visible_chars: int = 0
    hidden_chars: int = 0
    ocr_chars: int = 0
    unreadable: int = 0
    image_cover: float = 0.0
    images: int = 0
    paths: int = 0
    rotated: int = 0


def _covered(ch: Char, boxes: list[tuple[float, float, float, float]]) -> bool:
    cx, cy = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
    return any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)


def image_coverage(page: PageCapture) -> float:
    """Largest share of the page one image covers (0..1)."""
    area = page.width * page.height or 1.0
    best = 0.0
    for x0, top, x1, bottom in page.images:
        w = min(x1, page.width) - max(x0, 0)
        h = min(bottom, page.height) - max(top, 0)
        if w > 0 and h > 0:
            best = max(best, w * h / area)
    return best


def split_hidden(page: PageCapture, cover: float) -> tuple[list[Char], list[Char], int]:
    """Split chars into (shown, hidden); also count invisible OCR-layer chars.

    Invisible text over a page-size image is an OCR layer, which an ATS reads
    as intended, so it counts as shown. White text counts as hidden unless it
    sits on a dark fill or an image.
    """
    shown: list[Char] = []
    hidden: list[Char] = []
    ocr = 0
    width, height = page.width, page.height
    backdrops = page.dark_fills + page.images
    for ch in page.chars:
        if ch.invisible:
            if cover >= 0.5:
                ocr += 1
                shown.append(ch)
            else:
                hidden.append(ch)
        elif ch.size < TINY_FONT and not ch.text.isspace():
            hidden.append(ch)
        elif ch.x1 < 0 or ch.x0 > width or ch.bottom < 0 or ch.top > height:
            hidden.append(ch)
        elif ch.white and not ch.text.isspace() and not _covered(ch, backdrops):
            hidden.append(ch)
        else:
            shown.append(ch)
    return shown, hidden, ocr


def group_rows(chars: list[Char]) -> list[list[Char]]:
    """Group chars whose vertical centres line up into rows, top to bottom."""
    ordered = sorted(chars, key=lambda c: c.top + c.bottom)
    rows: list[list[Char]] = []
    row: list[Char] = []
    row_center = row_size = 0.0
    for ch in ordered:
        center = (ch.top + ch.bottom) / 2
        size = ch.size or 1.0
        if rows and abs(center - row_center) <= 0.45 * (size if size > row_size else row_size):  # max(), inlined
            row.append(ch)
            if size > row_size:
                row_size = size
        else:
            row = [ch]
            rows.append(row)
            row_center, row_size = center, size
    return rows


def _x0(ch: Char) -> float:
    return ch.x0


def split_fragments(rows: list[list[Char]]) -> list[Fragment]:
    """Cut each row at gaps wider than about a word space and a half."""
    frags: list[Fragment] = []
    for index, row in enumerate(rows):
        row.sort(key=_x0)
        prev = row[0]
        current: list[Char] = [prev]
        for ch in row[1:]:
            x0 = ch.x0
            if ch.text == prev.text and abs(x0 - prev.x0) < 1.0:
                continue  # the same glyph printed twice for a fake-bold effect
            size, prev_size = ch.size, prev.size
            gap = 1.2 * (prev_size if prev_size > size else size)  # max(), inlined: the same result, NaN too
            if x0 - prev.x1 > (6.0 if 6.0 > gap else gap):
                frags.append(Fragment(current, index))
                current = [ch]
            else:
                current.append(ch)
            prev = ch
        frags.append(Fragment(current, index))
    return frags


def find_gutter(frags: list[Fragment], width: float) -> float | None:
    """Return the x of a gutter between two independent text columns.

    Right-aligned dates or a rail of section labels also leave a vertical gap,
    but their text shares rows with the other side; two real columns flow
    independently, so most rows of the smaller side have no partner.
    """
    if len(frags) < 8:
        return None
    lefts = sorted(f.x0 for f in frags)
    rights = sorted(f.x1 for f in frags)
    n = len(frags)
    best: tuple[int, float] | None = None
    for x1 in rights:
        x = x1 + 0.5
        if not 0.15 * width <= x <= 0.85 * width:
            continue
        left = bisect_right(rights, x)
        right = n - bisect_left(lefts, x)
        cross = n - left - right
        if cross > max(3, 0.1 * n) or min(left, right) < 4:
            continue
        nearest = lefts[bisect_left(lefts, x)] if right else x
        if nearest - x < 4.0:
            continue
        if best is None or min(left, right) > best[0]:
            best = (min(left, right), x)
    if best is None:
        return None
    gutter = best[1]
    return gutter if _independent(frags, gutter) else None


def _independent(frags: list[Fragment], gutter: float) -> bool:
    """True when the text on each side of the gutter flows on its own.

    Measured on the corpus: real columns and sidebars put at least 15% of the
    text and 8 rows on the smaller side, and a third or more of those rows
    have no partner across the gutter. Rails of dates or labels have few rows
    and almost all of them pair with a line on the other side.
    """
    left = [f for f in frags if f.x1 <= gutter]
    right = [f for f in frags if f.x0 >= gutter]
    left_chars, right_chars = _char_count(left), _char_count(right)
    small, other = (left, right) if left_chars <= right_chars else (right, left)
    small_rows = {f.row for f in small}
    if len(small_rows) < 8 or min(left_chars, right_chars) < 0.15 * (left_chars + right_chars):
        return False
    unpaired = len(small_rows - {f.row for f in other}) / len(small_rows)
    (lt, lb), (rt, rb) = _extent(left), _extent(right)
    overlap = min(lb, rb) - max(lt, rt)
    shorter = min(lb - lt, rb - rt)
    return unpaired >= 0.3 and overlap >= 0.3 * max(shorter, 1.0)


def _char_count(frags: list[Fragment]) -> int:
    return sum(len(f.chars) for f in frags)


def _extent(frags: list[Fragment]) -> tuple[float, float]:
    return min(f.top for f in frags), max(f.bottom for f in frags)


def fragment_text(chars: list[Char]) -> tuple[str, int]:
    """Join chars into text, adding spaces at word-sized gaps."""
    parts: list[str] = []
    unreadable = 0
    prev: Char | None = None
    for ch in chars:
        text = ch.text
        if ch.icon or text.startswith("(cid:"):
            unreadable += 1
            prev = ch
            continue
        size = ch.size
        if prev is not None and ch.x0 - prev.x1 > 0.18 * (1.0 if 1.0 > size else size):
            if parts and not parts[-1].endswith(" ") and not text.startswith(" "):
                parts.append(" ")
        parts.append(text)
        prev = ch
    return "".join(parts), unreadable


def make_line(frags: list[Fragment], hidden: bool = False) -> PageLine:
    texts: list[str] = []
    unreadable = 0
    raw_sizes: dict[float, int] = {}
    bold = True
    for frag in frags:
        text, bad = fragment_text(frag.chars)
        unreadable += bad
        if text.strip():
            texts.append(text)
        for ch in frag.chars:
            if not ch.text.isspace():
                raw_sizes[ch.size] = raw_sizes.get(ch.size, 0) + 1
                bold = bold and ch.bold
    # Rounded once per distinct size; keys keep the order of first use, so ties break as before.
    sizes: Counter[float] = Counter()
    for raw, count in raw_sizes.items():
        sizes[round(raw, 1)] += count
    bbox = (
        min(f.x0 for f in frags),
        min(f.top for f in frags),
        max(f.x1 for f in frags),
        max(f.bottom for f in frags),
    )
    size = sizes.most_common(1)[0][0] if sizes else 0.0
    return PageLine(" ".join(texts), bbox, size, bold and bool(sizes), hidden, unreadable)


def _rows_to_lines(frags: list[Fragment], hidden: bool = False) -> list[PageLine]:
    by_row: dict[int, list[Fragment]] = {}
    for frag in frags:
        by_row.setdefault(frag.row, []).append(frag)
    return [make_line(group, hidden) for _, group in sorted(by_row.items(), key=lambda kv: kv[1][0].top)]


def _column_order(frags: list[Fragment], gutter: float) -> list[PageLine]:
    """Header rows first, then the left column, the right column, and what spans below."""
    left = [f for f in frags if f.x1 <= gutter]
    right = [f for f in frags if f.x0 >= gutter]
    # The columns start where both sides have text; anything above is the header.
    column_top = max(min(f.top for f in left), min(f.top for f in right))
    header = [f for f in frags if f.top < column_top - 1.0]
    body = [f for f in frags if f.top >= column_top - 1.0]
    return (
        _rows_to_lines(header)
        + _rows_to_lines([f for f in body if f.x1 <= gutter])
        + _rows_to_lines([f for f in body if f.x0 >= gutter])
        + _rows_to_lines([f for f in body if f.x0 < gutter < f.x1])
    )


def _crossed_example(frags: list[Fragment], gutter: float) -> str | None:
    """A row as a naive left-to-right reader would see it across both columns."""
    by_row: dict[int, list[Fragment]] = {}
    for frag in frags:
        by_row.setdefault(frag.row, []).append(frag)
    for group in sorted(by_row.values(), key=lambda g: g[0].top):
        if any(f.x1 <= gutter for f in group) and any(f.x0 >= gutter for f in group):
            text = " ".join(fragment_text(f.chars)[0].strip() for f in sorted(group, key=lambda f: f.x0))
            if len(text) > 12:
                return text[:90]
    return None


def layout_page(page: PageCapture) -> PageLayout:
    """Lines of one page in reading order, hidden lines last."""
    result = PageLayout(
        image_cover=image_coverage(page), images=len(page.images), paths=page.paths, rotated=len(page.rotated)
    )
    shown, hidden, result.ocr_chars = split_hidden(page, result.image_cover)
    result.visible_chars = sum(1 for c in shown if not c.text.isspace())
    result.hidden_chars = sum(1 for c in hidden if not c.text.isspace())
    if shown:
        frags = split_fragments(group_rows(shown))
        result.gutter = find_gutter(frags, page.width)
        if result.gutter is None:
            result.lines = _rows_to_lines(frags)
        else:
            result.lines = _column_order(frags, result.gutter)
            result.crossed_example = _crossed_example(frags, result.gutter)
    if hidden:
        result.lines += _rows_to_lines(split_fragments(group_rows(hidden)), hidden=True)
    result.unreadable = sum(line.unreadable for line in result.lines)
    return result
