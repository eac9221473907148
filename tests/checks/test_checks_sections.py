"""Sections, contact and date formats."""

from jobkit import read_resume
from jobkit.pipeline import check_document
from tests import builders
from tests.helpers import text_doc
from tests.checks.conftest import MRT

def issues(doc) -> dict[str, list]:
    out: dict[str, list[dict]] = {}
    for issue in check_document(doc, MRT).checks.sections.issues:
        out.setdefault(issue.code, []).append(issue)
    return out


def test_missing_standard_sections_are_named():
    found = issues(text_doc("JANE DOE\njane@example.com | (512) 555-0147 | Austin, TX\n\nEXPERIENCE\nClerk\n"))
    missing = {i.section for i in found["missing_section"]}
    assert missing == {"summary", "education", "skills", "certifications"}
    assert next(i for i in found["missing_section"] if i.section == "education").severity == "high"


def test_odd_headings_get_a_standard_suggestion():
    doc = text_doc("JANE DOE\n\nEXPERIENCE\nClerk\n\nSTRENGTHS\nEpic\n\nA DAY IN MY LIFE\nStuff\n")
    odd = issues(doc)["odd_heading"]
    by_heading = {i.heading: i for i in odd}
    assert by_heading["STRENGTHS"].suggestion == "Skills"
    assert "not one an ATS knows" in by_heading["A DAY IN MY LIFE"].message


def test_contact_present_and_readable():
    good = issues(text_doc("JANE DOE\njane@example.com | (512) 555-0147 | Austin, TX\n\nEXPERIENCE\nClerk\n"))
    assert not {"missing_email", "missing_phone", "missing_location", "contact_not_readable"} & set(good)
    header = issues(read_resume(builders.header_contact_docx(), "r.docx"))
    assert {i.field for i in header["contact_not_readable"]} == {"email", "phone"}
    nothing = issues(text_doc("JANE DOE\n\nEXPERIENCE\nClerk\n"))
    assert {"missing_email", "missing_phone", "missing_location"} <= set(nothing)


def test_inconsistent_date_formats():
    doc = text_doc("JANE DOE\n\nEXPERIENCE\nClerk, Jan 2020 - Present\nAide, 03/2018 - 12/2019\n\nEDUCATION\nAAS, 2017\n")
    found = issues(doc)["inconsistent_dates"][0]
    assert found.styles == ("MM/YYYY", "Mon YYYY")
    same = text_doc("JANE DOE\n\nEXPERIENCE\nClerk, Jan 2020 - Present\nAide, Mar 2018 - Dec 2019\n")
    assert "inconsistent_dates" not in issues(same)
