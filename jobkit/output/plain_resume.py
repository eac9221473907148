"""A plain, single-column rebuild of the resume: standard headings, one job after another (title, employer, place,
dates, then its bullets), nothing in tables, columns, text boxes, headers or footers. It holds only what was read,
in the resume's own words: nothing is reworded, added or invented. Lines jobkit could not place keep their section.

``plain_text`` for a .txt file, ``plain_docx`` for a Word file (python-docx, its built-in styles only).
"""

from __future__ import annotations

import io

from jobkit.checks.structure import STANDARD_NAME
from jobkit.model.report_record import ReportRecord
from jobkit.model.resume_structure import JobEntry
from jobkit.output.resume_items import job_bullets, job_dates, joined

# A rebuilt resume is a list of blocks: ("name", text), ("contact", text), ("heading", text), ("job", text),
# ("bullet", text), ("line", text).
Block = tuple[str, str]
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_SKIPPED = frozenset({"contact", "references"})
_PROSE = frozenset({"summary", "experience", "volunteer", "projects"})  # wrapped lines here are one statement


def _contact_line(record: ReportRecord) -> list[Block]:
    contact = record.contact
    if contact is None:
        return []
    parts = [p for p in (contact.email, contact.phone, contact.location, contact.linkedin, *contact.urls) if p]
    return ([("name", contact.name)] if contact.name else []) + ([("contact", " | ".join(parts))] if parts else [])


def _job_blocks(record: ReportRecord, job: JobEntry) -> list[Block]:
    head = ", ".join(p for p in (job.title, job.employer, job.location) if p)
    dates = job_dates(job)
    out: list[Block] = [("job", head or dates)]
    if head and dates:
        out.append(("line", dates))
    return out + [("bullet", text) for text in job_bullets(record.lines or (), job, pdf=record.format == "pdf")]


def plain_blocks(record: ReportRecord) -> list[Block]:
    """The rebuild, section by section in the resume's order; each job's header rebuilt from what was read."""
    lines = record.lines or ()
    jobs = record.structure.jobs if record.structure else ()
    blocks = _contact_line(record)
    pdf = record.format == "pdf"
    for section in record.sections:
        if section.name in _SKIPPED:
            continue
        numbers = [n for n in range(section.start, min(section.end, len(lines))) if n != section.heading_line]
        in_jobs = [job for job in jobs if section.start <= job.first_line < section.end]
        owned = {n for job in in_jobs for n in range(job.first_line, job.last_line + 1)}
        loose = joined(lines, [n for n in numbers if n not in owned], wrapped=section.name in _PROSE and pdf)
        if not loose and not in_jobs:
            continue
        blocks.append(("heading", STANDARD_NAME.get(section.name) or (section.heading or "Other").strip().title()))
        blocks += [("line", text) for text in loose]
        for job in in_jobs:
            blocks += _job_blocks(record, job)
    return blocks


def plain_text(record: ReportRecord) -> str:
    out: list[str] = []
    for kind, text in plain_blocks(record):
        if kind == "heading":
            out += ["", text.upper()]
        elif kind == "job":
            out += ["", text]
        else:
            out.append(f"- {text}" if kind == "bullet" else text)
    return "\n".join(out).strip() + "\n"


def plain_docx(record: ReportRecord) -> bytes:
    from docx import Document as WordDocument

    word = WordDocument()
    for kind, text in plain_blocks(record):
        if kind == "name":
            word.add_heading(text, level=0)
        elif kind == "heading":
            word.add_heading(text, level=1)
        elif kind == "job":
            word.add_paragraph().add_run(text).bold = True
        elif kind == "bullet":
            word.add_paragraph(text, style="List Bullet")
        else:
            word.add_paragraph(text)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
