"""Length: pages against a target (one page by default), words, long bullets.

The seeds advise "aim for a one-page resume"; long careers may set two. A
one-page resume at 10-11 pt holds roughly 400-700 words, so that is the
recommended band per page (scaled for more pages).
"""

from __future__ import annotations

from typing import Any

from jobkit.read.bullets import bullets
from jobkit.match.docindex import DocIndex

DEFAULT_TARGET_PAGES = 1
WORDS_PER_PAGE = (400, 700)
LONG_BULLET_WORDS = 35
_HOW = {
    "pdf_page_tree": "exact: counted from the PDF",
    "docx_saved_page_count": "the page count Word saved with the file",
    "docx_rendered_page_breaks": "the page breaks Word recorded when it last laid the document out",
    "docx_layout_estimate": "estimated from page size, margins, fonts, spacing and breaks",
    "text_standard_page_estimate": "estimated for a standard page (Letter, 1 inch margins, 11 pt)",
}


def word_band(target_pages: int) -> tuple[int, int]:
    low, high = WORDS_PER_PAGE
    return (low, high) if target_pages == 1 else (low + (target_pages - 1) * 350, high * target_pages)


def _section_words(index: DocIndex) -> list[tuple[str, int]]:
    totals: dict[str, int] = {}
    for number, line in enumerate(index.document.lines):
        name = index.sections[number]
        if name != "contact" and not line.hidden:
            totals[name] = totals.get(name, 0) + len(line.text.split())
    return sorted(totals.items(), key=lambda kv: -kv[1])


def _cut_advice(index: DocIndex, over: int, long_bullets: list[dict[str, Any]]) -> list[str]:
    advice = []
    biggest = _section_words(index)[:2]
    for name, words in biggest:
        advice.append(f"Your {name} section has {words} words: keep the last 10 years in detail and shrink older roles "
                      "to a line each." if name == "experience" else f"Trim the {name} section ({words} words).")
    if long_bullets:
        advice.append(f"Shorten the {len(long_bullets)} bullet(s) over {LONG_BULLET_WORDS} words to one or two lines each.")
    advice.append("Drop 'References available on request', photos, and repeated skills.")
    if over > 1:
        advice.append("Fit margins of 0.5-1 inch and 10-11 pt text before cutting content you need.")
    return advice


def check_length(index: DocIndex, target_pages: int = DEFAULT_TARGET_PAGES) -> dict[str, Any]:
    doc = index.document
    long_bullets = [
        {"text": b.text[:160], "words": b.words, "page": b.page, "line": b.line}
        for b in bullets(doc, index.sections)
        if b.words > LONG_BULLET_WORDS
    ]
    low, high = word_band(target_pages)
    word_status = "short" if doc.words < low else "long" if doc.words > high else "ok"
    over = max(0, doc.pages - target_pages)
    passed = over == 0
    pages_word = "page" if target_pages == 1 else "pages"
    count = f"{doc.pages} page{'' if doc.pages == 1 else 's'}"
    if passed:
        message = f"{count}: within the {target_pages}-{pages_word} target."
    else:
        message = f"{count}: {over} over the {target_pages}-{pages_word} target."
    first_over = next((line.text for line in doc.lines if line.page == target_pages + 1 and not line.hidden), None)
    result: dict[str, Any] = {
        "target_pages": target_pages,
        "pages": doc.pages,
        "method": doc.page_count_method,
        "how_counted": _HOW.get(doc.page_count_method, doc.page_count_method),
        "confidence": doc.page_count_confidence,
        "passed": passed,
        "message": message,
        "words": doc.words,
        "word_band": [low, high],
        "word_status": word_status,
        "long_bullets": long_bullets,
        "advice": [] if passed else _cut_advice(index, over, long_bullets),
    }
    if first_over:
        result["spills_at"] = f"Page {target_pages + 1} starts with: \"{first_over[:60]}\""
    if passed and long_bullets:
        result["advice"] = [f"Shorten the {len(long_bullets)} bullet(s) over {LONG_BULLET_WORDS} words."]
    if word_status == "short":
        result["advice"].append(f"At {doc.words} words the resume looks thin; {low}-{high} words fill {target_pages} {pages_word}. "
                                "Add results and the terms you are missing.")
    return result
