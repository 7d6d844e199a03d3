"""Clients (tenants): their settings, balance cache and live count."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from zenhire.domain.model.clients import Client, ClientChanges
from zenhire.domain.model.ids import ClientId
from zenhire.domain.pagination import PageRequest


@dataclass(frozen=True, slots=True, kw_only=True)
class ClientFilter:
    active: bool | None = None
    name_prefix: str | None = None  # case-sensitive


class Clients(Protocol):
    async def add(self, client: Client) -> None:
        """Insert a new client with a zero balance (credits are granted through ``Credits``).
        No lock taken on others."""
        ...

    async def get(self, client_id: ClientId) -> Client | None:
        """The client with its current balance, or None. No lock."""
        ...

    async def update(self, client_id: ClientId, changes: ClientChanges) -> Client | None:
        """Write only the fields set in ``changes``, atomically: a concurrent change of other
        fields is kept. The client as written (row-locked until the unit of work ends), or
        None when unknown."""
        ...

    async def live_count(self, client_id: ClientId) -> int:
        """Number of the client's ``active`` sessions. No lock."""
        ...

    async def list(self, where: ClientFilter, page: PageRequest) -> list[tuple[Client, int]]:
        """Clients with their live counts, newest first, after ``page.after``, at most
        ``page.limit + 1``. No lock."""
        ...
