"""The pass itself: each documented operation through every step, in order."""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from typing import Any, Final

import msgspec
from litestar import Litestar
from litestar.handlers import HTTPRouteHandler
from litestar.routes import HTTPRoute

from zenhire.entrypoints.http.document.bodies import bodies, wire_types
from zenhire.entrypoints.http.document.components import describe, reachable
from zenhire.entrypoints.http.document.error_responses import error_responses
from zenhire.entrypoints.http.document.headers import add_headers
from zenhire.entrypoints.http.document.links import add_links
from zenhire.entrypoints.http.document.no_nul import forbid_nul_in
from zenhire.entrypoints.http.document.webhooks import add_webhooks, event_types
from zenhire.entrypoints.http.schemas import docs
from zenhire.entrypoints.http.schemas.common import ErrorBody

REF: Final = "#/components/schemas/{name}"


def finish(app: Litestar, raw: Mapping[str, Any]) -> dict[str, Any]:
    """The document Litestar generated for ``app`` (left untouched), completed."""
    doc = copy.deepcopy(dict(raw))
    operations = list(_operations(app, doc))
    types = [*wire_types(h for h, _ in operations), *event_types()]
    refs, components = msgspec.json.schema_components(types, ref_template=REF)
    ref_of = dict(zip(types, refs, strict=True))
    schemas = {**doc.get("components", {}).get("schemas", {}), **components}
    describe(schemas, types)
    detail = schemas[ErrorBody.__name__]["properties"]["error"]
    error_detail = schemas[detail["$ref"].rsplit("/", 1)[1]]
    for handler, op in operations:
        forbid_nul_in(handler, op, schemas, ref_of)
        bodies(handler, op, ref_of)
        error_responses(handler, op, error_detail)
        add_headers(handler, op)
        add_links(op)
        describe_parameters(op)
    add_webhooks(doc, ref_of)
    doc.setdefault("components", {})["schemas"] = reachable(doc, schemas)
    return doc


def _operations(app: Litestar, doc: dict[str, Any]) -> Iterator[tuple[HTTPRouteHandler, Any]]:
    """Each documented handler with its operation in ``doc``."""
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        for method, (handler, _) in route.route_handler_map.items():
            if method == "OPTIONS" or not handler.resolve_include_in_schema():
                continue
            yield handler, doc["paths"][route.path_format][method.lower()]


def describe_parameters(op: dict[str, Any]) -> None:
    """Descriptions by name where the route gave none; an optional parameter is absent, never
    null, so its schema is the non-null branch."""
    for parameter in op.get("parameters") or []:
        if not parameter.get("description") and (text := docs.PARAMETERS.get(parameter["name"])):
            parameter["description"] = text
        schema = parameter.get("schema", {})
        branches = schema.get("oneOf")
        if branches and {"type": "null"} in branches:
            kept = [b for b in branches if b != {"type": "null"}]
            rest = {k: v for k, v in schema.items() if k not in ("oneOf", "description")}
            parameter["schema"] = {**kept[0], **rest} if len(kept) == 1 else {"oneOf": kept, **rest}
