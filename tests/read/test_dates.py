"""The one date reader: each form a resume writes, read the same by the job parser and the date check."""

from datetime import date

import pytest

from jobkit.pipeline import check_document
from jobkit.match.target import role_target
from jobkit.read.dates import STYLES, WorkDate, date_style, find_dates, token_date
from jobkit.read.experience import job_entries
from tests.helpers import text_doc

MRT = role_target("medical-records-technician")

FORMS = [
    ("Sept. 2021", WorkDate(2021, 9), "Mon YYYY"),
    ("Sept.2021", WorkDate(2021, 9), "Mon YYYY"),
    ("SEPT 2021", WorkDate(2021, 9), "Mon YYYY"),
    ("September 2021", WorkDate(2021, 9), "Mon YYYY"),
    ("Jan, 2021", WorkDate(2021, 1), "Mon YYYY"),
    ("Jan '21", WorkDate(2021, 1), "Mon 'YY"),
    ("Jan \u201921", WorkDate(2021, 1), "Mon 'YY"),
    ("Fall 2020", WorkDate(2020), "Season YYYY"),
    ("01/15/2021", WorkDate(2021, 1), "MM/DD/YYYY"),
    ("01/15/21", WorkDate(2021, 1), "MM/DD/YY"),
    ("2021-01", WorkDate(2021, 1), "YYYY-MM"),
    ("2021-01-15", WorkDate(2021, 1), "YYYY-MM-DD"),
    ("01/2021", WorkDate(2021, 1), "MM/YYYY"),
    ("1-2021", WorkDate(2021, 1), "MM-YYYY"),
    ("01.2021", WorkDate(2021, 1), "MM.YYYY"),
    ("01/21", WorkDate(2021, 1), "MM/YY"),
    ("2021", WorkDate(2021), None),
]


@pytest.mark.parametrize(("text", "when", "style"), FORMS)
def test_each_form_has_one_date_and_one_style(text, when, style):
    [token] = find_dates(text)
    assert token.group() == text
    assert (token_date(token), date_style(token)) == (when, style)
    assert style is None or style in STYLES


@pytest.mark.parametrize("text", ["Present", "13/2021", "00/2021", "2061", "Mayor 2020", "GPA 9.5/10"])
def test_no_month_and_year_where_there_is_none(text):
    assert all(token_date(t) is None or t.lastgroup == "year" for t in find_dates(text))
    assert [date_style(t) for t in find_dates(text) if date_style(t)] == []


@pytest.mark.parametrize(("text", "when", "style"), [f for f in FORMS if f[2] != "MM/YY"])
def test_the_job_parser_reads_what_the_date_check_sees(text, when, style):
    doc = text_doc(f"JANE DOE\n\nEXPERIENCE\nRecords Clerk, Mercy Hospital | {text} - Present\nFiled charts.\n")
    [job] = job_entries(doc)
    assert (job.start, job.current) == (when, True)
    other = "Spring 2019" if style != "Season YYYY" else "May 2019"
    mixed = text_doc(f"JANE DOE\n\nEXPERIENCE\nRecords Clerk, Mercy Hospital | {text} - Present\nFiled charts.\n"
                     f"File Clerk, Sunrise Clinic | {other} - Dec 2019\n")
    issues = [i for i in check_document(mixed, MRT).checks.sections.issues if i.code == "inconsistent_dates"]
    assert style is None or style in issues[0].styles


def test_a_range_of_two_month_years_is_two_dates_not_an_iso_month():
    [first, second] = find_dates("08/2013-12/2015")
    assert (token_date(first), token_date(second)) == (WorkDate(2013, 8), WorkDate(2015, 12))
    assert {date_style(first), date_style(second)} == {"MM/YYYY"}


def test_an_expiry_in_words_is_read_as_one():
    doc = text_doc("JANE DOE\njane@example.com\n\nCERTIFICATIONS\nRHIT, AHIMA, exp. Sept 2020\n")
    expired = [i for i in check_document(doc, MRT).checks.credentials.issues if i.code == "expired_credential"]
    assert date.today() > date(2020, 9, 30) and "09/2020" in expired[0].message
