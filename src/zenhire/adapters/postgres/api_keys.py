"""Postgres adapter for API keys (only their digests are stored)."""

from __future__ import annotations

from datetime import datetime
from typing import Final

from zenhire.adapters.postgres import rows
from zenhire.adapters.postgres.filters import Filters
from zenhire.adapters.postgres.statements import columns, placeholders, read, write
from zenhire.adapters.postgres.tables import api_keys, clients
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.domain.model.clients import ApiKey, Client
from zenhire.domain.model.ids import ApiKeyId, ClientId
from zenhire.domain.pagination import PageRequest
from zenhire.domain.ports import ApiKeys

_COLUMNS: Final = columns(api_keys)
_WRITTEN: Final = [c.name for c in api_keys.c if c.name != "last_used_at"]
ADD: Final = write(
    f"INSERT INTO api_keys ({', '.join(_WRITTEN)}) VALUES ({placeholders(len(_WRITTEN))})"
)
GET: Final = read(f"SELECT {_COLUMNS} FROM api_keys WHERE id = $1")
# The key joined to its client; a revoked key is filtered out by the database, so it costs
# exactly what an unknown one does.
BY_DIGEST: Final = read(
    f"SELECT {columns(api_keys, 'k', label='k_')}, {columns(clients, 'c')}"
    " FROM api_keys AS k JOIN clients AS c ON c.id = k.client_id"
    " WHERE k.digest = $1 AND k.revoked_at IS NULL"
)
REVOKE: Final = write("UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL")
PAGE: Final = Filters(
    f"SELECT {_COLUMNS} FROM api_keys WHERE client_id = $1",
    "ORDER BY created_at DESC, id DESC LIMIT {}",
    not_revoked="revoked_at IS NULL",
    after="(created_at, id) < ({}, {})",
)


class PostgresApiKeys(ApiKeys):
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def add(self, key: ApiKey) -> None:
        await self.tx.execute(
            ADD,
            key.id,
            key.client_id,
            key.project_id,
            key.digest,
            key.prefix,
            key.name,
            key.expires_at,
            list(key.allowed_ips),
            key.rate_limit_per_minute,
            key.created_at,
            key.revoked_at,
        )

    async def get(self, key_id: ApiKeyId) -> ApiKey | None:
        row = await self.tx.fetchrow(GET, key_id)
        return None if row is None else rows.api_key(row)

    async def find_by_digest(self, digest: bytes) -> tuple[ApiKey, Client] | None:
        """One round trip: the key joined to its client (revoked keys never match)."""
        row = await self.tx.fetchrow(BY_DIGEST, digest)
        return None if row is None else (rows.api_key(row, prefix="k_"), rows.client(row))

    async def revoke(self, key_id: ApiKeyId, now: datetime) -> ApiKey | None:
        await self.tx.execute(REVOKE, key_id, now)
        return await self.get(key_id)

    async def list(
        self, client_id: ClientId, include_revoked: bool, page: PageRequest
    ) -> list[ApiKey]:
        query = PAGE.query(client_id)
        if not include_revoked:
            query.where("not_revoked")
        if page.after is not None:
            query.where("after", page.after.created_at, page.after.id)
        statement, args = query.finish(page.limit + 1)
        return [rows.api_key(r) for r in await self.tx.fetch(statement, *args)]
