"""The autofill preview and the application system's documented gates as text lines (the text report and
``jobkit check``)."""

from __future__ import annotations

from jobkit.model.ats_site_results import AtsSiteCheck
from jobkit.model.resume_structure import AutofillEntry
from jobkit.output.document_text import wrap

KIND_NAMES = {"contact": "Contact", "job": "Job", "school": "School"}


def autofill_lines(entries: tuple[AutofillEntry, ...]) -> list[str]:
    if not entries:
        return []
    out = ["An application form that reads your resume would fill in:"]
    for entry in entries:
        name = KIND_NAMES[entry.kind] + (f" {entry.number}" if entry.kind != "contact" and entry.number else "")
        values = "; ".join(f"{f.label}: {f.value or '(empty)'}" for f in entry.fields if f.label != "Current job")
        out.append(wrap(f"{name}: {values}" if values else name, indent="  "))
        for warning in entry.warnings:
            out.append(wrap(f"! {warning.message}", indent="      "))
    return out


STATUS_WORDS = {"problem": "Problem", "fine": "Fine", "not_documented": "Not documented"}


def ats_site_lines(site: AtsSiteCheck | None) -> list[str]:
    """The application system's documented gates, each with the vendor's words and source."""
    if site is None:
        return []
    if site.site is None:
        return [wrap(f"Where you apply ({site.name}): not recognised. jobkit knows the documented rules of Greenhouse, "
                     "Taleo, Lever, iCIMS, UKG, SuccessFactors, Workday and Jobvite; this site's are not on file.",
                     indent="  ")]
    out = [f"Where you apply: {site.name} (named by the {site.found_in})"]
    for rule in sorted(site.rules, key=lambda r: ("problem", "not_documented", "fine").index(r.status)):
        out.append(wrap(f"{STATUS_WORDS[rule.status]}: {rule.message}", indent="  "))
        if rule.status == "problem":
            secondary = " (a third party quoting the vendor)" if rule.documented == "secondary" else ""
            out.append(wrap(f"{site.name}'s own words: \"{rule.vendor_words}\"{secondary}", indent="      "))
    sources = list(dict.fromkeys(rule.source for rule in site.rules))
    out.append(wrap("Sources: " + "; ".join(sources), indent="      "))
    return out
