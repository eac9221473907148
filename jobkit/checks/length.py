"""Length: pages against a target (one page by default), words, long bullets.

The seeds advise "aim for a one-page resume"; long careers may set two. A
one-page resume at 10-11 pt holds roughly 400-700 words, so that is the
recommended band per page (scaled for more pages).
"""

from __future__ import annotations

from jobkit.read.bullets import bullets
from jobkit.match.docindex import DocIndex
from jobkit.model.check_results import LengthCheck, LongBullet

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


def _cut_advice(index: DocIndex, over: int, long_bullets: list[LongBullet]) -> list[str]:
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


def _message(pages: int, target_pages: int, over: int) -> str:
    pages_word = "page" if target_pages == 1 else "pages"
    count = f"{pages} page{'' if pages == 1 else 's'}"
    if over == 0:
        return f"{count}: within the {target_pages}-{pages_word} target."
    return f"{count}: {over} over the {target_pages}-{pages_word} target."


def _advice(index: DocIndex, target_pages: int, over: int, long_bullets: list[LongBullet], word_status: str) -> list[str]:
    doc = index.document
    advice = _cut_advice(index, over, long_bullets) if over else []
    if not over and long_bullets:
        advice = [f"Shorten the {len(long_bullets)} bullet(s) over {LONG_BULLET_WORDS} words."]
    if word_status == "short":
        low, high = word_band(target_pages)
        pages_word = "page" if target_pages == 1 else "pages"
        advice.append(f"At {doc.words} words the resume looks thin; {low}-{high} words fill {target_pages} {pages_word}. "
                      "Add results to your bullets (how many, how fast, how accurate), and any missing terms that are true of you.")
    return advice


def check_length(index: DocIndex, target_pages: int = DEFAULT_TARGET_PAGES) -> LengthCheck:
    doc = index.document
    long_bullets = [
        LongBullet(b.text[:160], b.words, b.page, b.line) for b in bullets(doc, index.sections) if b.words > LONG_BULLET_WORDS
    ]
    low, high = word_band(target_pages)
    word_status = "short" if doc.words < low else "long" if doc.words > high else "ok"
    over = max(0, doc.pages - target_pages)
    first_over = next((line.text for line in doc.lines if line.page == target_pages + 1 and not line.hidden), None)
    return LengthCheck(
        target_pages=target_pages,
        pages=doc.pages,
        method=doc.page_count_method,
        how_counted=_HOW.get(doc.page_count_method, doc.page_count_method),
        confidence=doc.page_count_confidence,
        passed=over == 0,
        message=_message(doc.pages, target_pages, over),
        words=doc.words,
        word_band=(low, high),
        word_status=word_status,  # type: ignore[arg-type]
        long_bullets=tuple(long_bullets),
        advice=tuple(_advice(index, target_pages, over, long_bullets, word_status)),
        spills_at=f"Page {target_pages + 1} starts with: \"{first_over[:60]}\"" if first_over else None,
    )
