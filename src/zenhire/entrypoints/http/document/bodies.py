"""Request and response bodies: schemas from msgspec (what validates them), examples."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from http import HTTPStatus
from typing import Any, Final

import msgspec
from litestar import Response
from litestar.handlers import HTTPRouteHandler
from litestar.response import Stream

from zenhire.domain import limits
from zenhire.entrypoints.http.schemas import examples
from zenhire.entrypoints.http.schemas.common import ErrorBody

JSON: Final = "application/json"


_BODY_TEXT: Final = (
    f"JSON in UTF-8, at most {limits.BODY_MAX_BYTES // 1024} KiB as sent (larger: 413); "
    "unknown fields are refused."
)


def body_type(handler: HTTPRouteHandler) -> Any:
    data = handler.parsed_fn_signature.parameters.get("data")
    return data.annotation if data is not None else None


def success_type(handler: HTTPRouteHandler) -> Any:
    returned = handler.parsed_fn_signature.return_type
    if returned.is_subclass_of(Response) and returned.inner_types:
        return returned.inner_types[0].annotation
    return returned.annotation


def is_struct(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, msgspec.Struct)


def wire_types(handlers: Iterator[HTTPRouteHandler]) -> list[Any]:
    found: list[Any] = [ErrorBody]
    for handler in handlers:
        extra = [spec.data_container for spec in (handler.responses or {}).values()]
        for t in (body_type(handler), success_type(handler), *extra):
            if is_struct(t) and t not in found:
                found.append(t)
    return found


def bodies(handler: HTTPRouteHandler, op: dict[str, Any], ref_of: Mapping[Any, Any]) -> None:
    op_id = op["operationId"]
    body = body_type(handler)
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
    returned = success_type(handler)
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


def _named_examples(named: Mapping[str, tuple[str, Any]]) -> dict[str, Any]:
    return {name: {"summary": summary, "value": value} for name, (summary, value) in named.items()}
