"""Named application systems and their documented gates (issue 31): the apply link or the posting names the
vendor, each rule quotes the vendor's words and source, "not documented" where the vendor says nothing."""

from __future__ import annotations

from dataclasses import replace

import pytest

from jobkit import check_resume
from jobkit.checks.ats_sites import check_ats_site
from jobkit.data.ats_site_rules import _load, ats_sites, site_in_text, site_of_link
from jobkit.errors import DataFileError
from jobkit.output.text_format import render_report
from jobkit.read import read_resume
from tests.conftest import broken_data, corpus_path
from tests.read.test_structure import RESUME


@pytest.mark.parametrize(("link", "site"), [
    ("https://boards.greenhouse.io/acme/jobs/4012", "greenhouse"), ("job-boards.greenhouse.io/acme", "greenhouse"),
    ("https://acme.wd5.myworkdayjobs.com/en-US/careers/job/123", "workday"), ("https://jobs.lever.co/acme/1", "lever"),
    ("https://acme.taleo.net/careersection/2/jobdetail.ftl", "taleo"), ("https://careers-acme.icims.com/jobs/1", "icims"),
    ("https://recruiting.ultipro.com/ACM1000/JobBoard", "ukg"), ("https://jobs.jobvite.com/acme/job/1", "jobvite"),
])
def test_the_apply_link_names_the_site(link, site):
    found, host = site_of_link(link)
    assert found is not None and found.id == site and host


@pytest.mark.parametrize("link", ["https://notgreenhouse.io/x", "https://greenhouse.io.evil.example/x", "not a link",
                                  "http://[::1", ""])
def test_lookalikes_and_broken_links_name_no_site(link):
    assert site_of_link(link)[0] is None


def test_every_site_has_sourced_rules():
    for site in ats_sites():
        assert site.rules and all(rule.source.startswith("https://") and rule.words for rule in site.rules)


def test_greenhouse_gates_quote_the_vendor_and_find_the_columns():
    report = check_resume(corpus_path("resumes", "pdf_chromium_html_twocolumn.pdf"),
                          apply_link="https://boards.greenhouse.io/acme/jobs/1")
    site = report.checks.ats_site
    assert (site.site, site.found_in) == ("greenhouse", "apply link")
    problems = [r for r in site.rules if r.status == "problem"]
    assert [r.vendor_words for r in problems] == ["Resumes that have a columned layout"]
    assert "two columns" in problems[0].message
    size = next(r for r in site.rules if r.kind == "parse_size")
    assert size.status == "fine" and "2.5 MB" in size.message
    text = render_report(report.to_record())
    assert "Where you apply: Greenhouse (named by the apply link)" in text
    assert "Resumes that have a columned layout" in text and "support.greenhouse.io" in text


def test_a_file_over_the_parse_limit_is_a_problem_and_under_it_is_fine():
    document = read_resume(RESUME.encode(), "r.txt")
    over = check_ats_site(replace(document, file_bytes=3 * 1024 * 1024), "https://boards.greenhouse.io/a", None)
    rule = next(r for r in over.rules if r.kind == "parse_size")
    assert rule.status == "problem" and "3 MB" in rule.message and "not be filled" in rule.message
    taleo = check_ats_site(replace(document, file_bytes=1_200_000), "https://acme.taleo.net/careersection/1", None)
    assert taleo.rules[0].status == "problem" and "default" in taleo.rules[0].message
    assert taleo.rules[1].status == "not_documented"


def test_icims_refuses_accented_email_addresses():
    document = read_resume(RESUME.replace("maria.lopez@", "maría@").encode(), "r.txt")
    site = check_ats_site(document, "https://careers-acme.icims.com/jobs/1", None)
    email = next(r for r in site.rules if r.kind == "accented_email")
    assert email.status == "problem" and "accented" in email.message and email.documented == "vendor"
    plain = check_ats_site(read_resume(RESUME.encode(), "r.txt"), "https://careers-acme.icims.com/jobs/1", None)
    assert next(r for r in plain.rules if r.kind == "accented_email").status == "fine"


def test_the_posting_names_the_site_and_workday_is_not_documented():
    posting = ("Health Information Technician at Valley Health. Apply at https://valley.wd1.myworkdayjobs.com/careers. "
               "Requirements: RHIT required, 2 years of release of information experience, Epic.")
    assert site_in_text(posting).id == "workday"
    report = check_resume(read_resume(RESUME.encode(), "r.txt"), job=posting)
    site = report.checks.ats_site
    assert (site.site, site.found_in) == ("workday", "posting")
    assert [r.status for r in site.rules] == ["not_documented"]
    assert "does not publish" in site.rules[0].message


def test_an_unknown_site_is_not_recognised_and_no_link_means_no_section():
    report = check_resume(read_resume(RESUME.encode(), "r.txt"), apply_link="https://careers.example.org/job/1")
    assert (report.checks.ats_site.site, report.checks.ats_site.name) == (None, "careers.example.org")
    assert "not recognised" in render_report(report.to_record())
    assert check_resume(read_resume(RESUME.encode(), "r.txt")).checks.ats_site is None


def test_a_bad_site_rule_names_file_and_field(tmp_path):
    folder = broken_data(tmp_path, "keywords", "_ats_sites.toml", 'findings = ["two_column"]', 'findings = ["columns"]')
    with pytest.raises(DataFileError) as error:
        _load(folder)
    assert "_ats_sites.toml" in str(error.value) and "findings" in str(error.value)
