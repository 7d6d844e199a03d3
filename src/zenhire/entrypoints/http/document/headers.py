"""The response headers each operation declares."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any, Final

from litestar.handlers import HTTPRouteHandler

from zenhire.entrypoints.http.document.answers import HEADERS
from zenhire.entrypoints.http.guards import api_key_guard

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


def add_headers(handler: HTTPRouteHandler, op: dict[str, Any]) -> None:
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
