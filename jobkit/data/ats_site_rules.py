"""Application systems and their documented gates (keywords/_ats_sites.toml): each vendor's own words on file
size, parsing failures and email addresses, with their sources. Validated on load: a missing field or an unknown
kind names the file and the field."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from jobkit.data.datafile import Fields, check_id, load_toml
from jobkit.data.resources import data_dir
from jobkit.model.finding_codes import FINDINGS

FILE = "_ats_sites.toml"
RULE_KINDS = ("parse_size", "upload_size", "finding", "accented_email", "not_documented")
MAX_BYTES = 100 * 1024 * 1024


@dataclass(frozen=True)
class SiteRule:
    kind: str
    words: str  # the vendor's own words
    source: str
    documented: str  # vendor, or secondary (a third party citing the vendor)
    bytes: int | None = None
    findings: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Site:
    id: str
    name: str
    hosts: tuple[str, ...]  # lower case: parts of an apply link, or words in a posting, that name the site
    rules: tuple[SiteRule, ...]


def _rule(fields: Fields) -> SiteRule:
    fields.unknown({"kind", "bytes", "findings", "words", "source", "documented", "note"})
    kind = fields.choice("kind", RULE_KINDS)
    size = fields.integer("bytes", 1, MAX_BYTES) if kind.endswith("_size") else None
    findings = fields.texts("findings", required=kind == "finding")
    unknown = [code for code in findings if code not in FINDINGS]
    if unknown:
        raise fields.fail("findings", f"names {unknown[0]!r}, which is not a finding jobkit reports")
    return SiteRule(kind, fields.text("words"), fields.text("source"), fields.choice("documented", ("vendor", "secondary")),
                    size, findings, fields.text("note", required=False))


@lru_cache(maxsize=4)
def _load(folder: Path) -> tuple[Site, ...]:
    path = folder / FILE
    root = Fields(path, load_toml(path))
    root.unknown({"sources", "site"})
    root.texts("sources", required=True)
    items = root.table.get("site")
    if not isinstance(items, list) or not items:
        raise root.fail("site", "must be a list of tables")
    sites = []
    for number, item in enumerate(items):
        fields = Fields(path, item, f"site[{number}]")
        fields.unknown({"id", "name", "hosts", "rule"})
        rules = item.get("rule")
        if not isinstance(rules, list) or not rules:
            raise fields.fail("rule", "must be a list of tables (say not_documented where the vendor says nothing)")
        sites.append(Site(check_id(fields.text("id"), f"{FILE}: site id"), fields.text("name"),
                          tuple(h.lower() for h in fields.texts("hosts", required=True)),
                          tuple(_rule(Fields(path, r, f"site[{number}].rule[{n}]")) for n, r in enumerate(rules))))
    return tuple(sites)


def ats_sites() -> tuple[Site, ...]:
    return _load(data_dir("keywords"))


MAX_LINK = 2000  # characters of an apply link looked at
_HOST = re.compile(r"^[a-z0-9.-]+$")


def site_of_link(link: str) -> tuple[Site | None, str]:
    """The site an apply link is on, and the link's host ("" when it is not a link)."""
    link = link.strip()[:MAX_LINK]
    try:
        host = (urlsplit(link if "//" in link else f"https://{link}").hostname or "").lower()
    except ValueError:  # "http://[::1" and other broken links
        return None, ""
    if not _HOST.match(host) or "." not in host:
        return None, ""
    for site in ats_sites():
        if any(host == h or host.endswith("." + h) for h in site.hosts):
            return site, host
    return None, host


def site_in_text(text: str) -> Site | None:
    """The site a posting's text names by its host ("Apply at acme.wd5.myworkdayjobs.com"), or None."""
    lowered = text.lower()
    for site in ats_sites():
        # the host's own letters first: a plain substring test, cheaper than the expression over the whole text
        if any(h in lowered and re.search(rf"(?<![\w-]){re.escape(h)}\b", lowered) for h in site.hosts):
            return site
    return None
