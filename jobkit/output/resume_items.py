"""The resume's content in the order an export writes it: each job's bullets (wrapped lines joined), the lines of
each section. Shared by the JSON Resume export and the plain rebuild, so both carry exactly what was read."""

from __future__ import annotations

from jobkit.model.document import Line
from jobkit.model.resume_structure import JobEntry
from jobkit.read.bullets import BULLET, continues


def joined(lines: tuple[Line, ...], numbers: list[int] | tuple[int, ...], *, wrapped: bool = True) -> list[str]:
    """The lines as statements, bullet marks dropped, hidden lines left out. A line that goes on in lower case joins
    the one above; with ``wrapped`` (a PDF's bulleted lines), so does an unmarked line under a marked bullet.
    A Word or text file's lines are its paragraphs: they never wrap."""
    out: list[str] = []
    marked = wrapped and any(n < len(lines) and BULLET.match(lines[n].text) for n in numbers)
    for n in numbers:
        if n >= len(lines) or lines[n].hidden or not lines[n].text.strip():
            continue
        text = lines[n].text.strip()
        goes_on = text[:1].islower() or (marked and continues(out[-1], text) if out else False)
        if out and not BULLET.match(text) and goes_on:
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(" ".join(BULLET.sub("", text).split()))
    return out


def job_bullets(lines: tuple[Line, ...], job: JobEntry, *, pdf: bool) -> list[str]:
    return joined(lines, job.bullets, wrapped=pdf)


def job_dates(job: JobEntry) -> str:
    end = "Present" if job.current else job.end.words() if job.end else ""
    start = job.start.words() if job.start else ""
    return f"{start} - {end}" if start and end else start or end
