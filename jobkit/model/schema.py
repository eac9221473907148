"""The report's JSON, written once for every typed part: writing it, reading it back, its JSON Schema.

:func:`jsonable` writes any dataclass of the model, :func:`from_jsonable` reads
it back into the same class, and :func:`schema_for` gives the JSON Schema the
OpenAPI document serves, all from the dataclasses themselves: a renamed field
changes all three. A field says how it is written with :func:`json_field`;
by default a field whose default is ``None`` is left out of the JSON while it
is ``None`` (as the report always did for optional facts such as ``spills_at``).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import lru_cache
from typing import Any, Literal, TypeVar, Union

T = TypeVar("T")
# How a field is written: left out while None when its default is None (the default), always (None as null),
# left out while it equals its default, or never (in-process only, such as a match's variant).
Written = Literal["unless_none", "always", "unless_default", "never"]

_SCALARS = {str: {"type": "string"}, int: {"type": "integer"}, float: {"type": "number"}, bool: {"type": "boolean"}}


def json_field(*, written: Written = "unless_none", digits: int | None = None, **options: Any) -> Any:
    """A dataclass field (``options`` as for ``dataclasses.field``) that says how the JSON writes it.

    ``digits``: a float (or a tuple of floats) is written rounded to this many decimals.
    """
    metadata: dict[str, Any] = {**options.pop("metadata", {}), "written": written}
    if digits is not None:
        metadata["digits"] = digits
    return dataclasses.field(metadata=metadata, **options)


def _how(item: dataclasses.Field[Any]) -> Written:
    return item.metadata.get("written", "unless_none")  # type: ignore[no-any-return]


def _writes(item: dataclasses.Field[Any], value: Any) -> bool:
    how = _how(item)
    if how == "unless_none":
        return value is not None or item.default is not None
    if how == "unless_default":
        return bool(value != item.default)
    return how == "always"


def _rounded(value: Any, digits: int | None, *, as_float: bool = False) -> Any:
    if digits is None or value is None:
        return value
    if isinstance(value, (tuple, list)):
        return tuple(_rounded(v, digits, as_float=as_float) for v in value)
    return round(float(value) if as_float else value, digits)


@lru_cache(maxsize=None)
def _plan(cls: type) -> tuple[tuple[str, dataclasses.Field[Any], int | None], ...]:
    """Each field of a dataclass with how it is written, read once per class (a report has thousands of parts)."""
    return tuple((item.name, item, item.metadata.get("digits")) for item in dataclasses.fields(cls))


def jsonable(value: Any) -> Any:
    """Dataclasses to dictionaries, tuples to lists, recursively; each field written as it declares."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {}
        for name, item, digits in _plan(type(value)):
            data = getattr(value, name)
            if _writes(item, data):
                out[name] = jsonable(_rounded(data, digits))
        return out
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    return value


def as_stored(value: T) -> T:
    """``value`` (a dataclass) as its JSON reads back: declared floats rounded, unwritten fields at their defaults.

    One level deep: what :func:`from_jsonable` of :func:`jsonable` gives, without the round trip.
    """
    changes: dict[str, Any] = {}
    for item in dataclasses.fields(value):  # type: ignore[arg-type]
        if _how(item) == "never":
            changes[item.name] = _default(item)
        elif "digits" in item.metadata:
            changes[item.name] = _rounded(getattr(value, item.name), item.metadata["digits"], as_float=True)
    return dataclasses.replace(value, **changes) if changes else value  # type: ignore[type-var]


def _default(item: dataclasses.Field[Any]) -> Any:
    return item.default_factory() if item.default_factory is not dataclasses.MISSING else item.default


