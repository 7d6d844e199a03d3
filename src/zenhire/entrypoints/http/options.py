"""``OPTIONS`` answers whose ``Allow`` lists every method a path serves.

Litestar 2 builds its automatic OPTIONS handler when the first handler of a path is
registered and never updates it, so a path served by several handlers (``GET`` and ``POST
/personas``) answered ``Allow: OPTIONS, POST`` (upstream issue 4169, fixed only in Litestar 3;
a Controller is registered handler by handler too). Registering one explicit OPTIONS handler
per path, ahead of the path's handlers, keeps Litestar from creating its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from litestar import Response, route
from litestar.enums import HttpMethod
from litestar.handlers import HTTPRouteHandler
from litestar.status_codes import HTTP_204_NO_CONTENT

OPTIONS: Final = "OPTIONS"


def _options(path: str, methods: set[str]) -> HTTPRouteHandler:
    allow = ", ".join(sorted({*methods, OPTIONS}))

    @route(path, http_method=HttpMethod.OPTIONS, include_in_schema=False, status_code=204)
    async def options() -> Response[None]:
        return Response(None, status_code=HTTP_204_NO_CONTENT, headers={"Allow": allow})

    return options


def with_options(handlers: Sequence[HTTPRouteHandler]) -> list[HTTPRouteHandler]:
    """``handlers`` preceded by one OPTIONS handler per path they serve (router-relative)."""
    methods: dict[str, set[str]] = {}
    for handler in handlers:
        for path in handler.paths:
            methods.setdefault(path, set()).update(handler.http_methods)
    return [*(_options(path, served) for path, served in methods.items()), *handlers]
