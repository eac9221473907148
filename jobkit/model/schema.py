"""JSON Schema for the typed report parts, and reading their JSON back, both from the dataclasses themselves.

The schema the OpenAPI document serves for ``checks`` and ``summary`` is made
here from :mod:`jobkit.model.check_results`, so it cannot drift from what
:func:`jobkit.model.check_results.jsonable` writes: a renamed field changes both.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import lru_cache
from typing import Any, Literal, Union

_SCALARS = {str: {"type": "string"}, int: {"type": "integer"}, float: {"type": "number"}, bool: {"type": "boolean"}}


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
        optional = item.default is None  # left out of the JSON while None
        hint = hints[item.name]
        if optional:
            hint = Union[tuple(a for a in typing.get_args(hint) if a is not type(None))]  # type: ignore[valid-type]
        else:
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
    """(name, type, required) per field of a dataclass, resolved once per class."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name], f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)
                 for f in dataclasses.fields(cls))


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
