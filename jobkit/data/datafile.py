"""Load TOML data files and check their fields, naming file and field on error."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jobkit.data.datacache import cached
from jobkit.errors import DataFileError

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")  # whole string (fullmatch): "x\n" is not an id
ID_WORDS = "1 to 100 lower-case letters, digits and hyphens, starting with a letter or digit"


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DataFileError(f"{path.name}: cannot be read ({exc.strerror}).") from None


def _parse(path: Path, content: bytes) -> dict[str, Any]:
    import tomllib  # only when the cache misses: it costs a CLI run a few milliseconds

    try:
        return tomllib.loads(content.decode("utf-8"))
    except UnicodeDecodeError:
        raise DataFileError(f"{path.name}: not UTF-8 text; save it as UTF-8.") from None
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(f"{path.name}: not valid TOML ({exc}).") from None
    except RecursionError:
        raise DataFileError(f"{path.name}: arrays or tables are nested too deeply to read; "
                            "a data file needs only a few levels.") from None


def load_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML data file, through the JSON cache keyed by the file's content (see datacache)."""
    content = _read(path)
    return cached(content, lambda: _parse(path, content))


def check_id(value: str, what: str = "id") -> str:
    """Refuse ids that could escape a folder or break a URL."""
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        raise DataFileError(f"{what} {repr(value)[:60]} must be {ID_WORDS}.")
    return value


class Fields:
    """Typed access to one table of a data file, with errors that say where."""

    def __init__(self, path: Path, table: dict[str, Any], where: str = "") -> None:
        self.path = path
        self.table = table
        self.where = where

    def _name(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def fail(self, key: str, problem: str) -> DataFileError:
        return DataFileError(f"{self.path.name}: field '{self._name(key)}' {problem}.")

    def text(self, key: str, *, required: bool = True, default: str = "") -> str:
        value = self.table.get(key, None if required else default)
        if value is None:
            raise self.fail(key, "is missing")
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(key, f"must be a non-empty string, got {value!r}")
        return value.strip()

    def texts(self, key: str, *, required: bool = False) -> tuple[str, ...]:
        value = self.table.get(key)
        if value is None:
            if required:
                raise self.fail(key, "is missing")
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(key, "must be a list of non-empty strings")
        if required and not value:
            raise self.fail(key, "must not be empty")
        return tuple(v.strip() for v in value)

    def choice(self, key: str, options: tuple[str, ...], *, default: str | None = None) -> str:
        value = self.table.get(key, default)
        if value not in options:
            raise self.fail(key, f"must be one of {', '.join(options)}, got {value!r}")
        return value  # type: ignore[return-value]

    def integer(self, key: str, low: int, high: int, *, default: int | None = None) -> int:
        value = self.table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.fail(key, f"must be a whole number from {low} to {high}, got {value!r}")
        return value

    def number(self, key: str, *, default: float | None = None) -> float:
        value = self.table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise self.fail(key, f"must be a positive number, got {value!r}")
        return float(value)

    def flag(self, key: str, *, default: bool = False) -> bool:
        value = self.table.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, f"must be true or false, got {value!r}")
        return value

    def patterns(self, key: str, *, required: bool = False, gap: str | None = None) -> tuple[re.Pattern[str], ...]:
        """A list of case-insensitive regular expressions; a bad one names its file, field and place.
        ``gap``: what the word GAP in an expression stands for."""
        out = []
        for number, text in enumerate(self.texts(key, required=required)):
            try:
                out.append(re.compile(text.replace("GAP", gap) if gap else text, re.I))
            except re.error as exc:
                raise self.fail(f"{key}[{number}]", f"is not a valid regular expression ({exc})") from None
        return tuple(out)

    def entities(self, key: str, cls: Any) -> tuple[Any, ...]:
        """A list of tables, each read as one ``cls`` (see :func:`read_entity`)."""
        value = self.table.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(key, "must be a list of tables")
        return tuple(read_entity(cls, Fields(self.path, item, f"{self._name(key)}[{n}]")) for n, item in enumerate(value))

    def table_at(self, key: str, *, required: bool = True) -> "Fields":
        value = self.table.get(key)
        if value is None and not required:
            return Fields(self.path, {}, self._name(key))
        if not isinstance(value, dict):
            raise self.fail(key, "must be a table")
        return Fields(self.path, value, self._name(key))

    def unknown(self, allowed: set[str]) -> None:
        extra = sorted(set(self.table) - allowed)
        if extra:
            raise self.fail(extra[0], f"is not a known field (known: {', '.join(sorted(allowed))})")


def spec(kind: str, **options: Any) -> dict[str, Any]:
    """Field metadata saying how a data-file field is read: the one declaration of that field.

    ``kind`` is ``text``, ``texts``, ``choice``, ``integer``, ``number``,
    ``flag`` or ``entities`` (a list of tables); options are ``required``,
    ``choices``, ``low``, ``high`` and ``of`` (the dataclass of each table). A
    dataclass whose fields carry this metadata is read by :func:`read_entity`,
    which also refuses any key the dataclass does not declare.
    """
    return {"datafile": (kind, options)}


def declared_keys(cls: Any) -> set[str]:
    """The data-file keys a dataclass declares with :func:`spec`."""
    import dataclasses

    return {f.name for f in dataclasses.fields(cls) if "datafile" in f.metadata}


def read_entity(cls: Any, fields: Fields, *, extra: frozenset[str] = frozenset(), **given: Any) -> Any:
    """An instance of the dataclass ``cls`` from one table, each field read as its ``spec`` says.

    ``given`` supplies fields that do not come from the table as is (the id,
    parts read by the caller); ``extra`` names further keys the caller reads.
    """
    import dataclasses

    specs = {f.name: f.metadata["datafile"] for f in dataclasses.fields(cls) if "datafile" in f.metadata}
    fields.unknown(set(specs) | set(extra))
    values = {name: _read_field(fields, name, kind, options) for name, (kind, options) in specs.items()
              if name not in given}
    return cls(**values, **given)


def _read_field(fields: Fields, name: str, kind: str, options: dict[str, Any]) -> Any:
    required = options.get("required", kind == "text")
    if kind == "text":
        return fields.text(name, required=required)
    if kind == "texts":
        return fields.texts(name, required=required)
    if kind == "flag":
        return fields.flag(name)
    if kind == "choice":
        if not required and fields.table.get(name) is None:
            return None
        return fields.choice(name, options["choices"])
    if kind == "integer":
        return fields.integer(name, options["low"], options["high"])
    if kind == "number":
        return fields.number(name)
    if kind == "entities":
        return fields.entities(name, options["of"])
    raise ValueError(f"unknown data-file field kind {kind!r}")
