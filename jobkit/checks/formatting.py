"""ATS formatting advice: the reader's findings, ordered by harm, each with its fix."""

from __future__ import annotations

from jobkit.model.check_results import FormattingAdvice
from jobkit.model.document import Finding, severity_rank

# code -> (harm rank, short title, the fix). Lower rank hurts more.
ADVICE: dict[str, tuple[int, str, str]] = {
    "image_only": (0, "No text layer",
                   "Export the original document to PDF (File > Save As > PDF) or Word; never upload a scan or a photo."),
    "header_footer": (1, "Text in the header or footer",
                      "Move your name, email and phone into the first lines of the page body."),
    "text_box": (2, "Text boxes",
                 "Delete the text boxes and type their text as normal paragraphs (Layout > Wrap Text > In Line as a quick test)."),
    "two_column": (3, "Two columns or a sidebar",
                   "Rebuild the resume as one column: sidebar sections become normal sections under standard headings."),
    "hidden_text": (4, "Hidden text", "Delete white, tiny or hidden text; use real keywords visibly where they are true."),
    "unreadable_glyphs": (5, "Unreadable characters",
                          "Replace icons with words ('Email:', 'Phone:') and export with standard, embedded fonts."),
    "table": (6, "Tables", "Replace layout tables with plain paragraphs; use tab stops for right-aligned dates."),
    "rotated_text": (7, "Sideways text", "Set all text horizontally."),
    "ocr_text_layer": (8, "Scanned pages", "Upload the original document; OCR text has errors an ATS will keep."),
    "encoding_garbage": (9, "Garbled characters", "Retype the dashes and quotes shown as 'â€' or save the file again as UTF-8."),
    "tracked_changes": (10, "Tracked changes", "Review > Accept All Changes, then save."),
    "wrong_extension": (11, "Wrong file extension", "Rename the file so its extension matches what it is."),
    "keyword_stuffing": (12, "Keyword stuffing", "Keep each term where it shows real work; remove repeats and hidden lists."),
    "images": (13, "Pictures", "Remove the photo and graphics; state anything they showed (skill levels, logos) in words."),
    "letter_spacing": (14, "Letter-spaced text", "Use normal spacing; make headings bold instead of spaced out."),
    "keyword_list": (15, "Long keyword lists", "Keep one short skills line; show the rest inside experience bullets."),
    "comments": (16, "Review comments", "Review > Delete All Comments."),
}


def formatting_advice(findings: list[Finding]) -> list[FormattingAdvice]:
    """Findings turned into advice, the most harmful first."""
    rows = []
    for finding in findings:
        rank, title, fix = ADVICE.get(finding.code, (99, finding.code.replace("_", " ").capitalize(), "See the message."))
        advice = FormattingAdvice(finding.code, finding.severity, title, finding.message, fix, finding.where)  # type: ignore[arg-type]
        rows.append(((severity_rank(finding.severity), rank), advice))
    rows.sort(key=lambda row: row[0])
    return [advice for _, advice in rows]
