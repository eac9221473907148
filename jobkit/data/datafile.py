"""Load TOML data files and check their fields, naming file and field on error."""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

from jobkit.errors import DataFileError

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")  # whole string (fullmatch): "x\n" is not an id
ID_WORDS = "1 to 100 lower-case letters, digits and hyphens, starting with a letter or digit"


def _cache_dir() -> Path | None:
    """Where parsed data files are cached as JSON; None disables the cache."""
    if os.environ.get("JOBKIT_NO_CACHE"):
        return None
    root = os.environ.get("JOBKIT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "jobkit"
    )
    return Path(root)


def _cache_file(path: Path) -> Path | None:
    folder = _cache_dir()
    if folder is None:
        return None
    try:
        stat = path.stat()
    except OSError:
        return None
    key = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()
    return folder / f"{hashlib.sha1(key).hexdigest()}.json"


def _parse(path: Path) -> dict[str, Any]:
    import tomllib  # only when the cache misses: it costs a CLI run a few milliseconds

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(f"{path.name}: not valid TOML ({exc}).") from None
    except OSError as exc:
        raise DataFileError(f"{path.name}: cannot be read ({exc.strerror}).") from None


def load_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML data file, through a JSON cache keyed by the file's path, size and mtime.

    Parsing every data file costs more than the rest of a CLI check; the
    cache is plain JSON (never pickle), so a tampered cache cannot run code,
    and any error reading it falls back to parsing the file.
    """
    cached = _cache_file(path)
    if cached is not None:
        try:
            return json.loads(cached.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
        except (OSError, ValueError):
            pass
    data = _parse(path)
    if cached is not None:
        try:
            cached.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            temporary = cached.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(json.dumps(data), encoding="utf-8")
            os.replace(temporary, cached)
        except (OSError, TypeError, ValueError):
            pass  # a read-only home or an odd value: just parse next time
    return data


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
