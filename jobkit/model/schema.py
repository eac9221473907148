"""JSON Schema for the typed report parts, generated from the dataclasses themselves.

The schema the OpenAPI document serves for ``checks`` and ``summary`` is made
here from :mod:`jobkit.model.check_results`, so it cannot drift from what
:func:`jobkit.model.check_results.jsonable` writes: a renamed field changes both.
"""

from __future__ import annotations

import dataclasses
import types
import typing
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
