"""Read a client (operator)."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.model.clients import ClientView
from zenhire.domain.model.ids import ClientId
from zenhire.domain.model.ownership import found
from zenhire.domain.ports.clients import Clients

NO_SUCH_CLIENT = "No such client."


@dataclass(frozen=True, slots=True, kw_only=True)
class GetClient:
    """A client with its balance and live count (NOT_FOUND when unknown)."""

    clients: Clients

    async def __call__(self, client_id: ClientId) -> ClientView:
        client = found(await self.clients.get(client_id), NO_SUCH_CLIENT)
        return ClientView(client, await self.clients.live_count(client.id))
