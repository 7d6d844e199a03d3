"""Which listener serves which routes (api.md §8, ``ADMIN_PORT``).

With ``ADMIN_PORT`` unset every route is served on the public port. With it set, the operator
surface (the admin API and ``/metrics``) is served only on the admin listener and answers 404
``NOT_FOUND`` on the public one; the admin listener serves nothing else but the health checks
(each listener answers its own probes). The listener a request came through is the local port
of its connection (the ASGI scope's ``server``): every worker accepts on both sockets.
"""

from __future__ import annotations

from typing import Any, Final

from litestar.connection import ASGIConnection
from litestar.exceptions import NotFoundException
from litestar.handlers.base import BaseRouteHandler
from litestar.types import Guard

SURFACE: Final = "surface"  # the ``opt`` key routers set
OPERATOR: Final = {SURFACE: "operator"}
EVERY_LISTENER: Final = {SURFACE: "every"}


def listener_guard(admin_port: int) -> Guard:
    """A guard (run before any other) hiding each surface from the other listener."""

    async def guard(
        connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler
    ) -> None:
        surface = handler.opt.get(SURFACE)
        if surface == EVERY_LISTENER[SURFACE]:
            return
        server = connection.scope.get("server")
        on_admin = server is not None and server[1] == admin_port
        if on_admin != (surface == OPERATOR[SURFACE]):
            raise NotFoundException()

    return guard
