"""Query and path parameter types shared by the list endpoints."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request
from litestar.params import QueryParameter

from zenhire.domain import limits
from zenhire.domain.model.clients import Principal
from zenhire.domain.pagination import PageRequest
from zenhire.entrypoints.http.guards import principal_of

Limit = Annotated[
    int,
    QueryParameter(ge=1, le=limits.LIST_LIMIT_MAX, description="Page size, 1-100."),
]
CursorParam = Annotated[
    str | None, QueryParameter(description="Opaque cursor from a previous page's next_cursor.")
]


def page_request(limit: int, cursor: str | None) -> PageRequest:
    return PageRequest.of(limit, cursor)


def caller(request: Request[Any, Any, Any]) -> Principal:
    return principal_of(request)
