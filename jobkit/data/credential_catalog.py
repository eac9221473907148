"""The credential catalogue (``keywords/_credentials.toml``): who issues what."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jobkit.data.datafile import Fields, load_toml, read_entity, spec
from jobkit.data.context_rules import ContextRule
from jobkit.errors import DataFileError

DEGREE_LEVELS = ("certificate", "associate", "bachelor", "master", "doctorate")


@dataclass(frozen=True)
class Credential:
    """One professional credential and the facts the credential check uses."""

    acronym: str
    name: str = field(metadata=spec("text"))
    issuer: str = field(metadata=spec("text"))
    issuer_name: str = field(metadata=spec("text"))
    requires: str = field(metadata=spec("text"))
    degree: str | None = field(metadata=spec("choice", choices=DEGREE_LEVELS))
    renewal_ceus: float | None  # from the [renewal] table
    renewal_years: int | None
    renewal_note: str = field(metadata=spec("text", required=False))
    status_of: str | None = field(metadata=spec("text", required=False))
    aliases: tuple[str, ...] = field(metadata=spec("texts"))
    issuers: tuple[str, ...]  # issuer and also_issuer
    sources: tuple[str, ...] = field(metadata=spec("texts", required=True))
    note: str = field(metadata=spec("text", required=False))
    context: tuple[ContextRule, ...] = field(default=(), metadata=spec("entities", of=ContextRule))

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
    renewal = fields.table_at("renewal", required=False)
    renewal.unknown({"ceus", "years"})
    ceus = renewal.number("ceus") if "ceus" in renewal.table else None
    years = renewal.integer("years", 1, 10) if "years" in renewal.table else None
    credential: Credential = read_entity(
        Credential, fields, extra=frozenset({"renewal", "also_issuer"}), acronym=acronym, renewal_ceus=ceus,
        renewal_years=years, issuers=(fields.text("issuer"), *fields.texts("also_issuer")),
        status_of=fields.table.get("status_of") or None,
    )
    return credential
