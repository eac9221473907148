"""What the application system (ATS) named by the apply link or the posting documents about resume files, and
how this resume fares under each documented rule. Data only: :mod:`jobkit.checks.ats_sites` builds it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

RuleStatus = Literal["problem", "fine", "not_documented"]


@dataclass(frozen=True)
class AtsRuleResult:
    kind: str  # parse_size, upload_size, finding, accented_email, not_documented
    status: RuleStatus
    message: str  # what it means for this resume, in plain words
    vendor_words: str  # the vendor's own words
    source: str
    documented: str  # vendor, or secondary (a third party citing the vendor)


@dataclass(frozen=True)
class AtsSiteCheck:
    site: str | None  # the site's id; None when the apply link names a site jobkit has no documentation for
    name: str  # "Greenhouse", or the link's host
    found_in: str  # "apply link" or "posting"
    rules: tuple[AtsRuleResult, ...] = ()
