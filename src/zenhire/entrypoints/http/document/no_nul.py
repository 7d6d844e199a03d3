"""Strings sent to the service never hold a NUL: a pattern on every free-text string."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from litestar.handlers import HTTPRouteHandler

from zenhire.entrypoints.http.document.bodies import body_type

NO_NUL: Final = "^[^\\u0000]*$"


def forbid_nul_in(
    handler: HTTPRouteHandler,
    op: dict[str, Any],
    schemas: Mapping[str, Any],
    ref_of: Mapping[Any, Any],
) -> None:
    """Strings sent to the service never hold a NUL (refused with 400), except in a body
    whose type keeps them (a completion): stated as a pattern on each free-text string."""
    for parameter in op.get("parameters") or []:
        _forbid_nul(parameter.get("schema", {}), schemas, set())
    body = body_type(handler)
    if body in ref_of and not getattr(body, "keeps_nul", False):
        _forbid_nul(ref_of[body], schemas, set())


def _forbid_nul(schema: dict[str, Any], schemas: Mapping[str, Any], seen: set[str]) -> None:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        if name not in seen:
            seen.add(name)
            _forbid_nul(schemas[name], schemas, seen)
        return
    free_text = not ({"pattern", "enum", "const", "format"} & schema.keys())
    if schema.get("type") == "string" and free_text:
        schema["pattern"] = NO_NUL
    if schema.get("type") == "object" and "additionalProperties" in schema:
        names = schema.setdefault("propertyNames", {})
        if "pattern" not in names:
            names["pattern"] = NO_NUL
    for key in ("properties",):
        for child in schema.get(key, {}).values():
            _forbid_nul(child, schemas, seen)
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            _forbid_nul(schema[key], schemas, seen)
    for key in ("anyOf", "oneOf", "allOf"):
        for child in schema.get(key, []):
            _forbid_nul(child, schemas, seen)