def schema_for(kind: Any) -> dict[str, Any]:
    """The JSON Schema (2020-12) of one annotated type: a dataclass, a Literal, a tuple, a dict or a scalar."""
    if dataclasses.is_dataclass(kind):
        return _object(kind)
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is Literal:
        return {"enum": list(args)}
    if origin in (Union, types.UnionType):
        options = [schema_for(a) for a in args if a is not type(None)]
        return {"anyOf": options + [{"type": "null"}]} if type(None) in args else {"anyOf": options}
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": schema_for(args[0])}
        return {"type": "array", "prefixItems": [schema_for(a) for a in args], "minItems": len(args),
                "maxItems": len(args)}
    if origin is dict:
        return {"type": "object", "additionalProperties": schema_for(args[1])}
    if kind is float:
        return {"type": "number"}
    if kind in _SCALARS:
        return dict(_SCALARS[kind])
    raise TypeError(f"no JSON Schema for {kind!r}")


def _object(cls: Any) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for item in dataclasses.fields(cls):
        how, hint = _how(item), hints[item.name]
        if how == "never":
            continue
        if how == "unless_none" and item.default is None:  # left out of the JSON while None
            hint = Union[tuple(a for a in typing.get_args(hint) if a is not type(None))]  # type: ignore[valid-type]
        elif how != "unless_default":
            required.append(item.name)
        properties[item.name] = schema_for(hint)
    out: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        out["required"] = required
    if cls.__doc__ and not cls.__doc__.startswith(cls.__name__ + "("):
        out["description"] = " ".join(cls.__doc__.split())
    return out


@lru_cache(maxsize=None)
def _fields(cls: Any) -> tuple[tuple[str, Any, bool], ...]:
    """(name, type, required) per field of a dataclass that the JSON writes, resolved once per class."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name], f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)
                 for f in dataclasses.fields(cls) if _how(f) != "never")


def from_jsonable(kind: Any, data: Any, where: str = "report") -> Any:
    """The inverse of ``jsonable``: ``data`` (parsed JSON) as an instance of ``kind``.

    Lists become tuples, nested dictionaries become their dataclasses, a field
    left out takes its default; unknown keys are ignored (a newer writer may
    add fields). A value of the wrong type raises ``ValueError`` naming where
    it sits, e.g. ``report.checks.length.pages``.
    """
    if dataclasses.is_dataclass(kind):
        if not isinstance(data, dict):
            raise ValueError(f"{where}: expected an object")
        values = {}
        for name, hint, required in _fields(kind):
            if name in data:
                values[name] = from_jsonable(hint, data[name], f"{where}.{name}")
            elif required:
                raise ValueError(f"{where}.{name}: missing")
        return kind(**values)
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is Literal:
        if data not in args:
            raise ValueError(f"{where}: {data!r} is not one of {', '.join(map(repr, args))}")
        return data
    if origin in (Union, types.UnionType):
        if data is None and type(None) in args:
            return None
        options = [a for a in args if a is not type(None)]
        errors = []
        for option in options:
            try:
                return from_jsonable(option, data, where)
            except ValueError as exc:
                errors.append(str(exc))
        raise ValueError(errors[0] if len(errors) == 1 else f"{where}: matches none of its types ({'; '.join(errors)})")
    if origin is tuple:
        if not isinstance(data, (list, tuple)):
            raise ValueError(f"{where}: expected a list")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_jsonable(args[0], item, f"{where}[{n}]") for n, item in enumerate(data))
        if len(data) != len(args):
            raise ValueError(f"{where}: expected {len(args)} items")
        return tuple(from_jsonable(a, item, f"{where}[{n}]") for n, (a, item) in enumerate(zip(args, data)))
    if origin is dict:
        if not isinstance(data, dict):
            raise ValueError(f"{where}: expected an object")
        return {key: from_jsonable(args[1], value, f"{where}.{key}") for key, value in data.items()}
    return _scalar(kind, data, where)


def _scalar(kind: Any, data: Any, where: str) -> Any:
    if kind is float and isinstance(data, (int, float)) and not isinstance(data, bool):
        return float(data)
    if kind is int and isinstance(data, int) and not isinstance(data, bool):
        return data
    if kind in (str, bool) and type(data) is kind:
        return data
    if kind is Any:
        return data
    raise ValueError(f"{where}: expected {getattr(kind, '__name__', kind)}, got {type(data).__name__}")
