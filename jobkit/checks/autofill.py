"""The autofill preview: what an application form that reads the resume ("autofill with resume", as Workday,
SuccessFactors and iCIMS offer) would be filled with, block by block, and which rows are likely to come out wrong,
why, and what to change. Built from the resume's structure (:mod:`jobkit.match.resume_fields`) and where each line sat.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jobkit.model.resume_structure import AutofillEntry, AutofillWarning, FormField, JobEntry, School

if TYPE_CHECKING:
    from jobkit.model.document import Contact, Document
    from jobkit.model.resume_structure import ResumeStructure

SECOND_COLUMN_POINTS = 150  # a job header this far right of the page's left margin sits in a second column
_AWAY = {"header": "the page header", "footer": "the page footer", "text_box": "a text box", "table": "a table"}


def _contact(contact: "Contact", document: "Document") -> AutofillEntry:
    fields = (FormField("Name", contact.name), FormField("Email", contact.email), FormField("Phone", contact.phone),
              FormField("City, State", contact.location), FormField("LinkedIn", contact.linkedin))
    warnings = []
    if not contact.name:
        first = next((line.text.strip() for line in document.lines if line.text.strip()), "")
        warnings.append(AutofillWarning("no_name", f"No name: the form's name fields would be empty (the first line "
                                        f"reads \"{first[:50]}\"). Put your name alone on the first line."))
    if contact.rejected_phone:
        warnings.append(AutofillWarning("placeholder_phone", f"\"{contact.rejected_phone}\" is not a real phone number "
                                        "(a template's example?): the form would reject it or keep it. Put your own."))
    for field in ("email", "phone", "location"):
        origin = contact.origins.get(field, "body")
        if origin in _AWAY and origin != "table":
            warnings.append(AutofillWarning("contact_in_header_footer", f"Your {field} sits in {_AWAY[origin]}, which "
                                            "many parsers skip: the form may leave it empty. Put it in the body, "
                                            "under your name."))
    if contact.email and not contact.email.isascii():
        warnings.append(AutofillWarning("accented_email", "Your email address has accented letters, which some "
                                        "application systems reject: use one with plain letters."))
    return AutofillEntry("contact", 1, fields, tuple(warnings), line=0)


def _left_margin(document: "Document", page: int) -> float | None:
    xs = [line.bbox[0] for line in document.lines if line.page == page and line.bbox and not line.hidden]
    return min(xs) if xs else None


def _job(number: int, job: JobEntry, previous: JobEntry | None, document: "Document") -> AutofillEntry:
    fields = (FormField("Job title", job.title), FormField("Company", job.employer), FormField("Location", job.location),
              FormField("From", job.start.words() if job.start else None),
              FormField("To", "Present" if job.current else job.end.words() if job.end else None),
              FormField("Current job", "Yes" if job.current else "No"))
    header = document.lines[job.first_line]
    warnings = []
    if job.start is None:
        warnings.append(AutofillWarning("no_dates", "No start date: the form's From and To would be empty. Give "
                                        "each job its dates, month and year (\"Mar 2019 - Present\")."))
    elif job.date_line is not None and job.date_line - job.first_line >= 2:
        warnings.append(AutofillWarning("dates_on_other_line", "The dates sit two or more lines below the job title: "
                                        "a parser may give them to another job. Put them on the title's line or the "
                                        "line right under it."))
    if job.title is None or job.employer is None:
        missing = "the job title" if job.title is None else "the employer"
        if job.title is None and job.employer is None:
            missing = "the job title or the employer"
        same = previous is not None and job.employer is None and previous.employer is not None
        advice = (f"if this job is also at {previous.employer}, repeat the employer's name on it" if same and previous
                  else "put the title and the employer on their own lines, or separate them with a comma or \"|\"")
        warnings.append(AutofillWarning("title_employer_not_told_apart", f"jobkit could not read {missing} in "
                                        f"\"{header.text.strip()[:70]}\": {advice}."))
    if header.origin in ("table", "text_box"):
        warnings.append(AutofillWarning("in_table", f"This job sits in {_AWAY[header.origin]}: many parsers read "
                                        "tables and text boxes out of order or not at all. Use plain lines."))
    margin = _left_margin(document, header.page)
    if header.bbox and margin is not None and header.bbox[0] - margin > SECOND_COLUMN_POINTS and \
            any(f.code == "two_column" for f in document.findings):
        warnings.append(AutofillWarning("in_second_column", "This job sits in a second column: parsers that read "
                                        "across the page mix it with the column beside it. Use one column."))
    return AutofillEntry("job", number, fields, tuple(warnings), line=job.first_line)


def _school(number: int, school: School) -> AutofillEntry:
    fields = (FormField("School", school.school), FormField("Degree", school.credential),
              FormField("Field of study", school.field),
              FormField("Graduation year" + (" (expected)" if school.expected else ""), school.year))
    warnings = []
    if school.school is None:
        warnings.append(AutofillWarning("no_school", "No school name read: put the school's full name on the "
                                        "degree's line or the line under it."))
    if school.year is None:
        warnings.append(AutofillWarning("no_year", "No year: forms ask when you finished (or expect to). Add the "
                                        "year, if you want it shown."))
    return AutofillEntry("school", number, fields, tuple(warnings), line=school.line)


def autofill_preview(document: "Document", structure: "ResumeStructure") -> tuple[AutofillEntry, ...]:
    entries = [_contact(document.contact, document)]
    previous = None
    for number, job in enumerate(structure.jobs, 1):
        entries.append(_job(number, job, previous, document))
        previous = job
    if not structure.jobs and any(s.name == "experience" for s in document.sections):
        entries.append(AutofillEntry("job", 0, (), (AutofillWarning(
            "no_jobs_read", "The form would get no jobs: jobkit found your experience section but no job with dates "
            "in it. Give each job a line with its title, employer and dates (\"Mar 2019 - Present\")."),)))
    entries += [_school(number, school) for number, school in enumerate(structure.education, 1)]
    return tuple(entries)
