"""Every finding and issue code jobkit reports, with its plain title, its harm rank and its fix.

One registry: the readers and checks write a code and a message; pages, the
text report and the three top fixes take the title and the fix from here, so
no page ever shows a raw code. A test walks the source and fails on a code
used anywhere that is not listed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FindingCode = Literal[
    "image_only", "header_footer", "text_box", "two_column", "hidden_text", "unreadable_glyphs", "table", "rotated_text",
    "ocr_text_layer", "encoding_garbage", "tracked_changes", "wrong_extension", "keyword_stuffing", "images",
    "letter_spacing", "keyword_list", "comments",
]
IssueCode = Literal[
    "missing_email", "contact_not_readable", "misspelt_credential", "wrong_issuer", "expired_credential",
    "missing_section", "missing_phone", "odd_heading", "degree_mismatch", "inconsistent_dates", "missing_location",
    "unknown_credential", "federal_too_long", "federal_job_details", "federal_duty_not_shown",
    "federal_no_path", "name_missing", "misspelt_field_term", "misspelling", "duplicate_line", "wall_of_text",
    "weak_opener", "first_person", "unfinished_bullet", "tense_change",
]


@dataclass(frozen=True)
class CodeInfo:
    rank: int  # lower hurts more (formatting) or helps more to fix (issues)
    title: str
    fix: str = ""


# Reader findings: what an ATS would lose, most harmful first.
FINDINGS: dict[str, CodeInfo] = {code: CodeInfo(rank, title, fix) for code, (rank, title, fix) in {

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
    "encoding_garbage": (9, "Garbled characters", "Retype the garbled characters the message quotes (a dash, quote or accent saved in the wrong encoding), or save the file again as UTF-8."),
    "tracked_changes": (10, "Tracked changes", "Review > Accept All Changes, then save."),
    "wrong_extension": (11, "Wrong file extension", "Rename the file so its extension matches what it is."),
    "keyword_stuffing": (12, "Keyword stuffing", "Keep each term where it shows real work; remove repeats and hidden lists."),
    "images": (13, "Pictures", "Remove the photo and graphics; state anything they showed (skill levels, logos) in words."),
    "letter_spacing": (14, "Letter-spaced text", "Use normal spacing; make headings bold instead of spaced out."),
    "keyword_list": (15, "Long keyword lists", "Keep one short skills line; show the rest inside experience bullets."),
    "comments": (16, "Review comments", "Review > Delete All Comments."),
}.items()}

# Check issues (credentials, headings, contact, dates): rank is how much fixing it helps (higher first).
ISSUES: dict[str, CodeInfo] = {
    "missing_email": CodeInfo(70, "Add your email address"),
    "contact_not_readable": CodeInfo(65, "Put your contact details in the body"),
    "misspelt_credential": CodeInfo(50, "Fix a misspelled credential"),
    "wrong_issuer": CodeInfo(45, "Correct a credential's issuing body"),
    "expired_credential": CodeInfo(40, "Renew or mark an expired credential"),
    "missing_section": CodeInfo(35, "Add a standard section"),
    "missing_phone": CodeInfo(30, "Add your phone number"),
    "odd_heading": CodeInfo(20, "Use a standard heading"),
    "degree_mismatch": CodeInfo(20, "List the degree your credential needs"),
    "inconsistent_dates": CodeInfo(12, "Write dates one way"),
    "missing_location": CodeInfo(10, "Add your city and state"),
    "unknown_credential": CodeInfo(8, "Spell out a credential"),
    "federal_too_long": CodeInfo(90, "Cut to two pages for USAJOBS"),
    "federal_job_details": CodeInfo(55, "Give each job's dates, hours and grade"),
    "federal_duty_not_shown": CodeInfo(45, "Show the announcement's duties in your jobs"),
    "federal_no_path": CodeInfo(60, "Show how you meet the basic requirements"),
    "name_missing": CodeInfo(75, "Put your name at the top"),
    "misspelt_field_term": CodeInfo(52, "Fix a misspelled field term"),
    "misspelling": CodeInfo(25, "Fix a spelling mistake"),
    "duplicate_line": CodeInfo(24, "Remove a line written twice"),
    "wall_of_text": CodeInfo(9, "Break a long paragraph into bullets"),
    "unfinished_bullet": CodeInfo(23, "Finish or remove a template bullet"),
    "weak_opener": CodeInfo(7, "Open bullets with what you did"),
    "first_person": CodeInfo(5, "Drop \"I\" and \"my\""),
    "tense_change": CodeInfo(6, "Keep a past job in the past tense"),
}


def finding_info(code: str) -> CodeInfo:
    return FINDINGS[code]


def issue_info(code: str) -> CodeInfo:
    return ISSUES[code]


# Why a file could not be checked, in the words a batch summary uses ("3 could not be read as text"): the
# error codes of jobkit.errors and the image_only finding, never shown as codes.
ERROR_WORDS: dict[str, str] = {
    "image_only": "could not be read as text (a scan or a picture)",
    "unsupported_format": "not a resume file type (PDF, Word .docx or text)",
    "empty_document": "empty",
    "corrupt_document": "damaged",
    "encrypted_document": "password-protected",
    "file_too_large": "too large",
    "too_many_pages": "too many pages",
    "unsafe_document": "refused as unsafe",
    "read_timeout": "took too long to read",
    "worker_failed": "stopped the checker",
    "internal_error": "failed on our side",
}


def error_words(code: str) -> str:
    return ERROR_WORDS.get(code, "could not be read")
