"""List clients (operator)."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.model.clients import ClientView
from zenhire.domain.pagination import Cursor, Page, PageRequest, paginate_by
from zenhire.domain.ports.clients import ClientFilter, Clients


@dataclass(frozen=True, slots=True)
class ListClientsQuery:
    where: ClientFilter
    page: PageRequest


@dataclass(frozen=True, slots=True, kw_only=True)
class ListClients:
    """Every client with its balance and live count, newest first, keyset-paginated.

    ``active`` keeps only active (or only inactive) clients; ``name_prefix`` keeps the names
    that start with it (case-sensitive).
    """

    clients: Clients

    async def __call__(self, query: ListClientsQuery) -> Page[ClientView]:
        rows = [ClientView(c, live) for c, live in await self.clients.list(query.where, query.page)]
        return paginate_by(
            rows, query.page.limit, lambda v: Cursor(v.client.created_at, v.client.id).encode()
        )
