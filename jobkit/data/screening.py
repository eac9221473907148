"""What an application's screening questions ask (keywords/_screening.toml): the kinds of knockout item, the
expressions that find them in a posting, and the settings a posting's years of experience are in. Validated on
load: a bad expression or a missing field names the file and the field."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jobkit.data.datafile import Fields, check_id, load_toml
from jobkit.data.resources import data_dir

FILE = "_screening.toml"
# The kinds a knockout item can be, in the order a report lists them: what would end an application first.
KINDS = ("credential", "experience", "education", "license", "software", "typing", "shift", "location",
         "background", "authorization")


@dataclass(frozen=True)
class ScreeningKind:
    id: str
    name: str
    patterns: tuple[re.Pattern[str], ...]
    refusals: tuple[re.Pattern[str], ...]  # in the same sentence: not an item of this kind ("Drug test: No")
    always: bool  # a condition of the job even without a "required" cue (a schedule, a background check)


@dataclass(frozen=True)
class Setting:
    """A setting or kind of work that years of experience are "in" (inpatient, coding, release of information)."""

    id: str
    name: str
    posting: tuple[re.Pattern[str], ...]
    resume: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class ScreeningRules:
    kinds: dict[str, ScreeningKind]
    settings: tuple[Setting, ...]
    # a system's name (lower case) -> other names a resume may show it by ("microsoft office": "excel", ...)
    software_families: dict[str, tuple[str, ...]]


@lru_cache(maxsize=4)
def _load(folder: Path) -> ScreeningRules:
    path = folder / FILE
    root = Fields(path, load_toml(path))
    root.unknown({"sources", "kinds", "settings", "software_families"})
    root.texts("sources", required=True)
    table = root.table_at("kinds")
    kinds = {}
    for kind_id in table.table:
        if kind_id not in KINDS:
            raise table.fail(kind_id, f"is not a kind jobkit knows ({', '.join(KINDS)})")
        fields = table.table_at(kind_id)
        fields.unknown({"name", "patterns", "not", "always", "sources"})
        fields.texts("sources", required=True)
        kinds[kind_id] = ScreeningKind(kind_id, fields.text("name"), fields.patterns("patterns"),
                                       fields.patterns("not"), fields.flag("always"))
    missing = [k for k in KINDS if k not in kinds]
    if missing:
        raise table.fail(missing[0], "is missing: every kind needs its name and sources")
    table = root.table_at("settings")
    settings = []
    for setting_id in table.table:
        fields = table.table_at(check_id(setting_id, f"{FILE}: setting id"))
        fields.unknown({"name", "posting", "resume"})
        settings.append(Setting(setting_id, fields.text("name"), fields.patterns("posting", required=True),
                                fields.patterns("resume", required=True)))
    families = root.table_at("software_families", required=False)
    software = {name.lower(): families.texts(name, required=True) for name in families.table}
    return ScreeningRules(kinds, tuple(settings), software)


def screening_rules() -> ScreeningRules:
    return _load(data_dir("keywords"))
