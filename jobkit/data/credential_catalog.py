"""The credential catalogue (``keywords/_credentials.toml``): who issues what."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jobkit.data.datafile import Fields, load_toml
from jobkit.errors import DataFileError

DEGREE_LEVELS = ("certificate", "associate", "bachelor", "master", "doctorate")

_FIELDS = {"name", "issuer", "issuer_name", "requires", "degree", "renewal", "renewal_note", "status_of",
           "aliases", "also_issuer", "sources", "note"}


@dataclass(frozen=True)
class Credential:
    """One professional credential and the facts the credential check uses."""

    acronym: str
    name: str
    issuer: str
    issuer_name: str
    requires: str
    degree: str | None
    renewal_ceus: float | None
    renewal_years: int | None
    renewal_note: str
    status_of: str | None
    aliases: tuple[str, ...]
    issuers: tuple[str, ...]
    sources: tuple[str, ...]
    note: str

    @property
    def term_id(self) -> str:
        return "cred-" + self.acronym.lower()

    @property
    def renewal(self) -> str:
        if not self.renewal_ceus or not self.renewal_years:
            return ""
        ceus = f"{self.renewal_ceus:g}"
        text = f"{ceus} CEUs every {self.renewal_years} years"
        return f"{text} ({self.renewal_note})" if self.renewal_note else text

    def to_dict(self) -> dict[str, object]:
        return {
            "acronym": self.acronym,
            "name": self.name,
            "issuer": self.issuer,
            "issuer_name": self.issuer_name,
            "requires": self.requires,
            "renewal": self.renewal,
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class Catalogue:
    credentials: dict[str, Credential]
    other_acronyms: frozenset[str]

    def get(self, acronym: str) -> Credential | None:
        return self.credentials.get(acronym.upper())


def load_catalogue(path: Path) -> Catalogue:
    data = load_toml(path)
    root = Fields(path, data)
    root.unknown({"credentials", "other"})
    table = root.table_at("credentials")
    credentials: dict[str, Credential] = {}
    for acronym in table.table:
        credentials[acronym.upper()] = _credential(acronym.upper(), table.table_at(acronym))
    for credential in credentials.values():
        if credential.status_of and credential.status_of not in credentials:
            raise DataFileError(
                f"{path.name}: field 'credentials.{credential.acronym}.status_of' names "
                f"{credential.status_of!r}, which is not in the catalogue."
            )
    other = root.table_at("other", required=False).texts("acronyms")
    return Catalogue(credentials, frozenset(a.upper() for a in other))


def _credential(acronym: str, fields: Fields) -> Credential:
    fields.unknown(_FIELDS)
    degree = fields.table.get("degree")
    if degree is not None:
        fields.choice("degree", DEGREE_LEVELS)
    renewal = fields.table_at("renewal", required=False)
    ceus = renewal.number("ceus") if "ceus" in renewal.table else None
    years = renewal.integer("years", 1, 10) if "years" in renewal.table else None
    issuer = fields.text("issuer")
    return Credential(
        acronym=acronym,
        name=fields.text("name"),
        issuer=issuer,
        issuer_name=fields.text("issuer_name"),
        requires=fields.text("requires"),
        degree=degree,
        renewal_ceus=ceus,
        renewal_years=years,
        renewal_note=fields.text("renewal_note", required=False),
        status_of=fields.table.get("status_of"),
        aliases=fields.texts("aliases"),
        issuers=(issuer, *fields.texts("also_issuer")),
        sources=fields.texts("sources", required=True),
        note=fields.text("note", required=False),
    )
