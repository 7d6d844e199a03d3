"""Postgres adapter for clients."""

from __future__ import annotations

from typing import Final

from zenhire.adapters.postgres import rows
from zenhire.adapters.postgres.filters import Filters
from zenhire.adapters.postgres.statements import columns, read, write
from zenhire.adapters.postgres.tables import clients
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.domain.model.clients import Client, ClientChanges
from zenhire.domain.model.ids import ClientId
from zenhire.domain.pagination import PageRequest
from zenhire.domain.ports import ClientFilter, Clients

_COLUMNS: Final = columns(clients)
ADD: Final = write(
    "INSERT INTO clients (id, name, active, permissions, max_concurrent_interviews,"
    " created_at, balance) VALUES ($1, $2, $3, $4, $5, $6, 0)"
)
GET: Final = read(f"SELECT {_COLUMNS} FROM clients WHERE id = $1")
# A NULL leaves its column as stored (every changeable column is NOT NULL).
UPDATE: Final = write(f"""
UPDATE clients SET name = coalesce($2, name),
                   max_concurrent_interviews = coalesce($3, max_concurrent_interviews),
                   permissions = coalesce($4, permissions),
                   active = coalesce($5, active)
WHERE id = $1 RETURNING {_COLUMNS}""")
# The client's live interviews (partial index ``ix_sessions_live``).
LIVE_COUNT: Final = read(
    "SELECT count(*) AS live FROM sessions WHERE client_id = $1 AND status = 'active'"
)
# ``starts_with`` takes the prefix literally: no LIKE wildcards to escape.
PAGE: Final = Filters(
    f"SELECT {_COLUMNS}, (SELECT count(*) FROM sessions AS s"
    " WHERE s.client_id = clients.id AND s.status = 'active') AS live FROM clients WHERE true",
    "ORDER BY created_at DESC, id DESC LIMIT {}",
    active="active = {}",
    name_prefix="starts_with(name, {})",
    after="(created_at, id) < ({}, {})",
)


class PostgresClients(Clients):
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def add(self, client: Client) -> None:
        await self.tx.execute(
            ADD,
            client.id,
            client.name,
            client.active,
            list(client.permissions),
            client.max_concurrent_interviews,
            client.created_at,
        )

    async def get(self, client_id: ClientId) -> Client | None:
        row = await self.tx.fetchrow(GET, client_id)
        return None if row is None else rows.client(row)

    async def update(self, client_id: ClientId, changes: ClientChanges) -> Client | None:
        """One UPDATE that sets only the sent columns: it waits for a concurrent writer's row
        lock and then applies to the row that writer committed, so neither change is lost."""
        if not changes.sent():
            return await self.get(client_id)
        permissions = None if changes.permissions is None else list(changes.permissions)
        row = await self.tx.fetchrow(
            UPDATE,
            client_id,
            changes.name,
            changes.max_concurrent_interviews,
            permissions,
            changes.active,
        )
        return None if row is None else rows.client(row)

    async def live_count(self, client_id: ClientId) -> int:
        row = await self.tx.fetchrow(LIVE_COUNT, client_id)
        assert row is not None  # noqa: S101  # an aggregate always answers one row
        return int(row["live"])

    async def list(self, where: ClientFilter, page: PageRequest) -> list[tuple[Client, int]]:
        query = PAGE.query()
        if where.active is not None:
            query.where("active", where.active)
        if where.name_prefix is not None:
            query.where("name_prefix", where.name_prefix)
        if page.after is not None:
            query.where("after", page.after.created_at, page.after.id)
        statement, args = query.finish(page.limit + 1)
        return [(rows.client(r), int(r["live"])) for r in await self.tx.fetch(statement, *args)]
