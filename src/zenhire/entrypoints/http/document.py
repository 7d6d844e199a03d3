"""The finishing pass over Litestar's OpenAPI document, from the code's own tables.

Litestar builds the operations from the route decorators. This pass completes what it cannot
express:

* body schemas come from msgspec, the library that validates the requests, so every limit
  msgspec checks (lengths, counts, ranges, patterns, unknown fields) is stated; descriptions
  and examples come from ``schemas.docs`` and ``schemas.examples``;
* each operation's error responses list exactly the codes it can answer: the errors its
  guards raise (``guards.failures_of``), the ones its handler declares (``answers``), and the
  ones any body or parameter brings, each placed under the status the one error table
  (``errors.status_for``) gives it;
* response headers (``X-Request-ID``, ``RateLimit-*``, ``Retry-After``, ``Location``, …);
* links from created resources to the operations that use them.
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, Final

import msgspec
import msgspec.inspect as mi
from litestar import Litestar, Response
from litestar.handlers import HTTPRouteHandler
from litestar.response import Stream
from litestar.routes import HTTPRoute

from zenhire.domain import errors as e
from zenhire.domain import limits
from zenhire.entrypoints.http.errors import (
    HTTP_CODES,
    PAYLOAD_TOO_LARGE_MESSAGE,
    RETRY_AFTER_SECONDS,
    status_for,
)
from zenhire.entrypoints.http.guards import api_key_guard, failures_of
from zenhire.entrypoints.http.schemas import docs, examples
from zenhire.entrypoints.http.schemas.common import ErrorBody, Out

RAISES: Final = "raises"
HEADERS: Final = "headers"
REF: Final = "#/components/schemas/{name}"
NO_NUL: Final = "^[^\\u0000]*$"
JSON: Final = "application/json"
_ERROR_TEXT: Final = "What went wrong; branch on `code`."
_BODY_TEXT: Final = (
    f"JSON in UTF-8, at most {limits.BODY_MAX_BYTES // 1024} KiB as sent (larger: 413); "
    "unknown fields are refused."
)

HEADER_SPECS: Final[Mapping[str, dict[str, Any]]] = {
    "X-Request-ID": {
        "description": "Your X-Request-ID when it was 1-128 characters of A-Z a-z 0-9 . _ -, "
        "else one minted for this request; the same value as error.requestId.",
        "schema": {"type": "string", "pattern": "^[A-Za-z0-9._-]{1,128}$"},
        "example": "req_1780048800000_3f9a1c2b7d4e",
    },
    "RateLimit-Limit": {
        "description": "Requests this API key may make per minute.",
        "schema": {"type": "integer", "minimum": 1},
        "example": 500,
    },
    "RateLimit-Remaining": {
        "description": "Requests left in the current minute.",
        "schema": {"type": "integer", "minimum": 0},
        "example": 497,
    },
    "RateLimit-Reset": {
        "description": "Seconds until the current minute's budget is restored.",
        "schema": {"type": "integer", "minimum": 0},
        "example": 42,
    },
    "Retry-After": {
        "description": "Seconds to wait before trying again.",
        "schema": {"type": "integer", "minimum": 0},
        "example": 5,
    },
    "Location": {
        "description": "Path of the session this link belongs to.",
        "schema": {"type": "string"},
        "example": "/api/v1/interview/sessions/0197a3c4-5b6d-7e8f-9a0b-1c2d3e4f5a6b",
    },
    "Cache-Control": {
        "description": "`no-store`: the body carries a secret that is shown only once.",
        "schema": {"type": "string"},
        "example": "no-store",
    },
    "Content-Length": {
        "description": "The artifact's exact size in bytes: a shorter transfer was cut off.",
        "schema": {"type": "integer", "minimum": 0},
    },
    "Idempotent-Replayed": {
        "description": "`true` when this answer repeats an earlier request made with the "
        "same Idempotency-Key.",
        "schema": {"type": "string", "enum": ["true"]},
    },
}
RATE_LIMIT_HEADERS: Final = ("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset")

# Links from an operation's success answer to the operations that use what it created.
_BY_ID: Final = "$response.body#/id"
_SESSION_LINKS: Final = {
    "get_session": {"session_id": _BY_ID},
    "list_session_events": {"session_id": _BY_ID},
    "reinvite_session": {"session_id": _BY_ID},
    "get_recording": {"session_id": _BY_ID},
    "get_transcript": {"session_id": _BY_ID},
}
LINKS: Final[Mapping[str, Mapping[str, Mapping[str, str]]]] = {
    "create_persona": {
        "get_persona": {"persona_id": _BY_ID},
        "archive_persona": {"persona_id": _BY_ID},
        "start_session": {"persona_id": _BY_ID},
    },
    "start_session": _SESSION_LINKS,
    "reinvite_session": _SESSION_LINKS,
    "create_client": {
        "get_client": {"client_id": _BY_ID},
        "update_client": {"client_id": _BY_ID},
        "adjust_credits": {"client_id": _BY_ID},
        "create_project": {"client_id": _BY_ID},
        "create_api_key": {"client_id": _BY_ID},
    },
    "create_project": {"create_api_key": {"client_id": "$response.body#/client_id"}},
    "create_api_key": {"revoke_api_key": {"key_id": _BY_ID}},
}
# Bodies a link sends: a key made right after a project belongs to it.
LINK_BODIES: Final[Mapping[tuple[str, str], Mapping[str, Any]]] = {
    ("create_project", "create_api_key"): {"project_id": _BY_ID},
}


def answers(
    *raises: type[e.DomainError], headers: Mapping[int, Sequence[str]] | None = None
) -> dict[str, Any]:
    """A handler's ``opt``: the domain errors it raises itself (its guards' are added) and the
    response headers (names of ``HEADER_SPECS``) it sets, per status."""
    return {RAISES: tuple(raises), HEADERS: dict(headers or {})}


@dataclass(frozen=True, slots=True)
class Answer:
    """One documented error answer: status, code and an example of its envelope."""

    status: int
    code: str
    message: str
    details: Mapping[str, Any] | None = None
    retry_after: int | None = None

    @classmethod
    def of(cls, error: type[e.DomainError], *, s2s: bool = False) -> Answer:
        sample = _sample(error)
        status = status_for(error, s2s=s2s)
        retry = getattr(sample, "retry_after_seconds", None) or RETRY_AFTER_SECONDS.get(status)
        return cls(status, error.code, sample.message, sample.details, retry)

    def envelope(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "code": self.code,
            "message": self.message,
            "timestamp": examples.TIMESTAMP,
            "requestId": examples.REQUEST_ID,
        }
        if self.details:
            body["details"] = dict(self.details)
        if self.retry_after is not None:
            body["retryAfterSeconds"] = self.retry_after
        return {"error": body}


def _sample(error: type[e.DomainError]) -> e.DomainError:
    """An instance for the example; errors whose details need arguments get realistic ones."""
    samples: dict[type[e.DomainError], e.DomainError] = {
        e.InvalidInputError: e.invalid("role_name", "Expected `str` of length <= 200"),
        e.InsufficientCreditsError: e.InsufficientCreditsError(balance=0, minimum=1),
        e.SessionEndedError: e.SessionEndedError("failed", "SESSION_TIMEOUT"),
        e.ArtifactNotReadyError: e.ArtifactNotReadyError("active"),
        e.IdempotencyKeyUsedError: e.IdempotencyKeyUsedError(docs.SESSION_ID),
        e.RateLimitExceededError: e.RateLimitExceededError(42),
        e.TooManyFailedAttemptsError: e.TooManyFailedAttemptsError(37),
        e.PersonaLimitError: e.PersonaLimitError(1000),
    }
    if error in samples:
        return samples[error]
    required = [
        p
        for p in inspect.signature(error).parameters.values()
        if p.default is inspect.Parameter.empty and p.kind is not p.VAR_KEYWORD
    ]
    return error() if not required else e.DomainError(error.default_message)


def finish(app: Litestar, raw: Mapping[str, Any]) -> dict[str, Any]:
    """The document Litestar generated for ``app`` (left untouched), completed."""
    doc = copy.deepcopy(dict(raw))
    operations = list(_operations(app, doc))
    types = _wire_types(h for h, _ in operations)
    refs, components = msgspec.json.schema_components(types, ref_template=REF)
    ref_of = dict(zip(types, refs, strict=True))
    schemas = {**doc.get("components", {}).get("schemas", {}), **components}
    _describe(schemas, types)
    detail = schemas[ErrorBody.__name__]["properties"]["error"]
    error_detail = schemas[detail["$ref"].rsplit("/", 1)[1]]
    for handler, op in operations:
        _no_nul(handler, op, schemas, ref_of)
        _bodies(handler, op, ref_of)
        _errors(handler, op, error_detail)
        _headers(handler, op)
        _links(op)
        _parameters(op)
    doc.setdefault("components", {})["schemas"] = _reachable(doc, schemas)
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


def _body_type(handler: HTTPRouteHandler) -> Any:
    data = handler.parsed_fn_signature.parameters.get("data")
    return data.annotation if data is not None else None


def _success_type(handler: HTTPRouteHandler) -> Any:
    returned = handler.parsed_fn_signature.return_type
    if returned.is_subclass_of(Response) and returned.inner_types:
        return returned.inner_types[0].annotation
    return returned.annotation


def _is_struct(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, msgspec.Struct)


def _wire_types(handlers: Iterator[HTTPRouteHandler]) -> list[Any]:
    found: list[Any] = [ErrorBody]
    for handler in handlers:
        extra = [spec.data_container for spec in (handler.responses or {}).values()]
        for t in (_body_type(handler), _success_type(handler), *extra):
            if _is_struct(t) and t not in found:
                found.append(t)
    return found


def _describe(schemas: dict[str, Any], types: list[Any]) -> None:
    """Descriptions and examples on every property; responses state what they always carry."""
    for cls in _named_types(types):
        schema = schemas.get(cls.__name__)
        if schema is None:
            continue
        if issubclass(cls, msgspec.Struct):
            if (text := docs.type_doc(cls)) is not None:
                schema["description"] = text
            schema.update(copy.deepcopy(dict(docs.RULES.get(cls.__name__, {}))))
            for field in msgspec.structs.fields(cls):
                prop = schema["properties"][field.encode_name]
                doc = docs.field_doc(cls, field.name)
                if doc is not None:
                    prop.setdefault("description", doc.text)
                    if doc.example is not docs.NO_EXAMPLE:
                        prop.setdefault("examples", [doc.example])
            if issubclass(cls, Out) and not cls.__struct_config__.omit_defaults:
                schema["required"] = [f.encode_name for f in msgspec.structs.fields(cls)]
        else:  # an enum
            values = [member.value for member in cls]  # type: ignore[attr-defined]
            if all(isinstance(v, str) for v in values):
                schema["type"] = "string"
            if (text := docs.type_doc(cls)) is not None:
                schema["description"] = text


def _named_types(types: list[Any]) -> list[type]:
    """Every Struct and Enum reachable from ``types`` (each is one named component)."""
    found: list[type] = []

    def visit(info: mi.Type) -> None:
        if isinstance(info, (mi.StructType, mi.DataclassType)):
            if info.cls in found:
                return
            found.append(info.cls)
            for field in info.fields:
                visit(field.type)
        elif isinstance(info, mi.EnumType):
            if info.cls not in found:
                found.append(info.cls)
        elif isinstance(info, mi.Metadata):
            visit(info.type)
        elif isinstance(info, mi.UnionType):
            for member in info.types:
                visit(member)
        elif isinstance(info, (mi.ListType, mi.SetType, mi.FrozenSetType, mi.VarTupleType)):
            visit(info.item_type)
        elif isinstance(info, mi.DictType):
            visit(info.key_type)
            visit(info.value_type)
        elif isinstance(info, mi.TupleType):
            for member in info.item_types:
                visit(member)

    for info in mi.multi_type_info(types):
        visit(info)
    return found


def _bodies(handler: HTTPRouteHandler, op: dict[str, Any], ref_of: Mapping[Any, Any]) -> None:
    op_id = op["operationId"]
    body = _body_type(handler)
    if body in ref_of:
        content = op["requestBody"]["content"]
        media = content.setdefault(JSON, {})
        media["schema"] = ref_of[body]
        op["requestBody"]["required"] = True
        op["requestBody"]["description"] = _BODY_TEXT
        if named := examples.REQUESTS.get(op_id):
            media["examples"] = _named_examples(named)
    success = str(handler.status_code)
    responses = op["responses"]
    if success in responses:
        responses[success]["description"] = HTTPStatus(handler.status_code).phrase
    returned = _success_type(handler)
    if returned in ref_of and success in responses:
        for media in (responses[success].get("content") or {}).values():
            media["schema"] = ref_of[returned]
    elif returned is Stream and success in responses:  # stored bytes, passed through
        for media_type, media in (responses[success].get("content") or {}).items():
            media["schema"] = (
                {"description": "The stored JSON document, unchanged."}
                if media_type == JSON
                else {"type": "string", "format": "binary"}
            )
    for status, spec in (handler.responses or {}).items():
        if status < HTTPStatus.BAD_REQUEST and spec.data_container in ref_of:
            media = responses[str(status)]["content"][JSON]
            media["schema"] = ref_of[spec.data_container]
    for status, response in responses.items():
        if named := examples.RESPONSES.get((op_id, int(status))):
            for media in (response.get("content") or {}).values():
                media["examples"] = _named_examples(named)
                media.pop("example", None)


def _no_nul(
    handler: HTTPRouteHandler,
    op: dict[str, Any],
    schemas: Mapping[str, Any],
    ref_of: Mapping[Any, Any],
) -> None:
    """Strings sent to the service never hold a NUL (refused with 400), except in a body
    whose type keeps them (a completion): stated as a pattern on each free-text string."""
    for parameter in op.get("parameters") or []:
        _forbid_nul(parameter.get("schema", {}), schemas, set())
    body = _body_type(handler)
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


def _named_examples(named: Mapping[str, tuple[str, Any]]) -> dict[str, Any]:
    return {name: {"summary": summary, "value": value} for name, (summary, value) in named.items()}


def documented_answers(handler: HTTPRouteHandler, op: Mapping[str, Any]) -> list[Answer]:
    """Every error answer the operation can give, once each, by status then code."""
    s2s = bool(handler.opt.get("s2s"))
    guards = handler.resolve_guards()
    raised = [error for guard in guards for error in failures_of(guard, handler.opt)]
    raised += handler.opt.get(RAISES, ())
    parameters = op.get("parameters") or []
    if parameters or "requestBody" in op:
        raised.append(e.InvalidInputError)
    if any(p["in"] == "path" for p in parameters):
        raised.append(e.NotFoundError)  # a malformed id matches no route
    if guards:
        raised.append(e.StorageUnavailableError)
    found = {(a.status, a.code): a for a in (Answer.of(error, s2s=s2s) for error in raised)}
    if "requestBody" in op:
        found[413, HTTP_CODES[413]] = Answer(413, HTTP_CODES[413], PAYLOAD_TOO_LARGE_MESSAGE)
    found[500, HTTP_CODES[500]] = Answer(500, HTTP_CODES[500], e.DomainError.default_message)
    return [found[key] for key in sorted(found)]


def _errors(handler: HTTPRouteHandler, op: dict[str, Any], error_detail: Mapping[str, Any]) -> None:
    responses = op["responses"]
    for status in [s for s in responses if int(s) >= HTTPStatus.BAD_REQUEST]:
        del responses[status]
    by_status: dict[int, list[Answer]] = {}
    for answer in documented_answers(handler, op):
        by_status.setdefault(answer.status, []).append(answer)
    for status, group in sorted(by_status.items()):
        codes = [a.code for a in group]
        detail = copy.deepcopy(dict(error_detail))
        code = {k: v for k, v in detail["properties"]["code"].items() if k != "examples"}
        detail["properties"]["code"] = {**code, "enum": codes}
        responses[str(status)] = {
            "description": f"{HTTPStatus(status).phrase}: {', '.join(codes)}",
            "content": {
                JSON: {
                    "schema": {
                        "type": "object",
                        "description": "The error envelope.",
                        "properties": {"error": {**detail, "description": _ERROR_TEXT}},
                        "required": ["error"],
                    },
                    "examples": {
                        a.code: {"summary": a.message, "value": a.envelope()} for a in group
                    },
                }
            },
        }


def _headers(handler: HTTPRouteHandler, op: dict[str, Any]) -> None:
    rate_limited = api_key_guard in handler.resolve_guards()
    declared: Mapping[int, Sequence[str]] = handler.opt.get(HEADERS, {})
    idempotent = any(p["name"] == "Idempotency-Key" for p in op.get("parameters") or [])
    for status_text, response in op["responses"].items():
        status = int(status_text)
        success = status < HTTPStatus.BAD_REQUEST
        names: list[tuple[str, bool]] = [("X-Request-ID", True)]
        if rate_limited and status != HTTPStatus.UNAUTHORIZED:
            names += [(name, success) for name in RATE_LIMIT_HEADERS]
        if status in (HTTPStatus.TOO_MANY_REQUESTS, HTTPStatus.SERVICE_UNAVAILABLE):
            names.append(("Retry-After", True))
        if success and idempotent:
            names.append(("Idempotent-Replayed", False))
        names += [(name, True) for name in declared.get(status, ())]
        headers = response.setdefault("headers", {})
        for name, required in names:
            headers[name] = {**HEADER_SPECS[name], "required": required}


def _links(op: dict[str, Any]) -> None:
    """``LINKS``, and from every paginated list to its next page."""
    source = op["operationId"]
    links = dict(LINKS.get(source, {}))
    parameters = op.get("parameters") or []
    if any(p["name"] == "cursor" for p in parameters):
        links[source] = {
            "cursor": "$response.body#/next_cursor",
            **{p["name"]: f"$request.path.{p['name']}" for p in parameters if p["in"] == "path"},
        }
    if not links:
        return
    success = min(op["responses"], key=int)
    op["responses"][success]["links"] = {
        target: {
            "operationId": target,
            "parameters": dict(parameters),
            **({"requestBody": body} if (body := LINK_BODIES.get((source, target))) else {}),
        }
        for target, parameters in links.items()
    }


def _parameters(op: dict[str, Any]) -> None:
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


def _reachable(doc: Mapping[str, Any], schemas: Mapping[str, Any]) -> dict[str, Any]:
    """The components some operation (or another kept component) refers to."""
    kept: dict[str, Any] = {}
    pending = list(_refs(doc.get("paths", {})))
    while pending:
        name = pending.pop()
        if name in kept or name not in schemas:
            continue
        kept[name] = schemas[name]
        pending.extend(_refs(schemas[name]))
    return dict(sorted(kept.items()))


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, Mapping):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            yield ref.rsplit("/", 1)[1]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)
