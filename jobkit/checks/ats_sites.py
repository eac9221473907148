"""The application system (ATS) an apply link or a posting names, and its documented gates applied to this resume:
file size (Greenhouse does not parse files over 2.5 MB; Taleo's default attachment limit is 1 MB), the layouts the
vendor lists as parse failures, accented email addresses (iCIMS). Each result quotes the vendor's words and source
(keywords/_ats_sites.toml); where the vendor publishes nothing, the report says "not documented". No score or
weight per vendor is invented.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jobkit.config import format_size
from jobkit.data.ats_site_rules import Site, SiteRule, ats_sites, site_of_link
from jobkit.model.ats_site_results import AtsRuleResult, AtsSiteCheck
from jobkit.model.finding_codes import finding_info

if TYPE_CHECKING:
    from jobkit.model.document import Document

def _size(rule: SiteRule, site: Site, document: "Document") -> AtsRuleResult:
    limit = format_size(rule.bytes or 0)
    what = "parse" if rule.kind == "parse_size" else "accept"
    if not document.file_bytes:
        return AtsRuleResult(rule.kind, "not_documented", f"{site.name} does not {what} files over {limit}; jobkit "
                             "was not given the file's size.", rule.words, rule.source, rule.documented)
    over = document.file_bytes > (rule.bytes or 0)
    message = (f"Your file is {format_size(document.file_bytes)}: over the {limit} {site.name} can {what}"
               + (", so the form would not be filled from it" if rule.kind == "parse_size" else ", so it may be refused")
               + ". Export it again without large pictures." if over else
               f"Your file is {format_size(document.file_bytes)}, under the {limit} {site.name} can {what}.")
    if rule.note and (over or rule.kind == "upload_size"):
        message += f" ({rule.note})"
    return AtsRuleResult(rule.kind, "problem" if over else "fine", message, rule.words, rule.source, rule.documented)


def _finding(rule: SiteRule, site: Site, document: "Document") -> AtsRuleResult:
    found = [code for code in rule.findings if code in document.finding_codes()]
    listed = ", ".join(finding_info(code).title.lower() for code in rule.findings)
    if found:
        message = (f"{site.name} lists this among resumes it cannot parse, and jobkit found it in yours: "
                   f"{finding_info(found[0]).title.lower()}. {finding_info(found[0]).fix}")
    else:
        message = f"Not found in yours: {listed}."
    if rule.note:
        message += f" ({rule.note})"
    return AtsRuleResult(rule.kind, "problem" if found else "fine", message, rule.words, rule.source, rule.documented)


def _email(rule: SiteRule, site: Site, document: "Document") -> AtsRuleResult:
    email = document.contact.email or ""
    accented = bool(email) and not email.isascii()
    message = (f"Your email address has accented letters, which {site.name} flags as invalid: apply with an address "
               "in plain letters." if accented else "Your email address uses plain letters." if email else
               "No email address was found on your resume.")
    return AtsRuleResult(rule.kind, "problem" if accented else "fine", message, rule.words, rule.source, rule.documented)


def check_ats_site(document: "Document", apply_link: str | None, posting_site: str | None) -> AtsSiteCheck | None:
    """The site named by ``apply_link`` (first) or by the posting (``posting_site``, its id), with each documented
    rule applied; None when neither names one. A link to a site jobkit has no documentation for says so."""
    site, found_in, host = None, "apply link", ""
    if apply_link:
        site, host = site_of_link(apply_link)
    if site is None and posting_site:
        site, found_in = next((s for s in ats_sites() if s.id == posting_site), None), "posting"
    if site is None:
        return AtsSiteCheck(None, host, "apply link") if host else None
    rules = []
    for rule in site.rules:
        if rule.kind.endswith("_size"):
            rules.append(_size(rule, site, document))
        elif rule.kind == "finding":
            rules.append(_finding(rule, site, document))
        elif rule.kind == "accented_email":
            rules.append(_email(rule, site, document))
        else:
            rules.append(AtsRuleResult(rule.kind, "not_documented", rule.words, rule.words, rule.source, rule.documented))
    return AtsSiteCheck(site.id, site.name, found_in, tuple(rules))
